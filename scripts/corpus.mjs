#!/usr/bin/env node
// `npm run corpus`: checks the real-world manifests in ../shared/corpus (never copied into this
// repository) the way a user checks a repository: one `k8s-stateful check` per top-level folder (one
// source repository each), the folder as the workspace, so the engine's scope model decides which
// files judge which (docs/scopes.md). Prints per folder the counts per severity and the time, then per
// rule how many findings each severity got.
//
//   node scripts/corpus.mjs [--corpus DIR] [--verbose|--list] [--rule ID] [--folder NAME]
//     --verbose, --list  print every finding (file:line:col severity code message)
//     --rule ID          print only the findings of that rule (implies --verbose for it)
//     --folder NAME      check only that top-level folder (repeatable)
// Needs dist/cli.js (`npm run build`). Exit 1 when a check crashes (exit 2, or no JSON report).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const corpus = resolve(option('--corpus') ?? join(ROOT, '..', 'shared', 'corpus'));
const onlyRule = option('--rule');
const verbose = args.includes('--verbose') || args.includes('--list') || onlyRule !== undefined;
const onlyFolders = args.flatMap((arg, i) => (arg === '--folder' ? [args[i + 1]] : []));
const cli = join(ROOT, 'dist', 'cli.js');

if (!existsSync(corpus)) {
  console.error(`no corpus at ${corpus} (pass --corpus DIR)`);
  process.exit(2);
}
if (!existsSync(cli)) {
  console.error('dist/cli.js is missing: run `npm run build` first');
  process.exit(2);
}

const SEVERITIES = ['error', 'warning', 'info', 'hint'];
const byRule = new Map(); // ruleId -> { error, warning, info, hint, files: Set }
const perFolder = [];
let crashes = 0;

const folders = readdirSync(corpus)
  .filter((name) => statSync(join(corpus, name)).isDirectory() && (onlyFolders.length === 0 || onlyFolders.includes(name)))
  .sort();
for (const folder of folders) {
  const started = performance.now();
  const run = spawnSync(process.execPath, [cli, 'check', join(corpus, folder), '--format', 'json', '--severity', 'hint', '--quiet', '--allow-empty'], {
    encoding: 'utf8',
    maxBuffer: 256 * 2 ** 20,
  });
  const seconds = (performance.now() - started) / 1000;
  let report;
  try {
    report = JSON.parse(run.stdout);
  } catch {
    report = undefined;
  }
  if (run.status === 2 || !report) {
    crashes++;
    console.log(`CRASH ${folder}: exit ${run.status}${run.signal ? ` (${run.signal})` : ''}\n${run.stderr}`);
    continue;
  }
  const counts = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const d of report.diagnostics) {
    counts[d.severity]++;
    const entry = byRule.get(d.ruleId) ?? { error: 0, warning: 0, info: 0, hint: 0, files: new Set() };
    entry[d.severity]++;
    entry.files.add(`${folder}/${d.file}`);
    byRule.set(d.ruleId, entry);
    if (verbose && (!onlyRule || onlyRule === d.ruleId)) {
      const file = relative(corpus, resolve(d.file));
      console.log(`${file}:${d.line}:${d.column} ${d.severity} ${d.ruleId} ${d.message}`);
    }
  }
  perFolder.push({ folder, files: report.summary.files, counts, seconds });
}

const table = (header, rows) => {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  return [line(header), ...rows.map(line)].join('\n');
};

console.log(`\n${perFolder.reduce((n, f) => n + f.files, 0)} files in ${perFolder.length} folders, ${crashes} crashes\n`);
console.log(table(['folder', 'files', ...SEVERITIES, 'seconds'], perFolder.map((f) => [f.folder, f.files, ...SEVERITIES.map((s) => f.counts[s]), f.seconds.toFixed(1)])));
console.log('');
const rules = [...byRule.entries()].sort((a, b) => a[0].localeCompare(b[0]));
console.log(table(['rule', ...SEVERITIES, 'files'], rules.map(([code, c]) => [code, ...SEVERITIES.map((s) => c[s]), c.files.size])));
process.exit(crashes > 0 ? 1 : 0);
