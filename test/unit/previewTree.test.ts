// The Stateful Preview tree's shape (client/src/preview/nodes.ts is plain data, no vscode) and the
// manifest entries that put it in the explorer.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildNodes, type PreviewNode } from '../../client/src/preview/nodes';
import { createLanguageService } from '../../server/src/service';
import { repoRoot, schemas, serviceWithFolders } from '../helpers/service';

const labels = (nodes: PreviewNode[]) => nodes.map((n) => n.label);
const child = (node: PreviewNode, kind: PreviewNode['kind']) => node.children.find((n) => n.kind === kind)!;

function treeOf(text: string): PreviewNode[] {
  const service = createLanguageService({ schemas });
  service.setDocument('file:///ws/sts.yaml', text, 1);
  return buildNodes(service.getPreview());
}

const sts = (replicas: number, extra = '') => `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: kv
spec:
  serviceName: kv
  replicas: ${replicas}
${extra}  selector:
    matchLabels: {app: kv}
  template:
    metadata:
      labels: {app: kv}
    spec:
      containers: [{name: kv, image: kv}]
`;

test('the postgres example: db with problems-free children in order, pods with DNS and claims', () => {
  const { service } = serviceWithFolders('examples/postgres');
  const [db] = buildNodes(service.getPreview());
  assert.equal(db.label, 'db');
  assert.equal(db.description, 'prod · 3 replicas');
  assert.deepEqual(db.children.map((n) => n.kind), ['pods', 'order', 'service', 'retention']);
  const pods = child(db, 'pods');
  assert.deepEqual(labels(pods.children), ['db-0', 'db-1', 'db-2']);
  assert.deepEqual(labels(pods.children[0].children), ['db-0.db.prod.svc.cluster.local', 'data-db-0']);
  assert.deepEqual(pods.children[0].children.map((n) => n.copyText), ['db-0.db.prod.svc.cluster.local', 'data-db-0']);
  assert.ok(pods.children.every((p) => p.location && p.copyText === p.label));
  // Ids are unique: VS Code refuses a tree with duplicate ids.
  const ids: string[] = [];
  const walk = (nodes: PreviewNode[]) => nodes.forEach((n) => (ids.push(n.id), walk(n.children)));
  walk([db]);
  assert.equal(new Set(ids).size, ids.length);
});

test('six pods or fewer are all shown; more fold into "… N more …" between the first three and the last two', () => {
  assert.deepEqual(labels(child(treeOf(sts(6))[0], 'pods').children), ['kv-0', 'kv-1', 'kv-2', 'kv-3', 'kv-4', 'kv-5']);
  const pods = child(treeOf(sts(7))[0], 'pods').children;
  assert.deepEqual(labels(pods), ['kv-0', 'kv-1', 'kv-2', '… 2 more …', 'kv-5', 'kv-6']);
  assert.deepEqual(labels(pods[3].children), ['kv-3', 'kv-4']);
});

test('beyond what the model lists, the folded node marks the gap with the count not listed', () => {
  const pods = child(treeOf(sts(1000, '  ordinals:\n    start: 1\n'))[0], 'pods');
  assert.match(pods.description ?? '', /^1000 · ordinals from 1$/);
  assert.deepEqual(labels(pods.children), ['kv-1', 'kv-2', 'kv-3', '… 995 more …', 'kv-999', 'kv-1000']);
  const hidden = labels(pods.children[3].children);
  assert.deepEqual(hidden, ['kv-4', 'kv-5', 'kv-6', 'kv-7', 'kv-8', 'kv-9', 'kv-10', '… 980 more not listed …', 'kv-991', 'kv-992', 'kv-993', 'kv-994', 'kv-995', 'kv-996', 'kv-997', 'kv-998']);
});

test('identity problems come first, each navigating to its diagnostic', () => {
  const [kv] = treeOf(sts(1));
  assert.equal(kv.children[0].kind, 'problems');
  const [problem] = kv.children[0].children;
  assert.equal(problem.description, 'sts-service-missing');
  assert.equal(problem.location?.uri, 'file:///ws/sts.yaml');
  assert.equal(problem.location?.range.start.line, 5);
});

test('package.json puts the view in its own activity bar container with a welcome message, its commands and the clusterDomain setting', () => {
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
  const c = manifest.contributes;
  const container = c.viewsContainers.activitybar.find((v: { id: string }) => v.id === 'k8sStateful');
  assert.ok(container && existsSync(join(repoRoot, container.icon)), 'the activity bar container and its icon');
  assert.deepEqual(c.views.k8sStateful.find((v: { id: string }) => v.id === 'k8sStateful.preview')?.name, 'Stateful Preview');
  assert.ok(c.viewsWelcome.some((w: { view: string; contents: string }) => w.view === 'k8sStateful.preview' && /No StatefulSet/.test(w.contents)));
  const commands = c.commands.map((x: { command: string }) => x.command);
  for (const id of ['k8sStateful.preview.refresh', 'k8sStateful.preview.copyName', 'k8sStateful.preview.reveal']) assert.ok(commands.includes(id), id);
  assert.ok(c.menus['view/item/context'].some((m: { command: string; when: string }) => m.command === 'k8sStateful.preview.copyName' && m.when.includes('copyable')));
  assert.equal(c.configuration.properties['k8sStateful.clusterDomain'].default, 'cluster.local');
});
