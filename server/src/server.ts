// LSP wiring only: connection, document sync, capabilities and dispatch to the language service.
// Runs over IPC when started by the VS Code client, or with --stdio for other editors.
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver/node';
import { createLanguageService } from './service';
import { PREVIEW_CHANGED_NOTIFICATION, PREVIEW_REQUEST, type PreviewParams } from './service/preview/protocol';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const schemaDir = process.env.K8S_STATEFUL_SCHEMAS ?? join(__dirname, '..', 'schemas', 'generated');
const service = createLanguageService({ schemaDir });

connection.onInitialize(() => ({
  capabilities: {
    textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
  },
  serverInfo: { name: 'k8s-stateful', version: '0.1.0' },
}));

// Validation is coalesced per document: a burst of keystrokes yields one run, on the newest text.
const pending = new Map<string, NodeJS.Immediate>();

function scheduleValidation(document: TextDocument): void {
  service.setDocument(document.uri, document.getText(), document.version);
  notifyPreviewChanged();
  const previous = pending.get(document.uri);
  if (previous) clearImmediate(previous);
  pending.set(
    document.uri,
    setImmediate(() => {
      pending.delete(document.uri);
      publishDiagnostics(document.uri);
    }),
  );
}

function publishDiagnostics(uri: string): void {
  const version = service.documentVersion(uri);
  try {
    const diagnostics = service.getDiagnostics(uri);
    // A newer edit arrived while we worked: its own run will publish.
    if (service.documentVersion(uri) !== version) return;
    void connection.sendDiagnostics({ uri, version, diagnostics });
  } catch (error) {
    connection.console.error(`k8s-stateful: checking ${uri} failed: ${(error as Error).stack ?? error}`);
  }
}

documents.onDidOpen((e) => scheduleValidation(e.document));
documents.onDidChangeContent((e) => scheduleValidation(e.document));
documents.onDidClose((e) => {
  service.removeDocument(e.document.uri);
  notifyPreviewChanged();
  void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
});

// Stateful Preview: computed on request; clients re-request when told the documents changed
// (at most every 100 ms while the user types).
connection.onRequest(PREVIEW_REQUEST, (params?: PreviewParams) => service.getPreview({ activeUri: params?.activeUri }));
let previewChangedTimer: NodeJS.Timeout | undefined;
function notifyPreviewChanged(): void {
  previewChangedTimer ??= setTimeout(() => {
    previewChangedTimer = undefined;
    void connection.sendNotification(PREVIEW_CHANGED_NOTIFICATION);
  }, 100);
}

documents.listen(connection);
connection.listen();
