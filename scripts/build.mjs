// Bundles the client, server, CLI and tests with esbuild. Schemas are generated first when missing.
import { build } from 'esbuild';
import { chmodSync, existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const watch = process.argv.includes('--watch');

// formats.js comes with the precompiled validators: an older generated folder lacks it and would compile at run time.
if (!existsSync(join(root, 'schemas/generated/index.json')) || !existsSync(join(root, 'schemas/generated/formats.js')) || process.argv.includes('--schemas')) {
  const r = spawnSync(process.execPath, [join(root, 'scripts/build-schemas.mjs')], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, logLevel: 'warning' };

function testEntries(dir) {
  const out = [];
  const abs = join(root, dir);
  if (!existsSync(abs)) return out;
  for (const name of readdirSync(abs)) {
    const p = join(abs, name);
    if (statSync(p).isDirectory()) out.push(...testEntries(join(dir, name)));
    else if (/\.test\.ts$/.test(name) || (dir === 'test/e2e' && name === 'index.ts')) out.push(join(dir, name));
  }
  return out;
}

await Promise.all([
  build({ ...common, entryPoints: { extension: join(root, 'client/src/extension.ts') }, outdir: join(root, 'dist'), external: ['vscode'] }),
  build({ ...common, entryPoints: { server: join(root, 'server/src/server.ts'), cli: join(root, 'server/src/cli.ts') }, outdir: join(root, 'dist') }),
  build({
    ...common,
    entryPoints: testEntries('test').map((p) => join(root, p)),
    outbase: root,
    outdir: join(root, 'out'),
    external: ['vscode'],
    packages: 'external',
  }),
]);
// The bins (`k8s-stateful`, `k8s-stateful-language-server`) run the bundles directly: they carry a shebang and must be executable.
chmodSync(join(root, 'dist/cli.js'), 0o755);
chmodSync(join(root, 'dist/server.js'), 0o755);
console.log('built dist/ and out/test/');
