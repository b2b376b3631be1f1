// Kustomize generated names in navigation, completion and rename, through the real service: a
// ConfigMap/Secret made by a kustomization's configMapGenerator/secretGenerator is defined at the
// generator's `name` (references use that base name; Kustomize adds namePrefix/nameSuffix and the
// hash), its keys at the `literals`/`files`/`envs` entries that make them; completion offers them in
// scope, nearest first; a rename edits the generator and the references of its application only.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CompletionItem, Location, Position, TextEdit } from 'vscode-languageserver-types';
import { createLanguageService } from '../../server/src/service';
import { rangeOfText, schemas } from '../helpers/service';

const KUSTOMIZATION = [
  'apiVersion: kustomize.config.k8s.io/v1beta1',
  'kind: Kustomization',
  'namespace: shop',
  'namePrefix: dev-',
  'resources:',
  '  - pod.yaml',
  'configMapGenerator:',
  '  - name: app-config',
  '    literals:',
  '      - LEVEL=debug',
  '      - "MODE=fast"',
  '    files:',
  '      - conf/app.properties',
  '      - extra=conf/extra.txt',
  '  - name: env-config',
  '    envs:',
  '      - app.env',
  'secretGenerator:',
  '  - name: db-creds',
  '    literals:',
  '      - password=s3cret',
  '',
].join('\n');

// Every reference site a generated name meets: configMapKeyRef, envFrom, a volume with items, secretKeyRef.
const POD = [
  'apiVersion: v1',
  'kind: Pod',
  'metadata:',
  '  name: app',
  'spec:',
  '  containers:',
  '    - name: app',
  '      image: app:1',
  '      env:',
  '        - name: LEVEL',
  '          valueFrom:',
  '            configMapKeyRef:',
  '              name: app-config',
  '              key: LEVEL',
  '        - name: MODE',
  '          valueFrom:',
  '            configMapKeyRef: { name: app-config, key: MODE }',
  '        - name: PORT',
  '          valueFrom:',
  '            configMapKeyRef: { name: env-config, key: PORT }',
  '        - name: PASSWORD',
  '          valueFrom:',
  '            secretKeyRef:',
  '              name: db-creds',
  '              key: password',
  '      envFrom:',
  '        - configMapRef:',
  '            name: app-config',
  '  volumes:',
  '    - name: conf',
  '      configMap:',
  '        name: app-config',
  '        items:',
  '          - key: app.properties',
  '            path: app.properties',
  '          - key: extra',
  '            path: extra.txt',
  '',
].join('\n');

const base = 'file:///repo/';
const uri = (name: string) => base + name;
const where = (locations: Location[]) => locations.map((l) => `${l.uri.slice(base.length)}:${l.range.start.line}:${l.range.start.character}-${l.range.end.character}`);

function workspace(files: Record<string, string>) {
  const service = createLanguageService({ schemas });
  for (const [name, text] of Object.entries(files)) service.setDocument(uri(name), text, 1);
  return service;
}

/** The position `offset` characters into the `occurrence`-th `needle` of `text`. */
function at(text: string, needle: string, occurrence = 0, offset = 1): Position {
  const start = rangeOfText(text, needle, occurrence).start;
  return { line: start.line, character: start.character + offset };
}

/** `file:line:start-end` of the `occurrence`-th `needle` in `text` (what a location should say). */
function place(file: string, text: string, needle: string, occurrence = 0): string {
  const range = rangeOfText(text, needle, occurrence);
  return `${file}:${range.start.line}:${range.start.character}-${range.end.character}`;
}

const app = { 'app/kustomization.yaml': KUSTOMIZATION, 'app/pod.yaml': POD };

test('generated names resolve without findings: namespace, namePrefix and the hash apply to referrer and generated object alike', () => {
  const service = workspace(app);
  assert.deepEqual(service.getDiagnostics(uri('app/pod.yaml')).map((d) => `${d.code}: ${d.message}`), []);
});

test('definition: every reference site of a generated name lands on the generator\'s name', () => {
  const service = workspace(app);
  const generator = place('app/kustomization.yaml', KUSTOMIZATION, 'app-config');
  for (const occurrence of [0, 1, 2, 3]) {
    assert.deepEqual(where(service.definition(uri('app/pod.yaml'), at(POD, 'app-config', occurrence))), [generator], `app-config #${occurrence}`);
  }
  // On the key of the reference line too (F12 wherever the line is).
  assert.deepEqual(where(service.definition(uri('app/pod.yaml'), at(POD, 'name: app-config', 0, 2))), [generator]);
  assert.deepEqual(where(service.definition(uri('app/pod.yaml'), at(POD, 'db-creds'))), [place('app/kustomization.yaml', KUSTOMIZATION, 'db-creds')]);
});

test('definition of a key: the literal\'s key, the files entry (its file name, or the key before "="), the env files', () => {
  const service = workspace(app);
  const definition = (needle: string, occurrence = 0, offset = 6) => where(service.definition(uri('app/pod.yaml'), at(POD, needle, occurrence, offset)));
  assert.deepEqual(definition('key: LEVEL'), [place('app/kustomization.yaml', KUSTOMIZATION, 'LEVEL', 0)]);
  // A double-quoted literal: the key inside the quotes.
  assert.deepEqual(definition('key: MODE'), [place('app/kustomization.yaml', KUSTOMIZATION, 'MODE', 0)]);
  assert.deepEqual(definition('key: app.properties'), [place('app/kustomization.yaml', KUSTOMIZATION, 'app.properties', 0)]);
  assert.deepEqual(definition('key: extra'), [place('app/kustomization.yaml', KUSTOMIZATION, 'extra', 0)]);
  // Keys of an env file cannot be read: the env file entry is where it comes from.
  assert.deepEqual(definition('key: PORT'), [place('app/kustomization.yaml', KUSTOMIZATION, 'app.env')]);
  assert.deepEqual(definition('key: password'), [place('app/kustomization.yaml', KUSTOMIZATION, 'password')]);
  // A key no generator entry makes: nothing to go to.
  const typo = POD.replace('key: LEVEL', 'key: LEVLE');
  const service2 = workspace({ ...app, 'app/pod.yaml': typo });
  assert.deepEqual(service2.definition(uri('app/pod.yaml'), at(typo, 'key: LEVLE', 0, 6)), []);
});

test('references from the generator\'s name and from a literal key: the users in its application, not another app\'s copy', () => {
  const service = workspace({
    ...app,
    // A copy of the app with its own kustomization and generator of the same name.
    'copy/kustomization.yaml': KUSTOMIZATION,
    'copy/pod.yaml': POD,
  });
  const refs = service.references(uri('app/kustomization.yaml'), at(KUSTOMIZATION, 'app-config'), false);
  const own = where(refs).filter((l) => l.startsWith('app/'));
  assert.deepEqual(own, [0, 1, 2, 3].map((i) => place('app/pod.yaml', POD, 'app-config', i)));
  // The copy's users are listed after the app's own (another scope), never before.
  assert.deepEqual(where(refs).slice(0, 4), own);
  const withDeclaration = service.references(uri('app/kustomization.yaml'), at(KUSTOMIZATION, 'app-config'), true);
  assert.equal(where(withDeclaration)[0], place('app/kustomization.yaml', KUSTOMIZATION, 'app-config'));
  const keyRefs = where(service.references(uri('app/kustomization.yaml'), at(KUSTOMIZATION, 'LEVEL=', 0, 1), false));
  assert.deepEqual(keyRefs[0], place('app/pod.yaml', POD, 'LEVEL', 1));
});

test('base and overlays: an overlay\'s file resolves the base\'s generator; an app outside Kustomize ranks it last', () => {
  const overlayPod = POD;
  const service = workspace({
    'base/kustomization.yaml': 'resources:\n  - pod.yaml\nconfigMapGenerator:\n  - name: app-config\n    literals:\n      - LEVEL=1\n',
    'base/pod.yaml': POD,
    'overlays/dev/kustomization.yaml': 'resources:\n  - ../../base\n  - extra.yaml\nnameSuffix: -dev\n',
    'overlays/dev/extra.yaml': overlayPod,
    'plain/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app-config\ndata:\n  LEVEL: "2"\n',
    'plain/pod.yaml': POD,
  });
  const fromOverlay = where(service.definition(uri('overlays/dev/extra.yaml'), at(POD, 'app-config')));
  assert.deepEqual(fromOverlay[0], 'base/kustomization.yaml:3:10-20');
  // A plain folder's pod: its own ConfigMap first; the generator belongs to another application.
  const fromPlain = where(service.definition(uri('plain/pod.yaml'), at(POD, 'app-config')));
  assert.deepEqual(fromPlain, ['plain/cm.yaml:3:8-18', 'base/kustomization.yaml:3:10-20']);
});

test('completion: generated names of the file\'s application first, with their keys; other apps\' after', () => {
  const typing = POD.replace('              name: app-config\n              key: LEVEL', '              name: \n              key: LEVEL');
  const service = workspace({
    ...app,
    'app/pod.yaml': typing,
    // Alphabetically first, but another application's.
    'other/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: aaa-config\ndata:\n  LEVEL: x\n',
  });
  const sorted = (items: CompletionItem[]) => [...items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label));
  const names = sorted(service.getCompletions(uri('app/pod.yaml'), at(typing, 'name: \n', 0, 6)).items);
  assert.deepEqual(names.map((i) => i.label), ['app-config', 'env-config', 'aaa-config']);
  assert.match(names[0].detail ?? '', /configMapGenerator · 4 keys/);
  assert.match(typeof names[0].documentation === 'object' ? names[0].documentation.value : '', /dev-app-config-<hash>/);
  assert.match(names[1].detail ?? '', /0 keys \+ env files/);
  // The keys of the generated ConfigMap (in source order), at configMapKeyRef.key.
  const keyTyping = POD.replace('              key: LEVEL', '              key: ');
  const keysService = workspace({ ...app, 'app/pod.yaml': keyTyping });
  const keys = sorted(keysService.getCompletions(uri('app/pod.yaml'), at(keyTyping, 'key: \n', 0, 5)).items);
  assert.deepEqual(keys.map((i) => i.label), ['LEVEL', 'MODE', 'app.properties', 'extra']);
  // Secret keys: names only, no values.
  const secretTyping = POD.replace('              key: password', '              key: ');
  const secretItems = workspace({ ...app, 'app/pod.yaml': secretTyping }).getCompletions(uri('app/pod.yaml'), at(secretTyping, 'key: \n', 0, 5)).items;
  assert.deepEqual(secretItems.map((i) => i.label), ['password']);
  assert.ok(!JSON.stringify(secretItems).includes('s3cret'));
});

test('rename a generated name: the generator entry and the references of its application, never the copy\'s', () => {
  const files = { ...app, 'copy/kustomization.yaml': KUSTOMIZATION, 'copy/pod.yaml': POD };
  const expected = [place('app/kustomization.yaml', KUSTOMIZATION, 'app-config'), ...[0, 1, 2, 3].map((i) => place('app/pod.yaml', POD, 'app-config', i))];
  const edits = (result: ReturnType<ReturnType<typeof workspace>['rename']>) => {
    assert.ok('edit' in result, JSON.stringify(result));
    return Object.entries(result.edit.changes ?? {}).flatMap(([u, list]) => (list as TextEdit[]).map((e) => `${u.slice(base.length)}:${e.range.start.line}:${e.range.start.character}-${e.range.end.character}=${e.newText}`));
  };
  const fromGenerator = workspace(files).rename(uri('app/kustomization.yaml'), at(KUSTOMIZATION, 'app-config'), 'web-config');
  assert.deepEqual(edits(fromGenerator).sort(), expected.map((p) => `${p}=web-config`).sort());
  const fromReference = workspace(files).rename(uri('app/pod.yaml'), at(POD, 'app-config', 2), 'web-config');
  assert.deepEqual(edits(fromReference).sort(), expected.map((p) => `${p}=web-config`).sort());
  // prepareRename on the generator's name.
  const prepared = workspace(files).prepareRename(uri('app/kustomization.yaml'), at(KUSTOMIZATION, 'app-config'));
  assert.deepEqual(prepared, { range: rangeOfText(KUSTOMIZATION, 'app-config'), placeholder: 'app-config' });
  // Another generator of the application already makes the new name.
  const clash = workspace(files).rename(uri('app/kustomization.yaml'), at(KUSTOMIZATION, 'app-config'), 'env-config');
  assert.match('error' in clash ? clash.error : '', /ConfigMap "env-config" already exists/);
});

test('rename a generated key: the literal\'s key (inside quotes too) and its keyed references; keys from file names or env files are refused', () => {
  const service = workspace(app);
  const result = service.rename(uri('app/pod.yaml'), at(POD, 'key: MODE', 0, 6), 'SPEED');
  assert.ok('edit' in result, JSON.stringify(result));
  const kustomizationEdits = result.edit.changes?.[uri('app/kustomization.yaml')] ?? [];
  assert.deepEqual(kustomizationEdits, [{ range: rangeOfText(KUSTOMIZATION, 'MODE'), newText: 'SPEED' }]);
  assert.deepEqual(result.edit.changes?.[uri('app/pod.yaml')], [{ range: rangeOfText(POD, 'MODE', 1), newText: 'SPEED' }]);
  const prepared = service.prepareRename(uri('app/kustomization.yaml'), at(KUSTOMIZATION, 'LEVEL=', 0, 1));
  assert.deepEqual(prepared, { range: rangeOfText(KUSTOMIZATION, 'LEVEL'), placeholder: 'LEVEL' });
  const fileName = service.rename(uri('app/pod.yaml'), at(POD, 'key: app.properties', 0, 6), 'app.conf');
  assert.match('error' in fileName ? fileName.error : '', /is the name of the file it comes from/);
  const env = service.rename(uri('app/pod.yaml'), at(POD, 'key: PORT', 0, 6), 'HTTP_PORT');
  assert.match('error' in env ? env.error : '', /comes from the env file app\.env/);
});
