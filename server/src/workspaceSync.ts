// Keeps the language service's view of the workspace in step with the editor and the disk, and
// publishes diagnostics for open documents:
// - at start, the workspace folders are scanned in the background and every Kubernetes file indexed;
// - open documents win over disk (watched-file events for them are ignored), and on close the disk
//   text is indexed again in place of the editor's;
// - an edit publishes the edited document at once and, debounced, re-publishes the other open
//   documents whose findings may depend on it (cross-file rules); unchanged results are not re-sent.
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { FileChangeType, type Connection, type FileEvent } from 'vscode-languageserver/node';
import type { LanguageService } from './service';
import { isInSkippedDirectory, looksLikeKubernetes, readKubernetesFile, scanFolders } from './workspaceScan';
import { describeFailure } from './requestGuard';

/** Other open documents are re-checked this long after the last edit of a document they may depend on. */
const DEPENDENTS_DEBOUNCE_MS = 150;
/** Stands for files changed on disk among the changes whose dependents are re-checked. */
const DISK_CHANGE = '<disk>';
/** While the first scan runs, newly opened documents wait this long before publishing anyway. */
const SCAN_GRACE_MS = 2_000;

export class WorkspaceSync {
  private folders: string[] = [];
  private scanning = false;
  private waitingForScan = new Set<string>();
  private readonly pending = new Map<string, NodeJS.Immediate>();
  private readonly lastPublished = new Map<string, string>();
  private dependentsTimer: NodeJS.Timeout | undefined;
  private readonly dependentsOf = new Set<string>();
  private stopped = false;
  private grace: NodeJS.Timeout | undefined;
  /** Whether each open document's last text looked like Kubernetes YAML. */
  private readonly kubernetesText = new Map<string, boolean>();
  /** Files the config file's `exclude` leaves out: neither indexed nor reported on. */
  isExcluded: (path: string) => boolean = () => false;

  constructor(
    private readonly connection: Connection,
    private readonly service: LanguageService,
    /** Called whenever the set of indexed documents changed (for views that show the workspace). */
    private readonly onIndexChanged: () => void = () => {},
    /** Called when the scan ends: its parses leave garbage the files opened next would otherwise pile on. */
    private readonly onScanEnd: () => void = () => {},
  ) {}

  /**
   * The folders to scan, from the initialize params (file: URIs only). From here until the scan ends
   * (or a grace period passes), documents wait to be published: checked against a half-built index,
   * references to files not read yet would show as missing and then vanish.
   */
  setFolders(uris: string[]): void {
    this.folders = uris.filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u));
    if (this.folders.length > 0) {
      this.scanning = true;
      this.grace = setTimeout(() => this.endScanWait(), SCAN_GRACE_MS);
    }
  }

  /** Indexes every Kubernetes file of the workspace folders, then publishes the open documents. */
  async scan(): Promise<void> {
    if (this.folders.length === 0) return;
    const started = Date.now();
    try {
      const result = await scanFolders(
        this.folders,
        (path, text) => {
          if (this.isExcluded(path)) return;
          const uri = pathToFileURL(path).href;
          // Index now, in the scan's batches, rather than on the first diagnostics request.
          if (this.service.workspaceDocument(uri, text)) this.service.index.indexDocument(uri);
        },
        { cancelled: () => this.stopped },
      );
      this.connection.console.log(
        `k8s-stateful: indexed ${result.files} Kubernetes file(s) in ${Date.now() - started} ms${result.truncated ? ' (stopped at the file limit)' : ''}`,
      );
    } catch (error) {
      this.connection.console.error(`k8s-stateful: workspace scan failed: ${describeFailure(error)}`);
    } finally {
      clearTimeout(this.grace);
      this.scanning = false;
      this.waitingForScan.clear();
      this.onScanEnd();
      this.onIndexChanged();
      this.republishOpen(true);
    }
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.grace);
    if (this.dependentsTimer) clearTimeout(this.dependentsTimer);
  }

  /** A document was opened or edited. */
  changed(document: TextDocument): void {
    this.edited(document);
  }

  /** The editor closed a document: index the disk text instead (or forget an unsaved/untitled one). */
  async closed(uri: string): Promise<void> {
    const pending = this.pending.get(uri);
    if (pending) clearImmediate(pending);
    this.pending.delete(uri);
    this.lastPublished.delete(uri);
    this.kubernetesText.delete(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
    const path = this.workspacePath(uri);
    // Keep the last text indexed while the disk is read, so other documents do not flicker.
    this.service.closeDocument(uri, path ? this.service.documents.parsed(uri)?.text : undefined);
    if (path) {
      const text = await readKubernetesFile(path);
      if (this.service.isOpen(uri)) return; // re-opened meanwhile: the editor's text wins
      if (text === undefined) this.service.removeDocument(uri);
      else this.service.workspaceDocument(uri, text);
    }
    this.onIndexChanged();
    this.scheduleDependents(uri);
  }

  /** workspace/didChangeWatchedFiles: files created, changed or deleted on disk. */
  async filesChanged(changes: FileEvent[]): Promise<void> {
    let any = false;
    for (const change of changes) {
      const path = this.workspacePath(change.uri);
      // Open documents hold the user's unsaved text; it wins over whatever the disk says.
      if (!path || this.service.isOpen(change.uri) || this.isExcluded(path)) continue;
      const text = change.type === FileChangeType.Deleted ? undefined : await readKubernetesFile(path);
      if (this.service.isOpen(change.uri)) continue;
      if (text === undefined) {
        if (this.service.hasDocument(change.uri)) {
          this.service.removeDocument(change.uri);
          any = true;
        }
      } else {
        this.service.workspaceDocument(change.uri, text);
        any = true;
      }
    }
    if (any) {
      this.onIndexChanged();
      this.scheduleDependents(undefined);
    }
  }

  /** Re-publishes every open document (after settings change or the scan); `force` re-sends unchanged results too. */
  republishOpen(force = false): void {
    if (this.scanning) return; // the scan's end publishes every open document
    for (const uri of this.service.openDocuments()) this.publish(uri, force);
  }

  private edited(document: TextDocument): void {
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
        else this.publish(uri, true);
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
    }, DEPENDENTS_DEBOUNCE_MS);
  }

  private publish(uri: string, force: boolean): void {
    if (!this.service.isOpen(uri)) return;
    const version = this.service.documentVersion(uri);
    try {
      const diagnostics = uri.startsWith('file:') && this.isExcluded(fileURLToPath(uri)) ? [] : this.service.getDiagnostics(uri);
      const key = JSON.stringify(diagnostics);
      if (!force && this.lastPublished.get(uri) === key) return;
      this.lastPublished.set(uri, key);
      void this.connection.sendDiagnostics({ uri, version, diagnostics });
    } catch (error) {
      this.connection.console.error(`k8s-stateful: checking ${uri} failed: ${describeFailure(error)}`);
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
    const folder = this.folders.find((f) => path.startsWith(f.endsWith('/') || f.endsWith('\\') ? f : f + (path.includes('\\') ? '\\' : '/')));
    if (!folder || isInSkippedDirectory(path.slice(folder.length))) return undefined;
    return path;
  }
}
