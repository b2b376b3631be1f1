// Closed workspace files keep no AST: the index holds their facts and re-parses a file only when a
// reader needs its nodes (documents.ts, workspace/facts.ts). Differential check: with one file open
// and the rest of its folder closed, every feature answers exactly as when every file is open, and
// a diagnostics pass re-parses no closed file.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { createLanguageService, type LanguageService } from '../../server/src/service';
import { repoRoot, schemas, yamlFiles } from '../helpers/service';

const FOLDERS = ['examples/postgres', 'examples/mistakes', 'test/fixtures/seeds', 'test/fixtures/cli/errors', 'test/fixtures/cli/warnings', 'test/fixtures/cli/clean'];

function filesOf(folder: string): Array<{ uri: string; text: string }> {
  return yamlFiles(join(repoRoot, folder)).map((path) => ({ uri: pathToFileURL(path).href, text: readFileSync(path, 'utf8') }));
}

function serviceWith(files: Array<{ uri: string; text: string }>, openUri?: string): LanguageService {
  const service = createLanguageService({ schemas });
  for (const file of files) {
    if (openUri === undefined || file.uri === openUri) service.setDocument(file.uri, file.text, 1);
    else service.workspaceDocument(file.uri, file.text);
  }
  return service;
}

/** Positions worth asking about: the start of every value and every word after `name: `/`key: `. */
function positionsOf(text: string): Array<{ line: number; character: number }> {
  const out: Array<{ line: number; character: number }> = [];
  text.split('\n').forEach((line, index) => {
    const match = /^(\s*-?\s*)([\w.-]+):\s*(\S.*)?$/.exec(line);
    if (!match) return;
    out.push({ line: index, character: match[1].length + 1 });
    if (match[3] !== undefined) out.push({ line: index, character: line.length - match[3].length + 1 });
  });
  return out;
}

for (const folder of FOLDERS) {
  test(`${folder}: one file open, the rest closed, answers as with every file open`, () => {
    const files = filesOf(folder);
    assert.ok(files.length > 0, `no YAML files in ${folder}`);
    const allOpen = serviceWith(files);
    for (const file of files) {
      const oneOpen = serviceWith(files, file.uri);
      oneOpen.index.refresh(); // indexing parses each closed file once; what follows must not
      const parsesBefore = oneOpen.documents.closedParses;
      assert.deepEqual(oneOpen.getDiagnostics(file.uri), allOpen.getDiagnostics(file.uri), `diagnostics of ${file.uri}`);
      assert.equal(oneOpen.documents.closedParses, parsesBefore, `the diagnostics of ${file.uri} re-parsed closed files`);

      for (const position of positionsOf(file.text)) {
        const where = `${file.uri}:${position.line + 1}:${position.character + 1}`;
        assert.deepEqual(oneOpen.getCompletions(file.uri, position), allOpen.getCompletions(file.uri, position), `completion at ${where}`);
        assert.deepEqual(oneOpen.getHover(file.uri, position), allOpen.getHover(file.uri, position), `hover at ${where}`);
        assert.deepEqual(oneOpen.definition(file.uri, position), allOpen.definition(file.uri, position), `definition at ${where}`);
        assert.deepEqual(oneOpen.references(file.uri, position, true), allOpen.references(file.uri, position, true), `references at ${where}`);
        assert.deepEqual(oneOpen.rename(file.uri, position, 'renamed-x'), allOpen.rename(file.uri, position, 'renamed-x'), `rename at ${where}`);
      }
      // The preview lists every StatefulSet of the folder, closed files' too (computed twice: the second from its cache).
      const expected = allOpen.getPreview({ activeUri: file.uri });
      assert.deepEqual(oneOpen.getPreview({ activeUri: file.uri }), expected, `preview with ${file.uri} open`);
      assert.deepEqual(oneOpen.getPreview({ activeUri: file.uri }), expected, `cached preview with ${file.uri} open`);
    }
  });
}

test('a closed file edited on disk: the facts and the preview follow its new text', () => {
  const files = filesOf('examples/postgres');
  const statefulSet = files.find((f) => f.uri.endsWith('statefulset.yaml'))!;
  const service = files.find((f) => f.uri.endsWith('service.yaml'))!;
  const oneOpen = serviceWith(files, statefulSet.uri);
  const headless = () => oneOpen.getPreview().statefulSets[0].service?.headless;
  assert.equal(headless(), true);
  assert.deepEqual(oneOpen.getDiagnostics(statefulSet.uri).map((d) => d.code), []);
  // The Service on disk loses clusterIP: None (a watched-file change of a closed file).
  oneOpen.workspaceDocument(service.uri, service.text.replace(/\n\s*clusterIP: None/, ''));
  assert.equal(headless(), false);
  assert.deepEqual(oneOpen.getDiagnostics(statefulSet.uri).map((d) => d.code), ['sts-service-not-headless']);
});

test('opening and closing a file switches it between kept AST and facts without changing answers', () => {
  const files = filesOf('examples/postgres');
  const statefulSet = files.find((f) => f.uri.endsWith('statefulset.yaml'))!;
  const configMap = files.find((f) => f.uri.endsWith('configmap.yaml'))!;
  const service = serviceWith(files, statefulSet.uri);
  const before = service.getDiagnostics(statefulSet.uri);
  service.setDocument(configMap.uri, configMap.text, 2);
  assert.equal(service.isOpen(configMap.uri), true);
  assert.deepEqual(service.getDiagnostics(statefulSet.uri), before);
  service.closeDocument(configMap.uri, configMap.text);
  assert.equal(service.isOpen(configMap.uri), false);
  assert.deepEqual(service.getDiagnostics(statefulSet.uri), before);
  // The closed ConfigMap loses a key the StatefulSet reads: reported from the facts alone.
  service.workspaceDocument(configMap.uri, configMap.text.replace(/^(\s+)POSTGRES_USER:.*\n/m, ''));
  const parses = service.documents.closedParses;
  service.index.refresh();
  const codes = service.getDiagnostics(statefulSet.uri).map((d) => String(d.code));
  assert.ok(codes.includes('ref-configmap-key-missing'), `got ${codes.join(', ')}`);
  assert.equal(service.documents.closedParses, parses + 1, 'only the changed file is parsed (to index it)');
});
