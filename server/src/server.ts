#!/usr/bin/env node
// LSP wiring only: connection, document sync, capabilities and dispatch to the language service.
// Runs over IPC when started by the VS Code client, or with --stdio for other editors.
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { checkCommandLine } from './serverCommandLine';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CodeActionKind,
  DidChangeWatchedFilesNotification,
  DidChangeWorkspaceFoldersNotification,
  type FileEvent,
  createConnection,
  ProposedFeatures,
  LSPErrorCodes,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  WatchKind,
  type WorkspaceFolder,
  type WorkspaceFoldersChangeEvent,
} from 'vscode-languageserver/node';
import { schemaFiles } from './schemaFiles';
import { readCrdFiles } from './crdFiles';
import { createLanguageService, type Diagnostic } from './service';
import { secretCodeLenses } from './service/lens/secretLens';
import { WorkspaceSync } from './workspaceSync';
import { startIdleCollector } from './idleCollector';
import { guardConnection } from './requestGuard';
import { resolveDecodedEdit, withholdDecodedEdits } from './secretActions';
import { PREVIEW_CHANGED_NOTIFICATION, PREVIEW_REQUEST, type PreviewParams } from '../../common/protocol';
import { ProjectSettings } from './projectSettings';
import { configCompletions, configDiagnostics, isConfigUri } from './config/configEditing';
import { FolderWatchers, watchPaths, watchPlan } from './fileWatcher';
import { CONFIG_FILE_NAME } from './config/projectConfig';
import pkg from '../../package.json';
import resourceSnippets from '../../snippets/resources.json';

// --help, --version, or no transport: answer and exit before any connection is made.
checkCommandLine(process.argv.slice(2));

// Every handler is guarded: cancellation, stale results and exceptions (see requestGuard.ts).
const connection = guardConnection(createConnection(ProposedFeatures.all), {
  versionOf: (uri) => service.documentVersion(uri),
  log: (message) => connection.console.error(message),
});
const documents = new TextDocuments(TextDocument);
const schemaDir = process.env.K8S_STATEFUL_SCHEMAS ?? join(__dirname, '..', 'schemas', 'generated');
// Rule docs ship in the extension folder (dist/../docs/rules); diagnostics link to them.
const docsBaseUri = pathToFileURL(join(__dirname, '..', 'docs', 'rules')).href;
// Whole-resource snippets, bundled from snippets/resources.json at build time.
const service = createLanguageService({ schemas: schemaFiles(schemaDir), docsBaseUri, resourceSnippets: Object.values(resourceSnippets) });
// Heavy work (the workspace scan, a first check of a huge file) leaves garbage V8 only collects under
// pressure: collect it once the server is idle, or right after the scan, so the memory goes back
// (idleCollector.ts).
const idleCollector = startIdleCollector();
const sync = new WorkspaceSync(
  connection,
  service,
  () => notifyPreviewChanged(),
  () => idleCollector.collectIfGrown(),
  () => idleCollector.noteActivity(),
);
let pullConfiguration = false;
let snippetSupport = false;
let foldingRangeLimit: number | undefined;
let dynamicWatchers = false;
// The workspace folders (file: ones), as the client spells their URIs (scopeUri) and as paths.
let folderUris: string[] = [];
let folderPaths: string[] = [];
let project = new ProjectSettings([]);
/** The server's own watchers of the workspace folders, when the client cannot register watchers. */
let folderWatchers: FolderWatchers | undefined;

connection.onInitialize((params) => {
  const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  folderUris = folders.filter((u) => u.startsWith('file:'));
  folderPaths = folderUris.map((u) => fileURLToPath(u));
  project = new ProjectSettings(folderPaths);
  // Each file's findings use the nearest .k8s-stateful.yaml above it, as in the CLI.
  service.configureDocuments((uri) => (uri.startsWith('file:') ? project.settingsFor(fileURLToPath(uri)) : undefined));
  sync.isExcluded = (path) => project.isExcluded(path);
  sync.setFolders(folders);
  pullConfiguration = params.capabilities.workspace?.configuration === true;
  dynamicWatchers = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
  // Clients without workspace/configuration (or before it answers) pass settings here:
  // `{ "k8sStateful": {...} }` or the section itself.
  const init = params.initializationOptions as { k8sStateful?: unknown } | undefined;
  applySettings(init && typeof init === 'object' ? (init.k8sStateful ?? init) : undefined);
  snippetSupport = params.capabilities.textDocument?.completion?.completionItem?.snippetSupport === true;
  foldingRangeLimit = params.capabilities.textDocument?.foldingRange?.rangeLimit;
  if (!dynamicWatchers) folderWatchers = ownFolderWatchers();
  // Registered here, after the library's own workspace-folders feature took the notification (when
  // the client declared the capability): folders added or removed later are scanned or dropped.
  connection.onNotification(DidChangeWorkspaceFoldersNotification.type, (change) => workspaceFoldersChanged(change?.event ?? { added: [], removed: [] }));
  return {
    capabilities: {
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
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
    serverInfo: { name: 'k8s-stateful', version: pkg.version },
  };
});

connection.onInitialized(async () => {
  // Manifests (and the config file) changed on disk, e.g. by a branch switch: the client watches
  // when it can register watchers for us, else the server does.
  if (dynamicWatchers) {
    void connection.client
      .register(DidChangeWatchedFilesNotification.type, {
        watchers: [
          { globPattern: '**/*.{yaml,yml}' },
          { globPattern: `**/${CONFIG_FILE_NAME}` },
          // A folder deleted, renamed or created arrives as one event for the folder (not its files),
          // which the YAML pattern does not match: workspaceSync drops or scans what is under it.
          { globPattern: '**/*', kind: WatchKind.Create | WatchKind.Delete },
        ],
      })
      .catch((error: unknown) => {
        // A client that offered registration and then refused it (an unhandled rejection here used
        // to end the server): watch the folders ourselves.
        connection.console.warn(`k8s-stateful: the client refused file watchers (${(error as Error).message}); the server watches the folders itself`);
        folderWatchers ??= ownFolderWatchers();
        folderWatchers.set(folderPaths);
      });
  } else {
    folderWatchers?.set(folderPaths);
  }
  // VS Code's client announces setting changes itself (synchronize.configurationSection).
  if (pullConfiguration) await loadConfiguration();
  await refreshCrds(); // the config file's, when no client settings named any
  // Documents opened before the settings arrived were checked with the defaults.
  sync.republishOpen();
  await sync.scan();
});

function pathOf(uri: string): string | undefined {
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined; // a file: URI with a host, on this platform
  }
}

function ownFolderWatchers(): FolderWatchers {
  return new FolderWatchers((changes) => void watchedFilesChanged(changes), (message) => connection.console.warn(`k8s-stateful: ${message}`));
}

/**
 * Folders added to or removed from the workspace (VS Code's "Add Folder to Workspace…", Neovim's
 * add_workspace_folder...). Handled one change at a time, in order; an added folder's scan runs on
 * its own (WorkspaceSync queues scans), so a removal right after an addition is not held up by it.
 */
let foldersChanging: Promise<void> = Promise.resolve();
function workspaceFoldersChanged(event: WorkspaceFoldersChangeEvent): Promise<void> {
  foldersChanging = foldersChanging.then(() => applyFolderChange(event)).catch((error: unknown) => connection.console.error(`k8s-stateful: workspace folder change failed: ${(error as Error).message}`));
  return foldersChanging;
}

async function applyFolderChange(event: WorkspaceFoldersChangeEvent): Promise<void> {
  // Neovim 0.7 sends `removed: [{}]` with an addition and `added: [{}]` with a removal.
  const fileFolders = (list: WorkspaceFolder[] | undefined) =>
    (Array.isArray(list) ? list : []).flatMap((f) => {
      const path = typeof f?.uri === 'string' && f.uri.startsWith('file:') ? pathOf(f.uri) : undefined;
      return path === undefined ? [] : [{ uri: f.uri, path }];
    });
  const removed = fileFolders(event.removed).map((f) => f.path);
  const kept = folderUris.map((uri, i) => ({ uri, path: folderPaths[i] })).filter((f) => !removed.includes(f.path));
  const added = fileFolders(event.added).filter((f) => !kept.some((k) => k.path === f.path));
  folderUris = [...kept, ...added].map((f) => f.uri);
  folderPaths = [...kept, ...added].map((f) => f.path);

  const settingsBefore = project.settings();
  project.setFolders(folderPaths);
  sync.removeFolders(fileFolders(event.removed).map((f) => f.uri));
  folderWatchers?.set(folderPaths);
  // An added folder's own `crds` (a resource-scoped setting), asked for its scopeUri.
  if (pullConfiguration && added.length > 0) {
    try {
      const answers: unknown[] = await connection.workspace.getConfiguration(added.map((f) => ({ scopeUri: f.uri, section: 'k8sStateful' })));
      added.forEach((f, i) => project.setFolderSettings(f.path, answers[i]));
    } catch (error) {
      connection.console.error(`k8s-stateful: reading settings failed: ${(error as Error).message}`);
    }
  }
  // The workspace-wide settings follow the first folder's config file: re-configured only when that
  // changed (a new settings object re-checks every file).
  const settingsMoved = project.settings() !== settingsBefore;
  if (settingsMoved) applySettings(undefined);
  // Read before the added folders are scanned, so their custom resources are checked with their CRDs.
  const crdsChanged = await refreshCrds();
  if (settingsMoved || crdsChanged) settingsChanged();
  void sync.addFolders(added.map((f) => f.uri));
}

/**
 * Settings: pulled with workspace/configuration when the client supports it, else taken from the
 * change notification. A pull also asks once per workspace folder (scopeUri), for the folder's own
 * `crds` (a resource-scoped setting whose relative paths belong to that folder).
 */
async function loadConfiguration(pushed?: unknown): Promise<void> {
  try {
    let section: unknown = pushed;
    if (pullConfiguration) {
      const answers: unknown[] = await connection.workspace.getConfiguration([{ section: 'k8sStateful' }, ...folderUris.map((scopeUri) => ({ scopeUri, section: 'k8sStateful' }))]);
      // Neovim, Helix and eglot answer null for a section they were not given: the
      // initializationOptions (or the last settings) then stand.
      section = answers[0] ?? undefined;
      folderPaths.forEach((path, i) => project.setFolderSettings(path, answers[i + 1]));
    }
    applySettings(section);
    if (pullConfiguration || section !== undefined) await refreshCrds(true);
  } catch (error) {
    connection.console.error(`k8s-stateful: reading settings failed: ${(error as Error).message}`);
  }
}

// The CRD files the `crds` setting and the config file's `crds` name: read here (host side), handed
// to the service as text, and watched, so an edit on disk re-checks their custom resources.
let crdPathsRead: string | undefined;
let crdWatchPlan: string | undefined;
let stopWatchingCrds: (() => void) | undefined;
let crdReads = 0;

/** Reads the CRD files when their list changed, or always with `force` (one changed on disk); true when the service got new ones. */
async function refreshCrds(force = false): Promise<boolean> {
  const paths = project.crdPaths();
  const key = paths.join('\n');
  if (!force && key === crdPathsRead) return false;
  crdPathsRead = key;
  // Watched again when a named path appears or goes: a CRD folder created after the start counts.
  const plan = watchPlan(paths);
  if (plan !== crdWatchPlan) {
    stopWatchingCrds?.();
    stopWatchingCrds = watchPaths(paths, () => void crdFilesChanged(), (message) => connection.console.warn(`k8s-stateful: ${message}`));
    crdWatchPlan = plan;
  }
  const read = ++crdReads;
  const sources = await readCrdFiles(paths, undefined);
  if (read !== crdReads) return false; // a newer read has started: its result counts
  service.setCrdSources(sources);
  return true;
}

async function crdFilesChanged(): Promise<void> {
  if (await refreshCrds(true)) settingsChanged();
}

/** After the config file changed: its `crds` may name other files. */
function configCrdsMayHaveChanged(): void {
  void refreshCrds().then((changed) => changed && settingsChanged());
}

let reportedUnknownRules = '';
/** The client's settings (undefined: keep the last ones) combined with the config file. */
function applySettings(clientSettings: unknown): void {
  if (clientSettings !== undefined) {
    const unknown = project.setClientSettings(clientSettings);
    // Said once per distinct list: settings.json also marks them, but another editor may not.
    if (unknown.length > 0 && unknown.join() !== reportedUnknownRules) void connection.window.showWarningMessage(`k8sStateful.rules: ${unknown.join('; ')}`);
    reportedUnknownRules = unknown.join();
  }
  service.configure(project.settings());
}

function settingsChanged(): void {
  sync.settingsChanged();
  notifyPreviewChanged();
}

connection.onDidChangeConfiguration(async (params) => {
  const pushed = (params.settings as { k8sStateful?: unknown } | undefined)?.k8sStateful;
  await loadConfiguration(pullConfiguration ? undefined : (pushed ?? undefined));
  settingsChanged();
});

async function watchedFilesChanged(changes: FileEvent[]): Promise<void> {
  const config = changes.filter((c) => c.uri.startsWith('file:') && project.concerns(fileURLToPath(c.uri)));
  if (config.length > 0) {
    project.reload(); // an open config file's unsaved text still wins
    applySettings(undefined);
    settingsChanged();
    configCrdsMayHaveChanged();
  }
  await sync.filesChanged(changes.filter((c) => !config.includes(c)));
}
connection.onDidChangeWatchedFiles((params) => void watchedFilesChanged(params.changes));

/** An open `.k8s-stateful.yaml`: its own diagnostics; the workspace's one also re-configures the checks live. */
function configDocumentChanged(document: TextDocument): void {
  void connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics: configDiagnostics(document.getText()) });
  const path = fileURLToPath(document.uri);
  if (!project.concerns(path)) return;
  project.setConfigText(path, document.getText());
  applySettings(undefined);
  settingsChanged();
  configCrdsMayHaveChanged();
}

// Validation is coalesced per document (a burst of keystrokes yields one run, on the newest text);
// other open documents that may depend on the edit are re-checked shortly after (WorkspaceSync).
function scheduleValidation(document: TextDocument): void {
  sync.changed(document);
  notifyPreviewChanged();
}

documents.onDidOpen((e) => {
  if (isConfigUri(e.document.uri)) return configDocumentChanged(e.document);
  sync.opened(e.document);
  notifyPreviewChanged();
});
documents.onDidChangeContent((e) => (isConfigUri(e.document.uri) ? configDocumentChanged(e.document) : scheduleValidation(e.document)));
documents.onDidClose((e) => {
  if (isConfigUri(e.document.uri)) {
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
    project.dropConfigText(fileURLToPath(e.document.uri));
    applySettings(undefined);
    settingsChanged();
    configCrdsMayHaveChanged();
    return;
  }
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
connection.onShutdown(() => {
  folderWatchers?.stop();
  stopWatchingCrds?.();
  sync.stop();
});

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
  isConfigUri(params.textDocument.uri)
    ? configCompletions(documents.get(params.textDocument.uri)?.getText() ?? '', params.position, snippetSupport)
    : service.getCompletions(params.textDocument.uri, params.position, { triggerCharacter: params.context?.triggerCharacter, snippets: snippetSupport }),
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
// How far the workspace scan and check are (tests and the bench wait for the check to complete).
connection.onRequest('k8sStateful/workspaceStatus', () => sync.status());
// With `{ collectGarbage: true }`, a full collection first, so heapUsed is the live heap.
connection.onRequest('k8sStateful/processInfo', (params?: { collectGarbage?: boolean }) => {
  if (params?.collectGarbage) idleCollector.collectNow();
  return { pid: process.pid, ...process.memoryUsage(), idleCollections: idleCollector.collections };
});

documents.listen(connection);
connection.listen();
