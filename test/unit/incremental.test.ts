// Incremental re-parsing and per-document diagnostics caching must be invisible: after any edit,
// the parsed file (every node, range, comment, error) and the diagnostics are exactly what parsing
// and checking the new text from scratch gives. Random edits (seeded, so failures reproduce) on
// multi-document manifests with comments between documents, block scalars, flow collections,
// anchors, document end markers and syntax errors.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { isAlias, isMap, isPair, isScalar, isSeq } from 'yaml';
import { generateManifest } from '../../bench/generate';
import { createLanguageService } from '../../server/src/service';
import { reparse } from '../../server/src/service/parse/incremental';
import { parseFile } from '../../server/src/service/parse/parseFile';
import type { ParsedFile } from '../../server/src/service/types';
import { seededRandom } from '../helpers/random';
import { schemas } from '../helpers/service';

const EXTRA = `# leading comment of the stream

apiVersion: v1
kind: ConfigMap
metadata:
  name: shared
  labels: {app: shared, tier: "db"}
data:
  script.sh: |
    #!/bin/sh
    echo "---"
  list: "[1, 2]"
# trailing comment of the first document
---
# comment before the second document
apiVersion: v1
kind: Secret
metadata: &meta
  name: creds
stringData:
  user: admin
  user: duplicate
...
---
apiVersion: v1
kind: Service
metadata:
  <<: *meta
spec:
  ports: [{port: 80, targetPort: http}, {port: 443}]
  selector:
    app: shared
---
plain scalar document
--- |
  block scalar document
---
- a
- b: [1, 2
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  replicas: "3"
  template:
\tspec: {}
# end of stream comment
`;

const SNIPPETS = ['x', ' ', '\n', ': ', '- ', '# c', '"', "'", '[', ']', '{', '}', ',', '---\n', '...\n', '\t', 'key: value\n', '  ', '|\n', '&a ', '*a', '<<: *a\n', '%YAML 1.1\n', 'apiVersion: v1\nkind: Service\n', '\n---\n', ':', '?', '!!str '];

function randomEdit(text: string, next: () => number): string {
  const at = Math.floor(next() * (text.length + 1));
  const r = next();
  if (r < 0.45) return text.slice(0, at) + SNIPPETS[Math.floor(next() * SNIPPETS.length)] + text.slice(at);
  if (r < 0.8) return text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + Math.floor(next() * 12)));
  // Replace within a line: the typical keystroke.
  const end = Math.min(text.length, at + Math.floor(next() * 6));
  return text.slice(0, at) + SNIPPETS[Math.floor(next() * 4)] + text.slice(end);
}

function snapshotNode(node: unknown, depth = 0): unknown {
  if (depth > 200) return '…';
  if (node === null || node === undefined) return node ?? null;
  if (isPair(node)) return { k: snapshotNode(node.key, depth + 1), v: snapshotNode(node.value, depth + 1) };
  if (isAlias(node)) return { t: 'alias', source: node.source, range: node.range, anchor: node.anchor };
  if (isScalar(node)) return { t: 'scalar', v: typeof node.value === 'symbol' ? String(node.value) : node.value, type: node.type, range: node.range, anchor: node.anchor, tag: node.tag, cb: node.commentBefore, c: node.comment, sb: node.spaceBefore };
  if (isMap(node) || isSeq(node)) {
    return { t: isMap(node) ? 'map' : 'seq', flow: node.flow, range: node.range, anchor: node.anchor, tag: node.tag, cb: node.commentBefore, c: node.comment, items: node.items.map((i) => snapshotNode(i, depth + 1)) };
  }
  return { t: typeof node };
}

function snapshot(file: ParsedFile): unknown {
  return {
    text: file.text,
    lineStarts: file.lineCounter.lineStarts,
    isKubernetes: file.isKubernetes,
    isTemplate: file.isTemplate,
    documents: file.documents.map((d) => ({
      index: d.index,
      start: d.start,
      end: d.end,
      range: d.yaml.range,
      errors: d.yaml.errors.map((e) => [e.code, e.message, e.pos]),
      warnings: d.yaml.warnings.map((e) => [e.code, e.message, e.pos]),
      cb: d.yaml.commentBefore,
      c: d.yaml.comment,
      docStart: d.yaml.directives?.docStart,
      docEnd: d.yaml.directives?.docEnd,
      contents: snapshotNode(d.yaml.contents),
      resource: d.resource && { apiVersion: d.resource.apiVersion, kind: d.resource.kind, name: d.resource.name, namespace: d.resource.namespace, sameRoot: d.resource.root === d.yaml.contents, sameDoc: d.resource.document === d },
    })),
  };
}

test('incremental re-parse equals a full parse after ~900 random edits, edits chained', () => {
  const bases = [generateManifest(4).text, EXTRA, `${EXTRA}---\n${generateManifest(2, 7).text}`];
  let incremental = 0;
  let total = 0;
  bases.forEach((base, b) => {
    for (let run = 0; run < 10; run++) {
      const next = seededRandom(1000 * b + run + 1);
      let text = base;
      let previous = parseFile(text);
      for (let step = 0; step < 30; step++) {
        const edited = randomEdit(text, next);
        if (edited === text) continue;
        total++;
        const full = parseFile(edited);
        const quick = reparse(previous, edited);
        if (quick) {
          incremental++;
          assert.deepEqual(snapshot(quick), snapshot(full), `base ${b}, run ${run}, step ${step}`);
        }
        // Chain through the incremental result, so shifted offsets accumulate as they do in the editor.
        previous = quick ?? full;
        text = edited;
      }
    }
  });
  assert.ok(incremental > total * 0.5, `only ${incremental} of ${total} edits took the incremental path`);
});

test('typing into one document of a large manifest re-parses only that document and keeps the others', () => {
  const manifest = generateManifest(50);
  const previous = parseFile(manifest.text);
  const line = manifest.apps[20].image;
  const lines = manifest.text.split('\n');
  lines[line] += '-rc1';
  const next = reparse(previous, lines.join('\n'));
  assert.ok(next);
  const changed = next.documents.filter((d, i) => d !== previous.documents[i]);
  assert.equal(changed.length, 1, 'one document object is new');
  assert.equal(changed[0].resource?.kind, 'StatefulSet');
  assert.deepEqual(snapshot(next), snapshot(parseFile(lines.join('\n'))));
});

test('the service gives the same diagnostics after a sequence of edits as from scratch', () => {
  const live = createLanguageService({ schemas });
  const uri = 'file:///bench/live.yaml';
  const other = 'file:///bench/other.yaml';
  const next = seededRandom(42);
  const base = `${generateManifest(6).text}---\n${EXTRA}`;
  let text = base;
  live.setDocument(other, generateManifest(2, 30).text, 1);
  live.setDocument(uri, text, 1);
  live.getDiagnostics(uri);
  // The reference: the same two files, the edited one always removed and parsed from scratch.
  const fresh = createLanguageService({ schemas });
  fresh.setDocument(other, generateManifest(2, 30).text, 1);
  for (let step = 0; step < 150; step++) {
    text = step % 50 === 49 ? base : randomEdit(text, next);
    live.setDocument(uri, text, step + 2);
    // Sometimes two edits before diagnostics are asked for (a burst of keystrokes).
    if (step % 7 === 3) continue;
    fresh.removeDocument(uri);
    fresh.setDocument(uri, text, 1);
    assert.deepEqual(live.getDiagnostics(uri), fresh.getDiagnostics(uri), `step ${step}`);
    assert.deepEqual(live.getDiagnostics(other), fresh.getDiagnostics(other), `other file, step ${step}`);
    // The workspace index, patched in place on most edits, lists the same resources in the same order.
    const entries = (service: typeof live) => service.index.all().map((e) => [e.uri, e.kind, e.name, e.namespace, e.resource.document.start, e.labels]);
    assert.deepEqual(entries(live), entries(fresh), `index, step ${step}`);
    assert.deepEqual(live.index.ofKind('Service').map((e) => e.name), fresh.index.ofKind('Service').map((e) => e.name));
  }
});
