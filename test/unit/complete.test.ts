// Completion through the language service: keys, shapes, values, kinds, half-typed lines.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { applyCompletion, completionsAt, insertText, item, labels } from '../helpers/cursor';

const STS_HEAD = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
`;

const SPEC_KEYS = [
  'serviceName', 'replicas', 'selector', 'template', 'volumeClaimTemplates', 'podManagementPolicy', 'updateStrategy',
  'persistentVolumeClaimRetentionPolicy', 'ordinals', 'minReadySeconds', 'revisionHistoryLimit',
];

test('inside spec: of a StatefulSet every spec field is offered and present keys are left out', () => {
  const list = completionsAt(`${STS_HEAD}spec:\n  replicas: 3\n  serviceName: db\n  ‸\n  template:\n    metadata: {}\n`);
  const names = labels(list);
  for (const key of SPEC_KEYS.filter((k) => !['replicas', 'serviceName', 'template'].includes(k))) assert.ok(names.includes(key), `missing ${key}`);
  for (const present of ['replicas', 'serviceName', 'template']) assert.ok(!names.includes(present), `${present} is already there`);
  // Nothing from other levels.
  assert.ok(!names.includes('containers'));
  assert.ok(!names.includes('apiVersion'));
});

test('required keys come first and are marked', () => {
  const list = completionsAt(`${STS_HEAD}spec:\n  ‸\n`);
  const sorted = [...list.items].sort((a, b) => a.sortText!.localeCompare(b.sortText!));
  assert.deepEqual(sorted.slice(0, 2).map((i) => i.label), ['selector', 'template']);
  assert.match(item(list, 'selector').labelDetails!.description!, /^required/);
  assert.match(item(list, 'selector').detail!, /required/);
  assert.doesNotMatch(item(list, 'replicas').labelDetails!.description!, /required/);
});

test('keys are inserted in the YAML shape of their field', () => {
  const list = completionsAt(`${STS_HEAD}spec:\n  ‸\n`);
  assert.equal(insertText(item(list, 'replicas')), 'replicas: ${1:1}');
  assert.equal(insertText(item(list, 'podManagementPolicy')), 'podManagementPolicy: ${1|OrderedReady,Parallel|}');
  assert.equal(insertText(item(list, 'serviceName')), 'serviceName: $0');
  assert.equal(insertText(item(list, 'selector')), 'selector:\n    $0');
  assert.equal(insertText(item(list, 'volumeClaimTemplates')), 'volumeClaimTemplates:\n    - $0');
  // Objects and lists of objects open the next level and ask for its suggestions.
  assert.equal(item(list, 'selector').command?.command, 'editor.action.triggerSuggest');
  assert.equal(item(list, 'replicas').command, undefined);
  assert.equal(item(list, 'replicas').insertTextFormat, 2);
  assert.equal(item(list, 'replicas').insertTextMode, 1);
});

test('lists of objects start an item with the required keys; lists of enums offer the choices', () => {
  const container = completionsAt(`${STS_HEAD}spec:\n  template:\n    spec:\n      containers:\n        - name: db\n          ‸\n`);
  assert.equal(insertText(item(container, 'volumeMounts')), 'volumeMounts:\n            - mountPath: $1\n              name: $2');
  assert.equal(insertText(item(container, 'env')), 'env:\n            - name: $0');
  assert.equal(insertText(item(container, 'command')), 'command:\n            - $0');
  const pvc = completionsAt('apiVersion: v1\nkind: PersistentVolumeClaim\nspec:\n  ‸\n');
  assert.equal(insertText(item(pvc, 'accessModes')), 'accessModes:\n    - ${1|ReadOnlyMany,ReadWriteMany,ReadWriteOnce,ReadWriteOncePod|}');
});

test('the inserted text is valid YAML at the right place', () => {
  const marked = `${STS_HEAD}spec:\n  replicas: 1\n  ‸\n`;
  const list = completionsAt(marked);
  for (const label of ['volumeClaimTemplates', 'podManagementPolicy', 'persistentVolumeClaimRetentionPolicy', 'minReadySeconds']) {
    const text = applyCompletion(marked, item(list, label)).replace(/\n\s*\n/g, '\n');
    const [doc] = parseAllDocuments(text);
    assert.deepEqual(doc.errors, [], `${label}:\n${text}`);
    assert.ok(doc.getIn(['spec', label]) !== undefined || doc.hasIn(['spec', label]), `${label} not under spec:\n${text}`);
  }
});

test('indentation follows the document (4 spaces, sequences not indented)', () => {
  const marked = 'apiVersion: apps/v1\nkind: StatefulSet\nspec:\n    template:\n        spec:\n            containers:\n            - name: db\n              ‸\n';
  const list = completionsAt(marked);
  assert.equal(insertText(item(list, 'ports')), 'ports:\n              - containerPort: $0');
  assert.equal(insertText(item(list, 'resources')), 'resources:\n                  $0');
});

test('at `podManagementPolicy: ` exactly OrderedReady and Parallel are offered', () => {
  const list = completionsAt(`${STS_HEAD}spec:\n  podManagementPolicy: ‸\n`);
  assert.deepEqual(labels(list).sort(), ['OrderedReady', 'Parallel']);
  assert.equal(item(list, 'OrderedReady').labelDetails?.description, 'default');
  // The partial value is replaced.
  const partial = completionsAt(`${STS_HEAD}spec:\n  podManagementPolicy: Par‸\n`);
  const edit = item(partial, 'Parallel').textEdit as { range: { start: { character: number }; end: { character: number } } };
  assert.deepEqual([edit.range.start.character, edit.range.end.character], [23, 26]);
});

test('at `accessModes:` then `- ` the four access modes are offered, minus those listed', () => {
  const list = completionsAt('apiVersion: v1\nkind: PersistentVolumeClaim\nspec:\n  accessModes:\n  - ‸\n');
  assert.deepEqual(labels(list).sort(), ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod']);
  assert.match(String((item(list, 'ReadWriteOnce').documentation as { value: string }).value), /single node/);
  const inTemplate = completionsAt(`${STS_HEAD}spec:\n  volumeClaimTemplates:\n    - spec:\n        accessModes:\n          - ReadWriteOnce\n          - ‸\n`);
  assert.deepEqual(labels(inTemplate).sort(), ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod']);
  const flow = completionsAt('apiVersion: v1\nkind: PersistentVolumeClaim\nspec:\n  accessModes: [ReadWriteOnce, ‸]\n');
  assert.deepEqual(labels(flow).sort(), ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod']);
});

test('booleans complete to true and false', () => {
  const list = completionsAt(`${STS_HEAD}spec:\n  template:\n    spec:\n      automountServiceAccountToken: ‸\n`);
  assert.deepEqual(labels(list).sort(), ['false', 'true']);
});

test('a half-typed key completes while the line is not valid YAML', () => {
  const list = completionsAt(`${STS_HEAD}spec:\n  replicas: 3\n  serviceN‸\n  selector:\n    matchLabels:\n      app: db\n`);
  const serviceName = item(list, 'serviceName');
  const edit = serviceName.textEdit as { range: { start: { line: number; character: number }; end: { character: number } } };
  assert.deepEqual([edit.range.start.line, edit.range.start.character, edit.range.end.character], [6, 2, 10]);
  assert.ok(!labels(list).includes('replicas') && !labels(list).includes('selector'));
  // Typed in the middle of an existing key: only the name is replaced.
  const rename = completionsAt(`${STS_HEAD}spec:\n  repl‸icas: 3\n`);
  assert.equal(insertText(item(rename, 'replicas')), 'replicas');
});

test('a trailing colon: values after a space on its line, the right keys on the next', () => {
  assert.deepEqual(labels(completionsAt(`${STS_HEAD}spec:\n  serviceName:‸\n`)), []);
  const policy = completionsAt(`${STS_HEAD}spec:\n  podManagementPolicy:‸\n`);
  assert.deepEqual(policy.items.map(insertText).sort(), [' OrderedReady', ' Parallel']);
  assert.equal(applyCompletion('kind:‸\n', item(completionsAt('kind:‸\n'), 'StatefulSet')), 'apiVersion: apps/v1\nkind: StatefulSet\n');
  assert.deepEqual(labels(completionsAt(`${STS_HEAD}spec:\n  podManagementPolicy:‸ Parallel\n`)), []);
  assert.deepEqual(labels(completionsAt(`${STS_HEAD}spec:\n  podManagementPolicy:‸\n`, ':')).sort(), ['OrderedReady', 'Parallel']);
  assert.deepEqual(labels(completionsAt(`${STS_HEAD}spec:\n  podManagementPolicy: Or‸\n`, ':')), []);
  const next = completionsAt(`${STS_HEAD}spec:\n  serviceName:\n  ‸\n`);
  assert.ok(labels(next).includes('replicas'));
  assert.ok(!labels(next).includes('serviceName'));
  const nested = completionsAt(`${STS_HEAD}spec:\n  updateStrategy:\n    ‸\n`);
  assert.deepEqual(labels(nested).sort(), ['rollingUpdate', 'type']);
});

test('multi-line flow lists and quoted scalars above the cursor do not hide the map', () => {
  const text = `${STS_HEAD}spec:\n  template:\n    spec:\n      containers:\n        - name: x\n          command: [\n            "sh", "-c",\n            "echo hi"\n          ]\n          ‸\n`;
  const names = labels(completionsAt(text));
  assert.ok(names.includes('image'), names.join(', '));
  assert.ok(!names.includes('command') && !names.includes('name'));
});

test('keys of a list item after `- `', () => {
  const list = completionsAt(`${STS_HEAD}spec:\n  template:\n    spec:\n      containers:\n        - ‸\n`);
  assert.ok(labels(list).includes('image'));
  assert.equal(insertText(item(list, 'volumeMounts')), 'volumeMounts:\n            - mountPath: $1\n              name: $2');
  const second = completionsAt(`${STS_HEAD}spec:\n  template:\n    spec:\n      containers:\n        - name: a\n          image: x\n        - na‸\n`);
  assert.ok(labels(second).includes('name'), 'a new item has its own keys');
  const siblings = completionsAt(`${STS_HEAD}spec:\n  template:\n    spec:\n      containers:\n        - ‸\n          image: x\n`);
  assert.ok(!labels(siblings).includes('image'));
});

test('free-form maps suggest resource names and recommended labels', () => {
  const requests = completionsAt(`${STS_HEAD}spec:\n  template:\n    spec:\n      containers:\n        - name: a\n          resources:\n            requests:\n              cpu: 1\n              ‸\n`);
  assert.deepEqual(labels(requests).sort(), ['ephemeral-storage', 'memory']);
  const claim = completionsAt('apiVersion: v1\nkind: PersistentVolumeClaim\nspec:\n  resources:\n    requests:\n      ‸\n');
  assert.deepEqual(labels(claim), ['storage']);
  const labelKeys = completionsAt(`${STS_HEAD}  labels:\n    ‸\n`);
  assert.ok(labels(labelKeys).includes('app.kubernetes.io/name'));
});

test('kind value completion fills the matching apiVersion', () => {
  const marked = 'kind: ‸\n';
  const list = completionsAt(marked);
  const sts = item(list, 'StatefulSet');
  assert.equal(sts.labelDetails?.description, 'apps/v1');
  assert.equal(applyCompletion(marked, sts), 'apiVersion: apps/v1\nkind: StatefulSet\n');
  // Stateful kinds first.
  const sorted = [...list.items].sort((a, b) => a.sortText!.localeCompare(b.sortText!)).map((i) => i.label);
  assert.deepEqual(sorted.slice(0, 7), ['StatefulSet', 'Service', 'PersistentVolumeClaim', 'PersistentVolume', 'StorageClass', 'ConfigMap', 'Secret']);
  // A wrong apiVersion is corrected; a right one is left alone.
  const wrong = 'apiVersion: v1\nkind: Stateful‸\n';
  assert.equal(applyCompletion(wrong, item(completionsAt(wrong), 'StatefulSet')), 'apiVersion: apps/v1\nkind: StatefulSet\n');
  const right = 'apiVersion: v1\nkind: Con‸\n';
  assert.deepEqual(item(completionsAt(right), 'ConfigMap').additionalTextEdits, []);
  // Only the preferred version of a kind is offered when the document names none.
  assert.equal(labels(list).filter((l) => l === 'HorizontalPodAutoscaler').length, 1);
});

test('apiVersion value completion offers the versions serving the kind', () => {
  assert.deepEqual(labels(completionsAt('apiVersion: ‸\nkind: StatefulSet\n')), ['apps/v1']);
  assert.deepEqual(labels(completionsAt('apiVersion: ‸\nkind: HorizontalPodAutoscaler\n')), ['autoscaling/v2', 'autoscaling/v1']);
  assert.ok(labels(completionsAt('apiVersion: ‸\n')).includes('storage.k8s.io/v1'));
});

test('the top of an empty document offers whole resources, apiVersion and kind', () => {
  const marked = '‸';
  const list = completionsAt(marked);
  assert.ok(labels(list).includes('apiVersion') && labels(list).includes('kind'));
  const sts = list.items.find((i) => i.label === 'StatefulSet')!;
  const text = applyCompletion(marked, sts);
  assert.match(text, /^apiVersion: apps\/v1\nkind: StatefulSet\nmetadata:\n  name: statefulset\n/);
  const storageClass = applyCompletion(marked, list.items.find((i) => i.label === 'StorageClass')!);
  assert.match(storageClass, /\nprovisioner: /, 'required top-level fields are included');
  // In a second document too, but not once the document has content.
  assert.ok(labels(completionsAt('apiVersion: v1\nkind: Service\n---\n‸')).includes('StatefulSet'));
  const started = completionsAt('metadata:\n  name: x\n‸\n');
  assert.deepEqual(labels(started).sort(), ['apiVersion', 'kind']);
});

test('each document of a multi-document file completes against its own kind', () => {
  const text = 'apiVersion: v1\nkind: Service\nspec:\n  clusterIP: None\n---\napiVersion: apps/v1\nkind: StatefulSet\nspec:\n  ‸\n---\napiVersion: v1\nkind: ConfigMap\n';
  const names = labels(completionsAt(text));
  assert.ok(names.includes('volumeClaimTemplates'));
  assert.ok(!names.includes('clusterIP'));
});

test('a removed apiVersion or a missing one still completes from the serving schema', () => {
  assert.ok(labels(completionsAt('apiVersion: apps/v1beta1\nkind: StatefulSet\nspec:\n  ‸\n')).includes('volumeClaimTemplates'));
  assert.ok(labels(completionsAt('kind: StatefulSet\nspec:\n  ‸\n')).includes('volumeClaimTemplates'));
});

test('nothing is offered in comments, block scalars, unknown kinds or non-Kubernetes YAML', () => {
  assert.deepEqual(labels(completionsAt(`${STS_HEAD}spec:\n  # some‸\n`)), []);
  assert.deepEqual(labels(completionsAt('apiVersion: v1\nkind: ConfigMap\ndata:\n  script: |\n    echo hi\n    ‸\n')), []);
  assert.deepEqual(labels(completionsAt('apiVersion: example.com/v1\nkind: Widget\nspec:\n  ‸\n')), []);
  assert.deepEqual(labels(completionsAt('services:\n  web:\n    ‸\n')), []);
});

test('CRLF line endings and tabs do not confuse the reader', () => {
  const list = completionsAt('apiVersion: apps/v1\r\nkind: StatefulSet\r\nspec:\r\n  replicas: 1\r\n  ‸\r\n');
  assert.ok(labels(list).includes('serviceName'));
  assert.ok(!labels(list).includes('replicas'));
  assert.doesNotThrow(() => completionsAt('\t‸'));
});

test('a space only triggers value completion', () => {
  assert.deepEqual(labels(completionsAt(`${STS_HEAD}spec:\n  ‸\n`, ' ')), []);
  assert.deepEqual(labels(completionsAt(`${STS_HEAD}spec:\n  podManagementPolicy: ‸\n`, ' ')).sort(), ['OrderedReady', 'Parallel']);
  assert.deepEqual(labels(completionsAt(`${STS_HEAD}spec:\n  serviceName: my ‸\n`, ' ')), []);
});

test('Secret type and StorageClass default annotation have known values', () => {
  assert.ok(labels(completionsAt('apiVersion: v1\nkind: Secret\ntype: ‸\n')).includes('kubernetes.io/tls'));
  assert.equal(item(completionsAt('apiVersion: v1\nkind: Secret\n‸\n'), 'type').command?.command, 'editor.action.triggerSuggest');
  const sc = completionsAt('apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  annotations:\n    ‸\n');
  assert.equal(insertText(item(sc, 'storageclass.kubernetes.io/is-default-class')), 'storageclass.kubernetes.io/is-default-class: "${1|true,false|}"');
});
