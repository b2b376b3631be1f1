import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { LspTestClient } from '../helpers/lspClient';
import { rangeOfText } from '../helpers/service';
import { generateManifest } from '../../bench/generate';

const examples = join(process.cwd(), 'examples');
let client: LspTestClient;

before(async () => {
  client = new LspTestClient();
  await client.initialize(pathToFileURL(examples).href);
});

after(async () => {
  await client.shutdown();
});

test('the server announces incremental document sync', () => {
  assert.equal((client.initializeResult?.capabilities.textDocumentSync as { change: number }).change, 2);
});

test('opening the typo example publishes the two schema diagnostics with ranges', async () => {
  const path = join(examples, 'mistakes/statefulset-typos.yaml');
  const text = readFileSync(path, 'utf8');
  const diagnostics = await client.open(pathToFileURL(path).href, text);
  assert.deepEqual(
    diagnostics.map((d) => [d.message, d.range]),
    [
      ['replicas must be an integer, got the string "three"', rangeOfText(text, '"three"')],
      ['unknown field "serviceNme" — did you mean "serviceName"?', rangeOfText(text, 'serviceNme')],
    ],
  );
});

test('an edit re-publishes diagnostics for the new version, and fixing clears them', async () => {
  const uri = 'file:///virtual/edit.yaml';
  const broken = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: db\nspec:\n  clusterIP: None\n  ports:\n    - port: "5432"\n';
  const first = await client.open(uri, broken);
  assert.equal(first.length, 1);
  assert.equal(first[0].message, 'port must be an integer, got the string "5432"');
  const fixed = await client.change(uri, broken.replace('"5432"', '5432'));
  assert.deepEqual(fixed, []);
  await client.close(uri);
});

test('valid examples publish empty lists', async () => {
  for (const name of ['service.yaml', 'configmap.yaml', 'secret.yaml', 'statefulset.yaml']) {
    const path = join(examples, 'postgres', name);
    assert.deepEqual(await client.open(pathToFileURL(path).href, readFileSync(path, 'utf8')), [], name);
  }
});

test('typing in a large open file: after each keystroke its diagnostics are those of the same text opened afresh', async () => {
  // An edit re-checks only what it can have changed (OpenFileMemo, lazily moved documents, patched
  // index entries): each keystroke here changes what other documents of the file look up, or moves them.
  const live = new LspTestClient();
  const fresh = new LspTestClient();
  await live.initialize(null);
  await fresh.initialize(null);
  try {
    const uri = 'file:///virtual/typing.yaml';
    let text = generateManifest(40).text;
    await live.open(uri, text);
    const keystrokes: Array<[string, string, string]> = [
      ['a ConfigMap a later StatefulSet mounts, renamed', '  name: app-0003-config\n', '  name: app-0003-conf\n'],
      ['a Secret key a secretKeyRef names, renamed', '  password: czNjcjN0LXBhc3N3b3Jk\n', '  passwd: czNjcjN0LXBhc3N3b3Jk\n'],
      ['a line inserted at the top', 'apiVersion: v1\nkind: Service\n', '# typed\napiVersion: v1\nkind: Service\n'],
      ['the governing Service no longer headless', '  clusterIP: None\n', '  clusterIP: 10.0.0.9\n'],
      ['a replica count typed wrong', '  replicas: 3\n', '  replicas: 3x\n'],
      ['the ConfigMap named back', '  name: app-0003-conf\n', '  name: app-0003-config\n'],
      ['the top line removed', '# typed\n', ''],
    ];
    let step = 0;
    for (const [what, from, to] of keystrokes) {
      const at = text.indexOf(from);
      assert.ok(at >= 0, what);
      const position = (offset: number) => {
        const before = text.slice(0, offset).split('\n');
        return { line: before.length - 1, character: before[before.length - 1].length };
      };
      const published = await live.edit(uri, { start: position(at), end: position(at + from.length) }, to);
      text = text.slice(0, at) + to + text.slice(at + from.length);
      const freshUri = `file:///virtual/fresh-${step++}.yaml`;
      const expected = await fresh.open(freshUri, text);
      await fresh.close(freshUri);
      // Findings that point at another resource of the file name it by URI.
      assert.deepEqual(published, JSON.parse(JSON.stringify(expected).replaceAll(freshUri, uri)), what);
    }
  } finally {
    await live.shutdown();
    await fresh.shutdown();
  }
});
