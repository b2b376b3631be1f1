// Extension activation (DESIGN §6: ≤ 300 ms), measured in a real VS Code: code-server (VS Code
// 1.100) and headless Chromium, launched as the e2e harness launches them (scripts/codeServer.mjs).
// Each run starts a fresh code-server, browser profile and extension host on a copy of examples/
// and opens a YAML file with the workbench (the URL's `openFile` payload), so the extension
// activates as it does for a user (onLanguage:yaml) and no test runner is loaded. Per run:
// - ours: the line the extension writes to its output channel, read from the channel's log file
//   (`k8s-stateful: activated in … ms (language server ready in … ms)`, client/src/extension.ts);
// - VS Code's: the "Activation: N ms" that Developer: Show Running Extensions shows for the
//   extension (VS Code's code loading time plus the synchronous part of the activate call).
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface ActivationRun {
  /** Ours: loading the bundle and activate, without waiting for the server (ms). */
  activateMs?: number;
  /** Ours: the same clock until the language client reported the server running (ms). */
  serverReadyMs?: number;
  /** VS Code's figure from Show Running Extensions (ms). */
  vscodeMs?: number;
  error?: string;
}

export interface ActivationResult {
  runs: ActivationRun[];
  note?: string;
}

/** The helpers of scripts/codeServer.mjs (a plain ES module, loaded at run time). */
interface CodeServerHelpers {
  prepareCodeServer(o: { authority: string; userDataDir: string; extensionsDir: string; configFile: string }): string[];
  killProcessGroup(pid: number | undefined, signal: NodeJS.Signals): void;
  freePort(): Promise<number>;
  TEST_EDITOR_SETTINGS: Record<string, unknown>;
  isolatedEnv(env: NodeJS.ProcessEnv, dirs: Record<'home' | 'config' | 'data' | 'cache' | 'state' | 'runtime' | 'tmp', string>): NodeJS.ProcessEnv;
}

const LINE = /k8s-stateful: activated in (\d+) ms \(language server ready in (\d+) ms\)/;
const EXTENSION_ID = 'k8s-stateful.k8s-stateful';
const OPENED_FILE = join('postgres', 'statefulset.yaml');
const RUN_TIMEOUT_MS = 90_000;

export async function measureActivation(root: string, runs: number, progress: (message: string) => void): Promise<ActivationResult> {
  const codeServer = process.env.CODE_SERVER || join(root, '.vscode-test', 'code-server', 'node_modules', '.bin', 'code-server');
  const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
  for (const [what, path] of [
    ['code-server', codeServer],
    ['Chromium', chromiumPath],
    ['dist/extension.js', join(root, 'dist', 'extension.js')],
    ['examples/', join(root, 'examples', OPENED_FILE)],
  ]) {
    if (!existsSync(path)) return { runs: [], note: `skipped: ${what} not found at ${path} (bash scripts/setup-code-server.sh, node scripts/build.mjs)` };
  }
  const helpers = (await import(pathToFileURL(join(root, 'scripts', 'codeServer.mjs')).href)) as CodeServerHelpers;
  const out: ActivationRun[] = [];
  for (let i = 0; i < runs; i++) {
    progress(`bench: extension activation, run ${i + 1} of ${runs}…`);
    out.push(await oneRun(root, codeServer, chromiumPath, helpers).catch((error: Error) => ({ error: error.message.split('\n')[0] })));
  }
  return { runs: out };
}

async function oneRun(root: string, codeServerPath: string, chromiumPath: string, helpers: CodeServerHelpers): Promise<ActivationRun> {
  const scratch = mkdtempSync(join(tmpdir(), 'k8s-stateful-activation-'));
  const dir = (name: string) => {
    const path = join(scratch, name);
    mkdirSync(path, { recursive: true, mode: 0o700 });
    return path;
  };
  const dirs = {
    home: dir('home'),
    config: dir('xdg-config'),
    data: dir('xdg-data'),
    cache: dir('xdg-cache'),
    state: dir('xdg-state'),
    runtime: dir('xdg-runtime'),
    tmp: dir('tmp'),
    userData: dir('user-data'),
    extensions: dir('extensions'),
    browserProfile: dir('chromium-profile'),
  };
  const workspace = join(scratch, 'workspace');
  cpSync(join(root, 'examples'), workspace, { recursive: true });
  mkdirSync(join(dirs.userData, 'User'), { recursive: true });
  // The e2e harness's quiet editor: no welcome page, telemetry, update checks, git or trust prompt.
  writeFileSync(join(dirs.userData, 'User', 'settings.json'), JSON.stringify(helpers.TEST_EDITOR_SETTINGS));

  let server: ChildProcess | undefined;
  let context: import('playwright-core').BrowserContext | undefined;
  try {
    const { chromium } = await import('playwright-core');
    const authority = `127.0.0.1:${await helpers.freePort()}`;
    const env = helpers.isolatedEnv(process.env, dirs);
    const args = helpers.prepareCodeServer({ authority, userDataDir: dirs.userData, extensionsDir: dirs.extensions, configFile: join(scratch, 'code-server.yaml') });
    // detached: code-server leads its own process group, stopped as a whole below.
    server = spawn(codeServerPath, args, { cwd: workspace, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const log = createWriteStream(join(scratch, 'code-server.log'));
    server.stdout!.pipe(log);
    server.stderr!.pipe(log);
    const deadline = Date.now() + RUN_TIMEOUT_MS;
    await until(deadline, 'code-server to answer', async () => (await fetch(`http://${authority}/healthz`, { signal: AbortSignal.timeout(2000) }).catch(() => undefined))?.ok);

    const remote = (path: string) => `vscode-remote://${authority}${path}`;
    const payload = [
      ['extensionDevelopmentPath', remote(root)],
      ['openFile', remote(join(workspace, OPENED_FILE))],
    ];
    context = await chromium.launchPersistentContext(dirs.browserProfile, {
      executablePath: chromiumPath,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1400, height: 900 },
      env: { ...env } as Record<string, string>,
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`http://${authority}/?${new URLSearchParams({ folder: workspace, payload: JSON.stringify(payload) })}`, { waitUntil: 'domcontentloaded', timeout: 60_000 });

    // Ours: the output channel's log file, <user-data>/logs/<session>/exthost1/<extension id>/<channel>.log.
    const line = await until(deadline, 'the activation line in the output channel log', () => findLine(join(dirs.userData, 'logs')));
    const result: ActivationRun = { activateMs: Number(line[1]), serverReadyMs: Number(line[2]) };

    // VS Code's: Show Running Extensions, the extension's row.
    result.vscodeMs = await until(deadline, 'the Running Extensions view', async () => {
      if (!(await page.locator('.runtime-extensions-editor').count())) {
        await page.keyboard.press('Escape');
        await page.keyboard.press('F1');
        await page.locator('.quick-input-widget input').waitFor({ state: 'visible', timeout: 5000 });
        await page.keyboard.type('Developer: Show Running Extensions');
        await page.waitForTimeout(300);
        await page.keyboard.press('Enter');
        await page.locator('.runtime-extensions-editor').waitFor({ timeout: 10_000 });
      }
      const text = await page
        .locator('.runtime-extensions-editor .extension')
        .filter({ hasText: EXTENSION_ID })
        .locator('.activation-time')
        .first()
        .textContent({ timeout: 2000 })
        .catch(() => null);
      const ms = /Activation: (\d+)\s*ms/.exec(text ?? '')?.[1];
      return ms === undefined ? undefined : Number(ms);
    });
    return result;
  } finally {
    if (context) await Promise.race([context.close().catch(() => undefined), new Promise((r) => setTimeout(r, 10_000))]);
    helpers.killProcessGroup(server?.pid, 'SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    helpers.killProcessGroup(server?.pid, 'SIGKILL');
    rmSync(scratch, { recursive: true, force: true, maxRetries: 3 });
  }
}

/** Polls `probe` every 200 ms until it returns a value (not undefined/false/null) or the deadline passes. */
async function until<T>(deadline: number, what: string, probe: () => T | undefined | null | false | Promise<T | undefined | null | false>): Promise<T> {
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined && value !== null && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}${lastError ? ` (${(lastError as Error).message.split('\n')[0]})` : ''}`);
}

function findLine(logs: string): RegExpExecArray | undefined {
  const walk = (path: string): string[] => (statSync(path).isDirectory() ? readdirSync(path).flatMap((name) => walk(join(path, name))) : [path]);
  if (!existsSync(logs)) return undefined;
  for (const file of walk(logs)) {
    if (!file.includes(EXTENSION_ID)) continue;
    const hit = LINE.exec(readFileSync(file, 'utf8'));
    if (hit) return hit;
  }
  return undefined;
}

function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Medians over the runs that produced each figure. */
export function activationMedians(result: ActivationResult): { activateMs?: number; serverReadyMs?: number; vscodeMs?: number } {
  const of = (key: 'activateMs' | 'serverReadyMs' | 'vscodeMs') => median(result.runs.flatMap((r) => (r[key] === undefined ? [] : [r[key]!])));
  return { activateMs: of('activateMs'), serverReadyMs: of('serverReadyMs'), vscodeMs: of('vscodeMs') };
}

export function renderActivation(result: ActivationResult): string {
  const title = '### Extension activation in VS Code 1.100 (code-server + headless Chromium; a YAML file opened at start)';
  if (result.note) return `${title}\n\n${result.note}\n`;
  const m = activationMedians(result);
  const fmt = (n: number | undefined) => (n === undefined ? 'n/a' : `${Math.round(n)} ms`);
  const each = (key: 'activateMs' | 'serverReadyMs' | 'vscodeMs') => result.runs.map((r) => (r[key] === undefined ? '–' : String(r[key]))).join(', ');
  const errors = result.runs.flatMap((r, i) => (r.error ? [`run ${i + 1}: ${r.error}`] : []));
  return [
    title,
    '',
    `| figure | median of ${result.runs.length} runs | each run (ms) |`,
    '|---|---|---|',
    `| activated (bundle load + activate, without waiting for the server; the extension's own figure) | ${fmt(m.activateMs)} | ${each('activateMs')} |`,
    `| VS Code's "Activation" (Show Running Extensions: code loading + synchronous activate call) | ${fmt(m.vscodeMs)} | ${each('vscodeMs')} |`,
    `| language server ready (bundle load + activate until the client reports the server running) | ${fmt(m.serverReadyMs)} | ${each('serverReadyMs')} |`,
    ...(errors.length ? ['', `Failed runs: ${errors.join('; ')}`] : []),
    '',
  ].join('\n');
}
