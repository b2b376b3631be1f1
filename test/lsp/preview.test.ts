// The Stateful Preview over LSP: the custom request and the change notification, on the real server.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { PreviewModel } from '../../common/previewModel';
import { PREVIEW_CHANGED_NOTIFICATION, PREVIEW_REQUEST } from '../../common/protocol';
import { LspTestClient } from '../helpers/lspClient';

const postgres = join(process.cwd(), 'examples', 'postgres');
const uriOf = (name: string) => pathToFileURL(join(postgres, name)).href;
const textOf = (name: string) => readFileSync(join(postgres, name), 'utf8');
let client: LspTestClient;

before(async () => {
  client = new LspTestClient();
  await client.initialize(pathToFileURL(postgres).href);
  for (const name of ['statefulset.yaml', 'service.yaml', 'storageclass.yaml']) await client.open(uriOf(name), textOf(name));
});

after(async () => {
  await client.shutdown();
});

const preview = (activeUri?: string) => client.request<PreviewModel>(PREVIEW_REQUEST, { activeUri });

test('k8sStateful/preview returns db with its pods, claims, DNS names, Service and SRV names', async () => {
  const model = await preview(uriOf('statefulset.yaml'));
  assert.equal(model.clusterDomain, 'cluster.local');
  const [db] = model.statefulSets;
  assert.equal(db.name, 'db');
  assert.equal(db.namespace, 'prod');
  assert.deepEqual(db.pods.map((p) => p.name), ['db-0', 'db-1', 'db-2']);
  assert.deepEqual(db.pods.map((p) => p.claims.map((c) => c.name)), [['data-db-0'], ['data-db-1'], ['data-db-2']]);
  assert.equal(db.pods[0].dns, 'db-0.db.prod.svc.cluster.local');
  assert.equal(db.service?.fqdn, 'db.prod.svc.cluster.local');
  assert.equal(db.service?.headless, true);
  assert.deepEqual(db.service?.ports.map((p) => p.srv), ['_postgres._tcp.db.prod.svc.cluster.local']);
  assert.equal(db.location.uri, uriOf('statefulset.yaml'));
  assert.deepEqual(db.problems, []);
});

test('the request works without params', async () => {
  const model = await client.request<PreviewModel>(PREVIEW_REQUEST);
  assert.deepEqual(model.statefulSets.map((s) => s.name), ['db']);
});

test('an unsaved edit announces a change, and the next request sees it (replicas 5, ordinals.start 1)', async () => {
  const uri = uriOf('statefulset.yaml');
  const original = textOf('statefulset.yaml');
  let changed = client.nextNotification(PREVIEW_CHANGED_NOTIFICATION);
  await client.change(uri, original.replace('replicas: 3', 'replicas: 5'));
  await changed;
  let [db] = (await preview(uri)).statefulSets;
  assert.deepEqual(db.pods.map((p) => p.name), ['db-0', 'db-1', 'db-2', 'db-3', 'db-4']);

  changed = client.nextNotification(PREVIEW_CHANGED_NOTIFICATION);
  await client.change(uri, original.replace('replicas: 3', 'replicas: 5\n  ordinals:\n    start: 1'));
  await changed;
  [db] = (await preview(uri)).statefulSets;
  assert.deepEqual(db.pods.map((p) => p.name), ['db-1', 'db-2', 'db-3', 'db-4', 'db-5']);
  assert.deepEqual(db.pods.map((p) => p.claims[0].name), ['data-db-1', 'data-db-2', 'data-db-3', 'data-db-4', 'data-db-5']);
  assert.equal(db.pods[0].dns, 'db-1.db.prod.svc.cluster.local');
  await client.change(uri, original);
});

test('renaming the Service (unsaved) makes it an identity problem that points at the serviceName diagnostic', async () => {
  const changed = client.nextNotification(PREVIEW_CHANGED_NOTIFICATION);
  await client.change(uriOf('service.yaml'), textOf('service.yaml').replace('name: db\n', 'name: db-headless\n'));
  await changed;
  const [db] = (await preview()).statefulSets;
  assert.equal(db.service?.found, false);
  assert.deepEqual(db.problems.map((p) => [p.rule, p.uri, p.range.start.line]), [['sts-service-missing', uriOf('statefulset.yaml'), 10]]);
  await client.change(uriOf('service.yaml'), textOf('service.yaml'));
  assert.deepEqual((await preview()).statefulSets[0].problems, []);
});

test("textDocument/hover on the StatefulSet's name shows the same summary", async () => {
  const text = textOf('statefulset.yaml');
  const line = text.split('\n').findIndex((l) => l === '  name: db');
  const result = await client.request<{ contents: { kind: string; value: string } } | null>('textDocument/hover', {
    textDocument: { uri: uriOf('statefulset.yaml') },
    position: { line, character: 9 },
  });
  assert.equal(result?.contents.kind, 'markdown');
  assert.match(result?.contents.value ?? '', /^\*\*StatefulSet `db`\*\* in namespace `prod`: 3 replicas/);
  assert.match(result?.contents.value ?? '', /\| `db-0` \| `db-0\.db\.prod\.svc\.cluster\.local` \| `data-db-0` \|/);
});

test('the k8sStateful.clusterDomain setting changes every DNS name', async () => {
  const changed = client.nextNotification(PREVIEW_CHANGED_NOTIFICATION);
  await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { k8sStateful: { clusterDomain: 'corp.example' } } });
  await changed;
  const [db] = (await preview()).statefulSets;
  assert.equal(db.pods[0].dns, 'db-0.db.prod.svc.corp.example');
  assert.equal(db.service?.ports[0].srv, '_postgres._tcp.db.prod.svc.corp.example');
  await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { k8sStateful: {} } });
});
