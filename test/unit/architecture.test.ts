// The layering rules of ARCHITECTURE.md, checked over the sources: no import cycles anywhere; the
// language service (server/src/service) does no IO and knows no transport; the code client and
// server share (common/) depends on nothing of either; the VS Code client imports nothing of the server.
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { test } from 'node:test';
import { describeCycle, importCycles, importGraph, typeScriptFiles, type ImportGraph } from '../helpers/importGraph';
import { repoRoot } from '../helpers/service';

const LAYERS = ['common', 'client/src', 'server/src', 'test', 'bench', 'scripts'];
const graph = importGraph(LAYERS.flatMap((dir) => typeScriptFiles(join(repoRoot, dir))));

function inside(file: string, dir: string): boolean {
  return file.startsWith(join(repoRoot, dir) + sep);
}

/** Imports of the files under `dir` that `allowed` refuses, as `file: specifier` lines. */
function violations(g: ImportGraph, dir: string, allowed: (specifier: string, target: string | undefined) => boolean): string[] {
  const out: string[] = [];
  for (const [file, edges] of g) {
    if (!inside(file, dir)) continue;
    for (const edge of edges) if (!allowed(edge.specifier, edge.file)) out.push(`${relative(repoRoot, file)}: ${edge.specifier}`);
  }
  return out;
}

test('the sources have no import cycle (type-only imports count)', () => {
  assert.ok(graph.size > 100, `read ${graph.size} files`);
  const cycles = importCycles(graph).map((group) => describeCycle(graph, group, repoRoot));
  assert.deepEqual(cycles, [], `import cycles:\n${cycles.join('\n')}`);
});

test('the cycle check finds a cycle, a self-import and a type-only cycle', () => {
  const dir = mkdtempSync(join(tmpdir(), 'k8s-cycles-'));
  try {
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'a.ts'), "import { b } from './sub/b';\nexport const a = b;\n");
    writeFileSync(join(dir, 'sub', 'b.ts'), "export { c as b } from '../c';\n");
    writeFileSync(join(dir, 'c.ts'), "import type { a } from './a';\nexport const c = 1 as unknown as typeof a;\n");
    writeFileSync(join(dir, 'self.ts'), "export * from './self';\n");
    writeFileSync(join(dir, 'free.ts'), "import { a } from './a';\nexport const free = a;\n");
    const small = importGraph(typeScriptFiles(dir));
    const cycles = importCycles(small).map((group) => group.map((f) => relative(dir, f)));
    assert.deepEqual(cycles.sort(), [['a.ts', 'c.ts', join('sub', 'b.ts')], ['self.ts']]);
    assert.equal(describeCycle(small, importCycles(small).find((g) => g.length === 3)!, dir), `a.ts → ${join('sub', 'b.ts')} → c.ts → a.ts`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('service/ does no IO and knows no transport: only yaml, ajv, LSP types, itself and common/', () => {
  const PACKAGES = new Set(['yaml', 'ajv', 'vscode-languageserver-types']);
  const bad = violations(graph, 'server/src/service', (specifier, target) =>
    target ? inside(target, 'server/src/service') || inside(target, 'common') : PACKAGES.has(specifier),
  );
  assert.deepEqual(bad, []);
});

test('common/ (bundled by the client and the server) imports only itself and LSP types', () => {
  const bad = violations(graph, 'common', (specifier, target) => (target ? inside(target, 'common') : specifier === 'vscode-languageserver-types'));
  assert.deepEqual(bad, []);
});

test('the VS Code client imports nothing of the server: protocol and shared code come from common/', () => {
  const bad = violations(graph, 'client/src', (_specifier, target) => !target || inside(target, 'client/src') || inside(target, 'common'));
  assert.deepEqual(bad, []);
});
