// Custom resources over real LSP stdio: the CRD in one document, the custom resource in another;
// the resource's diagnostics follow edits of the CRD, and k8sStateful.crds names CRD files elsewhere
// (per workspace folder in a multi-root workspace).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { ConfigurationRequest, DidChangeConfigurationNotification, type Hover } from 'vscode-languageserver-protocol/node';
import { LspTestClient } from '../helpers/lspClient';

const examples = join(process.cwd(), 'examples');
const crdText = readFileSync(join(examples, 'crds/backup-crd.yaml'), 'utf8');
const brokenCr = readFileSync(join(examples, 'mistakes/custom-resource.yaml'), 'utf8');
let client: LspTestClient;

before(async () => {
  client = new LspTestClient();
  await client.initialize(null); // no workspace folder: only what is opened (or named by the setting) counts
});

after(async () => {
  await client.shutdown();
});

const messages = (diagnostics: Array<{ message: unknown }>) => diagnostics.map((d) => String(d.message));

test('a CRD in one file checks its custom resource in another, and an edit of the CRD re-checks it', async () => {
  const crdUri = 'file:///virtual/crds/backup-crd.yaml';
  const crUri = 'file:///virtual/app/backup.yaml';
  assert.deepEqual(await client.open(crdUri, crdText), []);
  assert.deepEqual(messages(await client.open(crUri, brokenCr)), [
    'missing required field "schedule" in spec',
    'unknown field "retentionDay" — did you mean "retentionDays"?',
    'method must be one of pg_dump, basebackup, snapshot, got the string "pgdump"',
  ]);

  // The CRD learns the value the resource uses: the resource is re-published without that error.
  const republished = client.nextDiagnostics(crUri);
  await client.change(crdUri, crdText.replace('enum: [pg_dump, basebackup, snapshot]', 'enum: [pg_dump, pgdump, basebackup, snapshot]'));
  assert.deepEqual(messages(await republished), ['missing required field "schedule" in spec', 'unknown field "retentionDay" — did you mean "retentionDays"?']);

  // Hover on a field of the resource shows the CRD's description.
  const line = brokenCr.split('\n').findIndex((l) => l.includes('statefulSetName'));
  const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: crUri }, position: { line, character: 4 } });
  assert.match(JSON.stringify(hover.contents), /Name of the StatefulSet whose volumes are backed up/);

  // Without the CRD, the resource is unchecked and says so once.
  const unchecked = client.nextDiagnostics(crUri);
  await client.close(crdUri);
  const after = await unchecked;
  assert.deepEqual(after.map((d) => [d.code, d.severity]), [['kind-without-schema', 3]]);
  await client.close(crUri);
});

test('k8sStateful.crds: a CRD folder outside the workspace gives the schema', async () => {
  const crUri = 'file:///virtual/app/other-backup.yaml';
  const before = await client.open(crUri, brokenCr);
  assert.deepEqual(before.map((d) => d.code), ['kind-without-schema']);
  const republished = client.nextDiagnostics(crUri);
  await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { k8sStateful: { crds: [join(examples, 'crds')] } } });
  assert.equal((await republished).filter((d) => d.code === 'schema').length, 3);
  const cleared = client.nextDiagnostics(crUri);
  await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: { k8sStateful: { crds: [] } } });
  assert.deepEqual((await cleared).map((d) => d.code), ['kind-without-schema']);
  await client.close(crUri);
});

/** Diagnostics of `uri` as published until `done` holds for them (or the wait for the next ones times out). */
async function publishedUntil(on: LspTestClient, uri: string, first: Diagnostic[], done: (d: Diagnostic[]) => boolean): Promise<Diagnostic[]> {
  let latest = first;
  while (!done(latest)) latest = await on.nextDiagnostics(uri);
  return latest;
}

test('the config file\'s crds (relative to it, outside the workspace) are read and watched: an edit on disk re-checks the resource', async () => {
  const root = mkdtempSync(join(tmpdir(), 'k8s-crd-watch-'));
  const crdPath = join(root, 'operator-crds', 'backup-crd.yaml');
  const crPath = join(root, 'ws', 'app', 'backup.yaml');
  mkdirSync(join(root, 'operator-crds'));
  mkdirSync(join(root, 'ws', 'app'), { recursive: true });
  writeFileSync(crdPath, crdText);
  writeFileSync(crPath, brokenCr);
  writeFileSync(join(root, 'ws', '.k8s-stateful.yaml'), 'crds:\n  - ../operator-crds/backup-crd.yaml\n');
  const watching = new LspTestClient();
  try {
    await watching.initialize(pathToFileURL(join(root, 'ws')).href);
    const crUri = pathToFileURL(crPath).href;
    const schemaFindings = (d: Diagnostic[]) => d.filter((x) => x.code === 'schema').length;
    await publishedUntil(watching, crUri, await watching.open(crUri, brokenCr), (d) => schemaFindings(d) === 3);
    // The CRD learns the value the resource uses, on disk: the open resource is re-published.
    writeFileSync(crdPath, crdText.replace('enum: [pg_dump, basebackup, snapshot]', 'enum: [pg_dump, pgdump, basebackup, snapshot]'));
    await publishedUntil(watching, crUri, await watching.nextDiagnostics(crUri), (d) => schemaFindings(d) === 2);
    // The CRD file deleted: the kind has no schema any more.
    rmSync(crdPath);
    const gone = await publishedUntil(watching, crUri, await watching.nextDiagnostics(crUri), (d) => schemaFindings(d) === 0);
    assert.deepEqual(gone.map((d) => d.code), ['kind-without-schema']);
  } finally {
    await watching.shutdown();
    rmSync(root, { recursive: true, force: true });
  }
});

test('k8sStateful.crds per workspace folder: each folder\'s relative paths resolve against that folder, absolute ones as they are', async () => {
  // root/a and root/deep/b are the folders; each names its operator's CRDs beside it with `../`,
  // which resolved against the other folder (or the first one) names nothing.
  const root = mkdtempSync(join(tmpdir(), 'k8s-crd-folders-'));
  const mysql = (text: string) => text.replaceAll('PostgresBackup', 'MysqlBackup').replaceAll('postgresbackup', 'mysqlbackup');
  const files: Record<string, string> = {
    'a/backup.yaml': brokenCr,
    'deep/b/backup.yaml': mysql(brokenCr),
    'crds-a/backup-crd.yaml': crdText,
    'deep/crds-b/mysql-crd.yaml': mysql(crdText),
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  const [folderA, folderB] = [pathToFileURL(join(root, 'a')).href, pathToFileURL(join(root, 'deep/b')).href];
  // What the client answers for each scopeUri (VS Code: the folder's resource-scoped value); unscoped: nothing.
  let perFolder: Record<string, string[]> = { [folderA]: ['../crds-a'], [folderB]: ['../crds-b'] };
  const asked: Array<string | undefined> = [];
  const multi = new LspTestClient();
  multi.connection.onRequest(ConfigurationRequest.type, (params) =>
    params.items.map((item) => {
      asked.push(item.scopeUri);
      return item.scopeUri ? { crds: perFolder[item.scopeUri] ?? [] } : { crds: [] };
    }),
  );
  try {
    await multi.initialize(folderA, {}, { workspace: { configuration: true }, workspaceFolders: [folderA, folderB] });
    const postgresCr = pathToFileURL(join(root, 'a/backup.yaml')).href;
    const mysqlCr = pathToFileURL(join(root, 'deep/b/backup.yaml')).href;
    const schemaFindings = (d: Diagnostic[]) => d.filter((x) => x.code === 'schema').length;
    const unchecked = (d: Diagnostic[]) => d.length === 1 && d[0].code === 'kind-without-schema';
    await publishedUntil(multi, postgresCr, await multi.open(postgresCr, brokenCr), (d) => schemaFindings(d) === 3);
    await publishedUntil(multi, mysqlCr, await multi.open(mysqlCr, mysql(brokenCr)), (d) => schemaFindings(d) === 3);
    assert.deepEqual([...new Set(asked)].sort(), [undefined, folderA, folderB].sort(), 'the server asks once unscoped and once per folder');

    // Folder b's setting no longer names its CRDs: its kind has no schema (a's still has).
    perFolder = { [folderA]: ['../crds-a'] };
    const mysqlAgain = multi.nextDiagnostics(mysqlCr);
    await multi.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    await publishedUntil(multi, mysqlCr, await mysqlAgain, unchecked);
    assert.equal(schemaFindings(await multi.change(postgresCr, brokenCr)), 3, 'folder a still names its CRDs');

    // An absolute path is taken as it is, whichever folder names it.
    perFolder = { [folderA]: ['../crds-a', join(root, 'deep/crds-b')] };
    const mysqlBack = multi.nextDiagnostics(mysqlCr);
    await multi.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
    await publishedUntil(multi, mysqlCr, await mysqlBack, (d) => schemaFindings(d) === 3);
  } finally {
    await multi.shutdown();
    rmSync(root, { recursive: true, force: true });
  }
});

test('a crds folder that does not exist at the start is watched from when it is created (nested, outside the workspace)', async () => {
  const root = mkdtempSync(join(tmpdir(), 'k8s-crd-later-'));
  const crPath = join(root, 'ws', 'app', 'backup.yaml');
  mkdirSync(join(root, 'ws', 'app'), { recursive: true });
  writeFileSync(crPath, brokenCr);
  writeFileSync(join(root, 'ws', '.k8s-stateful.yaml'), 'crds:\n  - ../vendor/operator-crds\n');
  const watching = new LspTestClient();
  try {
    await watching.initialize(pathToFileURL(join(root, 'ws')).href);
    const crUri = pathToFileURL(crPath).href;
    const schemaFindings = (d: Diagnostic[]) => d.filter((x) => x.code === 'schema').length;
    const before = await watching.open(crUri, brokenCr);
    assert.deepEqual(before.map((d) => d.code), ['kind-without-schema']);
    // The folder and its parent appear after the start, then the CRD in it: the resource gets its schema.
    mkdirSync(join(root, 'vendor'));
    mkdirSync(join(root, 'vendor', 'operator-crds'));
    const crdPath = join(root, 'vendor', 'operator-crds', 'backup-crd.yaml');
    writeFileSync(crdPath, crdText);
    await publishedUntil(watching, crUri, await watching.nextDiagnostics(crUri), (d) => schemaFindings(d) === 3);
    // The new folder itself is watched now: an edit of the CRD in it re-checks the resource.
    writeFileSync(crdPath, crdText.replace('enum: [pg_dump, basebackup, snapshot]', 'enum: [pg_dump, pgdump, basebackup, snapshot]'));
    await publishedUntil(watching, crUri, await watching.nextDiagnostics(crUri), (d) => schemaFindings(d) === 2);
    // The folder removed, then made again: watched again from its parent, and read again.
    rmSync(join(root, 'vendor', 'operator-crds'), { recursive: true });
    await publishedUntil(watching, crUri, await watching.nextDiagnostics(crUri), (d) => schemaFindings(d) === 0);
    mkdirSync(join(root, 'vendor', 'operator-crds'));
    writeFileSync(crdPath, crdText);
    await publishedUntil(watching, crUri, await watching.nextDiagnostics(crUri), (d) => schemaFindings(d) === 3);
  } finally {
    await watching.shutdown();
    rmSync(root, { recursive: true, force: true });
  }
});
