// The import graph of our TypeScript sources, read with the TypeScript parser (syntax only), for the
// architecture checks: import cycles (Tarjan's strongly connected components) and which packages and
// folders each layer imports.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

export interface ImportEdge {
  /** The imported file (absolute) for relative imports; undefined for packages. */
  file?: string;
  /** The specifier as written ('./x', 'yaml', 'node:fs'). */
  specifier: string;
  /** `import type` / `export type`: erased at run time, still a dependency of the design. */
  typeOnly: boolean;
}

export type ImportGraph = Map<string, ImportEdge[]>;

export function typeScriptFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...typeScriptFiles(path));
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

function resolveRelative(from: string, specifier: string): string | undefined {
  const base = resolve(dirname(from), specifier);
  return [`${base}.ts`, join(base, 'index.ts'), base].find((candidate) => candidate.endsWith('.ts') && existsSync(candidate));
}

/** Static imports and re-exports, and `import('…')` types and calls, of every file. */
export function importGraph(files: string[]): ImportGraph {
  const graph: ImportGraph = new Map();
  for (const file of files) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
    const edges: ImportEdge[] = [];
    const add = (specifier: string, typeOnly: boolean) => {
      edges.push({ specifier, typeOnly, file: specifier.startsWith('.') ? resolveRelative(file, specifier) : undefined });
    };
    const visit = (node: ts.Node) => {
      if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
        const typeOnly = ts.isImportDeclaration(node) ? !!node.importClause?.isTypeOnly : node.isTypeOnly;
        add(node.moduleSpecifier.text, typeOnly);
      } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
        add(node.argument.literal.text, true);
      } else if (ts.isCallExpression(node) && node.arguments.length === 1 && ts.isStringLiteral(node.arguments[0])) {
        const callee = node.expression;
        if (callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === 'require')) add(node.arguments[0].text, false);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
    graph.set(file, edges);
  }
  return graph;
}

/** Groups of files that import each other (directly or through others); each group sorted. */
export function importCycles(graph: ImportGraph): string[][] {
  let next = 0;
  const indexOf = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const connect = (file: string) => {
    indexOf.set(file, next);
    low.set(file, next);
    next++;
    stack.push(file);
    onStack.add(file);
    for (const edge of graph.get(file) ?? []) {
      const to = edge.file;
      if (!to || !graph.has(to)) continue;
      if (!indexOf.has(to)) {
        connect(to);
        low.set(file, Math.min(low.get(file)!, low.get(to)!));
      } else if (onStack.has(to)) {
        low.set(file, Math.min(low.get(file)!, indexOf.get(to)!));
      }
    }
    if (low.get(file) !== indexOf.get(file)) return;
    const group: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      group.push(member);
    } while (member !== file);
    const selfImport = (graph.get(file) ?? []).some((e) => e.file === file);
    if (group.length > 1 || selfImport) cycles.push(group.sort());
  };
  for (const file of graph.keys()) if (!indexOf.has(file)) connect(file);
  return cycles;
}

/** One cycle group as `a → b → … → a` along real edges, paths relative to `root`. */
export function describeCycle(graph: ImportGraph, group: string[], root: string): string {
  const members = new Set(group);
  const path = [group[0]];
  const seen = new Set(path);
  let at = group[0];
  for (;;) {
    const to = (graph.get(at) ?? []).map((e) => e.file).find((f): f is string => !!f && members.has(f) && (!seen.has(f) || f === group[0]));
    if (!to) break;
    path.push(to);
    if (to === group[0]) break;
    seen.add(to);
    at = to;
  }
  return path.map((f) => relative(root, f)).join(' → ');
}
