// Cross-file semantics over a real LSP connection: the workspace is indexed from disk at start,
// diagnostics follow unsaved edits of other open documents, watched-file events and closes, and
// definition / references / rename work across files.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import {
  CompletionRequest,
  DefinitionRequest,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  PrepareRenameRequest,
  ReferencesRequest,
  RenameRequest,
  type CompletionList,
  type Diagnostic,
  type Location,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { LspTestClient } from '../helpers/lspClient';
import { rangeOfText } from '../helpers/service';

const examples = join(process.cwd(), 'examples');
const uriOf = (path: string) => pathToFileURL(join(examples, path)).href;
const textOf = (path: string) => readFileSync(join(examples, path), 'utf8');
let client: LspTestClient;

before(async () => {
  client = new LspTestClient();
  await client.initialize(pathToFileURL(examples).href);
});

after(async () => {
  await client.shutdown();
});

const codes = (diagnostics: Diagnostic[]) => diagnostics.map((d) => String(d.code));

/** Waits for the next diagnostics of `uri` that satisfy `accept` (re-publishes may come first). */
function diagnosticsUntil(uri: string, accept: (d: Diagnostic[]) => boolean): Promise<Diagnostic[]> {
  return publishedUntil(client, uri, accept);
}

/** Waits for the next diagnostics of `uri` published to `lsp` that satisfy `accept`. */
async function publishedUntil(lsp: LspTestClient, uri: string, accept: (d: Diagnostic[]) => boolean, step = ''): Promise<Diagnostic[]> {
  const seen: string[] = [];
  try {
    for (;;) {
      const diagnostics = await lsp.nextDiagnostics(uri);
      if (accept(diagnostics)) return diagnostics;
      seen.push(JSON.stringify(codes(diagnostics)));
    }
  } catch (error) {
    throw new Error(`${step}: ${(error as Error).message}; published meanwhile: ${seen.join(' ') || 'nothing'}`);
  }
}

function at(text: string, needle: string, occurrence = 0, offset = 1) {
  const start = rangeOfText(text, needle, occurrence).start;
  return { line: start.line, character: start.character + offset };
}

test('files that are not open are indexed from disk: the StatefulSet alone resolves its ConfigMap, Secret and Service', async () => {
  assert.deepEqual(await client.open(uriOf('postgres/statefulset.yaml'), textOf('postgres/statefulset.yaml')), []);
});

test('ref-secret-key-missing across files clears when the key is added to the open Secret, without saving', async () => {
  const jobUri = uriOf('mistakes/missing-secret-key.yaml');
  const jobText = textOf('mistakes/missing-secret-key.yaml');
  const first = await client.open(jobUri, jobText);
  assert.deepEqual(codes(first), ['ref-secret-key-missing']);
  assert.deepEqual(first[0].range, rangeOfText(jobText, 'admin-password', 1));
  assert.equal(first[0].codeDescription?.href, pathToFileURL(join(process.cwd(), 'docs/rules/ref-secret-key-missing.md')).href);

  const secretUri = uriOf('postgres/secret.yaml');
  const secretText = textOf('postgres/secret.yaml');
  assert.deepEqual(await client.open(secretUri, secretText), []);
  const cleared = diagnosticsUntil(jobUri, (d) => !codes(d).includes('ref-secret-key-missing'));
  await client.change(secretUri, secretText + '  admin-password: c2VjcmV0\n');
  assert.deepEqual(await cleared, []);

  // Undo the edit: the finding comes back; closing the Secret (disk text lacks the key) keeps it.
  const back = diagnosticsUntil(jobUri, (d) => codes(d).includes('ref-secret-key-missing'));
  await client.change(secretUri, secretText);
  assert.deepEqual(codes(await back), ['ref-secret-key-missing']);
  await client.close(secretUri);
  await client.close(jobUri);
});

test('sts-service-not-headless: a StatefulSet whose serviceName names a ClusterIP Service', async () => {
  const uri = uriOf('mistakes/statefulset-service-not-headless.yaml');
  const text = textOf('mistakes/statefulset-service-not-headless.yaml');
  const diagnostics = await client.open(uri, text);
  assert.deepEqual(codes(diagnostics), ['sts-service-not-headless']);
  const serviceName = at(text, 'serviceName: kv', 0, 'serviceName: '.length);
  assert.deepEqual(diagnostics[0].range, { start: serviceName, end: { line: serviceName.line, character: serviceName.character + 2 } });
  const fixed = await client.change(uri, text.replace('spec:\n  selector:\n    app: kv', 'spec:\n  clusterIP: None\n  selector:\n    app: kv'));
  assert.deepEqual(fixed, []);
  await client.close(uri);
});

test('settings pushed with didChangeConfiguration change severities and re-publish open documents', async () => {
  const uri = uriOf('mistakes/statefulset-service-not-headless.yaml');
  const text = textOf('mistakes/statefulset-service-not-headless.yaml');
  assert.deepEqual(codes(await client.open(uri, text)), ['sts-service-not-headless']);
  const off = diagnosticsUntil(uri, (d) => d.length === 0);
  await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { k8sStateful: { rules: { 'sts-service-not-headless': 'off' } } } });
  assert.deepEqual(await off, []);
  const warning = diagnosticsUntil(uri, (d) => d.length === 1);
  await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { k8sStateful: { rules: { 'sts-service-not-headless': 'warning' } } } });
  assert.equal((await warning)[0].severity, 2);
  await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { k8sStateful: {} } });
  await client.close(uri);
});

test('definition and references across files', async () => {
  const stsUri = uriOf('postgres/statefulset.yaml');
  const sts = textOf('postgres/statefulset.yaml');
  const definition = (await client.connection.sendRequest(DefinitionRequest.type, {
    textDocument: { uri: stsUri },
    position: at(sts, 'key: password', 0, 6),
  })) as Location[];
  assert.deepEqual(definition, [{ uri: uriOf('postgres/secret.yaml'), range: { start: { line: 8, character: 2 }, end: { line: 8, character: 10 } } }]);
  assert.equal(textOf('postgres/secret.yaml').split('\n')[8].slice(2, 10), 'password');

  const references = (await client.connection.sendRequest(ReferencesRequest.type, {
    textDocument: { uri: uriOf('postgres/configmap.yaml') },
    position: at(textOf('postgres/configmap.yaml'), 'db-config'),
    context: { includeDeclaration: true },
  })) as Location[];
  assert.deepEqual(references.map((l) => l.uri.split('/').pop()).sort(), ['configmap.yaml', 'statefulset.yaml', 'statefulset.yaml', 'statefulset.yaml']);
});

test('rename a ConfigMap edits its definition and its configMapKeyRef, envFrom and volume users; refusals carry a reason', async () => {
  const cmUri = uriOf('postgres/configmap.yaml');
  const cm = textOf('postgres/configmap.yaml');
  const prepared = await client.connection.sendRequest(PrepareRenameRequest.type, { textDocument: { uri: cmUri }, position: at(cm, 'db-config') });
  assert.deepEqual(prepared, { range: rangeOfText(cm, 'db-config'), placeholder: 'db-config' });
  const edit = (await client.connection.sendRequest(RenameRequest.type, { textDocument: { uri: cmUri }, position: at(cm, 'db-config'), newName: 'pg-config' })) as WorkspaceEdit;
  const changes = edit.changes ?? {};
  assert.deepEqual(Object.keys(changes).map((u) => u.split('/').pop()).sort(), ['configmap.yaml', 'statefulset.yaml']);
  assert.equal(changes[uriOf('postgres/statefulset.yaml')].length, 3);
  assert.ok(changes[uriOf('postgres/statefulset.yaml')].every((e) => e.newText === 'pg-config'));

  await assert.rejects(
    client.connection.sendRequest(PrepareRenameRequest.type, { textDocument: { uri: cmUri }, position: at(cm, 'apiVersion') }),
    /Nothing to rename here/,
  );
});

test('nearest scope first: definition lists the own folder\'s ConfigMap first, rename leaves the copy of the app alone', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'k8s-lsp-scopes-'));
  const other = new LspTestClient();
  try {
    const configMap = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app-config\ndata:\n  level: debug\n';
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n    - name: app\n      image: app:1\n      envFrom:\n        - configMapRef:\n            name: app-config\n';
    for (const copy of ['a-copy', 'b']) {
      mkdirSync(join(dir, 'apps', copy), { recursive: true });
      writeFileSync(join(dir, 'apps', copy, 'cm.yaml'), configMap);
      writeFileSync(join(dir, 'apps', copy, 'pod.yaml'), pod);
    }
    const uri = (path: string) => pathToFileURL(join(dir, path)).href;
    await other.initialize(pathToFileURL(dir).href);
    await other.open(uri('apps/b/pod.yaml'), pod);
    const definition = (await other.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: uri('apps/b/pod.yaml') }, position: at(pod, 'app-config') })) as Location[];
    assert.deepEqual(definition.map((l) => l.uri), [uri('apps/b/cm.yaml'), uri('apps/a-copy/cm.yaml')]);
    const edit = (await other.connection.sendRequest(RenameRequest.type, { textDocument: { uri: uri('apps/b/pod.yaml') }, position: at(pod, 'app-config'), newName: 'b-config' })) as WorkspaceEdit;
    assert.deepEqual(Object.keys(edit.changes ?? {}).sort(), [uri('apps/b/cm.yaml'), uri('apps/b/pod.yaml')]);
  } finally {
    await other.shutdown();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('Kustomize generated names over LSP: definition lands on the generator in the closed kustomization.yaml, references and rename follow, completion offers them', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'k8s-lsp-generators-'));
  const other = new LspTestClient();
  try {
    const kustomization = 'namespace: shop\nnamePrefix: dev-\nresources:\n  - pod.yaml\nconfigMapGenerator:\n  - name: app-config\n    literals:\n      - LEVEL=debug\n';
    const pod =
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n    - name: app\n      image: app:1\n      env:\n        - name: LEVEL\n          valueFrom:\n            configMapKeyRef:\n              name: app-config\n              key: LEVEL\n';
    mkdirSync(join(dir, 'app'));
    writeFileSync(join(dir, 'app', 'kustomization.yaml'), kustomization);
    writeFileSync(join(dir, 'app', 'pod.yaml'), pod);
    const uri = (path: string) => pathToFileURL(join(dir, path)).href;
    await other.initialize(pathToFileURL(dir).href);
    // The scan reads kustomization.yaml although it has no apiVersion/kind; the generated ConfigMap
    // resolves in the kustomization's namespace, with its prefix and hash: no finding.
    assert.deepEqual(await other.open(uri('app/pod.yaml'), pod), []);
    const definition = (await other.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: uri('app/pod.yaml') }, position: at(pod, 'app-config') })) as Location[];
    assert.deepEqual(definition, [{ uri: uri('app/kustomization.yaml'), range: rangeOfText(kustomization, 'app-config') }]);
    const key = (await other.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: uri('app/pod.yaml') }, position: at(pod, 'key: LEVEL', 0, 6) })) as Location[];
    assert.deepEqual(key, [{ uri: uri('app/kustomization.yaml'), range: rangeOfText(kustomization, 'LEVEL') }]);
    const references = (await other.connection.sendRequest(ReferencesRequest.type, {
      textDocument: { uri: uri('app/kustomization.yaml') },
      position: at(kustomization, 'app-config'),
      context: { includeDeclaration: false },
    })) as Location[];
    assert.deepEqual(references, [{ uri: uri('app/pod.yaml'), range: rangeOfText(pod, 'app-config') }]);
    const edit = (await other.connection.sendRequest(RenameRequest.type, { textDocument: { uri: uri('app/pod.yaml') }, position: at(pod, 'app-config'), newName: 'web-config' })) as WorkspaceEdit;
    assert.deepEqual(edit.changes, {
      [uri('app/kustomization.yaml')]: [{ range: rangeOfText(kustomization, 'app-config'), newText: 'web-config' }],
      [uri('app/pod.yaml')]: [{ range: rangeOfText(pod, 'app-config'), newText: 'web-config' }],
    });
    const typing = pod.replace('name: app-config', 'name: ');
    await other.change(uri('app/pod.yaml'), typing);
    const completion = (await other.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: uri('app/pod.yaml') }, position: at(typing, 'name: \n', 0, 6) })) as CompletionList;
    assert.deepEqual(completion.items.map((i) => i.label), ['app-config']);
  } finally {
    await other.shutdown();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a separate workspace: watched-file changes and closing an edited document bring the disk text back', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'k8s-lsp-ws-'));
  const other = new LspTestClient();
  try {
    const cmPath = join(dir, 'configmap.yaml');
    const cmText = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app\ndata:\n  mode: fast\n';
    writeFileSync(cmPath, cmText);
    await other.initialize(pathToFileURL(dir).href);
    const podUri = pathToFileURL(join(dir, 'pod.yaml')).href;
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: busybox\n      env:\n        - name: LEVEL\n          valueFrom:\n            configMapKeyRef:\n              name: app\n              key: level\n';
    assert.deepEqual(codes(await other.open(podUri, pod)), ['ref-configmap-key-missing']);

    // The key is added on disk (another tool, a git checkout): the watcher tells the server.
    writeFileSync(cmPath, cmText + '  level: debug\n');
    const clean = publishedUntil(other, podUri, (d) => d.length === 0, 'after the watched-file change');
    await other.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: pathToFileURL(cmPath).href, type: FileChangeType.Changed }] });
    assert.deepEqual(await clean, []);

    // Open the ConfigMap and delete the key without saving: the pod is reported again...
    const cmUri = pathToFileURL(cmPath).href;
    await other.open(cmUri, cmText + '  level: debug\n');
    // (Re-publishes of unchanged results may arrive first: wait for the expected state.)
    const missing = publishedUntil(other, podUri, (d) => d.length > 0, 'after the unsaved deletion');
    await other.change(cmUri, cmText);
    assert.deepEqual(codes(await missing), ['ref-configmap-key-missing']);
    // ...and closing without saving restores the disk text, which has the key.
    const restored = publishedUntil(other, podUri, (d) => d.length === 0, 'after closing without saving');
    await other.close(cmUri);
    assert.deepEqual(await restored, []);
  } finally {
    await other.shutdown();
    rmSync(dir, { recursive: true, force: true });
  }
});
