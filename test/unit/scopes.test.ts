// The scope model (docs/scopes.md) through the real service: which files a file's findings are
// judged against. A monorepo of independent apps, one app over a few folders, dev/prod copies,
// Kustomize base/overlays with generated names, explicit scopes; duplicates; Lists; placeholders.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { createLanguageService } from '../../server/src/service';
import { repoRoot, schemas, summarize } from '../helpers/service';

function workspace(files: Record<string, string>, settings?: unknown) {
  const service = createLanguageService({ schemas });
  if (settings) service.configure(settings);
  for (const [name, text] of Object.entries(files)) service.setDocument(`file:///repo/${name}`, text, 1);
  return (name: string, code?: string) => service.getDiagnostics(`file:///repo/${name}`).filter((d) => !code || d.code === code);
}

const secret = (name: string, keys: string[]) =>
  `apiVersion: v1\nkind: Secret\nmetadata:\n  name: ${name}\ntype: Opaque\nstringData:\n${keys.map((k) => `  ${k}: x\n`).join('')}`;
const configMap = (name: string, keys: string[]) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n${keys.map((k) => `  ${k}: x\n`).join('')}`;
const pod = (name: string, refs: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  containers:\n    - name: app\n      image: app:1\n      env:\n${refs}`;
const secretRef = (name: string, key: string) => `        - name: V_${key.toUpperCase()}\n          valueFrom:\n            secretKeyRef:\n              name: ${name}\n              key: ${key}\n`;
const configMapRef = (name: string, key: string) => `        - name: C_${key.toUpperCase()}\n          valueFrom:\n            configMapKeyRef:\n              name: ${name}\n              key: ${key}\n`;
const sts = (name: string, serviceName: string, selector = `app: ${name}`) =>
  `apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: ${name}\nspec:\n  serviceName: ${serviceName}\n  replicas: 1\n  selector:\n    matchLabels:\n      ${selector}\n  template:\n    metadata:\n      labels:\n        ${selector}\n    spec:\n      containers:\n        - name: db\n          image: db:1\n`;
const headless = (name: string, selector: string) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\nspec:\n  clusterIP: None\n  selector:\n    ${selector}\n  ports:\n    - port: 5432\n`;

const problems = (diagnostics: { severity?: number }[]) => diagnostics.filter((d) => (d.severity ?? 1) <= 2);

test('monorepo of independent apps: one app\'s Secret never judges another app\'s reference', () => {
  const check = workspace({
    // The tutorial makes its Secret with `kubectl create secret` (README); another app defines a Secret "db" with other keys.
    'examples/tutorial/app.yaml': pod('tutorial', secretRef('db', 'password')),
    'examples/shop/db-secret.yaml': secret('db', ['user']),
    'examples/shop/app.yaml': pod('shop', secretRef('db', 'user')),
    'examples/blog/app.yaml': pod('blog', ''),
    'examples/chat/app.yaml': pod('chat', ''),
    'examples/wiki/app.yaml': pod('wiki', ''),
    // Not Kubernetes: does not make examples/ look like a collection.
    'examples/notes/values.yaml': 'replicaCount: 1\n',
  });
  const tutorial = check('examples/tutorial/app.yaml');
  assert.deepEqual(problems(tutorial), [], summarize(tutorial));
  // What it does get is a hint: the reference resolves to nothing in its scope.
  assert.deepEqual(tutorial.map((d) => `${d.code} ${d.severity}`), ['ref-secret-missing 4']);
  assert.deepEqual(check('examples/shop/app.yaml'), []);
});

test('monorepo: two apps both defining Secret "db" with different keys are each judged against their own', () => {
  const check = workspace({
    'a/secret.yaml': secret('db', ['password']),
    'a/app.yaml': pod('a', secretRef('db', 'password')),
    'b/secret.yaml': secret('db', ['token']),
    'b/app.yaml': pod('b', secretRef('db', 'token') + secretRef('db', 'password')),
  });
  assert.deepEqual(check('a/app.yaml'), []);
  const b = check('b/app.yaml');
  assert.deepEqual(b.map((d) => d.message), ['key "password" not found in Secret "db" (namespace default); it has "token"']);
  assert.equal(b[0].severity, 1, 'a key missing from the Secret its own app defines: the container cannot start');
});

test('one app split over a few folders: references resolve across its sibling folders', () => {
  const check = workspace({
    'app/config/settings.yaml': configMap('settings', ['mode']),
    'app/db/statefulset.yaml': sts('db', 'db'),
    'app/db/service.yaml': headless('db', 'app: db'),
    'app/web/pod.yaml': pod('web', configMapRef('settings', 'mode') + configMapRef('settings', 'mdoe')),
    'app/jobs/job.yaml': pod('job', ''),
  });
  const web = check('app/web/pod.yaml');
  assert.deepEqual(web.map((d) => d.message), ['key "mdoe" not found in ConfigMap "settings" (namespace default) — did you mean "mode"?']);
  assert.deepEqual(check('app/db/statefulset.yaml'), []);
});

test('dev/prod copies: a typo in prod is reported in prod only, and each copy resolves to its own objects', () => {
  const files = {
    'envs/dev/statefulset.yaml': sts('db', 'db'),
    'envs/dev/service.yaml': headless('db', 'app: db'),
    'envs/prod/statefulset.yaml': sts('db', 'db'),
    'envs/prod/service.yaml': headless('db', 'app: dbb'),
  };
  const check = workspace(files);
  assert.deepEqual(check('envs/dev/statefulset.yaml'), []);
  const prod = check('envs/prod/statefulset.yaml');
  assert.deepEqual(prod.map((d) => d.code), ['sts-service-selector-mismatch'], summarize(prod));
  // The same object in two folders is two applications, not a duplicate.
  assert.deepEqual(check('envs/dev/service.yaml', 'duplicate-resource'), []);
  assert.deepEqual(check('envs/prod/service.yaml', 'duplicate-resource'), []);
});

test('Kustomize base and overlays: each overlay is its own application, with the base; generated names resolve', () => {
  const check = workspace({
    'base/kustomization.yaml': 'resources:\n  - app.yaml\nconfigMapGenerator:\n  - name: app-env\n    literals:\n      - MODE=prod\n',
    'base/app.yaml': pod('app', configMapRef('app-env', 'MODE') + configMapRef('app-env', 'MDOE')),
    'overlays/dev/kustomization.yaml': 'resources:\n  - ../../base\n  - extra.yaml\nnamePrefix: dev-\nsecretGenerator:\n  - name: creds\n    envs:\n      - creds.env\n',
    'overlays/dev/extra.yaml': pod('extra', secretRef('creds', 'anything') + configMapRef('app-env', 'MODE')),
    'overlays/prod/kustomization.yaml': 'resources:\n  - ../../base\n  - extra.yaml\n',
    'overlays/prod/extra.yaml': pod('extra', secretRef('creds', 'token')),
    // Outside every kustomization, and not Kustomize's business.
    'other/app.yaml': pod('other', configMapRef('app-env', 'MODE')),
  });
  const base = check('base/app.yaml');
  assert.deepEqual(base.map((d) => d.message), ['key "MDOE" not found in ConfigMap "app-env" (namespace default) — did you mean "MODE"?'], summarize(base));
  // dev: the generator's keys come from an env file the service cannot read: any key may exist.
  assert.deepEqual(check('overlays/dev/extra.yaml'), []);
  // prod has no secretGenerator: dev's generated Secret is another application's.
  assert.deepEqual(check('overlays/prod/extra.yaml').map((d) => `${d.code} ${d.severity}`), ['ref-secret-missing 4']);
  assert.deepEqual(check('other/app.yaml').map((d) => `${d.code} ${d.severity}`), ['ref-configmap-missing 4']);
});

test('Kustomize namespace: a generated object resolves for referrers without metadata.namespace, a near miss of its name is a likely typo', () => {
  const check = workspace({
    'app/kustomization.yaml': 'namespace: shop\nresources:\n  - app.yaml\nconfigMapGenerator:\n  - name: app-settings\n    namespace: ignored\n    literals:\n      - MODE=prod\n',
    'app/app.yaml': pod('app', configMapRef('app-settings', 'MODE') + configMapRef('app-setings', 'MODE') + configMapRef('app-settings', 'MDOE')),
  });
  const found = check('app/app.yaml');
  assert.deepEqual(
    found.map((d) => `${d.code} ${d.severity} ${d.message.split(' — ')[1]?.split(';')[0] ?? ''}`),
    ['ref-configmap-missing 2 did you mean "app-settings"?', 'ref-configmap-key-missing 1 did you mean "MODE"?'],
    summarize(found),
  );
});

test('explicit scopes (.k8s-stateful.yaml `scopes`, passed as settings) override folders', () => {
  const files = {
    'apps/shop/app.yaml': pod('shop', secretRef('db', 'user')),
    'shared/db.yaml': secret('db', ['password']),
  };
  // By folders, shared/ is a further tier of the same tree: the key check runs against it.
  assert.equal(workspace(files)('apps/shop/app.yaml', 'ref-secret-key-missing').length, 1);
  // Declared as two applications, the shop's reference resolves to nothing in its scope: a hint.
  const scoped = workspace(files, { scopes: [{ name: 'shop', files: ['apps/shop/**'], base: 'file:///repo' }, { name: 'infra', files: ['shared'], base: 'file:///repo' }] });
  assert.deepEqual(scoped('apps/shop/app.yaml').map((d) => `${d.code} ${d.severity}`), ['ref-secret-missing 4']);
  // Declared as one, they resolve against each other.
  const one = workspace(files, { scopes: [{ name: 'shop', files: ['apps/shop', 'shared/*.yaml'], base: 'file:///repo' }] });
  assert.equal(one('apps/shop/app.yaml', 'ref-secret-key-missing').length, 1);
});

test('duplicates: a second definition in one file or one kustomization gets one finding; alternatives and copies none', () => {
  const check = workspace({
    // A plain folder holds alternatives as often as parts (app.yaml, app-openshift.yaml): no finding between files.
    'app/a.yaml': configMap('settings', ['a']),
    'app/b.yaml': configMap('settings', ['b']) + '---\n' + configMap('settings', ['c']),
    'copy/a.yaml': configMap('settings', ['a']),
    'kust/kustomization.yaml': 'resources:\n  - one.yaml\n  - two.yaml\n',
    'kust/one.yaml': configMap('settings', ['a']),
    'kust/two.yaml': configMap('settings', ['b']),
  });
  assert.deepEqual(check('app/a.yaml', 'duplicate-resource'), []);
  const b = check('app/b.yaml', 'duplicate-resource');
  assert.equal(b.length, 1, summarize(b));
  assert.match(b[0].message, /ConfigMap "settings" \(namespace default\) is already defined earlier in this file; applying both keeps only the later one/);
  assert.equal(b[0].range.start.line, 10, 'on the second definition\'s name');
  assert.equal(b[0].severity, 2);
  assert.deepEqual(check('copy/a.yaml', 'duplicate-resource'), []);
  assert.deepEqual(check('kust/one.yaml', 'duplicate-resource'), []);
  const kustomized = check('kust/two.yaml', 'duplicate-resource');
  assert.equal(kustomized.length, 1, summarize(kustomized));
  assert.match(kustomized[0].message, /already defined in one\.yaml; kustomize build refuses/);
  assert.equal(kustomized[0].severity, 1, 'kustomize build fails: nothing is applied');
});

test('duplicates: many copies of an app give each finding once per source location, in linear work', () => {
  const files: Record<string, string> = {};
  const copies = 200;
  for (let i = 0; i < copies; i++) {
    files[`copies/c${i}/statefulset.yaml`] = sts('db', 'db');
    files[`copies/c${i}/service.yaml`] = headless('db', 'app: dbb');
  }
  const check = workspace(files);
  for (const i of [0, 99, 199]) {
    const found = check(`copies/c${i}/statefulset.yaml`);
    assert.deepEqual(found.map((d) => d.code), ['sts-service-selector-mismatch'], summarize(found));
  }
});

test('a v1 List is unwrapped: each item is checked at its own position, and the List itself is no unknown kind', () => {
  const text = `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: ConfigMap
    metadata:
      name: ok
    data:
      a: "1"
  - apiVersion: apps/v1
    kind: StatefulSet
    metadata:
      name: db
    spec:
      replicas: three
`;
  const diagnostics = workspace({ 'list.yaml': text })('list.yaml');
  const errors = diagnostics.filter((d) => d.severity === 1);
  assert.ok(errors.some((d) => d.code === 'schema' && /replicas must be an integer/.test(d.message)), summarize(diagnostics));
  const replicas = errors.find((d) => /replicas/.test(d.message))!;
  assert.equal(replicas.range.start.line, 14, 'on the item\'s own replicas line');
  assert.ok(!diagnostics.some((d) => /unknown kind "List"/.test(d.message)), summarize(diagnostics));
  // Typed lists too, and their items are indexed: a Pod elsewhere finds the ConfigMap.
  const typed = workspace({
    'list.yaml': 'apiVersion: v1\nkind: ConfigMapList\nitems:\n  - apiVersion: v1\n    kind: ConfigMap\n    metadata:\n      name: settings\n    data:\n      mode: x\n',
    'pod.yaml': pod('p', configMapRef('settings', 'mode')),
  });
  assert.deepEqual(typed('list.yaml'), []);
  assert.deepEqual(typed('pod.yaml'), []);
});

test('go-yaml leniency: a multi-line quoted value whose closing line sits at the key\'s indentation parses, and other findings show', () => {
  const text = `apiVersion: apps/v1beta1
kind: StatefulSet
metadata:
  name: rd
  annotations:
    example.com/init: '[
        {"name": "install"}
  ]'
spec:
  serviceName: redis
`;
  const diagnostics = workspace({ 'sts.yaml': text })('sts.yaml');
  // The removed apiVersion is reported, and the document is still checked as apps/v1 (schema and rules).
  assert.deepEqual(diagnostics.map((d) => d.code), ['deprecated-api-version', 'schema', 'schema', 'sts-service-missing'], summarize(diagnostics));
  assert.ok(!diagnostics.some((d) => d.code === 'yaml-syntax'), summarize(diagnostics));
  // A quote that is never closed is still an error.
  const broken = workspace({ 'b.yaml': "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: 'open\n" })('b.yaml');
  assert.ok(broken.some((d) => d.code === 'yaml-syntax'), summarize(broken));
});

test('a syntax error in one document never hides another document\'s findings', () => {
  const text = `apiVersion: v1
kind: ConfigMap
metadata:
  name: broken
data:
  a: [1, 2
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  replicas: three
`;
  const diagnostics = workspace({ 'f.yaml': text })('f.yaml');
  assert.ok(diagnostics.some((d) => d.code === 'yaml-syntax'), summarize(diagnostics));
  assert.ok(diagnostics.some((d) => d.code === 'schema' && /replicas must be an integer/.test(d.message)), summarize(diagnostics));
});

test('placeholders: envsubst and fill-me-in values give one hint per file, no cascade of errors', () => {
  const text = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: \${APP_NAME:-web}
spec:
  replicas: \${REPLICAS:-1}
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: web:1
          ports:
            - containerPort: PORT
              protocol: TCPP
---
apiVersion: v1
kind: PersistentVolume
metadata:
  name: PV_NAME
spec:
  capacity:
    storage: FILESTORE_CAPACITY
  accessModes: [ReadWriteMany]
  nfs:
    server: 10.0.0.2
    path: /share
`;
  const diagnostics = workspace({ 'tmpl.yaml': text })('tmpl.yaml');
  const hints = diagnostics.filter((d) => d.code === 'template-placeholder');
  assert.equal(hints.length, 1, summarize(diagnostics));
  assert.equal(hints[0].severity, 4);
  assert.equal(hints[0].range.start.line, 3, 'at the first placeholder');
  // `protocol: TCPP` is a typo of an enum value, not a placeholder: still an error.
  const errors = diagnostics.filter((d) => d.severity === 1);
  assert.deepEqual(errors.map((d) => d.message), ['protocol must be one of SCTP, TCP, UDP, got the string "TCPP"'], summarize(diagnostics));
  // Upper-case names are real values where no form is checked: a misspelt key is still reported.
  const check = workspace({ 'cm.yaml': configMap('c', ['LOG_LEVEL']), 'pod.yaml': pod('p', configMapRef('c', 'LOG_LEVL')) });
  assert.equal(check('pod.yaml', 'ref-configmap-key-missing').length, 1);
  // Off: the hint goes, the placeholder values stay unchecked.
  const off = workspace({ 'tmpl.yaml': text }, { rules: { 'template-placeholder': 'off' } })('tmpl.yaml');
  assert.equal(off.filter((d) => d.code === 'template-placeholder').length, 0);
});

test('the CLI reads `scopes` from the nearest .k8s-stateful.yaml above the checked folder', () => {
  const root = mkdtempSync(join(tmpdir(), 'k8s-stateful-scopes-'));
  const write = (name: string, text: string) => {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), text);
  };
  try {
    write('apps/shop/app.yaml', pod('shop', secretRef('db', 'user')));
    write('shared/db.yaml', secret('db', ['password']));
    const check = () => spawnSync(process.execPath, [join(repoRoot, 'dist/cli.js'), 'check', '--severity', 'hint', root], { encoding: 'utf8' });
    // Folders: shared/ is in the same tree, so the key check runs against it.
    assert.match(check().stdout, /error ref-secret-key-missing key "user" not found in Secret "db"/);
    write('.k8s-stateful.yaml', 'scopes:\n  - name: shop\n    files: [apps/shop]\n  - name: infra\n    files: [shared]\n');
    const scoped = check();
    assert.equal(scoped.status, 0, scoped.stdout + scoped.stderr);
    assert.match(scoped.stdout, /hint ref-secret-missing Secret "db" not found/);
    write('.k8s-stateful.yaml', 'scopes: [oops');
    const broken = check();
    assert.equal(broken.status, 2);
    assert.match(broken.stderr + broken.stdout, /\.k8s-stateful\.yaml/);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
