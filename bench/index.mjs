#!/usr/bin/env node
// `npm run bench`: bundles bench/*.ts into bench/out/ and runs the benchmark with the given arguments.
// `node bench/index.mjs crd-cost CRD CR [OTHER]` runs bench/crdCost.ts instead (what a big CRD costs);
// `node bench/index.mjs cst-transfer [DIR]` runs bench/cstTransfer.ts (would parsing in a second thread pay?).
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const entry = { 'crd-cost': 'crdCost', 'cst-transfer': 'cstTransfer' }[process.argv[2]] ?? 'run';
await build({
  entryPoints: [join(here, `${entry}.ts`)],
  outfile: join(here, 'out', `${entry}.js`),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  packages: 'external',
  logLevel: 'warning',
});
const r = spawnSync(process.execPath, [join(here, 'out', `${entry}.js`), ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(r.status ?? 1);
