// The background scan of workspace folders: Kubernetes YAML only, skipped folders, size cap.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, test } from 'node:test';
import { isInSkippedDirectory, looksLikeKubernetes, readKubernetesFile, scanFolders } from '../../server/src/workspaceScan';

const root = mkdtempSync(join(tmpdir(), 'k8s-scan-'));
after(() => rmSync(root, { recursive: true, force: true }));

function write(path: string, text: string): void {
  mkdirSync(join(root, path, '..'), { recursive: true });
  writeFileSync(join(root, path), text);
}

const manifest = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n';

test('scanFolders finds Kubernetes YAML, skipping node_modules, hidden folders, other YAML, other files and big files', async () => {
  write('app/configmap.yaml', manifest);
  write('app/nested/deep/service.yml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\n');
  write('app/list.yaml', 'items:\n  - apiVersion: v1\n    kind: ConfigMap\n');
  write('app/values.yaml', 'replicaCount: 1\nimage:\n  repository: nginx\n');
  write('app/notes.txt', manifest);
  write('node_modules/pkg/manifest.yaml', manifest);
  write('.git/x.yaml', manifest);
  write('.github/workflows/ci.yaml', manifest);
  write('big/huge.yaml', manifest + '#'.repeat(2_000));
  const found: string[] = [];
  const result = await scanFolders([root], (path, text) => {
    assert.ok(text.includes('apiVersion'));
    found.push(relative(root, path));
  }, { batchSize: 2, maxBytes: 1_000 });
  assert.deepEqual(found.sort(), ['app/configmap.yaml', 'app/list.yaml', 'app/nested/deep/service.yml']);
  assert.deepEqual(result, { files: 3, truncated: false });
  const limited = await scanFolders([root], () => undefined, { maxFiles: 2 });
  assert.deepEqual(limited, { files: 2, truncated: true });
  // Exactly the limit: nothing was left out.
  assert.deepEqual(await scanFolders([root], () => undefined, { maxFiles: 3, maxBytes: 1_000 }), { files: 3, truncated: false });
});

test('the cheap checks: text, path and single-file reads', async () => {
  assert.equal(looksLikeKubernetes(manifest), true);
  assert.equal(looksLikeKubernetes('name: ci\non: [push]\n'), false);
  assert.equal(isInSkippedDirectory('/node_modules/a/b.yaml'), true);
  assert.equal(isInSkippedDirectory('/apps/.cache/b.yaml'), true);
  assert.equal(isInSkippedDirectory('/apps/db/b.yaml'), false);
  assert.equal(await readKubernetesFile(join(root, 'app/configmap.yaml')), manifest);
  assert.equal(await readKubernetesFile(join(root, 'app/values.yaml')), undefined);
  assert.equal(await readKubernetesFile(join(root, 'app/missing.yaml')), undefined);
});

test('a kustomization.yaml without apiVersion and kind is read: it decides scopes and generated names', async () => {
  const kustomization = 'resources:\n  - pod.yaml\nconfigMapGenerator:\n  - name: app-config\n    literals: [A=1]\n';
  write('kust/kustomization.yaml', kustomization);
  write('kust/other.yaml', kustomization);
  assert.equal(await readKubernetesFile(join(root, 'kust/kustomization.yaml')), kustomization);
  assert.equal(await readKubernetesFile(join(root, 'kust/other.yaml')), undefined);
});
