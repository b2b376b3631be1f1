#!/usr/bin/env node
// `k8s-stateful check [PATH…]`: the language service's diagnostics for CI (text, JSON, SARIF),
// or the Stateful Preview as text. The same bundle is the entry of its worker threads.
// Command-line parsing, file walking, checking and each output format live in ./cli/.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { parseArgs, SEVERITIES, type CheckOptions } from './cli/args';
import { defaultJobs, InputError, isWorkerTask, readCrdSources, runCheck, runWorker, STDIN_PATH, totalSize, type FileResult } from './cli/check';
import { decodeInput, type Decoded } from './cli/decode';
import { formatGithub } from './cli/format/github';
import { configCrdPaths, describeProblems, findConfigFile, isExcludedByConfig, loadConfigFile, settingsWithConfig, type LoadedConfig } from './config/findConfig';
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
  const walked = findYamlFiles(options.paths.filter((p) => p !== STDIN_PATH), { exclude: options.exclude });
  const stdin = options.paths.includes(STDIN_PATH) ? decodeInput(await readStdin()) : undefined;
  const stdinPath = options.stdinFilename ? resolve(options.stdinFilename) : undefined;
  const stdinName = options.stdinFilename ? toDisplayPath(root, resolve(options.stdinFilename)) : '<stdin>';
  const display = (path: string) => (path === STDIN_PATH ? stdinName : toDisplayPath(root, path));

  // Each file is checked with the nearest config file above it; files with different configs are
  // checked as separate sets (a config file marks a project of its own).
  const configs = new ConfigLookup(options);
  const groups = new Map<LoadedConfig | undefined, string[]>();
  let excluded = 0;
  for (const path of stdin ? [STDIN_PATH, ...walked] : walked) {
    const config = configs.forPath(path === STDIN_PATH ? (stdinPath ?? join(root, 'stdin')) : path);
    if (path !== STDIN_PATH && isExcludedByConfig(path, config)) {
      excluded++;
      continue;
    }
    groups.set(config, [...(groups.get(config) ?? []), path]);
  }
  const problems = configs.problems(root);
  if (problems.length > 0) {
    process.stderr.write(`${problems.join('\n')}\nk8s-stateful: fix the config file above (or run with --no-config)\n`);
    return 2;
  }
  const files = [...groups.values()].flat();
  if (files.length === 0) {
    const why = `no YAML files found in ${options.paths.join(' ')}${excluded ? ` (${plural(excluded, 'file')} excluded by the config file)` : ''}`;
    if (options.allowEmpty) {
      if (!options.quiet) process.stderr.write(`k8s-stateful: ${why}\n`);
      return 0;
    }
    process.stderr.write(`k8s-stateful: ${why}; pass --allow-empty if that is expected\n`);
    return 2;
  }
  const settingsFor = (config: LoadedConfig | undefined) => {
    // The size cap is the editor's responsiveness guard: CI checks every file fully.
    const merged = settingsWithConfig({ references: { strict: options.strictReferences } }, config);
    return {
      ...merged,
      maxFileSize: Number.POSITIVE_INFINITY,
      rules: { ...(merged.rules as object | undefined), ...options.rules },
      ...(options.defaultNamespace ? { defaultNamespace: options.defaultNamespace } : {}),
      ...(options.kubernetesVersion ? { kubernetesVersion: options.kubernetesVersion } : {}),
    };
  };

  if (options.preview) {
    const text = renderPreview({
      files,
      stdinText: stdin && 'text' in stdin ? stdin.text : undefined,
      stdinPath,
      schemaDir,
      settings: settingsFor(groups.keys().next().value),
      format: options.format === 'json' ? 'json' : 'text',
      describeUri: (uri) => (uri.startsWith('file:') ? display(fileURLToPath(uri)) : uri === 'untitled:stdin' ? stdinName : uri),
    });
    return emit(options, text, 0);
  }

  const progress = new Progress(process.stderr, !options.quiet && options.progress !== 'never');
  progress.setFiles(files.length);
  const jobs = options.jobs ?? defaultJobs(files.length, totalSize(files));
  const results = new Map<string, FileResult>();
  // --crds for every file; a config file's `crds` (relative to it) for the files it covers.
  const crdSourcesFor = (config: LoadedConfig | undefined) => readCrdSources([...options.crds, ...configCrdPaths(config)]);
  let before = 0;
  for (const [config, group] of groups) {
    const offset = before;
    const groupResults = await runCheck({
      files: group,
      stdin,
      stdinPath,
      schemaDir,
      docsBaseUri: DOCS_BASE_URI,
      settings: settingsFor(config),
      crdSources: crdSourcesFor(config),
      jobs,
      workerScript: __filename,
      // Each group's steps (reading, then checking: see CheckRun.onProgress) as its share of the whole.
      onProgress: (done, total) => progress.update(2 * offset + (2 * group.length * done) / total, 2 * files.length),
    });
    group.forEach((path, i) => results.set(path, groupResults[i]));
    before += group.length;
  }
  progress.end();

  const threshold = SEVERITIES.indexOf(options.severity) + 1;
  const reports: FileReport[] = walkedOrder(files, stdin !== undefined).map((path) => {
    const result = results.get(path)!;
    return {
      path: path === STDIN_PATH ? (stdinPath ?? STDIN_PATH) : path,
      display: display(path),
      diagnostics: result.diagnostics.filter((d) => (d.severity ?? 1) <= threshold),
      resources: result.resources,
      unknownKinds: result.unknownKinds,
      skipped: result.skipped,
    };
  });
  const summary = summarize(reports, performance.now() - started, excluded);
  const report: Report = {
    files: reports,
    summary,
    tool: { name: TOOL_NAME, version: TOOL_VERSION, informationUri: INFORMATION_URI },
    docsBaseUri: DOCS_BASE_URI,
    root: options.sarifRoot ? resolve(options.sarifRoot) : (gitTopLevel(root) ?? root),
  };
  const output =
    options.format === 'json'
      ? formatJson(report)
      : options.format === 'sarif'
        ? formatSarif(report, { ruleHelp: (id) => ruleDocMarkdown(id, __dirname), textOf: (path) => textOf(path === (stdinPath ?? STDIN_PATH) ? stdin : undefined, path) })
        : options.format === 'github'
          ? formatGithub(report)
          : formatText(report, { color: options.color && !options.output });
  const tooManyWarnings = options.maxWarnings !== undefined && summary.warnings > options.maxWarnings;
  const code = emit(options, output, summary.errors > 0 || tooManyWarnings ? 1 : 0);
  if (code === 2) return code;

  if (!options.quiet) {
    const counts = [plural(summary.errors, 'error'), plural(summary.warnings, 'warning'), plural(summary.infos, 'info')];
    if (threshold >= 4) counts.push(plural(summary.hints, 'hint'));
    const workers = jobs > 1 && files.length > 1 ? `, ${jobs} workers` : '';
    const notes: string[] = [];
    const unknown = Object.entries(summary.unknownKinds);
    if (unknown.length > 0) {
      const count = unknown.reduce((n, [, c]) => n + c, 0);
      notes.push(`${plural(count, 'resource')} of unknown kinds checked for YAML syntax only (no CRD for them; see --crds): ${unknown.map(([k, c]) => (c > 1 ? `${k} ×${c}` : k)).join(', ')}`);
    }
    if (summary.skippedFiles > 0) notes.push(`${plural(summary.skippedFiles, 'file')} not Kubernetes YAML (or unrendered templates)`);
    if (excluded > 0) notes.push(`${plural(excluded, 'file')} excluded by the config file`);
    if (tooManyWarnings) notes.push(`more than --max-warnings ${options.maxWarnings} warnings`);
    process.stderr.write(
      `k8s-stateful: ${plural(files.length, 'file')} (${plural(summary.resources, 'resource')}) checked in ${(summary.durationMs / 1000).toFixed(2)}s${workers}: ${counts.join(', ')}\n` +
        notes.map((n) => `k8s-stateful: ${n}\n`).join(''),
    );
  }
  return code;
}

/** The files in the order they were found (stdin first), whatever config group they were checked in. */
function walkedOrder(files: string[], hasStdin: boolean): string[] {
  if (!hasStdin) return [...files].sort(byWalk(files));
  return [STDIN_PATH, ...files.filter((f) => f !== STDIN_PATH).sort(byWalk(files))];
}

function byWalk(files: string[]): (a: string, b: string) => number {
  const order = new Map(files.map((f, i) => [f, i]));
  return (a, b) => order.get(a)! - order.get(b)!;
}

/** A checked file's text (for SARIF fingerprints): stdin's, or the file's as decoded for the check. */
function textOf(stdin: Decoded | undefined, path: string): string | undefined {
  let input = stdin;
  if (!input) {
    try {
      input = decodeInput(readFileSync(path));
    } catch {
      return undefined;
    }
  }
  return 'text' in input ? input.text : undefined;
}

/** Writes the report; returns the exit status (2 when `-o` cannot be written). */
function emit(options: CheckOptions, text: string, code: number): number {
  // Set before writing: a reader that stops early (`| head`) ends the run with this status (see EPIPE below).
  process.exitCode = code;
  if (options.output) {
    try {
      writeFileSync(options.output, text);
    } catch (error) {
      process.stderr.write(`k8s-stateful: cannot write ${options.output}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`);
      return 2;
    }
  } else process.stdout.write(text);
  return code;
}

/** The git top level of `dir` (what code scanning's paths are relative to), if it is in a repository. */
function gitTopLevel(dir: string): string | undefined {
  const result = spawnSync('git', ['rev-parse', '--show-toplevel'], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return result.status === 0 && result.stdout.trim() ? result.stdout.trim() : undefined;
}

/** Config files by folder: `--config`, `--no-config`, or the nearest above each file (each read once). */
class ConfigLookup {
  private readonly byFolder = new Map<string, LoadedConfig | undefined>();
  private readonly loaded = new Map<string, LoadedConfig>();
  private readonly unreadable: string[] = [];

  constructor(private readonly options: CheckOptions) {
    if (options.config) this.load(resolve(options.config));
  }

  forPath(path: string): LoadedConfig | undefined {
    if (this.options.noConfig) return undefined;
    if (this.options.config) return this.loaded.get(resolve(this.options.config));
    const folder = dirname(path);
    if (!this.byFolder.has(folder)) {
      const found = findConfigFile(folder);
      this.byFolder.set(folder, found ? this.load(found) : undefined);
    }
    return this.byFolder.get(folder);
  }

  /** Every problem of the config files used, as `file:line:col: error message` lines. */
  problems(root: string): string[] {
    return [...this.unreadable, ...[...this.loaded.values()].flatMap((c) => describeProblems(c, toDisplayPath(root, c.path)))];
  }

  private load(path: string): LoadedConfig | undefined {
    const known = this.loaded.get(path);
    if (known) return known;
    try {
      const config = loadConfigFile(path);
      this.loaded.set(path, config);
      return config;
    } catch (error) {
      this.unreadable.push(`k8s-stateful: cannot read config file ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      return undefined;
    }
  }
}

function toDisplayPath(root: string, path: string): string {
  const rel = relative(root, path);
  return (rel === '' ? path : rel).split(sep).join('/');
}

function readStdin(): Promise<Buffer> {
  return new Promise((resolvePromise, reject) => {
    const chunks: Buffer[] = [];
    process.stdin.on('data', (c: Buffer) => chunks.push(c));
    process.stdin.on('end', () => resolvePromise(Buffer.concat(chunks)));
    process.stdin.on('error', reject);
  });
}

// A reader that stops early (`k8s-stateful check -f json . | head`) is not an error: end quietly
// with the status the run already decided.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
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
