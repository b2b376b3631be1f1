// The server as other editors meet it: `.k8s-stateful.yaml` (diagnostics, completion, live
// settings), initializationOptions, file watching (dynamic registration or its own watcher), and
// its command line.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { CompletionRequest, RegistrationRequest, type CompletionList, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { LspTestClient } from '../helpers/lspClient';

const SERVER = join(process.cwd(), 'dist', 'server.js');
const FIXTURES = join(process.cwd(), 'test/fixtures/cli');
const WARNINGS = readFileSync(join(FIXTURES, 'warnings/statefulset.yaml'), 'utf8');
const scratch = mkdtempSync(join(tmpdir(), 'k8s-stateful-editors-'));
const clients: LspTestClient[] = [];
after(async () => {
  await Promise.all(clients.map((c) => c.shutdown().catch(() => undefined)));
  rmSync(scratch, { recursive: true, force: true });
});

function folder(name: string, files: Record<string, string>): string {
  const dir = join(scratch, name);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

function client(): LspTestClient {
  const c = new LspTestClient();
  clients.push(c);
  return c;
}

const codes = (diagnostics: Diagnostic[]) => diagnostics.map((d) => `${d.severity} ${d.code}`).sort();

/** Waits for diagnostics of `uri` that satisfy `ok` (re-publications come without a new version). */
async function until(c: LspTestClient, uri: string, ok: (d: Diagnostic[]) => boolean, what: string): Promise<Diagnostic[]> {
  for (let i = 0; i < 20; i++) {
    const d = await c.nextDiagnostics(uri, undefined, 10_000);
    if (ok(d)) return d;
  }
  throw new Error(`never published: ${what}`);
}

test('the workspace .k8s-stateful.yaml sets severities; editing it applies live; its typos are diagnostics; completion offers ids', async () => {
  const dir = folder('configured', { '.k8s-stateful.yaml': 'rules:\n  sts-claim-template-unused: error\n', 'sts.yaml': WARNINGS });
  const c = client();
  await c.initialize(pathToFileURL(dir).href, { completion: { completionItem: { snippetSupport: true } } });
  const sts = pathToFileURL(join(dir, 'sts.yaml')).href;
  assert.deepEqual(codes(await c.open(sts, WARNINGS)), ['1 sts-claim-template-unused', '3 sts-no-anti-affinity', '4 ref-configmap-missing']);

  const configUri = pathToFileURL(join(dir, '.k8s-stateful.yaml')).href;
  const opened = await c.open(configUri, 'rules:\n  sts-claim-template-unused: error\n');
  assert.deepEqual(opened, []);
  const typo = await c.change(configUri, 'rules:\n  sts-claim-template-unused: off\n  shcema: off\n');
  assert.deepEqual(typo.map((d) => [d.code, d.severity, d.message, d.range.start]), [
    ['unknown-rule-id', 1, 'unknown rule id "shcema" — did you mean "schema"?', { line: 2, character: 2 }],
  ]);
  await until(c, sts, (d) => !d.some((x) => x.code === 'sts-claim-template-unused'), 'the rule turned off by the unsaved config text');

  const list = (await c.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: configUri }, position: { line: 3, character: 0 } })) as CompletionList | null;
  const labels = (Array.isArray(list) ? list : (list?.items ?? [])).map((i) => i.label);
  assert.ok(labels.includes('exclude') && labels.includes('scopes') && !labels.includes('rules'), labels.join());
  await c.change(configUri, 'rules:\n  sts-claim-template-unused: off\n  sts-\n');
  const ids = (await c.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: configUri }, position: { line: 2, character: 6 } })) as CompletionList | null;
  assert.ok((Array.isArray(ids) ? ids : (ids?.items ?? [])).some((i) => i.label === 'sts-no-anti-affinity'));
});

test('each file gets the nearest .k8s-stateful.yaml above it: two workspace folders and a nested project, edited live', async () => {
  const a = folder('multi-a', {
    '.k8s-stateful.yaml': 'rules:\n  sts-no-anti-affinity: off\n',
    'sts.yaml': WARNINGS,
    'nested/.k8s-stateful.yaml': 'rules:\n  sts-claim-template-unused: off\n',
    'nested/sts.yaml': WARNINGS,
  });
  const b = folder('multi-b', { '.k8s-stateful.yaml': 'rules:\n  sts-claim-template-unused: error\n', 'sts.yaml': WARNINGS });
  const c = client();
  await c.initialize(pathToFileURL(a).href, {}, { workspaceFolders: [pathToFileURL(a).href, pathToFileURL(b).href] });
  const uri = (path: string) => pathToFileURL(path).href;
  // Without a config: 2 sts-claim-template-unused, 3 sts-no-anti-affinity, 4 ref-configmap-missing.
  assert.deepEqual(codes(await c.open(uri(join(a, 'sts.yaml')), WARNINGS)), ['2 sts-claim-template-unused', '4 ref-configmap-missing']);
  // The nearest config only, as in the CLI: the nested one does not inherit the folder's.
  assert.deepEqual(codes(await c.open(uri(join(a, 'nested/sts.yaml')), WARNINGS)), ['3 sts-no-anti-affinity', '4 ref-configmap-missing']);
  assert.deepEqual(codes(await c.open(uri(join(b, 'sts.yaml')), WARNINGS)), ['1 sts-claim-template-unused', '3 sts-no-anti-affinity', '4 ref-configmap-missing']);

  // Unsaved edits of the second folder's config apply to its files only.
  const configB = uri(join(b, '.k8s-stateful.yaml'));
  await c.open(configB, 'rules:\n  sts-claim-template-unused: error\n');
  await c.change(configB, 'rules:\n  sts-claim-template-unused: error\n  ref-configmap-missing: off\n');
  await until(c, uri(join(b, 'sts.yaml')), (d) => codes(d).join() === '1 sts-claim-template-unused,3 sts-no-anti-affinity', 'ref-configmap-missing off in the second folder');
  assert.deepEqual(codes(await c.change(uri(join(a, 'sts.yaml')), `${WARNINGS}\n`)), ['2 sts-claim-template-unused', '4 ref-configmap-missing']);
});

test('settings from initializationOptions when the client has no workspace/configuration', async () => {
  const dir = folder('init-options', { 'sts.yaml': WARNINGS });
  const c = client();
  await c.initialize(pathToFileURL(dir).href, {}, { initializationOptions: { k8sStateful: { rules: { 'sts-no-anti-affinity': 'off', 'sts-claim-template-unused': 'error' } } } });
  const sts = pathToFileURL(join(dir, 'sts.yaml')).href;
  assert.deepEqual(codes(await c.open(sts, WARNINGS)), ['1 sts-claim-template-unused', '4 ref-configmap-missing']);
});

test('a client that offers dynamic registration gets file watchers registered for manifests and the config file', async () => {
  const dir = folder('dynamic', { 'sts.yaml': WARNINGS });
  const c = client();
  const registered = new Promise<string[]>((resolve) => {
    c.connection.onRequest(RegistrationRequest.type, (params) => {
      const watch = params.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles');
      if (watch) resolve((watch.registerOptions as { watchers: Array<{ globPattern: string }> }).watchers.map((w) => w.globPattern));
    });
  });
  await c.initialize(pathToFileURL(dir).href, {}, { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } });
  // The last one reports folders created or deleted (their files are not reported one by one).
  assert.deepEqual(await registered, ['**/*.{yaml,yml}', '**/.k8s-stateful.yaml', '**/*']);
});

test('without dynamic registration the server watches the folder itself: files changed on disk update cross-file findings', async () => {
  const app = readFileSync(join(FIXTURES, 'clean/app.yaml'), 'utf8');
  const service = readFileSync(join(FIXTURES, 'clean/service.yaml'), 'utf8');
  const dir = folder('watched', { 'app.yaml': app });
  const c = client();
  await c.initialize(pathToFileURL(dir).href);
  const uri = pathToFileURL(join(dir, 'app.yaml')).href;
  assert.deepEqual(codes(await c.open(uri, app)), ['4 sts-service-missing']);
  writeFileSync(join(dir, 'service.yaml'), service); // e.g. a branch switch
  await until(c, uri, (d) => d.length === 0, 'no sts-service-missing once service.yaml exists on disk');
  unlinkSync(join(dir, 'service.yaml'));
  await until(c, uri, (d) => d.some((x) => x.code === 'sts-service-missing'), 'sts-service-missing again once service.yaml is deleted');
  writeFileSync(join(dir, '.k8s-stateful.yaml'), 'rules:\n  sts-service-missing: error\n');
  await until(c, uri, (d) => d.some((x) => x.code === 'sts-service-missing' && x.severity === 1), 'a config file created on disk applies');
});

test('the server command line: --version, --help, and no transport explains itself (exit 2, no stack trace)', () => {
  const run = (args: string[]) => spawnSync(process.execPath, [SERVER, ...args], { encoding: 'utf8', timeout: 10_000 });
  const version = run(['--version']);
  assert.equal(version.status, 0);
  assert.equal(version.stdout, `${JSON.parse(readFileSync('package.json', 'utf8')).version}\n`);
  const help = run(['--help']);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /^Usage: k8s-stateful-language-server --stdio/);
  const bare = run([]);
  assert.equal(bare.status, 2);
  assert.match(bare.stderr, /no transport given; an editor starts this server with --stdio/);
  assert.doesNotMatch(bare.stderr, /\n\s+at /);
});
