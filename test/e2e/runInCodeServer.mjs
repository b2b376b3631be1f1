#!/usr/bin/env node
// Runs the in-editor test suite (out/test/e2e/index.js) inside real VS Code 1.100 served by
// code-server, driven by headless Debian Chromium through playwright-core. See DESIGN.md section 4.
//
// Builds nothing: run `node scripts/build.mjs` and `bash scripts/setup-code-server.sh` first.
//
// Environment:
//   E2E_WORKSPACE       folder to open (default: a scratch copy of examples/)
//   E2E_EXTENSION_PATH  extension under development (default: the repository root)
//   E2E_TESTS_PATH      suite entry (default: <repo>/out/test/e2e/index.js)
//   E2E_TIMEOUT_MS      overall limit (default 600000 = 10 minutes)
//   E2E_GREP            only tests whose full title matches (passed on to mocha)
//   E2E_SEED            run the test files in an order shuffled by this seed (smoke stays first)
//   E2E_VERBOSE=1       also print the workbench's own log lines and browser console errors
//   E2E_KEEP=1          keep the scratch folder (code-server log, profiles) for inspection
//   CODE_SERVER         code-server binary (default: .vscode-test/code-server/node_modules/.bin/code-server)
//   CHROMIUM            browser binary (default: /usr/bin/chromium)
//   E2E_SCREENSHOTS     folder for the PNGs the suite asks for (ui.screenshot(name)); none when unset
// Exit code: the suite's exit code (0 when every test passed); 1 on any harness failure.
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { cpSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';
import { TEST_EDITOR_SETTINGS, freePort, isolatedEnv, killProcessGroup, prepareCodeServer } from '../../scripts/codeServer.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CODE_SERVER = process.env.CODE_SERVER || join(ROOT, '.vscode-test/code-server/node_modules/.bin/code-server');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const EXTENSION_PATH = resolve(process.env.E2E_EXTENSION_PATH || ROOT);
const TESTS_PATH = resolve(process.env.E2E_TESTS_PATH || join(ROOT, 'out/test/e2e/index.js'));
const TIMEOUT_MS = Number(process.env.E2E_TIMEOUT_MS) || 10 * 60 * 1000;
const VERBOSE = process.env.E2E_VERBOSE === '1';
const KEEP = process.env.E2E_KEEP === '1';
const RESULTS_DIR = join(ROOT, 'test-results');
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const started = Date.now();
const SUMMARY = /^\s*\d+ passed, \d+ failed(, \d+ skipped)?\s*$/;
let summary; // the suite's closing line, printed last
const log = (msg) => process.stdout.write(`[e2e] ${msg}\n`);
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;

function fail(msg) {
  if (interrupted && !msg.startsWith('received ')) return;
  process.stderr.write(`[e2e] ERROR: ${msg}\n`);
}

for (const [what, path, hint] of [
  ['code-server', CODE_SERVER, 'run `bash scripts/setup-code-server.sh`'],
  ['Chromium', CHROMIUM, 'run `bash scripts/setup-code-server.sh` (installs Debian chromium)'],
  ['the extension manifest', join(EXTENSION_PATH, 'package.json'), 'set E2E_EXTENSION_PATH'],
  ['the bundled suite', TESTS_PATH, 'run `node scripts/build.mjs`'],
]) {
  if (!existsSync(path)) {
    fail(`${what} not found at ${path}: ${hint}`);
    process.exit(1);
  }
}
const manifest = JSON.parse(readFileSync(join(EXTENSION_PATH, 'package.json'), 'utf8'));
if (manifest.main && !existsSync(join(EXTENSION_PATH, manifest.main)) && !existsSync(join(EXTENSION_PATH, `${manifest.main}.js`))) {
  fail(`${manifest.main} (package.json "main") not found under ${EXTENSION_PATH}: run \`node scripts/build.mjs\``);
  process.exit(1);
}

// ---- scratch folders -----------------------------------------------------------------------
const scratch = mkdtempSync(join(tmpdir(), 'k8s-stateful-e2e-'));
const dirs = {
  home: join(scratch, 'home'),
  config: join(scratch, 'xdg-config'),
  data: join(scratch, 'xdg-data'),
  cache: join(scratch, 'xdg-cache'),
  state: join(scratch, 'xdg-state'),
  runtime: join(scratch, 'xdg-runtime'),
  tmp: join(scratch, 'tmp'),
  userData: join(scratch, 'user-data'),
  extensions: join(scratch, 'extensions'),
  browserProfile: join(scratch, 'chromium-profile'),
};
for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true, mode: 0o700 });

let workspace;
if (process.env.E2E_WORKSPACE) {
  workspace = resolve(process.env.E2E_WORKSPACE);
  if (!existsSync(workspace)) {
    fail(`E2E_WORKSPACE ${workspace} does not exist`);
    process.exit(1);
  }
} else {
  workspace = join(scratch, 'workspace');
  if (existsSync(join(ROOT, 'examples'))) cpSync(join(ROOT, 'examples'), workspace, { recursive: true });
  else mkdirSync(workspace);
}

// Settings for a quiet, deterministic editor (no welcome page, no telemetry, no auto-updates).
const settingsDir = join(dirs.userData, 'User');
mkdirSync(settingsDir, { recursive: true });
writeFileSync(
  join(settingsDir, 'settings.json'),
  JSON.stringify(TEST_EDITOR_SETTINGS, null, 2),
);

// ---- cleanup, whatever happens --------------------------------------------------------------
let server; // ChildProcess of code-server, leader of its own process group
let context; // playwright BrowserContext
let cleaning;
let uiDriver; // http.Server the suite drives the workbench's DOM through
let interrupted = false; // a signal arrived: stop quietly

function killServerGroup(signal) {
  killProcessGroup(server?.pid, signal);
}

function serverGroupAlive() {
  if (!server?.pid) return false;
  try {
    process.kill(-server.pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function cleanup() {
  cleaning ??= (async () => {
    uiDriver?.close();
    if (context) {
      await Promise.race([context.close().catch(() => {}), new Promise((r) => setTimeout(r, 10_000))]);
    }
    killServerGroup('SIGTERM');
    for (let i = 0; i < 50 && serverGroupAlive(); i++) await new Promise((r) => setTimeout(r, 100));
    killServerGroup('SIGKILL');
    if (!KEEP) rmSync(scratch, { recursive: true, force: true, maxRetries: 3 });
    else log(`kept scratch folder ${scratch}`);
  })();
  return cleaning;
}

// Last resort if the process exits without running cleanup (synchronous only).
process.on('exit', () => killServerGroup('SIGKILL'));
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, async () => {
    if (interrupted) return;
    interrupted = true;
    fail(`received ${sig}, stopping`);
    await cleanup();
    process.exit(130);
  });
}

async function waitForServer(url, timeoutMs, exited) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited.value !== undefined) throw new Error(`code-server exited early (${exited.value})`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`code-server did not answer ${url} within ${timeoutMs / 1000} s`);
}

function tail(file, lines = 60) {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

async function screenshot(page, why) {
  if (!page || interrupted) return;
  try {
    mkdirSync(RESULTS_DIR, { recursive: true });
    const file = join(RESULTS_DIR, `e2e-${why}-${new Date().toISOString().replace(/[:.]/g, '-')}.png`);
    await page.screenshot({ path: file, timeout: 15_000 });
    log(`screenshot: ${file}`);
  } catch (err) {
    fail(`could not take a screenshot: ${err.message}`);
  }
}

// The workbench logs through the same channel as the extension host's console; drop its routine
// chatter so the suite's report reads cleanly (E2E_VERBOSE=1 shows everything).
const WORKBENCH_NOISE = [
  /^Ignoring fetching additional builtin extensions/,
  /^Updating additional builtin extensions cache/,
  /^Resolv(ing|ed) connection token/,
  /^Creating a socket \(/,
  /^\[Service Worker\]/,
  /^ChatSessionStore:/,
  /^Started local extension host/,
  /^Overwriting extension/,
];
function isWorkbenchNoise(type, text) {
  if (VERBOSE) return false;
  if (type === 'trace' || type === 'debug') return true;
  return WORKBENCH_NOISE.some((re) => re.test(text));
}

// ---- UI driver ---------------------------------------------------------------------------
// The suite runs in the extension host, which cannot see the workbench's DOM. Things only the DOM
// shows (context menus, the suggest widget, rendered views) and screenshots go through this local
// endpoint: POST a JSON request, get JSON back. The suite finds it in K8S_STATEFUL_E2E_UI.
//   { op: 'texts', selector }          -> { texts: [innerText of each visible match] }
//   { op: 'frameTexts', selector }     -> the same inside every frame (webviews such as the Markdown preview)
//   { op: 'press', key }               -> {} (playwright key name: 'Tab', 'Escape', 'Shift+F10')
//   { op: 'click', selector }          -> {} (the first visible match)
//   { op: 'screenshot', name }         -> { file } under E2E_SCREENSHOTS, or { skipped: true }
const SCREENSHOTS = process.env.E2E_SCREENSHOTS ? resolve(process.env.E2E_SCREENSHOTS) : undefined;

async function uiRequest(page, request) {
  if (!page) throw new Error('the workbench page is not open yet');
  switch (request.op) {
    case 'texts': {
      const found = page.locator(String(request.selector));
      const texts = [];
      for (const element of await found.all()) {
        if (await element.isVisible()) texts.push((await element.innerText()).trim());
      }
      return { texts };
    }
    case 'frameTexts': {
      const texts = [];
      for (const frame of page.frames()) {
        if (frame === page.mainFrame()) continue;
        const found = await frame.locator(String(request.selector)).all().catch(() => []);
        for (const element of found) {
          if (await element.isVisible().catch(() => false)) texts.push((await element.innerText()).trim());
        }
      }
      return { texts };
    }
    case 'press':
      await page.keyboard.press(String(request.key));
      return {};
    case 'click':
      await page.locator(String(request.selector)).locator('visible=true').first().click({ timeout: 10_000 });
      return {};
    case 'screenshot': {
      if (!SCREENSHOTS) return { skipped: true };
      mkdirSync(SCREENSHOTS, { recursive: true });
      const file = join(SCREENSHOTS, `${String(request.name).replace(/[^\w.-]+/g, '-')}.png`);
      await page.screenshot({ path: file, timeout: 15_000 });
      return { file };
    }
    default:
      throw new Error(`unknown op ${request.op}`);
  }
}

function startUiDriver(pageRef) {
  const httpServer = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', async () => {
      let status = 200;
      let answer;
      try {
        answer = await uiRequest(pageRef.page, JSON.parse(body || '{}'));
      } catch (err) {
        status = 500;
        answer = { error: err.message };
      }
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer));
    });
  });
  return new Promise((resolvePromise, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(0, '127.0.0.1', () => resolvePromise(httpServer));
  });
}

async function main() {
  const { chromium } = await import('playwright-core');
  const port = Number(process.env.E2E_PORT) || (await freePort());
  const authority = `127.0.0.1:${port}`;
  const serverLogFile = join(scratch, 'code-server.log');
  const serverLog = createWriteStream(serverLogFile);

  const env = isolatedEnv(process.env, dirs);
  // Let the extension (and the suite) know it runs under test.
  env.K8S_STATEFUL_E2E_HOST = 'code-server';
  const pageRef = {};
  uiDriver = await startUiDriver(pageRef);
  env.K8S_STATEFUL_E2E_UI = `http://127.0.0.1:${uiDriver.address().port}`;
  for (const k of ['E2E_GREP', 'E2E_TEST_TIMEOUT_MS', 'E2E_SEED', 'E2E_SCREENSHOTS']) if (process.env[k]) env[k] = process.env[k];

  const args = prepareCodeServer({
    authority,
    userDataDir: dirs.userData,
    extensionsDir: dirs.extensions,
    configFile: join(scratch, 'code-server.yaml'),
  });
  log(`starting code-server on ${authority}`);
  // detached: the child calls setsid(), so it leads a new process group we can kill as a whole.
  server = spawn(CODE_SERVER, args, { cwd: workspace, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = { value: undefined };
  server.on('exit', (code, signal) => {
    exited.value = signal ? `signal ${signal}` : `exit code ${code}`;
  });
  server.stdout.pipe(serverLog);
  server.stderr.pipe(serverLog);
  if (VERBOSE) {
    server.stdout.on('data', (d) => process.stdout.write(`[code-server] ${d}`));
    server.stderr.on('data', (d) => process.stdout.write(`[code-server] ${d}`));
  }

  try {
    await waitForServer(`http://${authority}/healthz`, 60_000, exited);
  } catch (err) {
    fail(`${err.message}\n--- code-server log (${serverLogFile}) ---\n${tail(serverLogFile)}`);
    return 1;
  }
  log(`code-server is up (${elapsed()})`);

  const remote = (p) => `vscode-remote://${authority}${p}`;
  const payload = [
    ['extensionDevelopmentPath', remote(EXTENSION_PATH)],
    ['extensionTestsPath', remote(TESTS_PATH)],
  ];
  const url = `http://${authority}/?${new URLSearchParams({ folder: workspace, payload: JSON.stringify(payload) })}`;
  if (VERBOSE) log(`url: ${url}`);

  context = await chromium.launchPersistentContext(dirs.browserProfile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1400, height: 900 },
    env: { ...env, HOME: dirs.home },
    // Our own handlers stop code-server, the browser and remove the scratch folder, in order.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  pageRef.page = page;

  let resolveExit;
  const suiteExit = new Promise((r) => (resolveExit = r));

  await page.exposeFunction('codeAutomationLog', (type, args) => {
    // The arguments of console.log(format, ...args) arrive unformatted (mocha uses '%s').
    let text = format(...(Array.isArray(args) ? args : [args]));
    if (isWorkbenchNoise(type, text)) return;
    // The extension host's console is forwarded with this prefix; strip it so the suite's lines
    // (mocha's report, the final "N passed, N failed") come out as the suite printed them.
    text = text.replace(/^\[Extension Host\] ?/, '');
    text = text.replace(/\n$/, '');
    // Hold back the suite's closing "N passed, N failed" line: it is printed once, last of all.
    const lines = text.split('\n').filter((line) => {
      if (!SUMMARY.test(line)) return true;
      summary = line.trim();
      return false;
    });
    if (lines.length) process.stdout.write(`${lines.join('\n')}\n`);
  });
  await page.exposeFunction('codeAutomationExit', (code) => {
    resolveExit({ kind: 'exit', code: Number(code) || 0 });
  });
  page.on('pageerror', (err) => VERBOSE && log(`page error: ${err.message}`));
  page.on('console', (msg) => {
    if (VERBOSE && (msg.type() === 'error' || msg.type() === 'warning')) log(`browser ${msg.type()}: ${msg.text()}`);
  });
  page.on('crash', () => resolveExit({ kind: 'harness', message: 'the browser page crashed' }));
  server.on('exit', () => {
    if (!interrupted) resolveExit({ kind: 'harness', message: `code-server stopped during the run (${exited.value})` });
  });

  log(`opening the workbench on ${workspace}`);
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });

  let timer;
  const timeout = new Promise((r) => {
    timer = setTimeout(() => r({ kind: 'timeout' }), Math.max(0, TIMEOUT_MS - (Date.now() - started)));
  });
  const outcome = await Promise.race([suiteExit, timeout]);
  clearTimeout(timer);

  if (outcome.kind === 'timeout') {
    fail(
      `timed out after ${TIMEOUT_MS / 1000} s (E2E_TIMEOUT_MS): the suite never reported its end (no codeAutomationExit). ` +
        'Is the extension host stuck, or did the workbench fail to load? Rerun with E2E_VERBOSE=1.',
    );
    await screenshot(page, 'timeout');
    process.stderr.write(`--- code-server log (last lines) ---\n${tail(serverLogFile)}\n`);
    if (!summary) summary = '0 passed, 1 failed';
    return 1;
  }
  if (outcome.kind === 'harness') {
    if (interrupted) return 130;
    fail(outcome.message);
    await screenshot(page, 'harness');
    process.stderr.write(`--- code-server log (last lines) ---\n${tail(serverLogFile)}\n`);
    if (!summary) summary = '0 passed, 1 failed';
    return 1;
  }
  if (outcome.code !== 0) {
    await screenshot(page, 'failure');
    if (!summary) {
      fail('the suite ended without its "N passed, N failed" line; code-server log (last lines):');
      process.stderr.write(`${tail(serverLogFile)}\n`);
      summary = '0 passed, 1 failed';
    }
  }
  log(`suite exited with code ${outcome.code} after ${elapsed()}`);
  return outcome.code;
}

let code = 1;
try {
  code = await main();
} catch (err) {
  fail(err?.stack || String(err));
  code = 1;
} finally {
  await cleanup();
}
if (summary) process.stdout.write(`${summary}\n`);
else if (code !== 0) process.stdout.write('0 passed, 1 failed\n');
process.exit(code);
