// Runs the language service over a set of files, in the main thread or in worker threads.
//
// Cross-file rules (a StatefulSet's serviceName must name a Service defined in *another* file)
// need every file in the workspace index, so every thread loads every file; a worker computes
// the diagnostics of its own share of the files only. The result is identical whatever the
// number of workers (tested). Workers pay off when validation and rules, not parsing, dominate:
// each one still parses the whole tree for the index.
import { readFileSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { schemaFiles } from '../schemaFiles';
import { createLanguageService, type CrdSource, type LanguageService } from '../service';
import { removedApi } from '../service/schema/removedApis';
import { findYamlFiles } from './walk';
import type { Diagnostic } from '../service/types';
import { decodeInput, type Decoded } from './decode';

export const STDIN_PATH = '-';
export const WORKER_ROLE = 'k8s-stateful-check-worker';

export interface CheckRun {
  /** Absolute paths ('-' for stdin). */
  files: string[];
  /** Stdin, decoded, when '-' is among the files. */
  stdin?: Decoded;
  /** Absolute path stdin stands for (`--stdin-filename`), if given. */
  stdinPath?: string;
  schemaDir: string;
  docsBaseUri?: string;
  /** The `k8sStateful` settings object (rules, defaultNamespace, references.strict). */
  settings: unknown;
  /** CRD files read for --crds: schemas of custom resources, not checked themselves. */
  crdSources?: CrdSource[];
  /** Worker threads; 1 = main thread. */
  jobs: number;
  /** The script a worker runs (the CLI bundle itself). */
  workerScript?: string;
  /**
   * Steps done of all steps: reading and parsing each file (every thread reads every file, for the
   * cross-file rules), then checking each file of the thread's share.
   */
  onProgress?: (done: number, total: number) => void;
}

export class InputError extends Error {}

/** stdin is `untitled:stdin`, or the file it stands for (`--stdin-filename`). */
export function uriOf(path: string, stdinPath?: string): string {
  if (path === STDIN_PATH) return stdinPath ? pathToFileURL(stdinPath).href : 'untitled:stdin';
  return pathToFileURL(path).href;
}

/** What a check found in one file, beyond its diagnostics: what the summary counts. */
export interface FileResult {
  diagnostics: Diagnostic[];
  /** Resources (documents with apiVersion and kind). */
  resources: number;
  /** Kinds with no schema and no rules here (CRDs...): only their YAML syntax is checked. */
  unknownKinds: string[];
  /** YAML that is not Kubernetes (no apiVersion/kind), or an unrendered template: nothing to check. */
  skipped: boolean;
}

function readInput(path: string, stdin: Decoded | undefined): Decoded {
  if (path === STDIN_PATH) return stdin ?? { text: '' };
  try {
    return decodeInput(readFileSync(path));
  } catch (error) {
    throw new InputError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

/**
 * Worker threads for this many files: none for small runs or one CPU. Every worker parses the
 * whole tree (for cross-file rules), so more workers than CPUs, or workers on a two-CPU machine
 * for a parse-bound run, only cost memory.
 */
export function defaultJobs(fileCount: number, totalBytes: number, cpus = availableParallelism()): number {
  if (cpus < 3 || fileCount < 200 || totalBytes < 2_000_000) return 1;
  return Math.min(cpus - 1, 4, Math.ceil(fileCount / 200));
}

/** The CRD files under --crds paths (files or folders), as the service takes them. */
export function readCrdSources(paths: string[]): CrdSource[] {
  if (paths.length === 0) return [];
  let files: string[];
  try {
    files = findYamlFiles(paths);
  } catch (error) {
    throw new InputError((error as Error).message);
  }
  const sources: CrdSource[] = [];
  for (const path of files) {
    const input = readInput(path, undefined);
    if ('text' in input && input.text.includes('CustomResourceDefinition')) sources.push({ uri: uriOf(path), text: input.text });
  }
  return sources;
}

export function totalSize(files: string[]): number {
  let total = 0;
  for (const f of files) {
    if (f === STDIN_PATH) continue;
    try {
      total += statSync(f).size;
    } catch {
      // reported when read
    }
  }
  return total;
}

/** Results of every file, in the order of `files`. */
export async function runCheck(run: CheckRun): Promise<FileResult[]> {
  if (run.jobs <= 1 || run.files.length < 2 || !run.workerScript) return checkInThread(run, run.files.map((_, i) => i), run.onProgress);
  return checkInWorkers(run);
}

/** Steps of a thread checking `share` of `files` files (see CheckRun.onProgress). */
function stepsOf(files: number, share: number): number {
  return files + share;
}

/** Loads all files into one service and returns the results of the files at `indices`. */
export function checkInThread(
  run: Omit<CheckRun, 'jobs' | 'workerScript' | 'onProgress'>,
  indices: number[],
  onProgress?: (done: number, total: number) => void,
): FileResult[] {
  const service = createLanguageService({ schemas: schemaFiles(run.schemaDir), docsBaseUri: run.docsBaseUri });
  service.configure(run.settings);
  if (run.crdSources) service.setCrdSources(run.crdSources);
  const uris = run.files.map((path) => uriOf(path, run.stdinPath));
  const unreadable = new Map<number, string>();
  const steps = stepsOf(run.files.length, indices.length);
  // Parsed here, file by file, so progress covers the parse (else the first check parses them all).
  run.files.forEach((path, i) => {
    const input = readInput(path, run.stdin);
    if ('error' in input) unreadable.set(i, input.error);
    service.setDocument(uris[i], 'text' in input ? input.text : '', 1);
    service.documents.parsed(uris[i]);
    onProgress?.(i + 1, steps);
  });
  const out: FileResult[] = [];
  indices.forEach((fileIndex, n) => {
    const error = unreadable.get(fileIndex);
    out.push(error === undefined ? fileResult(service, uris[fileIndex]) : { diagnostics: [encodingDiagnostic(error, run.docsBaseUri)], resources: 0, unknownKinds: [], skipped: false });
    onProgress?.(run.files.length + n + 1, steps);
  });
  return out;
}

function fileResult(service: LanguageService, uri: string): FileResult {
  const diagnostics = service.getDiagnostics(uri);
  const file = service.documents.parsed(uri);
  let resources = 0;
  const unknownKinds: string[] = [];
  for (const document of file?.documents ?? []) {
    const resource = document.resource;
    if (!resource) continue;
    resources++;
    if (!service.registry.entry(resource.apiVersion, resource.kind) && !removedApi(resource.apiVersion, resource.kind)) unknownKinds.push(`${resource.apiVersion}/${resource.kind}`);
  }
  return { diagnostics, resources, unknownKinds, skipped: !file || !file.isKubernetes || file.isTemplate };
}

function encodingDiagnostic(message: string, docsBaseUri: string | undefined): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Error,
    source: 'k8s-stateful',
    code: 'file-encoding',
    message,
    ...(docsBaseUri ? { codeDescription: { href: `${docsBaseUri}/file-encoding.md` } } : {}),
  };
}

interface WorkerTask {
  role: typeof WORKER_ROLE;
  run: Omit<CheckRun, 'jobs' | 'workerScript' | 'onProgress'>;
  indices: number[];
}

type WorkerMessage =
  | { type: 'progress'; done: number }
  | { type: 'result'; results: FileResult[] }
  | { type: 'error'; message: string; input: boolean };

/** Shares the files among workers by size (largest first, to the least loaded worker). */
export function shard(sizes: number[], workers: number): number[][] {
  const order = sizes.map((size, i) => ({ size, i })).sort((a, b) => b.size - a.size || a.i - b.i);
  const shards: number[][] = Array.from({ length: workers }, () => []);
  const load = new Array<number>(workers).fill(0);
  for (const { size, i } of order) {
    let best = 0;
    for (let w = 1; w < workers; w++) if (load[w] < load[best]) best = w;
    shards[best].push(i);
    load[best] += size + 1;
  }
  return shards.filter((s) => s.length > 0).map((s) => s.sort((a, b) => a - b));
}

async function checkInWorkers(run: CheckRun): Promise<FileResult[]> {
  const sizes = run.files.map((f) => {
    if (f === STDIN_PATH) return run.stdin && 'text' in run.stdin ? run.stdin.text.length : 0;
    try {
      return statSync(f).size;
    } catch {
      return 0;
    }
  });
  const shards = shard(sizes, Math.min(run.jobs, run.files.length));
  const results: FileResult[] = new Array(run.files.length);
  const progress = new Array<number>(shards.length).fill(0);
  const steps = shards.reduce((sum, indices) => sum + stepsOf(run.files.length, indices.length), 0);
  const { onProgress, workerScript, jobs: _jobs, ...plain } = run;
  const workers: Worker[] = [];
  try {
    await Promise.all(
      shards.map(
        (indices, w) =>
          new Promise<void>((resolve, reject) => {
            const task: WorkerTask = { role: WORKER_ROLE, run: plain, indices };
            const worker = new Worker(workerScript!, { workerData: task });
            workers.push(worker);
            let settled = false;
            worker.on('message', (message: WorkerMessage) => {
              if (message.type === 'progress') {
                progress[w] = message.done;
                onProgress?.(progress.reduce((a, b) => a + b, 0), steps);
              } else if (message.type === 'result') {
                message.results.forEach((r, n) => (results[indices[n]] = r));
                settled = true;
                resolve();
              } else {
                settled = true;
                reject(message.input ? new InputError(message.message) : new Error(message.message));
              }
            });
            worker.on('error', (error) => {
              settled = true;
              reject(error);
            });
            worker.on('exit', (code) => {
              if (!settled) reject(new Error(`worker exited with code ${code} before finishing`));
            });
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}

/** The worker thread's side: check its share and post the diagnostics back. */
export function runWorker(task: WorkerTask, post: (message: WorkerMessage) => void): void {
  try {
    let last = 0;
    const results = checkInThread(task.run, task.indices, (done, total) => {
      const now = Date.now();
      if (now - last > 200 || done === total) {
        last = now;
        post({ type: 'progress', done });
      }
    });
    post({ type: 'result', results });
  } catch (error) {
    const input = error instanceof InputError;
    post({ type: 'error', message: input ? (error as Error).message : ((error as Error).stack ?? String(error)), input });
  }
}

export function isWorkerTask(data: unknown): data is WorkerTask {
  return typeof data === 'object' && data !== null && (data as WorkerTask).role === WORKER_ROLE;
}
