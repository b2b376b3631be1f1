// StatefulSet rules through the real service: each a failing and a passing case at least.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createLanguageService } from '../../server/src/service';
import { volumeClaimTemplateYaml } from '../helpers/manifests';
import { rangeOfText, schemas, summarize } from '../helpers/service';

/** A fresh service holding the given files; returns the diagnostics of one of them with a given code. */
function workspace(files: Record<string, string>, settings?: unknown) {
  const service = createLanguageService({ schemas, docsBaseUri: 'file:///ext/docs/rules' });
  if (settings) service.configure(settings);
  for (const [name, text] of Object.entries(files)) service.setDocument(`file:///ws/${name}`, text, 1);
  return {
    service,
    findings(name: string, code: string) {
      return service.getDiagnostics(`file:///ws/${name}`).filter((d) => d.code === code);
    },
    all(name: string) {
      return service.getDiagnostics(`file:///ws/${name}`);
    },
  };
}

/** The range of `needle` inside the first occurrence of `context`. */
function rangeIn(text: string, context: string, needle: string) {
  const at = text.indexOf(context);
  assert.ok(at >= 0, context);
  const offset = at + context.indexOf(needle);
  const before = text.slice(0, offset).split('\n');
  const start = { line: before.length - 1, character: before[before.length - 1].length };
  return { start, end: { line: start.line, character: start.character + needle.length } };
}

const headless = (name = 'db', selector = 'app: db', extra = '  clusterIP: None\n') =>
  `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\nspec:\n${extra}  selector:\n    ${selector}\n  ports:\n    - port: 5432\n`;

function sts(opts: { serviceName?: string; replicas?: number; policy?: string; selector?: string; labels?: string; podSpec?: string; claims?: string; image?: string } = {}) {
  return `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: ${opts.serviceName ?? 'db'}
${opts.replicas !== undefined ? `  replicas: ${opts.replicas}\n` : ''}${opts.policy ? `  podManagementPolicy: ${opts.policy}\n` : ''}  selector:
${opts.selector ?? '    matchLabels:\n      app: db\n'}  template:
    metadata:
      labels:
${opts.labels ?? '        app: db\n'}    spec:
      containers:
        - name: main
          image: ${opts.image ?? 'postgres:16'}
${opts.podSpec ?? ''}${opts.claims ?? ''}`;
}

const dataClaim = `  volumeClaimTemplates:\n${volumeClaimTemplateYaml('data')}`;

test('sts-service-missing: reported on serviceName with a did-you-mean, quiet when the Service exists', () => {
  const text = sts({ serviceName: 'dbb' });
  const ws = workspace({ 'sts.yaml': text, 'svc.yaml': headless() });
  const [finding, ...rest] = ws.findings('sts.yaml', 'sts-service-missing');
  assert.equal(rest.length, 0);
  assert.match(finding.message, /serviceName "dbb" names no Service in namespace default — did you mean "db"\?/);
  assert.deepEqual(finding.range, rangeOfText(text, 'dbb'));
  // A near miss of a Service its scope defines: very likely a typo, a warning (docs/severity.md).
  assert.equal(finding.severity, 2);
  assert.deepEqual(finding.codeDescription, { href: 'file:///ext/docs/rules/sts-service-missing.md' });
  assert.deepEqual(workspace({ 'sts.yaml': sts(), 'svc.yaml': headless() }).findings('sts.yaml', 'sts-service-missing'), []);
});

test('sts-service-missing: a Service in another namespace does not count, and the message says where it is', () => {
  const ws = workspace({ 'sts.yaml': sts(), 'svc.yaml': headless().replace('name: db\n', 'name: db\n  namespace: other\n') });
  const [finding] = ws.findings('sts.yaml', 'sts-service-missing');
  assert.match(finding.message, /exists in namespace other/);
});

test('sts-service-missing is a hint when the scope defines no such Service, a warning under strict references', () => {
  assert.equal(workspace({ 'sts.yaml': sts() }).findings('sts.yaml', 'sts-service-missing')[0].severity, 4);
  assert.equal(workspace({ 'sts.yaml': sts(), 'svc.yaml': headless('other') }).findings('sts.yaml', 'sts-service-missing')[0].severity, 4);
  // The API server accepts the StatefulSet and its pods run; only their DNS names are missing: never an error.
  assert.equal(workspace({ 'sts.yaml': sts() }, { references: { strict: true } }).findings('sts.yaml', 'sts-service-missing')[0].severity, 2);
});

test('sts-service-not-headless: a ClusterIP Service (implicit or explicit) is reported, clusterIP: None is not', () => {
  const implicit = workspace({ 'sts.yaml': sts(), 'svc.yaml': headless('db', 'app: db', '') }).findings('sts.yaml', 'sts-service-not-headless');
  assert.equal(implicit.length, 1);
  assert.match(implicit[0].message, /Service "db" is a ClusterIP Service without clusterIP: None/);
  const explicit = workspace({ 'sts.yaml': sts(), 'svc.yaml': headless('db', 'app: db', '  clusterIP: 10.0.0.12\n') }).findings('sts.yaml', 'sts-service-not-headless');
  assert.match(explicit[0].message, /has clusterIP 10\.0\.0\.12/);
  assert.deepEqual(workspace({ 'sts.yaml': sts(), 'svc.yaml': headless() }).findings('sts.yaml', 'sts-service-not-headless'), []);
});

test('sts-service-not-headless: several Services of that name give one finding, and the one in the StatefulSet\'s own file decides', () => {
  const plain = headless('db', 'app: db', '');
  const twoVariants = workspace({ 'a.yaml': `${plain}---\n${sts()}`, 'b.yaml': `${plain}---\n${sts()}`, 'c.yaml': plain });
  const findings = twoVariants.findings('a.yaml', 'sts-service-not-headless');
  assert.equal(findings.length, 1, summarize(findings));
  assert.equal(findings[0].data?.serviceUri, 'file:///ws/a.yaml');
  // Its own file has a headless Service: a plain one elsewhere (another app's) does not count.
  assert.deepEqual(workspace({ 'a.yaml': `${headless()}---\n${sts()}`, 'other.yaml': plain }).findings('a.yaml', 'sts-service-not-headless'), []);
  // Defined elsewhere only: still checked there.
  assert.equal(workspace({ 'sts.yaml': sts(), 'svc.yaml': plain, 'svc2.yaml': plain }).findings('sts.yaml', 'sts-service-not-headless').length, 1);
});

test('sts-selector-mismatch: matchLabels and matchExpressions are checked against the template labels', () => {
  const text = sts({
    selector: '    matchLabels:\n      app: database\n    matchExpressions:\n      - key: tier\n        operator: In\n        values: [data]\n      - key: canary\n        operator: DoesNotExist\n      - key: app\n        operator: Exists\n',
    labels: '        app: db\n        tier: storage\n',
  });
  const findings = workspace({ 'sts.yaml': text, 'svc.yaml': headless() }).findings('sts.yaml', 'sts-selector-mismatch');
  assert.equal(findings.length, 2, summarize(findings));
  assert.match(findings[0].message, /selector requirement app=database does not match the pod template labels \(app=db, tier=storage\)/);
  assert.deepEqual(findings[0].range, rangeOfText(text, 'database'));
  assert.match(findings[1].message, /tier in \(data\)/);
  assert.deepEqual(findings[1].range, rangeIn(text, 'key: tier', 'tier'));
});

test('sts-selector-mismatch: a selector that matches (NotIn, Exists, extra template labels) is quiet; an empty one is reported', () => {
  const ok = sts({
    selector: '    matchLabels:\n      app: db\n    matchExpressions:\n      - key: tier\n        operator: NotIn\n        values: [cache]\n',
    labels: '        app: db\n        tier: storage\n        version: "2"\n',
  });
  assert.deepEqual(workspace({ 'sts.yaml': ok, 'svc.yaml': headless() }).findings('sts.yaml', 'sts-selector-mismatch'), []);
  const empty = workspace({ 'sts.yaml': sts({ selector: '    {}\n' }), 'svc.yaml': headless() }).findings('sts.yaml', 'sts-selector-mismatch');
  assert.equal(empty.length, 1);
  assert.match(empty[0].message, /spec.selector is empty/);
});

test('sts-service-selector-mismatch: the headless Service must select the pods; reported on serviceName, quiet when it does', () => {
  const text = sts();
  const findings = workspace({ 'sts.yaml': text, 'svc.yaml': headless('db', 'app: postgres') }).findings('sts.yaml', 'sts-service-selector-mismatch');
  assert.equal(findings.length, 1);
  assert.match(findings[0].message, /Service "db" selects app=postgres, which the pod template labels \(app=db\) do not have/);
  assert.deepEqual(findings[0].range, rangeIn(text, 'serviceName: db', 'db'));
  assert.deepEqual(workspace({ 'sts.yaml': text, 'svc.yaml': headless() }).findings('sts.yaml', 'sts-service-selector-mismatch'), []);
  const noSelector = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: db\nspec:\n  clusterIP: None\n  ports:\n    - port: 5432\n';
  const none = workspace({ 'sts.yaml': text, 'svc.yaml': noSelector }).findings('sts.yaml', 'sts-service-selector-mismatch');
  assert.match(none[0].message, /has no selector/);
});

test('sts-volume-mount-unknown: mounts in containers and initContainers must name a volume or claim template', () => {
  const text = sts({
    podSpec: `          volumeMounts:
            - name: dta
              mountPath: /data
            - name: config
              mountPath: /etc/app
      initContainers:
        - name: init
          image: busybox
          volumeMounts:
            - name: scratch
              mountPath: /scratch
      volumes:
        - name: config
          emptyDir: {}
`,
    claims: dataClaim,
  });
  const findings = workspace({ 'sts.yaml': text, 'svc.yaml': headless() }).findings('sts.yaml', 'sts-volume-mount-unknown');
  assert.deepEqual(findings.map((f) => f.message), [
    'volumeMount "dta" names neither a volume nor a volumeClaimTemplate — did you mean "data"?',
    'volumeMount "scratch" names neither a volume nor a volumeClaimTemplate; the pod has "config", "data"',
  ]);
  assert.deepEqual(findings[0].range, rangeOfText(text, 'dta'));
  const fixed = text.replace('name: dta', 'name: data').replace('name: scratch', 'name: config');
  assert.deepEqual(workspace({ 'sts.yaml': fixed, 'svc.yaml': headless() }).findings('sts.yaml', 'sts-volume-mount-unknown'), []);
});

test('sts-claim-template-unused: a claim template no container mounts (volumeDevices count as use)', () => {
  const text = sts({ claims: dataClaim });
  const findings = workspace({ 'sts.yaml': text, 'svc.yaml': headless() }).findings('sts.yaml', 'sts-claim-template-unused');
  assert.equal(findings.length, 1);
  assert.equal(findings[0].severity, 2);
  assert.deepEqual(findings[0].range, rangeIn(text, 'name: data', 'data'));
  const mounted = sts({ podSpec: '          volumeMounts:\n            - name: data\n              mountPath: /data\n', claims: dataClaim });
  assert.deepEqual(workspace({ 'sts.yaml': mounted, 'svc.yaml': headless() }).findings('sts.yaml', 'sts-claim-template-unused'), []);
  const device = sts({ podSpec: '          volumeDevices:\n            - name: data\n              devicePath: /dev/xvda\n', claims: dataClaim });
  assert.deepEqual(workspace({ 'sts.yaml': device, 'svc.yaml': headless() }).findings('sts.yaml', 'sts-claim-template-unused'), []);
});

test('sts-no-anti-affinity: info on replicas >= 2 without anti-affinity or spread constraints', () => {
  const text = sts({ replicas: 3 });
  const findings = workspace({ 'sts.yaml': text, 'svc.yaml': headless() }).findings('sts.yaml', 'sts-no-anti-affinity');
  assert.equal(findings.length, 1);
  assert.equal(findings[0].severity, 3);
  assert.deepEqual(findings[0].range, rangeIn(text, 'replicas: 3', '3'));
  const spread = sts({ replicas: 3, podSpec: '      topologySpreadConstraints:\n        - maxSkew: 1\n          topologyKey: kubernetes.io/hostname\n          whenUnsatisfiable: DoNotSchedule\n' });
  const anti = sts({
    replicas: 3,
    podSpec: '      affinity:\n        podAntiAffinity:\n          requiredDuringSchedulingIgnoredDuringExecution:\n            - topologyKey: kubernetes.io/hostname\n              labelSelector:\n                matchLabels:\n                  app: db\n',
  });
  for (const ok of [spread, anti, sts({ replicas: 1 }), sts()]) {
    assert.deepEqual(workspace({ 'sts.yaml': ok, 'svc.yaml': headless() }).findings('sts.yaml', 'sts-no-anti-affinity'), []);
  }
});

test('sts-parallel-with-quorum: Parallel on etcd/ZooKeeper-like pods is info; OrderedReady, one replica or a plain web server is not', () => {
  const etcd = sts({ replicas: 3, policy: 'Parallel', image: 'quay.io/coreos/etcd:v3.5.15' });
  const findings = workspace({ 'sts.yaml': etcd, 'svc.yaml': headless() }).findings('sts.yaml', 'sts-parallel-with-quorum');
  assert.equal(findings.length, 1);
  assert.equal(findings[0].severity, 3);
  assert.match(findings[0].message, /looks quorum-based \(image quay\.io\/coreos\/etcd:v3\.5\.15\)/);
  assert.deepEqual(findings[0].range, rangeOfText(etcd, 'Parallel'));
  const byFlag = sts({ replicas: 3, policy: 'Parallel', image: 'example.com/kv:1', podSpec: '          args: ["--initial-cluster=kv-0=http://kv-0.kv:2380"]\n' });
  assert.match(workspace({ 'sts.yaml': byFlag, 'svc.yaml': headless() }).findings('sts.yaml', 'sts-parallel-with-quorum')[0].message, /it sets initial-cluster/);
  for (const ok of [
    sts({ replicas: 3, policy: 'OrderedReady', image: 'zookeeper:3.9' }),
    sts({ replicas: 1, policy: 'Parallel', image: 'zookeeper:3.9' }),
    sts({ replicas: 3, policy: 'Parallel', image: 'nginx:1.27' }),
  ]) {
    assert.deepEqual(workspace({ 'sts.yaml': ok, 'svc.yaml': headless() }).findings('sts.yaml', 'sts-parallel-with-quorum'), []);
  }
});

test('rules honour severity settings, off, and disable-next-line comments', () => {
  const text = sts({ serviceName: 'nope' });
  assert.equal(workspace({ 'sts.yaml': text, 'svc.yaml': headless() }, { rules: { 'sts-service-missing': 'warning' } }).findings('sts.yaml', 'sts-service-missing')[0].severity, 2);
  assert.deepEqual(workspace({ 'sts.yaml': text, 'svc.yaml': headless() }, { rules: { 'sts-service-missing': 'off' } }).findings('sts.yaml', 'sts-service-missing'), []);
  const suppressed = text.replace('  serviceName: nope', '  # k8s-stateful-disable-next-line sts-service-missing\n  serviceName: nope');
  assert.deepEqual(workspace({ 'sts.yaml': suppressed, 'svc.yaml': headless() }).findings('sts.yaml', 'sts-service-missing'), []);
});

test('rules select kinds by API group through the catalogue: a custom group\'s StatefulSet gets none of them, a removed apps version does', () => {
  const broken = sts({ serviceName: 'dbb', labels: '        app: other\n' });
  const codes = (text: string) => [...new Set(workspace({ 'db.yaml': text, 'svc.yaml': headless() }).all('db.yaml').map((d) => String(d.code)).filter((c) => /^sts-/.test(c)))].sort();
  assert.deepEqual(codes(broken), ['sts-selector-mismatch', 'sts-service-missing']);
  // OpenKruise's Advanced StatefulSet shares the kind name, not the kind: the built-in rules do not speak for it.
  assert.deepEqual(codes(broken.replace('apiVersion: apps/v1', 'apiVersion: apps.kruise.io/v1beta1')), []);
  // The removed apps/v1beta1 is still the built-in StatefulSet (checked as its replacement).
  assert.deepEqual(codes(broken.replace('apiVersion: apps/v1', 'apiVersion: apps/v1beta1')), ['sts-selector-mismatch', 'sts-service-missing']);
});

test('the index keys kinds by group: a Knative Service is no Service for serviceName, an OpenKruise StatefulSet is not in the preview', () => {
  const knative = 'apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata:\n  name: db\nspec:\n  template:\n    spec:\n      containers:\n        - image: example/db\n';
  const ws = workspace({ 'db.yaml': sts(), 'knative.yaml': knative });
  assert.deepEqual(ws.findings('db.yaml', 'sts-service-missing').length, 1, summarize(ws.all('db.yaml')));
  assert.deepEqual(ws.service.index.ofKind('Service').map((e) => e.uri), []);
  assert.deepEqual(ws.service.index.ofKind('Service.serving.knative.dev').map((e) => e.name), ['db']);
  // With the core Service beside it, only that one counts.
  assert.deepEqual(workspace({ 'db.yaml': sts(), 'knative.yaml': knative, 'svc.yaml': headless() }).findings('db.yaml', 'sts-service-missing'), []);

  const kruise = workspace({ 'db.yaml': sts(), 'kruise.yaml': sts().replace('apps/v1', 'apps.kruise.io/v1beta1').replace('name: db\nspec', 'name: kdb\nspec'), 'svc.yaml': headless() });
  assert.deepEqual(kruise.service.getPreview().statefulSets.map((s) => s.name), ['db']);
  // A removed apps version is the same kind: it is in the StatefulSet bucket.
  assert.deepEqual(workspace({ 'old.yaml': sts().replace('apps/v1', 'apps/v1beta1') }).service.index.ofKind('StatefulSet.apps').map((e) => e.name), ['db']);
});
