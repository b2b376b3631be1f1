// Outline (document symbols) and folding ranges through the language service.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import { repoRoot, testService } from '../helpers/service';

const example = (name: string) => readFileSync(join(repoRoot, 'examples/postgres', name), 'utf8');

function withDoc<T>(text: string, run: (uri: string) => T): T {
  const uri = `file:///test/symbols-${Math.random().toString(36).slice(2)}.yaml`;
  testService().setDocument(uri, text, 1);
  try {
    return run(uri);
  } finally {
    testService().removeDocument(uri);
  }
}

const symbolsOf = (text: string) => withDoc(text, (uri) => testService().getDocumentSymbols(uri));
const foldsOf = (text: string) => withDoc(text, (uri) => testService().getFoldingRanges(uri));

function outline(symbols: DocumentSymbol[], indent = ''): string[] {
  return symbols.flatMap((s) => [`${indent}${s.name}`, ...outline(s.children ?? [], `${indent}  `)]);
}

const multi = ['statefulset.yaml', 'service.yaml', 'configmap.yaml', 'secret.yaml', 'pvc.yaml', 'pv.yaml', 'storageclass.yaml'].map(example).join('---\n');

test('one symbol per resource, with containers, volumes and claim templates as children', () => {
  const symbols = symbolsOf(multi);
  const names = symbols.map((s) => s.name);
  assert.deepEqual(names.slice(0, 5), ['StatefulSet db', 'Service db (headless)', 'ConfigMap db-config', 'Secret db-credentials', 'PersistentVolumeClaim db-backup']);
  assert.equal(names.length, 7);
  const sts = symbols[0];
  assert.deepEqual(outline(sts.children ?? []), ['container postgres', 'volume config', 'claim template data']);
  assert.equal(sts.kind, SymbolKind.Class);
  assert.equal(sts.detail, 'apps/v1 · namespace prod');
  assert.equal(sts.children![0].detail, 'postgres:16.4');
  assert.equal(sts.children![1].detail, 'configMap db-config');
  assert.equal(sts.children![2].detail, '10Gi · ReadWriteOnce · class fast-ssd');
  assert.deepEqual(outline(symbols[1].children ?? []), ['port postgres']);
  assert.equal(symbols[1].children![0].detail, '5432 → postgres/TCP');
  assert.ok(outline(symbols[2].children ?? []).includes('key postgresql.conf'));
  // Secret keys are listed, their values are not.
  assert.deepEqual(outline(symbols[3].children ?? []).every((n) => n.startsWith('key ')), true);
  assert.ok(!JSON.stringify(symbols[3]).includes(example('secret.yaml').match(/password: (\S+)/)![1]));
});

test('symbol ranges cover the resource and select its name', () => {
  const text = multi;
  const [sts, service] = symbolsOf(text);
  const lines = text.split('\n');
  assert.equal(lines[sts.range.start.line], 'apiVersion: apps/v1');
  assert.match(lines[sts.range.end.line], /storage: 10Gi/);
  assert.equal(lines[sts.selectionRange.start.line].trim(), 'name: db');
  assert.ok(service.range.start.line > sts.range.end.line);
  for (const s of [sts, ...(sts.children ?? [])]) {
    assert.ok(s.selectionRange.start.line >= s.range.start.line && s.selectionRange.end.line <= s.range.end.line, s.name);
  }
});

test('init containers, CronJob pod specs, unnamed and non-resource documents', () => {
  const cron = `apiVersion: batch/v1
kind: CronJob
metadata:
  name: backup
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          initContainers:
            - name: wait
              image: busybox
          containers:
            - name: dump
              image: postgres:16
          volumes:
            - name: out
              persistentVolumeClaim:
                claimName: db-backup
---
# only a comment
---
apiVersion: v1
kind: ConfigMap
data: {}
---
just: a map
`;
  const symbols = symbolsOf(cron);
  assert.deepEqual(outline(symbols), ['CronJob backup', '  init container wait', '  container dump', '  volume out', 'ConfigMap (unnamed)']);
  assert.equal(symbols[0].children![2].detail, 'persistentVolumeClaim db-backup');
  assert.deepEqual(symbolsOf('services:\n  web:\n    image: nginx\n'), []);
  assert.deepEqual(symbolsOf('key: [unclosed\n'), []);
});

test('folding: one range per resource plus nested blocks and comment runs', () => {
  const text = multi;
  const folds = foldsOf(text)!;
  const lines = text.split('\n');
  const resources = folds.filter((f) => f.kind === 'region');
  assert.equal(resources.length, 7);
  assert.ok(resources.every((f) => /^apiVersion: /.test(lines[f.startLine])));
  const sts = resources[0];
  assert.match(lines[sts.endLine], /storage: 10Gi/);
  const spec = folds.find((f) => lines[f.startLine] === 'spec:' && f.startLine > sts.startLine && f.endLine <= sts.endLine)!;
  assert.equal(spec.endLine, sts.endLine);
  const containers = folds.find((f) => lines[f.startLine].trim() === 'containers:')!;
  assert.match(lines[containers.endLine], /mountPath: \/etc\/postgresql\/conf\.d/);
  assert.ok(folds.some((f) => f.kind === 'comment'));
  // A block scalar folds too.
  const cm = foldsOf('apiVersion: v1\nkind: ConfigMap\ndata:\n  script: |\n    one\n    two\n')!;
  assert.ok(cm.some((f) => f.startLine === 3 && f.endLine === 5));
  // Ranges are sorted and never share a start line.
  const starts = folds.map((f) => f.startLine);
  assert.deepEqual(starts, [...starts].sort((a, b) => a - b));
  assert.equal(new Set(starts).size, starts.length);
});

test('under the client\'s range limit, the outermost folds are kept', () => {
  const all = foldsOf(multi)!;
  const limited = withDoc(multi, (uri) => testService().getFoldingRanges(uri, 10))!;
  assert.equal(limited.length, 10);
  const lines = multi.split('\n');
  // The 7 resources and the top-level comments come first, then the first top-level keys.
  assert.equal(limited.filter((f) => f.kind === 'region').length, 7);
  assert.ok(limited.every((f) => f.kind || /^\S/.test(lines[f.startLine])), 'only top-level folds');
  assert.deepEqual(limited.map((f) => f.startLine), [...limited.map((f) => f.startLine)].sort((a, b) => a - b));
  assert.ok(all.length > 10);
  assert.equal(withDoc(multi, (uri) => testService().getFoldingRanges(uri, 100000))!.length, all.length);
});

test('no folding ranges for YAML that is not Kubernetes (the editor folds by indentation)', () => {
  assert.equal(foldsOf('services:\n  web:\n    image: nginx\n'), null);
});
