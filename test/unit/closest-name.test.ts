// Did-you-mean suggestions (schema fields, kinds, rule ids, volume names, references): the closest
// known name within a quarter of the input's length in edits, never one that only differs in length
// by about as much (the length shortcut used to stand in for the distance).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { closestName, editDistance } from '../../server/src/service/schema/messages';
import { diagnosticsFor } from '../helpers/service';

test('closestName offers near names and no distant ones', () => {
  assert.equal(closestName('serivceName', ['selector', 'serviceName', 'replicas']), 'serviceName');
  assert.equal(closestName('REPLICAS', ['replicas']), 'replicas');
  // 16 characters allow 4 edits; "hyperdisk-ml" is 4 shorter but 12 edits away.
  assert.equal(closestName('my-storage-class', ['hyperdisk-ml']), undefined);
  assert.equal(closestName('data-volume-long', ['data']), undefined);
  assert.equal(closestName('my-storage-clas', ['my-storage-class', 'hyperdisk-ml']), 'my-storage-class');
});

test('editDistance: the true distance, or max + 1 when the lengths alone rule it out', () => {
  assert.equal(editDistance('serivcename', 'servicename'), 1);
  assert.equal(editDistance('abcdefgh', 'abcd'), 4);
  assert.equal(editDistance('my-storage-class', 'hyperdisk-ml'), 13);
  assert.equal(editDistance('my-storage-class', 'hyperdisk-ml', 2), 3);
});

test('a volume mount naming no volume gets no did-you-mean for a distant volume name', () => {
  const pod = (mount: string) =>
    `apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  serviceName: db\n  selector:\n    matchLabels:\n      app: db\n  template:\n    metadata:\n      labels:\n        app: db\n    spec:\n      containers:\n        - name: db\n          image: db:1\n          volumeMounts:\n            - name: ${mount}\n              mountPath: /data\n      volumes:\n        - name: cache\n          emptyDir: {}\n        - name: scratch-area\n          emptyDir: {}\n`;
  const unknown = (mount: string) => diagnosticsFor(pod(mount)).filter((d) => d.code === 'sts-volume-mount-unknown');
  assert.match(unknown('cahce')[0]?.message ?? '', /did you mean "cache"/);
  // 16 characters, the volume 4 shorter: the old length shortcut called that 4 edits, within the allowance.
  assert.equal(unknown('persistent-data1')[0]?.message.includes('did you mean'), false, unknown('persistent-data1')[0]?.message);
});
