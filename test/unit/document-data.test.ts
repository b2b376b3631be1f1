// The validator's input (schema/documentData.ts) is built by a walk of our own for plain documents
// and by the yaml package's toJS() otherwise: both ways must give exactly what toJS() gives. The same
// walk collects the rules' typed nodes, which must equal typedNodes' own walk.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Document } from 'yaml';
import type { Resource } from '../../server/src/service/types';
import { generateManifest } from '../../bench/generate';
import { parseFile } from '../../server/src/service/parse/parseFile';
import { documentData } from '../../server/src/service/schema/documentData';
import { SchemaRegistry } from '../../server/src/service/schema/registry';
import { typedCollector, typedNodes } from '../../server/src/service/schema/typedNodes';
import { seededRandom } from '../helpers/random';
import { repoRoot, schemas, yamlFiles } from '../helpers/service';

const MAX_ALIAS_COUNT = 1000;

/** Same value, same own properties (`__proto__` included) and prototypes, or the same exception. */
function assertSameData(document: Document.Parsed, label: string): void {
  let expected: unknown;
  let expectedError: unknown;
  try {
    expected = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    expectedError = error;
  }
  if (expectedError) {
    assert.throws(() => documentData(document, MAX_ALIAS_COUNT), { message: (expectedError as Error).message }, label);
    return;
  }
  assert.deepStrictEqual(documentData(document, MAX_ALIAS_COUNT), expected, label);
}

const TRICKY = `
kind: ConfigMap
data:
  a: 1
  a: 2
  __proto__: polluted
  constructor: x
  toString: y
  1: one
  1.0: float
  0x1F: hex
  yes: bool
  ~: null key
  "": empty
  : no key
  when: 2001-12-14t21:59:43.10-05:00
  octal: 0777
  big: 10000000000000000000000
  empty:
  flow: {a: [1, {b: c}], "q": 'r'}
  nested: [[1, 2], [], {}]
---
2001-12-14: timestamp key
---
base: &base {a: 1, b: 2}
merged:
  <<: *base
  b: 3
list: [*base, *base]
---
anchored: &only {k: v}
---
quoted merge: {"<<": {x: 1}}
---
set: !!set {a, b}
omap: !!omap [{a: 1}, {b: 2}]
pairs: !!pairs [{a: 1}, {a: 2}]
binary: !!binary aGVsbG8=
tagged map: !!map {a: 1}
tagged seq: !!seq [1]
custom: !thing {a: 1}
---
? [complex, key]
: value
? {map: key}
: value
---
a: &a [x, x, x, x, x, x, x, x, x, x]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
d: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
---
- just
- a list
---
plain scalar document
---
`;

test('plain data equals toJS() on duplicate, inherited, null and non-string keys, merge keys, aliases, anchors and tags', () => {
  const documents = parseFile(TRICKY).documents;
  assert.ok(documents.length >= 10);
  documents.forEach((d, i) => assertSameData(d.yaml, `document ${i}`));
});

test('plain data equals toJS() on every example, fixture and a generated manifest', () => {
  const files = [...yamlFiles(join(repoRoot, 'examples')), ...yamlFiles(join(repoRoot, 'test/fixtures'))];
  assert.ok(files.length > 20);
  const texts = files.map((f) => [f, readFileSync(f, 'utf8')]).concat([['generated', generateManifest(20).text]]);
  for (const [name, text] of texts) parseFile(text).documents.forEach((d, i) => assertSameData(d.yaml, `${name} document ${i}`));
});

test('plain data equals toJS() on mutated manifests (aliases, merge keys, tags and stray syntax inserted)', () => {
  const random = seededRandom(7);
  const base = `${generateManifest(2).text}\n---\n${TRICKY}`;
  const tokens = ['&a ', '*a', '<<: *a\n', '!!set ', '!!str ', '!!binary ', '? ', ': ', '- ', '[', '{', '}', ']', ',', '__proto__: ', '~', '\n  ', '"'];
  for (let n = 0; n < 400; n++) {
    let text = base;
    for (let k = 0; k < 3; k++) {
      const at = Math.floor(random() * text.length);
      text = text.slice(0, at) + tokens[Math.floor(random() * tokens.length)] + text.slice(at);
    }
    parseFile(text).documents.forEach((d, i) => assertSameData(d.yaml, `case ${n} document ${i}`));
  }
});

test('typed nodes collected along the data walk equal typedNodes() (same scalars, paths and schemas)', () => {
  const registry = new SchemaRegistry(schemas);
  const files = [...yamlFiles(join(repoRoot, 'examples')), ...yamlFiles(join(repoRoot, 'test/fixtures'))];
  const oddKeys = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: typed\n  labels: {~: 1, "": 2, 3: yes}\ndata:\n  ~: 1\n  1: 2.5\n  flag: on\n';
  const texts = files.map((f) => readFileSync(f, 'utf8')).concat([generateManifest(20).text, TRICKY, oddKeys]);
  const random = seededRandom(11);
  const tokens = ['&a ', '*a', '1.10', 'yes', '0777', '1G', '~', '{}', '[]', '\n  ', '- '];
  for (let n = 0; n < 200; n++) {
    let text = texts[n % texts.length];
    const at = Math.floor(random() * text.length);
    text = text.slice(0, at) + tokens[Math.floor(random() * tokens.length)] + text.slice(at);
    texts.push(text);
  }
  let compared = 0;
  for (const text of texts) {
    for (const document of parseFile(text).documents) {
      if (!document.resource) continue;
      // Copies: both ways cache their result on the resource object (root is a getter of the original).
      const copy = (r: Resource): Resource => ({ apiVersion: r.apiVersion, kind: r.kind, name: r.name, namespace: r.namespace, root: r.root, document: r.document });
      const collector = typedCollector(copy(document.resource), registry);
      if (!collector) continue;
      try {
        documentData(document.yaml, MAX_ALIAS_COUNT, collector);
      } catch {
        // toJS()'s own errors (an alias to nothing): the collector is not complete then.
      }
      if (!collector.complete) continue;
      const own = typedNodes(copy(document.resource), registry);
      for (const list of ['quantities', 'nonStrings'] as const) {
        assert.equal(collector.result[list].length, own[list].length, list);
        collector.result[list].forEach((typed, i) => {
          assert.equal(typed.node, own[list][i].node);
          assert.equal(typed.schema, own[list][i].schema);
          assert.deepStrictEqual(typed.path, own[list][i].path);
        });
      }
      compared++;
    }
  }
  assert.ok(compared > 100, `${compared} resources compared`);
});
