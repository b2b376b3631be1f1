// File watching for clients that cannot watch for us (no dynamic registration of
// workspace/didChangeWatchedFiles): the server watches the workspace folders itself, so cross-file
// findings do not go stale after a branch switch. Events are batched like a client's.
import { existsSync, watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FileChangeType, type FileEvent } from 'vscode-languageserver/node';

const WATCHED = /\.ya?ml$/i;
const SKIPPED = /(^|[\\/])(node_modules|\.git)([\\/]|$)/;
const BATCH_MS = 100;

/** Starts watching; returns a function that stops it. `onError` hears why watching is not possible. */
export function watchFolders(folders: string[], onChanges: (changes: FileEvent[]) => void, onError: (message: string) => void): () => void {
  const watchers: FSWatcher[] = [];
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    timer = undefined;
    const changes: FileEvent[] = [...pending].map((path) => ({ uri: pathToFileURL(path).href, type: existsSync(path) ? FileChangeType.Changed : FileChangeType.Deleted }));
    pending.clear();
    if (changes.length > 0) onChanges(changes);
  };
  for (const folder of folders) {
    try {
      const watcher = watch(folder, { recursive: true, persistent: false }, (_event, name) => {
        if (!name || !WATCHED.test(name) || SKIPPED.test(name)) return;
        pending.add(join(folder, name));
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
