// Go to definition, find references and rename through the real service, over the postgres example
// (and small workspaces for the refusals).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { Location, Position, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { createLanguageService, type LanguageService } from '../../server/src/service';
import { rangeOfText, repoRoot, schemas, serviceWithFolders, summarize } from '../helpers/service';

const { service } = serviceWithFolders('examples/postgres');
const uriOf = (name: string) => pathToFileURL(join(repoRoot, 'examples/postgres', name)).href;
const textOf = (name: string) => readFileSync(join(repoRoot, 'examples/postgres', name), 'utf8');

/** The position of the `occurrence`-th `needle` in a file, `offset` characters into it. */
function at(text: string, needle: string, occurrence = 0, offset = 1): Position {
  const start = rangeOfText(text, needle, occurrence).start;
  return { line: start.line, character: start.character + offset };
}

/** The range of `needle` inside the `occurrence`-th `context`. */
function rangeIn(text: string, context: string, needle: string, occurrence = 0) {
  const outer = rangeOfText(text, context, occurrence).start;
  const inner = context.indexOf(needle);
  return { start: { line: outer.line, character: outer.character + inner }, end: { line: outer.line, character: outer.character + inner + needle.length } };
}

function describe(locations: Location[]): string[] {
  return locations.map((l) => `${l.uri.split('/').pop()}:${l.range.start.line + 1}:${l.range.start.character + 1}-${l.range.end.character + 1}`).sort();
}

function applyEdits(text: string, edits: TextEdit[]): string {
  const lines = text.split('\n');
  const offset = (p: Position) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  for (const e of sorted) text = text.slice(0, offset(e.range.start)) + e.newText + text.slice(offset(e.range.end));
  return text;
}

function applyWorkspaceEdit(svc: LanguageService, edit: WorkspaceEdit): Map<string, string> {
  const out = new Map<string, string>();
  for (const [uri, edits] of Object.entries(edit.changes ?? {})) out.set(uri, applyEdits(svc.documents.parsed(uri)!.text, edits));
  return out;
}

const sts = textOf('statefulset.yaml');

test('definition: configMapKeyRef name and key, secretKeyRef key, envFrom, volume configMap', () => {
  const cm = textOf('configmap.yaml');
  const cmName = [{ uri: uriOf('configmap.yaml'), range: rangeOfText(cm, 'db-config') }];
  assert.deepEqual(service.definition(uriOf('statefulset.yaml'), at(sts, 'name: db-config', 0, 8)), cmName);
  assert.deepEqual(service.definition(uriOf('statefulset.yaml'), at(sts, 'name: db-config', 1, 8)), cmName, 'envFrom');
  assert.deepEqual(service.definition(uriOf('statefulset.yaml'), at(sts, 'name: db-config', 2, 8)), cmName, 'volume');
  assert.deepEqual(service.definition(uriOf('statefulset.yaml'), at(sts, 'key: POSTGRES_USER', 0, 6)), [{ uri: uriOf('configmap.yaml'), range: rangeOfText(cm, 'POSTGRES_USER') }]);
  assert.deepEqual(service.definition(uriOf('statefulset.yaml'), at(sts, 'key: postgresql.conf', 0, 6)), [{ uri: uriOf('configmap.yaml'), range: rangeOfText(cm, 'postgresql.conf') }]);
  const secret = textOf('secret.yaml');
  assert.deepEqual(service.definition(uriOf('statefulset.yaml'), at(sts, 'key: password', 0, 6)), [{ uri: uriOf('secret.yaml'), range: rangeIn(secret, '  password: ', 'password') }]);
});

test('definition: serviceName, storageClassName, claimRef-free PVC class, volumeMount names', () => {
  assert.deepEqual(describe(service.definition(uriOf('statefulset.yaml'), at(sts, 'serviceName: db', 0, 13))), ['service.yaml:5:9-11']);
  assert.deepEqual(describe(service.definition(uriOf('statefulset.yaml'), at(sts, 'storageClassName: fast-ssd', 0, 20))), ['storageclass.yaml:4:9-17']);
  assert.deepEqual(describe(service.definition(uriOf('pvc.yaml'), at(textOf('pvc.yaml'), 'fast-ssd'))), ['storageclass.yaml:4:9-17']);
  assert.deepEqual(service.definition(uriOf('statefulset.yaml'), at(sts, '- name: config', 0, 9)), [{ uri: uriOf('statefulset.yaml'), range: rangeIn(sts, '- name: config', 'config', 1) }]);
  assert.deepEqual(service.definition(uriOf('statefulset.yaml'), at(sts, '- name: data', 0, 9)), [{ uri: uriOf('statefulset.yaml'), range: rangeIn(sts, 'name: data', 'data', 1) }]);
  assert.deepEqual(service.definition(uriOf('statefulset.yaml'), at(sts, 'image: postgres')), []);
  // On the key of a reference too: F12 goes where its value points.
  assert.deepEqual(describe(service.definition(uriOf('statefulset.yaml'), at(sts, 'serviceName: db', 0, 3))), ['service.yaml:5:9-11']);
  assert.deepEqual(describe(service.definition(uriOf('statefulset.yaml'), at(sts, 'storageClassName: fast-ssd', 0, 3))), ['storageclass.yaml:4:9-17']);
  assert.deepEqual(service.definition(uriOf('statefulset.yaml'), at(sts, 'replicas: 3', 0, 3)), []);
});

test('references: a ConfigMap name finds its configMapKeyRef, envFrom and volume users; a key finds its keyed users', () => {
  const cm = textOf('configmap.yaml');
  const loc = (file: string, context: string, needle: string, occurrence = 0) => describe([{ uri: uriOf(file), range: rangeIn(textOf(file), context, needle, occurrence) }])[0];
  const users = service.references(uriOf('configmap.yaml'), at(cm, 'db-config'), false);
  assert.deepEqual(describe(users), [0, 1, 2].map((i) => loc('statefulset.yaml', 'name: db-config', 'db-config', i)).sort());
  const withDeclaration = service.references(uriOf('configmap.yaml'), at(cm, 'db-config'), true);
  assert.equal(withDeclaration.length, 4);
  // From a use, the same set.
  assert.deepEqual(describe(service.references(uriOf('statefulset.yaml'), at(sts, 'name: db-config', 1, 8), true)), describe(withDeclaration));
  const secret = textOf('secret.yaml');
  assert.deepEqual(describe(service.references(uriOf('secret.yaml'), at(secret, '  password:', 0, 3), false)), [loc('statefulset.yaml', 'key: password', 'password')]);
  assert.deepEqual(describe(service.references(uriOf('storageclass.yaml'), at(textOf('storageclass.yaml'), 'fast-ssd'), false)), [
    loc('pv.yaml', 'storageClassName: fast-ssd', 'fast-ssd'),
    loc('pvc.yaml', 'storageClassName: fast-ssd', 'fast-ssd'),
    loc('statefulset.yaml', 'storageClassName: fast-ssd', 'fast-ssd'),
  ]);
});

test('rename a ConfigMap: its definition and every configMapKeyRef, envFrom and volume user, text otherwise untouched', () => {
  const cm = textOf('configmap.yaml');
  const prepared = service.prepareRename(uriOf('configmap.yaml'), at(cm, 'db-config'));
  assert.deepEqual(prepared, { range: rangeOfText(cm, 'db-config'), placeholder: 'db-config' });
  const result = service.rename(uriOf('configmap.yaml'), at(cm, 'db-config'), 'postgres-config');
  assert.ok('edit' in result, JSON.stringify(result));
  const changed = applyWorkspaceEdit(service, result.edit);
  assert.deepEqual([...changed.keys()].map((u) => u.split('/').pop()).sort(), ['configmap.yaml', 'statefulset.yaml']);
  assert.equal(changed.get(uriOf('configmap.yaml')), cm.replace('db-config', 'postgres-config'));
  assert.equal(changed.get(uriOf('statefulset.yaml')), sts.replaceAll('name: db-config', 'name: postgres-config'));
  // The renamed workspace is still consistent.
  const renamed = createLanguageService({ schemas });
  for (const name of ['configmap.yaml', 'statefulset.yaml', 'secret.yaml', 'service.yaml', 'storageclass.yaml']) {
    renamed.setDocument(uriOf(name), changed.get(uriOf(name)) ?? textOf(name), 1);
  }
  assert.deepEqual(renamed.getDiagnostics(uriOf('statefulset.yaml')), [], summarize(renamed.getDiagnostics(uriOf('statefulset.yaml'))));
});

test('rename a Secret key from a secretKeyRef renames the key in the Secret too; a volume rename follows its mounts', () => {
  const result = service.rename(uriOf('statefulset.yaml'), at(sts, 'key: password', 0, 6), 'admin-password');
  assert.ok('edit' in result, JSON.stringify(result));
  const changed = applyWorkspaceEdit(service, result.edit);
  assert.equal(changed.get(uriOf('secret.yaml')), textOf('secret.yaml').replace('  password:', '  admin-password:'));
  assert.equal(changed.get(uriOf('statefulset.yaml')), sts.replace('key: password', 'key: admin-password'));

  const volume = service.rename(uriOf('statefulset.yaml'), at(sts, '- name: config', 1, 9), 'pg-config');
  assert.ok('edit' in volume, JSON.stringify(volume));
  assert.equal(applyWorkspaceEdit(service, volume.edit).get(uriOf('statefulset.yaml')), sts.replaceAll('- name: config', '- name: pg-config'));
});

test('rename keeps quoting and comments, and quotes a value YAML 1.1 would read as something else', () => {
  const svc = createLanguageService({ schemas });
  const cm = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: 'settings' # the app's settings\ndata:\n  mode: fast\n";
  const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: busybox\n      env:\n        - name: M\n          valueFrom:\n            configMapKeyRef: { name: settings, key: mode } # inline\n';
  svc.setDocument('file:///w/cm.yaml', cm, 1);
  svc.setDocument('file:///w/pod.yaml', pod, 1);
  const result = svc.rename('file:///w/cm.yaml', at(cm, 'settings'), 'app-settings');
  assert.ok('edit' in result);
  const changed = applyWorkspaceEdit(svc, result.edit);
  assert.equal(changed.get('file:///w/cm.yaml'), cm.replace("'settings'", "'app-settings'"));
  assert.equal(changed.get('file:///w/pod.yaml'), pod.replace('name: settings', 'name: app-settings'));
  const key = svc.rename('file:///w/pod.yaml', at(pod, 'key: mode', 0, 6), 'yes');
  assert.ok('edit' in key);
  const keyChanged = applyWorkspaceEdit(svc, key.edit);
  assert.equal(keyChanged.get('file:///w/cm.yaml'), cm.replace('  mode: fast', '  "yes": fast'));
  assert.equal(keyChanged.get('file:///w/pod.yaml'), pod.replace('key: mode', 'key: "yes"'));
});

test('prepareRename refuses positions without a symbol, undefined targets, duplicates and namespace ambiguity', () => {
  const error = (r: unknown) => (r as { error?: string }).error ?? '';
  assert.match(error(service.prepareRename(uriOf('statefulset.yaml'), at(sts, 'image: postgres', 0, 9))), /Nothing to rename here/);
  assert.match(error(service.prepareRename(uriOf('statefulset.yaml'), at(sts, 'name: db\n', 0, 7))), /Nothing to rename here/, 'a StatefulSet name is not renamed');

  const svc = createLanguageService({ schemas });
  const cm = (ns: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: shared\n${ns}data:\n  k: v\n`;
  const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: busybox\n      envFrom:\n        - configMapRef:\n            name: shared\n        - configMapRef:\n            name: external\n';
  svc.setDocument('file:///w/a.yaml', cm('  namespace: prod\n'), 1);
  svc.setDocument('file:///w/b.yaml', cm(''), 1);
  svc.setDocument('file:///w/pod.yaml', pod, 1);
  assert.match(error(svc.prepareRename('file:///w/pod.yaml', at(pod, 'external'))), /not defined in the workspace/);
  assert.match(error(svc.prepareRename('file:///w/b.yaml', at(cm(''), 'shared'))), /also exists in namespace prod, and file:\/\/\/w\/b\.yaml does not say its namespace/);
  svc.setDocument('file:///w/c.yaml', cm('  namespace: prod\n'), 1);
  assert.match(error(svc.prepareRename('file:///w/a.yaml', at(cm('  namespace: prod\n'), 'shared'))), /defined 2 times/);
});

test('rename refuses invalid names and names already taken', () => {
  const cm = textOf('configmap.yaml');
  const error = (r: unknown) => (r as { error?: string }).error ?? '';
  assert.match(error(service.rename(uriOf('configmap.yaml'), at(cm, 'db-config'), 'DB_Config')), /not a valid ConfigMap name/);
  assert.match(error(service.rename(uriOf('service.yaml'), at(textOf('service.yaml'), 'name: db', 0, 7), '1db')), /not a valid Service name/);
  assert.match(error(service.rename(uriOf('configmap.yaml'), at(cm, 'POSTGRES_USER'), 'POSTGRES_DB')), /already has a key "POSTGRES_DB"/);
  assert.match(error(service.rename(uriOf('configmap.yaml'), at(cm, 'POSTGRES_USER'), 'bad key')), /not a valid ConfigMap key/);
  assert.match(error(service.rename(uriOf('statefulset.yaml'), at(sts, '- name: config', 1, 9), 'data')), /a volume "data" already exists/);
});
