#!/usr/bin/env node
// `npm run bench`: bundles bench/*.ts into bench/out/ and runs the benchmark with the given arguments.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
await build({
  entryPoints: [join(here, 'run.ts')],
  outfile: join(here, 'out', 'run.js'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  packages: 'external',
  logLevel: 'warning',
});
const r = spawnSync(process.execPath, [join(here, 'out', 'run.js'), ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(r.status ?? 1);
