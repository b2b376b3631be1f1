// The AST compaction after parsing (parse/compact.ts) saves memory only: the parsed file must hold
// the same values, ranges, comments, errors and printed text as the yaml package's own parse.
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { isCollection, isPair, parseAllDocuments, type Node } from 'yaml';
import { generateManifest } from '../../bench/generate';
import { parseFile } from '../../server/src/service/parse/parseFile';

const OPTIONS = { version: '1.1', prettyErrors: false, uniqueKeys: false, keepSourceTokens: false } as const;

const TEXT = `${generateManifest(3).text}---
# comment
a: &x {k: "quoted", n: 0777, b: yes}
b: *x
list: [one, two, 'one']
block: |
  text
bad: [unclosed
`;

function collections(node: unknown, out: Node[] = []): Node[] {
  if (isCollection(node)) {
    out.push(node);
    for (const item of node.items as unknown[]) {
      if (isPair(item)) collections(item.key, out), collections(item.value, out);
      else collections(item, out);
    }
  }
  return out;
}

test('compacted documents equal a plain parse: values, printed text, ranges, errors', () => {
  const plain = parseAllDocuments(TEXT, OPTIONS);
  assert.ok(Array.isArray(plain));
  const compact = parseFile(TEXT).documents.map((d) => d.yaml);
  assert.equal(compact.length, plain.length);
  compact.forEach((doc, i) => {
    assert.deepEqual(doc.toJS({ maxAliasCount: -1 }), plain[i].toJS({ maxAliasCount: -1 }));
    if (doc.errors.length === 0) assert.equal(doc.toString(), plain[i].toString());
    assert.deepEqual(doc.range, plain[i].range);
    assert.deepEqual(doc.errors.map((e) => [e.code, e.pos]), plain[i].errors.map((e) => [e.code, e.pos]));
    assert.deepEqual(collections(doc.contents).map((n) => n.range), collections(plain[i].contents).map((n) => n.range));
  });
});

test('documents share one schema object', () => {
  const a = parseFile('a: {b: 1}\n---\nc: [d]\n');
  const b = parseFile('e: 2\n');
  const [first, second] = a.documents.map((d) => d.yaml);
  assert.equal(first.schema, second.schema);
  assert.equal(first.schema, b.documents[0].yaml.schema);
  for (const node of collections(second.contents)) assert.equal((node as { schema?: unknown }).schema ?? first.schema, first.schema);
});
