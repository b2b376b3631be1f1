// The npm package as CI installs it: `npm pack` (of the build this test run made), installed from the
// tarball into an empty project without network, then both bins run from there: the CLI on a
// manifest, and the language server over stdio through a real LSP client.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { LspTestClient } from '../helpers/lspClient';

const ROOT = process.cwd();
const scratch = mkdtempSync(join(tmpdir(), 'k8s-stateful-npm-'));
let lsp: LspTestClient | undefined;
after(async () => {
  await lsp?.shutdown().catch(() => undefined);
  rmSync(scratch, { recursive: true, force: true });
});

const npm = (args: string[], cwd: string) =>
  spawnSync('npm', args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' }, timeout: 180_000 });

test('npm pack: a publishable tarball with the bundles, schemas and docs, without sources, tests or benches', async () => {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  assert.equal(manifest.private, undefined, 'a private package cannot be published');
  assert.deepEqual(manifest.bin, { 'k8s-stateful': './dist/cli.js', 'k8s-stateful-language-server': './dist/server.js' });
  assert.deepEqual(manifest.dependencies ?? {}, {}, 'the bundles carry their dependencies: installing pulls nothing else');

  // --ignore-scripts: `prepack` would build again; this test run has just built.
  const pack = npm(['pack', '--ignore-scripts', '--json', '--pack-destination', scratch], ROOT);
  assert.equal(pack.status, 0, pack.stderr);
  const [info] = JSON.parse(pack.stdout);
  const files: string[] = info.files.map((f: { path: string }) => f.path);
  for (const needed of ['package.json', 'README.md', 'LICENSE', 'NOTICE', 'dist/cli.js', 'dist/server.js', 'schemas/generated/index.json', 'schemas/generated/formats.js', 'schemas/k8s-stateful-config.schema.json', 'docs/rules/schema.md', 'docs/editors.md']) {
    assert.ok(files.includes(needed), `the tarball lacks ${needed}`);
  }
  assert.ok(files.some((f) => /^schemas\/generated\/apps\.v1\.StatefulSet\.(json|js)$/.test(f)));
  const unwanted = files.filter((f) => /^(test|bench|server|client|scripts|examples|out)\/|\.map$|\.ts$/.test(f));
  assert.deepEqual(unwanted, []);

  // An empty project installs the tarball offline (nothing to fetch) and runs both bins.
  const project = join(scratch, 'consumer');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
  const install = npm(['install', '--offline', '--no-package-lock', join(scratch, info.filename)], project);
  assert.equal(install.status, 0, install.stderr);

  const cli = join(project, 'node_modules/.bin/k8s-stateful');
  const server = join(project, 'node_modules/.bin/k8s-stateful-language-server');
  const manifestFile = join(project, 'sts.yaml');
  writeFileSync(manifestFile, readFileSync(join(ROOT, 'examples/mistakes/statefulset-typos.yaml')));
  const check = spawnSync(cli, ['check', 'sts.yaml'], { cwd: project, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  assert.equal(check.status, 1, check.stderr);
  assert.deepEqual(check.stdout.trim().split('\n').map((l) => l.split(' ').slice(0, 3).join(' ')), ['sts.yaml:7:13: error schema', 'sts.yaml:8:3: error schema']);
  assert.match(check.stdout, /replicas must be an integer/);
  const sarif = spawnSync(cli, ['check', '-f', 'sarif', 'sts.yaml'], { cwd: project, encoding: 'utf8' });
  assert.match(JSON.parse(sarif.stdout).runs[0].tool.driver.rules.find((r: { id: string }) => r.id === 'schema').help.markdown, /^# schema/, 'rule docs ship in the package');
  assert.equal(spawnSync(server, ['--version'], { encoding: 'utf8' }).stdout, `${manifest.version}\n`);

  lsp = new LspTestClient(join(project, 'node_modules/k8s-stateful/dist/server.js'));
  await lsp.initialize(pathToFileURL(project).href);
  const diagnostics = await lsp.open(pathToFileURL(manifestFile).href, readFileSync(manifestFile, 'utf8'));
  assert.deepEqual(diagnostics.map((d) => d.message).sort(), ['replicas must be an integer, got the string "three"', 'unknown field "serviceNme" — did you mean "serviceName"?']);
});
