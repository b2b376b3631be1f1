// The server's own watchers of the workspace folders (for clients that cannot register watchers)
// follow the folder set: an added folder is watched, a removed one no longer, a folder inside another
// watched one gets no second watcher (its changes would be reported twice).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { FileEvent } from 'vscode-languageserver/node';
import { FolderWatchers } from '../../server/src/fileWatcher';

const root = mkdtempSync(join(tmpdir(), 'k8s-folder-watchers-'));
after(() => rmSync(root, { recursive: true, force: true }));

test('watchers follow the folder set', async () => {
  const [a, b, inner] = [join(root, 'a'), join(root, 'b'), join(root, 'a', 'inner')];
  for (const dir of [a, b, inner]) mkdirSync(dir, { recursive: true });
  const seen: string[] = [];
  let heard: ((paths: string[]) => void) | undefined;
  const watchers = new FolderWatchers(
    (changes: FileEvent[]) => {
      const paths = changes.map((c) => fileURLToPath(c.uri));
      seen.push(...paths);
      heard?.(paths);
    },
    (message) => assert.fail(message),
  );
  // The watchers do not keep the process alive (persistent: false): this does, while the test waits.
  const alive = setInterval(() => undefined, 1_000);
  const next = (path: string) => new Promise<void>((resolve) => (heard = (paths) => paths.includes(path) && resolve()));
  try {
    watchers.set([a, b, inner]);
    assert.deepEqual(watchers.watched().sort(), [a, b]);
    let changed = next(join(b, 'x.yaml'));
    writeFileSync(join(b, 'x.yaml'), 'kind: ConfigMap\n');
    await changed;

    // b removed: a change there is not reported, one in a (written after it) is.
    watchers.set([a, inner]);
    assert.deepEqual(watchers.watched(), [a]);
    seen.length = 0;
    writeFileSync(join(b, 'y.yaml'), 'kind: ConfigMap\n');
    changed = next(join(inner, 'z.yaml'));
    writeFileSync(join(inner, 'z.yaml'), 'kind: ConfigMap\n');
    await changed;
    assert.deepEqual(seen, [join(inner, 'z.yaml')], 'once (one watcher for a and the folder inside it), and nothing from b');
  } finally {
    watchers.stop();
    clearInterval(alive);
  }
  assert.deepEqual(watchers.watched(), []);
});
