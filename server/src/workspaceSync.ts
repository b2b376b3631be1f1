// Keeps the language service's view of the workspace in step with the editor and the disk, and
// publishes diagnostics:
// - at start, the workspace folders are scanned in the background and every Kubernetes file indexed
//   (with window progress the user can cancel, on large workspaces); a folder added later is scanned
//   the same way, and a removed folder's closed files leave the index;
// - open documents win over disk (watched-file events for them are ignored), and on close the disk
//   text is indexed again in place of the editor's;
// - an edit publishes the edited document at once and, debounced, re-publishes the other documents
//   whose findings may depend on it (cross-file rules); unchanged results are not re-sent;
// - with `k8sStateful.diagnostics.scope: workspace`, closed Kubernetes files get diagnostics too,
//   from the same service entry point as open ones (and the CLI). The service keeps each file's
//   findings with what they looked up, so a pass over the closed files re-parses only those whose
//   inputs changed; passes run in slices with yields so edits stay responsive;
// - a document opened with the text the workspace check saw gets those findings at once; its parse
//   (for completion and hover) follows.
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { FileChangeType, type Connection, type FileEvent } from 'vscode-languageserver/node';
import type { Diagnostic, LanguageService } from './service';
import { promises as fs } from 'node:fs';
import { deepestFirst, isInSkippedDirectory, looksLikeKubernetes, MAX_FILES, readKubernetesFile, scanFolders } from './workspaceScan';
import { describeFailure } from './requestGuard';
import { WorkProgress } from './workProgress';

/** Other open documents are re-checked this long after the last edit of a document they may depend on. */
const DEPENDENTS_DEBOUNCE_MS = 150;
/** Stands for files changed on disk among the changes whose dependents are re-checked. */
const DISK_CHANGE = '<disk>';
/** While the first scan runs, newly opened documents wait this long before publishing anyway. */
const SCAN_GRACE_MS = 2_000;
/** Files the scan reads between yields; with workspace scope, indexed and checked together. */
const SCAN_BATCH = 25;
/** A pass over the closed files yields to the event loop after this much work (edits go first). */
const PASS_SLICE_MS = 8;

async function isFolder(path: string): Promise<boolean> {
  try {
    return (await fs.stat(path)).isDirectory();
  } catch {
    return false;
  }
}

export class WorkspaceSync {
  private folders: string[] = [];
  /** Scans run one at a time: the first one, then one for each batch of folders added later. */
  private scans: Promise<void> = Promise.resolve();
  private firstScanQueued = false;
  /** Counts folder removals (a scan running meanwhile drops the files of a removed folder it reads). */
  private folderRemovals = 0;
  private scanning = false;
  /** The scan has ended (or there is none): closed files are checked only against the whole index. */
  private indexComplete = true;
  /** The version each document was opened at (its didOpen also arrives as a content change). */
  private readonly openedVersion = new Map<string, number>();
  private waitingForScan = new Set<string>();
  private readonly pending = new Map<string, NodeJS.Immediate>();
  /** Per open document, what was last published (compared as JSON when a re-check may have changed nothing). */
  private readonly lastPublished = new Map<string, { diagnostics: Diagnostic[]; json?: string }>();
  private dependentsTimer: NodeJS.Timeout | undefined;
  private readonly dependentsOf = new Set<string>();
  private stopped = false;
  private grace: NodeJS.Timeout | undefined;
  /** Whether each open document's last text looked like Kubernetes YAML. */
  private readonly kubernetesText = new Map<string, boolean>();
  /** Files the config file's `exclude` leaves out: neither indexed nor reported on. */
  isExcluded: (path: string) => boolean = () => false;
  /** Closed files' last published diagnostics (the service's array: same object = unchanged). */
  private readonly publishedClosed = new Map<string, Diagnostic[]>();
  /** A pass over the closed files is running / another one was asked for meanwhile. */
  private passRunning = false;
  private passWanted = false;
  /** Shown by the next pass (the first after the scan), with the scan's progress. */
  private passProgress: WorkProgress | undefined;
  /** The last batch of watched-file changes has been applied (batches apply in order). */
  private changesDone: Promise<void> = Promise.resolve();
  /** Passes completed (tests and the bench wait on it through k8sStateful/workspaceStatus). */
  private passes = 0;

  constructor(
    private readonly connection: Connection,
    private readonly service: LanguageService,
    /** Called whenever the set of indexed documents changed (for views that show the workspace). */
    private readonly onIndexChanged: () => void = () => {},
    /** Called when the scan ends: its parses leave garbage the files opened next would otherwise pile on. */
    private readonly onScanEnd: () => void = () => {},
    /** Called when diagnostics were published or a pass over the closed files ended: work for the user, not idleness. */
    private readonly onWorkDone: () => void = () => {},
  ) {}

  /**
   * The folders to scan, from the initialize params (file: URIs only). From here until the scan ends
   * (or a grace period passes), documents wait to be published: checked against a half-built index,
   * references to files not read yet would show as missing and then vanish.
   */
  setFolders(uris: string[]): void {
    this.folders = folderPaths(uris);
    if (this.folders.length > 0) {
      this.scanning = true;
      this.indexComplete = false;
      this.grace = setTimeout(() => this.endScanWait(), SCAN_GRACE_MS);
    }
  }

  /** Indexes every Kubernetes file of the workspace folders, then publishes the open documents. */
  async scan(): Promise<void> {
    this.firstScanQueued = true;
    await this.queueScan(() => [...this.folders], 'Kubernetes: reading the workspace');
  }

  /**
   * workspace/didChangeWorkspaceFolders, added folders: scanned like the first ones (window progress,
   * cancellation, excludes, the file limit), then checked. Resolves when their scan has ended.
   */
  async addFolders(uris: string[]): Promise<void> {
    const added = folderPaths(uris).filter((folder) => !this.folders.includes(folder));
    if (added.length === 0) return;
    this.folders.push(...added);
    // Before the first scan starts, it covers them.
    if (!this.firstScanQueued) return;
    // A folder inside another one was read with it (unless it lies in a directory the scan skips).
    const uncovered = (folder: string) => !this.folders.some((other) => other !== folder && covers(other, join(folder, 'x.yaml')));
    const title = added.length === 1 ? `Kubernetes: reading ${basename(added[0])}` : `Kubernetes: reading ${added.length} folders`;
    // Queued behind a running scan; a folder removed meanwhile is not read.
    await this.queueScan(() => added.filter((folder) => this.folders.includes(folder) && uncovered(folder)), title);
  }

  /**
   * workspace/didChangeWorkspaceFolders, removed folders: their closed files leave the index and
   * their problems go (references to them from elsewhere now report missing); open documents stay.
   * A file still inside another workspace folder stays too.
   */
  removeFolders(uris: string[]): void {
    const removed = folderPaths(uris).filter((folder) => this.folders.includes(folder));
    if (removed.length === 0) return;
    this.folders = this.folders.filter((folder) => !removed.includes(folder));
    this.folderRemovals++;
    const any = this.dropClosed((uri) => {
      const path = uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
      return path !== undefined && removed.some((folder) => isInside(folder, path)) && this.workspacePath(uri) === undefined;
    });
    if (any) {
      this.onIndexChanged();
      this.scheduleDependents(undefined);
    }
  }

  /** How many more files the scan's limit lets into the workspace. */
  private roomForFiles(): number {
    return Math.max(0, MAX_FILES - this.service.closedDocuments().length - this.service.openDocuments().length);
  }

  /** Scans run one at a time, in order (the first one, then one per change of the folders). */
  private queueScan(folders: () => string[], title: string): Promise<void> {
    const next = this.scans.then(() => this.scanPaths(folders(), title));
    this.scans = next.catch(() => undefined);
    return next;
  }

  /** Reads, indexes and (with workspace scope) checks the Kubernetes files of these folders. */
  private async scanPaths(folders: string[], title: string): Promise<void> {
    if (folders.length === 0 || this.stopped) return;
    this.indexComplete = false; // closed files' passes wait: the folders' files are not all indexed yet
    const started = Date.now();
    const progress = new WorkProgress(this.connection, title);
    // Every file is read and stored first, indexed later: the scope model (which files are judged
    // together) is then final before anything is checked, instead of changing as folders appear and
    // sending the files checked so far through a second parse.
    const read: string[] = [];
    const removals = this.folderRemovals;
    // The file limit holds for the workspace: files read by earlier scans count.
    const maxFiles = this.roomForFiles();
    try {
      const result = await scanFolders(
        folders,
        (path, text) => {
          if (this.isExcluded(path)) return;
          const uri = pathToFileURL(path).href;
          // Read already (a folder nested in another, a change on disk seen first), or its folder was removed meanwhile.
          if (this.service.hasDocument(uri) || (removals !== this.folderRemovals && !this.workspacePath(uri))) return;
          if (this.service.workspaceDocument(uri, text, { deferIndexing: true })) read.push(uri);
          if (read.length % 50 === 0) progress.report(`${read.length} files read`);
        },
        { cancelled: () => this.stopped || progress.cancelled, batchSize: SCAN_BATCH, maxFiles },
      );
      // Then indexed in batches; with workspace scope each batch is checked from the same parse, and
      // the check after the scan re-parses only files whose lookups got new answers later in the walk.
      // Deepest folders first: a file's nearest scope is its folder and the folders below it, so
      // those are indexed before it is checked, and fewer answers change afterwards.
      deepestFirst(read);
      const check = this.workspaceScope();
      let indexed = 0;
      for (let at = 0; at < read.length && !this.stopped && !progress.cancelled; at += SCAN_BATCH) {
        const batch = read.slice(at, at + SCAN_BATCH);
        if (check) this.service.indexAndCheck(batch);
        else for (const uri of batch) this.service.index.indexDocument(uri);
        indexed += batch.length;
        progress.report(`${indexed}/${read.length} files indexed`, (100 * indexed) / read.length);
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      // The files indexed: a cancelled scan forgets the ones it read but did not index yet.
      const how = result.truncated ? ' (stopped at the file limit)' : progress.cancelled ? ` (cancelled; ${read.length - indexed} read, not indexed)` : '';
      this.connection.console.log(`k8s-stateful: indexed ${indexed} Kubernetes file(s) in ${Date.now() - started} ms${how}`);
    } catch (error) {
      this.connection.console.error(`k8s-stateful: workspace scan failed: ${describeFailure(error)}`);
    } finally {
      this.service.endDeferredIndexing({ drop: this.stopped || progress.cancelled });
      clearTimeout(this.grace);
      this.scanning = false;
      this.indexComplete = true;
      this.waitingForScan.clear();
      this.onIndexChanged();
      this.republishOpen(true);
      // The closed files' check shows in the same progress (unless the user cancelled the scan).
      if (this.workspaceScope() && !progress.cancelled) {
        this.passProgress = progress;
        this.checkWorkspace();
      } else {
        progress.done();
        this.onScanEnd();
      }
    }
  }

  /** Whether closed files get diagnostics (`k8sStateful.diagnostics.scope`). */
  private workspaceScope(): boolean {
    return this.service.settings().diagnostics.scope === 'workspace';
  }

  /** The settings changed: publish closed files' findings, or clear them when the scope went back to `open`. */
  settingsChanged(): void {
    this.republishOpen(true);
    if (this.workspaceScope()) this.checkWorkspace();
    else this.clearClosed();
  }

  /** How far the workspace check is (tests and the bench wait for it). */
  status(): { scanning: boolean; checking: boolean; passes: number; closedPublished: number } {
    return { scanning: !this.indexComplete, checking: this.passRunning || this.passWanted, passes: this.passes, closedPublished: this.publishedClosed.size };
  }

  private clearClosed(): void {
    for (const [uri, last] of this.publishedClosed) if (last.length > 0) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    this.publishedClosed.clear();
  }

  /**
   * Publishes every closed file's diagnostics that changed. One pass at a time; a request during a
   * pass runs another after it (cheap: only files whose inputs changed are re-checked).
   */
  private checkWorkspace(): void {
    this.passWanted = true;
    // Before the scan ends, references to files not read yet would show as missing; its end checks.
    if (this.passRunning || !this.indexComplete) return;
    this.passRunning = true;
    void this.runPasses().finally(() => (this.passRunning = false));
  }

  private async runPasses(): Promise<void> {
    while (this.passWanted && !this.stopped) {
      this.passWanted = false;
      const progress = this.passProgress;
      this.passProgress = undefined;
      try {
        await this.pass(progress);
      } catch (error) {
        this.connection.console.error(`k8s-stateful: checking the workspace failed: ${describeFailure(error)}`);
      } finally {
        if (progress) {
          progress.done();
          // The first check after the scan leaves the scan's garbage, and more.
          this.onScanEnd();
        }
      }
      this.passes++;
      this.onWorkDone();
    }
  }

  private async pass(progress: WorkProgress | undefined): Promise<void> {
    if (!this.workspaceScope()) return;
    const uris = this.service.closedDocuments();
    let sliceStart = performance.now();
    for (let i = 0; i < uris.length; i++) {
      if (this.stopped || progress?.cancelled || !this.workspaceScope()) return;
      const uri = uris[i];
      if (this.service.hasDocument(uri) && !this.service.isOpen(uri)) this.publishClosed(uri);
      if (performance.now() - sliceStart > PASS_SLICE_MS) {
        progress?.report(`checked ${i + 1}/${uris.length} files`, (100 * (i + 1)) / uris.length);
        await new Promise<void>((resolve) => setImmediate(resolve));
        sliceStart = performance.now();
      }
    }
  }

  /** `force`: send even when nothing was published for it as a closed file (it was open until now). */
  private publishClosed(uri: string, force = false): void {
    // Left out by the config file's `exclude` (perhaps since it was indexed): nothing to report.
    if (uri.startsWith('file:') && this.isExcluded(fileURLToPath(uri))) return this.forgetClosed(uri);
    try {
      const diagnostics = this.service.getDiagnostics(uri);
      const last = this.publishedClosed.get(uri);
      if (last === diagnostics && !force) return;
      this.publishedClosed.set(uri, diagnostics);
      // Nothing to say about a file never published, or a re-check that came to the same findings.
      const same = last === undefined ? diagnostics.length === 0 : last.length === 0 ? diagnostics.length === 0 : JSON.stringify(last) === JSON.stringify(diagnostics);
      if (same && !force) return;
      void this.connection.sendDiagnostics({ uri, diagnostics });
    } catch (error) {
      this.connection.console.error(`k8s-stateful: checking ${uri} failed: ${describeFailure(error)}`);
    }
  }

  /** A closed file left the workspace (deleted, no longer Kubernetes): its problems go too. */
  private forgetClosed(uri: string): void {
    const last = this.publishedClosed.get(uri);
    this.publishedClosed.delete(uri);
    if (last && last.length > 0) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.grace);
    if (this.dependentsTimer) clearTimeout(this.dependentsTimer);
  }

  /** A document was opened or edited. */
  changed(document: TextDocument): void {
    // The content change that comes with didOpen: opened() has handled this version.
    if (this.openedVersion.get(document.uri) === document.version) return;
    this.edited(document);
  }

  /**
   * A document was opened. When its text is what the workspace check saw and nothing it depends on
   * changed since, those findings are published before anything is parsed; the parse (and the
   * regular publish) follows.
   */
  opened(document: TextDocument): void {
    const uri = document.uri;
    this.publishedClosed.delete(uri);
    this.openedVersion.set(uri, document.version);
    const kept = this.scanning ? undefined : this.service.keptDiagnostics(uri, document.getText());
    if (kept) {
      this.lastPublished.set(uri, { diagnostics: kept });
      void this.connection.sendDiagnostics({ uri, version: document.version, diagnostics: kept });
    }
    this.edited(document, kept !== undefined);
    // The editor's changes are applied by line (TextDocument), whose offsets are counted on first
    // use: count them now, with the open's parse, rather than at the first keystroke (5 ms at 1 MB).
    void document.lineCount;
  }

  /** The editor closed a document: index the disk text instead (or forget an unsaved/untitled one). */
  async closed(uri: string): Promise<void> {
    const pending = this.pending.get(uri);
    if (pending) clearImmediate(pending);
    this.pending.delete(uri);
    this.lastPublished.delete(uri);
    this.kubernetesText.delete(uri);
    this.openedVersion.delete(uri);
    const path = this.workspacePath(uri);
    // With workspace scope, a workspace file keeps its problems: the disk text's replace them below.
    const keepsProblems = path !== undefined && this.workspaceScope();
    if (!keepsProblems) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    // Keep the last text indexed while the disk is read, so other documents do not flicker.
    this.service.closeDocument(uri, path ? this.service.documents.storedText(uri)?.text : undefined);
    if (path) {
      const text = await readKubernetesFile(path);
      if (this.service.isOpen(uri)) return; // re-opened meanwhile: the editor's text wins
      if (text === undefined) {
        this.service.removeDocument(uri);
        if (keepsProblems) void this.connection.sendDiagnostics({ uri, diagnostics: [] });
      } else {
        this.service.workspaceDocument(uri, text);
        if (keepsProblems) this.publishClosed(uri, true);
      }
    }
    this.onIndexChanged();
    this.scheduleDependents(uri);
  }

  /**
   * workspace/didChangeWatchedFiles: files created, changed or deleted on disk. A folder deleted or
   * renamed away arrives as one event for the folder (VS Code's watcher, and ours, do not list its
   * files): every indexed document under it goes. A folder created or renamed here arrives as one
   * event too: it is scanned like the workspace at start.
   */
  filesChanged(changes: FileEvent[]): Promise<void> {
    // One batch at a time, in order: a folder scan still reading must not re-add files a later
    // batch deletes.
    const run = this.changesDone.then(() => this.applyChanges(changes));
    this.changesDone = run.catch(() => undefined);
    return run;
  }

  private async applyChanges(changes: FileEvent[]): Promise<void> {
    let any = false;
    const seen = new Set<string>();
    // Deleted paths that were not documents (folders), dropped together, before any later event of
    // the batch applies (a folder deleted and made again in one batch keeps its new files).
    const goneFolders: string[] = [];
    const dropGone = () => {
      if (goneFolders.length > 0 && this.dropUnder(goneFolders)) any = true;
      goneFolders.length = 0;
    };
    const scanned: string[] = [];
    for (const change of changes) {
      // Two watchers (manifests, and any path for folders) may report the same event.
      const key = `${change.type} ${change.uri}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const path = this.workspacePath(change.uri);
      // Open documents hold the user's unsaved text; it wins over whatever the disk says.
      if (!path || this.service.isOpen(change.uri) || this.isExcluded(path)) continue;
      if (change.type === FileChangeType.Deleted && !this.service.hasDocument(change.uri)) {
        goneFolders.push(change.uri);
        continue;
      }
      dropGone();
      if (change.type !== FileChangeType.Deleted && (await isFolder(path))) {
        // A new tree reports each of its folders: scanning the top one reads them all.
        if (scanned.some((folder) => change.uri.startsWith(`${folder}/`))) continue;
        scanned.push(change.uri);
        if (await this.scanCreatedFolder(path)) any = true;
        continue;
      }
      const text = change.type === FileChangeType.Deleted ? undefined : await readKubernetesFile(path);
      if (this.service.isOpen(change.uri)) continue;
      if (text === undefined) {
        if (this.service.hasDocument(change.uri)) {
          this.service.removeDocument(change.uri);
          any = true;
        }
        this.forgetClosed(change.uri);
      } else {
        this.service.workspaceDocument(change.uri, text);
        any = true;
      }
    }
    dropGone();
    if (any) {
      this.onIndexChanged();
      this.scheduleDependents(undefined);
    }
  }

  /**
   * Forgets the closed documents under deleted paths that were not documents themselves (folders;
   * a deleted file that was never indexed finds nothing) and clears their problems. Open documents
   * stay: the editor still holds their text. One pass over the documents for all the paths.
   */
  private dropUnder(deleted: string[]): boolean {
    const prefixes = new Set(deleted.map((uri) => uri.replace(/\/+$/, '')));
    return this.dropClosed((uri) => {
      for (let at = uri.lastIndexOf('/'); at > 0; at = uri.lastIndexOf('/', at - 1)) if (prefixes.has(uri.slice(0, at))) return true;
      return false;
    });
  }

  /** Forgets the closed documents `matches` picks and clears their problems; whether there were any. */
  private dropClosed(matches: (uri: string) => boolean): boolean {
    let any = false;
    for (const uri of this.service.closedDocuments()) {
      if (!matches(uri)) continue;
      this.service.removeDocument(uri);
      this.forgetClosed(uri);
      any = true;
    }
    return any;
  }

  /** Indexes the Kubernetes files of a folder created (or moved) into the workspace, within the scan's file limit. */
  private async scanCreatedFolder(folder: string): Promise<boolean> {
    const room = this.roomForFiles();
    if (room <= 0) {
      this.connection.console.log(`k8s-stateful: not reading ${folder}: the workspace already has ${MAX_FILES} indexed files`);
      return false;
    }
    let any = false;
    const result = await scanFolders(
      [folder],
      (path, text) => {
        if (this.isExcluded(path)) return;
        const uri = pathToFileURL(path).href;
        if (this.workspacePath(uri) && this.service.workspaceDocument(uri, text)) any = true;
      },
      { cancelled: () => this.stopped, batchSize: SCAN_BATCH, maxFiles: room },
    );
    if (result.truncated) this.connection.console.log(`k8s-stateful: read ${result.files} file(s) of ${folder} (stopped at the file limit)`);
    return any;
  }

  /** Re-publishes every open document (after settings change or the scan); `force` re-sends unchanged results too. */
  republishOpen(force = false): void {
    if (this.scanning) return; // the scan's end publishes every open document
    for (const uri of this.service.openDocuments()) this.publish(uri, force);
  }

  /** `published`: diagnostics for this text went out already (kept findings on open), only re-send a change. */
  private edited(document: TextDocument, published = false): void {
    const uri = document.uri;
    const text = document.getText();
    this.service.setDocument(uri, text, document.version, { open: true });
    const previous = this.pending.get(uri);
    if (previous) clearImmediate(previous);
    this.pending.set(
      uri,
      setImmediate(() => {
        this.pending.delete(uri);
        if (this.scanning) this.waitingForScan.add(uri);
        else this.publish(uri, !published);
      }),
    );
    // Only Kubernetes files define things other documents refer to (checked on the text: parsing
    // waits for the coalesced run above).
    const kubernetes = looksLikeKubernetes(text);
    if (kubernetes || this.kubernetesText.get(uri)) this.scheduleDependents(uri);
    this.kubernetesText.set(uri, kubernetes);
  }

  private endScanWait(): void {
    const waiting = [...this.waitingForScan];
    this.waitingForScan.clear();
    this.scanning = false; // later edits publish at once; the scan's end re-publishes everything
    for (const uri of waiting) this.publish(uri, true);
  }

  /** Re-checks open documents shortly after a change; `undefined` stands for files changed on disk. */
  private scheduleDependents(changedUri: string | undefined): void {
    // Disk changes count as a change of their own, so an edit just before them cannot make the
    // edited document skip the re-check below as its own, lone change.
    this.dependentsOf.add(changedUri ?? DISK_CHANGE);
    if (this.dependentsTimer) clearTimeout(this.dependentsTimer);
    this.dependentsTimer = setTimeout(() => {
      this.dependentsTimer = undefined;
      const changed = new Set(this.dependentsOf);
      this.dependentsOf.clear();
      for (const uri of this.service.openDocuments()) {
        // The edited documents publish on their own schedule; a lone edit need not re-check itself.
        if (changed.size === 1 && changed.has(uri)) continue;
        this.publish(uri, false);
      }
      if (this.workspaceScope()) this.checkWorkspace();
    }, DEPENDENTS_DEBOUNCE_MS);
  }

  private publish(uri: string, force: boolean): void {
    if (!this.service.isOpen(uri)) return;
    const version = this.service.documentVersion(uri);
    try {
      const diagnostics = uri.startsWith('file:') && this.isExcluded(fileURLToPath(uri)) ? [] : this.service.getDiagnostics(uri);
      // An edit's results are sent as they are; a re-check's only when they differ from the last.
      const json = force ? undefined : JSON.stringify(diagnostics);
      const last = this.lastPublished.get(uri);
      if (!force && last) {
        last.json ??= JSON.stringify(last.diagnostics);
        if (last.json === json) return;
      }
      this.lastPublished.set(uri, { diagnostics, json });
      void this.connection.sendDiagnostics({ uri, version, diagnostics });
    } catch (error) {
      this.connection.console.error(`k8s-stateful: checking ${uri} failed: ${describeFailure(error)}`);
    } finally {
      this.onWorkDone();
    }
  }

  /** The file path of a file: URI inside a workspace folder and outside skipped directories. */
  private workspacePath(uri: string): string | undefined {
    if (!uri.startsWith('file:')) return undefined;
    let path: string;
    try {
      path = fileURLToPath(uri);
    } catch {
      return undefined;
    }
    return this.folders.some((folder) => covers(folder, path)) ? path : undefined;
  }
}

/** Folder paths of file: URIs (others are not scanned), without a trailing separator. */
function folderPaths(uris: string[]): string[] {
  return uris.flatMap((uri) => {
    try {
      return uri.startsWith('file:') ? [fileURLToPath(uri).replace(/(?<=.)[\\/]+$/, '')] : [];
    } catch {
      return []; // a file: URI with a host, on this platform
    }
  });
}

/** Whether a path lies inside a folder. */
function isInside(folder: string, path: string): boolean {
  return path.startsWith(folder.endsWith('/') || folder.endsWith('\\') ? folder : folder + (path.includes('\\') ? '\\' : '/'));
}

/** Whether a workspace folder holds a file: inside it, and outside the directories the scan skips. */
function covers(folder: string, path: string): boolean {
  return isInside(folder, path) && !isInSkippedDirectory(path.slice(folder.length));
}
