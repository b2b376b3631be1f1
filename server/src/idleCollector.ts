// Gives memory back once the server goes idle after heavy work. V8 collects lazily: after the
// workspace scan or a first check of a 50,000-line file, the garbage of those parses stays in the
// heap (and in RSS) until allocation pressure forces a collection, which an idle server never
// has. Measured (docs/memory-summaries.md): RSS then follows the live heap only with a full
// collection. So, when the heap has grown well past what the last collection left and the event
// loop has been idle for a moment, collect once. Typing never triggers it: each checked edit
// restarts the idle clock (`noteActivity`), since slow typing alone keeps the loop under the busy
// threshold.
import { setFlagsFromString, getHeapStatistics } from 'node:v8';
import { runInNewContext } from 'node:vm';

export interface IdleCollectorOptions {
  /** Collect when the heap has grown by this much since the last collection. */
  growthBytes?: number;
  /** How often the loop's idleness is checked. */
  intervalMs?: number;
  /** The share of an interval the loop may have been busy and still count as idle. */
  maxUtilization?: number;
  /**
   * How long the loop must have been idle: a full collection pauses the server (24 ms with the
   * 50,000-line bench file open, 85 ms with the 200,000-line one), which must not land between two
   * keystrokes.
   */
  idleMs?: number;
}

/** `gc` without requiring node to be started with --expose-gc (editors other than VS Code start the server plainly). */
function exposedGc(): (() => void) | undefined {
  const existing = (globalThis as { gc?: () => void }).gc;
  if (typeof existing === 'function') return existing;
  try {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as unknown;
    return typeof gc === 'function' ? (gc as () => void) : undefined;
  } catch {
    return undefined;
  }
}

export interface IdleCollector {
  /** Collections run so far (the server reports it in k8sStateful/processInfo; a test watches it). */
  readonly collections: number;
  /** Collects now if the heap grew past the threshold: after background work that just ended (the workspace scan). */
  collectIfGrown(): void;
  /** A full collection now (the bench and tests measure the live heap with it); false without gc. */
  collectNow(): boolean;
  /**
   * Work for the user just happened (an edit was checked and published): the idle clock starts
   * again. Typing at five keys a second keeps the loop only ~5% busy, which counted as idle: a full
   * collection (80-120 ms with the 50,000-line bench file open) then landed between two keystrokes.
   */
  noteActivity(): void;
  stop(): void;
}

export function startIdleCollector(options: IdleCollectorOptions = {}): IdleCollector {
  const gc = exposedGc();
  const state = { collections: 0, collectIfGrown: () => undefined as void, collectNow: () => false, noteActivity: () => undefined as void, stop: () => undefined as void };
  if (!gc) return state;
  const growth = options.growthBytes ?? 16 * 1024 * 1024;
  const maxUtilization = options.maxUtilization ?? 0.1;
  let baseline = getHeapStatistics().used_heap_size;
  /** One full collection when the heap grew past the threshold; true when it ran. */
  const collectIfGrown = (): boolean => {
    if (getHeapStatistics().used_heap_size - baseline < growth) return false;
    gc();
    gc();
    state.collections++;
    baseline = getHeapStatistics().used_heap_size;
    return true;
  };
  const intervalMs = options.intervalMs ?? 250;
  const idleIntervals = Math.max(1, Math.ceil((options.idleMs ?? 2000) / intervalMs));
  let idleFor = 0;
  let last = performance.eventLoopUtilization();
  const timer = setInterval(() => {
    const now = performance.eventLoopUtilization();
    const busy = performance.eventLoopUtilization(now, last).utilization;
    last = now;
    idleFor = busy > maxUtilization ? 0 : idleFor + 1;
    if (idleFor < idleIntervals) return;
    // V8's own collections lower the heap too: follow them down.
    baseline = Math.min(baseline, getHeapStatistics().used_heap_size);
    if (!collectIfGrown()) return;
    idleFor = 0;
    // The collection itself must not count as work in the next interval.
    last = performance.eventLoopUtilization();
  }, intervalMs);
  timer.unref();
  state.collectIfGrown = () => void collectIfGrown();
  state.collectNow = () => {
    gc();
    baseline = getHeapStatistics().used_heap_size;
    return true;
  };
  state.noteActivity = () => {
    idleFor = 0;
  };
  state.stop = () => clearInterval(timer);
  return state;
}
