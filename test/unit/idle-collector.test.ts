// The idle collector (server/src/idleCollector.ts) with the real V8 collector: it gives memory back
// once the server is idle, and never while someone types, even slowly (a keystroke's work keeps the
// loop far less busy than its idleness threshold, so only the edits' own signal tells typing apart).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startIdleCollector } from '../../server/src/idleCollector';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

test('no full collection between keystrokes; one once typing stops', async () => {
  const collector = startIdleCollector({ growthBytes: 1024 * 1024, intervalMs: 20, idleMs: 100 });
  try {
    let kept: unknown[] = [];
    // "Typing": a keystroke every 40 ms for 0.8 s (twenty idle-check intervals), each allocating a
    // little and checked quickly, so the loop stays under the 10% busy threshold.
    for (let keystroke = 0; keystroke < 20; keystroke++) {
      kept.push(Array.from({ length: 20_000 }, (_, i) => ({ i })));
      collector.noteActivity();
      await sleep(40);
    }
    assert.equal(collector.collections, 0, 'a full collection ran while typing');
    kept = [];
    // Then nothing: once the loop has been idle for idleMs, the grown heap is collected.
    for (let waited = 0; collector.collections === 0 && waited < 5000; waited += 20) await sleep(20);
    assert.ok(collector.collections >= 1, 'no collection after typing stopped');
    assert.equal(kept.length, 0);
  } finally {
    collector.stop();
  }
});
