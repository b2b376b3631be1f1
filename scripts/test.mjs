#!/usr/bin/env node
// `npm test`: build, unit + LSP tests (node's test runner), then the in-editor e2e suite.
//
//   K8S_STATEFUL_E2E=code-server (default)  real VS Code 1.100 in code-server + headless Chromium,
//                                            then the packaged .vsix installed into code-server
//   K8S_STATEFUL_E2E=electron               @vscode/test-electron (needs to download VS Code)
//   K8S_STATEFUL_E2E=skip                   no e2e
//
// Exits non-zero if any step fails. The last line is `N passed, N failed` over all the tests.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const E2E = (process.env.K8S_STATEFUL_E2E || 'code-server').toLowerCase();
const SUMMARY = /^\s*(?:\w+:\s*)?(\d+) passed, (\d+) failed(?:, (\d+) skipped)?\s*$/;

const totals = { passed: 0, failed: 0, skipped: 0 };
const problems = [];
const started = Date.now();

function banner(text) {
  process.stdout.write(`\n=== ${text} ===\n`);
}

/** Runs a command with inherited stdin, tees its stdout/stderr and returns { code, out }. */
function run(cmd, args, { env, capture = false } = {}) {
  return new Promise((resolvePromise) => {
    const child = spawn(cmd, args, {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', capture ? 'pipe' : 'inherit', capture ? 'pipe' : 'inherit'],
    });
    let out = '';
    if (capture) {
      child.stdout.on('data', (d) => {
        out += d;
        process.stdout.write(d);
      });
      child.stderr.on('data', (d) => process.stderr.write(d));
    }
    const forward = (sig) => child.kill(sig);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('error', (err) => {
      process.stderr.write(`${cmd}: ${err.message}\n`);
    });
    child.on('close', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolvePromise({ code: code ?? (signal ? 128 : 1), out });
    });
  });
}

function testFiles(dir) {
  const abs = join(ROOT, dir);
  if (!existsSync(abs)) return [];
  const out = [];
  for (const name of readdirSync(abs).sort()) {
    const p = join(abs, name);
    if (statSync(p).isDirectory()) out.push(...testFiles(join(dir, name)));
    else if (name.endsWith('.test.js')) out.push(join(dir, name));
  }
  return out;
}

function finish() {
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  if (problems.length) {
    process.stdout.write(`\nnpm test: FAILED (${problems.join('; ')}) in ${seconds} s\n`);
  } else {
    process.stdout.write(`\nnpm test: OK in ${seconds} s\n`);
  }
  const skipped = totals.skipped ? `, ${totals.skipped} skipped` : '';
  process.stdout.write(`${totals.passed} passed, ${totals.failed} failed${skipped}\n`);
  process.exit(problems.length ? 1 : 0);
}

// 1. Build ----------------------------------------------------------------------------------
banner('build');
{
  const { code } = await run(process.execPath, ['scripts/build.mjs']);
  if (code !== 0) {
    problems.push(`build exited with ${code}`);
    totals.failed += 1;
    finish();
  }
}

// 2. Unit and LSP tests with node's test runner ---------------------------------------------
{
  const files = [...testFiles('out/test/unit'), ...testFiles('out/test/lsp')];
  banner(`unit + LSP tests (${files.length} files)`);
  if (files.length === 0) {
    process.stdout.write('no out/test/unit or out/test/lsp test files\n');
  } else {
    // Node 20's `--test DIR` does not take a directory the way later versions do: list files.
    // Human-readable spec on stdout, TAP into a file to count from.
    const tapDir = mkdtempSync(join(tmpdir(), 'k8s-stateful-tap-'));
    const tapFile = join(tapDir, 'results.tap');
    const { code } = await run(process.execPath, [
      '--enable-source-maps',
      '--test',
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      '--test-reporter=tap',
      `--test-reporter-destination=${tapFile}`,
      ...files,
    ]);
    const tap = existsSync(tapFile) ? readFileSync(tapFile, 'utf8') : '';
    rmSync(tapDir, { recursive: true, force: true });
    const count = (key) => Number(tap.match(new RegExp(`^# ${key} (\\d+)$`, 'm'))?.[1] ?? 0);
    const passed = count('pass');
    const failed = count('fail') + count('cancelled');
    const skipped = count('skipped') + count('todo');
    totals.passed += passed;
    totals.failed += failed;
    totals.skipped += skipped;
    if (code !== 0) {
      if (failed === 0) totals.failed += 1; // a crash that the TAP summary did not count
      problems.push(`unit/LSP tests exited with ${code}`);
    } else if (passed === 0) {
      problems.push('unit/LSP tests ran no test');
    }
    process.stdout.write(`unit + LSP: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
  }
}

// 3. e2e in a real VS Code ------------------------------------------------------------------
if (E2E === 'skip' || E2E === 'none' || E2E === '0') {
  banner('e2e skipped (K8S_STATEFUL_E2E=skip)');
} else {
  let runner;
  if (E2E === 'electron') {
    runner = 'test/e2e/runInTestElectron.mjs';
  } else {
    if (E2E !== 'code-server') process.stdout.write(`unknown K8S_STATEFUL_E2E=${E2E}; using code-server\n`);
    runner = 'test/e2e/runInCodeServer.mjs';
    const ready = await run('bash', ['scripts/setup-code-server.sh', '--check']);
    if (ready.code !== 0) {
      banner('setting up code-server (scripts/setup-code-server.sh)');
      const setup = await run('bash', ['scripts/setup-code-server.sh']);
      if (setup.code !== 0) {
        problems.push(`setup-code-server.sh exited with ${setup.code}`);
        totals.failed += 1;
        finish();
      }
    }
  }
  banner(`e2e in VS Code (${relative(ROOT, join(ROOT, runner))})`);
  const { code, out } = await run(process.execPath, [runner], { capture: true });
  const lines = out.split('\n').map((l) => l.match(SUMMARY)).filter(Boolean);
  const last = lines.at(-1);
  if (last) {
    totals.passed += Number(last[1]);
    totals.failed += Number(last[2]);
    totals.skipped += Number(last[3] ?? 0);
    if (code !== 0 && Number(last[2]) === 0) totals.failed += 1;
  } else if (code !== 0) {
    totals.failed += 1;
  }
  if (code !== 0) problems.push(`e2e exited with ${code}`);
  else if (!last || Number(last[1]) === 0) problems.push('e2e ran no test');
}

// 4. The packaged extension: `npm run package`, installed into code-server as a user would ------
if (E2E === 'code-server') {
  banner('VSIX installed in code-server (test/vsix/runVsixInCodeServer.mjs)');
  const { code, out } = await run(process.execPath, ['test/vsix/runVsixInCodeServer.mjs'], { capture: true });
  const last = out.split('\n').map((l) => l.match(SUMMARY)).filter(Boolean).at(-1);
  totals.passed += Number(last?.[1] ?? 0);
  totals.failed += Number(last?.[2] ?? 0) || (code !== 0 ? 1 : 0);
  if (code !== 0) problems.push(`vsix test exited with ${code}`);
}

finish();
