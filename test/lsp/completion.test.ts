// Completion, hover, document symbols and folding over LSP, on the real server (stdio).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { CompletionItem, CompletionList, DocumentSymbol, FoldingRange, Hover, MarkupContent, Position } from 'vscode-languageserver-types';
import { withCursor } from '../helpers/cursor';
import { LspTestClient } from '../helpers/lspClient';

const examples = join(process.cwd(), 'examples');
let client: LspTestClient;
let plain: LspTestClient;
let docs = 0;

before(async () => {
  client = new LspTestClient();
  await client.initialize(pathToFileURL(examples).href, {
    completion: { completionItem: { snippetSupport: true, labelDetailsSupport: true }, contextSupport: true },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
  });
  plain = new LspTestClient();
  await plain.initialize(null);
});

after(async () => {
  await client.shutdown();
  await plain.shutdown();
});

async function openMarked(marked: string, on = client): Promise<{ uri: string; position: Position }> {
  const { text, position } = withCursor(marked);
  const uri = `file:///virtual/completion-${++docs}.yaml`;
  await on.open(uri, text);
  return { uri, position };
}

async function complete(marked: string, triggerCharacter?: string, on = client): Promise<CompletionItem[]> {
  const { uri, position } = await openMarked(marked, on);
  const context = triggerCharacter ? { triggerKind: 2, triggerCharacter } : { triggerKind: 1 };
  const result = await on.request<CompletionList | CompletionItem[] | null>('textDocument/completion', { textDocument: { uri }, position, context });
  await on.close(uri);
  return Array.isArray(result) ? result : result?.items ?? [];
}

const labels = (items: CompletionItem[]) => items.map((i) => i.label);
const STS = 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\n';

test('the server announces completion, hover, document symbols and folding', () => {
  const caps = client.initializeResult!.capabilities;
  assert.deepEqual(caps.completionProvider?.triggerCharacters, [' ', ':']);
  assert.equal(caps.hoverProvider, true);
  assert.ok(caps.documentSymbolProvider);
  assert.equal(caps.foldingRangeProvider, true);
});

test('inside spec: of a StatefulSet: every spec key, none already present', async () => {
  const items = await complete(`${STS}spec:\n  replicas: 3\n  podManagementPolicy: Parallel\n  ‸\n`);
  const names = labels(items);
  for (const key of ['serviceName', 'selector', 'template', 'volumeClaimTemplates', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy', 'ordinals', 'minReadySeconds', 'revisionHistoryLimit']) {
    assert.ok(names.includes(key), `missing ${key} in ${names.join(', ')}`);
  }
  assert.ok(!names.includes('replicas') && !names.includes('podManagementPolicy'));
  const all = labels(await complete(`${STS}spec:\n  ‸\n`));
  for (const key of ['serviceName', 'replicas', 'selector', 'template', 'volumeClaimTemplates', 'podManagementPolicy', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy', 'ordinals', 'minReadySeconds', 'revisionHistoryLimit']) {
    assert.ok(all.includes(key), `missing ${key}`);
  }
  const selector = items.find((i) => i.label === 'selector')!;
  assert.equal(selector.insertTextFormat, 2);
  assert.equal((selector.textEdit as { newText: string }).newText, 'selector:\n    $0');
  assert.match(selector.labelDetails!.description!, /^required/);
  assert.match((selector.documentation as MarkupContent).value, /label query over pods/);
});

test('at `podManagementPolicy: ` exactly OrderedReady and Parallel; a typed space triggers it', async () => {
  assert.deepEqual(labels(await complete(`${STS}spec:\n  podManagementPolicy: ‸\n`)).sort(), ['OrderedReady', 'Parallel']);
  assert.deepEqual(labels(await complete(`${STS}spec:\n  podManagementPolicy: ‸\n`, ' ')).sort(), ['OrderedReady', 'Parallel']);
  assert.deepEqual(labels(await complete(`${STS}spec:\n  ‸\n`, ' ')), []);
  // Typing the colon offers the values, each after a space.
  const colon = await complete(`${STS}spec:\n  podManagementPolicy:‸\n`, ':');
  assert.deepEqual(colon.map((i) => (i.textEdit as { newText: string }).newText).sort(), [' OrderedReady', ' Parallel']);
  assert.deepEqual(labels(await complete(`${STS}spec:\n  template:\n    spec:\n      containers:\n        - image: postgres:‸\n`, ':')), []);
});

test('at `accessModes:` `- ` the access modes', async () => {
  const pvc = await complete('apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: data\nspec:\n  accessModes:\n    - ‸\n');
  assert.deepEqual(labels(pvc).sort(), ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod']);
  const template = await complete(`${STS}spec:\n  volumeClaimTemplates:\n    - metadata:\n        name: data\n      spec:\n        accessModes:\n          - ‸\n`);
  assert.deepEqual(labels(template).sort(), ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod']);
});

test('completion on a half-typed line', async () => {
  const items = await complete(`${STS}spec:\n  replicas: 3\n  serviceN‸\n  template:\n    spec:\n      containers: []\n`);
  const serviceName = items.find((i) => i.label === 'serviceName')!;
  assert.ok(serviceName, labels(items).join(', '));
  const edit = serviceName.textEdit as { range: { start: Position; end: Position }; newText: string };
  assert.deepEqual(edit.range, { start: { line: 6, character: 2 }, end: { line: 6, character: 10 } });
  assert.equal(edit.newText, 'serviceName: $0');
  assert.ok(!labels(items).includes('replicas') && !labels(items).includes('template'));
  // A trailing colon: the next line completes the keys of its map.
  const next = await complete(`${STS}spec:\n  updateStrategy:\n    ‸\n`);
  assert.deepEqual(labels(next).sort(), ['rollingUpdate', 'type']);
});

test('kind completion fills the matching apiVersion', async () => {
  const items = await complete('kind: State‸\n');
  const sts = items.find((i) => i.label === 'StatefulSet')!;
  assert.deepEqual(sts.additionalTextEdits, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: 'apiVersion: apps/v1\n' }]);
});

test('clients without snippet support get plain text', async () => {
  const items = await complete(`${STS}spec:\n  ‸\n`, undefined, plain);
  const replicas = items.find((i) => i.label === 'replicas')!;
  assert.equal(replicas.insertTextFormat, 1);
  assert.equal((replicas.textEdit as { newText: string }).newText, 'replicas: 1');
  const policy = items.find((i) => i.label === 'podManagementPolicy')!;
  assert.equal((policy.textEdit as { newText: string }).newText, 'podManagementPolicy: OrderedReady');
});

test('hover on replicas shows its description and type', async () => {
  const path = join(examples, 'postgres/statefulset.yaml');
  const text = readFileSync(path, 'utf8');
  const uri = pathToFileURL(path).href;
  await client.open(uri, text);
  const line = text.split('\n').findIndex((l) => l.startsWith('  replicas:'));
  const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line, character: 4 } });
  const value = (hover.contents as MarkupContent).value;
  assert.equal((hover.contents as MarkupContent).kind, 'markdown');
  assert.match(value, /\*\*replicas\*\* · `integer \(int32\)`/);
  assert.match(value, /replicas is the desired number of replicas of the given Template/);
  assert.deepEqual(hover.range, { start: { line, character: 2 }, end: { line, character: 10 } });
  const storageLine = text.split('\n').findIndex((l) => l.includes('storage: 10Gi'));
  const storage = await client.request<Hover>('textDocument/hover', {
    textDocument: { uri },
    position: { line: storageLine, character: text.split('\n')[storageLine].indexOf('10Gi') + 1 },
  });
  assert.match((storage.contents as MarkupContent).value, /`10Gi` = 10,737,418,240 bytes/);
  const blank = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 3 } });
  assert.equal(blank, null);
  await client.close(uri);
});

test('document symbols and folding ranges of a multi-document file', async () => {
  const text = ['statefulset.yaml', 'service.yaml'].map((f) => readFileSync(join(examples, 'postgres', f), 'utf8')).join('---\n');
  const uri = 'file:///virtual/symbols.yaml';
  await client.open(uri, text);
  const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
  assert.deepEqual(symbols.map((s) => s.name), ['StatefulSet db', 'Service db (headless)']);
  assert.deepEqual(symbols[0].children!.map((c) => c.name), ['container postgres', 'volume config', 'claim template data']);
  const folds = await client.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri } });
  const lines = text.split('\n');
  assert.deepEqual(folds.filter((f) => f.kind === 'region').map((f) => lines[f.startLine]), ['apiVersion: apps/v1', 'apiVersion: v1']);
  await client.close(uri);
});
