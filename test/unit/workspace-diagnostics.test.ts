// Diagnostics of closed workspace files (k8sStateful.diagnostics.scope = workspace): the same
// findings as with every file open (what the CLI reports), and re-checked only when something
// they depend on changed — counted by the parses of closed files the service makes.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { createLanguageService, type LanguageService } from '../../server/src/service';
import { repoRoot, schemas, yamlFiles } from '../helpers/service';
import { deepestFirst } from '../../server/src/workspaceScan';

const FOLDERS = ['examples/postgres', 'examples/mistakes', 'test/fixtures/seeds', 'test/fixtures/cli/errors', 'test/fixtures/cli/warnings'];

test('closed files get the findings they get when every file is open', () => {
  for (const folder of FOLDERS) {
    const files = yamlFiles(join(repoRoot, folder)).map((path) => ({ uri: pathToFileURL(path).href, text: readFileSync(path, 'utf8') }));
    const allOpen = createLanguageService({ schemas });
    const allClosed = createLanguageService({ schemas });
    for (const file of files) {
      allOpen.setDocument(file.uri, file.text, 1);
      allClosed.workspaceDocument(file.uri, file.text);
    }
    let findings = 0;
    for (const file of files) {
      const expected = allOpen.getDiagnostics(file.uri);
      findings += expected.length;
      assert.deepEqual(allClosed.getDiagnostics(file.uri), expected, file.uri);
    }
    assert.ok(folder === 'examples/postgres' || findings > 0, `${folder} has findings to compare`);
  }
});

test('checked batch by batch while indexing (the scan), then complete: the findings of every file open, each file parsed about once', () => {
  for (const folder of FOLDERS) {
    const files = yamlFiles(join(repoRoot, folder)).map((path) => ({ uri: pathToFileURL(path).href, text: readFileSync(path, 'utf8') }));
    const allOpen = createLanguageService({ schemas });
    for (const file of files) allOpen.setDocument(file.uri, file.text, 1);
    const scanned = createLanguageService({ schemas });
    for (let at = 0; at < files.length; at += 3) {
      const batch = files.slice(at, at + 3);
      for (const file of batch) scanned.workspaceDocument(file.uri, file.text);
      scanned.indexAndCheck(batch.map((file) => file.uri));
    }
    assert.equal(scanned.documents.closedParses, files.length, `${folder}: one parse per file while scanning`);
    for (const file of files) assert.deepEqual(scanned.getDiagnostics(file.uri), allOpen.getDiagnostics(file.uri), file.uri);
    // Only the files whose lookups got new answers after their batch (a later file defined what they named) are parsed again.
    assert.ok(scanned.documents.closedParses < 2 * files.length, `${folder}: ${scanned.documents.closedParses} parses for ${files.length} files`);
  }
});

const secret = (keys: string[]) => ['apiVersion: v1', 'kind: Secret', 'metadata:', '  name: db-credentials', 'stringData:', ...keys.map((k) => `  ${k}: x`)].join('\n');
const configMap = (name: string) => ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', `  name: ${name}`, 'data:', '  a: "1"'].join('\n');
const pod = (name: string, configMapName: string) =>
  [
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    `  name: ${name}`,
    'spec:',
    '  containers:',
    '    - name: c',
    '      image: busybox',
    '      env:',
    '        - name: PASSWORD',
    '          valueFrom:',
    '            secretKeyRef:',
    '              name: db-credentials',
    '              key: password',
    '        - name: A',
    '          valueFrom:',
    '            configMapKeyRef:',
    `              name: ${configMapName}`,
    '              key: a',
  ].join('\n');

const uri = (name: string) => `file:///ws/${name}.yaml`;
const codes = (service: LanguageService, name: string) => service.getDiagnostics(uri(name)).map((d) => d.code);

/** A Secret, 20 ConfigMaps and 20 Pods (each reading the Secret and its own ConfigMap), all closed and checked once. */
function workspace(): LanguageService {
  const service = createLanguageService({ schemas });
  service.workspaceDocument(uri('secret'), secret(['password']));
  for (let i = 0; i < 20; i++) {
    service.workspaceDocument(uri(`cm-${i}`), configMap(`config-${i}`));
    service.workspaceDocument(uri(`pod-${i}`), pod(`pod-${i}`, `config-${i}`));
  }
  for (const u of service.closedDocuments()) service.getDiagnostics(u);
  return service;
}

/** Checks every closed file again; returns how many closed files were parsed to do it. */
function recheck(service: LanguageService): number {
  const before = service.documents.closedParses;
  for (const u of service.closedDocuments()) service.getDiagnostics(u);
  return service.documents.closedParses - before;
}

test('asking again re-checks nothing when nothing changed', () => {
  const service = workspace();
  const before = new Map(service.closedDocuments().map((u) => [u, service.getDiagnostics(u)]));
  assert.equal(recheck(service), 0);
  for (const [u, diagnostics] of before) assert.equal(service.getDiagnostics(u), diagnostics, `${u}: the same array`);
});

test('a key removed from a closed Secret on disk flags every closed file reading it, and nothing else is re-parsed', () => {
  const service = workspace();
  assert.deepEqual(codes(service, 'pod-3'), []);
  service.workspaceDocument(uri('secret'), secret(['username']));
  // The Secret (indexed, then checked) and the 20 Pods that look it up by name; not the 20 ConfigMaps.
  assert.equal(recheck(service), 2 + 20);
  for (let i = 0; i < 20; i++) assert.deepEqual(codes(service, `pod-${i}`), ['ref-secret-key-missing']);
  assert.equal(recheck(service), 0);
});

test('an edit in an open file re-checks only the closed files that looked up what it changed', () => {
  const service = workspace();
  // Open ConfigMap 5 with the text on disk, then rename it in the editor.
  service.setDocument(uri('cm-5'), configMap('config-5'), 1);
  assert.equal(recheck(service), 1, 'opening with the same text: only pod-5 (it looked up config-5) is re-checked');
  service.setDocument(uri('cm-5'), configMap('config-5-renamed'), 2);
  assert.equal(recheck(service), 1, 'the rename: only pod-5');
  assert.deepEqual(codes(service, 'pod-5'), ['ref-configmap-missing']);
  assert.deepEqual(codes(service, 'pod-6'), []);
  // Another ConfigMap appears: the Pods that found theirs by name are not re-checked; pod-5, whose
  // missing reference looked at every ConfigMap (for a "did you mean"), is.
  service.setDocument(uri('new'), configMap('unrelated'), 1);
  assert.equal(recheck(service), 1);
  // The renamed one comes back: pod-5 is clean again.
  service.setDocument(uri('cm-5'), configMap('config-5'), 3);
  assert.equal(recheck(service), 1);
  assert.deepEqual(codes(service, 'pod-5'), []);
});

test('a deleted file: its readers are re-checked, the rest are not', () => {
  const service = workspace();
  service.removeDocument(uri('cm-9'));
  assert.equal(recheck(service), 1);
  assert.deepEqual(codes(service, 'pod-9'), ['ref-configmap-missing']);
});

test('a file added or removed elsewhere keeps kept findings; a new Kustomize application re-checks its files, judged in their new scope', () => {
  const service = workspace();
  // A file in another folder tree changes the scope model, but not what /ws files see.
  service.workspaceDocument('file:///other/app/cm.yaml', configMap('elsewhere'));
  assert.equal(recheck(service), 2, 'only the new file (indexed, then checked)');
  service.removeDocument('file:///other/app/cm.yaml');
  assert.equal(recheck(service), 0);
  // A kustomization now makes pod-2 and cm-2 one application: they are judged in it (the Secret is outside).
  const kustomization = ['apiVersion: kustomize.config.k8s.io/v1beta1', 'kind: Kustomization', 'resources:', '  - pod-2.yaml', '  - cm-2.yaml'].join('\n');
  service.workspaceDocument(uri('kustomization'), kustomization);
  assert.ok(recheck(service) >= 2, "the application's files are re-checked");
  const everyFileOpen = createLanguageService({ schemas });
  for (const u of service.closedDocuments()) everyFileOpen.setDocument(u, service.documents.storedText(u)!.text, 1);
  for (const u of service.closedDocuments()) assert.deepEqual(service.getDiagnostics(u), everyFileOpen.getDiagnostics(u), u);
  assert.notDeepEqual(codes(service, 'pod-2'), [], "the Secret is outside pod-2's application");
});

test('settings changes re-check every file; the same settings again re-check nothing more', () => {
  const service = workspace();
  service.configure({ rules: { 'ref-secret-key-missing': 'off' } });
  assert.equal(recheck(service), service.closedDocuments().length);
  assert.equal(recheck(service), 0);
});

test('kept findings of a closed file: given for its current text while current, not for another text', () => {
  const service = workspace();
  service.workspaceDocument(uri('secret'), secret(['username']));
  // Not checked since the Secret changed: pod-1's findings are stale, so none are given.
  assert.equal(service.keptDiagnostics(uri('pod-1'), pod('pod-1', 'config-1')), undefined);
  const checked = service.getDiagnostics(uri('pod-1'));
  const parses = service.documents.closedParses;
  assert.equal(service.keptDiagnostics(uri('pod-1'), pod('pod-1', 'config-1')), checked);
  assert.equal(service.keptDiagnostics(uri('pod-1'), pod('pod-1', 'config-2')), undefined);
  assert.equal(service.documents.closedParses, parses, 'nothing parsed to answer');
});

test('a closed custom resource is checked again when its CRD changes, and answers as with every file open', () => {
  const crd = readFileSync(join(repoRoot, 'examples/crds/backup-crd.yaml'), 'utf8');
  const backup = readFileSync(join(repoRoot, 'examples/crds/backup.yaml'), 'utf8').replace('retentionDays: 14', 'retentionDays: fourteen');
  const closed = createLanguageService({ schemas });
  closed.workspaceDocument(uri('crd'), crd);
  closed.workspaceDocument(uri('backup'), backup);
  const withCrd = closed.getDiagnostics(uri('backup'));
  assert.ok(withCrd.some((d) => d.message.includes('retentionDays')), `checked against the CRD: ${JSON.stringify(withCrd)}`);
  closed.removeDocument(uri('crd'));
  const withoutCrd = closed.getDiagnostics(uri('backup'));
  const open = createLanguageService({ schemas });
  open.setDocument(uri('backup'), backup, 1);
  assert.deepEqual(withoutCrd, open.getDiagnostics(uri('backup')));
  assert.notDeepEqual(withoutCrd, withCrd);
});

/** A monorepo of six independent apps (more than four folders: each is its own scope), each a Pod reading ConfigMap "config" and that ConfigMap. */
function monorepo(): LanguageService {
  const service = createLanguageService({ schemas });
  for (let i = 0; i < 6; i++) {
    service.workspaceDocument(`file:///mono/app-${i}/pod.yaml`, pod(`pod-${i}`, 'config'));
    service.workspaceDocument(`file:///mono/app-${i}/cm.yaml`, configMap('config'));
  }
  for (const u of service.closedDocuments()) service.getDiagnostics(u);
  return service;
}

test("a resource named like one another application uses re-checks nothing there: the lookup's version moved, what each scope sees of it did not", () => {
  const service = monorepo();
  service.workspaceDocument('file:///mono/app-6/cm.yaml', configMap('config'));
  assert.equal(recheck(service), 2, 'only the new file (indexed, then checked), not the six Pods and ConfigMaps that looked up "config"');
  // The same name added inside app-0 is in the scope of app-0's files: those are checked again.
  service.workspaceDocument('file:///mono/app-0/cm-copy.yaml', configMap('config'));
  assert.ok(recheck(service) >= 2 + 2, "app-0's Pod and ConfigMap are re-checked");
  const everyFileOpen = createLanguageService({ schemas });
  for (const u of service.closedDocuments()) everyFileOpen.setDocument(u, service.documents.storedText(u)!.text, 1);
  for (const u of service.closedDocuments()) assert.deepEqual(service.getDiagnostics(u), everyFileOpen.getDiagnostics(u), u);
});

test('the scan stores every file first (kept out of the index until its batch), then checks deepest folders first: each file is parsed once', () => {
  const files = [
    // A Pod at the top reads a ConfigMap two folders down; the ConfigMap's folder is checked first.
    { uri: 'file:///t/app.yaml', text: pod('top', 'deep-config') },
    { uri: 'file:///t/a/b/cm.yaml', text: configMap('deep-config') },
    { uri: 'file:///t/a/pod.yaml', text: pod('middle', 'missing-config') },
    { uri: 'file:///t/a/b/secret.yaml', text: secret(['password']) },
  ];
  const service = createLanguageService({ schemas });
  for (const file of files) service.workspaceDocument(file.uri, file.text, { deferIndexing: true });
  assert.deepEqual(service.index.ofKind('ConfigMap'), [], 'stored, not indexed yet');
  assert.equal(service.documents.closedParses, 0);
  const order = files.map((f) => f.uri);
  deepestFirst(order);
  assert.deepEqual(order, ['file:///t/a/b/cm.yaml', 'file:///t/a/b/secret.yaml', 'file:///t/a/pod.yaml', 'file:///t/app.yaml']);
  for (let at = 0; at < order.length; at += 2) service.indexAndCheck(order.slice(at, at + 2));
  service.endDeferredIndexing();
  const allOpen = createLanguageService({ schemas });
  for (const file of files) allOpen.setDocument(file.uri, file.text, 1);
  for (const file of files) assert.deepEqual(service.getDiagnostics(file.uri), allOpen.getDiagnostics(file.uri), file.uri);
  assert.equal(service.documents.closedParses, files.length, 'no file parsed a second time');
});

test('a cancelled scan forgets the files it stored but never indexed', () => {
  const service = createLanguageService({ schemas });
  service.workspaceDocument(uri('cm-a'), configMap('a'), { deferIndexing: true });
  service.workspaceDocument(uri('cm-b'), configMap('b'), { deferIndexing: true });
  service.indexAndCheck([uri('cm-a')]);
  service.endDeferredIndexing({ drop: true });
  assert.deepEqual(service.closedDocuments(), [uri('cm-a')]);
  assert.deepEqual(service.index.ofKind('ConfigMap').map((e) => e.name), ['a']);
});

test('the index says which lookups an edit changed; after a rebuild it says it does not know', () => {
  const service = workspace();
  const generation = service.index.generation;
  assert.deepEqual([...service.index.changedSince(generation)!], []);
  service.workspaceDocument(uri('cm-4'), configMap('config-4').replace('a: "1"', 'a: "2"'));
  service.index.refresh();
  assert.deepEqual([...service.index.changedSince(generation)!].sort(), ['ConfigMap', 'ConfigMap\u0000config-4']);
  service.workspaceDocument(uri('cm-new'), configMap('config-new'));
  service.index.refresh();
  assert.deepEqual([...service.index.changedSince(generation)!].sort(), ['ConfigMap', 'ConfigMap\u0000config-4', 'ConfigMap\u0000config-new']);
  service.configure({ defaultNamespace: 'other' });
  service.index.refresh();
  assert.equal(service.index.changedSince(generation), undefined);
});
