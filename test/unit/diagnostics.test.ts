import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { reparse } from '../../server/src/service/parse/incremental';
import { parseFile } from '../../server/src/service/parse/parseFile';
import { statefulSetYaml } from '../helpers/manifests';
import { diagnosticsFor as allDiagnosticsFor, schemaDiagnosticsFor as diagnosticsFor, rangeOfText, repoRoot, serviceWithFolders, summarize } from '../helpers/service';

test('replicas "three" and serviceNme give exactly two diagnostics at the right ranges', () => {
  const text = readFileSync(join(repoRoot, 'examples/mistakes/statefulset-typos.yaml'), 'utf8');
  const diagnostics = diagnosticsFor(text);
  assert.equal(diagnostics.length, 2, summarize(diagnostics));
  const replicas = diagnostics.find((d) => d.message.includes('replicas'))!;
  assert.equal(replicas.message, 'replicas must be an integer, got the string "three"');
  assert.deepEqual(replicas.range, rangeOfText(text, '"three"'));
  const typo = diagnostics.find((d) => d.message.includes('serviceNme'))!;
  assert.equal(typo.message, 'unknown field "serviceNme" — did you mean "serviceName"?');
  assert.deepEqual(typo.range, rangeOfText(text, 'serviceNme'));
  assert.equal(typo.severity, 1);
  assert.equal(typo.source, 'k8s-stateful');
});

test('every valid example manifest yields no diagnostics, rules included, with the whole folder indexed', () => {
  const { service, uris } = serviceWithFolders('examples/postgres', 'examples/not-kubernetes');
  assert.ok(uris.length >= 9);
  for (const uri of uris) {
    const diagnostics = service.getDiagnostics(uri);
    assert.deepEqual(diagnostics, [], `${uri}:\n${summarize(diagnostics)}`);
  }
});

test('a removed apiVersion names the replacement, and the document is still checked as the replacement', () => {
  const text = readFileSync(join(repoRoot, 'examples/mistakes/removed-api-version.yaml'), 'utf8');
  const diagnostics = diagnosticsFor(text);
  assert.deepEqual(diagnostics.map((d) => d.code), ['deprecated-api-version', 'schema'], summarize(diagnostics));
  // The removal names the replacement and nothing more: what apps/v1 requires is the schema finding's to say, once.
  assert.equal(diagnostics[0].message, 'StatefulSet in apps/v1beta1 was removed in Kubernetes 1.16; use apiVersion: apps/v1');
  assert.deepEqual(diagnostics[0].range, rangeOfText(text, 'apps/v1beta1', 1));
  // What apps/v1 will say once the apiVersion is fixed, said now.
  assert.equal(diagnostics[1].message, 'missing required field "selector" in spec (as apps/v1, which replaces apps/v1beta1)');
  // Typos and bad values are found too, and so are the rules' findings, cross-file ones included.
  const worse = text.replace('replicas: 2', 'replicas: two\n  serviceNme: x').replace('  serviceName: nginx\n', '  serviceName: nginx\n  volumeClaimTemplates:\n    - metadata:\n        name: data\n      spec:\n        accessModes: [ReadWriteOnce]\n        resources:\n          requests:\n            storage: 1 Gi\n');
  const all = allDiagnosticsFor(worse);
  const codes = all.map((d) => d.code);
  for (const code of ['deprecated-api-version', 'schema', 'quantity-invalid', 'sts-claim-template-unused']) assert.ok(codes.includes(code), `${code} missing:\n${summarize(all)}`);
  assert.ok(all.some((d) => /unknown field "serviceNme"/.test(d.message)), summarize(all));
  assert.ok(all.some((d) => /replicas must be an integer/.test(d.message)), summarize(all));
});

test('enum values are listed and placed on the value', () => {
  const text = statefulSetYaml({ tail: '  podManagementPolicy: AllAtOnce\n' });
  const diagnostics = diagnosticsFor(text);
  assert.equal(diagnostics.length, 1, summarize(diagnostics));
  assert.equal(diagnostics[0].message, 'podManagementPolicy must be one of OrderedReady, Parallel, got the string "AllAtOnce"');
  assert.deepEqual(diagnostics[0].range, rangeOfText(text, 'AllAtOnce'));
});

test('bad values in the mistakes example each get one readable diagnostic', () => {
  const text = readFileSync(join(repoRoot, 'examples/mistakes/bad-values.yaml'), 'utf8');
  // Quantities are checked by the quantity-invalid rule (the schema defers to it: one diagnostic per mistake).
  const messages = allDiagnosticsFor(text).filter((d) => d.code === 'schema' || d.code === 'quantity-invalid').map((d) => d.message).sort();
  assert.deepEqual(messages, [
    'accessModes[0] must be one of ReadOnlyMany, ReadWriteMany, ReadWriteOnce, ReadWriteOncePod, got the string "ReadWriteSometimes"',
    'containerPort must be an integer, got the string "amqp"',
    'podManagementPolicy must be one of OrderedReady, Parallel, got the string "AllAtOnce"',
    'storage must be a Kubernetes quantity such as 10Gi, 500Mi or 250m, got "1 Gi" — did you mean "1Gi"?',
  ]);
});

test('missing required fields land on the parent key', () => {
  const text = 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  serviceName: db\n';
  const diagnostics = diagnosticsFor(text);
  const messages = diagnostics.map((d) => d.message).sort();
  assert.deepEqual(messages, ['missing required field "selector" in spec', 'missing required field "template" in spec']);
  for (const d of diagnostics) assert.deepEqual(d.range, rangeOfText(text, 'spec'));
});

test("a built-in object's recorded status is decoded but not validated: no required fields or enum values there", () => {
  // `kubectl get -o yaml` output kept as a manifest (gke-samples hpa testdata). The API server resets a
  // built-in object's status on create and keeps the stored one on update, so only decoding sees it.
  const hpa = (apiVersion: string, metric: string, current: string) =>
    `apiVersion: ${apiVersion}\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\nspec:\n  maxReplicas: 3\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: web\n  metrics:\n    - type: Resource\n      resource:\n        name: cpu\n${metric}status:\n  currentMetrics:\n    - type: Resource\n      resource:\n        name: cpu\n${current}  desiredReplicas: 2\n`;
  const target = '        target:\n          type: Utilization\n          averageUtilization: 60\n';
  assert.deepEqual(diagnosticsFor(hpa('autoscaling/v2', target, '')).map((d) => d.message), []);
  // Unknown fields are still rejected there (strict field validation decodes the whole object).
  const removed = diagnosticsFor(hpa('autoscaling/v2beta1', '        targetAverageUtilization: 60\n', '        currentAverageUtilization: 48\n'));
  assert.deepEqual(removed.map((d) => d.message).sort(), [
    'HorizontalPodAutoscaler in autoscaling/v2beta1 was removed in Kubernetes 1.25; use apiVersion: autoscaling/v2',
    'missing required field "target" in resource (as autoscaling/v2, which replaces autoscaling/v2beta1)',
    'unknown field "currentAverageUtilization" (as autoscaling/v2, which replaces autoscaling/v2beta1)',
    'unknown field "targetAverageUtilization" (as autoscaling/v2, which replaces autoscaling/v2beta1)',
  ]);
  // An enum value in status is not checked either; a wrong type still fails decoding.
  const claim = (status: string) =>
    `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\nspec:\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 1Gi\nstatus:\n${status}`;
  assert.deepEqual(diagnosticsFor(claim('  phase: Gone\n  conditions:\n    - reason: Resizing\n')).map((d) => d.message), []);
  assert.deepEqual(diagnosticsFor(claim('  accessModes: ReadWriteOnce\n')).map((d) => d.message), ['accessModes must be a list, got the string "ReadWriteOnce"']);
  // In spec, the same checks hold.
  assert.deepEqual(diagnosticsFor(claim('').replace('[ReadWriteOnce]', '[ReadWriteSometimes]')).length, 1);
  // A Node's create keeps its status (kubelets register nodes with it): checked in full.
  const node = diagnosticsFor('apiVersion: v1\nkind: Node\nmetadata:\n  name: n1\nstatus:\n  conditions:\n    - reason: KubeletReady\n');
  assert.deepEqual(node.map((d) => d.message).sort(), ['missing required field "status" in conditions[0]', 'missing required field "type" in conditions[0]']);
});

test('int-or-string accepts both, and says so when neither', () => {
  const service = (targetPort: string) =>
    `apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports:\n    - port: 80\n      targetPort: ${targetPort}\n`;
  assert.deepEqual(diagnosticsFor(service('8080')), []);
  assert.deepEqual(diagnosticsFor(service('http')), []);
  const diagnostics = diagnosticsFor(service('[1, 2]'));
  assert.equal(diagnostics.length, 1, summarize(diagnostics));
  assert.match(diagnostics[0].message, /targetPort must be an integer or a string/);
});

test('YAML 1.1 booleans where a string is expected get one diagnostic, from yaml11-implicit-type, with a hint to quote', () => {
  const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  enabled: yes\n';
  assert.deepEqual(diagnosticsFor(text), [], 'the schema check defers this type error to the rule');
  const diagnostics = allDiagnosticsFor(text);
  assert.equal(diagnostics.length, 1, summarize(diagnostics));
  assert.equal(diagnostics[0].code, 'yaml11-implicit-type');
  assert.match(diagnostics[0].message, /enabled" must be a string, but unquoted yes is read as the boolean true .*quote it: "yes"/);
  assert.deepEqual(diagnostics[0].range, rangeOfText(text, 'yes'));
});

test('explicit nulls are treated like absent fields', () => {
  assert.deepEqual(diagnosticsFor('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  annotations:\ndata:\n'), []);
});

test('a misspelt kind in a built-in group gets a suggestion; a kind in the wrong group names the right one', () => {
  const typo = diagnosticsFor('apiVersion: apps/v1\nkind: Statefulset\nmetadata:\n  name: x\n');
  assert.equal(typo.length, 1, summarize(typo));
  assert.equal(typo[0].message, 'unknown kind "Statefulset" in apps/v1 — did you mean "StatefulSet"?');
  const wrongGroup = diagnosticsFor('apiVersion: v1\nkind: StatefulSet\nmetadata:\n  name: x\n');
  assert.equal(wrongGroup.length, 1, summarize(wrongGroup));
  assert.equal(wrongGroup[0].message, 'StatefulSet is not served by v1; use apiVersion: apps/v1');
});

test('custom resources and non-Kubernetes YAML stay silent', () => {
  assert.deepEqual(diagnosticsFor('apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata:\n  name: x\nspec:\n  anything: [1]\n'), []);
  assert.deepEqual(diagnosticsFor('name: ci\non: [push]\njobs:\n  a:\n    runs-on: x\n'), []);
  assert.deepEqual(diagnosticsFor('replicaCount: 1\nimage:\n  repository: nginx\n  tag: "1.0"\n'), []);
  assert.deepEqual(diagnosticsFor('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n'), []);
});

test('a ytt template (#@ annotations) stays silent like a Helm one; a comment that merely mentions @ does not', () => {
  const ytt = '#@ load("@ytt:data", "data")\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n  - port: #@ data.values.port\n  type: #@ data.values.type\n';
  assert.deepEqual(diagnosticsFor(ytt), []);
  const plain = '# @owner: storage team\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n  - port: 80\n  type: null\n';
  assert.equal(diagnosticsFor(plain).length, 1);
  // Typing the annotation into a plain file, edit by edit, makes it a template too.
  const before = parseFile(plain.replace('type: null', 'type: x'));
  const after = reparse(before, plain.replace('type: null', 'type: #@ x'));
  assert.equal((after ?? parseFile(plain.replace('type: null', 'type: #@ x'))).isTemplate, true);
  assert.equal(parseFile(plain).isTemplate, false);
});

test('YAML syntax errors become diagnostics with exact ranges', () => {
  const text = readFileSync(join(repoRoot, 'examples/mistakes/broken-yaml.yaml'), 'utf8');
  const diagnostics = diagnosticsFor(text);
  assert.ok(diagnostics.length >= 1, 'expected a syntax error');
  assert.ok(diagnostics.every((d) => d.code === 'yaml-syntax'), summarize(diagnostics));
  assert.equal(diagnostics[0].range.start.line, rangeOfText(text, ' other').start.line);
});

test('tabs, duplicate keys and alias bombs give messages, not crashes', () => {
  const tabs = diagnosticsFor('apiVersion: v1\nkind: ConfigMap\nmetadata:\n\tname: c\n');
  assert.ok(tabs.some((d) => /tab/i.test(d.message)), summarize(tabs));
  const duplicate = diagnosticsFor('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n');
  assert.ok(duplicate.some((d) => /unique|duplicate/i.test(d.message)), summarize(duplicate));
  const bomb = ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: bomb', 'a: &a ["x","x","x","x","x","x","x","x","x"]'];
  for (let i = 0; i < 8; i++) bomb.push(`${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`);
  const bombDiagnostics = diagnosticsFor(bomb.join('\n') + '\n');
  assert.ok(bombDiagnostics.some((d) => /alias/i.test(d.message)), summarize(bombDiagnostics));
});

test('multi-document files check each resource and tolerate CRLF and a BOM', () => {
  const text = '\uFEFFapiVersion: v1\r\nkind: ConfigMap\r\nmetadata:\r\n  name: a\r\n---\r\napiVersion: v1\r\nkind: Service\r\nmetadata:\r\n  name: b\r\nspec:\r\n  ports:\r\n    - port: "x"\r\n';
  const diagnostics = diagnosticsFor(text);
  assert.equal(diagnostics.length, 1, summarize(diagnostics));
  assert.equal(diagnostics[0].message, 'port must be an integer, got the string "x"');
  assert.equal(diagnostics[0].range.start.line, 11);
  assert.equal(diagnostics[0].range.start.character, 12);
});

test('a document separator typed as two dashes (--apiVersion:) is named as the cause', () => {
  const text = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: pg\n--apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\n';
  const diagnostics = diagnosticsFor(text);
  const hint = diagnostics.find((d) => d.message.includes('two dashes'));
  assert.ok(hint, summarize(diagnostics));
  assert.equal(hint.message, '"--apiVersion" starts a key with two dashes: a new document needs "---" on a line of its own, then "apiVersion:" on the next line');
  assert.deepEqual(hint.range, rangeOfText(text, '--'));
  assert.equal(diagnostics[0], hint, 'the cause comes before the duplicate keys it causes');
});
