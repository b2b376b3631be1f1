// A real LSP client for tests: spawns the bundled server with --stdio and speaks JSON-RPC to it.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import {
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type Diagnostic,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';

export class LspTestClient {
  readonly connection: ProtocolConnection;
  private readonly child: ChildProcess;
  private readonly versions = new Map<string, number>();
  private readonly latest = new Map<string, PublishDiagnosticsParams>();
  private readonly waiters: Array<{ uri: string; version?: number; resolve: (d: Diagnostic[]) => void }> = [];
  private readonly notificationWaiters: Array<{ method: string; resolve: (params: unknown) => void }> = [];
  initializeResult?: InitializeResult;
  stderr = '';

  constructor(serverPath = join(process.cwd(), 'dist', 'server.js')) {
    this.child = spawn(process.execPath, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr!.on('data', (chunk) => (this.stderr += String(chunk)));
    this.connection = createProtocolConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.latest.set(params.uri, params);
      for (const waiter of [...this.waiters]) {
        if (waiter.uri === params.uri && (waiter.version === undefined || params.version === waiter.version)) {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          waiter.resolve(params.diagnostics);
        }
      }
    });
    // Every other server notification (custom ones included) can be awaited with nextNotification.
    this.connection.onUnhandledNotification(({ method, params }) => {
      for (const waiter of [...this.notificationWaiters]) {
        if (waiter.method !== method) continue;
        this.notificationWaiters.splice(this.notificationWaiters.indexOf(waiter), 1);
        waiter.resolve(params);
      }
    });
    this.connection.listen();
  }

  /** Resolves with the params of the next notification `method` the server sends (not diagnostics). */
  nextNotification(method: string, timeoutMs = 10_000): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ${method} notification; server stderr: ${this.stderr}`)), timeoutMs);
      this.notificationWaiters.push({ method, resolve: (p) => (clearTimeout(timer), resolve(p)) });
    });
  }

  /** Sends a request by method name (for custom requests such as `k8sStateful/preview`). */
  request<R>(method: string, params?: unknown): Promise<R> {
    return this.connection.sendRequest<R>(method, params);
  }

  /**
   * `textDocument` capabilities are merged into the defaults (e.g. `{ completion: { completionItem: { snippetSupport: true } } }`);
   * `extra` adds workspace and window capabilities and initializationOptions.
   */
  async initialize(
    rootUri: string | null = null,
    textDocument: Record<string, unknown> = {},
    extra: { workspace?: Record<string, unknown>; window?: Record<string, unknown>; initializationOptions?: unknown; workspaceFolders?: string[] } = {},
  ): Promise<InitializeResult> {
    this.initializeResult = await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri,
      capabilities: { textDocument: { publishDiagnostics: { versionSupport: true }, ...textDocument }, ...(extra.workspace ? { workspace: extra.workspace } : {}), ...(extra.window ? { window: extra.window } : {}) },
      workspaceFolders: extra.workspaceFolders?.map((uri, i) => ({ uri, name: `folder${i}` })) ?? (rootUri ? [{ uri: rootUri, name: 'test' }] : null),
      ...(extra.initializationOptions !== undefined ? { initializationOptions: extra.initializationOptions } : {}),
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
    return this.initializeResult;
  }

  /** Resolves with the diagnostics published for `uri` (for `version` when given). */
  nextDiagnostics(uri: string, version?: number, timeoutMs = 10_000): Promise<Diagnostic[]> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} v${version}; server stderr: ${this.stderr}`)), timeoutMs);
      this.waiters.push({ uri, version, resolve: (d) => (clearTimeout(timer), resolve(d)) });
    });
  }

  async open(uri: string, text: string, timeoutMs?: number): Promise<Diagnostic[]> {
    this.versions.set(uri, 1);
    const published = this.nextDiagnostics(uri, 1, timeoutMs);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    return published;
  }

  /** Replaces the whole text (a full-document change event). */
  async change(uri: string, text: string, timeoutMs?: number): Promise<Diagnostic[]> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    const published = this.nextDiagnostics(uri, version, timeoutMs);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ text }] });
    return published;
  }

  /** Replaces [start, end) of the text as an editor's keystroke does (an incremental change event). */
  async edit(uri: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }, text: string, timeoutMs?: number): Promise<Diagnostic[]> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    const published = this.nextDiagnostics(uri, version, timeoutMs);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ range, text }] });
    return published;
  }

  async close(uri: string): Promise<void> {
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  async shutdown(): Promise<void> {
    try {
      await this.connection.sendRequest(ShutdownRequest.type);
      await this.connection.sendNotification(ExitNotification.type);
    } finally {
      this.connection.dispose();
      this.child.kill();
    }
  }
}
