// Fuzz test: mutated manifests from examples/ and the seed fixtures through every feature of the
// language service. Asserts that no exception escapes, that every response is well-formed (ranges
// inside the document, start <= end), and that every code action and rename result still parses
// when the text it was applied to did.
//
// Bounded in count (FUZZ_CASES, default 5000) and in time (FUZZ_BUDGET_MS, default 60 s, a bound on
// the loop, never an assertion). Seeded (FUZZ_SEED, default 1, or `random`): the seed is printed, and a
// failure names the seed and case, so `FUZZ_SEED=<seed> node --test out/test/unit/fuzz.test.js`
// reproduces it. FUZZ_COLLECT=1 lists every failing case instead of stopping at the first, and
// FUZZ_DUMP=<dir> writes each failing text there.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { parseAllDocuments } from 'yaml';
import type { CodeAction, Position, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { createLanguageService, type LanguageService } from '../../server/src/service';
import { seededRandom } from '../helpers/random';
import { repoRoot, schemas, yamlFiles } from '../helpers/service';

const CASES = Number(process.env.FUZZ_CASES) || 5000;
const BUDGET_MS = Number(process.env.FUZZ_BUDGET_MS) || 60_000;
// A fixed default keeps `npm test` deterministic; FUZZ_SEED=random explores new cases.
const SEED = process.env.FUZZ_SEED === 'random' ? Math.floor(Math.random() * 2 ** 31) : Number(process.env.FUZZ_SEED) || 1;

// Fragments YAML and Kubernetes manifests are made of, plus bytes that binary files bring.
const TOKENS = [
  ':', ': ', '- ', '-', '[', ']', '{', '}', ',', '#', '&a ', '*a', '<<: *a', '!!binary ', '!!str ', '? ', '|', '>-', '"', "'",
  '---\n', '...\n', '\t', '\r\n', '\n', '\u0000', '\uFFFD', '\uFEFF', '\u00e9', '\u{1F600}', '\ud800', '%YAML 1.1\n',
  'kind: Secret', 'kind: StatefulSet', 'apiVersion: v1', 'apiVersion: apps/v1', 'data:', 'stringData:', 'metadata:', 'name: x',
  'c2VjcmV0', 'c2VjcmV0Cg==', '!!!', '1Gi', '1G', 'yes', '0777', 'null', '~', '10000000000000000000000', '  ',
];

type Mutation = (text: string, random: () => number) => string;

const pick = <T>(items: readonly T[], random: () => number): T => items[Math.floor(random() * items.length)];
const lineMutation = (f: (lines: string[], i: number, random: () => number) => void): Mutation => (text, random) => {
  const lines = text.split('\n');
  f(lines, Math.floor(random() * lines.length), random);
  return lines.join('\n');
};

const MUTATIONS: Array<[string, Mutation]> = [
  ['delete line', lineMutation((lines, i) => lines.splice(i, 1))],
  ['duplicate line', lineMutation((lines, i) => lines.splice(i, 0, lines[i]))],
  ['swap lines', lineMutation((lines, i, r) => {
    const j = Math.floor(r() * lines.length);
    [lines[i], lines[j]] = [lines[j], lines[i]];
  })],
  ['indent line', lineMutation((lines, i, r) => (lines[i] = ' '.repeat(1 + Math.floor(r() * 6)) + lines[i]))],
  ['dedent line', lineMutation((lines, i, r) => (lines[i] = lines[i].slice(1 + Math.floor(r() * 4))))],
  ['tab indent', lineMutation((lines, i) => (lines[i] = lines[i].replace(/^ +/, '\t')))],
  ['truncate', (text, r) => text.slice(0, Math.floor(r() * text.length))],
  ['insert token', (text, r) => {
    const at = Math.floor(r() * (text.length + 1));
    return text.slice(0, at) + pick(TOKENS, r) + text.slice(at);
  }],
  ['random bytes', (text, r) => {
    const at = Math.floor(r() * (text.length + 1));
    const bytes = Buffer.from(Array.from({ length: 1 + Math.floor(r() * 16) }, () => Math.floor(r() * 256)));
    // Decoded the way an editor opens a binary file as UTF-8: invalid sequences become U+FFFD.
    return text.slice(0, at) + bytes.toString('utf8') + text.slice(at);
  }],
  ['delete span', (text, r) => {
    const at = Math.floor(r() * text.length);
    return text.slice(0, at) + text.slice(at + 1 + Math.floor(r() * 40));
  }],
  ['CRLF', (text) => text.replace(/\r?\n/g, '\r\n')],
  ['BOM', (text) => '\uFEFF' + text],
  ['replace value', (text, r) => text.replace(/: (\S+)/g, (whole) => (r() < 0.15 ? `: ${pick(TOKENS, r)}` : whole))],
];

/** Offsets where each line starts; `\n` ends a line (a `\r` before it counts as part of the line). */
function lineLengths(text: string): number[] {
  return text.split('\n').map((line) => line.length);
}

function checkPosition(what: string, p: Position, lengths: number[]): void {
  assert.ok(Number.isInteger(p.line) && Number.isInteger(p.character), `${what}: non-integer position ${JSON.stringify(p)}`);
  assert.ok(p.line >= 0 && p.character >= 0, `${what}: negative position ${JSON.stringify(p)}`);
  assert.ok(p.line < lengths.length, `${what}: line ${p.line} past the last line ${lengths.length - 1}`);
  assert.ok(p.character <= lengths[p.line], `${what}: character ${p.character} past the end of line ${p.line} (${lengths[p.line]})`);
}

function checkRange(what: string, r: Range | undefined, lengths: number[]): void {
  assert.ok(r && r.start && r.end, `${what}: missing range`);
  checkPosition(`${what} start`, r.start, lengths);
  checkPosition(`${what} end`, r.end, lengths);
  const ordered = r.start.line < r.end.line || (r.start.line === r.end.line && r.start.character <= r.end.character);
  assert.ok(ordered, `${what}: start after end ${JSON.stringify(r)}`);
}

function contains(outer: Range, inner: Range): boolean {
  const le = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return le(outer.start, inner.start) && le(inner.end, outer.end);
}

function offsetOf(text: string, p: Position): number {
  let offset = 0;
  for (let line = 0; line < p.line; line++) offset = text.indexOf('\n', offset) + 1;
  return offset + p.character;
}

function applyEdits(text: string, edits: TextEdit[]): string {
  const sorted = edits
    .map((e) => ({ start: offsetOf(text, e.range.start), end: offsetOf(text, e.range.end), newText: e.newText }))
    .sort((a, b) => b.start - a.start || b.end - a.end);
  for (let i = 1; i < sorted.length; i++) assert.ok(sorted[i].end <= sorted[i - 1].start, 'overlapping text edits');
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

function parsesCleanly(text: string): boolean {
  return parseAllDocuments(text, { version: '1.1' }).every((d) => d.errors.length === 0);
}

/** Edits of a workspace edit by URI (plain `changes` or `documentChanges` with text edits). */
function editsByUri(edit: WorkspaceEdit): Map<string, TextEdit[]> {
  const out = new Map<string, TextEdit[]>();
  for (const [uri, edits] of Object.entries(edit.changes ?? {})) out.set(uri, [...(out.get(uri) ?? []), ...edits]);
  for (const change of edit.documentChanges ?? []) {
    if ('textDocument' in change) out.set(change.textDocument.uri, [...(out.get(change.textDocument.uri) ?? []), ...(change.edits as TextEdit[])]);
  }
  return out;
}

interface Stats {
  cases: number;
  calls: number;
  actionsApplied: number;
  renamesApplied: number;
}

/**
 * Checks a workspace edit: ranges valid in their documents; applied, each document that parsed
 * before still parses. Documents the service does not hold (new files) are skipped.
 */
function checkWorkspaceEdit(what: string, edit: WorkspaceEdit, texts: Map<string, string>): number {
  let applied = 0;
  for (const [uri, edits] of editsByUri(edit)) {
    const before = texts.get(uri);
    if (before === undefined) continue;
    const lengths = lineLengths(before);
    edits.forEach((e, i) => checkRange(`${what} edit ${i} in ${uri}`, e.range, lengths));
    const after = applyEdits(before, edits);
    if (parsesCleanly(before)) {
      assert.ok(parsesCleanly(after), `${what}: the result does not parse:\n--- before\n${before}\n--- after\n${after}`);
    }
    applied++;
  }
  return applied;
}

function exercise(service: LanguageService, uri: string, text: string, random: () => number, texts: Map<string, string>, stats: Stats): void {
  const lengths = lineLengths(text);
  const randomPosition = (): Position => {
    const line = Math.floor(random() * lengths.length);
    return { line, character: Math.floor(random() * (lengths[line] + 1)) };
  };

  const diagnostics = service.getDiagnostics(uri);
  stats.calls++;
  for (const d of diagnostics) {
    checkRange(`diagnostic ${d.code}`, d.range, lengths);
    assert.ok(typeof d.message === 'string' && d.message.length > 0, 'diagnostic without a message');
    assert.ok(d.severity === undefined || (d.severity >= 1 && d.severity <= 4), `diagnostic severity ${d.severity}`);
  }

  for (const symbol of service.getDocumentSymbols(uri)) {
    const walk = (s: typeof symbol, depth: number): void => {
      checkRange(`symbol ${s.name}`, s.range, lengths);
      checkRange(`symbol ${s.name} selection`, s.selectionRange, lengths);
      // VS Code rejects the whole outline when a selection range leaves its symbol's range.
      assert.ok(contains(s.range, s.selectionRange), `symbol ${s.name}: selectionRange outside range`);
      assert.ok(typeof s.name === 'string' && s.name.length > 0, 'symbol without a name');
      for (const child of s.children ?? []) {
        assert.ok(contains(s.range, child.range), `symbol ${child.name} outside its parent ${s.name}`);
        walk(child, depth + 1);
      }
    };
    walk(symbol, 0);
  }
  stats.calls++;

  for (const fold of service.getFoldingRanges(uri) ?? []) {
    assert.ok(fold.startLine >= 0 && fold.startLine <= fold.endLine && fold.endLine < lengths.length, `folding range ${JSON.stringify(fold)}`);
  }
  stats.calls++;

  for (const lens of service.getSecretLenses(uri)) checkRange('secret lens', lens.range, lengths);
  stats.calls++;

  for (let i = 0; i < 3; i++) {
    const position = randomPosition();
    const list = service.getCompletions(uri, position);
    assert.ok(Array.isArray(list.items), 'completion without items');
    for (const item of list.items) {
      assert.ok(typeof item.label === 'string' && item.label.length > 0, 'completion item without a label');
      const edit = item.textEdit;
      if (edit && 'range' in edit) checkRange(`completion ${item.label}`, edit.range, lengths);
      if (edit && 'insert' in edit) {
        checkRange(`completion ${item.label} insert`, edit.insert, lengths);
        checkRange(`completion ${item.label} replace`, edit.replace, lengths);
      }
      for (const extra of item.additionalTextEdits ?? []) checkRange(`completion ${item.label} additional edit`, extra.range, lengths);
    }
    const hover = service.getHover(uri, randomPosition());
    if (hover) {
      assert.ok(hover.contents, 'hover without contents');
      if (hover.range) checkRange('hover', hover.range, lengths);
    }
    const checkLocations = (what: string, locations: Array<{ uri: string; range: Range }>) => {
      for (const location of locations) {
        const target = texts.get(location.uri);
        assert.ok(target !== undefined, `${what} points at an unknown document ${location.uri}`);
        checkRange(what, location.range, lineLengths(target));
      }
    };
    checkLocations('definition', service.definition(uri, randomPosition()));
    checkLocations('references', service.references(uri, randomPosition(), true));
    const renameAt = randomPosition();
    const prepared = service.prepareRename(uri, renameAt);
    if (!('error' in prepared)) {
      checkRange('prepareRename', prepared.range, lengths);
      const renamed = service.rename(uri, renameAt, 'renamed-by-fuzz');
      if (!('error' in renamed)) stats.renamesApplied += checkWorkspaceEdit('rename', renamed.edit, texts);
    }
    stats.calls += 7;
  }

  // Every quick fix for the diagnostics (a few per case), and the refactors at a random range.
  const requests: Array<[Range, typeof diagnostics]> = diagnostics.slice(0, 4).map((d) => [d.range, [d]]);
  const a = randomPosition();
  const b = randomPosition();
  requests.push([a.line < b.line || (a.line === b.line && a.character <= b.character) ? { start: a, end: b } : { start: b, end: a }, []]);
  for (const [range, context] of requests) {
    const actions: CodeAction[] = service.getCodeActions(uri, range, context);
    stats.calls++;
    for (const action of actions) {
      assert.ok(typeof action.title === 'string' && action.title.length > 0, 'code action without a title');
      if (action.edit) stats.actionsApplied += checkWorkspaceEdit(`code action "${action.title}"`, action.edit, texts);
    }
  }

  JSON.stringify(service.getPreview({ activeUri: uri }));
  stats.calls++;
}

test(`fuzz: mutated manifests through every feature (seed ${SEED}, up to ${CASES} cases)`, () => {
  const sources = [...yamlFiles(join(repoRoot, 'examples')), ...yamlFiles(join(repoRoot, 'test', 'fixtures'))];
  assert.ok(sources.length > 10, 'no sources to mutate');
  const service = createLanguageService({ schemas });
  const texts = new Map<string, string>();
  // The examples are the workspace, so cross-file features (references, rename, fixes in other files) have targets.
  for (const path of yamlFiles(join(repoRoot, 'examples'))) {
    const uri = pathToFileURL(path).href;
    const text = readFileSync(path, 'utf8');
    service.setDocument(uri, text, 1, { open: false });
    texts.set(uri, text);
  }
  const random = seededRandom(SEED);
  const stats: Stats = { cases: 0, calls: 0, actionsApplied: 0, renamesApplied: 0 };
  const started = Date.now();
  const uri = 'file:///fuzz/mutated.yaml';
  const failures: string[] = [];
  for (let n = 0; n < CASES && Date.now() - started < BUDGET_MS; n++) {
    const source = pick(sources, random);
    let text = readCached(source);
    const applied: string[] = [];
    for (let m = 0, count = 1 + Math.floor(random() * 3); m < count; m++) {
      const [name, mutate] = pick(MUTATIONS, random);
      text = mutate(text, random);
      applied.push(name);
    }
    try {
      service.setDocument(uri, text, n + 1);
      texts.set(uri, text);
      exercise(service, uri, text, random, texts, stats);
    } catch (error) {
      const where = `seed ${SEED}, case ${n}, ${relative(repoRoot, source)} after ${applied.join(' + ')}`;
      (error as Error).message = `${where}: ${(error as Error).message}\n--- text\n${text}`;
      if (process.env.FUZZ_DUMP) writeFileSync(join(process.env.FUZZ_DUMP, `case-${n}.yaml`), text);
      if (!process.env.FUZZ_COLLECT) throw error;
      failures.push((error as Error).message.split('\n')[0] + ` ${(error as Error).stack?.split('\n').find((l) => l.includes('server/src'))?.trim()}`);
      continue;
    }
    stats.cases++;
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(
    `fuzz: seed ${SEED}: ${stats.cases} cases, ${stats.calls} service calls, ${stats.actionsApplied} code action edits and ${stats.renamesApplied} renames applied, in ${seconds} s`,
  );
  assert.deepEqual(failures, []);
  assert.ok(stats.cases > 0, 'no case ran');
});

const cache = new Map<string, string>();
function readCached(path: string): string {
  let text = cache.get(path);
  if (text === undefined) cache.set(path, (text = readFileSync(path, 'utf8')));
  return text;
}
