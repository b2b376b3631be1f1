#!/usr/bin/env node
// The packaged extension as a user gets it: installs a .vsix into code-server with
// --install-extension (no development flags, no test suite inside the editor), opens examples/ and
// reads the workbench's DOM through headless Chromium: the typo example gets error squiggles and a
// problems count, and the Stateful Preview view shows the StatefulSets' pods. Screenshots of both go
// to test-results/vsix/ (and, with --screenshots DIR, to DIR: `--screenshots images` refreshes the
// ones docs/marketplace/README.md shows).
//
//   node test/vsix/runVsixInCodeServer.mjs [--vsix FILE] [--screenshots DIR]
// Without --vsix, packages one first (scripts/package.mjs). Prints "N passed, N failed" last.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TEST_EDITOR_SETTINGS, freePort, isolatedEnv, killProcessGroup, prepareCodeServer } from '../../scripts/codeServer.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CODE_SERVER = process.env.CODE_SERVER || join(ROOT, '.vscode-test/code-server/node_modules/.bin/code-server');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const RESULTS = join(ROOT, 'test-results/vsix');
const arg = (name) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const log = (msg) => process.stdout.write(`[vsix] ${msg}\n`);

const scratch = mkdtempSync(join(tmpdir(), 'k8s-stateful-vsix-'));
const dirs = Object.fromEntries(
  ['home', 'config', 'data', 'cache', 'state', 'runtime', 'tmp', 'userData', 'extensions', 'browser'].map((d) => [d, join(scratch, d)]),
);
for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true, mode: 0o700 });
const env = isolatedEnv(process.env, dirs);
let server;
let browser;
let page;
const results = [];

async function check(name, fn) {
  try {
    await fn();
    results.push(true);
    log(`✔ ${name}`);
  } catch (error) {
    results.push(false);
    log(`✖ ${name}: ${error.message}`);
    if (page) {
      mkdirSync(RESULTS, { recursive: true });
      const file = join(RESULTS, `failure-${results.length}.png`);
      await page.screenshot({ path: file }).catch(() => {});
      log(`screenshot: ${file}`);
    }
  }
}

async function main() {
  let vsix = arg('--vsix');
  if (!vsix) {
    vsix = join(scratch, 'k8s-stateful.vsix');
    log('packaging (npm run package)');
    const pack = spawnSync(process.execPath, [join(ROOT, 'scripts/package.mjs'), '--out', vsix], { cwd: ROOT, stdio: 'inherit' });
    if (pack.status !== 0) throw new Error(`npm run package exited with ${pack.status}`);
  }
  vsix = resolve(vsix);

  const port = await freePort();
  const authority = `127.0.0.1:${port}`;
  const args = prepareCodeServer({ authority, userDataDir: dirs.userData, extensionsDir: dirs.extensions, configFile: join(scratch, 'code-server.yaml') });
  log(`installing ${vsix}`);
  const install = spawnSync(CODE_SERVER, [...args, '--install-extension', vsix], { env, encoding: 'utf8', timeout: 120_000 });
  await check('code-server --install-extension takes the .vsix', () => {
    if (install.status !== 0) throw new Error(`exit ${install.status}: ${install.stderr}${install.stdout}`);
    const installed = readdirSync(dirs.extensions).filter((d) => d.startsWith('k8s-stateful.k8s-stateful-'));
    if (installed.length !== 1) throw new Error(`extensions folder holds ${readdirSync(dirs.extensions).join(', ')}`);
  });

  const workspace = join(scratch, 'workspace');
  cpSync(join(ROOT, 'examples'), workspace, { recursive: true });
  mkdirSync(join(dirs.userData, 'User'), { recursive: true });
  writeFileSync(join(dirs.userData, 'User/settings.json'), JSON.stringify(TEST_EDITOR_SETTINGS, null, 2));
  server = spawn(CODE_SERVER, args, { cwd: workspace, env, detached: true, stdio: 'ignore' });
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`http://${authority}/healthz`, { signal: AbortSignal.timeout(2000) })).ok) break;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }

  const { chromium } = await import('playwright-core');
  browser = await chromium.launchPersistentContext(dirs.browser, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1400, height: 900 },
  });
  page = browser.pages()[0] ?? (await browser.newPage());
  await page.goto(`http://${authority}/?${new URLSearchParams({ folder: workspace })}`, { waitUntil: 'domcontentloaded', timeout: 60_000 });
  await page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
  mkdirSync(RESULTS, { recursive: true });
  const shots = arg('--screenshots');
  const shoot = async (name) => {
    await page.screenshot({ path: join(RESULTS, `${name}.png`) });
    if (shots) {
      mkdirSync(shots, { recursive: true });
      cpSync(join(RESULTS, `${name}.png`), join(shots, `${name}.png`));
    }
  };

  await check('opening the typo example shows error squiggles and the problems count', async () => {
    await page.locator('.explorer-folders-view').waitFor({ timeout: 60_000 });
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget input').waitFor({ timeout: 30_000 });
    await page.keyboard.type('statefulset-typos.yaml');
    await page.locator('.quick-input-list .monaco-list-row').first().waitFor({ timeout: 30_000 });
    await page.keyboard.press('Enter');
    await page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: 90_000 });
    const count = await page.locator('.monaco-editor .squiggly-error').count();
    if (count < 2) throw new Error(`${count} error squiggle(s), expected the two typos`);
    const problems = await page.locator('[id="status.problems"]').first().getAttribute('aria-label', { timeout: 30_000 });
    if (!/Errors?:? *[1-9]|[1-9]\d* Errors?/i.test(problems ?? '')) throw new Error(`problems status says "${problems}"`);
    await shoot('diagnostics');
  });

  await check('the Stateful Preview view lists the workspace\'s StatefulSets (the open file\'s first) and their pods', async () => {
    // The view lives in its own activity-bar container ("Kubernetes Stateful"): open it there
    // (clicking an active container would close the side bar, so only when another one shows).
    const activity = page.locator('.part.activitybar .action-label[aria-label^="Kubernetes Stateful"]').first();
    await activity.waitFor({ timeout: 60_000 });
    const sidebarTitle = page.locator('.part.sidebar .composite.title h2').first();
    const showing = async () => /kubernetes stateful|stateful preview/i.test((await sidebarTitle.textContent().catch(() => '')) ?? '');
    if (!(await showing())) await activity.click();
    const pane = page.locator('.part.sidebar').first();
    const deadline = Date.now() + 90_000;
    const clicked = new Set();
    for (;;) {
      const labels = (await pane.locator('.monaco-list-row .label-name').allTextContents()).map((l) => l.trim());
      // The open file's StatefulSet (cache) comes first; the others list their pods (queue-0, etcd-0...).
      const pods = labels.filter((l) => /^[a-z][a-z0-9-]*-0$/.test(l) && labels.includes(l.slice(0, -2)));
      if (labels[0] === 'cache' && pods.length >= 2) break;
      if (Date.now() > deadline) throw new Error(`rows: ${labels.join(', ') || '(none)'}`);
      // Expand the pods, as a user would.
      for (const label of ['Pods']) {
        const row = pane.locator('.monaco-list-row[aria-expanded="false"]', { has: page.locator('.label-name', { hasText: new RegExp(`^${label}\\b`) }) }).first();
        if (!clicked.has(label) && (await row.count()) > 0) {
          clicked.add(label);
          await row.click();
          await page.keyboard.press('ArrowRight');
          await page.mouse.move(700, 450); // away from the row: its hover would cover the view
        }
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    await shoot('stateful-preview');
  });
}

let failed = false;
try {
  if (!existsSync(CODE_SERVER)) throw new Error(`code-server not found at ${CODE_SERVER}: run bash scripts/setup-code-server.sh`);
  await main();
} catch (error) {
  failed = true;
  log(`ERROR: ${error.stack ?? error}`);
} finally {
  await browser?.close().catch(() => {});
  killProcessGroup(server?.pid, 'SIGTERM');
  await new Promise((r) => setTimeout(r, 500));
  killProcessGroup(server?.pid, 'SIGKILL');
  rmSync(scratch, { recursive: true, force: true, maxRetries: 3 });
}
const passed = results.filter(Boolean).length;
const failures = results.length - passed + (failed ? 1 : 0);
process.stdout.write(`${passed} passed, ${failures} failed\n`);
process.exit(failures > 0 ? 1 : 0);
