#!/usr/bin/env node
// Runs the in-editor test suite (out/test/e2e/index.js) in a desktop VS Code downloaded by
// @vscode/test-electron: for machines that can download VS Code (this project's own machines
// cannot: there, use test/e2e/runInCodeServer.mjs, the default of `npm test`).
//
// Builds nothing: run `node scripts/build.mjs` first.
//
// Environment:
//   VSCODE_VERSION   VS Code to download (default 1.100.3, the version code-server 4.100.3 runs;
//                    'stable' or 'insiders' also work, within package.json engines.vscode)
//   VSCODE_EXECUTABLE  use this VS Code instead of downloading one
//   E2E_WORKSPACE    folder to open (default: a scratch copy of examples/)
//   E2E_GREP, E2E_TEST_TIMEOUT_MS, E2E_SEED  passed on to the suite
//   E2E_KEEP=1       keep the scratch folder
// On Linux without $DISPLAY it re-runs itself under `xvfb-run -a` when that is installed.
import { spawnSync } from 'node:child_process';
import { Writable } from 'node:stream';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const TESTS_PATH = join(ROOT, 'out/test/e2e/index.js');

if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY && !process.env.E2E_UNDER_XVFB) {
  const xvfb = spawnSync('sh', ['-c', 'command -v xvfb-run'], { encoding: 'utf8' });
  if (xvfb.status === 0) {
    const r = spawnSync(xvfb.stdout.trim(), ['-a', process.execPath, fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
      stdio: 'inherit',
      env: { ...process.env, E2E_UNDER_XVFB: '1' },
    });
    process.exit(r.status ?? 1);
  }
  console.warn('[e2e] no $DISPLAY and no xvfb-run: VS Code may fail to start (apt-get install -y xvfb)');
}

if (!existsSync(TESTS_PATH)) {
  console.error(`[e2e] ${TESTS_PATH} not found: run \`node scripts/build.mjs\``);
  process.exit(1);
}

const { runTests } = await import('@vscode/test-electron');

const scratch = mkdtempSync(join(tmpdir(), 'k8s-stateful-e2e-electron-'));
const workspace = process.env.E2E_WORKSPACE ? resolve(process.env.E2E_WORKSPACE) : join(scratch, 'workspace');
if (!process.env.E2E_WORKSPACE) {
  if (existsSync(join(ROOT, 'examples'))) cpSync(join(ROOT, 'examples'), workspace, { recursive: true });
  else mkdirSync(workspace);
}

// Forward VS Code's output, holding back the suite's "N passed, N failed" line to print it last.
const SUMMARY = /^\s*\d+ passed, \d+ failed(, \d+ skipped)?\s*$/;
let summary;
let pending = '';
const stdout = new Writable({
  write(chunk, _enc, done) {
    pending += chunk.toString();
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      if (SUMMARY.test(line)) summary = line.trim();
      else process.stdout.write(`${line}\n`);
    }
    done();
  },
});

let code = 1;
try {
  code = await runTests({
    version: process.env.VSCODE_VERSION || '1.100.3',
    vscodeExecutablePath: process.env.VSCODE_EXECUTABLE || undefined,
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: TESTS_PATH,
    extensionTestsEnv: { K8S_STATEFUL_E2E_HOST: 'electron' },
    stdout,
    launchArgs: [
      workspace,
      '--disable-extensions',
      `--user-data-dir=${join(scratch, 'user-data')}`,
      `--extensions-dir=${join(scratch, 'extensions')}`,
    ],
  });
} catch (err) {
  // runTests rejects with TestRunFailedError when VS Code exits non-zero (a failing test).
  code = typeof err?.code === 'number' && err.code !== 0 ? err.code : 1;
  if (err?.name !== 'TestRunFailedError') console.error(`[e2e] ${err?.stack || err}`);
} finally {
  if (process.env.E2E_KEEP === '1') console.log(`[e2e] kept scratch folder ${scratch}`);
  else rmSync(scratch, { recursive: true, force: true, maxRetries: 3 });
}
if (pending) process.stdout.write(`${pending}\n`);
process.stdout.write(`${summary ?? (code === 0 ? '0 passed, 0 failed' : '0 passed, 1 failed')}\n`);
process.exit(code);
