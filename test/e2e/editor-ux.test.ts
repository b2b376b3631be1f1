// What a user sees in the editor itself, read from the screen through the harness's UI driver:
// snippet Tab navigation with the `[yaml]` defaults, and the Secret commands in the context menu
// only inside a Secret. Each test closes what it opened and leaves files untouched.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeExtension, closeDocuments, editorContextMenu, openInEditor, rangeOf, sleep, summarize, ui, waitFor, waitForDiagnostics, workspaceFile } from './helpers';

const SECRET_MENU_LABELS = ['Edit Decoded Secret Value…', 'Copy Decoded Secret Value', 'Convert Secret data to stringData', 'Convert Secret stringData to data'];

async function placeCursor(doc: vscode.TextDocument, needle: string): Promise<vscode.TextEditor> {
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  const at = rangeOf(doc, needle).start;
  editor.selection = new vscode.Selection(at, at);
  await sleep(200); // the context key follows the selection event
  return editor;
}

suite('UX: editor (screen)', function () {
  suiteSetup(async function () {
    if (!ui.available()) this.skip();
    await activeExtension();
  });

  test('[yaml] defaults: Tab in a snippet placeholder moves on instead of accepting a word', async () => {
    const yaml = vscode.workspace.getConfiguration('editor', { languageId: 'yaml' });
    assert.equal(yaml.get('suggest.snippetsPreventQuickSuggestions'), true);

    // "postgres" is a word of the document: typing "pg" in a placeholder must not turn into it.
    const doc = await vscode.workspace.openTextDocument({ language: 'yaml', content: 'image: postgres\n' });
    const editor = await vscode.window.showTextDocument(doc, { preview: false });
    try {
      const end = doc.positionAt(doc.getText().length);
      await editor.insertSnippet(new vscode.SnippetString('name: ${1:app}\nrole: ${2:primary}\n'), end);
      await vscode.commands.executeCommand('type', { text: 'pg' });
      await sleep(1_000); // longer than the quick-suggestion delay
      assert.deepEqual(await ui.texts('.editor-widget.suggest-widget.visible .monaco-list-row'), [], 'no suggest widget inside a snippet placeholder');
      await ui.press('Tab');
      const moved = await waitFor(() => doc.getText(editor.selection) === 'primary', 5_000, 100);
      assert.ok(moved, `Tab did not move to the next placeholder; text:\n${doc.getText()}\nselected: "${doc.getText(editor.selection)}"`);
      assert.equal(doc.getText(), 'image: postgres\nname: pg\nrole: primary\n');
      await ui.screenshot('snippet-tab');
    } finally {
      await closeDocuments(doc);
    }
  });

  test('[yaml] defaults: a Secret open in another editor lends no base64 words to other YAML', async () => {
    const yaml = vscode.workspace.getConfiguration('editor', { languageId: 'yaml' });
    assert.equal(yaml.get('wordBasedSuggestions'), 'currentDocument');

    // postgres/secret.yaml holds `password: cGFzc3dvcmQ=`; it stays open in the first editor group.
    const secret = await openInEditor(workspaceFile('postgres/secret.yaml'));
    assert.ok(secret.getText().includes('cGFzc3dvcmQ='));
    // A YAML file that is not Kubernetes, beside it. Its own word with the same first letters shows
    // the widget does list words starting with what was typed.
    const workflow = await vscode.workspace.openTextDocument({ language: 'yaml', content: 'name: ci\non: push\nenv:\n  OWN: cGFzOwnWord\n  TOKEN: ' });
    const editor = await vscode.window.showTextDocument(workflow, { viewColumn: vscode.ViewColumn.Beside, preview: false });
    try {
      const end = workflow.positionAt(workflow.getText().length);
      editor.selection = new vscode.Selection(end, end);
      await vscode.commands.executeCommand('type', { text: 'cGFz' });
      const at = workflow.positionAt(workflow.getText().length);

      // What the editor's providers return (the word-based one included, as plain Text items).
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', workflow.uri, at);
      const offered = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
      assert.ok(offered.includes('cGFzOwnWord'), `the document's own word is not offered: ${offered.join(', ')}`);
      assert.ok(!offered.some((l) => l.startsWith('cGFzc3dvcmQ')), `the Secret's base64 is offered: ${offered.join(', ')}`);

      // What the user sees: the suggest widget's rows.
      await vscode.commands.executeCommand('editor.action.triggerSuggest');
      const rows = await waitFor(async () => {
        const found = await ui.texts('.editor-widget.suggest-widget.visible .monaco-list-row');
        return found.some((r) => r.includes('cGFzOwnWord')) ? found : undefined;
      }, 10_000, 200);
      assert.ok(rows, 'the suggest widget did not show the document\'s own word');
      assert.ok(!rows.some((r) => r.includes('cGFzc3dvcmQ')), `the suggest widget offers the Secret's base64: ${rows.join(' | ')}`);
      await ui.press('Escape');
    } finally {
      await closeDocuments(workflow, secret);
    }
  });

  test('Secret commands show in the context menu inside a Secret, and not in other YAML', async () => {
    const secret = await openInEditor(workspaceFile('postgres/secret.yaml'));
    await placeCursor(secret, 'password');
    const inSecret = await editorContextMenu();
    for (const label of ['Edit Decoded Secret Value…', 'Copy Decoded Secret Value', 'Convert Secret data to stringData']) {
      assert.ok(inSecret.includes(label), `"${label}" missing from the menu in a Secret: ${inSecret.join(' | ')}`);
    }

    const configMap = await openInEditor(workspaceFile('postgres/configmap.yaml'));
    await placeCursor(configMap, 'data:');
    const inConfigMap = await editorContextMenu();
    assert.ok(inConfigMap.length > 0, 'the context menu did not open');
    for (const label of SECRET_MENU_LABELS) assert.ok(!inConfigMap.includes(label), `"${label}" shown in a ConfigMap`);

    const workflow = await vscode.workspace.openTextDocument({ language: 'yaml', content: 'name: ci\non: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n' });
    try {
      await placeCursor(workflow, 'runs-on');
      const inWorkflow = await editorContextMenu();
      assert.ok(inWorkflow.length > 0, 'the context menu did not open');
      for (const label of SECRET_MENU_LABELS) assert.ok(!inWorkflow.includes(label), `"${label}" shown in a GitHub workflow`);
    } finally {
      await closeDocuments(workflow);
    }
    await closeDocuments(configMap, secret);
  });
});

suite('UX: whole-resource snippets', () => {
  suiteSetup(async () => {
    await activeExtension();
  });

  async function snippetLabels(content: string, needle: string): Promise<string[]> {
    const doc = await vscode.workspace.openTextDocument({ language: 'yaml', content });
    const position = doc.positionAt(content.indexOf(needle) + needle.length);
    let labels: string[] = [];
    // The server gets the new document asynchronously: ask until it answers with its own items.
    await waitFor(async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, position);
      labels = list.items.filter((i) => i.kind === vscode.CompletionItemKind.Snippet).map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
      return list.items.some((i) => i.kind !== vscode.CompletionItemKind.Snippet && i.kind !== vscode.CompletionItemKind.Text);
    }, 10_000, 200);
    await closeDocuments(doc);
    return labels;
  }

  test('k8s-pvc, k8s-statefulset… are offered where a document starts, not inside spec:', async () => {
    const atStart = await snippetLabels('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\nk8s-', 'k8s-');
    for (const label of ['k8s-statefulset', 'k8s-pvc', 'k8s-configmap', 'k8s-secret-tls']) assert.ok(atStart.includes(label), `${label} missing after ---: ${atStart.join(', ')}`);
    const nested = await snippetLabels('apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\nspec:\n  k8s-', '  k8s-');
    for (const label of ['k8s-statefulset', 'k8s-pvc', 'k8s-configmap']) assert.ok(!nested.includes(label), `${label} offered inside spec: ${nested.join(', ')}`);
    // Fragments stay available inside a pod spec (contributed snippets).
    assert.ok(nested.includes('k8s-init-container'), `fragments missing: ${nested.join(', ')}`);
  });
});

suite('UX: Stateful Preview discoverability', () => {
  interface PreviewApi {
    isVisible(): boolean;
    resetFirstReveal(): Promise<void>;
  }
  let preview: PreviewApi;
  suiteSetup(async () => {
    preview = ((await activeExtension()).exports as { preview: PreviewApi }).preview;
  });

  test('its own activity bar entry; opened once, by the first StatefulSet shown, without taking the editor', async () => {
    // Off in the test editor (it would take focus from other tests while they type): on for this test.
    const settings = vscode.workspace.getConfiguration('k8sStateful');
    const configured = settings.inspect<boolean>('preview.revealOnFirstStatefulSet')?.globalValue;
    await settings.update('preview.revealOnFirstStatefulSet', true, vscode.ConfigurationTarget.Global);
    await preview.resetFirstReveal();
    await vscode.commands.executeCommand('workbench.view.explorer');
    await waitFor(() => !preview.isVisible(), 5_000, 100);
    const configMap = await openInEditor(workspaceFile('postgres/configmap.yaml'));
    await sleep(1_000);
    assert.ok(!preview.isVisible(), 'a ConfigMap opened the preview');
    const statefulSet = await openInEditor(workspaceFile('postgres/statefulset.yaml'));
    try {
      assert.ok(await waitFor(() => preview.isVisible(), 10_000, 100), 'the first StatefulSet did not open the preview');
      assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), statefulSet.uri.toString(), 'the editor keeps the StatefulSet');
      if (ui.available()) {
        assert.ok((await ui.texts('.activitybar .action-item a[aria-label^="Kubernetes Stateful"]')).length === 1, 'no activity bar entry');
        await waitFor(async () => (await ui.texts('.pane-body .monaco-list-row')).some((t) => t.includes('db-0')), 10_000, 200);
        await ui.screenshot('stateful-preview');
      }
      // Once only: back in the explorer, the next StatefulSet leaves the sidebar alone.
      await vscode.commands.executeCommand('workbench.view.explorer');
      await waitFor(() => !preview.isVisible(), 5_000, 100);
      await openInEditor(workspaceFile('postgres/configmap.yaml'));
      await openInEditor(workspaceFile('postgres/statefulset.yaml'));
      await sleep(1_000);
      assert.ok(!preview.isVisible(), 'the preview opened a second time');
    } finally {
      for (const doc of [statefulSet, configMap]) {
        await vscode.window.showTextDocument(doc, { preview: false });
        await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      }
      await settings.update('preview.revealOnFirstStatefulSet', configured, vscode.ConfigurationTarget.Global);
    }
  });
});

suite('UX: rule documentation', () => {
  suiteSetup(async () => {
    await activeExtension();
  });

  function markdownPreviewTabs(): vscode.Tab[] {
    return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && /markdown\.preview/.test(t.input.viewType));
  }

  test('a diagnostic\'s rule link opens the rule page rendered (Markdown preview), not as raw text', async () => {
    const doc = await openInEditor(workspaceFile('mistakes/statefulset-typos.yaml'));
    const diagnostics = await waitForDiagnostics(doc.uri);
    const withLink = diagnostics.find((d) => typeof d.code === 'object');
    assert.ok(withLink && typeof withLink.code === 'object', `no diagnostic with a doc link:\n${summarize(diagnostics)}`);
    const target = withLink.code.target;
    assert.equal(target.scheme, 'command', `the link is ${target.toString()}`);
    assert.equal(target.path, 'k8sStateful.showRuleDoc');
    assert.deepEqual(JSON.parse(decodeURIComponent(target.query)), [String(withLink.code.value)]);
    const before = markdownPreviewTabs().length;
    try {
      if (ui.available()) {
        // What a user does: hover the squiggle, click the rule id in the hover.
        const editor = await vscode.window.showTextDocument(doc, { preview: false });
        editor.selection = new vscode.Selection(withLink.range.start, withLink.range.start);
        await vscode.commands.executeCommand('editor.action.showHover');
        await waitFor(async () => (await ui.texts('.monaco-hover .code-link')).length > 0, 10_000, 200);
        await ui.click('.monaco-hover .code-link');
      } else {
        await vscode.commands.executeCommand('k8sStateful.showRuleDoc', String(withLink.code.value));
      }
      assert.ok(await waitFor(() => markdownPreviewTabs().length > before, 10_000, 200), 'no Markdown preview opened');
      const tab = markdownPreviewTabs().at(-1)!;
      assert.match(tab.label, new RegExp(String(withLink.code.value)), `preview tab "${tab.label}"`);
      if (ui.available()) {
        // Rendered: the page's title is a heading in the preview's webview, not `# id` in a text editor.
        const rule = String(withLink.code.value);
        const headings = await waitFor(async () => {
          const found = await ui.frameTexts('h1');
          return found.includes(rule) ? found : undefined;
        }, 20_000, 250);
        assert.ok(headings, `the Markdown preview never showed the heading "${rule}"`);
        await sleep(500); // let the rest of the page paint
        await ui.screenshot('rule-doc');
      }
    } finally {
      for (const tab of markdownPreviewTabs().slice(before)) await vscode.window.tabGroups.close(tab);
      await vscode.window.showTextDocument(doc, { preview: false });
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    }
  });
});
