// Completion of workspace names over LSP: candidates from files indexed from disk and from unsaved
// edits of other open documents.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { CompletionItem, CompletionList, Position } from 'vscode-languageserver-types';
import { LspTestClient } from '../helpers/lspClient';

const examples = join(process.cwd(), 'examples');
const uriOf = (path: string) => pathToFileURL(join(examples, path)).href;
const textOf = (path: string) => readFileSync(join(examples, path), 'utf8');
const STS = 'postgres/statefulset.yaml';
const CM = 'postgres/configmap.yaml';
let client: LspTestClient;

before(async () => {
  client = new LspTestClient();
  await client.initialize(pathToFileURL(examples).href, { completion: { completionItem: { snippetSupport: true, labelDetailsSupport: true } } });
  await client.open(uriOf(STS), textOf(STS));
  // The names come from the background scan of examples/: on a loaded machine it may still be running.
  for (let i = 0; i < 250 && (await completeAt(endOf('name: db-config'))).length === 0; i++) await new Promise((r) => setTimeout(r, 40));
});

after(async () => {
  await client.shutdown();
});

/** End of the line holding `needle` in the StatefulSet example. */
function endOf(needle: string): Position {
  const lines = textOf(STS).split('\n');
  const line = lines.findIndex((l) => l.includes(needle));
  assert.ok(line >= 0, needle);
  return { line, character: lines[line].length };
}

async function completeAt(position: Position): Promise<CompletionItem[]> {
  const result = await client.request<CompletionList | null>('textDocument/completion', { textDocument: { uri: uriOf(STS) }, position });
  return result?.items ?? [];
}

const labels = (items: CompletionItem[]) => [...items].sort((a, b) => a.sortText!.localeCompare(b.sortText!)).map((i) => i.label);

test('configMapKeyRef: ConfigMap names and keys come from files indexed from disk', async () => {
  const names = await completeAt(endOf('name: db-config'));
  assert.deepEqual(labels(names), ['db-config']);
  assert.equal(names[0].detail, 'ConfigMap · 3 keys · postgres/configmap.yaml');
  const keys = await completeAt(endOf('key: POSTGRES_USER'));
  assert.deepEqual(labels(keys), ['POSTGRES_USER', 'POSTGRES_DB', 'postgresql.conf']);
  // The partial word under the cursor is replaced.
  const position = endOf('key: POSTGRES_USER');
  assert.deepEqual((keys[0].textEdit as { range: unknown }).range, { start: { line: position.line, character: position.character - 'POSTGRES_USER'.length }, end: position });
});

test('an unsaved edit of the ConfigMap in another open document is offered at once, and dropped on close', async () => {
  const edited = textOf(CM).replace('  POSTGRES_DB: app\n', '  POSTGRES_DB: app\n  POSTGRES_PORT: "5432"\n');
  await client.open(uriOf(CM), textOf(CM));
  await client.change(uriOf(CM), edited);
  const keys = await completeAt(endOf('key: POSTGRES_USER'));
  assert.deepEqual(labels(keys), ['POSTGRES_USER', 'POSTGRES_DB', 'POSTGRES_PORT', 'postgresql.conf']);
  assert.equal(keys.find((i) => i.label === 'POSTGRES_PORT')!.labelDetails?.description, '5432');
  assert.equal((await completeAt(endOf('name: db-config')))[0].detail, 'ConfigMap · 4 keys · postgres/configmap.yaml');

  // Closed without saving: the disk text counts again.
  await client.close(uriOf(CM));
  let after: CompletionItem[] = [];
  for (let i = 0; i < 50; i++) {
    after = await completeAt(endOf('key: POSTGRES_USER'));
    if (after.length === 3) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  assert.deepEqual(labels(after), ['POSTGRES_USER', 'POSTGRES_DB', 'postgresql.conf']);
});

test('Secret names, keys, serviceName, storageClassName and volume names of the example; no Secret values', async () => {
  const secrets = [...(await completeAt(endOf('name: db-credentials'))), ...(await completeAt(endOf('key: password')))];
  assert.deepEqual(secrets.map((i) => i.label), ['db-credentials', 'password', 'replication-password']);
  const json = JSON.stringify(secrets);
  for (const value of ['cGFzc3dvcmQ=', 'cmVwbGljYXRvcg==', 'replicator']) assert.ok(!json.includes(value), 'a Secret value reached the client');
  assert.equal(secrets.find((i) => i.label === 'password')!.labelDetails?.description, '8 bytes');

  assert.deepEqual(labels(await completeAt(endOf('serviceName: db'))), ['db']);
  const classes = await completeAt(endOf('        storageClassName: fast-ssd'));
  assert.deepEqual(labels(classes), ['fast-ssd', '""']);
  assert.equal(classes[0].labelDetails?.description, 'default · kubernetes.io/no-provisioner');
  const lines = textOf(STS).split('\n');
  const mount = lines.findIndex((l, i) => l.includes('- name: config') && lines[i + 1].includes('mountPath'));
  assert.ok(mount > 0);
  assert.deepEqual(labels(await completeAt({ line: mount, character: lines[mount].length })), ['config', 'data']);
});
