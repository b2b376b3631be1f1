// A minimal LSP client for the benchmark: spawns a server over stdio, answers its requests
// (workspace/configuration, registerCapability, progress), times requests, and waits for
// publishDiagnostics. Both servers are driven through exactly this code.
//
// Requests are timed at the pipe: from the moment the request's bytes are handed to the server's
// stdin to the moment the 'data' event that completes its response fires, before any parsing.
// Diagnostics likewise: a publishDiagnostics counts as arrived at the 'data' event that completed
// it, not when the connection's queue hands it to the handler (after parsing it and a setImmediate).
// vscode-jsonrpc's own stream reader and writer (still available with `jsonrpcTransport`) add
// client-side time to every round trip: the writer queues each message behind a setImmediate and
// writes the header and the body in two writes, the second only after the first has called back;
// the reader queues each message behind another setImmediate and an async decode. Against a
// server that answers at once, that was 0.05-0.09 ms of the median and 0.1-0.5 ms of the p95.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Readable, Writable } from 'node:stream';
import {
  AbstractMessageReader,
  AbstractMessageWriter,
  Disposable,
  Message,
  createProtocolConnection,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ResponseError,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type DataCallback,
  type Diagnostic,
  type MessageReader,
  type MessageWriter,
  type ProtocolConnection,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';

/** Writes each message as one frame in one write, and notes when each request left. */
class PipeWriter extends AbstractMessageWriter implements MessageWriter {
  /** The last request written: its id and when its bytes were handed to the pipe. */
  lastRequest: { id: number | string; at: number } | undefined;
  private errors = 0;

  constructor(private readonly stream: Writable) {
    super();
    stream.on('error', (error) => this.fireError(error));
    stream.on('close', () => this.fireClose());
  }

  write(msg: Message): Promise<void> {
    const body = Buffer.from(JSON.stringify(msg), 'utf8');
    const frame = Buffer.concat([Buffer.from(`Content-Length: ${body.byteLength}\r\n\r\n`, 'ascii'), body]);
    return new Promise((resolve, reject) => {
      this.stream.write(frame, (error) => {
        if (!error) return resolve();
        this.fireError(error, msg, ++this.errors);
        reject(error);
      });
      if (Message.isRequest(msg) && msg.id !== null) this.lastRequest = { id: msg.id, at: performance.now() };
    });
  }

  end(): void {
    this.stream.end();
  }
}

/**
 * Splits the server's stdout into messages and hands each to the connection synchronously. For
 * the requests it is told to watch, it records when their response arrived (the time of the
 * 'data' event that completed it, taken before parsing anything in that chunk), and it counts
 * other messages that arrive while a watched request is in flight.
 */
class PipeReader extends AbstractMessageReader implements MessageReader {
  private chunks: Buffer[] = [];
  private length = 0;
  private bodyLength = -1;
  private readonly watched = new Set<number | string>();
  private readonly arrivals = new Map<number | string, number>();
  /** Messages other than a watched response received while one was awaited. */
  overlapping = 0;
  /** When each notification's params arrived (the handler receives the same object). */
  private readonly notified = new WeakMap<object, number>();

  constructor(private readonly stream: Readable) {
    super();
  }

  listen(callback: DataCallback): Disposable {
    const onData = (chunk: Buffer) => this.onData(chunk, callback);
    this.stream.on('data', onData);
    this.stream.on('error', (error) => this.fireError(error));
    this.stream.on('close', () => this.fireClose());
    return Disposable.create(() => this.stream.off('data', onData));
  }

  watch(id: number | string): void {
    this.watched.add(id);
  }

  /** When the response to a watched request arrived (and forgets it). */
  arrival(id: number | string): number | undefined {
    this.watched.delete(id);
    const at = this.arrivals.get(id);
    this.arrivals.delete(id);
    return at;
  }

  private onData(chunk: Buffer, callback: DataCallback): void {
    const at = performance.now();
    this.chunks.push(chunk);
    this.length += chunk.length;
    try {
      for (;;) {
        if (this.bodyLength < 0) {
          const buffer = this.flatten();
          const end = buffer.indexOf('\r\n\r\n');
          if (end < 0) return;
          const length = /(?:^|\r\n)content-length:\s*(\d+)/i.exec(buffer.toString('ascii', 0, end))?.[1];
          if (length === undefined) throw new Error('a message header without Content-Length');
          this.consume(end + 4);
          this.bodyLength = Number(length);
        }
        if (this.length < this.bodyLength) return;
        const body = this.flatten().subarray(0, this.bodyLength);
        this.consume(this.bodyLength);
        this.bodyLength = -1;
        const message = JSON.parse(body.toString('utf8')) as Message;
        if (Message.isResponse(message) && message.id !== null && this.watched.has(message.id)) this.arrivals.set(message.id, at);
        else if (this.watched.size > this.arrivals.size) this.overlapping++;
        if (Message.isNotification(message) && typeof message.params === 'object' && message.params !== null) this.notified.set(message.params, at);
        callback(message);
      }
    } catch (error) {
      this.fireError(error);
    }
  }

  /** When the notification whose params these are arrived, if it came through this reader. */
  notifiedAt(params: object): number | undefined {
    return this.notified.get(params);
  }

  private flatten(): Buffer {
    if (this.chunks.length > 1) this.chunks = [Buffer.concat(this.chunks, this.length)];
    return this.chunks[0] ?? Buffer.alloc(0);
  }

  private consume(bytes: number): void {
    const rest = this.flatten().subarray(bytes);
    this.chunks = rest.length ? [rest] : [];
    this.length = rest.length;
  }
}

export interface Published {
  diagnostics: Diagnostic[];
  version?: number;
  at: number;
}

export class BenchClient {
  readonly child: ChildProcess;
  readonly connection: ProtocolConnection;
  private readonly published: Array<{ uri: string; p: Published }> = [];
  private readonly waiters: Array<{ uri: string; after: number; version?: number; resolve: (p: Published) => void }> = [];
  stderr = '';
  exited = false;
  /** window/logMessage texts, newest last. */
  readonly logs: string[] = [];

  /** Undefined with `jsonrpcTransport`: requests are then timed around the promise. */
  private readonly reader?: PipeReader;
  private readonly writer?: PipeWriter;

  constructor(
    readonly name: string,
    command: string[],
    /** Answers workspace/configuration items by section. */
    private readonly configuration: (section: string | undefined) => unknown,
    /** vscode-jsonrpc's stream reader and writer instead of the pipe-timed ones (for comparison). */
    jsonrpcTransport = false,
  ) {
    this.child = spawn(command[0], command.slice(1), { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, NODE_OPTIONS: '' } });
    this.child.stderr!.on('data', (chunk) => {
      this.stderr += String(chunk);
      if (this.stderr.length > 100_000) this.stderr = this.stderr.slice(-50_000);
    });
    this.child.on('exit', () => (this.exited = true));
    if (jsonrpcTransport) {
      this.connection = createProtocolConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    } else {
      this.reader = new PipeReader(this.child.stdout!);
      this.writer = new PipeWriter(this.child.stdin!);
      this.connection = createProtocolConnection(this.reader, this.writer);
    }
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      const p: Published = { diagnostics: params.diagnostics, version: params.version, at: this.reader?.notifiedAt(params) ?? performance.now() };
      this.published.push({ uri: params.uri, p });
      if (this.published.length > 50) this.published.shift();
      for (const waiter of [...this.waiters]) {
        if (waiter.uri !== params.uri || p.at < waiter.after) continue;
        if (waiter.version !== undefined && params.version !== undefined && params.version !== waiter.version) continue;
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(p);
      }
    });
    this.connection.onRequest('workspace/configuration', (params: { items: Array<{ section?: string }> }) => params.items.map((item) => this.configuration(item.section) ?? null));
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('client/unregisterCapability', () => null);
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onRequest('workspace/workspaceFolders', () => null);
    this.connection.onNotification('window/logMessage', (params: { message: string }) => {
      this.logs.push(params.message);
      if (this.logs.length > 200) this.logs.shift();
    });
    this.connection.listen();
  }

  /** Resolves when a log message matches (or after timeoutMs, with undefined). */
  async waitForLog(pattern: RegExp, timeoutMs: number): Promise<string | undefined> {
    const end = performance.now() + timeoutMs;
    while (performance.now() < end) {
      const hit = this.logs.find((l) => pattern.test(l));
      if (hit) return hit;
      await new Promise((r) => setTimeout(r, 50));
    }
    return undefined;
  }

  get pid(): number {
    return this.child.pid!;
  }

  async initialize(rootUri: string): Promise<void> {
    await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'bench' }],
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, workspaceFolders: true },
        textDocument: {
          synchronization: { dynamicRegistration: true, didSave: true },
          publishDiagnostics: { versionSupport: true, relatedInformation: true },
          completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] }, contextSupport: true },
          hover: { contentFormat: ['markdown', 'plaintext'] },
        },
      },
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
  }

  async configure(settings: unknown): Promise<void> {
    await this.connection.sendNotification(DidChangeConfigurationNotification.type, { settings });
  }

  /** Resolves with the first diagnostics published for `uri` after now (for `version` when the server sends versions). */
  nextDiagnostics(uri: string, timeoutMs: number, version?: number): Promise<Published> {
    const after = performance.now();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        const i = this.waiters.findIndex((w) => w.resolve === done);
        if (i >= 0) this.waiters.splice(i, 1);
        reject(new Error(`${this.name}: no diagnostics for ${uri} within ${timeoutMs} ms`));
      }, timeoutMs);
      const done = (p: Published) => {
        clearTimeout(timer);
        resolve(p);
      };
      this.waiters.push({ uri, after, version, resolve: done });
    });
  }

  open(uri: string, text: string, version = 1): Promise<void> {
    return this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'yaml', version, text } });
  }

  change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): Promise<void> {
    return this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: changes });
  }

  close(uri: string): Promise<void> {
    return this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  /** Messages from the server that arrived while a timed request was in flight (pipe transport only). */
  get overlapping(): number {
    return this.reader?.overlapping ?? 0;
  }

  /**
   * Times one request, at the pipe (see the top of this file); `unsupported` when the server
   * answers MethodNotFound.
   */
  async timed<R>(method: string, params: unknown, timeoutMs: number): Promise<{ ms: number; result?: R; unsupported?: boolean }> {
    const before = this.writer?.lastRequest;
    const started = performance.now();
    const request = this.connection.sendRequest(method, params) as Promise<R>;
    // sendRequest hands the message to the writer synchronously.
    const sent = this.writer?.lastRequest !== before ? this.writer?.lastRequest : undefined;
    if (sent) this.reader?.watch(sent.id);
    const elapsed = () => {
      const end = performance.now();
      const arrived = sent && this.reader?.arrival(sent.id);
      return sent && arrived !== undefined ? arrived - sent.at : end - started;
    };
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${this.name}: ${method} took over ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      const result = await Promise.race([request, timeout]);
      return { ms: elapsed(), result };
    } catch (error) {
      if (error instanceof ResponseError && error.code === -32601) return { ms: elapsed(), unsupported: true };
      if (sent) this.reader?.arrival(sent.id);
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Resident and peak resident memory of the server process, in MB (Linux /proc). */
  /** CPU time the server used so far (user + system), in ms; steadier than wall time on a shared machine. */
  cpuMs(): number | undefined {
    try {
      // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th, in clock ticks (100 Hz on Linux).
      const fields = readFileSync(`/proc/${this.pid}/stat`, 'utf8').split(') ')[1].split(' ');
      return (Number(fields[11]) + Number(fields[12])) * 10;
    } catch {
      return undefined;
    }
  }

  memory(): { rssMb: number; peakMb: number } | undefined {
    try {
      const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
      const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
      return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
    } catch {
      return undefined;
    }
  }

  async shutdown(): Promise<void> {
    const kill = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    try {
      if (!this.exited) {
        await Promise.race([this.connection.sendRequest(ShutdownRequest.type), new Promise((r) => setTimeout(r, 3000))]);
        await this.connection.sendNotification(ExitNotification.type);
      }
    } catch {
      // the process is killed below anyway
    } finally {
      await new Promise<void>((resolve) => {
        if (this.exited) return resolve();
        this.child.once('exit', () => resolve());
        setTimeout(() => {
          this.child.kill('SIGKILL');
          resolve();
        }, 3000);
      });
      clearTimeout(kill);
      this.connection.dispose();
    }
  }
}
