// The extension is installed in the editor and activates when a YAML file is opened.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, closeDocuments, openInEditor, waitFor, workspaceRoot } from './helpers';

suite('smoke', () => {
  test(`extension ${EXTENSION_ID} is present`, () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} not found among ${vscode.extensions.all.length} extensions`);
    assert.equal(ext.packageJSON.name, 'k8s-stateful');
    assert.equal(ext.packageJSON.publisher, 'k8s-stateful');
  });

  test('the workspace is a copy of examples/', async () => {
    const yaml = await vscode.workspace.findFiles('**/*.{yaml,yml}');
    assert.ok(yaml.length > 0, `no YAML files in ${workspaceRoot().toString()}`);
  });

  test('activates when a YAML file from the workspace is opened', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    const [file] = await vscode.workspace.findFiles('**/*.{yaml,yml}', '**/mistakes/**', 1);
    assert.ok(file, 'no YAML file outside mistakes/ in the workspace');
    const doc = await openInEditor(file);
    assert.equal(doc.languageId, 'yaml');
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), file.toString());
    const active = await waitFor(() => ext.isActive, 20_000);
    assert.ok(active, `${EXTENSION_ID} did not activate within 20 s of opening ${file.fsPath}`);
    await closeDocuments(doc);
  });
});
