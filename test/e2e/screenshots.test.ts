// Screenshots of the main flows for the README (docs/images/), taken by the harness when
// E2E_SCREENSHOTS=<folder> is set: `E2E_SCREENSHOTS=docs/images E2E_GREP="UX: (screenshots|rule documentation)" npm test`
// (the rendered rule page, docs/images/rule-doc.png, is taken by the rule documentation test of
// editor-ux.test.ts once its heading shows). Otherwise this suite is skipped. Each shot closes what it opened.
import * as vscode from 'vscode';
import { activeExtension, closeDocuments, openInEditor, rangeOf, sleep, ui, waitFor, waitForDiagnostics, workspaceFile } from './helpers';

async function shotWithWidget(name: string, selector: string): Promise<void> {
  await waitFor(async () => (await ui.texts(selector)).length > 0, 10_000, 200);
  await sleep(300); // let it finish rendering
  await ui.screenshot(name);
  await ui.press('Escape');
}

suite('UX: screenshots', function () {
  suiteSetup(async function () {
    if (!process.env.E2E_SCREENSHOTS || !ui.available()) this.skip();
    await activeExtension();
  });

  test('diagnostics with their hover', async () => {
    const doc = await openInEditor(workspaceFile('mistakes/statefulset-typos.yaml'));
    const [first] = await waitForDiagnostics(doc.uri);
    const editor = await vscode.window.showTextDocument(doc, { preview: false });
    editor.selection = new vscode.Selection(first.range.start, first.range.start);
    await vscode.commands.executeCommand('editor.action.showHover');
    await shotWithWidget('diagnostics-hover', '.monaco-hover .hover-row');
    await closeDocuments(doc);
  });

  test('completion of the keys a StatefulSet spec can take', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'yaml', content: 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  replicas: 3\n  \n' });
    const editor = await vscode.window.showTextDocument(doc, { preview: false });
    const at = new vscode.Position(6, 2);
    editor.selection = new vscode.Selection(at, at);
    await sleep(1_000); // the server has the document
    await vscode.commands.executeCommand('editor.action.triggerSuggest');
    await shotWithWidget('completion', '.suggest-widget.visible .monaco-list-row');
    await closeDocuments(doc);
  });

  test('quick fix for a quantity', async () => {
    const doc = await openInEditor(workspaceFile('mistakes/storage-quantities.yaml'));
    await waitForDiagnostics(doc.uri);
    const editor = await vscode.window.showTextDocument(doc, { preview: false });
    const at = rangeOf(doc, '2gi').start;
    editor.selection = new vscode.Selection(at, at);
    await vscode.commands.executeCommand('editor.action.quickFix');
    await shotWithWidget('quick-fix', '.action-widget .monaco-list-row');
    await closeDocuments(doc);
  });

  test('Secret values behind a code lens', async () => {
    const doc = await openInEditor(workspaceFile('postgres/secret.yaml'));
    await waitFor(async () => (await ui.texts('.codelens-decoration')).length > 0, 10_000, 200);
    await sleep(300);
    await ui.screenshot('secret-lens');
    await closeDocuments(doc);
  });
});
