// Quantity, PVC, PV and StorageClass rules through the real service and schemas.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { createLanguageService } from '../../server/src/service';
import { compareQuantities, formatBytes, parseQuantity, suggestQuantity, withThousands } from '../../server/src/service/k8s/quantity';
import type { Diagnostic } from '../../server/src/service/types';
import { diagnosticsFor, rangeOfText, repoRoot, schemas, serviceWithFolders, summarize } from '../helpers/service';

const only = (diagnostics: Diagnostic[], code: string) => diagnostics.filter((d) => d.code === code);

/** Diagnostics of the first file of a small workspace of several files. */
function workspaceDiagnostics(files: Record<string, string>): Record<string, Diagnostic[]> {
  const service = createLanguageService({ schemas });
  for (const [name, text] of Object.entries(files)) service.setDocument(`file:///ws/${name}`, text, 1);
  return Object.fromEntries(Object.keys(files).map((name) => [name, service.getDiagnostics(`file:///ws/${name}`)]));
}

const pvc = (spec: string, name = 'data') => `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: ${name}
spec:
${spec}`;

const pv = (name: string, spec: string, labels = '') => `apiVersion: v1
kind: PersistentVolume
metadata:
  name: ${name}
${labels}spec:
${spec}`;

const storageClass = (name: string, provisioner: string, isDefault = false) => `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: ${name}
${isDefault ? '  annotations:\n    storageclass.kubernetes.io/is-default-class: "true"\n' : ''}provisioner: ${provisioner}
`;

test('quantity module: exact parsing, comparison and formatting', () => {
  assert.equal(formatBytes(parseQuantity('1Gi')!), '1,073,741,824 bytes');
  assert.equal(formatBytes(parseQuantity('1G')!), '1,000,000,000 bytes');
  assert.equal(formatBytes(parseQuantity('500m')!), '0.5 bytes');
  assert.equal(formatBytes(parseQuantity(1000)!), '1,000 bytes');
  assert.equal(formatBytes(parseQuantity('1.5Gi')!), '1,610,612,736 bytes');
  assert.equal(formatBytes(parseQuantity('1e3')!), '1,000 bytes');
  assert.equal(compareQuantities(parseQuantity('1Gi')!, parseQuantity('1073741824')!), 0);
  assert.equal(compareQuantities(parseQuantity('1G')!, parseQuantity('1Gi')!), -1);
  assert.equal(parseQuantity('1gi'), undefined);
  assert.equal(parseQuantity('1 Gi'), undefined);
  assert.equal(parseQuantity('1K'), undefined);
  assert.equal(withThousands(1234567n), '1,234,567');
  assert.deepEqual(suggestQuantity('1gi', true), ['1Gi']);
  assert.deepEqual(suggestQuantity('1 Gi', true), ['1Gi']);
  assert.deepEqual(suggestQuantity('2GB', true), ['2Gi', '2G']);
  assert.deepEqual(suggestQuantity('1K', false), ['1k', '1Ki']);
});

test('quantity-decimal-suffix: storage: 1G shows both byte counts and offers 1Gi', () => {
  const text = pvc('  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 1G\n');
  const diagnostics = diagnosticsFor(text);
  const found = only(diagnostics, 'quantity-decimal-suffix');
  assert.equal(found.length, 1, summarize(diagnostics));
  assert.match(found[0].message, /1G = 1,000,000,000 bytes; 1Gi = 1,073,741,824 bytes/);
  assert.deepEqual(found[0].range, rangeOfText(text, '1G'));
  assert.deepEqual(found[0].data, { rule: 'quantity-decimal-suffix', replacement: '1Gi' });
  assert.equal(found[0].severity, 4, 'decimal units are valid: a hint, not a warning');
  assert.deepEqual(diagnosticsFor(text.replace('1G', '1Gi')), []);
});

test('quantity-decimal-suffix: memory 500m is half a byte; cpu keeps its decimal units', () => {
  const pod = (resources: string) => `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
    - name: c
      image: nginx
      resources:
${resources}`;
  const diagnostics = diagnosticsFor(pod('        limits:\n          memory: "500m"\n          cpu: 500m\n'));
  const found = only(diagnostics, 'quantity-decimal-suffix');
  assert.equal(found.length, 1, summarize(diagnostics));
  assert.match(found[0].message, /500m means 0\.5 bytes .*did you mean 500Mi \(524,288,000 bytes\)/);
  assert.equal((found[0].data as { replacement: string }).replacement, '"500Mi"', 'the replacement keeps the quotes');
  assert.deepEqual(diagnosticsFor(pod('        limits:\n          memory: 512Mi\n          cpu: "2"\n')), []);
});

test('quantity-invalid: one diagnostic per mistake, with a did-you-mean, instead of the schema pattern error', () => {
  const text = pvc('  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 10gi\n');
  const diagnostics = diagnosticsFor(text);
  assert.equal(diagnostics.length, 1, summarize(diagnostics));
  assert.equal(diagnostics[0].code, 'quantity-invalid');
  assert.match(diagnostics[0].message, /got "10gi" — did you mean "10Gi"\? \(binary suffixes are Ki, Mi, Gi/);
  assert.deepEqual(diagnostics[0].range, rangeOfText(text, '10gi'));
  assert.deepEqual((diagnostics[0].data as { replacements: string[] }).replacements, ['10Gi']);
});

test('quantity-invalid: zero and negative storage, overflow, and a request above its limit', () => {
  assert.match(only(diagnosticsFor(pvc('  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 0\n')), 'quantity-invalid')[0]?.message ?? '', /greater than zero/);
  assert.match(only(diagnosticsFor(pvc('  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: -1Gi\n')), 'quantity-invalid')[0]?.message ?? '', /must not be negative/);
  assert.match(only(diagnosticsFor(pvc('  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 9Ei\n')), 'quantity-invalid')[0]?.message ?? '', /silently caps/);
  const pod = `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
    - name: c
      image: nginx
      resources:
        requests:
          memory: 2Gi
          cpu: 250m
        limits:
          memory: 1Gi
          cpu: "1"
      volumeMounts: []
  volumes:
    - name: scratch
      emptyDir:
        sizeLimit: 1 Gi
`;
  const diagnostics = only(diagnosticsFor(pod), 'quantity-invalid');
  assert.equal(diagnostics.length, 2, summarize(diagnostics));
  assert.match(diagnostics[0].message, /memory request 2Gi \(2,147,483,648 bytes\) is larger than its limit 1Gi/);
  assert.match(diagnostics[1].message, /sizeLimit must be a Kubernetes quantity .*"1 Gi" — did you mean "1Gi"/);
});

test('the storage-quantities mistakes example reports each mistake once', () => {
  const text = readFileSync(join(repoRoot, 'examples/mistakes/storage-quantities.yaml'), 'utf8');
  const diagnostics = diagnosticsFor(text).filter((d) => d.severity! <= 2);
  // storage: 1G is a hint (decimal units are valid); memory 512M is fine by itself but above its limit.
  assert.deepEqual(diagnostics.map((d) => d.code).sort(), ['quantity-invalid', 'quantity-invalid'], summarize(diagnostics));
  const hints = diagnosticsFor(text).filter((d) => d.severity === 4);
  assert.deepEqual(hints.map((d) => d.code), ['quantity-decimal-suffix'], summarize(hints));
});

test('pvc-storage-class-unknown: a typo gets a did-you-mean; "" and PV-only class names are fine; a hint when no class is defined', () => {
  const claim = (cls: string) => pvc(`  accessModes: [ReadWriteOnce]\n  storageClassName: ${cls}\n  resources:\n    requests:\n      storage: 1Gi\n`);
  const result = workspaceDiagnostics({ 'pvc.yaml': claim('fast-sdd'), 'sc.yaml': storageClass('fast-ssd', 'ebs.csi.aws.com') });
  const found = only(result['pvc.yaml'], 'pvc-storage-class-unknown');
  assert.equal(found.length, 1, summarize(result['pvc.yaml']));
  assert.match(found[0].message, /"fast-sdd" names no StorageClass in the workspace — did you mean "fast-ssd"\?/);
  assert.equal(found[0].severity, 2);
  assert.deepEqual(only(workspaceDiagnostics({ 'pvc.yaml': claim('fast-ssd'), 'sc.yaml': storageClass('fast-ssd', 'x') })['pvc.yaml'], 'pvc-storage-class-unknown'), []);
  assert.deepEqual(only(workspaceDiagnostics({ 'pvc.yaml': claim('""'), 'sc.yaml': storageClass('fast-ssd', 'x') })['pvc.yaml'], 'pvc-storage-class-unknown'), []);
  const manual = workspaceDiagnostics({ 'pvc.yaml': claim('manual'), 'pv.yaml': pv('pv1', '  storageClassName: manual\n  capacity:\n    storage: 5Gi\n  accessModes: [ReadWriteOnce]\n  hostPath:\n    path: /data\n') });
  assert.deepEqual(manual['pvc.yaml'], [], summarize(manual['pvc.yaml']));
  const clusterClass = only(workspaceDiagnostics({ 'pvc.yaml': claim('standard'), 'sc.yaml': storageClass('fast-ssd', 'x') })['pvc.yaml'], 'pvc-storage-class-unknown');
  assert.equal(clusterClass[0]?.severity, 4, 'no near miss: a hint (clusters bring classes of their own)');
  const alone = only(diagnosticsFor(claim('gp3')), 'pvc-storage-class-unknown');
  assert.equal(alone.length, 1);
  assert.equal(alone[0].severity, 4, 'a hint when the workspace defines no StorageClass');
});

test('pvc-storage-class-unknown also checks StatefulSet volumeClaimTemplates', () => {
  const sts = readFileSync(join(repoRoot, 'examples/postgres/statefulset.yaml'), 'utf8').replace('storageClassName: fast-ssd', 'storageClassName: fast-sd');
  const result = workspaceDiagnostics({ 'sts.yaml': sts, 'sc.yaml': storageClass('fast-ssd', 'x') });
  assert.equal(only(result['sts.yaml'], 'pvc-storage-class-unknown').length, 1, summarize(result['sts.yaml']));
});

test('pvc-unbindable: explains the failing conditions of the closest PV', () => {
  const text = readFileSync(join(repoRoot, 'examples/mistakes/unbindable-pvc.yaml'), 'utf8');
  const service = createLanguageService({ schemas });
  service.setDocument('file:///ws/unbindable.yaml', text, 1);
  const diagnostics = only(service.getDiagnostics('file:///ws/unbindable.yaml'), 'pvc-unbindable');
  assert.equal(diagnostics.length, 1, summarize(service.getDiagnostics('file:///ws/unbindable.yaml')));
  assert.match(diagnostics[0].message, /storageClassName "" asks for a pre-created volume/);
  assert.match(diagnostics[0].message, /the closest, "archive-pv", cannot bind it: it offers access modes ReadWriteOnce, not ReadWriteMany; its capacity 10Gi \(10,737,418,240 bytes\) is less than the requested 20Gi/);
});

test('pvc-unbindable: a matching PV binds; a dynamic class or an empty workspace stays quiet', () => {
  const claim = pvc('  accessModes: [ReadWriteOnce]\n  storageClassName: ""\n  selector:\n    matchLabels:\n      tier: db\n  resources:\n    requests:\n      storage: 5Gi\n');
  const volume = (labels: string, size: string) => pv('pv1', `  capacity:\n    storage: ${size}\n  accessModes: [ReadWriteOnce]\n  nfs:\n    server: nfs.local\n    path: /x\n`, labels);
  assert.deepEqual(only(workspaceDiagnostics({ 'pvc.yaml': claim, 'pv.yaml': volume('  labels:\n    tier: db\n', '5Gi') })['pvc.yaml'], 'pvc-unbindable'), []);
  const wrongLabels = only(workspaceDiagnostics({ 'pvc.yaml': claim, 'pv.yaml': volume('  labels:\n    tier: web\n', '5Gi') })['pvc.yaml'], 'pvc-unbindable');
  assert.equal(wrongLabels.length, 1);
  assert.match(wrongLabels[0].message, /labels do not match the selector tier=db/);
  assert.deepEqual(only(diagnosticsFor(claim), 'pvc-unbindable'), [], 'no PV in the workspace: quiet');
  const dynamic = pvc('  accessModes: [ReadWriteMany]\n  storageClassName: nfs\n  resources:\n    requests:\n      storage: 50Gi\n');
  assert.deepEqual(
    only(workspaceDiagnostics({ 'pvc.yaml': dynamic, 'sc.yaml': storageClass('nfs', 'nfs.csi.k8s.io'), 'pv.yaml': volume('', '1Gi') })['pvc.yaml'], 'pvc-unbindable'),
    [],
    'a class with a provisioner can create the volume',
  );
  const noProvisioner = pvc('  accessModes: [ReadWriteOnce]\n  storageClassName: local\n  resources:\n    requests:\n      storage: 50Gi\n');
  const local = only(workspaceDiagnostics({ 'pvc.yaml': noProvisioner, 'sc.yaml': storageClass('local', 'kubernetes.io/no-provisioner'), 'pv.yaml': volume('', '1Gi') })['pvc.yaml'], 'pvc-unbindable');
  assert.equal(local.length, 1);
  assert.match(local[0].message, /has no provisioner .*it has no storageClassName, the claim wants "local"/);
});

test('pvc-unbindable: volumeName naming a PV reserved for another claim', () => {
  const claim = pvc('  accessModes: [ReadWriteOnce]\n  volumeName: pv1\n  resources:\n    requests:\n      storage: 1Gi\n', 'mine');
  const volume = pv('pv1', '  capacity:\n    storage: 1Gi\n  accessModes: [ReadWriteOnce]\n  claimRef:\n    name: theirs\n    namespace: default\n  nfs:\n    server: s\n    path: /x\n');
  const found = only(workspaceDiagnostics({ 'pvc.yaml': claim, 'pv.yaml': volume })['pvc.yaml'], 'pvc-unbindable');
  assert.equal(found.length, 1);
  assert.match(found[0].message, /PersistentVolume "pv1" cannot bind it: its claimRef reserves it for claim default\/theirs/);
  assert.deepEqual(only(workspaceDiagnostics({ 'pvc.yaml': claim.replace('mine', 'theirs'), 'pv.yaml': volume })['pvc.yaml'], 'pvc-unbindable'), []);
});

test('pvc-access-mode-invalid: empty modes, ReadWriteOncePod mixed, ReadWriteMany on hostPath and on a block-disk class', () => {
  assert.match(only(diagnosticsFor(pvc('  accessModes: []\n  resources:\n    requests:\n      storage: 1Gi\n')), 'pvc-access-mode-invalid')[0]?.message ?? '', /needs at least one access mode/);
  assert.match(
    only(diagnosticsFor(pvc('  accessModes: [ReadWriteOncePod, ReadWriteOnce]\n  resources:\n    requests:\n      storage: 1Gi\n')), 'pvc-access-mode-invalid')[0]?.message ?? '',
    /ReadWriteOncePod cannot be combined/,
  );
  const hostPath = only(diagnosticsFor(pv('pv1', '  capacity:\n    storage: 1Gi\n  accessModes: [ReadWriteMany]\n  hostPath:\n    path: /x\n')), 'pvc-access-mode-invalid');
  assert.equal(hostPath.length, 1);
  assert.equal(hostPath[0].severity, 2);
  const claim = pvc('  accessModes: [ReadWriteMany]\n  storageClassName: gp3\n  resources:\n    requests:\n      storage: 1Gi\n');
  assert.match(only(workspaceDiagnostics({ 'pvc.yaml': claim, 'sc.yaml': storageClass('gp3', 'ebs.csi.aws.com') })['pvc.yaml'], 'pvc-access-mode-invalid')[0]?.message ?? '', /attach to one node at a time/);
  assert.deepEqual(only(diagnosticsFor(pvc('  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 1Gi\n')), 'pvc-access-mode-invalid'), []);
});

test('pv-recycle-deprecated and pv-local-needs-node-affinity', () => {
  const recycle = only(diagnosticsFor(pv('pv1', '  persistentVolumeReclaimPolicy: Recycle\n  capacity:\n    storage: 1Gi\n  accessModes: [ReadWriteOnce]\n  nfs:\n    server: s\n    path: /x\n')), 'pv-recycle-deprecated');
  assert.equal(recycle.length, 1);
  assert.deepEqual(only(diagnosticsFor(pv('pv1', '  persistentVolumeReclaimPolicy: Retain\n  capacity:\n    storage: 1Gi\n  accessModes: [ReadWriteOnce]\n  nfs:\n    server: s\n    path: /x\n')), 'pv-recycle-deprecated'), []);
  const text = pv('pv1', '  capacity:\n    storage: 1Gi\n  accessModes: [ReadWriteOnce]\n  local:\n    path: /mnt/disk\n');
  const local = only(diagnosticsFor(text), 'pv-local-needs-node-affinity');
  assert.equal(local.length, 1);
  assert.deepEqual(local[0].range, rangeOfText(text, 'local'));
  const postgres = serviceWithFolders('examples/postgres');
  for (const uri of postgres.uris) assert.deepEqual(only(postgres.service.getDiagnostics(uri), 'pv-local-needs-node-affinity'), []);
});

test('sc-multiple-default: reported on each default annotation', () => {
  const result = workspaceDiagnostics({ 'a.yaml': storageClass('a', 'x', true), 'b.yaml': storageClass('b', 'y', true), 'c.yaml': storageClass('c', 'z') });
  for (const name of ['a.yaml', 'b.yaml']) {
    const found = only(result[name], 'sc-multiple-default');
    assert.equal(found.length, 1, name);
    assert.deepEqual(found[0].range, rangeOfText(storageClass('a', 'x', true), 'storageclass.kubernetes.io/is-default-class'));
  }
  assert.deepEqual(result['c.yaml'], []);
  assert.deepEqual(only(workspaceDiagnostics({ 'a.yaml': storageClass('a', 'x', true), 'c.yaml': storageClass('c', 'z') })['a.yaml'], 'sc-multiple-default'), []);
});

test('the mistakes folder indexed with the valid examples: each mistake once, no cascades from invalid values', () => {
  const { service, uris } = serviceWithFolders('examples/postgres', 'examples/mistakes');
  const badValues = uris.find((u) => u.endsWith('bad-values.yaml'))!;
  assert.deepEqual(only(service.getDiagnostics(badValues), 'pvc-unbindable'), [], 'an invalid access mode is the schema finding only');
  for (const uri of uris.filter((u) => u.includes('/postgres/'))) assert.deepEqual(service.getDiagnostics(uri), [], uri);
});
