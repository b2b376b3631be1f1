// The server survives its client and its own bugs. Every handler registered on the connection is
// wrapped once, here, so feature code stays plain:
// - a request the client cancelled while it waited in the queue is answered RequestCancelled
//   without running (vscode-jsonrpc pre-cancels the token of queued requests);
// - a result computed for a document that changed meanwhile (an async handler) is dropped with
//   ContentModified, which clients discard silently;
// - an exception becomes a generic error: its message never reaches the client or the log,
//   because messages can quote document text, and decoded Secret values are document text
//   (JSON.parse, for one, quotes the text it fails on). The log gets the error's name and stack frames.
import { ErrorCodes, LSPErrorCodes, ResponseError, type CancellationToken, type Connection } from 'vscode-languageserver/node';

/** The `connection.onX(handler)` registrations to guard: requests and the notifications we handle. */
const GUARDED = [
  'onRequest', 'onNotification', 'onHover', 'onCompletion', 'onCompletionResolve', 'onCodeAction', 'onCodeActionResolve', 'onCodeLens',
  'onCodeLensResolve', 'onDefinition', 'onReferences', 'onPrepareRename', 'onRenameRequest', 'onDocumentSymbol', 'onFoldingRanges',
  'onDocumentHighlight', 'onDocumentLinks', 'onSignatureHelp', 'onDidOpenTextDocument', 'onDidChangeTextDocument', 'onDidCloseTextDocument',
  'onDidSaveTextDocument', 'onDidChangeConfiguration', 'onDidChangeWatchedFiles',
] as const;

export interface GuardOptions {
  /** The version the service holds for a document (undefined when unknown). */
  versionOf(uri: string): number | undefined;
  /** Where failures are reported (the client's output channel). */
  log(message: string): void;
}

function isToken(value: unknown): value is CancellationToken {
  return !!value && typeof value === 'object' && typeof (value as CancellationToken).isCancellationRequested === 'boolean' && typeof (value as CancellationToken).onCancellationRequested === 'function';
}

/** An error's name and stack frames, without its message (which may quote document text). */
export function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return `a thrown ${typeof error}`;
  const frames = (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
  return [error.name, ...frames.slice(0, 12)].join('\n');
}

const cancelled = () => new ResponseError(LSPErrorCodes.RequestCancelled, 'request cancelled');

export function guardHandler<A extends unknown[], R>(name: string, handler: (...args: A) => R, options: GuardOptions): (...args: A) => R {
  return ((...args: A) => {
    const token = args.find(isToken);
    const isRequest = token !== undefined;
    if (token?.isCancellationRequested) throw cancelled();
    const uri = (args[0] as { textDocument?: { uri?: unknown } } | undefined)?.textDocument?.uri;
    const version = isRequest && typeof uri === 'string' ? options.versionOf(uri) : undefined;
    const finish = (value: unknown) => {
      if (!isRequest) return value;
      if (token.isCancellationRequested) throw cancelled();
      if (typeof uri === 'string' && options.versionOf(uri) !== version) {
        throw new ResponseError(LSPErrorCodes.ContentModified, 'the document changed while the request ran');
      }
      return value;
    };
    const fail = (error: unknown): undefined => {
      if (error instanceof ResponseError) throw error;
      options.log(`k8s-stateful: ${name} failed: ${describeFailure(error)}`);
      if (isRequest) throw new ResponseError(ErrorCodes.InternalError, `k8s-stateful: ${name} failed (details in the server's output channel)`);
      return undefined;
    };
    let result: unknown;
    try {
      result = handler(...args);
    } catch (error) {
      return fail(error);
    }
    if (result && typeof (result as PromiseLike<unknown>).then === 'function') {
      return Promise.resolve(result).then(finish, fail);
    }
    return finish(result);
  }) as (...args: A) => R;
}

/** Wraps every handler later registered through the connection's `onX` methods (call before registering). */
export function guardConnection(connection: Connection, options: GuardOptions): Connection {
  const target = connection as unknown as Record<string, unknown>;
  for (const method of GUARDED) {
    const original = target[method];
    if (typeof original !== 'function') continue;
    target[method] = (...args: unknown[]) => {
      const name = typeof args[0] === 'string' ? args[0] : typeof (args[0] as { method?: unknown })?.method === 'string' ? (args[0] as { method: string }).method : method;
      return (original as (...a: unknown[]) => unknown).apply(
        connection,
        args.map((arg) => (typeof arg === 'function' ? guardHandler(name, arg as (...a: unknown[]) => unknown, options) : arg)),
      );
    };
  }
  return connection;
}
