// The Stateful Preview computation, through the real language service and the real rule catalogue.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { createLanguageService } from '../../server/src/service';
import { DEFAULT_MAX_LISTED_PODS, previewHoverForResource, previewHoverMarkdown, renderPreviewText, type StatefulSetPreview } from '../../server/src/service/preview';
import { statefulSetYaml, volumeClaimTemplateYaml } from '../helpers/manifests';
import { rangeOfText, repoRoot, schemas, serviceWithFolders } from '../helpers/service';

/** A fresh service holding the given files (uri suffix -> text). */
function serviceWith(files: Record<string, string>, settings?: unknown) {
  const service = createLanguageService({ schemas });
  if (settings) service.configure(settings);
  for (const [name, text] of Object.entries(files)) service.setDocument(`file:///ws/${name}`, text, 1);
  return service;
}

function only(files: Record<string, string>, settings?: unknown): StatefulSetPreview {
  const model = serviceWith(files, settings).getPreview();
  assert.equal(model.statefulSets.length, 1, JSON.stringify(model.statefulSets.map((s) => s.name)));
  return model.statefulSets[0];
}

interface StsOptions {
  name?: string;
  namespace?: string;
  serviceName?: string;
  spec?: string;
  templates?: string;
}

const sts = (o: StsOptions = {}) =>
  statefulSetYaml({ name: o.name, namespace: o.namespace, serviceName: o.serviceName, specExtra: o.spec, tail: o.templates });

const headless = (name = 'db', namespace?: string, extra = '  clusterIP: None\n') => `apiVersion: v1
kind: Service
metadata:
  name: ${name}
${namespace ? `  namespace: ${namespace}\n` : ''}spec:
${extra}  selector:
    app: db
  ports:
    - name: pg
      port: 5432
    - name: metrics
      port: 9187
      protocol: UDP
    - port: 8080
`;

const names = (sts: StatefulSetPreview) => sts.pods.map((p) => p.name);
const claims = (sts: StatefulSetPreview) => sts.pods.flatMap((p) => p.claims.map((c) => c.name));

test('the postgres example: pods db-0..db-2, claims data-db-0..data-db-2, DNS and SRV names, retention, no problems', () => {
  const { service } = serviceWithFolders('examples/postgres');
  const model = service.getPreview();
  assert.equal(model.clusterDomain, 'cluster.local');
  const db = model.statefulSets.find((s) => s.name === 'db')!;
  assert.equal(db.namespace, 'prod');
  assert.equal(db.namespaceDefaulted, false);
  assert.equal(db.replicas, 3);
  assert.equal(db.ordinalsStart, 0);
  assert.deepEqual(names(db), ['db-0', 'db-1', 'db-2']);
  assert.deepEqual(claims(db), ['data-db-0', 'data-db-1', 'data-db-2']);
  assert.deepEqual(db.pods.map((p) => p.dns), ['db-0.db.prod.svc.cluster.local', 'db-1.db.prod.svc.cluster.local', 'db-2.db.prod.svc.cluster.local']);
  const claim = db.pods[0].claims[0];
  assert.deepEqual([claim.size, claim.accessModes, claim.storageClass, claim.storageClassSource], ['10Gi', ['ReadWriteOnce'], 'fast-ssd', 'explicit']);
  assert.equal(db.podManagementPolicy, 'OrderedReady');
  assert.match(db.podManagementNote, /one at a time \(db-0 first.*reverse order \(db-2 first\)/);
  assert.deepEqual(db.service && { fqdn: db.service.fqdn, found: db.service.found, headless: db.service.headless }, { fqdn: 'db.prod.svc.cluster.local', found: true, headless: true });
  assert.deepEqual(db.service?.ports.map((p) => [p.srv, p.port]), [['_postgres._tcp.db.prod.svc.cluster.local', 5432]]);
  assert.deepEqual([db.retention.whenScaled, db.retention.whenDeleted], ['Delete', 'Retain']);
  assert.match(db.retention.scaleDownNote, /removes db-2 first and deletes its claims \(data-db-2\)/);
  assert.match(db.retention.deleteNote, /keeps every claim \(data-db-0 … data-db-2\)/);
  assert.deepEqual(db.problems, []);

  // Every item carries the source a click should reveal.
  const stsUri = pathToFileURL(join(repoRoot, 'examples/postgres/statefulset.yaml')).href;
  const stsText = readFileSync(join(repoRoot, 'examples/postgres/statefulset.yaml'), 'utf8');
  const svcUri = pathToFileURL(join(repoRoot, 'examples/postgres/service.yaml')).href;
  const svcText = readFileSync(join(repoRoot, 'examples/postgres/service.yaml'), 'utf8');
  assert.deepEqual(db.location, { uri: stsUri, range: rangeIn(stsText, 'name: db', 'db') });
  assert.deepEqual(db.replicasLocation, { uri: stsUri, range: rangeIn(stsText, 'replicas: 3', '3') });
  assert.deepEqual(claim.location, { uri: stsUri, range: rangeIn(stsText, 'metadata:\n        name: data', 'data') });
  assert.deepEqual(db.service?.location, { uri: svcUri, range: rangeIn(svcText, 'name: db', 'db') });
  assert.deepEqual(db.service?.ports[0].location, { uri: svcUri, range: rangeIn(svcText, '- name: postgres', 'postgres') });
  assert.deepEqual(db.retention.location.range, rangeOfText(stsText, 'persistentVolumeClaimRetentionPolicy'));
  assert.deepEqual(db.podManagementLocation.range, rangeOfText(stsText, 'OrderedReady'));
});

/** The range of the last `needle` inside the first occurrence of `anchor`. */
function rangeIn(text: string, anchor: string, needle: string) {
  const at = text.indexOf(anchor);
  assert.ok(at >= 0, `${anchor} not found`);
  const inner = at + anchor.lastIndexOf(needle);
  return rangeOfText(text.slice(0, inner) + '\u0000'.repeat(needle.length) + text.slice(inner + needle.length), '\u0000'.repeat(needle.length));
}

test('ordinals.start shifts every pod, claim and DNS name', () => {
  const db = only({
    'sts.yaml': sts({ namespace: 'prod', spec: '  replicas: 3\n  ordinals:\n    start: 1\n', templates: `  volumeClaimTemplates:\n${volumeClaimTemplateYaml('data')}` }),
    'svc.yaml': headless('db', 'prod'),
  });
  assert.equal(db.ordinalsStart, 1);
  assert.deepEqual(names(db), ['db-1', 'db-2', 'db-3']);
  assert.deepEqual(db.pods.map((p) => p.ordinal), [1, 2, 3]);
  assert.deepEqual(claims(db), ['data-db-1', 'data-db-2', 'data-db-3']);
  assert.equal(db.pods[0].dns, 'db-1.db.prod.svc.cluster.local');
  assert.match(db.retention.scaleDownNote, /removes db-3 first/);
});

test('replicas: 0 gives no pods; absent replicas default to one pod', () => {
  const zero = only({ 'sts.yaml': sts({ spec: '  replicas: 0\n' }) });
  assert.equal(zero.replicas, 0);
  assert.equal(zero.replicasDefaulted, false);
  assert.deepEqual(zero.pods, []);
  assert.equal(zero.omittedPods, 0);

  const absent = only({ 'sts.yaml': sts() });
  assert.equal(absent.replicas, 1);
  assert.equal(absent.replicasDefaulted, true);
  assert.deepEqual(names(absent), ['db-0']);
  // With no replicas key, a click on the pods goes to the StatefulSet's name.
  assert.deepEqual(absent.replicasLocation, absent.location);
});

test('replicas that is not a non-negative integer gives no pods and says so', () => {
  for (const value of ['1e300', '4294967296', '2.5', '"3"']) {
    assert.equal(only({ 'sts.yaml': sts({ spec: `  replicas: ${value}\n` }) }).replicas, null, value);
  }
  const bad = only({ 'sts.yaml': sts({ spec: '  replicas: -2\n' }) });
  assert.equal(bad.replicas, null);
  assert.deepEqual(bad.pods, []);
  assert.match(renderPreviewText({ clusterDomain: 'cluster.local', statefulSets: [bad] }), /replicas: invalid/);
});

test('several claim templates: one claim per template per pod, in template order, each with its own details', () => {
  const db = only({
    'sts.yaml': sts({
      spec: '  replicas: 2\n',
      templates: `  volumeClaimTemplates:\n${volumeClaimTemplateYaml('data', '        storageClassName: fast\n')}${volumeClaimTemplateYaml('wal', '        storageClassName: ""\n')}`,
    }),
  });
  assert.deepEqual(db.claimTemplates.map((t) => t.template), ['data', 'wal']);
  assert.deepEqual(db.pods.map((p) => p.claims.map((c) => c.name)), [['data-db-0', 'wal-db-0'], ['data-db-1', 'wal-db-1']]);
  assert.deepEqual(db.pods[1].claims.map((c) => [c.storageClass, c.storageClassSource]), [['fast', 'explicit'], [undefined, 'none']]);
  assert.match(db.retention.deleteNote, /keeps every claim \(data-db-0, wal-db-0 … data-db-1, wal-db-1\)/);
});

test('namespace defaults to the defaultNamespace setting, and DNS names use it', () => {
  const plain = only({ 'sts.yaml': sts(), 'svc.yaml': headless() });
  assert.equal(plain.namespace, 'default');
  assert.equal(plain.namespaceDefaulted, true);
  assert.equal(plain.pods[0].dns, 'db-0.db.default.svc.cluster.local');
  assert.equal(plain.service?.found, true);
  assert.deepEqual(plain.problems, []);

  const team = only({ 'sts.yaml': sts(), 'svc.yaml': headless() }, { defaultNamespace: 'team', clusterDomain: 'corp.example' });
  assert.equal(team.namespace, 'team');
  assert.equal(team.pods[0].dns, 'db-0.db.team.svc.corp.example');
  assert.equal(team.service?.fqdn, 'db.team.svc.corp.example');
  assert.deepEqual(team.service?.ports.map((p) => p.srv), ['_pg._tcp.db.team.svc.corp.example', '_metrics._udp.db.team.svc.corp.example']);
});

test('a Service of that name in another namespace is not the governing Service: sts-service-missing, same as the diagnostic', () => {
  const stsText = sts({ namespace: 'prod' });
  const service = serviceWith({ 'sts.yaml': stsText, 'svc.yaml': headless('db', 'staging') });
  const [db] = service.getPreview().statefulSets;
  assert.equal(db.service?.found, false);
  assert.equal(db.service?.fqdn, 'db.prod.svc.cluster.local');
  assert.equal(db.pods[0].dns, 'db-0.db.prod.svc.cluster.local');
  assert.equal(db.problems.length, 1);
  const [problem] = db.problems;
  assert.equal(problem.rule, 'sts-service-missing');
  assert.match(problem.message, /namespace prod.*exists in namespace staging/);
  assert.equal(problem.uri, 'file:///ws/sts.yaml');
  assert.deepEqual(problem.range, rangeOfText(stsText, 'db', 1));
  // The problem is the diagnostic the editor shows.
  const diagnostic = service.getDiagnostics('file:///ws/sts.yaml').find((d) => d.code === 'sts-service-missing');
  assert.deepEqual(diagnostic && [diagnostic.message, diagnostic.range, diagnostic.severity], [problem.message, problem.range, problem.severity]);
});

test('a Service that is not headless is an identity problem at serviceName', () => {
  const stsText = sts();
  const [db] = serviceWith({ 'sts.yaml': stsText, 'svc.yaml': headless('db', undefined, '  type: ClusterIP\n') }).getPreview().statefulSets;
  assert.equal(db.service?.found, true);
  assert.equal(db.service?.headless, false);
  assert.deepEqual(db.problems.map((p) => [p.rule, p.range]), [['sts-service-not-headless', rangeOfText(stsText, 'db', 1)]]);
});

test('a selector that does not select the template labels is sts-selector-mismatch at the selector key', () => {
  const stsText = sts().replace('    matchLabels:\n      app: db', '    matchLabels:\n      app: postgres');
  const [db] = serviceWith({ 'sts.yaml': stsText, 'svc.yaml': headless() }).getPreview().statefulSets;
  assert.deepEqual(db.problems.map((p) => p.rule), ['sts-selector-mismatch']);
  assert.equal(db.problems[0].range.start.line, rangeOfText(stsText, 'app: postgres').start.line);
  assert.match(db.problems[0].message, /app.*postgres/);

  const expression = sts().replace('    matchLabels:\n      app: db', '    matchExpressions:\n      - key: tier\n        operator: Exists');
  const [other] = serviceWith({ 'sts.yaml': expression, 'svc.yaml': headless() }).getPreview().statefulSets;
  assert.deepEqual(other.problems.map((p) => p.rule), ['sts-selector-mismatch']);
});

test('identity problems follow the rule settings and suppression comments, like the diagnostics', () => {
  const files = { 'sts.yaml': sts({ serviceName: 'nothere' }), 'svc.yaml': headless() };
  assert.deepEqual(only(files).problems.map((p) => p.rule), ['sts-service-missing']);
  assert.deepEqual(only(files, { rules: { 'sts-service-missing': 'off' } }).problems, []);
  assert.equal(only(files, { rules: { 'sts-service-missing': 'warning' } }).problems[0].severity, 2);
  const suppressed = { ...files, 'sts.yaml': sts({ serviceName: 'nothere' }).replace('  serviceName:', '  # k8s-stateful-disable-next-line sts-service-missing\n  serviceName:') };
  assert.deepEqual(only(suppressed).problems, []);
});

test("claims without a class get the workspace's default StorageClass, else the cluster default", () => {
  const files = { 'sts.yaml': sts({ templates: `  volumeClaimTemplates:\n${volumeClaimTemplateYaml('data')}` }) };
  const none = only(files).pods[0].claims[0];
  assert.deepEqual([none.storageClass, none.storageClassSource, none.storageClassLabel], [undefined, 'cluster-default', 'cluster default']);

  const plainClass = 'apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: slow\nprovisioner: x\n';
  const defaultClass = 'apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: fast-ssd\n  annotations:\n    storageclass.kubernetes.io/is-default-class: "true"\nprovisioner: x\n';
  const withDefault = only({ ...files, 'slow.yaml': plainClass, 'fast.yaml': defaultClass }).pods[0].claims[0];
  assert.deepEqual([withDefault.storageClass, withDefault.storageClassSource, withDefault.storageClassLabel], ['fast-ssd', 'workspace-default', 'fast-ssd (workspace default)']);

  const notDefault = only({ ...files, 'slow.yaml': plainClass }).pods[0].claims[0];
  assert.equal(notDefault.storageClassSource, 'cluster-default');
});

test('retention defaults to Retain for both, and Parallel pods start and stop at once', () => {
  const db = only({ 'sts.yaml': sts({ spec: '  replicas: 2\n  podManagementPolicy: Parallel\n', templates: `  volumeClaimTemplates:\n${volumeClaimTemplateYaml('data')}` }) });
  assert.deepEqual([db.retention.whenScaled, db.retention.whenScaledDefaulted, db.retention.whenDeleted, db.retention.whenDeletedDefaulted], ['Retain', true, 'Retain', true]);
  assert.match(db.retention.scaleDownNote, /removes db-1 first; its claims \(data-db-1\) are kept/);
  assert.match(db.podManagementNote, /^Parallel: all pods start at once and stop at once/);
  const deleting = only({ 'sts.yaml': sts({ spec: '  persistentVolumeClaimRetentionPolicy:\n    whenDeleted: Delete\n', templates: `  volumeClaimTemplates:\n${volumeClaimTemplateYaml('data')}` }) });
  assert.deepEqual([deleting.retention.whenDeleted, deleting.retention.whenScaled], ['Delete', 'Retain']);
  assert.match(deleting.retention.deleteNote, /deletes its claims \(data-db-0\)/);
});

test('large replica counts list the first and last pods only, with the count of the rest', () => {
  const db = only({ 'sts.yaml': sts({ spec: '  replicas: 100000\n' }) });
  assert.equal(DEFAULT_MAX_LISTED_PODS, 20);
  assert.equal(db.pods.length, 20);
  assert.equal(db.omittedPods, 99_980);
  assert.equal(db.pods[9].name, 'db-9');
  assert.equal(db.pods[10].name, 'db-99990');
  assert.equal(db.pods[19].name, 'db-99999');
  const more = serviceWith({ 'sts.yaml': sts({ spec: '  replicas: 100000\n' }) }).getPreview({ maxListedPods: 7 }).statefulSets[0];
  assert.deepEqual(names(more), ['db-0', 'db-1', 'db-2', 'db-3', 'db-99997', 'db-99998', 'db-99999']);
  const text = renderPreviewText({ clusterDomain: 'cluster.local', statefulSets: [db] });
  assert.match(text, /dns: db-2\..*\n {4}… 99995 more …\n {4}db-99998\n/);
});

test("the active file's StatefulSets come first, then the others by file", () => {
  const service = serviceWith({ 'a.yaml': sts({ name: 'alpha' }), 'b.yaml': `${sts({ name: 'beta' })}---\n${sts({ name: 'gamma' })}`, 'c.yaml': sts({ name: 'delta' }) });
  assert.deepEqual(service.getPreview().statefulSets.map((s) => s.name), ['alpha', 'beta', 'gamma', 'delta']);
  assert.deepEqual(service.getPreview({ activeUri: 'file:///ws/b.yaml' }).statefulSets.map((s) => s.name), ['beta', 'gamma', 'alpha', 'delta']);
});

test('no serviceName: no DNS names and no Service; the text rendering says why', () => {
  const db = only({ 'sts.yaml': sts().replace('  serviceName: db\n', '') });
  assert.equal(db.serviceName, undefined);
  assert.equal(db.service, undefined);
  assert.equal(db.pods[0].dns, undefined);
  assert.match(renderPreviewText({ clusterDomain: 'cluster.local', statefulSets: [db] }), /no serviceName: pods get no per-pod DNS names/);
});

test('an empty workspace renders as "No StatefulSet found."', () => {
  assert.equal(renderPreviewText(serviceWith({ 'svc.yaml': headless() }).getPreview()), 'No StatefulSet found.\n');
});

test('the text rendering and the hover summary name the same things', () => {
  const { service } = serviceWithFolders('examples/postgres');
  const model = service.getPreview();
  const text = renderPreviewText(model, { describeUri: (uri) => uri.slice(uri.lastIndexOf('/') + 1) });
  assert.match(text, /^StatefulSet prod\/db {2}\(statefulset\.yaml:6:9\)\n/);
  for (const name of ['db-0', 'db-2', 'data-db-0', 'data-db-2', 'db-0.db.prod.svc.cluster.local', 'db.prod.svc.cluster.local', '_postgres._tcp.db.prod.svc.cluster.local']) {
    assert.ok(text.includes(name), `text lacks ${name}:\n${text}`);
  }
  const markdown = previewHoverMarkdown(model.statefulSets[0]);
  assert.match(markdown, /^\*\*StatefulSet `db`\*\* in namespace `prod`: 3 replicas/);
  assert.match(markdown, /\| `db-0` \| `db-0\.db\.prod\.svc\.cluster\.local` \| `data-db-0` \|/);
  assert.match(markdown, /SRV `_postgres\._tcp\.db\.prod\.svc\.cluster\.local`/);
  assert.match(markdown, /On scale-down \(`whenScaled: Delete`\)/);
});

test('a StatefulSet inside a Helm template is not previewed', () => {
  const service = serviceWith({ 'tpl.yaml': sts().replace('name: db', 'name: {{ .Release.Name }}') });
  assert.deepEqual(service.getPreview().statefulSets, []);
});

test('previewHoverForResource gives the summary for a StatefulSet and nothing for other kinds', () => {
  const { service } = serviceWithFolders('examples/postgres');
  const env = { ...service, settings: service.settings() };
  const resources = service.documents.uris().flatMap((uri) => service.documents.parsed(uri)!.documents.flatMap((d) => (d.resource ? [d.resource] : [])));
  const db = resources.find((r) => r.kind === 'StatefulSet')!;
  assert.match(previewHoverForResource(env, db) ?? '', /^\*\*StatefulSet `db`\*\*/);
  assert.equal(previewHoverForResource(env, resources.find((r) => r.kind === 'Service')!), undefined);
});

test("the hover on a StatefulSet's metadata.name shows the preview summary above the field docs", () => {
  const { service } = serviceWithFolders('examples/postgres');
  const uri = pathToFileURL(join(repoRoot, 'examples/postgres/statefulset.yaml')).href;
  const text = readFileSync(join(repoRoot, 'examples/postgres/statefulset.yaml'), 'utf8');
  const onName = service.getHover(uri, rangeIn(text, 'name: db', 'db').start);
  const value = (onName?.contents as { value: string }).value;
  assert.match(value, /^\*\*StatefulSet `db`\*\* in namespace `prod`: 3 replicas/);
  assert.match(value, /`data-db-2`/);
  assert.match(value, /\n---\n/);
  // Elsewhere, the usual field hover without the summary.
  const onNamespace = service.getHover(uri, rangeIn(text, 'namespace: prod', 'prod').start);
  assert.doesNotMatch((onNamespace?.contents as { value: string }).value, /StatefulSet `db`/);
});
