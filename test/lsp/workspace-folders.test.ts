// Workspace folders added and removed after the start (workspace/didChangeWorkspaceFolders), over a
// real LSP connection: an added folder is scanned, its closed files get their problems and its
// resources answer references from elsewhere; a removed folder's closed files leave the index (their
// problems go, references to them report missing) while open documents stay; the server's own file
// watcher and the per-folder `crds` setting follow the folder set.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import {
  ConfigurationRequest,
  DefinitionRequest,
  DidChangeWorkspaceFoldersNotification,
  WorkDoneProgress,
  WorkDoneProgressCancelNotification,
  WorkDoneProgressCreateRequest,
  type Diagnostic,
  type Location,
} from 'vscode-languageserver-protocol/node';
import { generateManifest } from '../../bench/generate';
import { LspTestClient } from '../helpers/lspClient';

const secret = (name: string, keys: string[]) => ['apiVersion: v1', 'kind: Secret', 'metadata:', `  name: ${name}`, 'stringData:', ...keys.map((k) => `  ${k}: x`), ''].join('\n');
const configMap = (name: string, keys: string[]) => ['apiVersion: v1', 'kind: ConfigMap', 'metadata:', `  name: ${name}`, 'data:', ...keys.map((k) => `  ${k}: "1"`), ''].join('\n');
/** A Pod reading key `key` of the Secret `secretName` and key `a` of the ConfigMap `configMapName`. */
const pod = (name: string, secretName: string, configMapName: string) =>
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
    '        - name: TOKEN',
    '          valueFrom:',
    `            secretKeyRef: { name: ${secretName}, key: token }`,
    '        - name: A',
    '          valueFrom:',
    `            configMapKeyRef: { name: ${configMapName}, key: a }`,
    '',
  ].join('\n');

let root: string;
const path = (name: string) => join(root, name);
const uri = (name: string) => pathToFileURL(path(name)).href;
const folder = (name: string) => ({ uri: uri(name), name });
const codesOf = (diagnostics: Array<{ code?: unknown }>) => diagnostics.map((d) => String(d.code)).sort();

function write(name: string, text: string): void {
  mkdirSync(join(path(name), '..'), { recursive: true });
  writeFileSync(path(name), text);
}

/** Diagnostics of `uri` as published until `done` holds for them. */
async function publishedUntil(client: LspTestClient, uri: string, done: (d: Diagnostic[]) => boolean, first?: Diagnostic[]): Promise<Diagnostic[]> {
  let latest = first ?? (await client.nextDiagnostics(uri, undefined, 60_000));
  while (!done(latest)) latest = await client.nextDiagnostics(uri, undefined, 60_000);
  return latest;
}

const changeFolders = (client: LspTestClient, added: Array<{ uri: string; name: string }>, removed: Array<{ uri: string; name: string }>) =>
  client.connection.sendNotification(DidChangeWorkspaceFoldersNotification.type, { event: { added, removed } });

before(() => {
  root = mkdtempSync(join(tmpdir(), 'k8s-ws-folders-'));
  // Folder app: a closed Pod and an open one, both reading the Secret `db` and the ConfigMap `app` of folder shared.
  write('app/pod.yaml', pod('closed-reader', 'db', 'app'));
  write('app/open-reader.yaml', pod('open-reader', 'db', 'app'));
  // Folder shared: what app reads, and a Pod of its own that reads a Secret nobody defines.
  write('shared/secret.yaml', secret('db', ['token']));
  write('shared/configmap.yaml', configMap('app', ['a']));
  write('shared/lonely.yaml', pod('lonely', 'nowhere', 'app'));
  // In a folder the scan skips, and in one the folder's config file excludes: not read.
  write('shared/node_modules/pkg/secret.yaml', secret('nowhere', ['token']));
  write('shared/.k8s-stateful.yaml', 'exclude:\n  - generated/**\n');
  write('shared/generated/secret.yaml', secret('nowhere', ['token']));
});

after(() => rmSync(root, { recursive: true, force: true }));

test('an added folder is scanned and checked; a removed one leaves the index, open documents stay', async () => {
  const client = new LspTestClient();
  try {
    const closedBefore = client.nextDiagnostics(uri('app/pod.yaml'), undefined, 60_000);
    // No dynamic watcher registration: the server watches the folders itself.
    const init = await client.initialize(uri('app'), {}, { workspace: { workspaceFolders: true } });
    assert.deepEqual(init.capabilities.workspace?.workspaceFolders, { supported: true, changeNotifications: true });
    assert.deepEqual(codesOf(await closedBefore), ['ref-configmap-missing', 'ref-secret-missing'], 'shared is not in the workspace yet');
    const openReader = pod('open-reader', 'db', 'app');
    assert.deepEqual(codesOf(await client.open(uri('app/open-reader.yaml'), openReader)), ['ref-configmap-missing', 'ref-secret-missing']);

    // shared is added: its files are read and checked, the references into it resolve.
    const lonely = client.nextDiagnostics(uri('shared/lonely.yaml'), undefined, 60_000);
    const closedResolved = publishedUntil(client, uri('app/pod.yaml'), (d) => d.length === 0);
    const openResolved = publishedUntil(client, uri('app/open-reader.yaml'), (d) => d.length === 0);
    await changeFolders(client, [folder('shared')], []);
    assert.deepEqual(codesOf(await lonely), ['ref-secret-missing'], 'a closed file of the added folder gets its problems');
    await closedResolved;
    await openResolved;
    const line = openReader.split('\n').findIndex((l) => l.includes('secretKeyRef'));
    const definition = (await client.connection.sendRequest(DefinitionRequest.type, {
      textDocument: { uri: uri('app/open-reader.yaml') },
      position: { line, character: openReader.split('\n')[line].indexOf('db') },
    })) as Location[];
    assert.deepEqual(definition.map((l) => l.uri), [uri('shared/secret.yaml')]);

    // The server watches the added folder: a file created there on disk is read.
    const created = client.nextDiagnostics(uri('shared/later/pod.yaml'), undefined, 60_000);
    write('shared/later/pod.yaml', pod('later', 'db', 'missing-map'));
    assert.deepEqual(codesOf(await created), ['ref-configmap-missing']);

    // The ConfigMap is open when shared is removed: it stays; the closed Secret goes.
    await client.open(uri('shared/configmap.yaml'), configMap('app', ['a']));
    const lonelyCleared = client.nextDiagnostics(uri('shared/lonely.yaml'), undefined, 60_000);
    const laterCleared = client.nextDiagnostics(uri('shared/later/pod.yaml'), undefined, 60_000);
    const closedMissing = publishedUntil(client, uri('app/pod.yaml'), (d) => d.length > 0);
    const openMissing = publishedUntil(client, uri('app/open-reader.yaml'), (d) => d.length > 0);
    await changeFolders(client, [], [folder('shared')]);
    assert.deepEqual(await lonelyCleared, [], "a removed folder's problems are cleared");
    assert.deepEqual(await laterCleared, []);
    assert.deepEqual(codesOf(await closedMissing), ['ref-secret-missing'], 'the Secret went with its folder; the open ConfigMap stayed');
    assert.deepEqual(codesOf(await openMissing), ['ref-secret-missing']);
    const gone = (await client.connection.sendRequest(DefinitionRequest.type, {
      textDocument: { uri: uri('app/open-reader.yaml') },
      position: { line, character: openReader.split('\n')[line].indexOf('db') },
    })) as Location[];
    assert.deepEqual(gone, []);

    // Added again: read again (the watcher and the scan follow the folder set both ways).
    const back = publishedUntil(client, uri('app/pod.yaml'), (d) => d.length === 0);
    const lonelyBack = client.nextDiagnostics(uri('shared/lonely.yaml'), undefined, 60_000);
    await changeFolders(client, [folder('shared')], []);
    await back;
    assert.deepEqual(codesOf(await lonelyBack), ['ref-secret-missing']);
  } finally {
    await client.shutdown();
  }
});

test("an added folder's own crds setting gives its CRDs; removing the folder takes them away", async () => {
  const examples = join(process.cwd(), 'examples');
  const crdText = readFileSync(join(examples, 'crds/backup-crd.yaml'), 'utf8');
  const brokenCr = readFileSync(join(examples, 'mistakes/custom-resource.yaml'), 'utf8');
  write('crs/backup.yaml', brokenCr);
  write('operator/config/placeholder.yaml', configMap('placeholder', ['a']));
  write('operator/vendor-crds/backup-crd.yaml', crdText);
  const client = new LspTestClient();
  // Only the operator folder names CRDs (relative to itself); unscoped, nothing.
  client.connection.onRequest(ConfigurationRequest.type, (params) =>
    params.items.map((item) => (item.scopeUri === uri('operator/config') ? { crds: ['../vendor-crds'] } : { crds: [] })),
  );
  try {
    await client.initialize(uri('crs'), {}, { workspace: { workspaceFolders: true, configuration: true } });
    const cr = uri('crs/backup.yaml');
    const schemaFindings = (d: Diagnostic[]) => d.filter((x) => x.code === 'schema').length;
    await publishedUntil(client, cr, (d) => codesOf(d).join() === 'kind-without-schema');

    await changeFolders(client, [folder('operator/config')], []);
    await publishedUntil(client, cr, (d) => schemaFindings(d) === 3);

    await changeFolders(client, [], [folder('operator/config')]);
    await publishedUntil(client, cr, (d) => codesOf(d).join() === 'kind-without-schema');
  } finally {
    await client.shutdown();
  }
});

test('a client that offers to register file watchers and then refuses: the server watches the folders itself, added ones included', async () => {
  const client = new LspTestClient(); // answers client/registerCapability with "unhandled method"
  try {
    await client.initialize(uri('app'), {}, { workspace: { workspaceFolders: true, didChangeWatchedFiles: { dynamicRegistration: true } } });
    const lonely = client.nextDiagnostics(uri('shared/lonely.yaml'), undefined, 60_000);
    await changeFolders(client, [folder('shared')], []);
    assert.deepEqual(codesOf(await lonely), ['ref-secret-missing']);
    const created = client.nextDiagnostics(uri('shared/refused/pod.yaml'), undefined, 60_000);
    write('shared/refused/pod.yaml', pod('refused', 'db', 'missing-map'));
    assert.deepEqual(codesOf(await created), ['ref-configmap-missing']);
  } finally {
    await client.shutdown();
  }
});

test('the scan of a large added folder shows window progress, and cancelling it stops the scan', async () => {
  // Large enough that reading and indexing it outlasts the progress's 500 ms delay (workProgress.ts).
  for (let i = 0; i < 1_500; i++) write(`big/team-${String(Math.floor(i / 100)).padStart(2, '0')}/app-${i}.yaml`, generateManifest(1, i).text);
  const client = new LspTestClient();
  const titles: string[] = [];
  let bigEnded: () => void;
  const bigEnd = new Promise<void>((resolve) => (bigEnded = resolve));
  client.connection.onRequest(WorkDoneProgressCreateRequest.type, ({ token }) => {
    let title = '';
    client.connection.onProgress(WorkDoneProgress.type, token, (value) => {
      if (value.kind === 'begin') {
        title = value.title;
        titles.push(title);
        // Cancelled as soon as it shows, as a user would from the progress notification.
        if (title === 'Kubernetes: reading big') void client.connection.sendNotification(WorkDoneProgressCancelNotification.type, { token });
      } else if (value.kind === 'end' && title === 'Kubernetes: reading big') bigEnded();
    });
  });
  try {
    await client.initialize(uri('app'), {}, { workspace: { workspaceFolders: true }, window: { workDoneProgress: true } });
    const logged = (async () => {
      for (;;) {
        const { message } = (await client.nextNotification('window/logMessage', 120_000)) as { message: string };
        if (/indexed \d+ Kubernetes file.*\(cancelled/.test(message)) return message;
      }
    })();
    await changeFolders(client, [folder('big')], []);
    const message = await logged;
    const files = Number(/indexed (\d+)/.exec(message)![1]);
    assert.ok(files < 1_500, message);
    assert.ok(titles.includes('Kubernetes: reading big'), titles.join());
    await bigEnd; // the progress ends
    // The server goes on: the scan is over, and the workspace answers as before.
    const status = await client.request<{ scanning: boolean }>('k8sStateful/workspaceStatus');
    assert.equal(status.scanning, false);
  } finally {
    await client.shutdown();
  }
});
