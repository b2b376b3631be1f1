// A folder deleted in VS Code: its watcher reports the folder, not each file in it. The closed files
// inside leave the index and the Problems view: a StatefulSet elsewhere whose Service lived there
// gets its finding, and the deleted files' problems go.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeExtension, SCRATCH_FOLDER, summarize, waitFor, workspaceFile } from './helpers';

const codeOf = (d: vscode.Diagnostic) => String(typeof d.code === 'object' ? d.code.value : d.code);
const encode = (text: string) => new TextEncoder().encode(text);

const STATEFUL_SET = [
  'apiVersion: apps/v1',
  'kind: StatefulSet',
  'metadata:',
  '  name: folder-db',
  'spec:',
  '  serviceName: folder-db',
  '  replicas: 1',
  '  selector:',
  '    matchLabels:',
  '      app: folder-db',
  '  template:',
  '    metadata:',
  '      labels:',
  '        app: folder-db',
  '    spec:',
  '      containers:',
  '        - name: db',
  '          image: postgres:16',
  '',
].join('\n');
const SERVICE = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: folder-db\nspec:\n  clusterIP: None\n  selector:\n    app: folder-db\n  ports:\n    - port: 5432\n';
const BAD_CONFIG_MAP = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: folder-settings\ndata:\n  "bad key": x\n';

suite('folder changes on disk', () => {
  suiteSetup(async () => {
    await activeExtension();
  });

  test('deleting a folder drops its closed files: references to them are reported, their problems go', async () => {
    const scratch = workspaceFile(SCRATCH_FOLDER);
    const scratchProbe = workspaceFile(`${SCRATCH_FOLDER}/folder-probe.yaml`);
    const root = workspaceFile(`${SCRATCH_FOLDER}/folders`);
    const statefulSet = workspaceFile(`${SCRATCH_FOLDER}/folders/statefulset.yaml`);
    const services = workspaceFile(`${SCRATCH_FOLDER}/folders/services`);
    const service = workspaceFile(`${SCRATCH_FOLDER}/folders/services/service.yaml`);
    const settings = workspaceFile(`${SCRATCH_FOLDER}/folders/services/settings.yaml`);
    const codes = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).map(codeOf);
    const describe = (uri: vscode.Uri) => summarize(vscode.languages.getDiagnostics(uri));
    try {
      // VS Code's watcher (parcel, inotify) watches a new folder only once it has seen it appear:
      // what is written there before goes unreported, and a folder made inside it meanwhile is never
      // watched (parcel-bundler/watcher#97). So one level at a time, each proven watched (a rewrite
      // of a file there is reported) before the next is made.
      await vscode.workspace.fs.createDirectory(scratch);
      assert.ok(await proveWatched(scratchProbe), `${SCRATCH_FOLDER}/ is not watched: ${describe(scratchProbe)}`);
      await vscode.workspace.fs.createDirectory(root);
      assert.ok(await proveWatched(workspaceFile(`${SCRATCH_FOLDER}/folders/probe.yaml`)), `folders/ is not watched`);
      await vscode.workspace.fs.writeFile(statefulSet, encode(STATEFUL_SET));
      assert.ok(await waitFor(() => codes(statefulSet).includes('sts-service-missing'), 30_000), `the StatefulSet: ${describe(statefulSet)}`);
      await vscode.workspace.fs.createDirectory(services);
      assert.ok(await proveWatched(settings), `services/ is not watched: ${describe(settings)}`);
      await vscode.workspace.fs.writeFile(service, encode(SERVICE));
      // Never opened: the workspace check reads them.
      const resolved = await waitFor(() => codes(statefulSet).length === 0, 30_000);
      assert.ok(resolved, `the StatefulSet with its Service: ${describe(statefulSet)}`);

      // One event for the folder, none for its files.
      await vscode.workspace.fs.delete(services, { recursive: true, useTrash: false });
      const missing = await waitFor(() => codes(statefulSet).includes('sts-service-missing'), 30_000);
      assert.ok(missing, `the StatefulSet whose Service was in the deleted folder: ${describe(statefulSet)}`);
      const cleared = await waitFor(() => vscode.languages.getDiagnostics(settings).length === 0, 30_000);
      assert.ok(cleared, `the deleted file's problems: ${describe(settings)}`);
    } finally {
      await vscode.workspace.fs.delete(root, { recursive: true, useTrash: false }).then(undefined, () => undefined);
      await vscode.workspace.fs.delete(scratchProbe, { useTrash: false }).then(undefined, () => undefined);
    }
    // Their problems go with them, so the next suite starts without them.
    const gone = await waitFor(() => vscode.languages.getDiagnostics(statefulSet).length === 0 && vscode.languages.getDiagnostics(scratchProbe).length === 0, 30_000);
    assert.ok(gone, `the deleted files' problems: ${describe(statefulSet)} / ${describe(scratchProbe)}`);
  });
});

/**
 * Writes a ConfigMap with a bad key to `file` until a rewrite is reported (its finding names the
 * attempt): then the file's folder is watched. The first text may also be read by a scan of a new
 * parent folder, so only a later rewrite counts.
 */
async function proveWatched(file: vscode.Uri, attempts = 10): Promise<boolean> {
  const seen = (attempt: number) => vscode.languages.getDiagnostics(file).some((d) => d.message.includes(`"bad key ${attempt}"`));
  const write = (attempt: number) => vscode.workspace.fs.writeFile(file, encode(BAD_CONFIG_MAP.replace('"bad key"', `"bad key ${attempt}"`)));
  await write(1);
  if (!(await waitFor(() => seen(1), 30_000))) return false;
  for (let attempt = 2; attempt <= attempts; attempt++) {
    await write(attempt);
    if (await waitFor(() => seen(attempt), 3_000)) return true;
  }
  return false;
}
