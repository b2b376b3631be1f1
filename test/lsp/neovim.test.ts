// Headless Neovim (Debian's 0.7) as a second real LSP client: the Neovim set-up of docs/editors.md,
// taken from the page itself, starts the server from PATH, attaches to a manifest and receives the
// server's diagnostics; the server follows the folders Neovim adds to / removes from the workspace.
// Needs `nvim` (scripts/setup-code-server.sh installs Debian's neovim).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { editorDocBlock, serverOnPath } from '../helpers/editors';

const ROOT = process.cwd();
const scratch = mkdtempSync(join(tmpdir(), 'k8s-stateful-nvim-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

test('Neovim with the docs/editors.md set-up shows the server\'s diagnostics on a manifest', () => {
  const nvim = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
  assert.equal(nvim.status, 0, 'nvim is not installed: run `bash scripts/setup-code-server.sh` (installs Debian neovim)');

  const config = editorDocBlock('neovim-config', 'lua');

  // The server on PATH under its published name, as `npm install -g` puts it there.
  const bin = serverOnPath(scratch);

  const project = join(scratch, 'project');
  mkdirSync(project);
  const manifest = join(project, 'sts.yaml');
  writeFileSync(manifest, readFileSync(join(ROOT, 'examples/mistakes/statefulset-typos.yaml')));
  const out = join(scratch, 'diagnostics.txt');
  // The test's part: wait for the diagnostics, write them out, quit.
  const harness = `
vim.defer_fn(function()
  local ok = vim.wait(30000, function() return #vim.diagnostic.get(0) >= 2 end, 100)
  local lines = { ok and 'ok' or 'timeout' }
  for _, d in ipairs(vim.diagnostic.get(0)) do
    table.insert(lines, string.format('%d:%d %s %s', d.lnum + 1, d.col + 1, tostring(d.code), d.message))
  end
  vim.fn.writefile(lines, ${JSON.stringify(out)})
  vim.cmd('qa!')
end, 10)
`;
  const init = join(scratch, 'init.lua');
  writeFileSync(init, `${config}\n${harness}`);
  const home = join(scratch, 'home');
  mkdirSync(home, { recursive: true });
  const r = spawnSync('nvim', ['--headless', '-n', '-i', 'NONE', '-u', init, manifest], {
    cwd: project,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_DATA_HOME: join(home, '.local/share'), XDG_STATE_HOME: join(home, '.local/state') },
  });
  assert.equal(r.status, 0, `nvim exited ${r.status} ${r.signal ?? ''}: ${r.stderr}`);
  const lines = readFileSync(out, 'utf8').trim().split('\n');
  assert.equal(lines[0], 'ok', lines.join('\n'));
  assert.deepEqual(lines.slice(1).sort(), [
    '7:13 schema replicas must be an integer, got the string "three"',
    '8:3 schema unknown field "serviceNme" — did you mean "serviceName"?',
  ].sort());
});

test("Neovim's add_workspace_folder / remove_workspace_folder: references into the added folder resolve, and go missing again when it is removed", () => {
  const config = editorDocBlock('neovim-config', 'lua');
  const project = join(scratch, 'folders');
  for (const dir of ['app', 'shared']) mkdirSync(join(project, dir), { recursive: true });
  const bin = serverOnPath(project);
  const reader = join(project, 'app', 'reader.yaml');
  writeFileSync(reader, ['apiVersion: v1', 'kind: Pod', 'metadata:', '  name: reader', 'spec:', '  containers:', '    - name: c', '      image: busybox', '      envFrom:', '        - secretRef: { name: db }', ''].join('\n'));
  writeFileSync(join(project, 'shared', 'secret.yaml'), ['apiVersion: v1', 'kind: Secret', 'metadata:', '  name: db', 'stringData:', '  token: x', ''].join('\n'));
  const out = join(scratch, 'folders.txt');
  // Missing while only app is the workspace; resolved once shared is added; missing again after it is removed.
  const harness = `
local lines = {}
local function codes()
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(0)) do table.insert(list, tostring(d.code)) end
  return table.concat(list, ',')
end
local function step(name, want)
  local ok = vim.wait(30000, function() return codes() == want end, 50)
  table.insert(lines, string.format('%s %s %s', name, ok and 'ok' or 'timeout', codes()))
end
vim.defer_fn(function()
  step('start', 'ref-secret-missing')
  vim.lsp.buf.add_workspace_folder(${JSON.stringify(join(project, 'shared'))})
  step('added', '')
  vim.lsp.buf.remove_workspace_folder(${JSON.stringify(join(project, 'shared'))})
  step('removed', 'ref-secret-missing')
  vim.fn.writefile(lines, ${JSON.stringify(out)})
  vim.cmd('qa!')
end, 10)
`;
  const init = join(scratch, 'folders-init.lua');
  writeFileSync(init, `${config}\n${harness}`);
  const home = join(scratch, 'home');
  mkdirSync(home, { recursive: true });
  const r = spawnSync('nvim', ['--headless', '-n', '-i', 'NONE', '-u', init, reader], {
    cwd: join(project, 'app'),
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), XDG_DATA_HOME: join(home, '.local/share'), XDG_STATE_HOME: join(home, '.local/state') },
  });
  assert.equal(r.status, 0, `nvim exited ${r.status} ${r.signal ?? ''}: ${r.stderr}`);
  assert.deepEqual(readFileSync(out, 'utf8').trim().split('\n'), ['start ok ref-secret-missing', 'added ok ', 'removed ok ref-secret-missing']);
});
