#!/usr/bin/env node
// `k8s-stateful check PATH…`: the language service's diagnostics for files and folders, for CI.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createLanguageService } from './service';

const SKIPPED_DIRS = new Set(['node_modules', '.git', '.vscode-test', 'dist', 'out']);
const SEVERITY = ['', 'error', 'warning', 'info', 'hint'];

function yamlFiles(path: string, out: string[]): void {
  const stat = statSync(path);
  if (stat.isFile()) {
    out.push(path);
    return;
  }
  for (const name of readdirSync(path).sort()) {
    const child = join(path, name);
    const childStat = statSync(child);
    if (childStat.isDirectory()) {
      if (!SKIPPED_DIRS.has(name)) yamlFiles(child, out);
    } else if (/\.ya?ml$/i.test(name)) out.push(child);
  }
}

function main(argv: string[]): number {
  const [command, ...paths] = argv;
  if (command !== 'check') {
    process.stderr.write('usage: k8s-stateful check [PATH...]\n');
    return 2;
  }
  const service = createLanguageService({ schemaDir: process.env.K8S_STATEFUL_SCHEMAS ?? join(__dirname, '..', 'schemas', 'generated') });
  const files: string[] = [];
  try {
    for (const p of paths.length ? paths : ['.']) yamlFiles(resolve(p), files);
  } catch (error) {
    process.stderr.write(`k8s-stateful: ${(error as Error).message}\n`);
    return 2;
  }
  let errors = 0;
  let total = 0;
  for (const file of files) {
    const uri = pathToFileURL(file).href;
    service.setDocument(uri, readFileSync(file, 'utf8'));
    for (const d of service.getDiagnostics(uri)) {
      total++;
      if (d.severity === 1) errors++;
      const where = `${relative(process.cwd(), file)}:${d.range.start.line + 1}:${d.range.start.character + 1}`;
      process.stdout.write(`${where} ${SEVERITY[d.severity ?? 1]} ${d.code ?? ''} ${d.message}\n`);
    }
    service.removeDocument(uri);
  }
  process.stderr.write(`${files.length} file(s) checked, ${total} problem(s), ${errors} error(s)\n`);
  return errors > 0 ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
