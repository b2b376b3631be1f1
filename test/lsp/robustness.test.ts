// The real server over stdio under bad input and a misbehaving client: every bad input gets
// diagnostics and answers to every feature request in a fresh server process that stays under
// 500 MB (peak RSS, read from /proc), cancelled requests are not run, exceptions never leak their message, and
// refactors that would send decoded Secret values send them on resolve only.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import {
  CancellationTokenSource,
  CodeActionRequest,
  CodeActionResolveRequest,
  CodeLensRequest,
  CompletionRequest,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  HoverRequest,
  LSPErrorCodes,
  ErrorCodes,
  ResponseError,
  type CodeAction,
} from 'vscode-languageserver-protocol/node';
import { LspTestClient } from '../helpers/lspClient';
import { BAD_INPUTS } from '../helpers/badInputs';

const MEMORY_LIMIT = 500 * 1024 * 1024;

let client: LspTestClient;
before(async () => {
  client = new LspTestClient();
  await client.initialize(null);
});
after(async () => {
  await client.shutdown();
});

interface ProcessInfo {
  pid: number;
  rss: number;
}

/** Peak resident memory of the server process (VmHWM), or its current RSS where /proc is missing. */
async function peakMemory(server: LspTestClient): Promise<number> {
  const info = await server.request<ProcessInfo>('k8sStateful/processInfo');
  try {
    const status = readFileSync(`/proc/${info.pid}/status`, 'utf8');
    const kb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1]);
    if (kb > 0) return kb * 1024;
  } catch {
    // not Linux
  }
  return info.rss;
}

for (const input of BAD_INPUTS) {
  test(`bad input: ${input.name} gets diagnostics and every feature answers`, async () => {
    const uri = `file:///bad/${input.name.replace(/\W+/g, '-')}.yaml`;
    const text = input.text();
    // A fresh server per input: peak memory belongs to this input alone.
    const client = new LspTestClient();
    await client.initialize(null);
    try {
      const diagnostics = await client.open(uri, text, 120_000);
      input.expect?.(diagnostics.map((d) => `${d.code} ${d.message}`));
      const textDocument = { uri };
      const lines = text.split('\n');
      const positions = [
        { line: 0, character: 0 },
        { line: Math.floor(lines.length / 2), character: 2 },
        { line: lines.length - 1, character: 0 },
      ];
      for (const position of positions) {
        await client.connection.sendRequest(HoverRequest.type, { textDocument, position });
        await client.connection.sendRequest(CompletionRequest.type, { textDocument, position });
        const range = { start: position, end: position };
        await client.connection.sendRequest(CodeActionRequest.type, { textDocument, range, context: { diagnostics: diagnostics.slice(0, 5) } });
      }
      await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument });
      await client.connection.sendRequest(FoldingRangeRequest.type, { textDocument });
      await client.connection.sendRequest(CodeLensRequest.type, { textDocument });
      await client.close(uri);
      const peak = await peakMemory(client);
      assert.ok(peak < MEMORY_LIMIT, `server peak memory ${(peak / 1e6).toFixed(0)} MB after ${input.name}`);
    } finally {
      await client.shutdown();
    }
  });
}

test('a request cancelled while it waits in the queue is answered RequestCancelled without running', async () => {
  const uri = 'file:///bad/busy.yaml';
  const big = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n' + Array.from({ length: 60_000 }, (_, i) => `  k${i}: v${i}`).join('\n');
  await client.open(uri, big, 60_000);
  await client.change(uri, big + '\n  extra: x\n', 60_000);
  // Keep the server busy with a slow request (outline of a 60,000-key map), then cancel a hover
  // queued behind it: the cancellation arrives before the hover runs.
  const slow = client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } });
  const source = new CancellationTokenSource();
  const hover = client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 1, character: 1 } }, source.token);
  source.cancel();
  await assert.rejects(hover, (error: ResponseError<unknown>) => error.code === LSPErrorCodes.RequestCancelled);
  await slow;
  await client.close(uri);
});

test('an exception in a handler comes back as a generic error, without its message', async () => {
  await client.open('file:///bad/small.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n');
  // No position: the hover code throws a TypeError that names the missing property.
  await assert.rejects(client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: 'file:///bad/small.yaml' } } as never), (error: ResponseError<unknown>) => {
    assert.equal(error.code, ErrorCodes.InternalError);
    assert.match(error.message, /^k8s-stateful: onHover failed \(details in the server's output channel\)$/);
    return true;
  });
  // The server is still there.
  await client.request('k8sStateful/processInfo');
});

test('refactors that decode Secret values send the decoded text on resolve only', async () => {
  const uri = 'file:///bad/secret.yaml';
  const decoded = 'canary-Z8q1-decoded';
  const text = `apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n  password: ${Buffer.from(decoded).toString('base64')}\n`;
  await client.open(uri, text);
  const range = { start: { line: 5, character: 4 }, end: { line: 5, character: 4 } };
  const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range, context: { diagnostics: [] } })) as CodeAction[];
  assert.ok(!JSON.stringify(actions).includes(decoded), 'a code action list carries the decoded value');
  const toStringData = actions.find((a) => a.kind === 'refactor.rewrite.secret.toStringData');
  assert.ok(toStringData && !toStringData.edit, 'the data -> stringData refactor is offered without its edit');
  const resolved = await client.connection.sendRequest(CodeActionResolveRequest.type, toStringData);
  assert.ok(JSON.stringify(resolved.edit).includes(decoded), 'resolving computes the edit with the decoded value');
});
