// The GitHub Action (action.yml + scripts/action-run.sh) and the pre-commit hooks
// (.pre-commit-hooks.yaml), run as far as this machine allows: the action's step with the inputs a
// workflow passes (the CLI of this build instead of npx), and pre-commit itself (Debian's) running
// the hook in a scratch repository.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { parse } from 'yaml';

const ROOT = process.cwd();
const CLI = join(ROOT, 'dist/cli.js');
const TYPOS = readFileSync(join(ROOT, 'examples/mistakes/statefulset-typos.yaml'), 'utf8');
const scratch = mkdtempSync(join(tmpdir(), 'k8s-stateful-ci-int-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

test('action.yml: a composite action whose inputs all reach the step, and whose step runs the CLI', () => {
  const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8'));
  assert.equal(action.runs.using, 'composite');
  const step = action.runs.steps[0];
  for (const input of Object.keys(action.inputs)) {
    assert.ok(Object.values(step.env).includes(`\${{ inputs.${input} }}`), `input ${input} is passed to the step`);
  }
  assert.match(step.run, /scripts\/action-run\.sh/);

  const dir = join(scratch, 'action');
  mkdirSync(join(dir, 'deploy'), { recursive: true });
  writeFileSync(join(dir, 'deploy/sts.yaml'), TYPOS);
  const run = (inputs: Record<string, string>) =>
    spawnSync('bash', [join(ROOT, 'scripts/action-run.sh')], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, ACTION_PATH: ROOT, K8S_STATEFUL_CLI: CLI, INPUT_PATHS: 'deploy', ...inputs },
    });
  const annotations = run({});
  assert.equal(annotations.status, 1, annotations.stderr);
  assert.match(annotations.stdout, /^::error file=deploy\/sts\.yaml,line=7,col=13,.*::replicas must be an integer/m);
  const sarif = run({ INPUT_FORMAT: 'sarif', INPUT_SARIF_FILE: 'out.sarif', INPUT_ARGS: '--no-config --severity error' });
  assert.equal(sarif.status, 1, sarif.stderr);
  assert.equal(JSON.parse(readFileSync(join(dir, 'out.sarif'), 'utf8')).runs[0].results.length, 2);
  const clean = run({ INPUT_PATHS: join(ROOT, 'test/fixtures/cli/warnings'), INPUT_MAX_WARNINGS: '0' });
  assert.equal(clean.status, 1, 'max-warnings reaches the CLI');
});

test('.pre-commit-hooks.yaml: pre-commit runs the hook on the staged manifests and fails on errors', () => {
  const hooks = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Array<{ id: string; entry: string; language: string; files: string }>;
  assert.deepEqual(hooks.map((h) => h.id), ['k8s-stateful', 'k8s-stateful-system']);
  for (const hook of hooks) {
    assert.match(hook.entry, /^k8s-stateful check /);
    assert.ok(new RegExp(hook.files).test('deploy/a.yaml') && new RegExp(hook.files).test('a.yml') && !new RegExp(hook.files).test('a.json'));
  }
  const version = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' });
  assert.equal(version.status, 0, 'pre-commit is not installed: run `bash scripts/setup-code-server.sh` (installs Debian pre-commit)');

  // The system hook with the CLI of this build on PATH (the node hook would npm-install this repository, which needs the network).
  const bin = join(scratch, 'bin');
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, 'k8s-stateful'), `#!/bin/sh\nexec "${process.execPath}" "${CLI}" "$@"\n`);
  chmodSync(join(bin, 'k8s-stateful'), 0o755);
  const repo = join(scratch, 'repo');
  mkdirSync(repo);
  const git = (...args: string[]) => spawnSync('git', ['-c', 'user.email=t@example.org', '-c', 'user.name=t', ...args], { cwd: repo, encoding: 'utf8' });
  git('init', '-q');
  writeFileSync(join(repo, 'sts.yaml'), TYPOS);
  writeFileSync(join(repo, 'notes.json'), '{}');
  const hooksCopy = join(scratch, 'hooks-repo');
  mkdirSync(hooksCopy);
  writeFileSync(join(hooksCopy, '.pre-commit-hooks.yaml'), readFileSync(join(ROOT, '.pre-commit-hooks.yaml')));
  spawnSync('git', ['init', '-q'], { cwd: hooksCopy });
  spawnSync('git', ['-c', 'user.email=t@example.org', '-c', 'user.name=t', 'add', '.'], { cwd: hooksCopy });
  spawnSync('git', ['-c', 'user.email=t@example.org', '-c', 'user.name=t', 'commit', '-qm', 'hooks'], { cwd: hooksCopy });
  git('add', '.');
  const env = { ...process.env, PATH: `${bin}:${process.env.PATH}`, PRE_COMMIT_HOME: join(scratch, 'pre-commit-home'), NO_COLOR: '1' };
  const failing = spawnSync('pre-commit', ['try-repo', hooksCopy, 'k8s-stateful-system', '--files', 'sts.yaml', 'notes.json'], { cwd: repo, encoding: 'utf8', env, timeout: 120_000 });
  assert.equal(failing.status, 1, failing.stdout + failing.stderr);
  assert.match(failing.stdout, /sts\.yaml:7:13: error schema replicas must be an integer/);
  assert.match(failing.stdout, /Failed/);
  writeFileSync(join(repo, 'sts.yaml'), TYPOS.replace('"three"', '3').replace('serviceNme', 'serviceName'));
  const passing = spawnSync('pre-commit', ['try-repo', hooksCopy, 'k8s-stateful-system', '--files', 'sts.yaml'], { cwd: repo, encoding: 'utf8', env, timeout: 120_000 });
  assert.equal(passing.status, 0, passing.stdout + passing.stderr);
  assert.match(passing.stdout, /Passed/);
});
