// The VS Code side: start the bundled language server over IPC and hand it the YAML documents.
import * as path from 'node:path';
import { commands, ExtensionMode, type ExtensionContext } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { registerPreview, type PreviewApi } from './preview';
import { registerSecretCommands } from './commands/secretCommands';
import { registerSecretContext } from './secretContext';
import { registerRuleDocs } from './ruleDocs';
import { createOutputChannel, OutputRecorder, RestartPolicy } from './resilience';
import { SERVER_NODE_FLAGS } from '../../common/nodeFlags';

// When this module's own code starts running (its bundled dependencies have run just before it).
const moduleStartedEpoch = Date.now();

let client: LanguageClient | undefined;

/**
 * Activation figures, in ms of the extension's own time: loading its bundle (`loadMs`), then
 * activate from its call. Left out: the gap between the two, which is VS Code's (it prepares the
 * extension context and activates other extensions meanwhile), and in `activateMs` the wait for
 * the language server to start.
 */
export interface ActivationTimes {
  /** Loading the bundle and running activate to its end, without waiting for the server. */
  activateMs: number;
  /** Loading the bundle, then activate until the language client reported the server running. */
  serverReadyMs: number;
  /** From VS Code starting to load the bundle to this module's first statement; undefined when VS Code's mark is not reachable (the figures then start at activate). */
  loadMs?: number;
}

export interface K8sStatefulApi {
  /** The running language client; tests and other extensions use it to reach the server. */
  client: LanguageClient;
  /** The Stateful Preview view: its tree data provider and the model it shows. */
  preview: PreviewApi;
  /** What the output channel received (server log and trace); empty outside development and test runs. */
  outputLog(): string;
  activation: ActivationTimes;
}

/**
 * How long loading the bundle took: the extension host marks `code/extHost/willLoadExtensionCode/<id>`
 * (Date.now(), whole ms) in its performance marks before it requires the bundle, the start of its
 * own "code loading" figure. Not an API: read defensively.
 */
function bundleLoadMs(extensionId: string): number | undefined {
  try {
    const marks = (globalThis as { MonacoPerformanceMarks?: { getMarks?(): Array<{ name: string; startTime: number }> } }).MonacoPerformanceMarks?.getMarks?.();
    const mark = marks?.find((m) => m.name === `code/extHost/willLoadExtensionCode/${extensionId}`);
    const ms = mark ? moduleStartedEpoch - mark.startTime : NaN;
    return ms >= 0 && ms < 60_000 ? ms : undefined;
  } catch {
    return undefined;
  }
}

export async function activate(context: ExtensionContext): Promise<K8sStatefulApi> {
  const activateStartedAt = performance.now();
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const v8Flags = [...SERVER_NODE_FLAGS];
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: v8Flags } },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009', ...v8Flags] } },
  };
  // The trace goes to the same channel; in development and test runs it is also recorded (secret-leak test).
  const recorder = context.extensionMode === ExtensionMode.Production ? undefined : new OutputRecorder();
  const outputChannel = createOutputChannel('Kubernetes Stateful Workloads', recorder);
  context.subscriptions.push(outputChannel);
  const restartPolicy = new RestartPolicy(outputChannel);
  const clientOptions: LanguageClientOptions = {
    outputChannel,
    errorHandler: restartPolicy,
    documentSelector: [
      { scheme: 'file', language: 'yaml' },
      { scheme: 'untitled', language: 'yaml' },
    ],
    // The server registers its own file watchers (manifests and .k8s-stateful.yaml) dynamically.
    synchronize: { configurationSection: 'k8sStateful' },
  };
  client = new LanguageClient('k8sStateful', 'Kubernetes Stateful Workloads', serverOptions, clientOptions);
  registerSecretCommands(context, client);
  registerSecretContext(context);
  registerRuleDocs(context, client);
  const serverStartedAt = performance.now();
  await client.start();
  const serverReadyAt = performance.now();
  context.subscriptions.push({ dispose: () => void client?.stop() });
  const preview = registerPreview(context, client);
  context.subscriptions.push(
    commands.registerCommand('k8sStateful.restartServer', async () => {
      restartPolicy.reset();
      await client?.restart();
    }),
  );
  const loadMs = bundleLoadMs(context.extension.id);
  const activation: ActivationTimes = {
    activateMs: (loadMs ?? 0) + performance.now() - activateStartedAt - (serverReadyAt - serverStartedAt),
    serverReadyMs: (loadMs ?? 0) + serverReadyAt - activateStartedAt,
    loadMs,
  };
  outputChannel.appendLine(`k8s-stateful: activated in ${Math.round(activation.activateMs)} ms (language server ready in ${Math.round(activation.serverReadyMs)} ms)`);
  return { client, preview, outputLog: () => recorder?.text() ?? '', activation };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
