// Name rules, YAML 1.1 implicit types and Kustomize patches through the real service.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createLanguageService } from '../../server/src/service';
import type { Diagnostic } from '../../server/src/service/types';
import { statefulSetYaml } from '../helpers/manifests';
import { diagnosticsFor, rangeOfText, schemas, summarize } from '../helpers/service';

const only = (diagnostics: Diagnostic[], code: string) => diagnostics.filter((d) => d.code === code);

const statefulSet = (name: string, extra = '', template = 'data') =>
  statefulSetYaml({
    name,
    serviceName: name.toLowerCase().slice(0, 40),
    specExtra: extra,
    tail: `          volumeMounts:
            - name: ${template}
              mountPath: /data
  volumeClaimTemplates:
    - metadata:
        name: ${template}
      spec:
        accessModes: [ReadWriteOnce]
        resources:
          requests:
            storage: 1Gi
`,
  });

test('sts-name-too-long: 53 characters is one too many; 52 is fine', () => {
  const long = 'a'.repeat(53);
  const diagnostics = diagnosticsFor(statefulSet(long));
  const found = only(diagnostics, 'sts-name-too-long');
  assert.equal(found.length, 1, summarize(diagnostics));
  assert.match(found[0].message, /53 characters; over 52, the controller-revision-hash label/);
  assert.deepEqual(only(diagnostics, 'name-not-dns-label'), [], 'one diagnostic per mistake');
  assert.deepEqual(only(diagnosticsFor(statefulSet('a'.repeat(52))), 'sts-name-too-long'), []);
});

test('name-not-dns-label: uppercase names, Services starting with a digit, dots in StatefulSet pod hostnames, claim names', () => {
  const upper = only(diagnosticsFor('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: App_Config\n'), 'name-not-dns-label');
  assert.equal(upper.length, 1);
  assert.match(upper[0].message, /ConfigMap name "App_Config" contains uppercase letters/);
  const service = only(diagnosticsFor('apiVersion: v1\nkind: Service\nmetadata:\n  name: 1db\nspec:\n  ports:\n    - port: 80\n'), 'name-not-dns-label');
  assert.match(service[0]?.message ?? '', /must start with a letter/);
  // Since 1.27 the name itself must be a DNS label; before, only the pods' hostnames broke.
  const dotted = only(diagnosticsFor(statefulSet('db.prod')), 'name-not-dns-label');
  assert.equal(dotted.length, 1, summarize(dotted));
  assert.match(dotted[0].message, /StatefulSet name "db.prod" contains "."; a DNS label cannot/);
  const older = createLanguageService({ schemas });
  older.configure({ kubernetesVersion: '1.26' });
  older.setDocument('file:///old/sts.yaml', statefulSet('db.prod'), 1);
  const dottedBefore127 = only(older.getDiagnostics('file:///old/sts.yaml'), 'name-not-dns-label');
  assert.equal(dottedBefore127.length, 1, summarize(dottedBefore127));
  assert.match(dottedBefore127[0].message, /pod hostname "db.prod-0" .* contains "."/);
  const text = statefulSet('db', '', 'Data_Dir');
  const claim = only(diagnosticsFor(text), 'name-not-dns-label');
  assert.equal(claim.length, 1, summarize(claim));
  assert.match(claim[0].message, /claim name "Data_Dir-db-0"/);
  assert.deepEqual(claim[0].range, rangeOfText(text, 'Data_Dir', 1));
  const ordinals = only(diagnosticsFor(statefulSet('a'.repeat(52), '  replicas: 2\n  ordinals:\n    start: 99999999999\n')), 'name-not-dns-label');
  assert.match(ordinals[0]?.message ?? '', /pod hostname "a{52}-100000000000" \(the highest ordinal\) is 65 characters long/);
  assert.deepEqual(only(diagnosticsFor(statefulSet('db')), 'name-not-dns-label'), []);
  assert.deepEqual(only(diagnosticsFor('apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: system:Reader\nrules: []\n'), 'name-not-dns-label'), []);
});

test('yaml11-implicit-type: 1.10, 0777, on and a number in labels/annotations/env; quoted values are fine', () => {
  const text = `apiVersion: v1
kind: Pod
metadata:
  name: p
  labels:
    version: 1.10
  annotations:
    feature: on
spec:
  containers:
    - name: c
      image: nginx
      env:
        - name: MODE
          value: 0777
        - name: WHEN
          value: 12:30
`;
  const diagnostics = diagnosticsFor(text);
  const found = only(diagnostics, 'yaml11-implicit-type');
  assert.equal(diagnostics.length, 3, summarize(diagnostics));
  assert.match(found[0].message, /label "version" must be a string, but unquoted 1\.10 is read as the number 1\.1; quote it: "1\.10"/);
  assert.deepEqual(found[0].data, { rule: 'yaml11-implicit-type', replacement: '"1.10"' });
  assert.deepEqual(found[0].range, rangeOfText(text, '1.10'));
  assert.match(found[1].message, /annotation "feature" .* unquoted on is read as the boolean true/);
  assert.match(found[2].message, /value must be a string, but unquoted 0777 is read as the octal number 511/);
  const quoted = text.replace('1.10', '"1.10"').replace('on\n', '"on"\n').replace('0777', '"0777"');
  assert.deepEqual(diagnosticsFor(quoted), [], 'sexagesimal 12:30 is a string to Kubernetes: no false alarm');
});

test('Kustomize patches: no missing-required-field noise, value checks stay', () => {
  const service = createLanguageService({ schemas });
  service.setDocument('file:///app/overlays/prod/kustomization.yaml', 'resources:\n  - ../../base\npatches:\n  - path: replicas.yaml\npatchesStrategicMerge:\n  - storage-patch.yaml\n', 1);
  const patch = 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  replicas: 5\n';
  service.setDocument('file:///app/overlays/prod/replicas.yaml', patch, 1);
  const storage = 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  volumeClaimTemplates:\n    - metadata:\n        name: data\n      spec:\n        resources:\n          requests:\n            storage: 10G\n        $patch: replace\n';
  service.setDocument('file:///app/overlays/prod/storage-patch.yaml', storage, 1);
  assert.deepEqual(service.getDiagnostics('file:///app/overlays/prod/replicas.yaml'), []);
  const storageDiagnostics = service.getDiagnostics('file:///app/overlays/prod/storage-patch.yaml');
  assert.deepEqual(storageDiagnostics.map((d) => d.code), ['quantity-decimal-suffix'], summarize(storageDiagnostics));
  // The same file outside a kustomization is a complete (and incomplete!) StatefulSet.
  service.setDocument('file:///elsewhere/replicas.yaml', patch, 1);
  assert.ok(service.getDiagnostics('file:///elsewhere/replicas.yaml').some((d) => /missing required field/.test(d.message)));
  // The kustomization edited, then removed: which files are patches follows each change.
  const kustomization = 'file:///app/overlays/prod/kustomization.yaml';
  const incomplete = (uri: string) => service.getDiagnostics(uri).some((d) => /missing required field/.test(d.message));
  service.setDocument(kustomization, 'resources:\n  - ../../base\npatchesStrategicMerge:\n  - storage-patch.yaml\n', 2);
  assert.ok(incomplete('file:///app/overlays/prod/replicas.yaml'), 'no longer listed: a complete resource');
  assert.ok(!incomplete('file:///app/overlays/prod/storage-patch.yaml'));
  service.setDocument(kustomization, 'resources:\n  - ../../base\npatches:\n  - path: replicas.yaml\n', 3);
  assert.ok(!incomplete('file:///app/overlays/prod/replicas.yaml'), 'listed again');
  assert.ok(incomplete('file:///app/overlays/prod/storage-patch.yaml'));
  service.removeDocument(kustomization);
  assert.ok(incomplete('file:///app/overlays/prod/replicas.yaml'), 'the kustomization gone');
});
