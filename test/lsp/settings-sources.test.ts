// Where the server's settings come from when the client has workspace/configuration: its answer,
// unless it answers null for the section (Neovim, Helix and eglot do when they were given no
// settings), in which case the initializationOptions stand.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { ConfigurationRequest, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { LspTestClient } from '../helpers/lspClient';

const text = readFileSync(join(process.cwd(), 'test/fixtures/cli/warnings/statefulset.yaml'), 'utf8');
const scratch = mkdtempSync(join(tmpdir(), 'k8s-stateful-settings-'));
const clients: LspTestClient[] = [];
after(async () => {
  await Promise.all(clients.map((c) => c.shutdown().catch(() => undefined)));
  rmSync(scratch, { recursive: true, force: true });
});

const initializationOptions = { k8sStateful: { rules: { 'sts-no-anti-affinity': 'warning' } } };
const antiAffinity = (d: Diagnostic[]) => d.find((x) => x.code === 'sts-no-anti-affinity')?.severity;

/** Opens the manifest once the client has answered the server's settings pull. */
async function severityWith(name: string, answer: unknown): Promise<number | undefined> {
  const dir = mkdtempSync(join(scratch, `${name}-`));
  const path = join(dir, 'sts.yaml');
  writeFileSync(path, text);
  const c = new LspTestClient();
  clients.push(c);
  let answered!: () => void;
  const pulled = new Promise<void>((resolve) => (answered = resolve));
  c.connection.onRequest(ConfigurationRequest.type, (params) => {
    setImmediate(answered);
    return params.items.map(() => answer);
  });
  await c.initialize(pathToFileURL(dir).href, {}, { workspace: { configuration: true }, initializationOptions });
  await pulled;
  await c.request('k8sStateful/workspaceStatus'); // the server has taken in the answer by now
  return antiAffinity(await c.open(pathToFileURL(path).href, text));
}

test('a null answer to workspace/configuration keeps the initializationOptions', async () => {
  assert.equal(await severityWith('null', null), 2);
});

test('a workspace/configuration answer goes over the initializationOptions', async () => {
  assert.equal(await severityWith('answer', { rules: { 'sts-no-anti-affinity': 'hint' } }), 4);
});
