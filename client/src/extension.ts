// The VS Code side: start the bundled language server over IPC and hand it the YAML documents.
import * as path from 'node:path';
import { commands, ExtensionMode, workspace, type ExtensionContext } from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { registerPreview, type PreviewApi } from './preview';
import { registerSecretCommands } from './commands/secretCommands';
import { createOutputChannel, OutputRecorder, RestartPolicy } from './resilience';

let client: LanguageClient | undefined;

export interface K8sStatefulApi {
  /** The running language client; tests and other extensions use it to reach the server. */
  client: LanguageClient;
  /** The Stateful Preview view: its tree data provider and the model it shows. */
  preview: PreviewApi;
  /** What the output channel received (server log and trace); empty outside development and test runs. */
  outputLog(): string;
}

export async function activate(context: ExtensionContext): Promise<K8sStatefulApi> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  // A 4 MB young-generation semi-space (default 16 MB): ~20 MB less RSS, no measured speed cost (bench/README.md).
  const v8Flags = ['--max-semi-space-size=4'];
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
    synchronize: {
      configurationSection: 'k8sStateful',
      // The server indexes workspace manifests from disk; it needs to hear when they change.
      fileEvents: workspace.createFileSystemWatcher('**/*.{yaml,yml}'),
    },
  };
  client = new LanguageClient('k8sStateful', 'Kubernetes Stateful Workloads', serverOptions, clientOptions);
  registerSecretCommands(context, client);
  await client.start();
  context.subscriptions.push({ dispose: () => void client?.stop() });
  const preview = registerPreview(context, client);
  context.subscriptions.push(
    commands.registerCommand('k8sStateful.restartServer', async () => {
      restartPolicy.reset();
      await client?.restart();
    }),
  );
  return { client, preview, outputLog: () => recorder?.text() ?? '' };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
