// The validation rules over a real LSP connection: the Kafka mistakes arrive as diagnostics
// with the kubectl field path and rule id, and kubernetesVersion pushed as a setting changes how a
// removed apiVersion is reported.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DidChangeConfigurationNotification } from 'vscode-languageserver-protocol';
import { LspTestClient } from '../helpers/lspClient';

let client: LspTestClient;

before(async () => {
  client = new LspTestClient();
  await client.initialize(null);
});

after(async () => {
  await client.shutdown();
});

const kafka = `apiVersion: v1
kind: Service
metadata:
  name: kafka
spec:
  type: NodePort
  clusterIP: None
  selector:
    app: kafka
  ports:
    - port: 9092
    - port: 9093
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: kafka
spec:
  serviceName: kafka
  selector:
    matchLabels:
      app: kafka
  template:
    metadata:
      labels:
        app: kafka
    spec:
      containers:
        - name: kafka
          image: kafka:3
          ports:
            - name: kafka-internal-port
              containerPort: 9092
`;

test('the Kafka mistakes of issue 13 arrive over stdio with field paths, on their lines', async () => {
  const uri = 'file:///virtual/kafka.yaml';
  const diagnostics = await client.open(uri, kafka);
  const found = diagnostics.filter((d) => d.code === 'service-invalid' || d.code === 'pod-spec-invalid').map((d) => [d.range.start.line, d.code, String(d.message).split(':').slice(0, 2).join(':')]);
  assert.deepEqual(found, [
    [6, 'service-invalid', "spec.clusterIP: Invalid value"],
    [10, 'service-invalid', 'spec.ports[0].name: Required value'],
    [11, 'service-invalid', 'spec.ports[1].name: Required value'],
    [31, 'pod-spec-invalid', 'spec.template.spec.containers[0].ports[0].name: Invalid value'],
  ]);
  assert.ok(diagnostics.every((d) => d.severity !== 1 || ['service-invalid', 'pod-spec-invalid'].includes(String(d.code))));
  const fixed = await client.change(uri, kafka.replace('  type: NodePort\n', '').replace('    - port: 9092\n    - port: 9093\n', '    - name: client\n      port: 9092\n').replace('kafka-internal-port', 'internal'));
  assert.deepEqual(fixed.filter((d) => d.severity === 1), []);
  await client.close(uri);
});

test('kubernetesVersion from the client: a removed apiVersion becomes a deprecation notice for an older target', async () => {
  const uri = 'file:///virtual/pdb.yaml';
  const text = 'apiVersion: policy/v1beta1\nkind: PodDisruptionBudget\nmetadata:\n  name: db\nspec:\n  minAvailable: 1\n';
  assert.deepEqual((await client.open(uri, text)).map((d) => [d.code, d.severity]), [['deprecated-api-version', 1]]);
  const republished = client.nextDiagnostics(uri);
  await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { k8sStateful: { kubernetesVersion: '1.24' } } });
  assert.deepEqual((await republished).map((d) => [d.code, d.severity]), [['deprecated-api-version', 3]]);
  await client.close(uri);
});
