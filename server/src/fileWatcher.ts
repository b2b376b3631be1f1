// File watching for clients that cannot watch for us (no dynamic registration of
// workspace/didChangeWatchedFiles): the server watches the workspace folders itself, so cross-file
// findings do not go stale after a branch switch. Events are batched like a client's.
// The CRD files and folders the settings name are watched here too, by every client: they may lie
// outside the workspace, where a client's watchers do not reach.
import { statSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname, join, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FileChangeType, type FileEvent } from 'vscode-languageserver/node';

const WATCHED = /\.ya?ml$/i;
const SKIPPED = /(^|[\\/])(node_modules|\.git)([\\/]|$)/;
const BATCH_MS = 100;

type OnChanges = (changes: FileEvent[]) => void;
type OnError = (message: string) => void;

/**
 * Starts watching; returns a function that stops it. `onError` hears why watching is not possible.
 * Besides YAML files, folders are reported: a folder deleted or renamed away (Deleted: its files may
 * not be reported one by one) and a folder created or moved in (Created), as VS Code's watcher does.
 */
export function watchFolders(folders: string[], onChanges: OnChanges, onError: OnError): () => void {
  return watchTargets(folders.map((folder) => ({ folder, recursive: true, accepts: (name) => WATCHED.test(name), folders: true })), onChanges, onError);
}

/**
 * The server's watchers of the workspace folders, following the folder set (folders added to the
 * workspace are watched, removed ones no longer): one recursive watcher per folder that is not inside
 * another watched one.
 */
export class FolderWatchers {
  private readonly stops = new Map<string, () => void>();

  constructor(private readonly onChanges: OnChanges, private readonly onError: OnError) {}

  set(folders: string[]): void {
    const inside = (folder: string, other: string) => folder.startsWith(other.endsWith(sep) ? other : other + sep);
    const outermost = new Set(folders.filter((folder) => !folders.some((other) => other !== folder && inside(folder, other))));
    for (const [folder, stop] of this.stops) {
      if (outermost.has(folder)) continue;
      stop();
      this.stops.delete(folder);
    }
    for (const folder of outermost) if (!this.stops.has(folder)) this.stops.set(folder, watchFolders([folder], this.onChanges, this.onError));
  }

  /** The folders being watched (tests). */
  watched(): string[] {
    return [...this.stops.keys()];
  }

  stop(): void {
    this.set([]);
  }
}

/**
 * Watches files and folders (their YAML files, at any depth). A file is watched through its folder,
 * so an editor that saves by replacing the file is still seen. A path that does not exist is watched
 * through its nearest existing ancestor, for the one name on the way to it: its creation is a change
 * (the caller then watches again, see `watchPlan`).
 */
export function watchPaths(paths: string[], onChanges: OnChanges, onError: OnError): () => void {
  const targets: WatchTarget[] = [];
  for (const path of paths) {
    const what = pathState(path);
    if (what === 'folder') targets.push({ folder: path, recursive: true, accepts: (name) => WATCHED.test(name) || name.endsWith('.json') });
    else if (what === 'file') targets.push({ folder: dirname(path), recursive: false, accepts: (name) => name === basename(path) });
    else {
      const anchor = existingAncestor(path);
      if (anchor) targets.push({ folder: anchor.folder, recursive: false, accepts: (name) => name === anchor.child });
    }
  }
  return watchTargets(targets, onChanges, onError);
}

/**
 * What `watchPaths` would watch for these paths now: when it differs from the plan the watchers were
 * made for (a named folder was created, or deleted), they must be made again.
 */
export function watchPlan(paths: string[]): string {
  return paths.map((path) => {
    const what = pathState(path);
    return what === 'missing' ? `${path}\tmissing, under ${existingAncestor(path)?.folder}` : `${path}\t${what}`;
  }).join('\n');
}

function pathState(path: string): 'folder' | 'file' | 'missing' {
  try {
    return statSync(path).isDirectory() ? 'folder' : 'file';
  } catch {
    return 'missing';
  }
}

/** The nearest existing folder above a path, and the name of its child on the way to the path. */
function existingAncestor(path: string): { folder: string; child: string } | undefined {
  for (let child = path, folder = dirname(path); folder !== child; child = folder, folder = dirname(folder)) {
    if (pathState(folder) === 'folder') return { folder, child: basename(child) };
  }
  return undefined;
}

interface WatchTarget {
  folder: string;
  recursive: boolean;
  /** Whether a change of this name (relative to the folder) counts. */
  accepts: (name: string) => boolean;
  /** Also report folders (any name): Created when one exists now, Deleted for any path gone. */
  folders?: boolean;
}

/** What a change of `path` is now: a watched file changed or gone; with `folders`, a folder created, or any path gone. */
function changeOf(path: string, accepted: boolean, folders: boolean): FileChangeType | undefined {
  let isFolder: boolean;
  try {
    isFolder = statSync(path).isDirectory();
  } catch {
    // Gone: a file or a folder, no telling which; the receiver drops what it indexed under it.
    return FileChangeType.Deleted;
  }
  if (isFolder) return folders ? FileChangeType.Created : accepted ? FileChangeType.Changed : undefined;
  return accepted ? FileChangeType.Changed : undefined;
}

function watchTargets(targets: WatchTarget[], onChanges: OnChanges, onError: OnError): () => void {
  const watchers: FSWatcher[] = [];
  /** Changed paths: whether their name is one the target watches, and whether the target reports folders. */
  const pending = new Map<string, { accepted: boolean; folders: boolean }>();
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    timer = undefined;
    const changes: FileEvent[] = [];
    for (const [path, { accepted, folders }] of pending) {
      const type = changeOf(path, accepted, folders);
      if (type !== undefined) changes.push({ uri: pathToFileURL(path).href, type });
    }
    pending.clear();
    if (changes.length > 0) onChanges(changes);
  };
  for (const { folder, recursive, accepts, folders } of targets) {
    try {
      const watcher = watch(folder, { recursive, persistent: false }, (_event, name) => {
        if (!name || SKIPPED.test(name)) return;
        const accepted = accepts(name);
        if (!accepted && !folders) return;
        const path = join(folder, name);
        const seen = pending.get(path);
        pending.set(path, { accepted: accepted || seen?.accepted === true, folders: folders === true || seen?.folders === true });
        timer ??= setTimeout(flush, BATCH_MS);
      });
      watcher.on('error', (error) => onError(`watching ${folder} failed: ${error.message}`));
      watchers.push(watcher);
    } catch (error) {
      onError(`cannot watch ${folder}: ${(error as Error).message}`);
    }
  }
  return () => {
    if (timer) clearTimeout(timer);
    for (const watcher of watchers) watcher.close();
  };
}
