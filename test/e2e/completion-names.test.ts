// Workspace names in completion inside VS Code: the keys of the ConfigMap a configMapKeyRef names,
// through vscode.executeCompletionItemProvider on the examples workspace.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeExtension, waitFor, workspaceFile } from './helpers';

const label = (i: vscode.CompletionItem) => (typeof i.label === 'string' ? i.label : i.label.label);

/** The language server's items only (not the contributed snippets or word-based suggestions). */
async function serverItems(doc: vscode.TextDocument, position: vscode.Position): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, position);
  return list.items.filter((i) => i.kind !== vscode.CompletionItemKind.Text && i.kind !== vscode.CompletionItemKind.Snippet);
}

suite('completion of workspace names', () => {
  suiteSetup(async () => {
    await activeExtension();
  });

  test('at configMapKeyRef.key in postgres/statefulset.yaml: the keys of db-config', async () => {
    const doc = await vscode.workspace.openTextDocument(workspaceFile('postgres/statefulset.yaml'));
    const line = doc.getText().split('\n').findIndex((l) => l.trim() === 'key: POSTGRES_USER');
    assert.ok(line > 0, 'no `key: POSTGRES_USER` line in statefulset.yaml');
    const position = new vscode.Position(line, doc.lineAt(line).text.length);
    let items: vscode.CompletionItem[] = [];
    // The server indexes the workspace from disk after it starts: wait for db-config's keys.
    await waitFor(async () => (items = await serverItems(doc, position)).length >= 3, 20_000, 200);
    const byLabel = [...items].sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? '')).map(label);
    assert.deepEqual(byLabel, ['POSTGRES_USER', 'POSTGRES_DB', 'postgresql.conf']);
    const conf = items.find((i) => label(i) === 'postgresql.conf')!;
    assert.equal(typeof conf.label === 'string' ? undefined : conf.label.description, 'max_connections = 200 … (3 lines)');
    const range = conf.range as vscode.Range | { replacing: vscode.Range };
    assert.equal(doc.getText(range instanceof vscode.Range ? range : range.replacing), 'POSTGRES_USER');
  });

  test('snippets sort below value completions in YAML', () => {
    const where = vscode.workspace.getConfiguration('editor', { languageId: 'yaml' }).get<string>('snippetSuggestions');
    assert.equal(where, 'bottom');
  });
});
