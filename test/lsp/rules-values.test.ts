// Value rules over a real LSP connection: the diagnostics carry the rule id, a quick-fix replacement,
// and never a decoded Secret value.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { LspTestClient } from '../helpers/lspClient';
import { rangeOfText } from '../helpers/service';

let client: LspTestClient;

before(async () => {
  client = new LspTestClient();
  await client.initialize(null);
});

after(async () => {
  await client.shutdown();
});

test('storage: 1G reports quantity-decimal-suffix with both byte counts; fixing it clears it', async () => {
  const uri = 'file:///virtual/claim.yaml';
  const text = 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\nspec:\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 1G\n';
  const diagnostics = await client.open(uri, text);
  assert.deepEqual(diagnostics.map((d) => d.code), ['quantity-decimal-suffix']);
  assert.match(String(diagnostics[0].message), /1G = 1,000,000,000 bytes; 1Gi = 1,073,741,824 bytes/);
  assert.deepEqual(diagnostics[0].range, rangeOfText(text, '1G'));
  assert.equal((diagnostics[0].data as { replacement: string }).replacement, '1Gi');
  assert.deepEqual(await client.change(uri, text.replace('1G', '1Gi')), []);
  await client.close(uri);
});

test('a Secret value cGFzc3dvcmQK reports secret-trailing-newline without revealing the value', async () => {
  const uri = 'file:///virtual/secret.yaml';
  const text = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: creds\ntype: Opaque\ndata:\n  db-pass: cGFzc3dvcmQK\n';
  const diagnostics = await client.open(uri, text);
  assert.deepEqual(diagnostics.map((d) => d.code), ['secret-trailing-newline']);
  assert.deepEqual(diagnostics[0].range, rangeOfText(text, 'cGFzc3dvcmQK'));
  assert.ok(!String(diagnostics[0].message).includes('password'), String(diagnostics[0].message));
  assert.ok(!JSON.stringify(diagnostics[0].data).includes('password'));
  assert.deepEqual(await client.change(uri, text.replace('cGFzc3dvcmQK', 'cGFzc3dvcmQ=')), []);
  await client.close(uri);
});
