#!/usr/bin/env node
// `npm start`: build, run the CLI on examples/, then open VS Code on examples/ with the extension loaded from this folder.
// - With `code` on PATH: `code --extensionDevelopmentPath=<repo> <repo>/examples`.
// - Otherwise: code-server (installed by scripts/setup-code-server.sh, which says first what it will
//   install) behind a small local proxy on 127.0.0.1:$PORT (default 8080, or a free port when 8080
//   is taken) whose `/` redirects to the long workbench URL, so the URL to open is short; runs until
//   Ctrl-C. Reach it from another machine through an SSH tunnel (`ssh -L 8080:127.0.0.1:8080`).
// Settings and state persist in .vscode-test/start/ between runs.
//   K8S_STATEFUL_START=code-server  use code-server even when `code` is on PATH
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { request as httpRequest, createServer as createHttpServer } from 'node:http';
import { connect, createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, killProcessGroup, prepareCodeServer, withoutOuterEditorEnv } from './codeServer.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const EXAMPLES = join(ROOT, 'examples');
const CODE_SERVER = join(ROOT, '.vscode-test/code-server/node_modules/.bin/code-server');

function runOrExit(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

runOrExit(process.execPath, ['scripts/build.mjs']);

// The CLI over the same engine, on the same folder: what CI would report (non-zero exit is expected
// because examples/mistakes/ holds deliberate errors).
console.log('$ k8s-stateful check examples');
spawnSync(process.execPath, ['dist/cli.js', 'check', 'examples'], { cwd: ROOT, stdio: 'inherit' });
console.log('');

const hasCode = spawnSync('sh', ['-c', 'command -v code'], { encoding: 'utf8' }).status === 0;
if (hasCode && process.env.K8S_STATEFUL_START !== 'code-server') {
  console.log(`opening VS Code on ${EXAMPLES} with the extension from ${ROOT}`);
  const r = spawnSync('code', [`--extensionDevelopmentPath=${ROOT}`, EXAMPLES], { stdio: 'inherit' });
  process.exit(r.status ?? 0);
}

// First run: say what is about to be installed, and how long it takes, before doing it.
if (spawnSync('bash', ['scripts/setup-code-server.sh', '--check'], { cwd: ROOT, stdio: 'ignore' }).status !== 0) {
  console.log(
    [
      'No `code` on PATH: serving VS Code 1.100 through code-server instead. First run only, this installs:',
      '  - Debian packages chromium, ripgrep and libkrb5-dev with apt-get (as root; about 400 MB), and for the',
      '    other-editor and hook tests neovim, emacs-nox, elpa-eglot, elpa-yaml-mode and pre-commit (about 160 MB more),',
      '  - code-server 4.100.3 from the npm registry into .vscode-test/code-server/ (about 300 MB).',
      'It takes about 2 minutes; later runs start in seconds. Desktop VS Code users: put `code` on PATH instead.',
    ].join('\n'),
  );
  if (process.stdin.isTTY && process.env.K8S_STATEFUL_START_YES !== '1') {
    console.log('Starting in 10 s; Ctrl-C to cancel (K8S_STATEFUL_START_YES=1 skips this wait).');
    await new Promise((r) => setTimeout(r, 10_000));
  }
}
runOrExit('bash', ['scripts/setup-code-server.sh']);

function portIsFree(port) {
  return new Promise((res) => {
    const srv = createServer();
    srv.once('error', () => res(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => res(true)));
  });
}

let port;
if (process.env.PORT) {
  port = Number(process.env.PORT);
  if (!(await portIsFree(port))) {
    console.error(`port ${port} (from $PORT) is already in use on 127.0.0.1`);
    process.exit(1);
  }
} else {
  port = (await portIsFree(8080)) ? 8080 : await freePort();
}
// code-server listens on an internal port; `port` is the short-URL proxy in front of it.
const authority = `127.0.0.1:${await freePort()}`;

const state = join(ROOT, '.vscode-test/start');
const dirs = { userData: join(state, 'user-data'), extensions: join(state, 'extensions') };
for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
// First run only: quiet defaults (the file is the user's to change afterwards).
const settingsFile = join(dirs.userData, 'User', 'settings.json');
if (!existsSync(settingsFile)) {
  mkdirSync(dirname(settingsFile), { recursive: true });
  const settings = {
    'workbench.startupEditor': 'none',
    'telemetry.telemetryLevel': 'off',
    'git.openRepositoryInParentFolders': 'never',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
  };
  writeFileSync(settingsFile, `${JSON.stringify(settings, null, 2)}\n`);
}
const args = prepareCodeServer({
  authority,
  userDataDir: dirs.userData,
  extensionsDir: dirs.extensions,
  configFile: join(state, 'code-server.yaml'),
});
const env = { ...withoutOuterEditorEnv(process.env), EXTENSIONS_GALLERY: '{}' };
// code-server would take $PORT over --bind-addr; that port is the proxy's.
delete env.PORT;

const server = spawn(
  CODE_SERVER,
  args,
  // detached: own process group (setsid), so Ctrl-C handling below can stop it and its children.
  { cwd: ROOT, env, detached: true, stdio: ['ignore', 'inherit', 'inherit'] },
);

let stopping = false;
function stop(exitCode) {
  if (stopping) return;
  stopping = true;
  killProcessGroup(server.pid, 'SIGTERM');
  setTimeout(() => {
    killProcessGroup(server.pid, 'SIGKILL');
    process.exit(exitCode);
  }, 2000).unref();
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
process.on('SIGHUP', () => stop(0));
process.on('exit', () => killProcessGroup(server.pid, 'SIGKILL'));
server.on('exit', (code, signal) => {
  if (!stopping) {
    console.error(`code-server stopped (${signal ?? `exit code ${code}`})`);
    stop(code || 1);
  } else {
    process.exit(0);
  }
});

// Wait until it answers, then print the URL.
const deadline = Date.now() + 60_000;
for (;;) {
  try {
    const res = await fetch(`http://${authority}/healthz`, { signal: AbortSignal.timeout(2000) });
    if (res.ok) break;
  } catch {
    /* not yet */
  }
  if (Date.now() > deadline) {
    console.error(`code-server did not answer on ${authority} within 60 s`);
    stop(1);
    break;
  }
  await new Promise((r) => setTimeout(r, 200));
}
if (!stopping) {
  const folder = existsSync(EXAMPLES) ? EXAMPLES : ROOT;
  const publicAuthority = `127.0.0.1:${port}`;
  // The workbench sees the proxy's address, so the extension path is given under it.
  const payload = JSON.stringify([['extensionDevelopmentPath', `vscode-remote://${publicAuthority}${ROOT}`]]);
  const workbench = `/?${new URLSearchParams({ folder, payload })}`;
  await startShortUrlProxy(port, authority, workbench);
  console.log('\nk8s-stateful is running in code-server (VS Code 1.100). Open:\n');
  console.log(`  http://${publicAuthority}/\n`);
  console.log(`(it redirects to http://${publicAuthority}${workbench})`);
  console.log('Reload the window (Ctrl+R / "Developer: Reload Window") after `npm run build`. Ctrl-C to stop.');
}

/**
 * A pass-through proxy to code-server whose bare `/` redirects to the workbench URL with the folder
 * and the extension under development: the URL people type or click stays short. Everything else,
 * websockets included, goes to code-server unchanged.
 */
function startShortUrlProxy(publicPort, target, workbench) {
  const [host, targetPort] = target.split(':');
  const proxy = createHttpServer((req, res) => {
    if (req.url === '/' && req.method === 'GET') {
      res.writeHead(302, { location: workbench });
      res.end();
      return;
    }
    const upstream = httpRequest({ host, port: Number(targetPort), method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  proxy.on('upgrade', (req, socket, head) => {
    const upstream = connect(Number(targetPort), host, () => {
      const headers = Object.entries(req.headers).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => `${k}: ${x}`) : [`${k}: ${v}`]));
      upstream.write(`${req.method} ${req.url} HTTP/${req.httpVersion}\r\n${headers.join('\r\n')}\r\n\r\n`);
      if (head?.length) upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    const close = () => {
      upstream.destroy();
      socket.destroy();
    };
    upstream.on('error', close);
    socket.on('error', close);
  });
  return new Promise((resolvePromise, reject) => {
    proxy.once('error', reject);
    proxy.listen(publicPort, '127.0.0.1', () => resolvePromise(proxy));
  });
}
