// Hover through the language service: field docs, kind/apiVersion, value facts.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { hover } from '../../server/src/service/hover/hover';
import { explainQuantity } from '../../server/src/service/hover/quantity';
import { parseFile } from '../../server/src/service/parse/parseFile';
import { humanDuration } from '../../server/src/service/hover/values';
import { hoverAt, hoverText } from '../helpers/cursor';
import { repoRoot, testService } from '../helpers/service';

const statefulSet = readFileSync(join(repoRoot, 'examples/postgres/statefulset.yaml'), 'utf8');

test('hover on replicas shows its description, type, optional and default', () => {
  const h = hoverAt(statefulSet, 'replicas: 3');
  const text = hoverText(h);
  assert.match(text, /^\*\*replicas\*\* · `integer \(int32\)` · optional · default `1`/);
  assert.match(text, /replicas is the desired number of replicas of the given Template/);
  assert.match(text, /`spec\.replicas` in StatefulSet `apps\/v1`/);
  const line = statefulSet.split('\n').findIndex((l) => l.includes('replicas: 3'));
  assert.deepEqual(h!.range, { start: { line, character: 2 }, end: { line, character: 10 } });
});

test('required fields say so; enums list their values with what each means', () => {
  assert.match(hoverText(hoverAt(statefulSet, 'selector:')), /\*\*selector\*\* · `LabelSelector` · \*\*required\*\*/);
  const policy = hoverText(hoverAt(statefulSet, 'podManagementPolicy'));
  assert.match(policy, /default `OrderedReady`/);
  assert.match(policy, /Allowed values:\n\n- `OrderedReady`: will create pods in strictly increasing order/);
  assert.match(policy, /- `Parallel`: will create and delete pods/);
  assert.doesNotMatch(policy, /Possible enum values/);
  // On the value, that value is highlighted.
  assert.match(hoverText(hoverAt(statefulSet, 'OrderedReady')), /- \*\*`OrderedReady`\*\*/);
});

test('hover on kind and apiVersion says what the resource is for', () => {
  const kind = hoverText(hoverAt(statefulSet, 'kind: StatefulSet', 8));
  assert.match(kind, /^\*\*StatefulSet\*\* · `apps\/v1`/);
  assert.match(kind, /stable identity/);
  assert.match(kind, /StatefulSet represents a set of pods with consistent identities/);
  // The Stateful Preview summary (through the service, which has the workspace index).
  assert.match(kind, /\*\*StatefulSet `db`\*\* in namespace `prod`: 3 replicas/);
  assert.match(kind, /\| `db-0` \| `db-0\.db\.prod\.svc\.cluster\.local` \| `data-db-0` \|/);
  // Without it (the hover module alone), the names this document yields.
  const parsed = parseFile(statefulSet);
  const line = statefulSet.split('\n').indexOf('kind: StatefulSet');
  const alone = hoverText(hover(parsed, testService().registry, { line, character: 8 }));
  assert.match(alone, /Pods: `db-0` … `db-2` \(3 replicas\)/);
  assert.match(alone, /Claims of the first pod: `data-db-0`/);
  const apiVersion = hoverText(hoverAt(statefulSet, 'apps/v1'));
  assert.match(apiVersion, /API group `apps`, version `v1` \(stable\)/);
  const wrong = hoverText(hoverAt('apiVersion: v1\nkind: StatefulSet\n', 'v1'));
  assert.match(wrong, /`v1` does not serve `StatefulSet`; use `apps\/v1`/);
  const removed = hoverText(hoverAt('apiVersion: apps/v1beta1\nkind: StatefulSet\n', 'apps/v1beta1'));
  assert.match(removed, /apps\/v1/);
  const headless = hoverText(hoverAt('apiVersion: v1\nkind: Service\nmetadata:\n  name: db\nspec:\n  clusterIP: None\n', 'Service'));
  assert.match(headless, /headless/);
  const custom = hoverText(hoverAt('apiVersion: example.com/v1\nkind: Widget\n', 'Widget'));
  assert.match(custom, /not a built-in kind/);
});

test('quantities show their bytes, and decimal suffixes ask about the binary one', () => {
  assert.match(hoverText(hoverAt(statefulSet, '10Gi')), /^`10Gi` = 10,737,418,240 bytes\n/);
  const pvc = (value: string) => `apiVersion: v1\nkind: PersistentVolumeClaim\nspec:\n  resources:\n    requests:\n      storage: ${value}\n`;
  const g = hoverText(hoverAt(pvc('1G'), '1G', 0, 0));
  assert.match(g, /^`1G` = 1,000,000,000 bytes — did you mean `1Gi`\?/);
  assert.match(g, /`1Gi` = 1,073,741,824 bytes/);
  assert.match(hoverText(hoverAt(pvc('10GB'), '10GB', 0)), /not a Kubernetes quantity — did you mean `10Gi` or `10G`\?/);
  // CPU and memory in a container.
  assert.match(hoverText(hoverAt(statefulSet, '250m')), /^`250m` = 0\.25 CPUs \(250 millicores\)/);
  assert.match(hoverText(hoverAt(statefulSet, '512Mi')), /^`512Mi` = 536,870,912 bytes/);
});

test('a quantity shows its own field: a claim\'s storage is not "compute resources"', () => {
  const pvc = 'apiVersion: v1\nkind: PersistentVolumeClaim\nspec:\n  resources:\n    requests:\n      storage: 10Gi\n';
  for (const [text, at] of [[pvc, '10Gi'], [pvc, 'storage'], [statefulSet, '10Gi']] as const) {
    const shown = hoverText(hoverAt(text, at));
    assert.match(shown, /The size of volume the claim asks for/, `${at}: ${shown}`);
    assert.doesNotMatch(shown, /compute resources/, `${at}: ${shown}`);
  }
  const pv = 'apiVersion: v1\nkind: PersistentVolume\nspec:\n  capacity:\n    storage: 10Gi\n';
  assert.match(hoverText(hoverAt(pv, '10Gi')), /The size of this volume/);
  assert.match(hoverText(hoverAt(statefulSet, '512Mi')), /Memory reserved for the container/);
  assert.match(hoverText(hoverAt(statefulSet, '250m')), /CPU reserved for the container/);
  // Names without a meaning of their own keep the map's description.
  const custom = 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: a\n      resources:\n        limits:\n          example.com/gpu: 1\n';
  assert.match(hoverText(hoverAt(custom, 'example.com/gpu')), /Limits describes the maximum amount of compute resources allowed/);
});

test('quantity explanations', () => {
  assert.deepEqual(explainQuantity('10Gi', 'bytes'), ['`10Gi` = 10,737,418,240 bytes']);
  assert.deepEqual(explainQuantity('1', 'bytes'), ['`1` = 1 byte']);
  assert.equal(explainQuantity('1500000000', 'bytes')[0], '`1500000000` = 1,500,000,000 bytes (≈ 1.4 GiB)');
  assert.match(explainQuantity('512m', 'bytes')[0], /thousandths, not mega\. Did you mean `512Mi`\?/);
  assert.equal(explainQuantity('2', 'cpu')[0], '`2` = 2 CPUs (2,000 millicores)');
  assert.equal(explainQuantity('1', 'cpu')[0], '`1` = 1 CPU (1,000 millicores)');
  assert.match(explainQuantity('1Gi', 'cpu')[1], /binary suffix/);
  assert.equal(explainQuantity('1e3', 'plain')[0], '`1e3` = 1,000');
  assert.equal(explainQuantity(1.5, 'bytes')[1], 'Kubernetes rounds byte quantities up to a whole number of bytes.');
});

test('durations in seconds are spelled out; duration strings are caught', () => {
  assert.match(hoverText(hoverAt(statefulSet, 'terminationGracePeriodSeconds: 30', 32)), /^`30` = 30 seconds/);
  const long = 'apiVersion: v1\nkind: Pod\nspec:\n  activeDeadlineSeconds: 5400\n';
  assert.match(hoverText(hoverAt(long, '5400')), /^`5400` = 5,400 seconds = 1 h 30 min/);
  const wrong = 'apiVersion: v1\nkind: Pod\nspec:\n  terminationGracePeriodSeconds: 2m\n';
  assert.match(hoverText(hoverAt(wrong, '2m')), /takes a whole number of seconds, not a duration string: write `120` instead of `2m`/);
  assert.equal(humanDuration(90061), '1 d 1 h 1 min 1 s');
});

test('int-or-string values are explained', () => {
  const service = readFileSync(join(repoRoot, 'examples/postgres/service.yaml'), 'utf8');
  assert.match(hoverText(hoverAt(service, 'targetPort: postgres', 13)), /^`postgres` names a port: it resolves to the `containerPort` whose `name` is `postgres`/);
  const quoted = 'apiVersion: v1\nkind: Service\nspec:\n  ports:\n    - port: 80\n      targetPort: "8080"\n';
  assert.match(hoverText(hoverAt(quoted, '"8080"')), /is a string, so it names a port .* Write `8080` without quotes/);
  const pct = 'apiVersion: apps/v1\nkind: StatefulSet\nspec:\n  updateStrategy:\n    rollingUpdate:\n      maxUnavailable: 25%\n';
  assert.match(hoverText(hoverAt(pct, '25%')), /percentage of the desired pods/);
  assert.match(hoverText(hoverAt(pct, 'maxUnavailable')), /`int-or-string`/);
});

test('file modes are read as YAML 1.1 octal', () => {
  const volume = (mode: string) => `apiVersion: v1\nkind: Pod\nspec:\n  volumes:\n    - name: c\n      configMap:\n        name: c\n        defaultMode: ${mode}\n`;
  assert.match(hoverText(hoverAt(volume('0644'), '0644')), /^`0644` is octal \(YAML 1\.1\) = 420 in decimal: `rw-r--r--`/);
  assert.match(hoverText(hoverAt(volume('644'), '644')), /Did you mean `0644` \(octal\)\?/);
});

test('free-form map entries are described by their map; Secret values never decoded', () => {
  const label = hoverText(hoverAt(statefulSet, 'app.kubernetes.io/name: postgres', 2));
  assert.match(label, /^\*\*app\.kubernetes\.io\/name\*\* · `string` · entry of `labels`/);
  assert.match(label, /Map of string keys and values/);
  const secret = 'apiVersion: v1\nkind: Secret\ndata:\n  password: aHVudGVyMg==\n';
  const text = hoverText(hoverAt(secret, 'aHVudGVyMg=='));
  assert.match(text, /base64-encoded: decodes to 7 bytes/);
  assert.doesNotMatch(text, /hunter2/);
});

test('no hover outside Kubernetes fields', () => {
  assert.equal(hoverAt('services:\n  web:\n    image: nginx\n', 'image'), null);
  assert.equal(hoverAt('apiVersion: apps/v1\nkind: StatefulSet\nspec:\n  nonsense: 1\n', 'nonsense'), null);
  assert.equal(hoverAt('apiVersion: example.com/v1\nkind: Widget\nspec:\n  size: 1\n', 'size'), null);
});

test('hover works in every document of a multi-document file', () => {
  const text = `${statefulSet}---\n${readFileSync(join(repoRoot, 'examples/postgres/service.yaml'), 'utf8')}`;
  assert.match(hoverText(hoverAt(text, '  clusterIP: None', 3)), /\*\*clusterIP\*\* · `string`/);
  // Comments have no hover.
  assert.equal(hoverAt(text, '(clusterIP: None)', 2), null);
  assert.match(hoverText(hoverAt(text, 'kind: Service', 7)), /^\*\*Service\*\* · `v1`/);
});
