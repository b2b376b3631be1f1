// Cross-file semantics inside VS Code: renaming the ConfigMap db-config edits configmap.yaml and
// statefulset.yaml through the extension's rename provider, and a diagnostic that depends on
// another file appears and clears with unsaved edits of that file.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeExtension, closeDocuments, openInEditor, rangeOf, summarize, waitFor, workspaceFile, restoreDocument } from './helpers';

const codeOf = (d: vscode.Diagnostic) => String(typeof d.code === 'object' ? d.code.value : d.code);

const revert = restoreDocument;

suite('cross-file rename and diagnostics', () => {
  const touched: vscode.TextDocument[] = [];

  suiteSetup(async () => {
    await activeExtension();
  });

  suiteTeardown(async () => {
    for (const doc of touched) await revert(doc);
    await closeDocuments(...['postgres/configmap.yaml', 'postgres/statefulset.yaml', 'postgres/secret.yaml', 'mistakes/missing-secret-key.yaml'].map(workspaceFile));
  });

  test('renaming the ConfigMap db-config edits configmap.yaml and every user in statefulset.yaml', async () => {
    const configMap = await openInEditor(workspaceFile('postgres/configmap.yaml'));
    const statefulSet = await vscode.workspace.openTextDocument(workspaceFile('postgres/statefulset.yaml'));
    touched.push(configMap, statefulSet);
    const before = statefulSet.getText();
    const position = rangeOf(configMap, 'db-config').start.translate(0, 1);

    // The server indexes the workspace in the background: wait until the rename reaches the StatefulSet.
    let edit: vscode.WorkspaceEdit | undefined;
    await waitFor(async () => {
      edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', configMap.uri, position, 'pg-config');
      return edit?.has(statefulSet.uri);
    });
    assert.ok(edit, 'no WorkspaceEdit from the rename provider');
    assert.deepEqual(
      edit.entries().map(([uri, edits]) => `${vscode.workspace.asRelativePath(uri)}: ${edits.length}`).sort(),
      ['postgres/configmap.yaml: 1', 'postgres/statefulset.yaml: 3'],
    );
    assert.ok(await vscode.workspace.applyEdit(edit), 'the rename edit was not applied');

    assert.match(configMap.getText(), /^  name: pg-config$/m);
    assert.doesNotMatch(configMap.getText(), /db-config/);
    assert.equal(statefulSet.getText(), before.replaceAll('name: db-config', 'name: pg-config'));
    // configMapKeyRef, envFrom and the configMap volume all follow.
    assert.equal(statefulSet.getText().split('name: pg-config').length - 1, 3);
  });

  test('ref-secret-key-missing in one file appears and clears with unsaved edits of the Secret in another', async () => {
    const job = await openInEditor(workspaceFile('mistakes/missing-secret-key.yaml'));
    const keyFinding = () => vscode.languages.getDiagnostics(job.uri).filter((d) => codeOf(d) === 'ref-secret-key-missing');
    await waitFor(() => keyFinding().length === 1);
    assert.equal(keyFinding().length, 1, summarize(vscode.languages.getDiagnostics(job.uri)));
    assert.ok(keyFinding()[0].range.isEqual(rangeOf(job, 'admin-password', 1)), 'on the secretKeyRef key');

    const secret = await openInEditor(workspaceFile('postgres/secret.yaml'));
    touched.push(secret);
    const add = new vscode.WorkspaceEdit();
    add.insert(secret.uri, secret.positionAt(secret.getText().length), '  admin-password: c2VjcmV0\n');
    assert.ok(await vscode.workspace.applyEdit(add));
    assert.ok(secret.isDirty, 'the Secret edit stays unsaved');
    await waitFor(() => keyFinding().length === 0);
    assert.deepEqual(keyFinding().map((d) => d.message), [], 'cleared by the unsaved key');

    await revert(secret);
    await waitFor(() => keyFinding().length === 1);
    assert.equal(keyFinding().length, 1, 'back after reverting the Secret');
  });
});
