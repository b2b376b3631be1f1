// LSP wiring only: connection, document sync, capabilities and dispatch to the language service.
// Runs over IPC when started by the VS Code client, or with --stdio for other editors.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CodeActionKind,
  createConnection,
  ProposedFeatures,
  LSPErrorCodes,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { createLanguageService, type Diagnostic } from './service';
import { secretCodeLenses } from './service/lens/secretLens';
import { WorkspaceSync } from './workspaceSync';
import { startIdleCollector } from './idleCollector';
import { guardConnection } from './requestGuard';
import { resolveDecodedEdit, withholdDecodedEdits } from './secretActions';
import { PREVIEW_CHANGED_NOTIFICATION, PREVIEW_REQUEST, type PreviewParams } from './service/preview/protocol';

// Every handler is guarded: cancellation, stale results and exceptions (see requestGuard.ts).
const connection = guardConnection(createConnection(ProposedFeatures.all), {
  versionOf: (uri) => service.documentVersion(uri),
  log: (message) => connection.console.error(message),
});
const documents = new TextDocuments(TextDocument);
const schemaDir = process.env.K8S_STATEFUL_SCHEMAS ?? join(__dirname, '..', 'schemas', 'generated');
// Rule docs ship in the extension folder (dist/../docs/rules); diagnostics link to them.
const docsBaseUri = pathToFileURL(join(__dirname, '..', 'docs', 'rules')).href;
const service = createLanguageService({ schemaDir, docsBaseUri });
// Heavy work (the workspace scan, a first check of a huge file) leaves garbage V8 only collects under
// pressure: collect it once the server is idle, or right after the scan, so the memory goes back
// (idleCollector.ts).
const idleCollector = startIdleCollector();
const sync = new WorkspaceSync(
  connection,
  service,
  () => notifyPreviewChanged(),
  () => idleCollector.collectIfGrown(),
);
let pullConfiguration = false;
let snippetSupport = false;
let foldingRangeLimit: number | undefined;

connection.onInitialize((params) => {
  const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  sync.setFolders(folders);
  pullConfiguration = params.capabilities.workspace?.configuration === true;
  snippetSupport = params.capabilities.textDocument?.completion?.completionItem?.snippetSupport === true;
  foldingRangeLimit = params.capabilities.textDocument?.foldingRange?.rangeLimit;
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      definitionProvider: true,
      referencesProvider: true,
      renameProvider: { prepareProvider: true },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite], resolveProvider: true },
      codeLensProvider: { resolveProvider: false },
      // A space asks for values after `key: ` and `- `, a colon after `key:` (the service answers nothing elsewhere).
      completionProvider: { triggerCharacters: [' ', ':'], resolveProvider: false },
      hoverProvider: true,
      documentSymbolProvider: { label: 'Kubernetes' },
      foldingRangeProvider: true,
    },
    serverInfo: { name: 'k8s-stateful', version: '0.1.0' },
  };
});

connection.onInitialized(async () => {
  // VS Code's client announces setting changes itself (synchronize.configurationSection).
  if (pullConfiguration) await loadConfiguration();
  // Documents opened before the settings arrived were checked with the defaults.
  sync.republishOpen();
  await sync.scan();
});

/** Settings: pulled with workspace/configuration when the client supports it, else taken from the change notification. */
async function loadConfiguration(pushed?: unknown): Promise<void> {
  try {
    service.configure(pullConfiguration ? await connection.workspace.getConfiguration({ section: 'k8sStateful' }) : pushed);
  } catch (error) {
    connection.console.error(`k8s-stateful: reading settings failed: ${(error as Error).message}`);
  }
}

connection.onDidChangeConfiguration(async (params) => {
  await loadConfiguration((params.settings as { k8sStateful?: unknown } | undefined)?.k8sStateful);
  sync.republishOpen(true);
  notifyPreviewChanged();
});
connection.onDidChangeWatchedFiles((params) => void sync.filesChanged(params.changes));

// Validation is coalesced per document (a burst of keystrokes yields one run, on the newest text);
// other open documents that may depend on the edit are re-checked shortly after (WorkspaceSync).
function scheduleValidation(document: TextDocument): void {
  sync.changed(document);
  notifyPreviewChanged();
}

documents.onDidOpen((e) => scheduleValidation(e.document));
documents.onDidChangeContent((e) => scheduleValidation(e.document));
documents.onDidClose((e) => {
  void sync.closed(e.document.uri);
  notifyPreviewChanged();
});

// Navigation across resources. Rename refusals come back as errors the editor shows as they are.
connection.onDefinition((params) => service.definition(params.textDocument.uri, params.position));
connection.onReferences((params) => service.references(params.textDocument.uri, params.position, params.context.includeDeclaration));
connection.onPrepareRename((params) => {
  const result = service.prepareRename(params.textDocument.uri, params.position);
  if ('error' in result) throw new ResponseError(LSPErrorCodes.RequestFailed, result.error);
  return result;
});
connection.onRenameRequest((params) => {
  const result = service.rename(params.textDocument.uri, params.position, params.newName);
  if ('error' in result) throw new ResponseError(LSPErrorCodes.RequestFailed, result.error);
  return result.edit;
});
connection.onShutdown(() => sync.stop());

// Quick fixes and refactors; Secret value lenses (masked here: the VS Code client reveals values).
// Refactors that would write decoded Secret values get their edit on resolve only (secretActions.ts).
connection.onCodeAction((params) =>
  withholdDecodedEdits(
    service.getCodeActions(params.textDocument.uri, params.range, params.context.diagnostics as Diagnostic[], params.context.only),
    params.textDocument.uri,
    params.range,
  ),
);
connection.onCodeActionResolve((action) => resolveDecodedEdit(service, action));
connection.onCodeLens((params) => secretCodeLenses(service.getSecretLenses(params.textDocument.uri)));

// Schema-driven completion, hover, outline and folding.
connection.onCompletion((params) =>
  service.getCompletions(params.textDocument.uri, params.position, { triggerCharacter: params.context?.triggerCharacter, snippets: snippetSupport }),
);
connection.onHover((params) => service.getHover(params.textDocument.uri, params.position));
connection.onDocumentSymbol((params) => service.getDocumentSymbols(params.textDocument.uri));
connection.onFoldingRanges((params) => service.getFoldingRanges(params.textDocument.uri, foldingRangeLimit));

// Stateful Preview: computed on request; clients re-request when told the documents changed
// (at most every 100 ms while the user types). The pause grows with the cost of the last preview,
// so that on a huge workspace the preview takes about a sixth of the server's time at most.
let lastPreviewMs = 0;
connection.onRequest(PREVIEW_REQUEST, (params?: PreviewParams) => {
  const started = performance.now();
  const model = service.getPreview({ activeUri: params?.activeUri });
  lastPreviewMs = performance.now() - started;
  return model;
});
let previewChangedTimer: NodeJS.Timeout | undefined;
function notifyPreviewChanged(): void {
  previewChangedTimer ??= setTimeout(() => {
    previewChangedTimer = undefined;
    void connection.sendNotification(PREVIEW_CHANGED_NOTIFICATION);
  }, Math.max(100, 5 * lastPreviewMs));
}

// The server's process id and memory: the crash-recovery test kills the process, the bench samples it.
connection.onRequest('k8sStateful/processInfo', () => ({ pid: process.pid, ...process.memoryUsage(), idleCollections: idleCollector.collections }));

documents.listen(connection);
connection.listen();
