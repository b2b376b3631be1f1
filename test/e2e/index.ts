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

  const files = fs
    .readdirSync(__dirname)
    .filter((name) => name.endsWith('.test.js'))
    // smoke first: it checks activation on opening a YAML file, before any other test opens one.
    .sort((a, b) => Number(b === 'smoke.test.js') - Number(a === 'smoke.test.js') || a.localeCompare(b))
    .map((name) => path.join(__dirname, name));
  if (files.length === 0) {
    console.log(`e2e: no *.test.js files in ${__dirname}`);
    console.log('0 passed, 1 failed');
    throw new Error('no e2e test files found');
  }
  for (const file of files) mocha.addFile(file);

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
