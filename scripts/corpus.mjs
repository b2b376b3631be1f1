#!/usr/bin/env node
// `npm run corpus`: runs the language service over the real-world manifests in ../shared/corpus
// (never copied into this repository) and prints, per rule, how many findings each severity got.
// Files keep their original repository paths (from INDEX.tsv) so kustomization.yaml patch paths
// resolve as they did upstream. A corpus folder holds one source repository, but such a repository
// (kubernetes/examples above all) is many unrelated apps, all in the default namespace: checked as
// one workspace, a Service or ConfigMap of one example answers (or duplicates) a reference of another.
// So by default each app is its own workspace, as a user opens it: the directory of the file, or the
// outermost directory above it that holds a kustomization.yaml (an overlay reaches up into its base).
//
//   node scripts/corpus.mjs [--corpus DIR] [--verbose|--list] [--rule ID] [--workspace app|repo|file]
//     --verbose, --list  print every finding (file:line:col severity code message)
//     --rule ID          print only the findings of that rule (implies --verbose for it)
//     --workspace        app (default), repo (one workspace per corpus folder) or file
import { build } from 'esbuild';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, posix, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const corpus = resolve(option('--corpus') ?? join(ROOT, '..', 'shared', 'corpus'));
const onlyRule = option('--rule');
const verbose = args.includes('--verbose') || args.includes('--list') || onlyRule !== undefined;
const grouping = option('--workspace') ?? 'app';
if (!['app', 'repo', 'file'].includes(grouping)) {
  console.error(`--workspace must be app, repo or file, not ${grouping}`);
  process.exit(2);
}
const SLOW_MS = 2000;

if (!existsSync(corpus)) {
  console.error(`no corpus at ${corpus} (pass --corpus DIR)`);
  process.exit(2);
}

// The service is TypeScript; bundle it once into a temporary CommonJS file.
const out = mkdtempSync(join(tmpdir(), 'k8s-stateful-corpus-'));
await build({
  stdin: { contents: "export { createLanguageService } from './server/src/service'; export { schemaFiles } from './server/src/schemaFiles';", resolveDir: ROOT, loader: 'ts' },
  bundle: true, platform: 'node', format: 'cjs', outfile: join(out, 'service.js'), logLevel: 'error',
});
const { createLanguageService, schemaFiles } = createRequire(import.meta.url)(join(out, 'service.js'));
rmSync(out, { recursive: true, force: true });

const SEVERITY = ['', 'error', 'warning', 'info', 'hint'];
const counts = new Map(); // code -> { error, warning, info, hint, files:Set }
let files = 0;
let crashes = 0;
const slow = [];

for (const folder of readdirSync(corpus).sort()) {
  const indexPath = join(corpus, folder, 'INDEX.tsv');
  if (!existsSync(indexPath)) continue;
  const rows = readFileSync(indexPath, 'utf8').trim().split('\n').slice(1).map((line) => line.split('\t'));
  for (const group of workspaces(rows.filter(([file]) => existsSync(join(corpus, folder, file))))) {
  const service = createLanguageService({ schemas: schemaFiles(join(ROOT, 'schemas', 'generated')) });
  const entries = [];
  for (const [file, repo, path] of group) {
    const full = join(corpus, folder, file);
    const uri = `file:///corpus/${repo}/${path}`;
    service.setDocument(uri, readFileSync(full, 'utf8'), 1);
    entries.push({ file: `${folder}/${file}`, uri });
  }
  for (const { file, uri } of entries) {
    files++;
    const started = performance.now();
    let diagnostics;
    try {
      diagnostics = service.getDiagnostics(uri);
    } catch (error) {
      crashes++;
      console.log(`CRASH ${file}: ${error.stack ?? error}`);
      continue;
    }
    const ms = performance.now() - started;
    if (ms > SLOW_MS) slow.push(`${file} (${ms.toFixed(0)} ms)`);
    for (const d of diagnostics) {
      const code = String(d.code);
      const entry = counts.get(code) ?? { error: 0, warning: 0, info: 0, hint: 0, files: new Set() };
      entry[SEVERITY[d.severity ?? 1]]++;
      entry.files.add(file);
      counts.set(code, entry);
      if (verbose && (!onlyRule || onlyRule === code)) console.log(`${file}:${d.range.start.line + 1}:${d.range.start.character + 1} ${SEVERITY[d.severity ?? 1]} ${code} ${d.message}`);
    }
  }
  }
}

/** The INDEX.tsv rows of one corpus folder, split into the workspaces --workspace asks for. */
function workspaces(rows) {
  if (grouping === 'repo') return [rows];
  if (grouping === 'file') return rows.map((row) => [row]);
  const kustomizeDirs = new Set(rows.filter(([, , path]) => posix.basename(path) === 'kustomization.yaml').map(([, repo, path]) => `${repo}/${posix.dirname(path)}`));
  const groups = new Map();
  for (const row of rows) {
    const [, repo, path] = row;
    let app = `${repo}/${posix.dirname(path)}`;
    for (let dir = app; dir.startsWith(`${repo}/`); dir = posix.dirname(dir)) if (kustomizeDirs.has(dir)) app = dir;
    groups.set(app, [...(groups.get(app) ?? []), row]);
  }
  return [...groups.values()];
}

console.log(`\n${files} files, ${crashes} crashes, ${slow.length} slower than ${SLOW_MS} ms${slow.length ? `: ${slow.join(', ')}` : ''}\n`);
const rows = [...counts.entries()].sort((a, b) => a[0].localeCompare(b[0]));
const pad = Math.max(4, ...rows.map(([code]) => code.length));
console.log(`${'rule'.padEnd(pad)}  error  warning  info  hint  files`);
for (const [code, c] of rows) {
  console.log(`${code.padEnd(pad)}  ${String(c.error).padStart(5)}  ${String(c.warning).padStart(7)}  ${String(c.info).padStart(4)}  ${String(c.hint).padStart(4)}  ${String(c.files.size).padStart(5)}`);
}
process.exit(crashes > 0 ? 1 : 0);
