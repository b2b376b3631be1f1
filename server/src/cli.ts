#!/usr/bin/env node
// `k8s-stateful check [PATH…]`: the language service's diagnostics for CI (text, JSON, SARIF),
// or the Stateful Preview as text. The same bundle is the entry of its worker threads.
// Command-line parsing, file walking, checking and each output format live in ./cli/.
import { writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { parseArgs, SEVERITIES, type CheckOptions } from './cli/args';
import { defaultJobs, InputError, isWorkerTask, runCheck, runWorker, STDIN_PATH, totalSize } from './cli/check';
import { formatJson } from './cli/format/json';
import { formatSarif } from './cli/format/sarif';
import { formatText } from './cli/format/text';
import { DOCS_BASE_URI, INFORMATION_URI, ruleDocMarkdown, TOOL_NAME, TOOL_VERSION } from './cli/meta';
import { renderPreview } from './cli/preview';
import { Progress } from './cli/progress';
import { plural, summarize, type FileReport, type Report } from './cli/report';
import { findYamlFiles, WalkError } from './cli/walk';

const schemaDir = process.env.K8S_STATEFUL_SCHEMAS ?? join(__dirname, '..', 'schemas', 'generated');

async function main(argv: string[]): Promise<number> {
  const parsed = parseArgs(argv, process.stdout.isTTY === true && !process.env.NO_COLOR);
  switch (parsed.kind) {
    case 'help':
      process.stdout.write(parsed.text);
      return 0;
    case 'version':
      process.stdout.write(`${TOOL_VERSION}\n`);
      return 0;
    case 'error':
      process.stderr.write(`k8s-stateful: ${parsed.message}\nRun "k8s-stateful --help" for usage.\n`);
      return 2;
  }
  const options = parsed.options;
  try {
    return await check(options);
  } catch (error) {
    if (error instanceof WalkError || error instanceof InputError) {
      process.stderr.write(`k8s-stateful: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

async function check(options: CheckOptions): Promise<number> {
  const started = performance.now();
  const root = process.cwd();
  const files = findYamlFiles(options.paths.filter((p) => p !== STDIN_PATH), { exclude: options.exclude });
  const stdinText = options.paths.includes(STDIN_PATH) ? await readStdin() : undefined;
  if (stdinText !== undefined) files.unshift(STDIN_PATH);
  const display = (path: string) => (path === STDIN_PATH ? '<stdin>' : toDisplayPath(root, path));
  const settings = {
    rules: options.rules,
    ...(options.defaultNamespace ? { defaultNamespace: options.defaultNamespace } : {}),
    references: { strict: options.strictReferences },
  };
  if (files.length === 0 && !options.quiet) process.stderr.write('k8s-stateful: no YAML files found\n');

  if (options.preview) {
    const text = renderPreview({
      files,
      stdinText,
      schemaDir,
      settings,
      format: options.format === 'json' ? 'json' : 'text',
      describeUri: (uri) => (uri.startsWith('file:') ? display(fileURLToPath(uri)) : uri === 'untitled:stdin' ? '<stdin>' : uri),
    });
    emit(options, text);
    return 0;
  }

  const progress = new Progress(process.stderr, !options.quiet && options.progress !== 'never');
  progress.setTotal(files.length);
  const jobs = options.jobs ?? defaultJobs(files.length, totalSize(files));
  const diagnostics = await runCheck({
    files,
    stdinText,
    schemaDir,
    docsBaseUri: DOCS_BASE_URI,
    settings,
    jobs,
    workerScript: __filename,
    onProgress: (done) => progress.update(done),
  });
  progress.end();

  const threshold = SEVERITIES.indexOf(options.severity) + 1;
  const reports: FileReport[] = files.map((path, i) => ({
    path,
    display: display(path),
    diagnostics: diagnostics[i].filter((d) => (d.severity ?? 1) <= threshold),
  }));
  const summary = summarize(reports, performance.now() - started);
  const report: Report = {
    files: reports,
    summary,
    tool: { name: TOOL_NAME, version: TOOL_VERSION, informationUri: INFORMATION_URI },
    docsBaseUri: DOCS_BASE_URI,
    root,
  };
  const output =
    options.format === 'json'
      ? formatJson(report)
      : options.format === 'sarif'
        ? formatSarif(report, { ruleHelp: (id) => ruleDocMarkdown(id, __dirname) })
        : formatText(report, { color: options.color && !options.output });
  emit(options, output);

  if (!options.quiet) {
    const counts = [plural(summary.errors, 'error'), plural(summary.warnings, 'warning'), plural(summary.infos, 'info')];
    if (threshold >= 4) counts.push(plural(summary.hints, 'hint'));
    const workers = jobs > 1 && files.length > 1 ? `, ${jobs} workers` : '';
    process.stderr.write(`k8s-stateful: ${plural(files.length, 'file')} checked in ${(summary.durationMs / 1000).toFixed(2)}s${workers}: ${counts.join(', ')}\n`);
  }
  return summary.errors > 0 ? 1 : 0;
}

function emit(options: CheckOptions, text: string): void {
  if (options.output) writeFileSync(options.output, text);
  else process.stdout.write(text);
}

function toDisplayPath(root: string, path: string): string {
  const rel = relative(root, path);
  return (rel === '' ? path : rel).split(sep).join('/');
}

function readStdin(): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    process.stdin.on('data', (c: Buffer) => chunks.push(c));
    process.stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    process.stdin.on('error', reject);
  });
}

if (!isMainThread && isWorkerTask(workerData)) {
  runWorker(workerData, (message) => parentPort!.postMessage(message));
} else {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      process.stderr.write(`k8s-stateful: internal error: ${(error as Error).stack ?? error}\n`);
      process.exitCode = 2;
    },
  );
}
