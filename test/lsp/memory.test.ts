// Memory with a large workspace, through the real server: closed files are indexed as facts (no
// AST kept), cross-file rules still see them, and once the server is idle after the scan it
// collects the scan's garbage (server/src/idleCollector.ts), so the heap is the index's, not the
// scan's. The scan and the first check of the workspace show window progress.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { generateManifest } from '../../bench/generate';
import { WorkDoneProgress, WorkDoneProgressCreateRequest } from 'vscode-languageserver-protocol/node';
import { LspTestClient } from '../helpers/lspClient';

const FILES = 1200;
let root: string;
let client: LspTestClient;

interface ProcessInfo {
  heapUsed: number;
  idleCollections: number;
}

before(() => {
  root = mkdtempSync(join(tmpdir(), 'k8s-stateful-memory-'));
  for (let i = 0; i < FILES; i++) {
    const team = join(root, `team-${String(Math.floor(i / 100)).padStart(2, '0')}`);
    mkdirSync(team, { recursive: true });
    writeFileSync(join(team, `app-${i}.yaml`), generateManifest(1, i).text);
  }
});

after(async () => {
  await client?.shutdown();
  rmSync(root, { recursive: true, force: true });
});

async function waitForLog(pattern: RegExp, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const params = (await client.nextNotification('window/logMessage', Math.max(1, deadline - Date.now()))) as { message: string };
    if (pattern.test(params.message)) return params.message;
  }
}

test(`a workspace of ${FILES} files: indexed without their ASTs, its garbage collected once idle`, async () => {
  client = new LspTestClient();
  const indexed = waitForLog(/indexed \d+ Kubernetes file/, 120_000);
  // The scan of a workspace this size shows window progress (LSP work-done progress).
  const created: unknown[] = [];
  const progress: Array<{ kind: string; cancellable?: boolean; percentage?: number }> = [];
  client.connection.onRequest(WorkDoneProgressCreateRequest.type, ({ token }) => {
    created.push(token);
    client.connection.onProgress(WorkDoneProgress.type, token, (value) => void progress.push(value));
  });
  await client.initialize(pathToFileURL(root).href, {}, { window: { workDoneProgress: true } });
  assert.match(await indexed, new RegExp(`indexed ${FILES} Kubernetes file`));

  // A StatefulSet in an unsaved editor reads a key of a ConfigMap in a closed file: found through the facts.
  const closedApp = generateManifest(1, 7).text;
  const configMapName = /name: (app-\d+-config)/.exec(closedApp)![1];
  const uri = pathToFileURL(join(root, 'new.yaml')).href;
  const statefulSet = [
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    '  name: reader',
    'spec:',
    '  containers:',
    '    - name: c',
    '      image: busybox',
    '      env:',
    '        - name: A',
    '          valueFrom:',
    '            configMapKeyRef:',
    `              name: ${configMapName}`,
    '              key: no-such-key',
  ].join('\n');
  const diagnostics = await client.open(uri, statefulSet);
  assert.deepEqual(diagnostics.map((d) => d.code), ['ref-configmap-key-missing']);

  // The scan's garbage is collected when it ends (or once idle): the heap is what the index keeps
  // (and, with workspace diagnostics, the closed files' findings, once they are all checked).
  const deadline = Date.now() + 60_000;
  while ((await client.request<{ passes: number; checking: boolean }>('k8sStateful/workspaceStatus')).passes === 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  assert.equal(created.length, 1, 'one progress for the scan and the workspace check');
  assert.deepEqual([progress[0]?.kind, progress[0]?.cancellable, progress.at(-1)?.kind], ['begin', true, 'end']);
  assert.ok(progress.some((p) => p.kind === 'report' && typeof p.percentage === 'number'), 'the workspace check reports a percentage');
  let info = await client.request<ProcessInfo>('k8sStateful/processInfo');
  while (info.idleCollections === 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    info = await client.request<ProcessInfo>('k8sStateful/processInfo');
  }
  assert.ok(info.idleCollections >= 1, `the idle collector never ran after the scan (heap ${(info.heapUsed / 1048576).toFixed(1)} MB)`);
  // The live heap once the workspace check is done: the index's facts, the validators of the kinds
  // checked and each closed file's kept findings, no ASTs. Measured: 33 MB live (the service alone:
  // 20 MB indexed, 22 MB once one file's kinds are compiled, 27 MB with every file's findings kept,
  // ~4 KB per file); keeping these 6,000 resources' ASTs would add ~50 MB. The bound sits between.
  while ((await client.request<{ checking: boolean }>('k8sStateful/workspaceStatus')).checking && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  info = await client.request<ProcessInfo>('k8sStateful/processInfo', { collectGarbage: true });
  const heapMb = info.heapUsed / 1024 / 1024;
  assert.ok(heapMb < 40, `live heap after the workspace check: ${heapMb.toFixed(1)} MB`);
});
