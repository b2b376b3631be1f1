// A folder deleted, renamed or created on disk, over a real LSP connection: the watcher reports the
// folder, not each file in it. The closed files of a deleted folder leave the index (their
// resources no longer answer references elsewhere) and the Problems view (their diagnostics are
// cleared); a created folder is scanned. Both through the client's events (didChangeWatchedFiles
// with the folder's URI, as VS Code sends them) and through the server's own watcher.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { DidChangeWatchedFilesNotification, FileChangeType, RegistrationRequest, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { LspTestClient } from '../helpers/lspClient';

const STATEFUL_SET = [
  'apiVersion: apps/v1',
  'kind: StatefulSet',
  'metadata:',
  '  name: db',
  'spec:',
  '  serviceName: db',
  '  replicas: 1',
  '  selector:',
  '    matchLabels:',
  '      app: db',
  '  template:',
  '    metadata:',
  '      labels:',
  '        app: db',
  '    spec:',
  '      containers:',
  '        - name: db',
  '          image: postgres:16',
  '',
].join('\n');
const SERVICE = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: db\nspec:\n  clusterIP: None\n  selector:\n    app: db\n  ports:\n    - port: 5432\n';
// A file with a finding of its own, so the deleted folder had something in the Problems view.
const BAD_CONFIG_MAP = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  "bad key": x\n';

function workspace(): { dir: string; path: (name: string) => string; uri: (name: string) => string } {
  const dir = mkdtempSync(join(tmpdir(), 'k8s-lsp-folders-'));
  mkdirSync(join(dir, 'app'));
  mkdirSync(join(dir, 'services'));
  writeFileSync(join(dir, 'app', 'statefulset.yaml'), STATEFUL_SET);
  writeFileSync(join(dir, 'services', 'service.yaml'), SERVICE);
  writeFileSync(join(dir, 'services', 'settings.yaml'), BAD_CONFIG_MAP);
  return { dir, path: (name) => join(dir, name), uri: (name) => pathToFileURL(join(dir, name)).href };
}

const codes = (diagnostics: Diagnostic[]) => diagnostics.map((d) => String(d.code));

/** The next diagnostics published for `uri` that satisfy `accept` (earlier re-publishes are skipped). */
async function until(client: LspTestClient, uri: string, accept: (d: Diagnostic[]) => boolean, step: string): Promise<Diagnostic[]> {
  const seen: string[] = [];
  try {
    for (;;) {
      const diagnostics = await client.nextDiagnostics(uri, undefined, 20_000);
      if (accept(diagnostics)) return diagnostics;
      seen.push(JSON.stringify(codes(diagnostics)));
    }
  } catch (error) {
    throw new Error(`${step}: ${(error as Error).message}; published meanwhile: ${seen.join(' ') || 'nothing'}`);
  }
}

test('didChangeWatchedFiles with a deleted folder\'s URI drops its files: their references go, their problems are cleared; a created folder is scanned', async () => {
  const { dir, path, uri } = workspace();
  const client = new LspTestClient();
  try {
    // A client that watches for the server (as VS Code does): the server registers its watchers.
    client.connection.onRequest(RegistrationRequest.type, () => undefined);
    const settings = until(client, uri('services/settings.yaml'), (d) => codes(d).includes('cm-key-invalid'), 'the closed file in the folder has its finding');
    await client.initialize(pathToFileURL(dir).href, {}, { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } });
    await settings;

    // The folder goes (a delete in the explorer, a branch switch): one event, for the folder.
    rmSync(path('services'), { recursive: true });
    const missing = until(client, uri('app/statefulset.yaml'), (d) => codes(d).includes('sts-service-missing'), 'the StatefulSet whose Service was in the folder');
    const cleared = until(client, uri('services/settings.yaml'), (d) => d.length === 0, 'the deleted file\'s problems');
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uri('services'), type: FileChangeType.Deleted }] });
    await Promise.all([missing, cleared]);

    // Renamed back in under another name: a delete of the old path and a create of the new folder.
    mkdirSync(path('backing'));
    writeFileSync(path('backing/service.yaml'), SERVICE);
    writeFileSync(path('backing/settings.yaml'), BAD_CONFIG_MAP);
    const resolved = until(client, uri('app/statefulset.yaml'), (d) => d.length === 0, 'the Service in the created folder');
    const found = until(client, uri('backing/settings.yaml'), (d) => codes(d).includes('cm-key-invalid'), 'the created folder\'s file');
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uri('backing'), type: FileChangeType.Created }] });
    await Promise.all([resolved, found]);

    // Replaced in one go (a checkout): deleted and made again in one batch keeps the new files.
    rmSync(path('backing'), { recursive: true });
    mkdirSync(path('backing'));
    writeFileSync(path('backing/service.yaml'), SERVICE);
    writeFileSync(path('backing/settings.yaml'), BAD_CONFIG_MAP + '  "other key": y\n');
    const replaced = until(client, uri('backing/settings.yaml'), (d) => codes(d).filter((c) => c === 'cm-key-invalid').length === 2, 'the replaced folder\'s file');
    await client.connection.sendNotification(DidChangeWatchedFilesNotification.type, {
      changes: [
        { uri: uri('backing'), type: FileChangeType.Deleted },
        { uri: uri('backing'), type: FileChangeType.Created },
      ],
    });
    await replaced;
  } finally {
    await client.shutdown();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the server\'s own watcher (no dynamic registration): a folder renamed away and back', async () => {
  const { dir, path, uri } = workspace();
  const client = new LspTestClient();
  try {
    const settings = until(client, uri('services/settings.yaml'), (d) => codes(d).includes('cm-key-invalid'), 'the closed file in the folder has its finding');
    await client.initialize(pathToFileURL(dir).href);
    await settings;

    // Moved out of the workspace: the watcher sees the folder go, not its files.
    const outside = mkdtempSync(join(tmpdir(), 'k8s-lsp-moved-'));
    const missing = until(client, uri('app/statefulset.yaml'), (d) => codes(d).includes('sts-service-missing'), 'the StatefulSet whose Service was in the moved folder');
    const cleared = until(client, uri('services/settings.yaml'), (d) => d.length === 0, 'the moved file\'s problems');
    renameSync(path('services'), join(outside, 'services'));
    await Promise.all([missing, cleared]);

    // Moved back in under another name: the new folder is scanned.
    const resolved = until(client, uri('app/statefulset.yaml'), (d) => d.length === 0, 'the Service in the folder moved in');
    const found = until(client, uri('backing/settings.yaml'), (d) => codes(d).includes('cm-key-invalid'), 'the moved-in folder\'s file');
    renameSync(join(outside, 'services'), path('backing'));
    await Promise.all([resolved, found]);
    rmSync(outside, { recursive: true, force: true });
  } finally {
    await client.shutdown();
    rmSync(dir, { recursive: true, force: true });
  }
});
