// Code actions and Secret lenses over the real LSP server (stdio).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { CodeActionRequest, CodeLensRequest, type CodeAction } from 'vscode-languageserver-protocol/node';
import { applyTextEdits } from '../helpers/edits';
import { LspTestClient } from '../helpers/lspClient';

let client: LspTestClient;

before(async () => {
  client = new LspTestClient();
  await client.initialize(null);
});

after(async () => {
  await client.shutdown();
});

test('the server announces code actions (quickfix, refactor.rewrite) and code lenses', () => {
  const caps = client.initializeResult!.capabilities;
  assert.deepEqual((caps.codeActionProvider as { codeActionKinds: string[] }).codeActionKinds, ['quickfix', 'refactor.rewrite']);
  assert.ok(caps.codeLensProvider);
});

test('the headless-Service quick fix over LSP clears sts-service-missing', async () => {
  const uri = 'file:///virtual/sts.yaml';
  const text = `# no Service yet
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: web
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: nginx
          image: nginx:1.27
          ports:
            - name: http
              containerPort: 80
`;
  const diagnostics = await client.open(uri, text);
  const missing = diagnostics.find((d) => d.code === 'sts-service-missing');
  assert.ok(missing, JSON.stringify(diagnostics));
  const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
    textDocument: { uri },
    range: missing.range,
    context: { diagnostics: [missing], only: ['quickfix'] },
  })) as CodeAction[];
  const fix = actions.find((a) => a.title === 'Create headless Service "web"');
  assert.ok(fix?.edit?.changes?.[uri], JSON.stringify(actions));
  const fixed = applyTextEdits(text, fix.edit.changes[uri]);
  const after = await client.change(uri, fixed);
  assert.deepEqual(after.map((d) => d.code).filter((c) => String(c).startsWith('sts-service')), []);
  assert.ok(fixed.startsWith(text) && fixed.includes('---\n# Headless Service governing StatefulSet web'));
  await client.close(uri);
});

test('Secret lenses over LSP are masked and carry no decoded text', async () => {
  const path = join(process.cwd(), 'examples/postgres/secret.yaml');
  const uri = 'file:///virtual/secret.yaml';
  await client.open(uri, readFileSync(path, 'utf8'));
  const lenses = (await client.connection.sendRequest(CodeLensRequest.type, { textDocument: { uri } })) ?? [];
  assert.deepEqual(lenses.map((l) => l.command?.title), ['••••••  (8 bytes, click to reveal)', 'copy', 'edit decoded', '••••••  (10 bytes, click to reveal)', 'copy', 'edit decoded']);
  assert.equal(lenses[0].command?.command, 'k8sStateful.secret.toggleReveal');
  assert.ok(!JSON.stringify(lenses).includes('replicator'));
  await client.close(uri);
});
