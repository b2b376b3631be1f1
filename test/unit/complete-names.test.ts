// Completion of names defined elsewhere in the workspace: ConfigMap/Secret names and keys, claims,
// storage classes, headless Services, volume names. Through the real service with several files.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isScalar } from 'yaml';
import type { CompletionItem, CompletionList } from 'vscode-languageserver-types';
import { createLanguageService, type LanguageService } from '../../server/src/service';
import { dataKeys } from '../../server/src/service/workspace/references';
import { withCursor } from '../helpers/cursor';
import { statefulSetYaml } from '../helpers/manifests';
import { schemas, serviceWithFolders } from '../helpers/service';

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

const CONFIG = `apiVersion: v1
kind: ConfigMap
metadata:
  name: app-config
  namespace: prod
data:
  APP_MODE: production
  app.properties: |
    server.port=8080
    server.threads=${'x'.repeat(80)}
    line3=3
binaryData:
  logo.png: iVBORw0KGgo=
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: db-config
  namespace: prod
data:
  DB_HOST: db.prod.svc
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: staging-config
  namespace: staging
data:
  STAGE: "1"
`;

const SECRETS = `apiVersion: v1
kind: Secret
metadata:
  name: db-creds
  namespace: prod
data:
  password: ${b64('S3cr3t-Pa55!')}
stringData:
  api-token: tok-9f8e7d6c5b
---
apiVersion: v1
kind: Secret
metadata:
  name: regcred
  namespace: prod
type: kubernetes.io/dockerconfigjson
data:
  .dockerconfigjson: ${b64('{"auths":{"r.example.com":{"auth":"dTpw"}}}')}
---
apiVersion: v1
kind: Secret
metadata:
  name: staging-creds
  namespace: staging
data:
  token: ${b64('stg-hidden-77')}
`;

const STORAGE = `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: slow
provisioner: kubernetes.io/no-provisioner
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: fast
  annotations:
    storageclass.kubernetes.io/is-default-class: "true"
provisioner: ebs.csi.aws.com
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data-claim
  namespace: prod
spec:
  accessModes: [ReadWriteOnce]
  storageClassName: fast
  resources:
    requests:
      storage: 5Gi
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: staging-claim
  namespace: staging
spec:
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 1Gi
`;

const SERVICES = `apiVersion: v1
kind: Service
metadata:
  name: other-headless
  namespace: prod
spec:
  clusterIP: None
  selector:
    app: other
---
apiVersion: v1
kind: Service
metadata:
  name: db-headless
  namespace: prod
spec:
  clusterIP: None
  selector:
    app: db
---
apiVersion: v1
kind: Service
metadata:
  name: db-lb
  namespace: prod
spec:
  type: LoadBalancer
  selector:
    app: db
---
apiVersion: v1
kind: Service
metadata:
  name: staging-headless
  namespace: staging
spec:
  clusterIP: None
---
apiVersion: v1
kind: Service
metadata:
  name: lonely-lb
  namespace: lonely
spec:
  selector:
    app: db
`;

const WORKSPACE: Record<string, string> = {
  'file:///ws/app/config.yaml': CONFIG,
  'file:///ws/app/secrets.yaml': SECRETS,
  'file:///ws/storage/storage.yaml': STORAGE,
  'file:///ws/app/services.yaml': SERVICES,
};

function workspace(): LanguageService {
  const service = createLanguageService({ schemas });
  for (const [uri, text] of Object.entries(WORKSPACE)) service.setDocument(uri, text, 1, { open: false });
  return service;
}

const shared = workspace();
const EDITED = 'file:///ws/app/statefulset.yaml';
/** Every item any test received, for the Secret-values check at the end. */
const seen: CompletionItem[] = [];

function completeIn(marked: string, service = shared, uri = EDITED): CompletionList {
  const { text, position } = withCursor(marked);
  service.setDocument(uri, text, 1);
  const list = service.getCompletions(uri, position);
  seen.push(...list.items);
  return list;
}

const labels = (list: CompletionList) => [...list.items].sort((a, b) => a.sortText!.localeCompare(b.sortText!)).map((i) => i.label);
const item = (list: CompletionList, label: string) => {
  const found = list.items.find((i) => i.label === label);
  assert.ok(found, `no "${label}" among ${labels(list).join(', ')}`);
  return found;
};
const edit = (i: CompletionItem) => i.textEdit as { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string };

function sts(namespace: string | undefined, container: string, extra = ''): string {
  return statefulSetYaml({ namespace, serviceName: 'db-headless', tail: `${container}${extra}` });
}

const envRef = (ref: string, fields: string) => `          env:\n            - name: X\n              valueFrom:\n                ${ref}:\n${fields}`;

test('configMapKeyRef.name: the ConfigMaps of the namespace, with key count and file', () => {
  const list = completeIn(sts('prod', envRef('configMapKeyRef', '                  name: ‸\n                  key: DB_HOST\n')));
  assert.deepEqual(labels(list), ['db-config', 'app-config'], 'the one holding key DB_HOST first, nothing from staging');
  const app = item(list, 'app-config');
  assert.equal(app.detail, 'ConfigMap · 3 keys · app/config.yaml');
  assert.equal(app.labelDetails?.description, '3 keys');
  assert.equal(app.kind, 18);
  assert.match((app.documentation as { value: string }).value, /`APP_MODE` production/);
  assert.equal(app.filterText, 'app-config');
});

test('a half-typed name replaces the partial word', () => {
  const marked = sts('prod', envRef('configMapKeyRef', '                  name: db-c‸\n'));
  const list = completeIn(marked);
  const db = item(list, 'db-config');
  const { position } = withCursor(marked);
  assert.deepEqual(edit(db).range, { start: { line: position.line, character: 24 }, end: position });
  assert.equal(edit(db).newText, 'db-config');
  // Right after the colon: inserted after a space.
  const colon = completeIn(sts('prod', envRef('configMapKeyRef', '                  name:‸\n')));
  assert.equal(edit(item(colon, 'db-config')).newText, ' db-config');
  // A quote typed: the item keeps it and filters with it.
  const quoted = completeIn(sts('prod', envRef('configMapKeyRef', '                  name: "db‸\n')));
  assert.equal(edit(item(quoted, 'db-config')).newText, '"db-config"');
  assert.equal(item(quoted, 'db-config').filterText, '"db-config');
});

test('configMapKeyRef.key: the keys of the sibling name (above or below), with a truncated preview', () => {
  const above = completeIn(sts('prod', envRef('configMapKeyRef', '                  name: app-config\n                  key: ‸\n')));
  assert.deepEqual(labels(above), ['APP_MODE', 'app.properties', 'logo.png']);
  assert.equal(item(above, 'APP_MODE').labelDetails?.description, 'production');
  const props = item(above, 'app.properties');
  assert.equal(props.labelDetails?.description, 'server.port=8080 … (3 lines)');
  assert.match(props.detail!, /^key of ConfigMap app-config \(data\)/);
  const doc = (props.documentation as { value: string }).value;
  assert.match(doc, /server\.port=8080/);
  assert.equal(item(above, 'logo.png').labelDetails?.description, 'binary · 8 bytes');
  const below = completeIn(sts('prod', envRef('configMapKeyRef', '                  key: D‸\n                  name: "db-config"\n')));
  assert.deepEqual(labels(below), ['DB_HOST']);
  // No name yet, or a name from another namespace: nothing.
  assert.deepEqual(labels(completeIn(sts('prod', envRef('configMapKeyRef', '                  key: ‸\n')))), []);
  assert.deepEqual(labels(completeIn(sts('prod', envRef('configMapKeyRef', '                  name: staging-config\n                  key: ‸\n')))), []);
});

test('a long single-line ConfigMap value is cut in the preview', () => {
  const service = workspace();
  service.setDocument('file:///ws/app/long.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: long\n  namespace: prod\ndata:\n  BIG: ${'y'.repeat(200)}\n`, 1, { open: false });
  const list = completeIn(sts('prod', envRef('configMapKeyRef', '                  name: long\n                  key: ‸\n')), service);
  assert.equal(item(list, 'BIG').labelDetails?.description, `${'y'.repeat(40)}…`);
});

test('secretKeyRef: Secret names of the namespace, keys with byte sizes only', () => {
  const names = completeIn(sts('prod', envRef('secretKeyRef', '                  name: ‸\n')));
  assert.deepEqual(labels(names), ['db-creds', 'regcred']);
  assert.equal(item(names, 'db-creds').detail, 'Secret · 2 keys · app/secrets.yaml');
  assert.equal(item(names, 'regcred').labelDetails?.description, 'kubernetes.io/dockerconfigjson · 1 key');
  assert.match((item(names, 'db-creds').documentation as { value: string }).value, /`password` \(12 bytes\)/);
  const keys = completeIn(sts('prod', envRef('secretKeyRef', '                  name: db-creds\n                  key: ‸\n')));
  assert.deepEqual(labels(keys), ['password', 'api-token']);
  assert.equal(item(keys, 'password').labelDetails?.description, '12 bytes');
  assert.equal(item(keys, 'api-token').labelDetails?.description, '14 bytes');
  assert.equal(item(keys, 'api-token').detail, 'key of Secret db-creds (stringData) · app/secrets.yaml');
});

test('envFrom: configMapRef and secretRef names', () => {
  const cm = completeIn(sts('prod', '          envFrom:\n            - configMapRef:\n                name: ‸\n'));
  assert.deepEqual(labels(cm), ['app-config', 'db-config']);
  const secret = completeIn(sts('prod', '          envFrom:\n            - secretRef:\n                name: ‸\n'));
  assert.deepEqual(labels(secret), ['db-creds', 'regcred']);
});

const VOLUMES = (volume: string) => `      volumes:\n${volume}`;

test('volumes: configMap.name, secret.secretName and their items[].key', () => {
  assert.deepEqual(labels(completeIn(sts('prod', '', VOLUMES('        - name: cfg\n          configMap:\n            name: ‸\n')))), ['app-config', 'db-config']);
  assert.deepEqual(labels(completeIn(sts('prod', '', VOLUMES('        - name: s\n          secret:\n            secretName: ‸\n')))), ['db-creds', 'regcred']);
  const dash = completeIn(sts('prod', '', VOLUMES('        - name: cfg\n          configMap:\n            name: app-config\n            items:\n              - key: ‸\n                path: a\n')));
  assert.deepEqual(labels(dash), ['APP_MODE', 'app.properties', 'logo.png']);
  // key after path in the item, a compact (not indented) items list, and the name below items.
  const after = completeIn(sts('prod', '', VOLUMES('        - name: cfg\n          configMap:\n            items:\n            - path: a\n              key: ‸\n            name: db-config\n')));
  assert.deepEqual(labels(after), ['DB_HOST']);
  const secretItems = completeIn(sts('prod', '', VOLUMES('        - name: s\n          secret:\n            secretName: db-creds\n            items:\n              - key: ‸\n')));
  assert.deepEqual(labels(secretItems), ['password', 'api-token']);
});

test('projected volume sources: names and item keys', () => {
  const projected = (source: string) => VOLUMES(`        - name: all\n          projected:\n            sources:\n${source}`);
  assert.deepEqual(labels(completeIn(sts('prod', '', projected('              - configMap:\n                  name: ‸\n')))), ['app-config', 'db-config']);
  assert.deepEqual(labels(completeIn(sts('prod', '', projected('              - secret:\n                  name: ‸\n')))), ['db-creds', 'regcred']);
  const keys = completeIn(sts('prod', '', projected('              - secret:\n                  name: db-creds\n                  items:\n                    - key: pa‸\n')));
  assert.deepEqual(labels(keys), ['password', 'api-token']);
});

test('imagePullSecrets: registry Secrets first', () => {
  const list = completeIn(sts('prod', '', '      imagePullSecrets:\n        - name: ‸\n'));
  assert.deepEqual(labels(list), ['regcred', 'db-creds']);
});

test('claimName: the claims of the namespace with size, modes and class', () => {
  const list = completeIn(sts('prod', '', VOLUMES('        - name: d\n          persistentVolumeClaim:\n            claimName: ‸\n')));
  assert.deepEqual(labels(list), ['data-claim']);
  assert.equal(item(list, 'data-claim').labelDetails?.description, '5Gi · ReadWriteOnce · class fast');
  assert.equal(item(list, 'data-claim').detail, 'PersistentVolumeClaim · 5Gi · ReadWriteOnce · class fast · storage/storage.yaml');
});

test('storageClassName: the default class first and marked, then the others, then "" (no class)', () => {
  const claim = 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: c\nspec:\n  storageClassName: ‸\n';
  const list = completeIn(claim);
  assert.deepEqual(labels(list), ['fast', 'slow', '""']);
  assert.equal(item(list, 'fast').labelDetails?.description, 'default · ebs.csi.aws.com');
  assert.equal(item(list, 'fast').detail, 'StorageClass (default) · storage/storage.yaml');
  assert.equal(item(list, '""').labelDetails?.description, 'no class: bind a pre-created PV');
  assert.equal(edit(item(list, '""')).newText, '""');
  // In a StatefulSet's claim templates, cluster-scoped: offered whatever the namespace.
  const template = completeIn(`${sts('lonely', '')}  volumeClaimTemplates:\n    - metadata:\n        name: data\n      spec:\n        storageClassName: f‸\n`);
  assert.deepEqual(labels(template), ['fast', 'slow', '""']);
});

test('serviceName: headless Services of the namespace only, the one selecting the pods first', () => {
  const marked = sts('prod', '').replace('serviceName: db-headless', 'serviceName: ‸');
  const list = completeIn(marked);
  assert.deepEqual(labels(list), ['db-headless', 'other-headless']);
  assert.equal(item(list, 'db-headless').labelDetails?.description, 'headless · selects these pods');
  // A namespace with only a non-headless Service: nothing from the workspace.
  assert.deepEqual(labels(completeIn(sts('lonely', '').replace('serviceName: db-headless', 'serviceName: ‸'))), []);
  // The default namespace (no namespace in the manifest) has no Services at all.
  assert.deepEqual(labels(completeIn(sts(undefined, '').replace('serviceName: db-headless', 'serviceName: ‸'))), []);
});

test('volumeMounts[].name: the pod volumes and the claim templates, mounted ones last', () => {
  const claimTemplates = '  volumeClaimTemplates:\n    - metadata:\n        name: data\n      spec:\n        resources:\n          requests:\n            storage: 10Gi\n';
  const mounts = '          volumeMounts:\n            - name: cfg\n              mountPath: /etc/cfg\n            - name: ‸\n';
  const list = completeIn(`${sts('prod', mounts, VOLUMES('        - name: cfg\n          configMap:\n            name: app-config\n        - name: scratch\n          emptyDir: {}\n'))}${claimTemplates}`);
  assert.deepEqual(labels(list), ['scratch', 'data', 'cfg']);
  assert.equal(item(list, 'data').labelDetails?.description, 'claim template · 10Gi');
  assert.equal(item(list, 'cfg').labelDetails?.description, 'configMap app-config · mounted already');
  assert.equal(item(list, 'scratch').detail, 'volume of this pod');
});

test('names are offered only at reference positions: metadata.name and Pod-less kinds get none', () => {
  const list = completeIn('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ‸\n');
  assert.deepEqual(labels(list), []);
  // A Pod's own spec is a pod spec too.
  const pod = completeIn('apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: prod\nspec:\n  containers:\n    - name: c\n      envFrom:\n        - secretRef:\n            name: ‸\n');
  assert.deepEqual(labels(pod), ['db-creds', 'regcred']);
});

test('an unsaved edit in another file is offered right away', () => {
  const service = workspace();
  service.setDocument('file:///ws/app/config.yaml', CONFIG.replace('name: db-config', 'name: db-settings'), 2);
  const list = completeIn(sts('prod', envRef('configMapKeyRef', '                  name: ‸\n')), service);
  assert.deepEqual(labels(list), ['app-config', 'db-settings']);
});

/** Every Secret value of a service's workspace: as written (base64 or stringData) and decoded/encoded. */
function secretValues(service: LanguageService): string[] {
  const out: string[] = [];
  for (const entry of service.index.ofKind('Secret')) {
    for (const key of dataKeys(entry.resource)) {
      if (!isScalar(key.value) || key.value.value === null) continue;
      const raw = String(key.value.value);
      out.push(raw, key.section === 'data' ? Buffer.from(raw, 'base64').toString('utf8') : b64(raw));
    }
  }
  return out;
}

test('no Secret value, encoded or decoded, appears in any field of any item', () => {
  const values = secretValues(shared);
  assert.ok(values.length >= 8);
  assert.ok(seen.length > 50, `only ${seen.length} items collected`);
  const text = JSON.stringify(seen);
  for (const value of values) assert.ok(!text.includes(value), `a Secret value leaked into completion items: ${value.slice(0, 3)}…`);
});

test('examples: the db-config keys at configMapKeyRef.key; no Secret value in the Secret items', () => {
  const { service, uris } = serviceWithFolders('examples/postgres');
  const uri = uris.find((u) => u.endsWith('statefulset.yaml'))!;
  const text = service.documents.parsed(uri)!.text;
  const lines = text.split('\n');
  const at = (needle: string, occurrence = 0) => {
    let line = -1;
    for (let n = 0; n <= occurrence; n++) line = lines.findIndex((l, i) => i > line && l.includes(needle));
    return { line, character: lines[line].length };
  };
  const keys = service.getCompletions(uri, at('key: POSTGRES_USER'));
  assert.deepEqual(keys.items.map((i) => i.label), ['POSTGRES_USER', 'POSTGRES_DB', 'postgresql.conf']);
  assert.equal(keys.items.find((i) => i.label === 'postgresql.conf')!.labelDetails?.description, 'max_connections = 200 … (3 lines)');
  const secretItems = [
    ...service.getCompletions(uri, at('name: db-credentials')).items,
    ...service.getCompletions(uri, at('key: password')).items,
  ];
  assert.deepEqual(secretItems.map((i) => i.label), ['db-credentials', 'password', 'replication-password']);
  // "password" is both a key name and (decoded) a value in the example; every other value must not appear.
  const names = new Set(secretItems.map((i) => String(i.label)));
  const json = JSON.stringify(secretItems);
  for (const value of secretValues(service).filter((v) => !names.has(v))) assert.ok(!json.includes(value), `leaked ${value.slice(0, 3)}…`);
});
