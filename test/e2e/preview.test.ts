// The Stateful Preview view inside VS Code: the tree the extension's data provider hands to the
// explorer, queried through the extension's exported API, live while the user edits (unsaved).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { K8sStatefulApi } from '../../client/src/extension';
import type { PreviewNode } from '../../client/src/preview/nodes';
import { activeExtension, closeDocuments, openInEditor, rangeOf, waitFor, workspaceFile, restoreDocument } from './helpers';

suite('Stateful Preview', () => {
  let api: K8sStatefulApi;
  let doc: vscode.TextDocument;

  /** The `db` StatefulSet's root node in the tree, as the explorer sees it. */
  const dbNode = (): PreviewNode | undefined =>
    api.preview.provider.getChildren().find((n) => n.label === 'db' && n.description?.startsWith('prod'));
  const child = (node: PreviewNode | undefined, kind: PreviewNode['kind']) => node?.children.find((n) => n.kind === kind);
  const podLabels = () => child(dbNode(), 'pods')?.children.map((n) => n.label) ?? [];

  /** Waits until the pods shown for db equal `expected`; fails with what the tree shows. */
  async function expectPods(expected: string[]): Promise<void> {
    await waitFor(() => JSON.stringify(podLabels()) === JSON.stringify(expected), 20_000);
    assert.deepEqual(podLabels(), expected);
  }

  async function replaceInDoc(needle: string, replacement: string): Promise<void> {
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, rangeOf(doc, needle), replacement);
    assert.ok(await vscode.workspace.applyEdit(edit), `edit of "${needle}" was not applied`);
  }

  suiteSetup(async () => {
    const ext = await activeExtension();
    api = ext.exports as K8sStatefulApi;
    assert.ok(api?.preview, 'the extension does not export the preview API');
    // The view only follows edits while it is visible, as in real use: show it.
    await vscode.commands.executeCommand('k8sStateful.preview.focus');
    // The Service and StorageClass are open too, so this suite does not depend on workspace scanning.
    await openInEditor(workspaceFile('postgres/service.yaml'));
    await openInEditor(workspaceFile('postgres/storageclass.yaml'));
    doc = await openInEditor(workspaceFile('postgres/statefulset.yaml'));
  });

  suiteTeardown(async () => {
    if (doc) await restoreDocument(doc);
    await closeDocuments(...['service.yaml', 'storageclass.yaml', 'statefulset.yaml'].map((name) => workspaceFile(`postgres/${name}`)));
  });

  test('db (replicas 3, serviceName db, namespace prod) shows pods db-0..db-2, claims data-db-0..data-db-2 and per-pod DNS names', async () => {
    await expectPods(['db-0', 'db-1', 'db-2']);
    // The active file's StatefulSets come first.
    await waitFor(() => api.preview.provider.getChildren()[0] === dbNode(), 10_000);
    assert.deepEqual(api.preview.provider.getChildren().map((n) => n.label).slice(0, 1), ['db']);
    const db = dbNode()!;
    const pods = child(db, 'pods')!.children;
    assert.deepEqual(pods.map((p) => p.children.filter((c) => c.kind === 'claim').map((c) => c.label)), [['data-db-0'], ['data-db-1'], ['data-db-2']]);
    assert.equal(child(pods[0], 'dns')?.label, 'db-0.db.prod.svc.cluster.local');
    assert.equal(pods[0].description, 'db-0.db.prod.svc.cluster.local');
    assert.match(child(pods[0], 'claim')!.description ?? '', /^10Gi · ReadWriteOnce · fast-ssd$/);

    const service = child(db, 'service')!;
    assert.equal(service.description, 'headless');
    assert.deepEqual(service.children.map((c) => c.label), ['db.prod.svc.cluster.local', '_postgres._tcp.db.prod.svc.cluster.local']);
    assert.match(child(db, 'order')!.description ?? '', /one at a time .*reverse order/);
    assert.deepEqual(child(db, 'retention')!.children.map((c) => c.label), ['On scale-down: Delete', 'On delete: Retain']);
    assert.equal(child(db, 'problems'), undefined);

    // The tree items VS Code renders: a click reveals the source, copyable items say so.
    const item = api.preview.provider.getTreeItem(pods[0]);
    assert.equal(item.label, 'db-0');
    assert.equal(item.command?.command, 'k8sStateful.preview.reveal');
    assert.match(String(item.contextValue), /\bcopyable\b/);
    const rootItem = api.preview.provider.getTreeItem(db);
    assert.match((rootItem.tooltip as vscode.MarkdownString).value, /\*\*StatefulSet `db`\*\* in namespace `prod`/);
  });

  test("the hover on the StatefulSet's name shows the same summary", async () => {
    const at = rangeOf(doc, 'name: db').start.translate(0, 7);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, at);
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /\*\*StatefulSet `db`\*\* in namespace `prod`: 3 replicas/);
    assert.match(text, /`db-0\.db\.prod\.svc\.cluster\.local`/);
    assert.match(text, /`data-db-2`/);
  });

  test('changing replicas to 5 in the editor (not saved) updates the view', async () => {
    await replaceInDoc('replicas: 3', 'replicas: 5');
    assert.ok(doc.isDirty, 'the edit should stay unsaved');
    await expectPods(['db-0', 'db-1', 'db-2', 'db-3', 'db-4']);
    const last = child(dbNode(), 'pods')!.children[4];
    assert.deepEqual(last.children.map((c) => c.label), ['db-4.db.prod.svc.cluster.local', 'data-db-4']);
  });

  test('ordinals.start: 1 shifts every name', async () => {
    await replaceInDoc('replicas: 5', 'replicas: 5\n  ordinals:\n    start: 1');
    await expectPods(['db-1', 'db-2', 'db-3', 'db-4', 'db-5']);
    const pods = child(dbNode(), 'pods')!.children;
    assert.deepEqual(pods.map((p) => child(p, 'claim')?.label), ['data-db-1', 'data-db-2', 'data-db-3', 'data-db-4', 'data-db-5']);
    assert.deepEqual(pods.map((p) => child(p, 'dns')?.label), [1, 2, 3, 4, 5].map((i) => `db-${i}.db.prod.svc.cluster.local`));
    assert.match(child(dbNode(), 'pods')!.description ?? '', /ordinals from 1/);
  });

  test('a large replica count shows the first and last pods with the count in between', async () => {
    await replaceInDoc('replicas: 5', 'replicas: 1000');
    await expectPods(['db-1', 'db-2', 'db-3', '… 995 more …', 'db-999', 'db-1000']);
    const more = child(dbNode(), 'pods')!.children[3];
    assert.equal(more.children[0].label, 'db-4');
  });

  test('Copy Name copies the item name; Reveal Source selects it in the editor', async () => {
    const pod = child(dbNode(), 'pods')!.children[0];
    await vscode.commands.executeCommand('k8sStateful.preview.copyName', pod);
    assert.equal(await vscode.env.clipboard.readText(), 'db-1');

    const claim = child(pod, 'claim')!;
    await vscode.commands.executeCommand('k8sStateful.preview.reveal', claim.location);
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.toString(), doc.uri.toString());
    assert.equal(editor?.document.getText(editor.selection), 'data');
  });
});

suite('Stateful Preview of an operator resource', () => {
  let api: K8sStatefulApi;
  let doc: vscode.TextDocument;
  const clusterNode = (): PreviewNode | undefined => api.preview.provider.getChildren().find((n) => n.label === 'shop-db');

  suiteSetup(async () => {
    api = (await activeExtension()).exports as K8sStatefulApi;
    await vscode.commands.executeCommand('k8sStateful.preview.focus');
    doc = await openInEditor(workspaceFile('crds/shop-db-cluster.yaml'));
  });

  suiteTeardown(async () => {
    if (doc) await restoreDocument(doc);
    await closeDocuments(workspaceFile('crds/shop-db-cluster.yaml'));
  });

  test('a CloudNativePG Cluster shows the pods, claims, Services and Secrets the operator will make, live while editing', async () => {
    await waitFor(() => clusterNode()?.children.length, 20_000);
    const node = clusterNode()!;
    assert.equal(node.description, 'Cluster · shop · 3 pods');
    assert.deepEqual(node.children.slice(0, 3).map((n) => [n.label, n.children.map((c) => c.label)]), [['shop-db-1', ['shop-db-1']], ['shop-db-2', ['shop-db-2']], ['shop-db-3', ['shop-db-3']]]);
    const rw = node.children.find((n) => n.label === 'shop-db-rw');
    assert.equal(rw?.copyText, 'shop-db-rw.shop.svc.cluster.local');
    assert.ok(node.children.some((n) => n.label === 'shop-db-app'), node.children.map((n) => n.label).join(', '));
    // The tree item a click reveals the Cluster's source with.
    assert.equal(api.preview.provider.getTreeItem(node).command?.command, 'k8sStateful.preview.reveal');

    // instances: 3 -> 2 in the editor (unsaved): the view follows.
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, rangeOf(doc, 'instances: 3'), 'instances: 2');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitFor(() => clusterNode()?.description === 'Cluster · shop · 2 pods', 20_000);
    assert.deepEqual(clusterNode()!.children.slice(0, 2).map((n) => n.label), ['shop-db-1', 'shop-db-2']);
    assert.ok(!clusterNode()!.children.some((n) => n.label === 'shop-db-3'));
  });
});
