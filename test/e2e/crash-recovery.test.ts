// Killing the language server mid-session: the client restarts it (RestartPolicy), re-opens the
// documents with their unsaved text, and diagnostics for an edited, unsaved document come back.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { CloseAction, ErrorAction, type LanguageClient } from 'vscode-languageclient/node';
import { MAX_RESTARTS, RestartPolicy } from '../../client/src/resilience';
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
        // Requests in flight when it dies (as when the user keeps typing): their writes fail before
        // the client notices the exit (see the test below).
        for (let i = 0; i < 8; i++) void api.client.sendRequest('k8sStateful/processInfo').catch(() => undefined);
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

  // The race behind a flaky run: after a SIGKILL, the IPC reader reports "Channel closed" (with no
  // error count) and writes fail with EPIPE before the exit is noticed. Shutting down on those
  // stopped the client for good ("Server will not be restarted"), since a stopping client is not
  // restarted by the close that follows.
  test('errors of a closed channel do not stop the client; the close then restarts it, up to the limit', () => {
    // The policy only appends lines to its channel.
    const lines: string[] = [];
    const channel = { appendLine: (line: string) => void lines.push(line) } as unknown as vscode.OutputChannel;
    {
      const policy = new RestartPolicy(channel);
      const closed = Object.assign(new Error('Channel closed'), { code: 'ERR_IPC_CHANNEL_CLOSED' });
      const epipe = Object.assign(new Error('write EPIPE'), { code: 'EPIPE' });
      assert.equal(policy.error(closed, undefined, undefined).action, ErrorAction.Continue);
      assert.equal(policy.error(epipe, undefined, 7).action, ErrorAction.Continue);
      // A live connection that keeps failing is still shut down (and then restarted).
      assert.equal(policy.error(new Error('write failed'), undefined, 4).action, ErrorAction.Shutdown);
      for (let i = 0; i < MAX_RESTARTS; i++) assert.equal(policy.closed().action, CloseAction.Restart);
      assert.equal(policy.closed().action, CloseAction.DoNotRestart);
      assert.ok(lines.every((line) => !line.includes('EPIPE')), 'no payloads or error texts logged');
    }
  });
});
