// How the client lives with a server that crashes, and the output channel it logs to.
//
// Restart policy: a crashed server is restarted at once, up to MAX_RESTARTS times within
// RESTART_WINDOW_MS; the language client then re-opens every open YAML document with its current,
// unsaved text, so no edit is lost. Past the limit (a crash loop, e.g. on some input), the client
// stops restarting and says so; the `k8sStateful.restartServer` command starts it again.
import * as vscode from 'vscode';
import { CloseAction, ErrorAction, type CloseHandlerResult, type ErrorHandler, type ErrorHandlerResult, type Message } from 'vscode-languageclient/node';

export const MAX_RESTARTS = 5;
export const RESTART_WINDOW_MS = 3 * 60 * 1000;
/** Write errors tolerated on the connection before the client shuts it down (and restarts it). */
const MAX_CONNECTION_ERRORS = 3;

export class RestartPolicy implements ErrorHandler {
  private readonly crashes: number[] = [];
  /** Restarts so far, for tests and the log. */
  restarts = 0;

  constructor(private readonly output: vscode.OutputChannel) {}

  error(error: Error, _message: Message | undefined, count: number | undefined): ErrorHandlerResult {
    // Writes to a server that just died fail before its exit is noticed, several at once when
    // requests are in flight. Shutting down then would stop the client for good (a stopping client
    // is not restarted); the close that follows restarts it (closed()).
    if (isClosedChannel(error)) return { action: ErrorAction.Continue, handled: true };
    // The error may carry a message payload (document text): log only that it happened.
    if (count !== undefined && count <= MAX_CONNECTION_ERRORS) return { action: ErrorAction.Continue };
    this.output.appendLine('k8s-stateful: the connection to the language server keeps failing; restarting it.');
    return { action: ErrorAction.Shutdown };
  }

  closed(): CloseHandlerResult {
    const now = Date.now();
    this.crashes.push(now);
    while (this.crashes.length > 0 && now - this.crashes[0] > RESTART_WINDOW_MS) this.crashes.shift();
    if (this.crashes.length > MAX_RESTARTS) {
      return {
        action: CloseAction.DoNotRestart,
        message: `The k8s-stateful language server stopped ${this.crashes.length} times in ${RESTART_WINDOW_MS / 60_000} minutes and will not be restarted. Run "Kubernetes Stateful: Restart Language Server" to try again.`,
      };
    }
    this.restarts++;
    this.output.appendLine(`k8s-stateful: the language server stopped unexpectedly; restarting it (${this.crashes.length} of ${MAX_RESTARTS} within ${RESTART_WINDOW_MS / 60_000} minutes).`);
    return { action: CloseAction.Restart, handled: true };
  }

  /** A manual restart starts a new count. */
  reset(): void {
    this.crashes.length = 0;
  }
}

/** A write to a server process that is gone: its IPC channel or pipe is closed. */
function isClosedChannel(error: Error): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ERR_IPC_CHANNEL_CLOSED' || code === 'EPIPE' || code === 'ERR_STREAM_DESTROYED' || /channel closed|EPIPE/i.test(error.message);
}

/** Keeps the last `limit` characters written to it (for tests: the trace must never hold decoded Secrets). */
export class OutputRecorder {
  private chunks: string[] = [];
  private size = 0;

  constructor(private readonly limit = 4 * 1024 * 1024) {}

  add(text: string): void {
    this.chunks.push(text);
    this.size += text.length;
    while (this.size > this.limit && this.chunks.length > 1) this.size -= this.chunks.shift()!.length;
  }

  text(): string {
    return this.chunks.join('');
  }
}

/**
 * The extension's output channel (server log and, with `k8sStateful.trace.server`, the LSP trace).
 * With a recorder (development and test runs only), everything written is also kept in memory.
 */
export function createOutputChannel(name: string, recorder?: OutputRecorder): vscode.LogOutputChannel {
  const channel = vscode.window.createOutputChannel(name, { log: true });
  if (!recorder) return channel;
  const writers = new Set<string | symbol>(['append', 'appendLine', 'replace', 'trace', 'debug', 'info', 'warn', 'error']);
  return new Proxy(channel, {
    get(target, property, receiver) {
      if (writers.has(property)) {
        return (...values: unknown[]) => {
          recorder.add(`${values.map((v) => (v instanceof Error ? `${v.name}: ${v.message}\n${v.stack ?? ''}` : typeof v === 'string' ? v : JSON.stringify(v))).join(' ')}\n`);
          return (Reflect.get(target, property) as (...v: unknown[]) => void).apply(target, values);
        };
      }
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
