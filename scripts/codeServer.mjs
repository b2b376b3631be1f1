// How code-server is launched and stopped, shared by `npm start` (scripts/start.mjs) and the e2e
// harness (test/e2e/runInCodeServer.mjs), so both open the same kind of editor.
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';

/**
 * Writes code-server's config file and returns the arguments to spawn it with: no auth, no telemetry,
 * update check, workspace trust or getting-started page, and the given profile folders. The config
 * file is passed too so code-server never reads or creates one under the user's home.
 */
export function prepareCodeServer({ authority, userDataDir, extensionsDir, configFile }) {
  writeFileSync(configFile, `bind-addr: ${authority}\nauth: none\ncert: false\n`);
  return [
    '--bind-addr', authority,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    '--config', configFile,
  ];
}

/** A copy of `env` without VSCODE_* and ELECTRON_* variables: an outer VS Code (integrated terminal, extension host) must not leak into this one. */
export function withoutOuterEditorEnv(env) {
  return Object.fromEntries(Object.entries(env).filter(([k]) => !/^(VSCODE_|ELECTRON_)/.test(k)));
}

/** Sends `signal` to the whole process group led by `pid` (code-server spawned detached, so it forks the extension host etc. into its own group). */
export function killProcessGroup(pid, signal) {
  if (!pid) return;
  try {
    process.kill(-pid, signal);
  } catch {
    /* already gone */
  }
}

/** A port on 127.0.0.1 that was free a moment ago. */
export function freePort() {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolvePort(port));
    });
  });
}
