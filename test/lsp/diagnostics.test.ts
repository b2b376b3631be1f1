import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { LspTestClient } from '../helpers/lspClient';
import { rangeOfText } from '../helpers/service';

const examples = join(process.cwd(), 'examples');
let client: LspTestClient;

before(async () => {
  client = new LspTestClient();
  await client.initialize(pathToFileURL(examples).href);
});

after(async () => {
  await client.shutdown();
});

test('the server announces incremental document sync', () => {
  assert.equal((client.initializeResult?.capabilities.textDocumentSync as { change: number }).change, 2);
});

test('opening the typo example publishes the two schema diagnostics with ranges', async () => {
  const path = join(examples, 'mistakes/statefulset-typos.yaml');
  const text = readFileSync(path, 'utf8');
  const diagnostics = await client.open(pathToFileURL(path).href, text);
  assert.deepEqual(
    diagnostics.map((d) => [d.message, d.range]),
    [
      ['replicas must be an integer, got the string "three"', rangeOfText(text, '"three"')],
      ['unknown field "serviceNme" — did you mean "serviceName"?', rangeOfText(text, 'serviceNme')],
    ],
  );
});

test('an edit re-publishes diagnostics for the new version, and fixing clears them', async () => {
  const uri = 'file:///virtual/edit.yaml';
  const broken = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: db\nspec:\n  clusterIP: None\n  ports:\n    - port: "5432"\n';
  const first = await client.open(uri, broken);
  assert.equal(first.length, 1);
  assert.equal(first[0].message, 'port must be an integer, got the string "5432"');
  const fixed = await client.change(uri, broken.replace('"5432"', '5432'));
  assert.deepEqual(fixed, []);
  await client.close(uri);
});

test('valid examples publish empty lists', async () => {
  for (const name of ['service.yaml', 'configmap.yaml', 'secret.yaml', 'statefulset.yaml']) {
    const path = join(examples, 'postgres', name);
    assert.deepEqual(await client.open(pathToFileURL(path).href, readFileSync(path, 'utf8')), [], name);
  }
});
