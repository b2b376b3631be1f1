// Incremental re-parsing and per-document diagnostics caching must be invisible: after any edit,
// the parsed file (every node, range, comment, error) and the diagnostics are exactly what parsing
// and checking the new text from scratch gives. Random edits (seeded, so failures reproduce) on
// multi-document manifests with comments between documents, block scalars, flow collections,
// anchors, document end markers and syntax errors.
//
// The suite runs 900 random edits; a longer search, e.g. after changing parse/incremental.ts, runs the
// same test on more seeds (81,000 edits take ~5 minutes here):
//   K8S_STATEFUL_RANDOM_RUNS=450 K8S_STATEFUL_RANDOM_STEPS=60 node --test --test-name-pattern="random edits" out/test/unit/incremental.test.js
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { isAlias, isMap, isPair, isScalar, isSeq } from 'yaml';
import { generateManifest } from '../../bench/generate';
import { createLanguageService } from '../../server/src/service';
import { reparse } from '../../server/src/service/parse/incremental';
import { parseFile } from '../../server/src/service/parse/parseFile';
import { textIncludes } from '../../server/src/service/parse/textSearch';
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

const RANDOM_RUNS = Number(process.env.K8S_STATEFUL_RANDOM_RUNS ?? 10);
const RANDOM_STEPS = Number(process.env.K8S_STATEFUL_RANDOM_STEPS ?? 30);

test('incremental re-parse equals a full parse after random edits (~900 unless told more), edits chained', () => {
  const bases = [generateManifest(4).text, EXTRA, `${EXTRA}---\n${generateManifest(2, 7).text}`];
  let incremental = 0;
  let total = 0;
  bases.forEach((base, b) => {
    for (let run = 0; run < RANDOM_RUNS; run++) {
      // Seeds 1000 apart per base: runs beyond 1,000 repeat another base's seeds, still on their own base.
      const next = seededRandom(1000 * b + run + 1);
      let text = base;
      let previous = parseFile(text);
      for (let step = 0; step < RANDOM_STEPS; step++) {
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

test('text after the next document\'s `---` that reaches back into the one before comes out as in a full parse', () => {
  const doc = (key: string) => `${key}: {a: 1}\n`;
  const cases = [
    // The guard starts with what the parser rejects at stream level: filed under the document before it.
    { text: `${doc('a')}---\n${doc('b')}---\n${doc('c')}---\n  }d: 1\n---\n${doc('e')}`, from: 'b: {a: 1}', to: 'b: {a: 2}' },
    // The edit leaves a flow collection open: the parser reads on past the next `---`, into the guard.
    { text: `${doc('a')}---\n${doc('b')}---\n${doc('c')}---\n]d: 1\n---\n${doc('e')}`, from: 'b: {a: 1}', to: 'b: [{a: 1}' },
    // The plain case.
    { text: `${doc('a')}---\n${doc('b')}---\n${doc('c')}---\n${doc('d')}---\n${doc('e')}`, from: 'b: {a: 1}', to: 'b: {a: 22}' },
  ];
  for (const { text, from, to } of cases) {
    const edited = text.replace(from, to);
    const quick = reparse(parseFile(text), edited);
    if (quick) assert.deepEqual(snapshot(quick), snapshot(parseFile(edited)), JSON.stringify(edited));
  }
  const plain = cases[2];
  assert.ok(reparse(parseFile(plain.text), plain.text.replace(plain.from, plain.to)), 'the plain edit takes the incremental path');
  // (Ending the re-parsed slice right after the guard's `---` was tried: it is exact only when the
  // document before the guard had and has no problems, as the first case and the random edits above
  // showed, and it saved nothing measurable: a re-parse's cost is mostly per parse, not per document.)
});

test('a quote left open in an earlier document follows the quotes an edit adds or removes further down', () => {
  // An unclosed quote ends at the next `---` only while a matching quote follows somewhere later in
  // the file; without one it runs to the end and swallows every document after it.
  // The second open quote is reported only as an unexpected token, not as a missing quote.
  for (const open of ['a: "x', 'a: [1]"']) {
    const text = `${open}\n---\nb: 1\n---\nc: 2\n---\nd: 3\n---\ne: "y"\n`;
    for (const edited of [text.replace('"y"', 'y'), text.replace('"y"', '"y'), text.replace('d: 3', 'd: "3"')]) {
      const full = parseFile(edited);
      const quick = reparse(parseFile(text), edited);
      if (quick) assert.deepEqual(snapshot(quick), snapshot(full), JSON.stringify(edited));
    }
    // Quotes elsewhere do not make an edit without quotes parse the whole file.
    assert.ok(reparse(parseFile(text), text.replace('d: 3', 'd: 4')));
  }
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

test('edits that change what other documents of the same open file look up give the same diagnostics as from scratch', () => {
  // An open file's check takes the documents an edit did not touch as they are unless a lookup of
  // theirs changed (OpenFileMemo): each edit here changes a resource another document of the file
  // refers to (or the lines above it), so a document wrongly taken as it was shows up as a difference.
  const base = generateManifest(8).text;
  const other = 'file:///bench/other.yaml';
  const otherText = generateManifest(2, 30).text;
  const uri = 'file:///bench/live.yaml';
  const live = createLanguageService({ schemas });
  live.setDocument(other, otherText, 1);
  live.setDocument(uri, base, 1);
  live.getDiagnostics(uri);
  const replace = (text: string, from: string, to: string) => {
    assert.ok(text.includes(from), `the manifest has ${JSON.stringify(from)}`);
    return text.replace(from, to);
  };
  const edits: Array<[string, (text: string) => string]> = [
    ['rename a ConfigMap a later StatefulSet mounts', (t) => replace(t, '  name: app-0003-config\n', '  name: app-0003-conf\n')],
    ['an image (nothing else changes)', (t) => replace(t, 'postgres:16\n', 'postgres:17\n')],
    ['rename it back', (t) => replace(t, '  name: app-0003-conf\n', '  name: app-0003-config\n')],
    ['remove the key a secretKeyRef names', (t) => replace(t, '  password: czNjcjN0LXBhc3N3b3Jk\n', '  passwd: czNjcjN0LXBhc3N3b3Jk\n')],
    ['make the governing Service not headless', (t) => replace(t, '  clusterIP: None\n', '  clusterIP: 10.0.0.9\n')],
    ['lines added at the top: every finding moves', (t) => `# a comment\n\n${t}`],
    ['a suppression comment above a document with findings', (t) => replace(t, '---\napiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: app-0000\n', '---\n# k8s-stateful-disable-next-line statefulset-service-not-headless\napiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: app-0000\n')],
    ['the Service headless again', (t) => replace(t, '  clusterIP: 10.0.0.9\n', '  clusterIP: None\n')],
    ['the key back', (t) => replace(t, '  passwd: czNjcjN0LXBhc3N3b3Jk\n', '  password: czNjcjN0LXBhc3N3b3Jk\n')],
    ['a Service renamed, another app’s StatefulSet loses it', (t) => replace(t, 'kind: Service\nmetadata:\n  name: app-0005\n', 'kind: Service\nmetadata:\n  name: app-0005-x\n')],
    ['a second Service of that name', (t) => `${t}---\napiVersion: v1\nkind: Service\nmetadata:\n  name: app-0005\nspec:\n  clusterIP: 10.0.0.1\n  selector:\n    app: app-0005\n  ports:\n    - port: 5432\n`],
    ['lines removed at the top', (t) => t.replace('# a comment\n\n', '')],
  ];
  let text = base;
  let version = 1;
  for (const [what, edit] of edits) {
    text = edit(text);
    live.setDocument(uri, text, ++version);
    const fresh = createLanguageService({ schemas });
    fresh.setDocument(other, otherText, 1);
    fresh.setDocument(uri, text, 1);
    assert.deepEqual(live.getDiagnostics(uri), fresh.getDiagnostics(uri), what);
    assert.deepEqual(live.getDiagnostics(other), fresh.getDiagnostics(other), `other file after: ${what}`);
  }
  // The other file edited: a name this file looks up appears there.
  const withConfig = `${otherText}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: app-0003-conf\n`;
  text = replace(text, '  name: app-0003-config\n', '  name: app-0003-conf2\n');
  live.setDocument(uri, text, ++version);
  live.getDiagnostics(uri);
  for (const otherNow of [withConfig.replace('app-0003-conf\n', 'app-0003-conf2\n'), otherText]) {
    live.setDocument(other, otherNow, ++version);
    const fresh = createLanguageService({ schemas });
    fresh.setDocument(other, otherNow, 1);
    fresh.setDocument(uri, text, 1);
    assert.deepEqual(live.getDiagnostics(uri), fresh.getDiagnostics(uri), 'after the other file defined the name, then removed it');
  }
});

test('after an edit above them, features reading nodes cached from a kept resource get its new positions', () => {
  // Documents below an edit keep their objects and move lazily (parse/parseFile.ts KeptDocument):
  // nodes a cache took from them before the edit (references, typed nodes, Secret values) must be
  // read at their new offsets.
  const uri = 'file:///bench/moved.yaml';
  const text = generateManifest(4).text;
  const live = createLanguageService({ schemas });
  live.setDocument(uri, text, 1);
  const lines = text.split('\n');
  const configLine = lines.findIndex((l) => l === '  name: app-0003-config');
  const secretLine = lines.findIndex((l) => l === '  name: app-0003-secret');
  const ask = (service: typeof live, shift: number) => ({
    references: service.references(uri, { line: configLine + shift, character: 10 }, true),
    secretReferences: service.references(uri, { line: secretLine + shift, character: 10 }, false),
    diagnostics: service.getDiagnostics(uri),
    secretLenses: service.getSecretLenses(uri),
    hover: service.getHover(uri, { line: secretLine + shift + 3, character: 4 }),
  });
  ask(live, 0); // fills the caches
  for (const [step, prefix] of [['a line above', '# moved\n'], ['three more', '# moved\n# again\n\n\n']] as const) {
    const edited = prefix + text;
    live.setDocument(uri, edited, step.length);
    const fresh = createLanguageService({ schemas });
    fresh.setDocument(uri, edited, 1);
    const shift = prefix.split('\n').length - 1;
    assert.deepEqual(ask(live, shift), ask(fresh, shift), step);
    assert.ok(ask(live, shift).references.length >= 3, 'the ConfigMap is referenced (envFrom, volume) and declared');
  }
});

test('a string absent before an edit is found after it when the edit makes it, anywhere (carried across incremental edits)', () => {
  const needle = 'k8s-stateful-disable-next-line';
  const next = seededRandom(7);
  let text = generateManifest(6).text;
  let file = parseFile(text);
  let carried = 0;
  for (let step = 0; step < 300; step++) {
    // Pieces of the needle typed one at a time, or removed, at places near earlier ones.
    const at = Math.floor(next() * text.length);
    const r = next();
    const edited =
      r < 0.4 ? text.slice(0, at) + needle.slice(0, 1 + Math.floor(next() * needle.length)) + text.slice(at)
      : r < 0.7 ? text.slice(0, at) + needle.slice(Math.floor(next() * needle.length)) + text.slice(at)
      : text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + Math.floor(next() * 20)));
    const wasAbsent = !textIncludes(file, needle);
    const quick = reparse(file, edited);
    file = quick ?? parseFile(edited);
    text = edited;
    if (quick && wasAbsent) carried++;
    assert.equal(textIncludes(file, needle), text.includes(needle), `step ${step}`);
    // Now and then the needle is removed again, so absence is carried many times.
    if (text.includes(needle) && next() < 0.5) {
      text = text.split(needle).join('');
      file = parseFile(text);
    }
  }
  assert.ok(carried > 50, `absence carried across ${carried} incremental edits`);
  // Typed one character at a time, forwards then backwards: the occurrence completes at either end of the edit.
  for (const backwards of [false, true]) {
    let typed = generateManifest(3).text;
    let parsed = parseFile(typed);
    const at = typed.indexOf('  replicas: 3\n') + '  replicas: 3'.length;
    for (let k = 0; k < needle.length; k++) {
      const piece = backwards ? needle.slice(needle.length - 1 - k) : needle.slice(0, k + 1);
      const edited = `${typed.slice(0, at)} # ${piece}${typed.slice(at + (k === 0 ? 0 : 3 + piece.length - 1))}`;
      parsed = reparse(parsed, edited) ?? parseFile(edited);
      typed = edited;
      assert.equal(textIncludes(parsed, needle), k === needle.length - 1, `${backwards ? 'backwards' : 'forwards'}, ${k + 1} characters`);
    }
  }
});
