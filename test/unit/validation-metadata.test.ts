// metadata-invalid and name-not-dns-label: what ValidateObjectMeta rejects (label keys and values,
// annotation keys and size, namespace, generateName, finalizers) and the name formats per kind, from
// the cases of apimachinery's validation tests (TestValidateLabels, TestValidateAnnotations,
// TestValidateObjectMetaNamespaces...), plus the version-dependent checks of kubernetesVersion.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createLanguageService } from '../../server/src/service';
import { diagnosticsFor, schemas, summarize } from '../helpers/service';
import { accepted, indent, rejected } from '../helpers/validationCases';

const configMap = (metadata: string) => `apiVersion: v1
kind: ConfigMap
metadata:
${indent(metadata, 2)}
data:
  a: b
`;

accepted('metadata', [
  { name: 'prefixed label keys and empty or dotted values', yaml: configMap('name: app\nnamespace: prod-1\nlabels:\n  app.kubernetes.io/name: my-app\n  example.com/empty: ""\n  tier: backend.v1_2\nannotations:\n  Example.COM/Mixed-Case: anything goes here, even spaces\n  checksum/config: 0123abcd') },
  { name: 'generateName with a trailing dash', yaml: configMap('generateName: app-') },
  { name: 'standard and qualified finalizers', yaml: configMap('name: app\nfinalizers:\n  - kubernetes\n  - example.com/cleanup') },
  { name: 'a name of 253 characters', yaml: configMap(`name: ${'a'.repeat(253)}`) },
  { name: 'labels from an alias', yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: &labels
    app: web
spec:
  selector:
    matchLabels: *labels
  template:
    metadata:
      labels: *labels
    spec:
      containers:
        - name: web
          image: nginx
` },
]);

rejected('metadata', [
  { name: 'a label key with two slashes', path: 'metadata.labels', code: 'metadata-invalid', yaml: configMap('name: app\nlabels:\n  a/b/c: x  # <-') },
  { name: 'a label key starting with a dash', path: 'metadata.labels', yaml: configMap('name: app\nlabels:\n  -abc: x  # <-') },
  { name: 'a label key prefix with uppercase', path: 'metadata.labels', yaml: configMap('name: app\nlabels:\n  Example.com/a: x  # <-') },
  { name: 'a label key name over 63 characters', path: 'metadata.labels', yaml: configMap(`name: app\nlabels:\n  ${'k'.repeat(64)}: x  # <-`) },
  { name: 'a label value over 63 characters', path: 'metadata.labels', message: /must be no more than 63 characters/, yaml: configMap(`name: app\nlabels:\n  a: ${'v'.repeat(64)}  # <-`) },
  { name: 'a label value with a space', path: 'metadata.labels', yaml: configMap('name: app\nlabels:\n  a: hello world  # <-') },
  { name: 'a label value ending in a dash', path: 'metadata.labels', yaml: configMap('name: app\nlabels:\n  a: value-  # <-') },
  { name: 'a pod template label value with a slash', path: 'spec.template.metadata.labels', yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchExpressions:
      - key: app
        operator: Exists
  template:
    metadata:
      labels:
        app: web
        version: v1/2  # <-
    spec:
      containers:
        - name: web
          image: nginx
` },
  { name: 'an annotation key with a space', path: 'metadata.annotations', yaml: configMap('name: app\nannotations:\n  my annotation: x  # <-') },
  { name: 'annotations over 256 KiB', path: 'metadata.annotations', message: /Too long: may not be more than 262144 bytes/, yaml: configMap(`name: app\nannotations:  # <-\n  big: ${'x'.repeat(262144)}`) },
  { name: 'a namespace with uppercase', path: 'metadata.namespace', yaml: configMap('name: app\nnamespace: Prod  # <-') },
  { name: 'a namespace with a dot', path: 'metadata.namespace', yaml: configMap('name: app\nnamespace: a.b  # <-') },
  { name: 'neither name nor generateName', path: 'metadata.name', yaml: configMap('labels:  # <-\n  app: x').replace('metadata:\n  labels:  # <-', 'metadata:  # <-\n  labels:') },
  { name: 'an invalid generateName', path: 'metadata.generateName', yaml: configMap('generateName: App_  # <-') },
  { name: 'an unqualified custom finalizer', path: 'metadata.finalizers[0]', yaml: configMap('name: app\nfinalizers:\n  - cleanup  # <-') },
  { name: 'a ConfigMap name with uppercase', code: 'name-not-dns-label', yaml: configMap('name: App  # <-') },
  { name: 'a Service name starting with a digit', code: 'name-not-dns-label', yaml: 'apiVersion: v1\nkind: Service\nmetadata:\n  name: 1db  # <-\nspec:\n  ports:\n    - port: 80\n' },
  { name: 'a StatefulSet name with a dot (a DNS label since 1.27)', code: 'name-not-dns-label', yaml: `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db.prod  # <-
spec:
  serviceName: db
  selector:
    matchLabels:
      app: db
  template:
    metadata:
      labels:
        app: db
    spec:
      containers:
        - name: db
          image: postgres
` },
]);

test('kubernetesVersion: a removed apiVersion is an error from its removal on, a deprecation notice before', () => {
  const text = 'apiVersion: policy/v1beta1\nkind: PodDisruptionBudget\nmetadata:\n  name: db\nspec:\n  minAvailable: 1\n';
  const current = diagnosticsFor(text);
  assert.deepEqual(current.map((d) => [d.code, d.severity]), [['deprecated-api-version', 1]], summarize(current));
  const service = createLanguageService({ schemas });
  service.configure({ kubernetesVersion: '1.24' });
  service.setDocument('file:///v/pdb.yaml', text, 1);
  const older = service.getDiagnostics('file:///v/pdb.yaml');
  assert.deepEqual(older.map((d) => [d.code, d.severity]), [['deprecated-api-version', 3]], summarize(older));
  assert.match(older[0].message, /Kubernetes 1\.24 \(kubernetesVersion\) still serves it, 1\.25 removes it; move to apiVersion: policy\/v1/);
  service.configure({ kubernetesVersion: 'v1.25.3' });
  assert.equal(service.settings().kubernetesVersion, '1.25');
  assert.deepEqual(service.getDiagnostics('file:///v/pdb.yaml').map((d) => d.severity), [1]);
  service.configure({ kubernetesVersion: 'latest' });
  assert.equal(service.settings().kubernetesVersion, '1.36', 'an unreadable version falls back to the newest');
});
