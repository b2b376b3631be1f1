// Entry point of the in-editor test suite: VS Code (code-server or @vscode/test-electron) loads the
// bundled out/test/e2e/index.js as `extensionTestsPath` and calls run() inside the extension host.
// It runs mocha over the *.test.js bundles that scripts/build.mjs writes next to this file.
//
// Output goes through console.log: the extension host forwards it to the test runner (code-server:
// window.codeAutomationLog; test-electron: the Electron process's stdout). The last line is
// `N passed, N failed`, which CI parsers read.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { captureWorkspace, restoreWorkspace, type WorkspaceState } from './isolation';

/** Deterministic shuffle (mulberry32) so a failing order can be replayed with the same seed. */
function shuffled<T>(items: T[], seed: number): T[] {
  let state = seed >>> 0;
  const random = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

export async function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'tdd', // suite() / test() / suiteSetup()
    color: false,
    timeout: Number(process.env.E2E_TEST_TIMEOUT_MS) || 60_000,
    slow: 5_000,
    reporter: 'spec',
  });
  const grep = process.env.E2E_GREP;
  if (grep) mocha.grep(grep);

  const names = fs
    .readdirSync(__dirname)
    .filter((name) => name.endsWith('.test.js'))
    .sort((a, b) => a.localeCompare(b));
  // E2E_SEED=<n> runs the files in a shuffled order (printed, so a failure can be replayed): no
  // suite may depend on another having run before it.
  const seed = process.env.E2E_SEED ? Number(process.env.E2E_SEED) : undefined;
  const ordered = seed === undefined || Number.isNaN(seed) ? names : shuffled(names, seed);
  // smoke first: it checks activation on opening a YAML file, before any other test opens one.
  const files = [...ordered.filter((n) => n === 'smoke.test.js'), ...ordered.filter((n) => n !== 'smoke.test.js')].map((name) =>
    path.join(__dirname, name),
  );
  if (seed !== undefined) console.log(`e2e: E2E_SEED=${seed}, file order: ${files.map((f) => path.basename(f)).join(' ')}`);
  if (files.length === 0) {
    console.log(`e2e: no *.test.js files in ${__dirname}`);
    console.log('0 passed, 1 failed');
    throw new Error('no e2e test files found');
  }
  for (const file of files) mocha.addFile(file);
  // Load the files now (instead of inside run()) so every top-level suite can get the workspace guard.
  // (Both are public at run time; the typings do not declare them.) lazyLoadFiles stops run() loading them twice.
  const loader = mocha as unknown as { loadFiles(): void; lazyLoadFiles(enabled: boolean): void };
  loader.loadFiles();
  loader.lazyLoadFiles(true);
  guardWorkspace(mocha.suite);

  const started = Date.now();
  const stats = await new Promise<{ passes: number; failures: number; pending: number }>((resolve, reject) => {
    try {
      const runner = mocha.run(() => {
        const s = runner.stats ?? { passes: 0, failures: 0, pending: 0 };
        resolve({ passes: s.passes, failures: s.failures, pending: s.pending });
      });
    } catch (err) {
      reject(err);
    }
  }).catch((err: unknown) => {
    console.error('e2e: mocha could not run the suite:', err instanceof Error ? err.stack ?? err.message : err);
    return { passes: 0, failures: 1, pending: 0 };
  });

  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`e2e: ${files.length} file(s) in ${seconds} s`);
  console.log(`${stats.passes} passed, ${stats.failures} failed${stats.pending ? `, ${stats.pending} skipped` : ''}`);
  if (stats.failures > 0) throw new Error(`${stats.failures} e2e test(s) failed`);
  if (stats.passes === 0) throw new Error('no e2e test ran');
}

/**
 * Around every top-level suite: remember the workspace before it, and after it put back what it
 * left changed (unsaved edits, files on disk, settings) and fail that suite's "after all" hook
 * with the list, so the next suite starts from the same state whatever ran before it.
 */
function guardWorkspace(root: Mocha.Suite): void {
  for (const suite of root.suites) {
    let before: WorkspaceState | undefined;
    // unshift: run before the suite's own suiteSetup, so its setup is inside the guarded span.
    suite.beforeAll('remember the workspace', async () => {
      before = await captureWorkspace();
    });
    const hooks = (suite as unknown as { _beforeAll: unknown[] })._beforeAll;
    hooks.unshift(hooks.pop());
    suite.afterAll('leave the workspace as it was found', async () => {
      if (!before) return;
      const leaks = await restoreWorkspace(before);
      if (leaks.length) throw new Error(`suite "${suite.title}" left the workspace changed (now put back):\n  ${leaks.join('\n  ')}`);
    });
  }
}
