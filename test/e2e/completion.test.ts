// Completion, hover and the outline inside VS Code, through the same commands the editor uses:
// vscode.executeCompletionItemProvider, executeHoverProvider and executeDocumentSymbolProvider.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeExtension, closeDocuments, sleep, ui, waitFor, workspaceFile } from './helpers';

/**
 * The language server's items only: the editor adds the extension's contributed snippets
 * (`k8s-statefulset`...) and may add word-based suggestions (plain Text items).
 */
async function completions(doc: vscode.TextDocument, position: vscode.Position, trigger?: string): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, position, trigger);
  return list.items.filter((i) => i.kind !== vscode.CompletionItemKind.Text && i.kind !== vscode.CompletionItemKind.Snippet);
}

const label = (i: vscode.CompletionItem) => (typeof i.label === 'string' ? i.label : i.label.label);
const labels = (items: vscode.CompletionItem[]) => items.map(label);

/** The suite's untitled documents, closed when it ends (not right after a test: see editorAtEnd). */
const scratch: vscode.TextDocument[] = [];

/** An untitled YAML document with `‸` marking the cursor. */
async function untitled(marked: string): Promise<{ doc: vscode.TextDocument; position: vscode.Position }> {
  const at = marked.indexOf('‸');
  const content = marked.slice(0, at) + marked.slice(at + 1);
  const doc = await vscode.workspace.openTextDocument({ language: 'yaml', content });
  scratch.push(doc);
  return { doc, position: doc.positionAt(at) };
}

/** Completions at the marked cursor, retried until the server has the document (it opens asynchronously). */
async function completionsIn(marked: string, trigger?: string): Promise<vscode.CompletionItem[]> {
  const { doc, position } = await untitled(marked);
  let items: vscode.CompletionItem[] = [];
  await waitFor(async () => (items = await completions(doc, position, trigger)).length > 0, 10_000, 200);
  return items;
}

function hoverMarkdown(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}

const SPEC_KEYS = [
  'serviceName', 'replicas', 'selector', 'template', 'volumeClaimTemplates', 'podManagementPolicy', 'updateStrategy',
  'persistentVolumeClaimRetentionPolicy', 'ordinals', 'minReadySeconds', 'revisionHistoryLimit',
];
const STS = 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\n';

suite('completion, hover and outline', () => {
  suiteSetup(async () => {
    await activeExtension();
  });

  suiteTeardown(async () => {
    await closeDocuments(...scratch.splice(0));
  });

  test('inside spec: of a StatefulSet every spec key is offered, present ones left out', async () => {
    const empty = await completionsIn(`${STS}spec:\n  ‸\n`);
    for (const key of SPEC_KEYS) assert.ok(labels(empty).includes(key), `missing ${key} in ${labels(empty).join(', ')}`);

    const items = await completionsIn(`${STS}spec:\n  replicas: 3\n  serviceName: db\n  ‸\n  selector:\n    matchLabels:\n      app: db\n`);
    for (const present of ['replicas', 'serviceName', 'selector']) assert.ok(!labels(items).includes(present), `${present} is already in spec`);
    for (const key of ['template', 'volumeClaimTemplates', 'podManagementPolicy', 'ordinals']) assert.ok(labels(items).includes(key), `missing ${key}`);
    const template = items.find((i) => label(i) === 'template')!;
    assert.equal(typeof template.label === 'string' ? undefined : template.label.description, 'required · PodTemplateSpec');
    assert.ok(template.insertText instanceof vscode.SnippetString, 'keys insert snippets');
    assert.equal((template.insertText as vscode.SnippetString).value, 'template:\n    $0');
  });

  test('the same in the workspace example: keys of spec not yet in statefulset.yaml', async () => {
    const doc = await vscode.workspace.openTextDocument(workspaceFile('postgres/statefulset.yaml'));
    const line = doc.getText().split('\n').findIndex((l) => l.startsWith('  serviceName:'));
    assert.ok(line > 0, 'no serviceName line in statefulset.yaml');
    let items: vscode.CompletionItem[] = [];
    await waitFor(async () => (items = await completions(doc, new vscode.Position(line, 2))).length > 0, 10_000, 200);
    for (const present of ['replicas', 'selector', 'template', 'volumeClaimTemplates', 'podManagementPolicy', 'persistentVolumeClaimRetentionPolicy']) {
      assert.ok(!labels(items).includes(present), `${present} is already in the file's spec`);
    }
    for (const key of ['updateStrategy', 'ordinals', 'minReadySeconds', 'revisionHistoryLimit', 'serviceName']) assert.ok(labels(items).includes(key), `missing ${key}`);
  });

  test('at `podManagementPolicy: ` exactly OrderedReady and Parallel', async () => {
    const items = await completionsIn(`${STS}spec:\n  podManagementPolicy: ‸\n`);
    assert.deepEqual(labels(items).sort(), ['OrderedReady', 'Parallel']);
    const typedSpace = await completionsIn(`${STS}spec:\n  podManagementPolicy: ‸\n`, ' ');
    assert.deepEqual(labels(typedSpace).sort(), ['OrderedReady', 'Parallel']);
  });

  test('at `accessModes:` `- ` the access modes', async () => {
    const items = await completionsIn('apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\nspec:\n  accessModes:\n    - ‸\n');
    assert.deepEqual(labels(items).sort(), ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod']);
  });

  test('a half-typed line completes, replacing what was typed', async () => {
    const { doc, position } = await untitled(`${STS}spec:\n  replicas: 3\n  serviceN‸\n`);
    let items: vscode.CompletionItem[] = [];
    await waitFor(async () => (items = await completions(doc, position)).length > 0, 10_000, 200);
    const serviceName = items.find((i) => label(i) === 'serviceName');
    assert.ok(serviceName, `no serviceName in ${labels(items).join(', ')}`);
    const range = serviceName.range as vscode.Range | { replacing: vscode.Range };
    const replacing = range instanceof vscode.Range ? range : range.replacing;
    assert.equal(doc.getText(replacing), 'serviceN');
    assert.ok(!labels(items).includes('replicas'));
  });

  test('choosing kind StatefulSet fills apiVersion apps/v1', async () => {
    const items = await completionsIn('kind: ‸\n');
    const sts = items.find((i) => label(i) === 'StatefulSet');
    assert.ok(sts, 'no StatefulSet among the kinds');
    assert.deepEqual(sts.additionalTextEdits?.map((e) => e.newText), ['apiVersion: apps/v1\n']);
  });

  test('YAML gets quick suggestions while typing plain scalars (keys are strings to the grammar)', () => {
    const quick = vscode.workspace.getConfiguration('editor', { languageId: 'yaml' }).get<Record<string, string>>('quickSuggestions');
    assert.equal(quick?.strings, 'on');
  });

  /**
   * Types into a real editor, opens the suggest widget and accepts the selected item, like a user:
   * under code-server only once the widget shows `expected` selected (a user reads before pressing
   * Enter; right after fast typing the widget can still show the list of an earlier request).
   */
  async function typeAndAccept(editor: vscode.TextEditor, typed: string, expected: string): Promise<string> {
    const before = editor.document.getText();
    await vscode.commands.executeCommand('type', { text: typed });
    if (ui.available()) {
      const seen = new Set<string>();
      const selected = await waitFor(async () => {
        const [row] = await ui.texts('.editor-widget.suggest-widget.visible .monaco-list-row.focused .label-name');
        if (row === expected) return true;
        seen.add(row ?? '(no widget)');
        if (row === undefined) await vscode.commands.executeCommand('editor.action.triggerSuggest');
        return false;
      }, 15_000, 250);
      assert.ok(selected, `the suggest widget never selected ${expected} after typing ${typed}; it showed: ${[...seen].join(', ')}`);
      if (seen.size > 1 || (seen.size === 1 && !seen.has('(no widget)'))) console.log(`typeAndAccept(${typed}): selected before ${expected}: ${[...seen].join(', ')}`);
      await vscode.commands.executeCommand('acceptSelectedSuggestion');
      await waitFor(() => editor.document.getText() !== before + typed, 5_000, 50);
      return editor.document.getText();
    }
    const afterTyping = editor.document.getText();
    for (let attempt = 0; attempt < 10 && editor.document.getText() === afterTyping; attempt++) {
      await vscode.commands.executeCommand('editor.action.triggerSuggest');
      await sleep(300 + attempt * 200);
      await vscode.commands.executeCommand('acceptSelectedSuggestion');
      await sleep(100);
    }
    assert.notEqual(editor.document.getText(), before, 'typing changed nothing');
    return editor.document.getText();
  }

  /**
   * A scratch editor with the cursor at the end. It stays open until the suite ends: closing an
   * editor right after a suggestion was accepted makes the workbench log "Model is disposed!" from
   * its own observables.
   */
  async function editorAtEnd(content: string): Promise<vscode.TextEditor> {
    const doc = await vscode.workspace.openTextDocument({ language: 'yaml', content });
    scratch.push(doc);
    const editor = await vscode.window.showTextDocument(doc, { preview: false });
    const end = doc.positionAt(content.length);
    editor.selection = new vscode.Selection(end, end);
    // Let the client send didOpen before the first request.
    await waitFor(async () => (await completions(doc, end)).length > 0, 10_000, 200);
    return editor;
  }

  test('typing a half key and accepting inserts the key in its YAML shape', async () => {
    const editor = await editorAtEnd(`${STS}spec:\n  replicas: 3\n  `);
    const text = await typeAndAccept(editor, 'serviceN', 'serviceName');
    assert.equal(text, `${STS}spec:\n  replicas: 3\n  serviceName: `);
  });

  test('accepting a list-of-objects key opens its first item at the right indentation', async () => {
    const editor = await editorAtEnd(`${STS}spec:\n  replicas: 3\n  `);
    const text = await typeAndAccept(editor, 'volumeClaimT', 'volumeClaimTemplates');
    assert.equal(text, `${STS}spec:\n  replicas: 3\n  volumeClaimTemplates:\n    - `);
  });

  test('accepting kind StatefulSet in an empty document writes apiVersion apps/v1', async () => {
    const editor = await editorAtEnd('kind: ');
    const text = await typeAndAccept(editor, 'StatefulS', 'StatefulSet');
    assert.equal(text, 'apiVersion: apps/v1\nkind: StatefulSet');
  });

  test('hover on replicas shows its description and type', async () => {
    const doc = await vscode.workspace.openTextDocument(workspaceFile('postgres/statefulset.yaml'));
    const line = doc.getText().split('\n').findIndex((l) => l.startsWith('  replicas:'));
    let text = '';
    await waitFor(async () => {
      text = hoverMarkdown(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(line, 4)));
      return text.includes('replicas');
    }, 10_000, 200);
    assert.match(text, /\*\*replicas\*\* · `integer \(int32\)`/);
    assert.match(text, /replicas is the desired number of replicas of the given Template/);

    const storageLine = doc.getText().split('\n').findIndex((l) => l.includes('storage: 10Gi'));
    const storage = hoverMarkdown(
      await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(storageLine, doc.lineAt(storageLine).text.indexOf('10Gi') + 1)),
    );
    assert.match(storage, /`10Gi` = 10,737,418,240 bytes/);
  });

  test('the outline has one symbol per resource with containers, volumes and claim templates', async () => {
    const doc = await vscode.workspace.openTextDocument(workspaceFile('postgres/statefulset.yaml'));
    let symbols: vscode.DocumentSymbol[] = [];
    await waitFor(async () => {
      symbols = (await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri)) ?? [];
      return symbols.length > 0;
    }, 10_000, 200);
    assert.deepEqual(symbols.map((s) => s.name), ['StatefulSet db']);
    assert.deepEqual(symbols[0].children.map((c) => c.name), ['container postgres', 'volume config', 'claim template data']);

    const service = await vscode.workspace.openTextDocument(workspaceFile('postgres/service.yaml'));
    let serviceSymbols: vscode.DocumentSymbol[] = [];
    await waitFor(async () => {
      serviceSymbols = (await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', service.uri)) ?? [];
      return serviceSymbols.length > 0;
    }, 10_000, 200);
    assert.equal(serviceSymbols[0].name, 'Service db (headless)');
  });
});
