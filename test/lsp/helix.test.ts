// Helix as far as this machine allows (Helix is not packaged for its Debian): the languages.toml
// block of docs/editors.md, taken from the page and parsed as TOML, names the server; its `command`
// and `args` start it; and a client that does what Helix's source does gets its findings with the
// `config` table in effect. Helix (helix-editor/helix):
// - helix-lsp/src/client.rs `initialize`: `initialization_options` is the server's `config` table;
//   capabilities include workspace.configuration, workspaceFolders and dynamic registration of
//   didChangeWatchedFiles; it offers utf-8, utf-32 and utf-16 position encodings;
// - helix-term/src/application.rs: after `initialized` it sends workspace/didChangeConfiguration
//   with the table; it answers workspace/configuration per item by walking the `section` split on
//   '.' through the table (null when missing; scopeUri is not looked at); client/registerCapability
//   for didChangeWatchedFiles is accepted.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { after, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { parse } from 'smol-toml';
import { editorDocBlock, serverOnPath } from '../helpers/editors';
import {
  ConfigurationRequest,
  createProtocolConnection,
  DidChangeConfigurationNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type Diagnostic,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';

const ROOT = process.cwd();
const scratch = mkdtempSync(join(tmpdir(), 'k8s-stateful-helix-'));
let child: ChildProcess | undefined;
after(() => {
  child?.kill();
  rmSync(scratch, { recursive: true, force: true });
});

interface ServerEntry {
  command: string;
  args?: string[];
  config?: Record<string, unknown>;
}

/** Helix's answer to one workspace/configuration item: the section's dotted path through the table. */
function helixConfigurationAnswer(config: unknown, section: string | undefined): unknown {
  let value = config;
  for (const part of section ? section.split('.') : []) {
    if (!value || typeof value !== 'object' || !(part in value)) return null;
    value = (value as Record<string, unknown>)[part];
  }
  return value ?? null;
}

test('Helix: the docs/editors.md languages.toml starts the server, whose findings follow the config table', async () => {
  const block = editorDocBlock('helix-config', 'toml');
  const toml = parse(block) as { 'language-server'?: Record<string, ServerEntry>; language?: Array<{ name: string; 'language-servers'?: string[] }> };
  const yaml = toml.language?.find((l) => l.name === 'yaml');
  assert.ok(yaml?.['language-servers']?.includes('k8s-stateful'), 'the yaml language lists k8s-stateful');
  const entry = toml['language-server']?.['k8s-stateful'];
  assert.ok(entry, '[language-server.k8s-stateful] is defined');
  assert.equal(entry.command, 'k8s-stateful-language-server', 'the published bin name');

  // The server on PATH under its published name, as `npm install -g` puts it there.
  const bin = serverOnPath(scratch);

  const project = join(scratch, 'project');
  mkdirSync(project);
  const manifest = join(project, 'sts.yaml');
  const text = readFileSync(join(ROOT, 'test/fixtures/cli/warnings/statefulset.yaml'), 'utf8');
  writeFileSync(manifest, text);

  // Helix starts the command (looked up on PATH) with the args, in the workspace root.
  child = spawn(entry.command, entry.args ?? [], { cwd: project, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, PATH: `${bin}:${process.env.PATH}` } });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += String(chunk)));
  // A server that exits (a wrong command or args) fails the test with its status and stderr.
  const exited = new Promise<never>((_, reject) => child!.on('exit', (code, signal) => reject(new Error(`the server exited (${code ?? signal}): ${stderr}`))));
  exited.catch(() => undefined);
  const connection: ProtocolConnection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const config = entry.config ?? null;
  const asked: string[] = [];
  connection.onRequest(ConfigurationRequest.type, (params) => params.items.map((item) => (asked.push(item.section ?? ''), helixConfigurationAnswer(config, item.section))));
  connection.onRequest(RegistrationRequest.type, () => undefined);
  const published: Diagnostic[][] = [];
  let wake: (() => void) | undefined;
  const uri = pathToFileURL(manifest).href;
  connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
    if (params.uri !== uri) return;
    published.push(params.diagnostics);
    wake?.();
  });
  connection.listen();

  const rootUri = pathToFileURL(project).href;
  const init = await Promise.race([exited, connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootPath: project,
    rootUri,
    workspaceFolders: [{ uri: rootUri, name: basename(project) }],
    initializationOptions: config,
    capabilities: {
      workspace: {
        configuration: true,
        didChangeConfiguration: { dynamicRegistration: false },
        workspaceFolders: true,
        applyEdit: true,
        didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: false },
      },
      textDocument: { publishDiagnostics: { versionSupport: true }, completion: { completionItem: { snippetSupport: true } } },
      general: { positionEncodings: ['utf-8', 'utf-32', 'utf-16'] },
    },
    clientInfo: { name: 'helix' },
  })]);
  assert.equal(init.serverInfo?.name, 'k8s-stateful');
  await connection.sendNotification(InitializedNotification.type, {});
  await connection.sendNotification(DidChangeConfigurationNotification.type, { settings: config });
  await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'yaml', version: 1, text } });

  // Findings are re-published once the settings are in; wait for the one with the setting applied.
  const summary = (d: Diagnostic[]) => d.map((x) => `${x.range.start.line + 1} ${x.severity} ${String(x.code)}`).sort();
  const expected = ['26 4 ref-configmap-missing', '30 2 sts-claim-template-unused', '9 2 sts-no-anti-affinity'];
  for (let i = 0; i < 20 && !published.some((d) => summary(d).join() === expected.join()); i++) {
    await Promise.race([
      exited,
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`published: ${JSON.stringify(published.map(summary))}; stderr: ${stderr}`)), 10_000);
        wake = () => (clearTimeout(timer), resolve());
      }),
    ]);
  }
  assert.deepEqual(summary(published.at(-1)!), expected, 'sts-no-anti-affinity is a warning (info by default): the config table reached the server');
  assert.ok(asked.includes('k8sStateful'), `the server asked for its section: ${asked.join()}`);

  await connection.sendRequest(ShutdownRequest.type);
  await connection.sendNotification(ExitNotification.type);
});
