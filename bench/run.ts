// The benchmark: our server and yaml-language-server 1.25.0, driven over real LSP stdio by the
// same client, on the same generated manifest, with the same JSON schemas. Then the CLI on a
// 10,000-resource tree. Run with `npm run bench` (`-- --help` for options).
//
// Per server and size: open → first diagnostics; one-line edit → diagnostics (p50/p95);
// completion and hover (p50/p95; "n/a" when the server answers MethodNotFound); the round-trip
// floor (a request for a method neither server implements, answered with MethodNotFound,
// interleaved with the hovers) and hover minus that floor; server RSS; planted errors found;
// unexpected diagnostics. Plus the parse floor: the `yaml` package alone parsing the same file
// (same options as our parser), and the ratios ours/theirs.
//
// Then extension activation in VS Code (bench/activation.ts), 5 fresh code-server sessions.
//
// Bounded: every wait has a timeout, every phase a time budget (at least 3 samples are taken),
// and the whole run a deadline after which the remaining phases are skipped and reported so.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LineCounter, parseAllDocuments } from 'yaml';
import { activationMedians, measureActivation, renderActivation, type ActivationResult } from './activation';
import { FORMAT_ONLY, appName, generateManifest, type Manifest, type PlantedKind } from './generate';
import { BenchClient, type Published } from './lsp';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import { runCli, type CliRun } from './cliRun';
import { runCopies } from './copies';
import { writeCombinedSchema } from './schema';
import { SERVER_NODE_FLAGS } from '../common/nodeFlags';

const ROOT = resolve(__dirname, '..', '..');
const OUT = join(ROOT, 'bench', 'out');
const EMPTY_WORKSPACE = join(OUT, 'ws-empty');

interface Options {
  sizes: number[];
  servers: Array<'ours' | 'yls'>;
  edits: number;
  requests: number;
  budgetMs: number;
  deadlineMs: number;
  cli: boolean;
  cliApps: number;
  /** Only the workspace-diagnostics figures (and the parse floor they are compared with). */
  workspaceOnly?: boolean;
  /** k8sStateful.diagnostics.scope for the workspace figures (`open` gives the baseline to compare with). */
  workspaceScope?: 'workspace' | 'open';
  /**
   * Apps in the tree of each workspace-diagnostics run (5 resources each, besides the N=500 file's
   * 2,500). The first is the workspace the targets are stated for; the others are for comparison.
   */
  workspaceApps: number[];
  stockYls: boolean;
  /** Folder for CPU profiles of our server (node --cpu-prof), when set. */
  profileDir?: string;
  /** Extra node flags for our server (e.g. V8 heap sizing experiments). */
  oursNodeFlags: string[];
  /** vscode-jsonrpc's stream reader/writer and promise-based timing instead of pipe timing. */
  jsonrpcTransport: boolean;
  /**
   * Idle milliseconds before each timed completion, hover and floor request. 1 by default: sent
   * back to back, a request sometimes reaches the server before it has gone idle after the last
   * answer and comes back 5× faster (p50s flipping between ~0.03 and ~0.15 ms from run to run).
   */
  gapMs: number;
  /** Extension activation in code-server: part of the run, the only thing run, or skipped. */
  activation: 'also' | 'only' | 'off';
  activationRuns: number;
}

const HELP = `Usage: npm run bench -- [options]
  --sizes 50,500,2000     manifest sizes in apps (5 resources each; default 50,500,2000)
  --servers ours,yls      which servers to drive (default both)
  --edits N               one-line edits per server and size (default 30)
  --requests N            completion and hover requests each (default 30)
  --budget S              seconds per phase before sampling stops (at least 3 samples; default 60)
  --deadline S            whole-run deadline; later phases are skipped (default 1500)
  --no-cli                skip the CLI run on the 10,000-resource tree
  --workspace-only        only the workspace-diagnostics figures (the tree plus the N=500 file as one workspace)
  --workspace-scope open  those figures with k8sStateful.diagnostics.scope: open (the baseline: no closed-file checks)
  --workspace-apps 1500,2000  apps in the tree beside the N=500 file, one workspace run each (default 1500,2000:
                          10,000 resources, the workspace of the targets, then 12,500 for comparison)
  --activation            only measure extension activation in code-server (needs scripts/setup-code-server.sh)
  --no-activation         skip the extension activation measurement (part of the run by default)
  --activation-runs N     code-server sessions for the activation figures (default 5)
  --cli-apps N            apps in the CLI tree (default 2000 = 10,000 resources)
  --copies 25,50,100,200  only this: the CLI on N copies of examples/ per N, time and RSS per copy
                          (linear in the input, duplicates included?); --jobs N for the CLI (default 1)
  --stock-yls             yaml-language-server with its fixed 200 ms validation delay (default: delay removed)
  --profile DIR           write CPU profiles of our server (node --cpu-prof) into DIR
  --ours-node-flags "..."  node flags for our server (default: the extension's, common/nodeFlags.ts; "" for none)
  --gap MS                idle time before each timed completion, hover and floor request (default 1;
                          0 = back to back, where a request can catch the server still busy with the last)
  --jsonrpc-transport     time requests around vscode-jsonrpc's stream reader/writer instead of
                          at the pipe (adds the client library's own queueing; for comparison)
`;

function parseOptions(argv: string[]): Options {
  const o: Options = { sizes: [50, 500, 2000], servers: ['ours', 'yls'], edits: 30, requests: 30, budgetMs: 60_000, deadlineMs: 1_500_000, cli: true, cliApps: 2000, stockYls: false, oursNodeFlags: [...SERVER_NODE_FLAGS], jsonrpcTransport: false, gapMs: 1, activation: 'also', activationRuns: 5, workspaceApps: [1500, 2000] };
  for (let i = 0; i < argv.length; i++) {
    const eq = argv[i].indexOf('=');
    const flag = eq > 0 ? argv[i].slice(0, eq) : argv[i];
    const inline = eq > 0 ? argv[i].slice(eq + 1) : undefined;
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--help':
        process.stdout.write(HELP);
        process.exit(0);
      case '--sizes':
        o.sizes = value().split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0);
        break;
      case '--servers':
        o.servers = value().split(',').filter((s): s is 'ours' | 'yls' => s === 'ours' || s === 'yls');
        break;
      case '--edits':
        o.edits = Number(value());
        break;
      case '--requests':
        o.requests = Number(value());
        break;
      case '--budget':
        o.budgetMs = Number(value()) * 1000;
        break;
      case '--deadline':
        o.deadlineMs = Number(value()) * 1000;
        break;
      case '--no-cli':
        o.cli = false;
        break;
      case '--workspace-only':
        o.workspaceOnly = true;
        break;
      case '--workspace-apps':
        o.workspaceApps = value().split(',').map(Number);
        break;
      case '--workspace-scope':
        o.workspaceScope = value() === 'open' ? 'open' : 'workspace';
        break;
      case '--activation':
        o.activation = 'only';
        break;
      case '--no-activation':
        o.activation = 'off';
        break;
      case '--activation-runs':
        o.activationRuns = Math.max(1, Number(value()) || 1);
        break;
      case '--cli-apps':
        o.cliApps = Number(value());
        break;
      case '--stock-yls':
        o.stockYls = true;
        break;
      case '--profile':
        o.profileDir = resolve(value());
        break;
      case '--ours-node-flags':
        o.oursNodeFlags = value().split(/\s+/).filter(Boolean);
        break;
      case '--gap':
        o.gapMs = Number(value());
        break;
      case '--jsonrpc-transport':
        o.jsonrpcTransport = true;
        break;
      default:
        throw new Error(`unknown option ${argv[i]} (see --help)`);
    }
  }
  if (o.sizes.length === 0) throw new Error('--sizes needs at least one positive size');
  return o;
}

// ---------------------------------------------------------------------------------------------
// statistics and formatting

function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

function ms(n: number | undefined): string {
  if (n === undefined || Number.isNaN(n)) return 'n/a';
  return n >= 100 ? `${Math.round(n).toLocaleString('en-US')} ms` : n >= 10 ? `${n.toFixed(1)} ms` : `${n.toFixed(2)} ms`;
}

function ratio(ours: number | undefined, theirs: number | undefined): string {
  if (ours === undefined || theirs === undefined || Number.isNaN(ours) || Number.isNaN(theirs) || theirs === 0) return 'n/a';
  const r = ours / theirs;
  return r < 1 ? `${r.toFixed(3)} (${(1 / r).toFixed(r < 0.01 ? 0 : 1)}× faster)` : `${r.toFixed(2)} (${r.toFixed(1)}× slower)`;
}

// ---------------------------------------------------------------------------------------------
// the parse-only floor

function parseOnce(text: string): number {
  const started = performance.now();
  parseAllDocuments(text, { lineCounter: new LineCounter(), version: '1.1', prettyErrors: false, uniqueKeys: false, keepSourceTokens: false });
  return performance.now() - started;
}

/** Cold: the first parse in a fresh process (median of 3). Warm: median of 5 after 2 warm-ups. */
function parseFloor(path: string, text: string): { coldMs: number; warmMs: number } {
  const cold: number[] = [];
  for (let i = 0; i < 3; i++) {
    const out = execFileSync(process.execPath, [__filename, '--parse-once', path], { encoding: 'utf8', timeout: 120_000 });
    cold.push(Number(out.trim()));
  }
  parseOnce(text);
  parseOnce(text);
  const warm: number[] = [];
  for (let i = 0; i < 5; i++) warm.push(parseOnce(text));
  return { coldMs: percentile(cold, 50), warmMs: percentile(warm, 50) };
}

// ---------------------------------------------------------------------------------------------
// one server on one manifest

type ServerId = 'ours' | 'yls';

interface ServerResult {
  server: ServerId;
  openMs?: number;
  edit: number[];
  completion: number[];
  hover: number[];
  /** Round trips of a request no server implements (MethodNotFound), interleaved with the hovers. */
  floor: number[];
  /** What the server answered to the floor request when it was not MethodNotFound. */
  floorAnswer?: string;
  /** Timed requests during which other server messages arrived (pipe timing only). */
  overlapping?: number;
  completionUnsupported?: boolean;
  hoverUnsupported?: boolean;
  completionItems?: number;
  hoverNonEmpty?: number;
  rssMb?: number;
  peakMb?: number;
  planted: number;
  found: number;
  missedByKind: Partial<Record<PlantedKind, number>>;
  unexpected: number;
  unexpectedSamples: string[];
  /** Planted errors found in the diagnostics after the last edit (the edits must not lose any). */
  foundAfterEdits?: number;
  notes: string[];
}

const OUR_SETTINGS = { maxFileSize: 64 * 1024 * 1024 };

/**
 * The round-trip floor: a request for a method no server implements. Both servers answer it with
 * MethodNotFound straight from vscode-jsonrpc's dispatch (checked on every sample), so its time is
 * the stdio round trip and the JSON-RPC framing on both ends, without any language work. Its
 * params are the hover's, so the bytes sent are the same.
 */
const FLOOR_METHOD = 'k8sStatefulBench/roundTripFloor';

const SERVER_NAMES: Record<ServerId, string> = { ours: 'k8s-stateful', yls: 'yaml-language-server 1.25.0' };

function serverCommand(id: ServerId, options: Options): string[] {
  if (id === 'ours') return [process.execPath, ...options.oursNodeFlags, ...(options.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.profileDir}`] : []), join(ROOT, 'dist', 'server.js'), '--stdio'];
  return options.stockYls
    ? [process.execPath, join(ROOT, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server'), '--stdio']
    : [process.execPath, join(ROOT, 'bench', 'yls-nodelay.cjs'), '--stdio'];
}

function ylsSettings(schemaUri: string) {
  return {
    schemas: { [schemaUri]: ['*.yaml'] },
    schemaStore: { enable: false },
    kubernetesCRDStore: { enable: false },
    validate: true,
    hover: true,
    completion: true,
    format: { enable: false },
    yamlVersion: '1.1',
    maxItemsComputed: 5000,
  };
}

function evaluate(diagnostics: Published['diagnostics'], manifest: Manifest) {
  const plantedLines = new Map(manifest.planted.map((p) => [p.line, p]));
  const hit = new Set<number>();
  let unexpected = 0;
  const samples: string[] = [];
  for (const d of diagnostics) {
    const line = d.range.start.line;
    if (plantedLines.has(line)) hit.add(line);
    else {
      unexpected++;
      if (samples.length < 5) samples.push(`line ${line + 1}: [${d.code ?? ''}] ${String(typeof d.message === 'string' ? d.message : d.message.value).split('\n')[0].slice(0, 140)}`);
    }
  }
  const missedByKind: Partial<Record<PlantedKind, number>> = {};
  for (const p of manifest.planted) if (!hit.has(p.line)) missedByKind[p.kind] = (missedByKind[p.kind] ?? 0) + 1;
  return { found: hit.size, unexpected, samples, missedByKind };
}

/**
 * The k-th timed edit: the container image of an app (apps spread over the file). Every edit
 * changes the text: even ones insert two characters (later documents move), odd ones overtype one
 * (same length), like typing. `lines` is updated.
 */
function imageEdit(manifest: Manifest, lines: string[], k: number): TextDocumentContentChangeEvent {
  const app = manifest.apps[(k * 97 + 13) % manifest.apps.length];
  const line = lines[app.image];
  const at = line.indexOf('postgres:');
  const replacement = k % 2 === 0 ? `postgres:16.${k % 10}` : `postgres:1${(k % 9) + 1 === 6 ? 7 : (k % 9) + 1}`;
  lines[app.image] = line.slice(0, at) + replacement;
  return { range: { start: { line: app.image, character: at }, end: { line: app.image, character: line.length } }, text: replacement };
}

class Deadline {
  constructor(private readonly at: number) {}
  get passed(): boolean {
    return performance.now() > this.at;
  }
}

async function benchServer(id: ServerId, manifest: Manifest, uri: string, options: Options, schemaUri: string, deadline: Deadline): Promise<ServerResult> {
  const result: ServerResult = { server: id, edit: [], completion: [], hover: [], floor: [], planted: manifest.planted.length, found: 0, missedByKind: {}, unexpected: 0, unexpectedSamples: [], notes: [] };
  const yaml = ylsSettings(schemaUri);
  const client = new BenchClient(
    SERVER_NAMES[id],
    serverCommand(id, options),
    (section) => {
      if (section === 'yaml') return yaml;
      // The 2000-app manifest (4 MB) is over the default k8sStateful.maxFileSize (3 MB), above which
      // only syntax is checked: raise it so both servers do the same, full work.
      if (section === 'k8sStateful') return OUR_SETTINGS;
      if (section === 'http') return { proxy: '', proxyStrictSSL: false };
      if (section === 'editor') return { tabSize: 2, insertSpaces: true };
      return null;
    },
    options.jsonrpcTransport,
  );
  const scale = Math.max(1, manifest.resources / 2500);
  try {
    // An empty workspace folder: the timed file is opened from outside it, so our server's
    // background workspace scan neither parses it ahead of the open nor competes with it.
    await client.initialize(pathToFileURL(EMPTY_WORKSPACE).href);
    await client.configure({ yaml, k8sStateful: OUR_SETTINGS });

    // Warm-up and validation gate: a one-app probe with a planted error must be reported, which
    // proves the schema association works and loads/compiles the schemas before anything is timed.
    const probe = generateManifest(1, 2);
    const probeUri = pathToFileURL(join(OUT, 'probe.yaml')).href;
    const probeLine = probe.planted[0].line;
    let validated = false;
    const gateEnd = performance.now() + 30_000;
    await client.open(probeUri, probe.text);
    for (let version = 1; performance.now() < gateEnd && !validated; ) {
      try {
        const p = await client.nextDiagnostics(probeUri, Math.max(1, gateEnd - performance.now()));
        validated = p.diagnostics.some((d) => d.range.start.line === probeLine);
      } catch {
        break;
      }
      if (!validated) {
        // Settings may arrive after the first validation: nudge a re-validation.
        version++;
        await client.change(probeUri, version, [{ text: `${probe.text}\n` }]);
        probe.text += '\n';
      }
    }
    if (!validated) throw new Error(`${SERVER_NAMES[id]} does not report the planted schema error in the probe document: schemas not applied; refusing to time it`);
    await client.close(probeUri);
    await sleep(200);

    // open → first diagnostics
    const openTimeout = 120_000 * scale;
    const published = client.nextDiagnostics(uri, openTimeout);
    const openStart = performance.now();
    await client.open(uri, manifest.text);
    const first = await published;
    result.openMs = first.at - openStart;
    const ev = evaluate(first.diagnostics, manifest);
    result.found = ev.found;
    result.unexpected = ev.unexpected;
    result.unexpectedSamples = ev.samples;
    result.missedByKind = ev.missedByKind;
    await sleep(100);

    // one-line edits: the container image of apps spread over the file
    const lines = manifest.text.split('\n');
    let version = 1;
    let last: Published | undefined;
    const phase = (count: number, run: (k: number) => Promise<boolean>) => async () => {
      const end = performance.now() + options.budgetMs;
      for (let k = 0; k < count; k++) {
        if (deadline.passed || (k >= 3 && performance.now() > end)) {
          if (k < count) result.notes.push(`stopped after ${k} samples (time budget)`);
          return;
        }
        if (!(await run(k))) return;
      }
    };
    await phase(options.edits, async (k) => {
      const change = imageEdit(manifest, lines, k);
      version++;
      const next = client.nextDiagnostics(uri, 60_000 * scale, version);
      const started = performance.now();
      await client.change(uri, version, [change]);
      last = await next;
      result.edit.push(last.at - started);
      await sleep(20);
      return true;
    })();
    if (last) result.foundAfterEdits = evaluate(last.diagnostics, manifest).found;

    // Three untimed requests of each kind first (both servers): the first calls compile code paths.
    for (let k = 0; k < 3; k++) {
      const app = manifest.apps[(k * 31 + 1) % manifest.apps.length];
      for (const [method, position] of [
        ['textDocument/completion', { line: app.replicas, character: 2 }],
        ['textDocument/hover', { line: app.serviceName, character: 4 }],
        [FLOOR_METHOD, { line: app.serviceName, character: 4 }],
      ] as const) {
        await client.timed(method, { textDocument: { uri }, position }, 30_000 * scale).catch(() => undefined);
      }
    }

    // completion: at the start of `replicas:` in a StatefulSet spec (the keys of spec)
    await phase(options.requests, async (k) => {
      const app = manifest.apps[(k * 89 + 7) % manifest.apps.length];
      await gap(options.gapMs);
      const r = await client.timed<unknown>('textDocument/completion', { textDocument: { uri }, position: { line: app.replicas, character: 2 } }, 30_000 * scale);
      if (r.unsupported) {
        result.completionUnsupported = true;
        return false;
      }
      result.completion.push(r.ms);
      const items = Array.isArray(r.result) ? r.result : ((r.result as { items?: unknown[] } | null)?.items ?? []);
      result.completionItems ??= items.length;
      return true;
    })();

    // hover: on the `serviceName` key of a StatefulSet spec; each one next to a floor request, in
    // alternating order, so both see the same conditions.
    await phase(options.requests, async (k) => {
      const app = manifest.apps[(k * 83 + 5) % manifest.apps.length];
      const params = { textDocument: { uri }, position: { line: app.serviceName, character: 4 } };
      const hover = async () => {
        await gap(options.gapMs);
        const r = await client.timed<unknown>('textDocument/hover', params, 30_000 * scale);
        if (r.unsupported) result.hoverUnsupported = true;
        else {
          result.hover.push(r.ms);
          if (r.result) result.hoverNonEmpty = (result.hoverNonEmpty ?? 0) + 1;
        }
      };
      const floor = async () => {
        await gap(options.gapMs);
        const r = await client.timed<unknown>(FLOOR_METHOD, params, 30_000 * scale).catch((error: Error) => ({ ms: NaN, unsupported: false, result: `error: ${error.message}` }));
        if (r.unsupported) result.floor.push(r.ms);
        else result.floorAnswer ??= `answered ${JSON.stringify(r.result ?? null).slice(0, 80)} instead of MethodNotFound`;
      };
      if (k % 2 === 0) {
        await floor();
        await hover();
      } else {
        await hover();
        await floor();
      }
      return !result.hoverUnsupported;
    })();
    result.overlapping = client.overlapping;

    await sleep(IDLE_BEFORE_RSS_MS);
    const memory = client.memory();
    result.rssMb = memory?.rssMb;
    result.peakMb = memory?.peakMb;
    if (process.env.BENCH_DEBUG) process.stderr.write(`${SERVER_NAMES[id]} log:\n${client.logs.join('\n')}\n`);
  } catch (error) {
    result.notes.push(`error: ${(error as Error).message}`);
    if (client.stderr.trim()) result.notes.push(`stderr: ${client.stderr.trim().split('\n').slice(-3).join(' | ')}`);
  } finally {
    await client.shutdown();
  }
  return result;
}

/**
 * RSS is read once the server has been idle this long, for both servers: what a user's idle editor
 * holds. Ours collects its garbage after two seconds of idleness (server/src/idleCollector.ts);
 * yaml-language-server leaves it to V8.
 */
const IDLE_BEFORE_RSS_MS = 3000;

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** The idle gap before a timed request; none at 0 (a 0 ms timer would still idle ~1 ms). */
async function gap(ms: number): Promise<void> {
  if (ms > 0) await sleep(ms);
}

// ---------------------------------------------------------------------------------------------
// reporting

interface SizeResult {
  apps: number;
  resources: number;
  lines: number;
  bytes: number;
  planted: number;
  parse: { coldMs: number; warmMs: number };
  servers: Partial<Record<ServerId, ServerResult>>;
}

function pair(samples: number[], unsupported?: boolean): string {
  if (unsupported) return 'n/a (MethodNotFound)';
  if (samples.length === 0) return 'n/a';
  return `${ms(percentile(samples, 50))} / ${ms(percentile(samples, 95))}`;
}

function renderSize(s: SizeResult): string {
  const ours = s.servers.ours;
  const yls = s.servers.yls;
  const col = (r: ServerResult | undefined, f: (r: ServerResult) => string) => (r ? f(r) : '—');
  const found = (r: ServerResult) => {
    const missed = Object.entries(r.missedByKind).map(([k, n]) => `${n} ${k}${FORMAT_ONLY.has(k as PlantedKind) ? ' (needs the byte/base64 format)' : ''}`);
    return `${r.found}/${r.planted}${missed.length ? ` (missed: ${missed.join(', ')})` : ''}${r.foundAfterEdits !== undefined && r.foundAfterEdits !== r.found ? `; after edits ${r.foundAfterEdits}` : ''}`;
  };
  const rows: Array<[string, string, string, string]> = [
    ['open → first diagnostics', col(ours, (r) => ms(r.openMs)), col(yls, (r) => ms(r.openMs)), ratio(ours?.openMs, yls?.openMs)],
    [`edit → diagnostics p50 / p95 (n=${ours?.edit.length ?? 0}/${yls?.edit.length ?? 0})`, col(ours, (r) => pair(r.edit)), col(yls, (r) => pair(r.edit)), `${ratio(p(ours?.edit, 50), p(yls?.edit, 50))} / ${ratio(p(ours?.edit, 95), p(yls?.edit, 95))}`],
    [`completion p50 / p95 (n=${ours?.completion.length ?? 0}/${yls?.completion.length ?? 0})`, col(ours, (r) => pair(r.completion, r.completionUnsupported)), col(yls, (r) => pair(r.completion, r.completionUnsupported)), `${ratio(p(ours?.completion, 50), p(yls?.completion, 50))} / ${ratio(p(ours?.completion, 95), p(yls?.completion, 95))}`],
    [`hover p50 / p95 (n=${ours?.hover.length ?? 0}/${yls?.hover.length ?? 0})`, col(ours, (r) => pair(r.hover, r.hoverUnsupported)), col(yls, (r) => pair(r.hover, r.hoverUnsupported)), `${ratio(p(ours?.hover, 50), p(yls?.hover, 50))} / ${ratio(p(ours?.hover, 95), p(yls?.hover, 95))}`],
    [`round-trip floor p50 / p95 (unknown method → MethodNotFound, next to each hover; n=${ours?.floor.length ?? 0}/${yls?.floor.length ?? 0})`, col(ours, (r) => pair(r.floor)), col(yls, (r) => pair(r.floor)), `${ratio(p(ours?.floor, 50), p(yls?.floor, 50))} / ${ratio(p(ours?.floor, 95), p(yls?.floor, 95))}`],
    ['hover − floor: p50 − p50 / p95 − p95 (the server\'s own work)', col(ours, (r) => pairOf(overFloor(r, 50), overFloor(r, 95))), col(yls, (r) => pairOf(overFloor(r, 50), overFloor(r, 95))), `${workRatio(ours && overFloor(ours, 50), yls && overFloor(yls, 50))} / ${workRatio(ours && overFloor(ours, 95), yls && overFloor(yls, 95))}`],
    ['server RSS at end (peak)', col(ours, (r) => mb(r)), col(yls, (r) => mb(r)), ratio(ours?.rssMb, yls?.rssMb).replace('faster', 'less').replace('slower', 'more')],
    ['planted errors found', col(ours, found), col(yls, found), ''],
    ['unexpected diagnostics', col(ours, (r) => String(r.unexpected)), col(yls, (r) => String(r.unexpected)), ''],
  ];
  const floor = `parse-only floor (yaml ${yamlVersion()}, same options as our parser): fresh process ${ms(s.parse.coldMs)}, warm ${ms(s.parse.warmMs)}`;
  const openVsParse = ours?.openMs !== undefined ? `; our open = ${(ours.openMs / s.parse.coldMs).toFixed(2)}× fresh parse, ${(ours.openMs / s.parse.warmMs).toFixed(2)}× warm parse` : '';
  const out = [
    `### N = ${s.apps} apps: ${s.resources.toLocaleString('en-US')} resources, ${s.lines.toLocaleString('en-US')} lines, ${(s.bytes / 1e6).toFixed(2)} MB, ${s.planted} planted errors`,
    '',
    `${floor}${openVsParse}`,
    '',
    '| figure | k8s-stateful | yaml-language-server 1.25.0 | ours / theirs |',
    '|---|---|---|---|',
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ];
  for (const r of [ours, yls]) {
    if (!r) continue;
    if (r.unexpectedSamples.length) out.push('', `${SERVER_NAMES[r.server]} unexpected, first ones: ${r.unexpectedSamples.join('; ')}`);
    if (r.notes.length) out.push('', `${SERVER_NAMES[r.server]}: ${r.notes.join('; ')}`);
    if (r.completionItems !== undefined || r.hoverNonEmpty !== undefined) out.push('', `${SERVER_NAMES[r.server]}: first completion had ${r.completionItems ?? 0} items; ${r.hoverNonEmpty ?? 0}/${r.hover.length} hovers non-empty`);
    if (r.floorAnswer) out.push('', `${SERVER_NAMES[r.server]}: the round-trip floor request ${r.floorAnswer}`);
    if (r.overlapping) out.push('', `${SERVER_NAMES[r.server]}: ${r.overlapping} other server message(s) arrived while timed requests were in flight`);
  }
  return `${out.join('\n')}\n`;
}

function p(samples: number[] | undefined, q: number): number | undefined {
  return samples && samples.length ? percentile(samples, q) : undefined;
}

/** The hover percentile minus the floor's: how much of that figure is the server's work. */
function overFloor(r: ServerResult, q: number): number | undefined {
  const hover = p(r.hover, q);
  const floor = p(r.floor, q);
  return hover === undefined || floor === undefined ? undefined : hover - floor;
}

function pairOf(a: number | undefined, b: number | undefined): string {
  return `${ms(a)} / ${ms(b)}`;
}

/** Ratio of two differences; below 0.01 ms a difference is within the timer's and the pipe's noise. */
function workRatio(ours: number | undefined, theirs: number | undefined): string {
  if (ours === undefined || theirs === undefined) return 'n/a';
  if (ours < 0.01) return `n/a (ours ${ms(ours)}: within noise)`;
  return ratio(ours, theirs);
}

function mb(r: ServerResult): string {
  return r.rssMb === undefined ? 'n/a' : `${Math.round(r.rssMb)} MB (${Math.round(r.peakMb ?? NaN)} MB)`;
}

function yamlVersion(): string {
  return JSON.parse(readFileSync(join(ROOT, 'node_modules', 'yaml', 'package.json'), 'utf8')).version;
}

// ---------------------------------------------------------------------------------------------
// our server's memory with a big file open and a 10,000-resource workspace indexed (DESIGN §6)

interface WorkspaceMemory {
  resources: number;
  apps: number;
  indexed?: string;
  rssMb?: number;
  peakMb?: number;
  /** The server's own account (k8sStateful/processInfo): V8 heap used / reserved, in MB. */
  heapUsedMb?: number;
  heapTotalMb?: number;
  note?: string;
}

async function workspaceMemory(treeDir: string, treeApps: number, manifest: Manifest, manifestPath: string, options: Options): Promise<WorkspaceMemory> {
  const out: WorkspaceMemory = { resources: treeApps * 5, apps: manifest.apps.length };
  const client = new BenchClient(SERVER_NAMES.ours, serverCommand('ours', options), (section) => (section === 'k8sStateful' ? OUR_SETTINGS : null));
  try {
    await client.initialize(pathToFileURL(treeDir).href);
    await client.configure({ k8sStateful: OUR_SETTINGS });
    out.indexed = await client.waitForLog(/indexed \d+ Kubernetes file/, 300_000);
    if (!out.indexed) out.note = 'no "indexed" log message within 300 s';
    const uri = pathToFileURL(manifestPath).href;
    const published = client.nextDiagnostics(uri, 300_000);
    await client.open(uri, manifest.text);
    await published;
    await sleep(IDLE_BEFORE_RSS_MS);
    const memory = client.memory();
    out.rssMb = memory?.rssMb;
    out.peakMb = memory?.peakMb;
    const info = await client.connection.sendRequest<{ heapUsed: number; heapTotal: number }>('k8sStateful/processInfo').catch(() => undefined);
    if (info) {
      out.heapUsedMb = info.heapUsed / 1048576;
      out.heapTotalMb = info.heapTotal / 1048576;
    }
  } catch (error) {
    out.note = (error as Error).message;
  } finally {
    await client.shutdown();
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// workspace-wide diagnostics (k8sStateful.diagnostics.scope: workspace, the default): a tree of
// apps plus the N=500 manifest as one workspace folder (1,500 apps: 10,000 resources in all, the
// workspace the targets are stated for)

interface WorkspaceDiagnostics {
  scope?: string;
  /** Apps of the manifest that is opened (N). */
  apps: number;
  resources: number;
  files?: number;
  /** CPU time of the server (user + system) at that point. */
  completeCpuMs?: number;
  /** Server spawned → every closed file checked and published (k8sStateful/workspaceStatus). */
  completeMs?: number;
  /** Closed files whose problems were published. */
  published?: number;
  /** Opening the scanned N=500 manifest (same text) → its first diagnostics. */
  openMs?: number;
  /** The bare `yaml` parse of that file, in a fresh process / warm (parseFloor). */
  parse?: { coldMs: number; warmMs: number };
  openFound?: number;
  planted?: number;
  edit: number[];
  rssMb?: number;
  peakMb?: number;
  note?: string;
}

async function workspaceDiagnostics(treeApps: number, manifest: Manifest, options: Options): Promise<WorkspaceDiagnostics> {
  const out: WorkspaceDiagnostics = { apps: manifest.apps.length, resources: treeApps * 5 + manifest.resources, edit: [], planted: manifest.planted.length };
  const dir = join(OUT, `workspace-${treeApps}-${manifest.apps.length}`);
  writeTree(dir, treeApps);
  const manifestPath = join(dir, `manifest-${manifest.apps.length}.yaml`);
  writeFileSync(manifestPath, manifest.text);
  out.parse = parseFloor(manifestPath, manifest.text);
  const uri = pathToFileURL(manifestPath).href;
  const settings = { ...OUR_SETTINGS, diagnostics: { scope: options.workspaceScope ?? 'workspace' } };
  out.scope = settings.diagnostics.scope;
  const started = performance.now();
  const client = new BenchClient(SERVER_NAMES.ours, serverCommand('ours', options), (section) => (section === 'k8sStateful' ? settings : null));
  try {
    await client.initialize(pathToFileURL(dir).href);
    await client.configure({ k8sStateful: settings });
    type Status = { scanning: boolean; checking: boolean; passes: number; closedPublished: number };
    for (;;) {
      const status = await client.connection.sendRequest<Status>('k8sStateful/workspaceStatus');
      // With scope `open` there is no workspace check: the scan's end is all there is.
      if ((status.passes > 0 || out.scope === 'open') && !status.checking && !status.scanning) {
        out.completeMs = performance.now() - started;
        out.completeCpuMs = client.cpuMs();
        out.published = status.closedPublished;
        break;
      }
      if (performance.now() - started > 300_000) throw new Error('workspace problems not complete within 300 s');
      await sleep(20);
    }
    out.files = Number(/indexed (\d+) Kubernetes file/.exec((await client.waitForLog(/indexed \d+ Kubernetes file/, 1000)) ?? '')?.[1] ?? NaN);
    await sleep(1000);

    // Open the scanned manifest with the text on disk: its findings are published before any parse.
    const published = client.nextDiagnostics(uri, 120_000);
    const openStart = performance.now();
    await client.open(uri, manifest.text);
    const first = await published;
    out.openMs = first.at - openStart;
    out.openFound = evaluate(first.diagnostics, manifest).found;
    await sleep(2000); // the parse for completion and hover follows in the background

    // One-line edits of the open manifest, with the closed files re-checked after each.
    const lines = manifest.text.split('\n');
    for (let k = 0, version = 1; k < options.edits; k++) {
      const change = imageEdit(manifest, lines, k);
      version++;
      const next = client.nextDiagnostics(uri, 60_000, version);
      const editStart = performance.now();
      await client.change(uri, version, [change]);
      out.edit.push((await next).at - editStart);
      // Past the debounce of the dependents' re-check, so it runs between edits as when typing.
      await sleep(200);
    }
    await sleep(IDLE_BEFORE_RSS_MS);
    const memory = client.memory();
    out.rssMb = memory?.rssMb;
    out.peakMb = memory?.peakMb;
  } catch (error) {
    out.note = (error as Error).message;
  } finally {
    await client.shutdown();
  }
  return out;
}

/** The workspace size the issue's workspace targets are stated for. */
const TARGET_RESOURCES = 10_000;

/** One workspace-diagnostics run per `--workspace-apps` tree size, each printed as it ends. */
async function workspaceRuns(options: Options, deadline?: Deadline): Promise<WorkspaceDiagnostics[]> {
  const out: WorkspaceDiagnostics[] = [];
  for (const [i, treeApps] of options.workspaceApps.entries()) {
    if (deadline?.passed) break;
    process.stderr.write(`bench: workspace diagnostics on ${treeApps * 5} resources + the N=500 file…\n`);
    const w = await workspaceDiagnostics(treeApps, generateManifest(500), options);
    process.stdout.write(`${renderWorkspaceDiagnostics(w, i > 0)}\n`);
    out.push(w);
  }
  return out;
}

function renderWorkspaceDiagnostics(w: WorkspaceDiagnostics, forComparison: boolean): string {
  const floor = w.parse;
  const rows = [
    [`workspace problems complete (server start → every closed file checked; ${w.files ?? '?'} files, ${w.resources.toLocaleString('en-US')} resources) ≤ 5 s`, `${ms(w.completeMs)} wall, ${ms(w.completeCpuMs)} server CPU (wall = ${((w.completeMs ?? NaN) / (floor?.coldMs ?? NaN)).toFixed(1)}× the fresh parse of the N=${w.apps} file; ${w.published ?? '?'} closed files checked)`, w.completeMs === undefined ? 'n/a' : w.completeMs <= 5000 ? 'holds' : 'MISSED'],
    [
      `open → diagnostics of the scanned N=${w.apps} file ≤ ¼ of its bare parse`,
      `${ms(w.openMs)} vs parse ${ms(floor?.coldMs)} fresh (${((w.openMs ?? NaN) / (floor?.coldMs ?? NaN)).toFixed(3)}×) / ${ms(floor?.warmMs)} warm (${((w.openMs ?? NaN) / (floor?.warmMs ?? NaN)).toFixed(3)}×); planted found ${w.openFound ?? '?'}/${w.planted ?? '?'}`,
      w.openMs === undefined || !floor ? 'n/a' : w.openMs <= floor.warmMs / 4 ? 'holds (warm)' : w.openMs <= floor.coldMs / 4 ? 'holds (fresh only)' : 'MISSED',
    ],
    ['edit → diagnostics p50 / p95 with workspace diagnostics on ≤ 20 ms (p95)', `${ms(p(w.edit, 50))} / ${ms(p(w.edit, 95))} (${w.edit.length} edits)`, w.edit.length === 0 ? 'n/a' : (p(w.edit, 95) ?? Infinity) <= 20 ? 'holds' : 'MISSED'],
    ['server RSS idle after the edits ≤ 200 MB', w.rssMb === undefined ? 'n/a' : `${Math.round(w.rssMb)} MB (peak ${Math.round(w.peakMb ?? NaN)} MB)`, w.rssMb === undefined ? 'n/a' : w.rssMb <= 200 ? 'holds' : 'MISSED'],
  ];
  return [
    `### Workspace diagnostics, ${w.resources.toLocaleString('en-US')} resources (scope: ${w.scope})${w.resources === TARGET_RESOURCES ? ' — the workspace the targets are stated for' : ` — the targets are stated for ${TARGET_RESOURCES.toLocaleString('en-US')} resources${forComparison ? '; for comparison' : ''}`} — yaml-language-server has no equivalent: it validates open files only`,
    '',
    '| figure | measured | target |',
    '|---|---|---|',
    ...rows.map((r) => `| ${r.join(' | ')} |`),
    w.note ? `\nnote: ${w.note}` : '',
    '',
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------
// the CLI on a 10,000-resource tree

function writeTree(dir: string, apps: number): void {
  const marker = join(dir, `.complete-${apps}`);
  if (existsSync(marker)) return;
  rmSync(dir, { recursive: true, force: true });
  for (let i = 0; i < apps; i++) {
    const team = join(dir, `team-${String(Math.floor(i / 100)).padStart(2, '0')}`);
    mkdirSync(team, { recursive: true });
    writeFileSync(join(team, `${appName(i)}.yaml`), generateManifest(1, i).text);
  }
  writeFileSync(marker, '');
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv[0] === '--parse-once') {
    const text = readFileSync(argv[1], 'utf8');
    process.stdout.write(`${parseOnce(text)}\n`);
    return;
  }
  if (argv.some((a) => a === '--copies' || a.startsWith('--copies='))) return runCopies(ROOT, OUT, argv);
  const options = parseOptions(argv);
  const deadline = new Deadline(performance.now() + options.deadlineMs);
  if (!existsSync(join(ROOT, 'dist', 'server.js')) || !existsSync(join(ROOT, 'dist', 'cli.js'))) throw new Error('dist/ is missing: run `node scripts/build.mjs` first');
  if (options.activation === 'only') {
    const activation = await measureActivation(ROOT, options.activationRuns, (m) => process.stderr.write(`${m}\n`));
    process.stdout.write(`${renderActivation(activation)}\n`);
    writeFileSync(join(OUT, 'activation.json'), JSON.stringify({ date: new Date().toISOString(), activation }, null, 2));
    process.stderr.write(`bench: results in ${join(OUT, 'activation.json')}\n`);
    return;
  }
  mkdirSync(EMPTY_WORKSPACE, { recursive: true });
  if (options.workspaceOnly) {
    const workspaces = await workspaceRuns(options);
    // `workspace`: the run the targets are stated for (earlier results files had only that key).
    writeFileSync(join(OUT, 'workspace.json'), JSON.stringify({ date: new Date().toISOString(), workspace: workspaces[0], workspaces }, null, 2));
    return;
  }

  const schema = writeCombinedSchema(join(ROOT, 'schemas', 'generated'), join(OUT, 'k8s-combined.schema.json'));
  const schemaUri = pathToFileURL(schema.path).href;
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const header = [
    `# k8s-stateful benchmark — ${new Date().toISOString()}`,
    '',
    `Machine: ${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}. Shared and noisy: read medians and ratios.`,
    `Schemas: the same generated draft-07 schemas for both; yaml-language-server gets them combined into one file (${schema.kinds} apiVersion/kind branches, ${schema.definitions} definitions, ${(schema.bytes / 1e6).toFixed(1)} MB) associated with *.yaml; schema store off.`,
    `yaml-language-server: ${options.stockYls ? 'stock (fixed 200 ms validation delay included)' : 'validation delay set to 0 (stock 1.25.0 waits a fixed 200 ms before every validation; not included here)'}.`,
    'Both servers first validate a one-app probe with a planted error (the gate that proves the schemas apply; it also loads them), then the timed manifest is opened.',
    '',
  ].join('\n');
  process.stdout.write(`${header}\n`);

  const sizes: SizeResult[] = [];
  for (const apps of options.sizes) {
    const manifest = generateManifest(apps);
    const path = join(OUT, `manifest-${apps}.yaml`);
    writeFileSync(path, manifest.text);
    const uri = pathToFileURL(path).href;
    const size: SizeResult = { apps, resources: manifest.resources, lines: manifest.lines, bytes: Buffer.byteLength(manifest.text), planted: manifest.planted.length, parse: parseFloor(path, manifest.text), servers: {} };
    for (const id of options.servers) {
      if (deadline.passed) {
        process.stderr.write(`bench: deadline passed, skipping ${SERVER_NAMES[id]} at N=${apps}\n`);
        continue;
      }
      process.stderr.write(`bench: N=${apps} ${SERVER_NAMES[id]}…\n`);
      size.servers[id] = await benchServer(id, manifest, uri, options, schemaUri, deadline);
    }
    sizes.push(size);
    process.stdout.write(`${renderSize(size)}\n`);
  }

  let cli: CliRun[] = [];
  let memory: WorkspaceMemory | undefined;
  const tree = join(OUT, `tree-${options.cliApps}`);
  const memoryApps = options.sizes.includes(500) ? 500 : options.sizes[options.sizes.length - 1];
  if (options.servers.includes('ours') && !deadline.passed) {
    process.stderr.write(`bench: our server with ${options.cliApps * 5} resources indexed and N=${memoryApps} open…\n`);
    writeTree(tree, options.cliApps);
    memory = await workspaceMemory(tree, options.cliApps, generateManifest(memoryApps), join(OUT, `manifest-${memoryApps}.yaml`), options);
    process.stdout.write(
      `### Our server's memory with the N=${memory.apps} file open and a workspace of ${memory.resources.toLocaleString('en-US')} resources indexed\n\n` +
        `RSS ${memory.rssMb === undefined ? 'n/a' : `${Math.round(memory.rssMb)} MB`} (peak ${memory.peakMb === undefined ? 'n/a' : `${Math.round(memory.peakMb)} MB`})${
          memory.heapUsedMb === undefined ? '' : `, V8 heap ${Math.round(memory.heapUsedMb)} MB used of ${Math.round(memory.heapTotalMb ?? NaN)} MB reserved`
        }; ${memory.indexed ?? memory.note ?? ''}\n\n`,
    );
  }
  let workspaces: WorkspaceDiagnostics[] = [];
  if (options.servers.includes('ours') && !deadline.passed) workspaces = await workspaceRuns(options, deadline);
  if (options.cli && !deadline.passed) {
    process.stderr.write(`bench: CLI on ${options.cliApps * 5} resources…\n`);
    writeTree(tree, options.cliApps);
    const treeArg = tree;
    const timeout = 600_000;
    cli = [
      await runCli(ROOT, OUT, 'main thread (--jobs 1)', ['check', '-q', '--jobs', '1', treeArg], timeout),
      await runCli(ROOT, OUT, 'default (--jobs chosen automatically)', ['check', '-q', treeArg], timeout),
      await runCli(ROOT, OUT, '2 workers (--jobs 2)', ['check', '-q', '--jobs', '2', treeArg], timeout),
    ];
    const lines = [
      `### CLI: \`k8s-stateful check\` on ${options.cliApps.toLocaleString('en-US')} files, ${(options.cliApps * 5).toLocaleString('en-US')} resources`,
      '',
      '| run | wall time | peak RSS | exit |',
      '|---|---|---|---|',
      ...cli.map((r) => `| ${r.label} | ${ms(r.wallMs)} | ${Number.isNaN(r.peakMb) ? 'n/a' : `${Math.round(r.peakMb)} MB`} | ${r.exitCode} |`),
    ];
    process.stdout.write(`${lines.join('\n')}\n\n`);
  }

  let activation: ActivationResult | undefined;
  if (options.activation === 'also' && !deadline.passed) {
    activation = await measureActivation(ROOT, options.activationRuns, (m) => process.stderr.write(`${m}\n`));
    process.stdout.write(`${renderActivation(activation)}\n`);
  }

  process.stdout.write(`${renderTargets(sizes, memory, activation)}\n`);
  writeFileSync(join(OUT, 'results.json'), JSON.stringify({ date: new Date().toISOString(), machine: { cpus: cpus().length, cpu, node: process.version }, options, sizes, memory, workspace: workspaces[0], workspaces, cli, activation }, null, 2));
  process.stderr.write(`bench: results in ${join(OUT, 'results.json')}\n`);
}

function renderTargets(sizes: SizeResult[], memory: WorkspaceMemory | undefined, activation: ActivationResult | undefined): string {
  const at = sizes.find((s) => s.apps === 500) ?? sizes[sizes.length - 1];
  const ours = at?.servers.ours;
  const yls = at?.servers.yls;
  if (!at || !ours) return '';
  const check = (ok: boolean | undefined) => (ok === undefined ? 'n/a' : ok ? 'holds' : 'MISSED');
  const tenX = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined ? undefined : a * 10 <= b);
  const rows = [
    [`open → diagnostics ≤ 1.5× parse-only (N=${at.apps})`, `${ms(ours.openMs)} vs fresh parse ${ms(at.parse.coldMs)} (${((ours.openMs ?? NaN) / at.parse.coldMs).toFixed(2)}×), warm parse ${ms(at.parse.warmMs)} (${((ours.openMs ?? NaN) / at.parse.warmMs).toFixed(2)}×)`, `${check((ours.openMs ?? Infinity) <= 1.5 * at.parse.coldMs)} (fresh) / ${check((ours.openMs ?? Infinity) <= 1.5 * at.parse.warmMs)} (warm)`],
    ['edit → diagnostics p95 ≤ 20 ms', ms(p(ours.edit, 95)), check(ours.edit.length ? (p(ours.edit, 95) ?? Infinity) <= 20 : undefined)],
    ['completion p95 ≤ 10 ms', ours.completionUnsupported ? 'n/a (not implemented)' : ms(p(ours.completion, 95)), check(ours.completion.length ? (p(ours.completion, 95) ?? Infinity) <= 10 : undefined)],
    ['hover p95 ≤ 10 ms', ours.hoverUnsupported ? 'n/a (not implemented)' : ms(p(ours.hover, 95)), check(ours.hover.length ? (p(ours.hover, 95) ?? Infinity) <= 10 : undefined)],
    ['≥ 10× faster than yaml-language-server: open', ratio(ours.openMs, yls?.openMs), check(tenX(ours.openMs, yls?.openMs))],
    ['… edit p95', ratio(p(ours.edit, 95), p(yls?.edit, 95)), check(tenX(p(ours.edit, 95), p(yls?.edit, 95)))],
    ['… completion p95', ratio(p(ours.completion, 95), p(yls?.completion, 95)), check(tenX(p(ours.completion, 95), p(yls?.completion, 95)))],
    ['… hover p95', ratio(p(ours.hover, 95), p(yls?.hover, 95)), check(tenX(p(ours.hover, 95), p(yls?.hover, 95)))],
    [
      '… hover minus the round-trip floor (p50 − p50 / p95 − p95; informational)',
      `ours ${pairOf(overFloor(ours, 50), overFloor(ours, 95))}, theirs ${yls ? pairOf(overFloor(yls, 50), overFloor(yls, 95)) : 'n/a'}: ${workRatio(overFloor(ours, 50), yls && overFloor(yls, 50))} / ${workRatio(overFloor(ours, 95), yls && overFloor(yls, 95))}`,
      'see bench/README.md',
    ],
    ['server RSS ≤ 150 MB (this file open)', mb(ours), check(ours.rssMb === undefined ? undefined : ours.rssMb <= 150)],
    [
      `server RSS ≤ 150 MB (N=${memory?.apps ?? '?'} open + ${memory?.resources.toLocaleString('en-US') ?? '?'} resources indexed)`,
      memory?.rssMb === undefined ? 'n/a' : `${Math.round(memory.rssMb)} MB (peak ${Math.round(memory.peakMb ?? NaN)} MB)`,
      check(memory?.rssMb === undefined ? undefined : memory.rssMb <= 150),
    ],
    (() => {
      const m = activation && activationMedians(activation);
      const measured = m?.activateMs === undefined ? (activation?.note ?? 'not measured') : `${Math.round(m.activateMs)} ms (VS Code's figure ${m.vscodeMs === undefined ? 'n/a' : `${Math.round(m.vscodeMs)} ms`}; server ready ${m.serverReadyMs === undefined ? 'n/a' : `${Math.round(m.serverReadyMs)} ms`}), median of ${activation!.runs.length}`;
      return ['extension activation ≤ 300 ms', measured, check(m?.activateMs === undefined ? undefined : m.activateMs <= 300)];
    })(),
  ];
  return [`### Targets (DESIGN §6) at N=${at.apps}, this run`, '', '| target | measured | verdict |', '|---|---|---|', ...rows.map((r) => `| ${r.join(' | ')} |`), ''].join('\n');
}

main().catch((error) => {
  process.stderr.write(`bench: ${(error as Error).stack ?? error}\n`);
  process.exitCode = 1;
});
