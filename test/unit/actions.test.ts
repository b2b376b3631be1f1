// Quick fixes and refactors through the real language service: each fix is applied to the text,
// the result must parse as YAML without errors, keep every comment, and clear its diagnostic.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseAllDocuments } from 'yaml';
import type { CodeAction, Range } from 'vscode-languageserver-types';
import { createLanguageService, type LanguageService } from '../../server/src/service';
import { ruleById } from '../../server/src/service/rules/catalogue';
import type { Diagnostic } from '../../server/src/service/types';
import { applyWorkspaceEdit } from '../helpers/edits';
import { rangeOfText, repoRoot, schemas, summarize } from '../helpers/service';

type Files = Record<string, string>;

function workspace(files: Files): { service: LanguageService; uri: (name: string) => string } {
  const service = createLanguageService({ schemas });
  const uri = (name: string) => `file:///ws/${name}`;
  for (const [name, text] of Object.entries(files)) service.setDocument(uri(name), text, 1);
  return { service, uri };
}

function textOf(service: LanguageService, uri: string): string {
  return service.documents.parsed(uri)!.text;
}

function comments(text: string): string[] {
  return text.split(/\r?\n/).map((l) => /(?:^|\s)(#.*)$/.exec(l)?.[1]).filter((c): c is string => !!c);
}

function assertValidYaml(text: string, label: string): void {
  const docs = parseAllDocuments(text, { version: '1.1' });
  const errors = (Array.isArray(docs) ? docs : []).flatMap((d) => d.errors.map((e) => e.message));
  assert.deepEqual(errors, [], `${label} is not valid YAML after the fix:\n${text}`);
}

/** The service's diagnostic with this code, or (when the rule is not in the catalogue yet) the given stand-in. */
function diagnosticWithCode(service: LanguageService, uri: string, code: string, standIn?: Omit<Diagnostic, 'code'>): { diagnostic: Diagnostic; fromRule: boolean } {
  const found = service.getDiagnostics(uri).find((d) => d.code === code);
  if (found) return { diagnostic: found, fromRule: true };
  // Once the rule is in the catalogue, its own diagnostic is required.
  assert.ok(standIn && !ruleById(code), `no ${code} diagnostic:\n${summarize(service.getDiagnostics(uri))}`);
  return { diagnostic: { ...standIn, code }, fromRule: false };
}

interface Applied {
  action: CodeAction;
  actions: CodeAction[];
  texts: Map<string, string>;
}

/** Requests quick fixes for a diagnostic, applies the chosen one, checks YAML and comments, updates the service. */
function applyFix(service: LanguageService, uri: string, diagnostic: Diagnostic, title?: RegExp): Applied {
  const actions = service.getCodeActions(uri, diagnostic.range, [diagnostic], ['quickfix']);
  const action = title ? actions.find((a) => title.test(a.title)) : actions[0];
  assert.ok(action?.edit, `no fix${title ? ` matching ${title}` : ''} for ${diagnostic.code}; got ${actions.map((a) => a.title).join(', ') || 'none'}`);
  assert.equal(action.kind, 'quickfix');
  const texts = applyWorkspaceEdit(action.edit, (u) => textOf(service, u));
  for (const [u, text] of texts) {
    const before = textOf(service, u);
    assertValidYaml(text, u);
    for (const comment of comments(before)) assert.ok(text.includes(comment), `comment lost in ${u}: ${comment}\n${text}`);
    service.setDocument(u, text, 2);
  }
  return { action, actions, texts };
}

function codes(service: LanguageService, uri: string): string[] {
  return service.getDiagnostics(uri).map((d) => String(d.code));
}

const STATEFULSET = `# The database. Comments must survive every fix.
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db # inline comment
  namespace: prod
spec:
  serviceName: db-headless # governing Service
  replicas: 3
  selector:
    matchLabels:
      app: db
  template:
    metadata:
      labels:
        app: db
        tier: data
    spec:
      containers:
        - name: postgres # the only container
          image: postgres:16
          ports:
            - name: postgres
              containerPort: 5432
            - containerPort: 9187
          volumeMounts:
            - name: data
              mountPath: /var/lib/postgresql/data
  volumeClaimTemplates:
    - metadata:
        name: data
      spec:
        accessModes: ["ReadWriteOnce"]
        resources:
          requests:
            storage: 1Gi
# trailing comment
`;

test('sts-service-missing: the headless Service fix appends a Service that clears the diagnostic', () => {
  const { service, uri } = workspace({ 'sts.yaml': STATEFULSET });
  const { diagnostic } = diagnosticWithCode(service, uri('sts.yaml'), 'sts-service-missing');
  const { action, texts } = applyFix(service, uri('sts.yaml'), diagnostic);
  assert.equal(action.title, 'Create headless Service "db-headless"');
  assert.equal(action.isPreferred, true);
  const text = texts.get(uri('sts.yaml'))!;
  assert.ok(text.startsWith(STATEFULSET), 'the StatefulSet text is untouched');
  const service_ = parseAllDocuments(text, { version: '1.1' }) as ReturnType<typeof parseAllDocuments> & unknown[];
  const svc = (service_ as Array<{ toJS(): any }>)[1].toJS();
  assert.deepEqual(svc, {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'db-headless', namespace: 'prod', labels: { app: 'db', tier: 'data' } },
    spec: {
      clusterIP: 'None',
      selector: { app: 'db', tier: 'data' },
      ports: [
        { name: 'postgres', port: 5432, targetPort: 'postgres' },
        { name: 'port-2', port: 9187, targetPort: 9187 },
      ],
    },
  });
  const after = service.getDiagnostics(uri('sts.yaml'));
  for (const code of ['sts-service-missing', 'sts-service-not-headless', 'sts-service-selector-mismatch', 'schema']) {
    assert.ok(!after.some((d) => d.code === code), `${code} after the fix:\n${summarize(after)}`);
  }
});

test('sts-service-missing: the new document follows CRLF line endings and 4-space indentation', () => {
  const fourSpaces = [
    '# four-space indentation, CRLF',
    'apiVersion: apps/v1',
    'kind: StatefulSet',
    'metadata:',
    '    name: db',
    'spec:',
    '    serviceName: db-headless',
    '    selector:',
    '        matchLabels:',
    '            app: db',
    '    template:',
    '        metadata:',
    '            labels:',
    '                app: db',
    '        spec:',
    '            containers:',
    '                - name: postgres',
    '                  image: postgres:16',
    '',
  ].join('\r\n');
  const { service, uri } = workspace({ 'sts.yaml': fourSpaces });
  const { diagnostic } = diagnosticWithCode(service, uri('sts.yaml'), 'sts-service-missing');
  const { texts } = applyFix(service, uri('sts.yaml'), diagnostic);
  const text = texts.get(uri('sts.yaml'))!;
  assert.ok(!/[^\r]\n/.test(text), 'every line break is CRLF');
  assert.match(text, /\r\nspec:\r\n    clusterIP: None\r\n    selector:\r\n        app: db\r\n$/);
  assert.ok(!codes(service, uri('sts.yaml')).includes('sts-service-missing'));
});

test('sts-service-missing: with several documents the Service goes right after the StatefulSet', () => {
  const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: other\n  namespace: prod\ndata:\n  a: b\n';
  const { service, uri } = workspace({ 'all.yaml': `${STATEFULSET}---\n${cm}` });
  const { diagnostic } = diagnosticWithCode(service, uri('all.yaml'), 'sts-service-missing');
  const { texts } = applyFix(service, uri('all.yaml'), diagnostic);
  const kinds = (parseAllDocuments(texts.get(uri('all.yaml'))!) as Array<{ toJS(): any }>).map((d) => d.toJS().kind);
  assert.deepEqual(kinds, ['StatefulSet', 'Service', 'ConfigMap']);
  assert.ok(!codes(service, uri('all.yaml')).includes('sts-service-missing'));
});

test('sts-service-not-headless: the fix edits the Service in its own file', () => {
  const svc = `apiVersion: v1
kind: Service
metadata:
  name: db-headless
  namespace: prod
spec:
  # routed through a virtual IP today
  type: NodePort
  selector:
    app: db
  ports:
    - port: 5432 # postgres
      nodePort: 30432
`;
  const { service, uri } = workspace({ 'sts.yaml': STATEFULSET, 'svc.yaml': svc });
  const { diagnostic } = diagnosticWithCode(service, uri('sts.yaml'), 'sts-service-not-headless');
  const { action, texts } = applyFix(service, uri('sts.yaml'), diagnostic);
  assert.deepEqual([...texts.keys()], [uri('svc.yaml')]);
  assert.match(action.title, /headless/);
  const fixed = texts.get(uri('svc.yaml'))!;
  assert.match(fixed, /spec:\n  # routed through a virtual IP today\n  clusterIP: None\n  type: ClusterIP\n/);
  assert.ok(!fixed.includes('nodePort'));
  assert.ok(!codes(service, uri('sts.yaml')).includes('sts-service-not-headless'));
  assert.deepEqual(codes(service, uri('svc.yaml')), []);
});

test('sts-service-not-headless: an explicit clusterIP is replaced in place', () => {
  const svc = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: db-headless\n  namespace: prod\nspec:\n  clusterIP: 10.0.0.12 # fixed IP\n  selector:\n    app: db\n  ports:\n    - port: 5432\n';
  const { service, uri } = workspace({ 'sts.yaml': STATEFULSET, 'svc.yaml': svc });
  const { diagnostic } = diagnosticWithCode(service, uri('sts.yaml'), 'sts-service-not-headless');
  const { texts } = applyFix(service, uri('sts.yaml'), diagnostic);
  assert.equal(texts.get(uri('svc.yaml')), svc.replace('10.0.0.12', 'None'));
});

test('sts-selector-mismatch: template labels are copied into matchLabels', () => {
  const text = STATEFULSET.replace('    matchLabels:\n      app: db\n', '    matchLabels:\n      app: database # old name\n      legacy: "true"\n');
  const { service, uri } = workspace({ 'sts.yaml': text, 'svc.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: db-headless\n  namespace: prod\nspec:\n  clusterIP: None\n  selector:\n    app: db\n' });
  const { diagnostic } = diagnosticWithCode(service, uri('sts.yaml'), 'sts-selector-mismatch');
  const { texts } = applyFix(service, uri('sts.yaml'), diagnostic);
  assert.match(texts.get(uri('sts.yaml'))!, /matchLabels:\n      app: db # old name\n      tier: data\n  template:/);
  assert.ok(!codes(service, uri('sts.yaml')).includes('sts-selector-mismatch'), summarize(service.getDiagnostics(uri('sts.yaml'))));
});

test('deprecated-api-version: apps/v1beta1 becomes apps/v1 with the selector apps/v1 requires', () => {
  const text = readFileSync(join(repoRoot, 'examples/mistakes/removed-api-version.yaml'), 'utf8');
  const { service, uri } = workspace({ 'old.yaml': text });
  const { diagnostic } = diagnosticWithCode(service, uri('old.yaml'), 'deprecated-api-version');
  const { action, texts } = applyFix(service, uri('old.yaml'), diagnostic);
  assert.match(action.title, /apps\/v1/);
  const fixed = texts.get(uri('old.yaml'))!;
  assert.match(fixed, /^apiVersion: apps\/v1$/m);
  assert.match(fixed, /          image: nginx:1.27\n  selector:\n    matchLabels:\n      app: nginx\n$/);
  const after = service.getDiagnostics(uri('old.yaml'));
  assert.ok(!after.some((d) => d.code === 'deprecated-api-version' || d.code === 'schema'), summarize(after));
});

test('quantity-decimal-suffix: 1G becomes 1Gi, quotes kept', () => {
  const pvc = 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\nspec:\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: "1G" # one gig\n';
  const { service, uri } = workspace({ 'pvc.yaml': pvc });
  const { diagnostic, fromRule } = diagnosticWithCode(service, uri('pvc.yaml'), 'quantity-decimal-suffix', { range: rangeOfText(pvc, '"1G"'), message: 'decimal' });
  const { texts } = applyFix(service, uri('pvc.yaml'), diagnostic);
  assert.equal(texts.get(uri('pvc.yaml')), pvc.replace('"1G"', '"1Gi"'));
  if (fromRule) assert.ok(!codes(service, uri('pvc.yaml')).includes('quantity-decimal-suffix'));
});

test('quantity-invalid: each did-you-mean is a quick fix (10GB, 1 Gi, 2gi, 10Gb), quotes kept', () => {
  const cases: Array<[string, string[]]> = [
    ['10GB', ['10Gi', '10G']],
    ['"1 Gi"', ['"1Gi"']],
    ['2gi', ['2Gi']],
    ["'10Gb'", ["'10Gi'", "'10G'"]],
  ];
  for (const [written, expected] of cases) {
    const pvc = `apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\nspec:\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: ${written} # size\n`;
    const { service, uri } = workspace({ 'pvc.yaml': pvc });
    const diagnostic = service.getDiagnostics(uri('pvc.yaml')).find((d) => d.code === 'quantity-invalid');
    assert.ok(diagnostic, `no quantity-invalid for ${written}:\n${summarize(service.getDiagnostics(uri('pvc.yaml')))}`);
    const actions = service.getCodeActions(uri('pvc.yaml'), diagnostic.range, [diagnostic], ['quickfix']);
    assert.deepEqual(actions.map((a) => a.title), expected.map((e) => `Use ${e.replace(/^["']|["']$/g, '')}`), written);
    assert.deepEqual(actions.map((a) => a.isPreferred), expected.map((_, i) => i === 0));
    for (const replacement of expected) {
      const fresh = workspace({ 'pvc.yaml': pvc });
      const found = fresh.service.getDiagnostics(fresh.uri('pvc.yaml')).find((d) => d.code === 'quantity-invalid')!;
      const { texts } = applyFix(fresh.service, fresh.uri('pvc.yaml'), found, new RegExp(`^Use ${replacement.replace(/^["']|["']$/g, '')}$`));
      assert.equal(texts.get(fresh.uri('pvc.yaml')), pvc.replace(written, replacement));
      assert.ok(!codes(fresh.service, fresh.uri('pvc.yaml')).includes('quantity-invalid'), summarize(fresh.service.getDiagnostics(fresh.uri('pvc.yaml'))));
    }
  }
});

test('sts-volume-mount-unknown: a claim template or an emptyDir volume is added', () => {
  const text = STATEFULSET.replace('              mountPath: /var/lib/postgresql/data\n', '              mountPath: /var/lib/postgresql/data\n            - name: logs # app logs\n              mountPath: /var/log\n');
  for (const [title, expected] of [
    [/volumeClaimTemplate "logs"/, /            storage: 1Gi\n    - metadata:\n        name: logs\n      spec:\n        accessModes:\n          - ReadWriteOnce\n/],
    [/emptyDir volume "logs"/, /              mountPath: \/var\/log\n      volumes:\n        - name: logs\n          emptyDir: \{\}\n  volumeClaimTemplates:/],
  ] as const) {
    const { service, uri } = workspace({ 'sts.yaml': text });
    const { diagnostic, fromRule } = diagnosticWithCode(service, uri('sts.yaml'), 'sts-volume-mount-unknown', { range: rangeOfText(text, 'logs'), message: 'unknown mount' });
    const { texts } = applyFix(service, uri('sts.yaml'), diagnostic, title);
    assert.match(texts.get(uri('sts.yaml'))!, expected);
    if (fromRule) assert.ok(!codes(service, uri('sts.yaml')).includes('sts-volume-mount-unknown'), summarize(service.getDiagnostics(uri('sts.yaml'))));
  }
});

const POD_WITH_REFS = `apiVersion: v1
kind: Pod
metadata:
  name: app
spec:
  containers:
    - name: app
      image: busybox
      env:
        - name: MODE
          valueFrom:
            configMapKeyRef:
              name: settings
              key: mode
        - name: TOKEN
          valueFrom:
            secretKeyRef:
              name: creds
              key: token
`;

test('ref-configmap-key-missing / ref-secret-key-missing: the key is added in the other file', () => {
  const cm = '# app settings\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  level: debug # verbose\n';
  const secret = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: creds\ntype: Opaque\ndata:\n  user: YWRtaW4=\n';
  for (const [code, file, expected] of [
    ['ref-configmap-key-missing', 'cm.yaml', cm + '  mode: ""\n'],
    ['ref-secret-key-missing', 'secret.yaml', secret + '  token: ""\n'],
  ] as const) {
    const { service, uri } = workspace({ 'pod.yaml': POD_WITH_REFS, 'cm.yaml': cm, 'secret.yaml': secret });
    const needle = code === 'ref-configmap-key-missing' ? 'mode' : 'token';
    const { diagnostic, fromRule } = diagnosticWithCode(service, uri('pod.yaml'), code, { range: rangeOfText(POD_WITH_REFS, needle), message: 'missing key' });
    const { texts } = applyFix(service, uri('pod.yaml'), diagnostic, /^Add key/);
    assert.equal(texts.get(uri(file)), expected);
    if (fromRule) assert.ok(!codes(service, uri('pod.yaml')).includes(code), summarize(service.getDiagnostics(uri('pod.yaml'))));
  }
});

const SECRET = (body: string) => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: creds\n${body}`;

test('secret-trailing-newline: the value is re-encoded without the newline', () => {
  const text = SECRET('type: Opaque\ndata:\n  # echo password | base64\n  password: cGFzc3dvcmQK\n');
  const { service, uri } = workspace({ 's.yaml': text });
  const { diagnostic, fromRule } = diagnosticWithCode(service, uri('s.yaml'), 'secret-trailing-newline', { range: rangeOfText(text, 'cGFzc3dvcmQK'), message: 'newline' });
  const { texts } = applyFix(service, uri('s.yaml'), diagnostic);
  assert.equal(texts.get(uri('s.yaml')), text.replace('cGFzc3dvcmQK', 'cGFzc3dvcmQ='));
  if (fromRule) assert.ok(!codes(service, uri('s.yaml')).includes('secret-trailing-newline'));
});

test('secret-trailing-newline: a stringData block keeps its text and loses the final newline', () => {
  const text = SECRET('stringData:\n  password: | # typed by hand\n    password\n');
  const { service, uri } = workspace({ 's.yaml': text });
  const diagnostic: Diagnostic = { range: rangeOfText(text, '|'), message: 'newline', code: 'secret-trailing-newline' };
  const { texts } = applyFix(service, uri('s.yaml'), diagnostic);
  assert.equal(texts.get(uri('s.yaml')), text.replace('| #', '|- #'));
});

test('secret-type-keys: a tls Secret gets its missing key', () => {
  const text = SECRET('type: kubernetes.io/tls\ndata:\n  tls.crt: "" # paste the certificate\n');
  const { service, uri } = workspace({ 's.yaml': text });
  const { diagnostic, fromRule } = diagnosticWithCode(service, uri('s.yaml'), 'secret-type-keys', { range: rangeOfText(text, 'kubernetes.io/tls'), message: 'needs tls.key' });
  const { texts } = applyFix(service, uri('s.yaml'), diagnostic);
  assert.equal(texts.get(uri('s.yaml')), text + '  tls.key: ""\n');
  if (fromRule) assert.ok(!codes(service, uri('s.yaml')).includes('secret-type-keys'));
});

test('secret-type-keys: a dockerconfigjson Secret gets a valid empty config', () => {
  const text = SECRET('type: kubernetes.io/dockerconfigjson\n');
  const { service, uri } = workspace({ 's.yaml': text });
  const { diagnostic } = diagnosticWithCode(service, uri('s.yaml'), 'secret-type-keys', { range: rangeOfText(text, 'kubernetes.io/dockerconfigjson'), message: 'needs .dockerconfigjson' });
  const { texts } = applyFix(service, uri('s.yaml'), diagnostic);
  assert.equal(texts.get(uri('s.yaml')), text + 'data:\n  .dockerconfigjson: eyJhdXRocyI6e319\n');
});

test('yaml11-implicit-type: an unquoted yes is quoted (the schema error clears too)', () => {
  const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: flags\ndata:\n  enabled: yes # feature flag\n';
  const { service, uri } = workspace({ 'cm.yaml': text });
  const diagnostics = service.getDiagnostics(uri('cm.yaml'));
  const diagnostic = diagnostics.find((d) => d.code === 'yaml11-implicit-type') ?? diagnostics.find((d) => /quote the value/.test(d.message));
  assert.ok(diagnostic, summarize(diagnostics));
  const { texts } = applyFix(service, uri('cm.yaml'), diagnostic);
  assert.equal(texts.get(uri('cm.yaml')), text.replace('yes #', '"yes" #'));
  assert.deepEqual(codes(service, uri('cm.yaml')), []);
});

test('unknown field with a did-you-mean: the key is renamed', () => {
  const text = readFileSync(join(repoRoot, 'examples/mistakes/statefulset-typos.yaml'), 'utf8');
  const { service, uri } = workspace({ 'typos.yaml': text });
  const diagnostic = service.getDiagnostics(uri('typos.yaml')).find((d) => d.message.startsWith('unknown field "serviceNme"'))!;
  const { action, texts } = applyFix(service, uri('typos.yaml'), diagnostic);
  assert.equal(action.title, 'Rename "serviceNme" to "serviceName"');
  assert.equal(texts.get(uri('typos.yaml')), text.replace('serviceNme', 'serviceName'));
  assert.ok(!service.getDiagnostics(uri('typos.yaml')).some((d) => d.message.includes('serviceNme')));
});

function refactor(service: LanguageService, uri: string, range: Range, kind: string): CodeAction | undefined {
  return service.getCodeActions(uri, range, [], [kind]).find((a) => a.kind === kind);
}

test('refactor: Secret data -> stringData -> data round-trips byte for byte', () => {
  const original = readFileSync(join(repoRoot, 'examples/postgres/secret.yaml'), 'utf8');
  const { service, uri } = workspace({ 'secret.yaml': original });
  const at = rangeOfText(original, 'password:');
  const toStringData = refactor(service, uri('secret.yaml'), at, 'refactor.rewrite.secret.toStringData');
  assert.ok(toStringData?.edit, 'data -> stringData offered');
  const decoded = applyWorkspaceEdit(toStringData.edit, () => original).get(uri('secret.yaml'))!;
  assertValidYaml(decoded, 'decoded');
  assert.match(decoded, /^stringData:\n  # base64 of "password"\n  password: password\n  replication-password: replicator\n$/m);
  service.setDocument(uri('secret.yaml'), decoded, 2);
  assert.deepEqual(codes(service, uri('secret.yaml')), []);
  const toData = refactor(service, uri('secret.yaml'), rangeOfText(decoded, 'stringData'), 'refactor.rewrite.secret.toData');
  assert.ok(toData?.edit, 'stringData -> data offered');
  assert.equal(applyWorkspaceEdit(toData.edit, () => decoded).get(uri('secret.yaml')), original);
});

test('refactor: values that need quoting or a block survive the round trip', () => {
  const values = ['yes', '0777', 'a: b', ' leading space', 'two\nlines\n', 'no newline\nat end', 'üñí ✓', '', '# not a comment'];
  const body = values.map((v, i) => `  k${i}: ${Buffer.from(v).toString('base64')} # note ${i}`).join('\n');
  const original = SECRET(`data:\n${body}\n`);
  const { service, uri } = workspace({ 's.yaml': original });
  const toStringData = refactor(service, uri('s.yaml'), rangeOfText(original, 'k0'), 'refactor.rewrite.secret.toStringData')!;
  const decoded = applyWorkspaceEdit(toStringData.edit!, () => original).get(uri('s.yaml'))!;
  assertValidYaml(decoded, 'decoded');
  const parsed = (parseAllDocuments(decoded, { version: '1.1' }) as Array<{ toJS(): any }>)[0].toJS();
  assert.deepEqual(Object.values(parsed.stringData), values);
  for (let i = 0; i < values.length; i++) assert.ok(decoded.includes(`# note ${i}`), `comment ${i} kept:\n${decoded}`);
  service.setDocument(uri('s.yaml'), decoded, 2);
  const toData = refactor(service, uri('s.yaml'), rangeOfText(decoded, 'k0'), 'refactor.rewrite.secret.toData')!;
  const encoded = applyWorkspaceEdit(toData.edit!, () => decoded).get(uri('s.yaml'))!;
  const back = (parseAllDocuments(encoded, { version: '1.1' }) as Array<{ toJS(): any }>)[0].toJS();
  assert.deepEqual(Object.values(back.data).map((v) => Buffer.from(String(v), 'base64').toString()), values);
});

test('refactor: binary or invalid values disable the conversion with a reason', () => {
  const text = SECRET(`data:\n  key: ${Buffer.from([0, 1, 2, 255]).toString('base64')}\n`);
  const { service, uri } = workspace({ 's.yaml': text });
  const action = refactor(service, uri('s.yaml'), rangeOfText(text, 'key'), 'refactor.rewrite.secret.toStringData');
  assert.equal(action?.disabled?.reason, 'the value of key is binary, which stringData cannot hold');
  assert.equal(action?.edit, undefined);
});

test('refactor: one entry moves between data and stringData, decoded or encoded', () => {
  const text = SECRET('data:\n  # the admin user\n  user: YWRtaW4=\n  password: cGFzc3dvcmQ=\n');
  const { service, uri } = workspace({ 's.yaml': text });
  const decode = refactor(service, uri('s.yaml'), rangeOfText(text, 'cGFzc3dvcmQ='), 'refactor.rewrite.secret.decodeEntry')!;
  assert.equal(decode.title, 'Decode "password" into stringData');
  const moved = applyWorkspaceEdit(decode.edit!, () => text).get(uri('s.yaml'))!;
  assert.equal(moved, SECRET('stringData:\n  password: password\ndata:\n  # the admin user\n  user: YWRtaW4=\n'));
  service.setDocument(uri('s.yaml'), moved, 2);
  assert.deepEqual(codes(service, uri('s.yaml')), []);
  const encode = refactor(service, uri('s.yaml'), rangeOfText(moved, 'password: password'), 'refactor.rewrite.secret.encodeEntry')!;
  assert.equal(applyWorkspaceEdit(encode.edit!, () => moved).get(uri('s.yaml')), SECRET('data:\n  # the admin user\n  user: YWRtaW4=\n  password: cGFzc3dvcmQ=\n'));
});

test('no actions in files that are not Kubernetes', () => {
  const { service, uri } = workspace({ 'ci.yaml': 'on: push\njobs: {}\n' });
  assert.deepEqual(service.getCodeActions(uri('ci.yaml'), { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, []), []);
});

test('sts-service-selector-mismatch: the Service selector becomes the pod template labels', () => {
  const svc = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: db-headless\n  namespace: prod\nspec:\n  clusterIP: None\n  selector:\n    app: database # renamed since\n  ports:\n    - port: 5432\n';
  const { service, uri } = workspace({ 'sts.yaml': STATEFULSET, 'svc.yaml': svc });
  const { diagnostic } = diagnosticWithCode(service, uri('sts.yaml'), 'sts-service-selector-mismatch');
  const { texts } = applyFix(service, uri('sts.yaml'), diagnostic);
  assert.equal(texts.get(uri('svc.yaml')), svc.replace('app: database # renamed since\n', 'app: db # renamed since\n    tier: data\n'));
  assert.ok(!codes(service, uri('sts.yaml')).includes('sts-service-selector-mismatch'), summarize(service.getDiagnostics(uri('sts.yaml'))));
});
