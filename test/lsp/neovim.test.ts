// Headless Neovim (Debian's 0.7) as a second real LSP client: the Neovim set-up of docs/editors.md,
// taken from the page itself, starts the server from PATH, attaches to a manifest and receives the
// server's diagnostics. Needs `nvim` (scripts/setup-code-server.sh installs Debian's neovim).
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
  mkdirSync(home);
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
