// pvc-spec-invalid, pv-spec-invalid, sc-invalid, secret-too-large and the ConfigMap/Secret checks:
// what ValidatePersistentVolumeClaim, ValidatePersistentVolume, ValidateStorageClass, ValidateConfigMap
// and ValidateSecret reject (pkg/apis/core/validation and pkg/apis/storage/validation tests), and the
// two false alarms of issue 13 (decimal ephemeral-storage, PEM values ending in a newline).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diagnosticsFor, summarize } from '../helpers/service';
import { accepted, indent, rejected } from '../helpers/validationCases';

const pvc = (spec: string) => `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
spec:
${indent(spec, 2)}
`;
const pv = (spec: string) => `apiVersion: v1
kind: PersistentVolume
metadata:
  name: pv1
spec:
${indent(spec, 2)}
`;
const storageClass = (body: string) => `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: fast
${body}
`;
const b64 = (text: string) => Buffer.from(text).toString('base64');
const PEM = `-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUEXAMPLE\n-----END CERTIFICATE-----\n`;

accepted('storage, ConfigMaps and Secrets', [
  { name: 'a PVC with a request and a limit', yaml: pvc('accessModes: [ReadWriteOnce]\nstorageClassName: fast-ssd\nresources:\n  requests:\n    storage: 10Gi\n  limits:\n    storage: 20Gi') },
  { name: 'a PVC cloned from another', yaml: pvc('accessModes: [ReadWriteOncePod]\ndataSource:\n  kind: PersistentVolumeClaim\n  name: source\nresources:\n  requests:\n    storage: 1Gi') },
  { name: 'a PVC with dataSource and the matching dataSourceRef', yaml: pvc('accessModes: [ReadWriteOnce]\ndataSource:\n  apiGroup: snapshot.storage.k8s.io\n  kind: VolumeSnapshot\n  name: snap\ndataSourceRef:\n  apiGroup: snapshot.storage.k8s.io\n  kind: VolumeSnapshot\n  name: snap\nresources:\n  requests:\n    storage: 1Gi') },
  { name: 'an NFS PV', yaml: pv('capacity:\n  storage: 100Gi\naccessModes: [ReadWriteMany]\npersistentVolumeReclaimPolicy: Retain\nnfs:\n  server: nfs.example.com\n  path: /exports/data') },
  { name: 'a CSI PV', yaml: pv('capacity:\n  storage: 5Gi\naccessModes: [ReadWriteOnce]\ncsi:\n  driver: ebs.csi.aws.com\n  volumeHandle: vol-123') },
  { name: 'a StorageClass with topology', yaml: storageClass('provisioner: ebs.csi.aws.com\nreclaimPolicy: Retain\nvolumeBindingMode: WaitForFirstConsumer\nallowVolumeExpansion: true\nparameters:\n  type: gp3\nallowedTopologies:\n  - matchLabelExpressions:\n      - key: topology.ebs.csi.aws.com/zone\n        values: [eu-west-1a]') },
  { name: 'ephemeral-storage: 500M (a valid decimal quantity)', yaml: `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
    - name: c
      image: nginx
      resources:
        requests:
          ephemeral-storage: 500M
          memory: 512M
        limits:
          ephemeral-storage: 1G
          memory: 1G
` },
  { name: 'a TLS Secret whose PEM values end with a newline', yaml: `apiVersion: v1
kind: Secret
metadata:
  name: tls
type: kubernetes.io/tls
data:
  tls.crt: ${b64(PEM)}
  tls.key: ${b64('-----BEGIN PRIVATE KEY-----\n')}
  ca.crt: ${b64(PEM)}
` },
  { name: 'an ssh-auth Secret', yaml: `apiVersion: v1
kind: Secret
metadata:
  name: ssh
type: kubernetes.io/ssh-auth
data:
  ssh-privatekey: ${b64('-----BEGIN OPENSSH PRIVATE KEY-----\n')}
` },
]);

rejected('PersistentVolumeClaims', [
  { name: 'a storage limit without a request', path: 'spec.resources[storage]', code: 'pvc-spec-invalid', yaml: pvc('accessModes: [ReadWriteOnce]\nresources:  # <-\n  limits:\n    storage: 1Gi') },
  { name: 'no resources at all', path: 'spec.resources[storage]', yaml: pvc('accessModes: [ReadWriteOnce]').replace('spec:\n', 'spec:  # <-\n') },
  { name: 'a zero storage request', path: 'spec.resources.requests.storage', yaml: pvc('accessModes: [ReadWriteOnce]\nresources:\n  requests:\n    storage: 0Gi  # <-') },
  { name: 'no access modes', code: 'pvc-access-mode-invalid', yaml: pvc('resources:  # <-\n  requests:\n    storage: 1Gi') },
  { name: 'ReadWriteOncePod with another mode', code: 'pvc-access-mode-invalid', yaml: pvc('accessModes:\n  - ReadWriteOnce\n  - ReadWriteOncePod  # <-\nresources:\n  requests:\n    storage: 1Gi') },
  { name: 'a dataSource kind from another group without apiGroup', path: 'spec.dataSource.kind', yaml: pvc('accessModes: [ReadWriteOnce]\ndataSource:\n  kind: VolumeSnapshot  # <-\n  name: snap\nresources:\n  requests:\n    storage: 1Gi') },
  { name: 'a dataSource without a name', path: 'spec.dataSource.name', yaml: pvc('accessModes: [ReadWriteOnce]\ndataSource:  # <-\n  kind: PersistentVolumeClaim\nresources:\n  requests:\n    storage: 1Gi') },
  { name: 'dataSource and dataSourceRef that differ', path: 'spec.dataSource', yaml: pvc('accessModes: [ReadWriteOnce]\ndataSource:  # <-\n  kind: PersistentVolumeClaim\n  name: a\ndataSourceRef:\n  kind: PersistentVolumeClaim\n  name: b\nresources:\n  requests:\n    storage: 1Gi') },
  { name: 'a storageClassName with uppercase', path: 'spec.storageClassName', yaml: pvc('accessModes: [ReadWriteOnce]\nstorageClassName: Fast_SSD  # <-\nresources:\n  requests:\n    storage: 1Gi') },
  { name: 'a selector In without values', path: 'spec.selector.matchExpressions[0].values', yaml: pvc('accessModes: [ReadWriteOnce]\nselector:\n  matchExpressions:\n    - key: tier  # <-\n      operator: In\nresources:\n  requests:\n    storage: 1Gi') },
]);

rejected('PersistentVolumes', [
  { name: 'no capacity', path: 'spec.capacity', code: 'pv-spec-invalid', yaml: pv('accessModes: [ReadWriteOnce]\nhostPath:\n  path: /data').replace('spec:\n', 'spec:  # <-\n') },
  { name: 'no volume source', path: 'spec', message: /must specify a volume type/, yaml: pv('capacity:\n  storage: 1Gi\naccessModes: [ReadWriteOnce]').replace('spec:\n', 'spec:  # <-\n') },
  { name: 'two volume sources', path: 'spec.nfs', yaml: pv('capacity:\n  storage: 1Gi\naccessModes: [ReadWriteOnce]\nhostPath:\n  path: /data\nnfs:  # <-\n  server: x\n  path: /y') },
  { name: 'a capacity other than storage', path: 'spec.capacity', yaml: pv('capacity:\n  storage: 1Gi\n  memory: 1Gi  # <-\naccessModes: [ReadWriteOnce]\nhostPath:\n  path: /data') },
  { name: 'an NFS path that is not absolute', path: 'spec.nfs.path', yaml: pv('capacity:\n  storage: 1Gi\naccessModes: [ReadWriteMany]\nnfs:\n  server: x\n  path: exports  # <-') },
  { name: 'a hostPath with ..', path: 'spec.hostPath.path', yaml: pv('capacity:\n  storage: 1Gi\naccessModes: [ReadWriteOnce]\nhostPath:\n  path: /data/../etc  # <-') },
  { name: 'a CSI volume without a handle', path: 'spec.csi.volumeHandle', yaml: pv('capacity:\n  storage: 1Gi\naccessModes: [ReadWriteOnce]\ncsi:  # <-\n  driver: ebs.csi.aws.com') },
  { name: 'Recycle on a CSI volume', path: 'spec.persistentVolumeReclaimPolicy', code: 'pv-spec-invalid', yaml: pv('capacity:\n  storage: 1Gi\naccessModes: [ReadWriteOnce]\npersistentVolumeReclaimPolicy: Recycle  # <-\ncsi:\n  driver: x.example.com\n  volumeHandle: v1') },
  { name: 'a local PV without node affinity', code: 'pv-local-needs-node-affinity', yaml: pv('capacity:\n  storage: 1Gi\naccessModes: [ReadWriteOnce]\nlocal:  # <-\n  path: /mnt/disk') },
]);

rejected('StorageClasses', [
  { name: 'no provisioner (the schema check)', code: 'schema', yaml: storageClass('reclaimPolicy: Delete').replace('apiVersion: storage.k8s.io/v1', 'apiVersion: storage.k8s.io/v1  # <-') },
  { name: 'reclaimPolicy Recycle', path: 'reclaimPolicy', yaml: storageClass('provisioner: x.example.com\nreclaimPolicy: Recycle  # <-') },
  { name: 'an unknown volumeBindingMode', path: 'volumeBindingMode', yaml: storageClass('provisioner: x.example.com\nvolumeBindingMode: Lazy  # <-') },
  { name: 'a provisioner with spaces', path: 'provisioner', yaml: storageClass('provisioner: my provisioner  # <-') },
  { name: 'a provisioner over 63 characters', path: 'provisioner', yaml: storageClass(`provisioner: example.com/${'p'.repeat(60)}  # <-`) },
  { name: 'a topology term without values', path: 'allowedTopologies[0].matchLabelExpressions[0].values', yaml: storageClass('provisioner: x.example.com\nallowedTopologies:\n  - matchLabelExpressions:\n      - key: zone  # <-') },
]);

rejected('ConfigMaps and Secrets', [
  { name: 'a ConfigMap key with a slash', code: 'cm-key-invalid', yaml: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  conf/app.conf: x  # <-\n' },
  { name: 'a key in data and binaryData', code: 'cm-key-duplicated', yaml: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: x\nbinaryData:\n  a: ${b64('y')}  # <-\n` },
  { name: 'a Secret key with a space', code: 'cm-key-invalid', yaml: `apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n  my key: ${b64('x')}  # <-\n` },
  { name: 'a TLS Secret without tls.key', code: 'secret-type-keys', yaml: `apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ntype: kubernetes.io/tls  # <-\ndata:\n  tls.crt: ${b64(PEM)}\n` },
  { name: 'a basic-auth Secret without username or password', code: 'secret-type-keys', yaml: 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ntype: kubernetes.io/basic-auth  # <-\nstringData:\n  user: x\n' },
  { name: 'a Secret over 1 MiB', code: 'secret-too-large', message: /1,048,577 bytes/, yaml: `apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:  # <-\n  blob: ${'x'.repeat(1024 * 1024 + 1)}\n` },
]);

test('quantity-decimal-suffix: a PVC size of 1G is a hint; memory and ephemeral-storage in M get nothing', () => {
  const claim = diagnosticsFor(pvc('accessModes: [ReadWriteOnce]\nresources:\n  requests:\n    storage: 1G'));
  assert.deepEqual(claim.map((d) => [d.code, d.severity]), [['quantity-decimal-suffix', 4]], summarize(claim));
});

test('secret-trailing-newline: still reported for a one-line password, never for PEM data', () => {
  const secret = (key: string, value: string) => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n  ${key}: ${b64(value)}\n`;
  assert.deepEqual(diagnosticsFor(secret('password', 'hunter2\n')).map((d) => d.code), ['secret-trailing-newline']);
  assert.deepEqual(diagnosticsFor(secret('tls.key', 'single-line-key\n')), []);
  assert.deepEqual(diagnosticsFor(secret('cert', '-----BEGIN CERTIFICATE-----\n')), []);
});
