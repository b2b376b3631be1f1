// Unit tests of the reliability pieces: the request guard (stale results, cancellation, exception
// messages), the size limit, and bad inputs through the real service.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CancellationTokenSource, ErrorCodes, LSPErrorCodes, ResponseError } from 'vscode-languageserver/node';
import { guardHandler } from '../../server/src/requestGuard';
import { createLanguageService } from '../../server/src/service';
import { schemas } from '../helpers/service';

function guarded<R>(handler: (params: unknown, token: unknown) => R, versions: Map<string, number>, logged: string[] = []) {
  return guardHandler('test', handler, { versionOf: (uri) => versions.get(uri), log: (m) => logged.push(m) });
}

test('guard: an async result for a document that changed meanwhile is dropped with ContentModified', async () => {
  const versions = new Map([['file:///a.yaml', 1]]);
  const handler = guarded(async () => {
    versions.set('file:///a.yaml', 2); // an edit arrives while the handler awaits
    return 'stale';
  }, versions);
  const token = new CancellationTokenSource().token;
  await assert.rejects(Promise.resolve(handler({ textDocument: { uri: 'file:///a.yaml' } }, token)), (e: ResponseError<unknown>) => e.code === LSPErrorCodes.ContentModified);
});

test('guard: a request already cancelled is not run; one cancelled while running is answered RequestCancelled', async () => {
  let ran = false;
  const source = new CancellationTokenSource();
  source.cancel();
  const handler = guarded(() => (ran = true), new Map());
  assert.throws(() => handler({}, source.token), (e: ResponseError<unknown>) => e.code === LSPErrorCodes.RequestCancelled);
  assert.equal(ran, false);
  const running = new CancellationTokenSource();
  const slow = guarded(async () => running.cancel(), new Map());
  await assert.rejects(Promise.resolve(slow({}, running.token)), (e: ResponseError<unknown>) => e.code === LSPErrorCodes.RequestCancelled);
});

test('guard: an exception never carries its message to the client or the log', async () => {
  const logged: string[] = [];
  const secret = 'decoded-secret-text';
  const handler = guarded(() => JSON.parse(`{"auths": ${secret}`), new Map(), logged);
  assert.throws(() => handler({}, new CancellationTokenSource().token), (e: ResponseError<unknown>) => e.code === ErrorCodes.InternalError && !e.message.includes(secret));
  assert.equal(logged.length, 1);
  assert.ok(!logged[0].includes(secret), logged[0]);
  assert.match(logged[0], /SyntaxError/);
  // A notification handler (no token) that throws is logged and swallowed.
  const notification = guardHandler('note', () => JSON.parse(secret), { versionOf: () => undefined, log: (m) => logged.push(m) });
  assert.equal(notification(), undefined);
  assert.ok(!logged[1].includes(secret));
});

test('maxFileSize: above it only syntax is checked, above twice it nothing, with one notice at the top', () => {
  const service = createLanguageService({ schemas });
  service.configure({ maxFileSize: 1000 });
  const body = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\nspec: {}\ndata:\n  a: [1\n';
  const pad = (n: number) => `${body}# ${'x'.repeat(n)}\n`;
  service.setDocument('file:///small.yaml', body);
  const small = service.getDiagnostics('file:///small.yaml').map((d) => d.code);
  assert.ok(small.includes('yaml-syntax'));
  service.setDocument('file:///syntax.yaml', pad(1200));
  const syntaxOnly = service.getDiagnostics('file:///syntax.yaml');
  assert.equal(syntaxOnly[0].code, 'file-too-large');
  assert.match(syntaxOnly[0].message, /only YAML syntax is checked/);
  assert.deepEqual(syntaxOnly[0].range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
  assert.ok(syntaxOnly.slice(1).every((d) => d.code === 'yaml-syntax') && syntaxOnly.length > 1, JSON.stringify(syntaxOnly));
  service.setDocument('file:///skipped.yaml', pad(3000));
  const skipped = service.getDiagnostics('file:///skipped.yaml');
  assert.deepEqual(skipped.map((d) => d.code), ['file-too-large']);
  assert.match(skipped[0].message, /not checked at all/);
  assert.equal(service.documents.parsed('file:///skipped.yaml')!.documents.length, 0, 'a skipped file is not parsed');
  // Raising the limit re-checks the file fully.
  service.configure({ maxFileSize: 100_000 });
  assert.ok(!service.getDiagnostics('file:///skipped.yaml').some((d) => d.code === 'file-too-large'));
});

test('duplicate keys are reported once per repeat, in linear time (1 and "1" differ)', () => {
  const service = createLanguageService({ schemas });
  const keys = Array.from({ length: 50_000 }, (_, i) => `  k${i}: v`).join('\n');
  service.setDocument('file:///dup.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n${keys}\n  k7: again\n  1: a\n  "1": b\n`);
  const duplicates = service.getDiagnostics('file:///dup.yaml').filter((d) => /unique/.test(d.message));
  assert.equal(duplicates.length, 1);
  assert.equal(duplicates[0].range.start.line, 5 + 50_000);
});

test('positions after a stream-level syntax error stay on their lines', () => {
  const service = createLanguageService({ schemas });
  // "Unexpected scalar token in YAML stream" used to lose the line breaks inside the bad tokens.
  const text = 'apiVersion: v1\nkind: StorageClass\nmetadata:\n  name: x\nparameters:\n  a: b\n protectomain: pdomain\n  storagePool: pool1\n  secretRef: s\n';
  service.setDocument('file:///stream.yaml', text);
  const lines = text.split('\n');
  for (const d of service.getDiagnostics('file:///stream.yaml')) {
    assert.ok(d.range.end.character <= lines[d.range.end.line].length, `${JSON.stringify(d.range)} ${d.message}`);
  }
});
