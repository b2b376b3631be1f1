#!/usr/bin/env node
// Runs the in-VS-Code suite N times in a row (default 5), each in a fresh code-server and scratch
// workspace with the test files in another shuffled order (E2E_SEED=1..N), and stops at the first
// failing run. Shows the suite is neither flaky nor order-dependent. Needs a build (npm run build).
//
//   node scripts/e2e-repeat.mjs [N]
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const runs = Number(process.argv[2] ?? 5);
const results = [];
for (let seed = 1; seed <= runs; seed++) {
  const started = Date.now();
  const run = spawnSync(process.execPath, [join(ROOT, 'test/e2e/runInCodeServer.mjs')], {
    cwd: ROOT,
    env: { ...process.env, E2E_SEED: String(seed) },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const summary = (run.stdout.match(/^\d+ passed, \d+ failed.*$/gm) ?? ['no summary']).at(-1);
  const order = run.stdout.match(/^e2e: E2E_SEED=\d+, file order: (.*)$/m)?.[1] ?? '?';
  results.push(`run ${seed}: ${summary} in ${((Date.now() - started) / 1000).toFixed(0)} s (order: ${order})`);
  process.stdout.write(`${results.at(-1)}\n`);
  if (run.status !== 0) {
    process.stdout.write(run.stdout.slice(-6000));
    process.stderr.write(run.stderr.slice(-3000));
    process.stdout.write(`e2e-repeat: run ${seed} of ${runs} failed\n`);
    process.exit(1);
  }
}
process.stdout.write(`e2e-repeat: ${runs} of ${runs} runs passed\n`);
