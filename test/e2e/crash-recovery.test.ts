// Killing the language server mid-session: the client restarts it (RestartPolicy), re-opens the
// documents with their unsaved text, and diagnostics for an edited, unsaved document come back.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { activeExtension, closeDocuments, openInEditor, rangeOf, restoreDocument, summarize, waitFor, workspaceFile } from './helpers';

interface Api {
  client: LanguageClient;
}

async function serverPid(client: LanguageClient): Promise<number | undefined> {
  try {
    return (await client.sendRequest<{ pid: number }>('k8sStateful/processInfo')).pid;
  } catch {
    return undefined; // not running (yet)
  }
}

suite('crash recovery', () => {
  test('SIGKILL of the server: restarted automatically, unsaved edits diagnosed again', async function () {
    // Longer than the waits below add up to (30 + 60 + 30 s), so a slow restart fails here with its
    // own message and the finally block has run before mocha moves on to the next test.
    this.timeout(180_000);
    const api = (await activeExtension()).exports as Api;
    const doc = await openInEditor(workspaceFile('postgres/statefulset.yaml'));
    const editor = vscode.window.activeTextEditor!;
    try {
      // An unsaved typo: only the editor has this text.
      assert.ok(await editor.edit((b) => b.replace(rangeOf(doc, 'serviceName'), 'serviceNme')));
      assert.ok(doc.isDirty);
      const typo = (d: vscode.Diagnostic) => d.message.includes('serviceNme');
      const before = await waitFor(() => vscode.languages.getDiagnostics(doc.uri).some(typo), 30_000);
      assert.ok(before, `no diagnostic for the typo before the crash:\n${summarize(vscode.languages.getDiagnostics(doc.uri))}`);

      const pid = await serverPid(api.client);
      assert.ok(pid, 'k8sStateful/processInfo gave no pid');
      // The client clears the server's diagnostics when the connection goes: watch for that, then for their return.
      let cleared = false;
      const watch = vscode.languages.onDidChangeDiagnostics((e) => {
        if (e.uris.some((u) => u.toString() === doc.uri.toString()) && !vscode.languages.getDiagnostics(doc.uri).some(typo)) cleared = true;
      });
      try {
        process.kill(pid, 'SIGKILL');
        const restarted = await waitFor(async () => {
          const now = await serverPid(api.client);
          return now !== undefined && now !== pid ? now : undefined;
        }, 60_000, 250);
        assert.ok(restarted, 'the server was not restarted within 60 s');
        const after = await waitFor(() => cleared && vscode.languages.getDiagnostics(doc.uri).some(typo), 30_000);
        assert.ok(cleared, 'the diagnostics of the killed server were never cleared, so the check below proves nothing');
        assert.ok(after, `no diagnostic for the unsaved typo after the restart:\n${summarize(vscode.languages.getDiagnostics(doc.uri))}`);
        assert.ok(doc.isDirty, 'the edit is still unsaved');
      } finally {
        watch.dispose();
      }
    } finally {
      await restoreDocument(doc);
      await closeDocuments(doc);
    }
  });
});
