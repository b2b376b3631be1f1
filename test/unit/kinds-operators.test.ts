// Operator descriptors (server/src/service/kinds/operators/): a CloudNativePG Cluster and Strimzi's
// Kafka, KafkaNodePool and KafkaUser declare what they refer to and what they make, so references to
// the Secrets and Services they make resolve (no missing-reference findings, definition lands on the
// maker), completion offers them, rename refuses them, and their own reference sites navigate. The
// real manifests of ../shared/corpus (gke-samples/databases/postgresql-cloudnativepg and
// streaming/kafka-strimzi) give no reference findings.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import { buildNodes } from '../../client/src/preview/nodes';
import { renderPreviewText } from '../../common/previewText';
import { createLanguageService } from '../../server/src/service';
import { rangeOfText, repoRoot, schemas, summarize, yamlFiles } from '../helpers/service';

function workspace(files: Record<string, string>) {
  const service = createLanguageService({ schemas });
  for (const [name, text] of Object.entries(files)) service.setDocument(`file:///ws/${name}`, text, 1);
  return { service, uri: (name: string) => `file:///ws/${name}`, text: (name: string) => files[name] };
}

const cluster = (extra = '') => `apiVersion: postgresql.cnpg.io/v1
kind: Cluster
metadata:
  name: pg
spec:
  instances: 3
${extra}  storage:
    storageClass: fast
    size: 2Gi
`;

const client = `apiVersion: v1
kind: Pod
metadata:
  name: client
spec:
  containers:
    - name: psql
      image: postgres:16
      env:
        - name: PGPASSWORD
          valueFrom:
            secretKeyRef:
              name: pg-app
              key: password
        - name: PGHOST
          value: pg-rw
        - name: ROOT
          valueFrom:
            secretKeyRef:
              name: pg-superuser
              key: password
`;

const storageClass = `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: fast
provisioner: pd.csi.storage.gke.io
`;

const unrelatedSecret = `apiVersion: v1
kind: Secret
metadata:
  name: other
stringData:
  a: b
`;

const REFERENCE_CODES = /^(ref-|sts-service-missing|pvc-storage-class-unknown)/;

test('CloudNativePG: the Secrets a Cluster makes resolve; -superuser only with enableSuperuserAccess', () => {
  const on = workspace({ 'cluster.yaml': cluster('  enableSuperuserAccess: true\n'), 'client.yaml': client, 'sc.yaml': storageClass, 'other.yaml': unrelatedSecret });
  const found = on.service.getDiagnostics(on.uri('client.yaml')).filter((d) => REFERENCE_CODES.test(String(d.code)));
  assert.deepEqual(found, [], summarize(found));

  const off = workspace({ 'cluster.yaml': cluster(), 'client.yaml': client, 'sc.yaml': storageClass, 'other.yaml': unrelatedSecret });
  const missing = off.service.getDiagnostics(off.uri('client.yaml')).filter((d) => REFERENCE_CODES.test(String(d.code)));
  assert.deepEqual(
    missing.map((d) => [d.code, d.severity, d.range]),
    // Not made without enableSuperuserAccess, and defined nowhere else in scope: a hint (docs/severity.md).
    [['ref-secret-missing', 4, rangeOfText(client, 'pg-superuser')]],
    summarize(missing),
  );
});

test('CloudNativePG: definition of pg-app lands on the Cluster, completion offers it, rename refuses it', () => {
  const ws = workspace({ 'cluster.yaml': cluster(), 'client.yaml': client, 'sc.yaml': storageClass });
  const at = rangeOfText(client, 'pg-app').end;
  assert.deepEqual(ws.service.definition(ws.uri('client.yaml'), at), [{ uri: ws.uri('cluster.yaml'), range: rangeOfText(cluster(), 'pg', 1) }]);
  const items = ws.service.getCompletions(ws.uri('client.yaml'), at).items;
  const app = items.find((i) => i.label === 'pg-app');
  assert.ok(app, JSON.stringify(items.map((i) => i.label)));
  assert.match(app.detail ?? '', /made by Cluster pg/);
  assert.ok(!items.some((i) => i.label === 'pg-superuser'), 'no superuser Secret without enableSuperuserAccess');
  const renamed = ws.service.rename(ws.uri('client.yaml'), at, 'pg-application');
  assert.ok('error' in renamed && /made by Cluster "pg"/.test(renamed.error), JSON.stringify(renamed));
});

test("CloudNativePG: the Cluster's own reference sites navigate and complete (storageClass)", () => {
  const ws = workspace({ 'cluster.yaml': cluster(), 'sc.yaml': storageClass });
  const at = rangeOfText(cluster(), 'fast').end;
  assert.deepEqual(ws.service.definition(ws.uri('cluster.yaml'), at), [{ uri: ws.uri('sc.yaml'), range: rangeOfText(storageClass, 'fast') }]);
  assert.deepEqual(ws.service.getCompletions(ws.uri('cluster.yaml'), at).items.map((i) => i.label), ['fast', '""']);
  const renamed = ws.service.rename(ws.uri('sc.yaml'), rangeOfText(storageClass, 'fast').start, 'faster');
  assert.ok('edit' in renamed, JSON.stringify(renamed));
  assert.deepEqual(renamed.edit.changes?.[ws.uri('cluster.yaml')]?.map((e) => e.range), [rangeOfText(cluster(), 'fast')]);
});

const kafka = `apiVersion: kafka.strimzi.io/v1beta2
kind: Kafka
metadata:
  name: my-cluster
spec:
  kafka:
    replicas: 3
    storage:
      type: persistent-claim
      size: 100Gi
      class: fast
`;

const pool = `apiVersion: kafka.strimzi.io/v1beta2
kind: KafkaNodePool
metadata:
  name: brokers
  labels:
    strimzi.io/cluster: my-cluster
spec:
  replicas: 3
  roles: [broker]
  storage:
    type: jbod
    volumes:
      - id: 0
        type: persistent-claim
        size: 100Gi
        class: fast
`;

const user = `apiVersion: kafka.strimzi.io/v1beta2
kind: KafkaUser
metadata:
  name: rw-user
  labels:
    strimzi.io/cluster: my-cluster
spec:
  authentication:
    type: tls
`;

const kafkaClient = `apiVersion: v1
kind: Pod
metadata:
  name: kcat
spec:
  containers:
    - name: kcat
      image: confluentinc/cp-kcat:7.4.0
      volumeMounts:
        - name: ca
          mountPath: /ca
        - name: user
          mountPath: /user
  volumes:
    - name: ca
      secret:
        secretName: my-cluster-cluster-ca-cert
    - name: user
      secret:
        secretName: rw-user
`;

test('Strimzi: CA Secrets of a Kafka and the Secret of a KafkaUser resolve; node pools and users name their Kafka', () => {
  const ws = workspace({ 'kafka.yaml': kafka, 'pool.yaml': pool, 'user.yaml': user, 'kcat.yaml': kafkaClient, 'sc.yaml': storageClass, 'other.yaml': unrelatedSecret });
  const found = ws.service.getDiagnostics(ws.uri('kcat.yaml')).filter((d) => REFERENCE_CODES.test(String(d.code)));
  assert.deepEqual(found, [], summarize(found));
  const label = rangeOfText(pool, 'my-cluster').end;
  assert.deepEqual(ws.service.definition(ws.uri('pool.yaml'), label), [{ uri: ws.uri('kafka.yaml'), range: rangeOfText(kafka, 'my-cluster') }]);
  assert.deepEqual(ws.service.getCompletions(ws.uri('pool.yaml'), label).items.map((i) => i.label), ['my-cluster']);
  const refs = ws.service.references(ws.uri('kafka.yaml'), rangeOfText(kafka, 'my-cluster').start, false);
  assert.deepEqual(refs.map((r) => r.uri).sort(), [ws.uri('pool.yaml'), ws.uri('user.yaml')]);
  assert.deepEqual(ws.service.definition(ws.uri('pool.yaml'), rangeOfText(pool, 'fast').end), [{ uri: ws.uri('sc.yaml'), range: rangeOfText(storageClass, 'fast') }]);
  assert.deepEqual(ws.service.definition(ws.uri('kcat.yaml'), rangeOfText(kafkaClient, 'rw-user').end), [{ uri: ws.uri('user.yaml'), range: rangeOfText(user, 'rw-user') }]);
});

test("CloudNativePG: the Cluster's own Secret references are checked like a pod's (scope rules and severities of docs/severity.md)", () => {
  const withSecrets = (extra: string) => cluster(`  superuserSecret:\n    name: pg-root\n  bootstrap:\n    initdb:\n      database: app\n      secret:\n        name: pg-owner\n  backup:\n    barmanObjectStore:\n      destinationPath: s3://backups/pg\n      s3Credentials:\n        accessKeyId:\n          name: s3-creds\n          key: ACCESS_KEY_ID\n        secretAccessKey:\n          name: s3-creds\n          key: ACCESS_SECRET_KEY\n${extra}`);
  const secret = (name: string, keys: string[]) => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: ${name}\nstringData:\n${keys.map((k) => `  ${k}: x\n`).join('')}`;
  const found = (files: Record<string, string>) => {
    const ws = workspace({ 'sc.yaml': storageClass, ...files });
    return ws.service.getDiagnostics(ws.uri('cluster.yaml')).filter((d) => REFERENCE_CODES.test(String(d.code))).map((d) => `${d.code} ${d.severity} ${d.message}`);
  };
  const all = { 'root.yaml': secret('pg-root', ['username', 'password']), 'owner.yaml': secret('pg-owner', ['username', 'password']), 's3.yaml': secret('s3-creds', ['ACCESS_KEY_ID', 'ACCESS_SECRET_KEY']) };
  assert.deepEqual(found({ 'cluster.yaml': withSecrets(''), ...all }), []);
  // Never defined in scope: a hint; a near miss of a defined name: a warning; a key the Secret lacks: an error.
  const missing = found({ 'cluster.yaml': withSecrets('').replace('name: pg-root', 'name: pg-roots').replace('ACCESS_SECRET_KEY', 'SECRET_KEY'), 'owner.yaml': all['owner.yaml'], 's3.yaml': all['s3.yaml'], 'other.yaml': unrelatedSecret });
  assert.deepEqual(missing, [
    'ref-secret-missing 4 Secret "pg-roots" not found in namespace default; the operator cannot set up this Cluster until it exists',
    'ref-secret-key-missing 1 key "SECRET_KEY" not found in Secret "s3-creds" (namespace default); it has "ACCESS_KEY_ID", "ACCESS_SECRET_KEY"',
  ]);
  const typo = found({ 'cluster.yaml': withSecrets('').replace('name: pg-owner', 'name: pg-ownr'), ...all });
  assert.deepEqual(typo.map((f) => f.split(' ').slice(0, 2).join(' ')), ['ref-secret-missing 2']);
  assert.match(typo[0], /did you mean "pg-owner"\?/);
  // Image pull secrets are left alone, as for pods.
  assert.deepEqual(found({ 'cluster.yaml': cluster('  imagePullSecrets:\n    - name: registry\n'), 'other.yaml': unrelatedSecret }), []);
});

test("Services an operator makes carry Service facts: a StatefulSet's serviceName naming one is judged by whether it is headless", () => {
  const sts = (serviceName: string) => `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: tool
spec:
  serviceName: ${serviceName}
  replicas: 1
  selector:
    matchLabels: {app: tool}
  template:
    metadata:
      labels: {app: tool}
    spec:
      containers:
        - name: tool
          image: busybox
`;
  const serviceFindings = (serviceName: string) => {
    const ws = workspace({ 'kafka.yaml': kafka, 'cluster.yaml': cluster(), 'sts.yaml': sts(serviceName), 'sc.yaml': storageClass });
    return ws.service.getDiagnostics(ws.uri('sts.yaml')).filter((d) => /^sts-service/.test(String(d.code))).map((d) => `${d.code} ${d.message}`);
  };
  // Strimzi's broker Service is headless: nothing to say (no selector finding either: the operator's labels are its own).
  assert.deepEqual(serviceFindings('my-cluster-kafka-brokers'), []);
  // CloudNativePG's -rw Service is a ClusterIP Service: a true sts-service-not-headless.
  assert.deepEqual(serviceFindings('pg-rw'), ['sts-service-not-headless Service "pg-rw" is a ClusterIP Service without clusterIP: None; a StatefulSet\'s governing Service must be headless (clusterIP: None) for per-pod DNS names']);
  // The preview shows the made Service's facts (headless or not, ports).
  const ws = workspace({ 'cluster.yaml': cluster(), 'sts.yaml': sts('pg-rw'), 'sc.yaml': storageClass });
  const preview = ws.service.getPreview({ activeUri: ws.uri('sts.yaml') });
  const service = JSON.stringify(preview);
  assert.match(service, /"headless":false/);
  assert.match(service, /_postgres\._tcp\.pg-rw\.default\.svc\.cluster\.local/);
});

test("Strimzi: the Kafka's Services carry their ports (replication, control plane, one per internal listener), so a StatefulSet naming them is previewed with its SRV records and gets no finding", () => {
  const withListeners = kafka.replace(
    '    replicas: 3\n',
    '    replicas: 3\n    listeners:\n      - {name: plain, port: 9092, type: internal, tls: false}\n      - {name: tls, port: 9093, type: internal, tls: true}\n      - {name: external, port: 9094, type: nodeport, tls: false}\n',
  );
  const sts = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: mirror
spec:
  serviceName: my-cluster-kafka-brokers
  replicas: 1
  selector:
    matchLabels: {app: mirror}
  template:
    metadata:
      labels: {app: mirror}
    spec:
      containers:
        - name: mirror
          image: busybox
`;
  const ws = workspace({ 'kafka.yaml': withListeners, 'sts.yaml': sts, 'sc.yaml': storageClass });
  assert.deepEqual(ws.service.getDiagnostics(ws.uri('sts.yaml')).map((d) => `${d.code} ${d.message}`).filter((f) => /^(sts-service|ref-)/.test(f)), []);
  const service = ws.service.getPreview({ activeUri: ws.uri('sts.yaml') }).statefulSets[0].service;
  assert.equal(service?.found, true);
  assert.equal(service?.headless, true);
  assert.deepEqual(
    service?.ports.map((p) => `${p.name} ${p.port} ${p.srv}`),
    [
      'tcp-ctrlplane 9090 _tcp-ctrlplane._tcp.my-cluster-kafka-brokers.default.svc.cluster.local',
      'tcp-replication 9091 _tcp-replication._tcp.my-cluster-kafka-brokers.default.svc.cluster.local',
      'tcp-plain 9092 _tcp-plain._tcp.my-cluster-kafka-brokers.default.svc.cluster.local',
      'tcp-tls 9093 _tcp-tls._tcp.my-cluster-kafka-brokers.default.svc.cluster.local',
    ],
  );
  // Completion describes the made Services with their ports (the nodeport listener has Services of its own).
  const ingress = 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\nspec:\n  defaultBackend:\n    service:\n      name: \n';
  ws.service.setDocument(ws.uri('ingress.yaml'), ingress, 1);
  const items = ws.service.getCompletions(ws.uri('ingress.yaml'), { line: 7, character: 12 }).items;
  const described = (name: string) => items.find((i) => i.label === name)?.labelDetails?.description;
  assert.equal(described('my-cluster-kafka-bootstrap'), 'ClusterIP · ports tcp-replication, tcp-plain, tcp-tls');
  assert.equal(described('my-cluster-kafka-brokers'), 'headless · ports tcp-ctrlplane, tcp-replication, tcp-plain, tcp-tls');
});

const corpus = join(repoRoot, '..', 'shared', 'corpus', 'gke-samples');

for (const folder of ['databases/postgresql-cloudnativepg', 'databases/postgres-pgvector', 'streaming/kafka-strimzi']) {
  test(`corpus ${folder}: checked as one workspace, no reference findings on operator-made objects`, { skip: !existsSync(join(corpus, folder)) && 'no ../shared/corpus' }, () => {
    const service = createLanguageService({ schemas });
    const uris: string[] = [];
    for (const path of yamlFiles(join(corpus, folder))) {
      const uri = pathToFileURL(path).href;
      service.setDocument(uri, readFileSync(path, 'utf8'), 1);
      uris.push(uri);
    }
    assert.ok(uris.length > 3, `${uris.length} files`);
    const found = uris.flatMap((uri) => service.getDiagnostics(uri).filter((d) => REFERENCE_CODES.test(String(d.code)) && d.severity! <= 2).map((d) => `${uri.split('/gke-samples/')[1]}:${d.range.start.line + 1} ${d.code} ${d.message}`));
    assert.deepEqual(found, []);
  });
}

test('Stateful Preview: what a CloudNativePG Cluster and a Strimzi Kafka will make (model, text, tree)', () => {
  const ws = workspace({ 'cluster.yaml': cluster(), 'kafka.yaml': kafka, 'sc.yaml': storageClass });
  const model = ws.service.getPreview({ activeUri: ws.uri('cluster.yaml') });
  assert.deepEqual(model.statefulSets, []);
  const [pg, kafkaPreview] = model.operatorResources ?? [];
  assert.equal(pg.kind, 'Cluster');
  assert.deepEqual(pg.location, { uri: ws.uri('cluster.yaml'), range: rangeOfText(cluster(), 'pg', 1) });
  assert.deepEqual(pg.pods, [
    { name: 'pg-1', claims: ['pg-1'] },
    { name: 'pg-2', claims: ['pg-2'] },
    { name: 'pg-3', claims: ['pg-3'] },
  ]);
  assert.deepEqual(
    pg.objects.map((o) => `${o.kind} ${o.name}${o.dns ? ` ${o.dns}` : ''}`),
    ['Service pg-rw pg-rw.default.svc.cluster.local', 'Service pg-ro pg-ro.default.svc.cluster.local', 'Service pg-r pg-r.default.svc.cluster.local', 'Secret pg-app', 'Secret pg-ca', 'Secret pg-server', 'Secret pg-replication'],
  );
  assert.equal(kafkaPreview.name, 'my-cluster');
  assert.deepEqual(kafkaPreview.pods.map((p) => [p.name, ...p.claims]), [
    ['my-cluster-kafka-0', 'data-my-cluster-kafka-0'],
    ['my-cluster-kafka-1', 'data-my-cluster-kafka-1'],
    ['my-cluster-kafka-2', 'data-my-cluster-kafka-2'],
  ]);
  assert.ok(kafkaPreview.objects.some((o) => o.name === 'my-cluster-kafka-bootstrap' && o.dns === 'my-cluster-kafka-bootstrap.default.svc.cluster.local'));
  assert.ok(!kafkaPreview.objects.some((o) => o.name.includes('zookeeper')), 'no ZooKeeper Services without spec.zookeeper');

  const text = renderPreviewText(model);
  assert.match(text, /^Cluster default\/pg {2}\(file:\/\/\/ws\/cluster\.yaml:4:9\)$/m);
  assert.match(text, /^ {4}pg-2 {2}claims: pg-2$/m);
  assert.match(text, /^ {4}Service pg-rw {2}pg-rw\.default\.svc\.cluster\.local {2}\(read-write Service \(the primary\)\)$/m);

  const [clusterNode, kafkaNode] = buildNodes(model);
  assert.equal(clusterNode.label, 'pg');
  assert.equal(clusterNode.description, 'Cluster · default · 3 pods');
  assert.deepEqual(clusterNode.children.slice(0, 3).map((n) => [n.label, n.children.map((c) => c.label)]), [['pg-1', ['pg-1']], ['pg-2', ['pg-2']], ['pg-3', ['pg-3']]]);
  assert.ok(clusterNode.children.some((n) => n.label === 'pg-rw' && n.copyText === 'pg-rw.default.svc.cluster.local'));
  assert.equal(kafkaNode.label, 'my-cluster');
});

test('indexing a closed operator resource parses its file once (what it makes is read from that parse)', () => {
  const service = createLanguageService({ schemas });
  service.workspaceDocument('file:///ws/cluster.yaml', cluster('  enableSuperuserAccess: true\n'));
  assert.ok(service.index.named('Secret', 'pg-superuser').length > 0, 'the conditional Secret is made');
  assert.ok(service.index.named('Service', 'pg-rw').length > 0);
  assert.equal(service.documents.closedParses, 1);
});
