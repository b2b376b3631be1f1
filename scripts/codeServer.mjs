// How code-server is launched and stopped, shared by `npm start` (scripts/start.mjs) and the e2e
// harness (test/e2e/runInCodeServer.mjs), so both open the same kind of editor.
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';

/**
 * User settings of the editors the tests and the bench drive: quiet and deterministic (no welcome
 * page, telemetry, update checks, experiments, git or workspace-trust prompt).
 */
export const TEST_EDITOR_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.enableExperiments': false,
  'workbench.tips.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'files.watcherExclude': { '**/node_modules/**': true },
  // code-server defaults to afterDelay (desktop VS Code: off): "unsaved" edits in the tests were
  // written to disk a second later, so reverting them did nothing and later tests saw the typo.
  'files.autoSave': 'off',
  // Opening the Stateful Preview by itself moves focus while a test types; the test of that feature turns it on.
  'k8sStateful.preview.revealOnFirstStatefulSet': false,
};

/**
 * The environment of a code-server that must not touch the user's home: every per-user folder
 * (home, XDG config/data/cache/state/runtime, tmp) in the given scratch folders, no gallery.
 */
export function isolatedEnv(env, dirs) {
  return {
    ...withoutOuterEditorEnv(env),
    HOME: dirs.home,
    XDG_CONFIG_HOME: dirs.config,
    XDG_DATA_HOME: dirs.data,
    XDG_CACHE_HOME: dirs.cache,
    XDG_STATE_HOME: dirs.state,
    XDG_RUNTIME_DIR: dirs.runtime,
    TMPDIR: dirs.tmp,
    EXTENSIONS_GALLERY: '{}',
  };
}

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
