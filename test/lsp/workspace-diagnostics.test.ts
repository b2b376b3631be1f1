// Diagnostics for the whole workspace over a real LSP connection (k8sStateful.diagnostics.scope):
// a closed file gets its problems from the scan, they follow an unsaved edit of another file and a
// change on disk, go when the scope goes back to `open` and when the file is deleted; a file opened
// with the text the workspace check saw gets its diagnostics before it is parsed.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, FileChangeType } from 'vscode-languageserver-protocol/node';
import { LspTestClient } from '../helpers/lspClient';

const secret = (keys: string[]) => ['apiVersion: v1', 'kind: Secret', 'metadata:', '  name: db', 'stringData:', ...keys.map((k) => `  ${k}: x`), ''].join('\n');
const configMap = (keys: string[]) => ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', '  name: app', 'data:', ...keys.map((k) => `  ${k}: "1"`), ''].join('\n');
const POD = [
  'apiVersion: v1',
  'kind: Pod',
  'metadata:',
  '  name: reader',
  'spec:',
  '  containers:',
  '    - name: c',
  '      image: busybox',
  '      env:',
  '        - name: TOKEN',
  '          valueFrom:',
  '            secretKeyRef: { name: db, key: token }',
  '        - name: A',
  '          valueFrom:',
  '            configMapKeyRef: { name: app, key: a }',
  '',
].join('\n');

let dir: string;
let client: LspTestClient;
const path = (name: string) => join(dir, name);
const uri = (name: string) => pathToFileURL(path(name)).href;

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'k8s-ws-diagnostics-'));
  writeFileSync(path('secret.yaml'), secret(['password']));
  writeFileSync(path('configmap.yaml'), configMap(['a']));
  writeFileSync(path('pod.yaml'), POD);
});

after(async () => {
  await client?.shutdown();
  rmSync(dir, { recursive: true, force: true });
});

const codesOf = (diagnostics: Array<{ code?: unknown }>) => diagnostics.map((d) => String(d.code));
const setScope = (scope: string) =>
  client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { k8sStateful: { diagnostics: { scope } } } });

test('a closed file gets diagnostics and keeps them current (scope: workspace, the default)', async () => {
  client = new LspTestClient();
  const first = client.nextDiagnostics(uri('pod.yaml'), undefined, 60_000);
  await client.initialize(pathToFileURL(dir).href);
  assert.deepEqual(codesOf(await first), ['ref-secret-key-missing'], 'from the scan, never opened');

  // An unsaved edit of another file: the key appears, the closed file's problem goes.
  await client.open(uri('secret.yaml'), secret(['password']));
  let next = client.nextDiagnostics(uri('pod.yaml'));
  await client.change(uri('secret.yaml'), secret(['password', 'token']));
  assert.deepEqual(codesOf(await next), []);

  // A change on disk reported by the file watcher.
  writeFileSync(path('configmap.yaml'), configMap(['b']));
  next = client.nextDiagnostics(uri('pod.yaml'));
  await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uri('configmap.yaml'), type: FileChangeType.Changed }] });
  assert.deepEqual(codesOf(await next), ['ref-configmap-key-missing']);

  // Back to open files only: cleared. And back to the workspace: there again.
  next = client.nextDiagnostics(uri('pod.yaml'));
  await setScope('open');
  assert.deepEqual(codesOf(await next), []);
  next = client.nextDiagnostics(uri('pod.yaml'));
  await setScope('workspace');
  assert.deepEqual(codesOf(await next), ['ref-configmap-key-missing']);

  // Opened with the text on disk: the same problems, for this version, at once.
  const opened = await client.open(uri('pod.yaml'), POD);
  assert.deepEqual(codesOf(opened), ['ref-configmap-key-missing']);
  // Closed again: its problems stay (from the disk text).
  next = client.nextDiagnostics(uri('pod.yaml'));
  await client.close(uri('pod.yaml'));
  assert.deepEqual(codesOf(await next), ['ref-configmap-key-missing']);

  // Deleted on disk: its problems go.
  unlinkSync(path('pod.yaml'));
  next = client.nextDiagnostics(uri('pod.yaml'));
  await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uri('pod.yaml'), type: FileChangeType.Deleted }] });
  assert.deepEqual(codesOf(await next), []);
});
