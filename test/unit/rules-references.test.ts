// ConfigMap/Secret reference rules through the real service: env valueFrom, envFrom, volumes with
// items, projected volumes; optional: true; namespaces; every pod-bearing kind; hints for kinds the
// workspace never defines.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createLanguageService } from '../../server/src/service';
import { rangeOfText, schemas, summarize } from '../helpers/service';

function workspace(files: Record<string, string>, settings?: unknown) {
  const service = createLanguageService({ schemas });
  if (settings) service.configure(settings);
  for (const [name, text] of Object.entries(files)) service.setDocument(`file:///ws/${name}`, text, 1);
  return (name: string, code?: string) => service.getDiagnostics(`file:///ws/${name}`).filter((d) => !code || d.code === code);
}

const configMap = (name = 'app-config', data = '  LOG_LEVEL: info\n  app.conf: |\n    a = 1\n', ns = '') =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\n${ns ? `  namespace: ${ns}\n` : ''}data:\n${data}`;
const secret = (name = 'app-secret', body = 'data:\n  password: cGFzc3dvcmQ=\n', ns = '') =>
  `apiVersion: v1\nkind: Secret\nmetadata:\n  name: ${name}\n${ns ? `  namespace: ${ns}\n` : ''}type: Opaque\n${body}`;

/** A Deployment whose single container gets `container` and whose pod spec gets `pod`. */
const deployment = (container: string, pod = '', ns = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app
${ns ? `  namespace: ${ns}\n` : ''}spec:
  selector:
    matchLabels:
      app: app
  template:
    metadata:
      labels:
        app: app
    spec:
      containers:
        - name: app
          image: nginx:1.27
${container}${pod}`;

const envFrom = (kind: 'configMapKeyRef' | 'secretKeyRef', name: string, key: string, optional = '') =>
  `          env:\n            - name: X\n              valueFrom:\n                ${kind}:\n                  name: ${name}\n                  key: ${key}\n${optional ? `                  optional: ${optional}\n` : ''}`;

test('ref-configmap-missing: env, envFrom, volume and projected references to an undefined ConfigMap', () => {
  const text = deployment(
    envFrom('configMapKeyRef', 'app-confg', 'LOG_LEVEL') + '          envFrom:\n            - configMapRef:\n                name: other-config\n',
    '      volumes:\n        - name: conf\n          configMap:\n            name: third\n            items:\n              - key: a\n                path: a\n              - key: b\n                path: b\n        - name: all\n          projected:\n            sources:\n              - configMap:\n                  name: fourth\n',
  );
  const findings = workspace({ 'app.yaml': text, 'cm.yaml': configMap() })('app.yaml', 'ref-configmap-missing');
  assert.deepEqual(findings.map((f) => f.message.split(';')[0]), [
    'ConfigMap "app-confg" not found in namespace default — did you mean "app-config"?',
    'ConfigMap "other-config" not found in namespace default',
    'ConfigMap "third" not found in namespace default',
    'ConfigMap "fourth" not found in namespace default',
  ]);
  assert.deepEqual(findings[0].range, rangeOfText(text, 'app-confg'));
  // Not defined in scope: hints, except the near miss of a name the scope defines (a likely typo).
  assert.deepEqual(findings.map((f) => f.severity), [2, 4, 4, 4]);
});

test('ref-configmap-missing: optional references, existing ConfigMaps and other namespaces', () => {
  const optional = deployment(envFrom('configMapKeyRef', 'nowhere', 'k', 'true') + '          envFrom:\n            - configMapRef:\n                name: nowhere\n                optional: true\n');
  assert.deepEqual(workspace({ 'app.yaml': optional, 'cm.yaml': configMap() })('app.yaml', 'ref-configmap-missing'), []);
  const ok = deployment(envFrom('configMapKeyRef', 'app-config', 'LOG_LEVEL'));
  assert.deepEqual(workspace({ 'app.yaml': ok, 'cm.yaml': configMap() })('app.yaml'), []);
  const elsewhere = workspace({ 'app.yaml': deployment(envFrom('configMapKeyRef', 'app-config', 'LOG_LEVEL'), '', 'prod'), 'cm.yaml': configMap() })('app.yaml', 'ref-configmap-missing');
  assert.equal(elsewhere.length, 1);
  assert.match(elsewhere[0].message, /not found in namespace prod \(a ConfigMap "app-config" exists in namespace default/);
});

test('ref-configmap-missing is a hint when the workspace defines no ConfigMap, an error with strict references', () => {
  const text = deployment(envFrom('configMapKeyRef', 'external', 'k'));
  assert.equal(workspace({ 'app.yaml': text })('app.yaml', 'ref-configmap-missing')[0].severity, 4);
  assert.equal(workspace({ 'app.yaml': text }, { references: { strict: true } })('app.yaml', 'ref-configmap-missing')[0].severity, 1);
});

test('ref-configmap-key-missing: configMapKeyRef keys and volume items keys; data and binaryData both count', () => {
  const text = deployment(
    envFrom('configMapKeyRef', 'app-config', 'LOG_LEVL'),
    '      volumes:\n        - name: conf\n          configMap:\n            name: app-config\n            items:\n              - key: app.conf\n                path: app.conf\n              - key: logo.png\n                path: logo.png\n              - key: missing.conf\n                path: x\n',
  );
  const cm = configMap('app-config', '  LOG_LEVEL: info\n  app.conf: x\nbinaryData:\n  logo.png: iVBORw0KGgo=\n');
  const findings = workspace({ 'app.yaml': text, 'cm.yaml': cm })('app.yaml', 'ref-configmap-key-missing');
  assert.deepEqual(findings.map((f) => f.message), [
    'key "LOG_LEVL" not found in ConfigMap "app-config" (namespace default) — did you mean "LOG_LEVEL"?',
    'key "missing.conf" not found in ConfigMap "app-config" (namespace default); it has "LOG_LEVEL", "app.conf", "logo.png"',
  ]);
  assert.deepEqual(findings[0].range, rangeOfText(text, 'LOG_LEVL'));
  const fixed = text.replace('LOG_LEVL', 'LOG_LEVEL').replace(/              - key: missing\.conf\n                path: x\n/, '');
  assert.deepEqual(workspace({ 'app.yaml': fixed, 'cm.yaml': cm })('app.yaml'), []);
});

test('ref-configmap-key-missing: optional and unknown ConfigMaps are not key-checked', () => {
  const optional = deployment(envFrom('configMapKeyRef', 'app-config', 'NOPE', 'true'));
  assert.deepEqual(workspace({ 'app.yaml': optional, 'cm.yaml': configMap() })('app.yaml', 'ref-configmap-key-missing'), []);
  const unknown = deployment(envFrom('configMapKeyRef', 'unknown', 'NOPE'));
  assert.deepEqual(workspace({ 'app.yaml': unknown, 'cm.yaml': configMap() })('app.yaml', 'ref-configmap-key-missing'), []);
});

test('ref-secret-missing: secretKeyRef, envFrom secretRef, secret volume (secretName) and projected secrets', () => {
  const text = deployment(
    envFrom('secretKeyRef', 'app-secrt', 'password') + '          envFrom:\n            - secretRef:\n                name: env-secret\n',
    '      volumes:\n        - name: tls\n          secret:\n            secretName: tls-secret\n        - name: all\n          projected:\n            sources:\n              - secret:\n                  name: projected-secret\n      imagePullSecrets:\n        - name: registry-credentials\n',
  );
  const findings = workspace({ 'app.yaml': text, 'secret.yaml': secret() })('app.yaml', 'ref-secret-missing');
  assert.deepEqual(findings.map((f) => f.message.split(';')[0]), [
    'Secret "app-secrt" not found in namespace default — did you mean "app-secret"?',
    'Secret "env-secret" not found in namespace default',
    'Secret "tls-secret" not found in namespace default',
    'Secret "projected-secret" not found in namespace default',
  ]);
  const ok = deployment(envFrom('secretKeyRef', 'app-secret', 'password'), '      volumes:\n        - name: tls\n          secret:\n            secretName: app-secret\n            optional: false\n');
  assert.deepEqual(workspace({ 'app.yaml': ok, 'secret.yaml': secret() })('app.yaml'), []);
  const optional = deployment('', '      volumes:\n        - name: tls\n          secret:\n            secretName: nowhere\n            optional: true\n');
  assert.deepEqual(workspace({ 'app.yaml': optional, 'secret.yaml': secret() })('app.yaml', 'ref-secret-missing'), []);
});

test('ref-secret-key-missing: data and stringData keys, volume items, across files', () => {
  const text = deployment(envFrom('secretKeyRef', 'app-secret', 'passwrd'), '      volumes:\n        - name: s\n          secret:\n            secretName: app-secret\n            items:\n              - key: token\n                path: token\n');
  const findings = workspace({ 'app.yaml': text, 'secret.yaml': secret() })('app.yaml', 'ref-secret-key-missing');
  assert.deepEqual(findings.map((f) => f.message), [
    'key "passwrd" not found in Secret "app-secret" (namespace default) — did you mean "password"?',
    'key "token" not found in Secret "app-secret" (namespace default); it has "password"',
  ]);
  assert.equal(findings[0].data && (findings[0].data as { targetUri: string }).targetUri, 'file:///ws/secret.yaml');
  const withKeys = secret('app-secret', 'data:\n  passwrd: cGFzc3dvcmQ=\nstringData:\n  token: abc\n');
  assert.deepEqual(workspace({ 'app.yaml': text, 'secret.yaml': withKeys })('app.yaml', 'ref-secret-key-missing'), []);
});

test('references are checked in every pod-bearing kind (Pod, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob)', () => {
  const container = '    - name: c\n      image: busybox\n      env:\n        - name: X\n          valueFrom:\n            secretKeyRef:\n              name: app-secret\n              key: nope\n';
  const indent = (s: string, n: number) => s.replace(/^/gm, ' '.repeat(n));
  const podSpec = (n: number) => indent('containers:\n' + container, n);
  const manifests: Record<string, string> = {
    Pod: `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n${podSpec(2)}`,
    StatefulSet: `apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: s\nspec:\n  serviceName: s\n  selector:\n    matchLabels:\n      a: b\n  template:\n    metadata:\n      labels:\n        a: b\n    spec:\n${podSpec(6)}`,
    DaemonSet: `apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: d\nspec:\n  selector:\n    matchLabels:\n      a: b\n  template:\n    metadata:\n      labels:\n        a: b\n    spec:\n${podSpec(6)}`,
    ReplicaSet: `apiVersion: apps/v1\nkind: ReplicaSet\nmetadata:\n  name: r\nspec:\n  selector:\n    matchLabels:\n      a: b\n  template:\n    metadata:\n      labels:\n        a: b\n    spec:\n${podSpec(6)}`,
    Job: `apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: j\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n${podSpec(6)}`,
    CronJob: `apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: c\nspec:\n  schedule: "* * * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: Never\n${podSpec(10)}`,
  };
  for (const [kind, text] of Object.entries(manifests)) {
    const findings = workspace({ 'w.yaml': text, 'secret.yaml': secret() })('w.yaml', 'ref-secret-key-missing');
    assert.equal(findings.length, 1, `${kind}:\n${summarize(findings)}`);
    assert.deepEqual(findings[0].range, rangeOfText(text, 'nope'), kind);
  }
});
