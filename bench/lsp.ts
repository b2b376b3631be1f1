// A minimal LSP client for the benchmark: spawns a server over stdio, answers its requests
// (workspace/configuration, registerCapability, progress), times requests, and waits for
// publishDiagnostics. Both servers are driven through exactly this code.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import {
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
  type Diagnostic,
  type ProtocolConnection,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';

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

  constructor(
    readonly name: string,
    command: string[],
    /** Answers workspace/configuration items by section. */
    private readonly configuration: (section: string | undefined) => unknown,
  ) {
    this.child = spawn(command[0], command.slice(1), { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, NODE_OPTIONS: '' } });
    this.child.stderr!.on('data', (chunk) => {
      this.stderr += String(chunk);
      if (this.stderr.length > 100_000) this.stderr = this.stderr.slice(-50_000);
    });
    this.child.on('exit', () => (this.exited = true));
    this.connection = createProtocolConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      const p: Published = { diagnostics: params.diagnostics, version: params.version, at: performance.now() };
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

  /** Times one request; `unsupported` when the server answers MethodNotFound. */
  async timed<R>(method: string, params: unknown, timeoutMs: number): Promise<{ ms: number; result?: R; unsupported?: boolean }> {
    const started = performance.now();
    const request = this.connection.sendRequest(method, params) as Promise<R>;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${this.name}: ${method} took over ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      const result = await Promise.race([request, timeout]);
      return { ms: performance.now() - started, result };
    } catch (error) {
      if (error instanceof ResponseError && error.code === -32601) return { ms: performance.now() - started, unsupported: true };
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Resident and peak resident memory of the server process, in MB (Linux /proc). */
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
