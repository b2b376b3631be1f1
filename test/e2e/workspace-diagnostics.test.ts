// Problems of files that are not open (k8sStateful.diagnostics.scope: workspace, the default): a
// closed example with mistakes has its findings in VS Code without being opened, and they follow
// a file created and deleted on disk.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeExtension, summarize, waitFor, workspaceFile } from './helpers';

const codeOf = (d: vscode.Diagnostic) => String(typeof d.code === 'object' ? d.code.value : d.code);

suite('workspace diagnostics', () => {
  suiteSetup(async () => {
    await activeExtension();
  });

  test('a closed file shows its problems without being opened, and they follow a change on disk', async () => {
    const closed = workspaceFile('mistakes/statefulset-volumes.yaml');
    const isOpen = () => vscode.workspace.textDocuments.some((d) => d.uri.toString() === closed.toString());
    assert.ok(!isOpen(), 'the file must not be open for this test');
    const codes = () => vscode.languages.getDiagnostics(closed).map(codeOf).sort();
    // What `k8s-stateful check` reports for this file.
    const expected = ['ref-configmap-missing', 'sts-claim-template-unused', 'sts-volume-mount-unknown'];
    const found = await waitFor(() => JSON.stringify(codes()) === JSON.stringify(expected), 30_000);
    assert.ok(found, `closed file's diagnostics: ${summarize(vscode.languages.getDiagnostics(closed))}`);

    // The ConfigMap it names appears on disk: that problem goes; deleted again: it comes back.
    const created = workspaceFile('mistakes/logs-settings.yaml');
    const configMap = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: logs-settings\n  namespace: mistakes\ndata:\n  level: info\n';
    await vscode.workspace.fs.writeFile(created, new TextEncoder().encode(configMap));
    try {
      const cleared = await waitFor(() => !codes().includes('ref-configmap-missing'), 30_000);
      assert.ok(cleared, `after creating the ConfigMap: ${summarize(vscode.languages.getDiagnostics(closed))}`);
    } finally {
      await vscode.workspace.fs.delete(created);
    }
    const back = await waitFor(() => codes().includes('ref-configmap-missing'), 30_000);
    assert.ok(back, `after deleting the ConfigMap: ${summarize(vscode.languages.getDiagnostics(closed))}`);
    assert.ok(!isOpen(), 'the test opened the file');
  });
});
