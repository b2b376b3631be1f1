// The CLI as CI runs it: `node dist/cli.js` spawned on fixture folders (test/fixtures/cli/).
//   clean/     two files (StatefulSet + its headless Service in another file): nothing to report
//   errors/    schema errors, a YAML syntax error in a nested .yml, a non-Kubernetes YAML file,
//              and bad files under node_modules/ and .hidden/ that the walk must skip
//   warnings/  a warning, an info and a hint, no errors
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { test } from 'node:test';

const ROOT = process.cwd();
const CLI = join(ROOT, 'dist', 'cli.js');
const FIXTURES = 'test/fixtures/cli';

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], input?: string): Run {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const TEXT_LINE = /^(\S+):(\d+):(\d+): (error|warning|info|hint) (\S+) (.+)$/;

function textLines(stdout: string): RegExpExecArray[] {
  const lines = stdout.split('\n').filter(Boolean);
  return lines.map((line) => {
    const m = TEXT_LINE.exec(line);
    assert.ok(m, `not "file:line:col: severity rule-id message": ${line}`);
    return m;
  });
}

test('the bundle is an executable script with a shebang (npx k8s-stateful)', () => {
  assert.ok(readFileSync(CLI, 'utf8').startsWith('#!/usr/bin/env node\n'));
  if (process.platform !== 'win32') assert.ok((statSync(CLI).mode & 0o111) !== 0, 'dist/cli.js is not executable');
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  assert.equal(pkg.bin['k8s-stateful'], './dist/cli.js');
});

test('--help and --version exit 0 on stdout', () => {
  const help = cli(['--help']);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /^Usage: k8s-stateful check/);
  assert.match(help.stdout, /--format text\|json\|sarif/);
  const version = cli(['--version']);
  assert.equal(version.status, 0);
  assert.match(version.stdout, /^\d+\.\d+\.\d+\n$/);
});

test('bad usage exits 2 with a message on stderr and nothing on stdout', () => {
  const cases: string[][] = [
    [],
    ['lint', FIXTURES],
    ['check', '--bogus', FIXTURES],
    ['check', '--format', 'xml', FIXTURES],
    ['check', '--format'],
    ['check', '--severity', 'fatal', FIXTURES],
    ['check', '--jobs', '0', FIXTURES],
    ['check', '--rule', 'sts-service-missing', FIXTURES],
    ['check', '--preview', '--format', 'sarif', FIXTURES],
    ['check', `${FIXTURES}/does-not-exist`],
  ];
  for (const args of cases) {
    const r = cli(args);
    assert.equal(r.status, 2, `${args.join(' ')}: exit ${r.status}, stderr ${r.stderr}`);
    assert.equal(r.stdout, '', args.join(' '));
    assert.match(r.stderr, /^k8s-stateful: /, args.join(' '));
  }
  assert.match(cli(['check', `${FIXTURES}/does-not-exist`]).stderr, /no such file or folder/);
});

test('clean files exit 0 and print nothing on stdout, even at --severity hint', () => {
  const r = cli(['check', '--severity', 'hint', `${FIXTURES}/clean`]);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /2 files \(2 resources\) checked in [\d.]+s: 0 errors, 0 warnings, 0 infos, 0 hints/);
});

test('errors exit 1, one text line per diagnostic, walking nested folders and skipping node_modules and hidden folders', () => {
  const r = cli(['check', `${FIXTURES}/errors`]);
  assert.equal(r.status, 1, r.stderr);
  const lines = textLines(r.stdout);
  const got = lines.map((m) => `${m[1]}:${m[2]}:${m[3]} ${m[4]} ${m[5]}`);
  assert.deepEqual(got, [
    `${FIXTURES}/errors/nested/broken.yml:5:1 error yaml-syntax`,
    `${FIXTURES}/errors/statefulset.yaml:7:13 error schema`,
    `${FIXTURES}/errors/statefulset.yaml:8:3 error schema`,
  ]);
  assert.match(lines[1][6], /replicas must be an integer, got the string "three"/);
  assert.match(lines[2][6], /unknown field "serviceNme" — did you mean "serviceName"\?/);
  assert.doesNotMatch(r.stdout, /node_modules|\.hidden|not-kubernetes/);
  assert.match(r.stderr, /4 files \(\d+ resources\) checked/);
  assert.match(r.stderr, /1 file not Kubernetes YAML/);
});

test('an explicit file is checked whatever its extension; a folder walk takes only *.yaml/*.yml', () => {
  const dir = mkdtempSync(join(tmpdir(), 'k8s-stateful-cli-'));
  try {
    const manifest = join(dir, 'manifest.txt');
    writeFileSync(manifest, 'apiVersion: v1\nkind: Service\nmetadata: {name: a}\nspec:\n  ports: [{port: http}]\n');
    assert.equal(cli(['check', dir]).stderr.includes('no YAML files found'), true);
    const r = cli(['check', manifest]);
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /manifest\.txt:5:18: error schema port must be an integer/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--format json: summary and 1-based diagnostics', () => {
  const r = cli(['check', '--format', 'json', `${FIXTURES}/errors`]);
  assert.equal(r.status, 1);
  const report = JSON.parse(r.stdout);
  assert.equal(report.tool.name, 'k8s-stateful');
  assert.deepEqual(
    { ...report.summary, durationMs: 0 },
    { files: 4, skippedFiles: 1, excludedFiles: 0, resources: 3, unknownKinds: {}, errors: 3, warnings: 0, infos: 0, hints: 0, durationMs: 0 },
  );
  assert.equal(report.diagnostics.length, 3);
  const replicas = report.diagnostics.find((d: { message: string }) => d.message.startsWith('replicas'));
  assert.deepEqual(
    { file: replicas.file, line: replicas.line, column: replicas.column, endLine: replicas.endLine, endColumn: replicas.endColumn, severity: replicas.severity, ruleId: replicas.ruleId },
    { file: `${FIXTURES}/errors/statefulset.yaml`, line: 7, column: 13, endLine: 7, endColumn: 18, severity: 'error', ruleId: 'schema' },
  );
  // stderr carries the summary; stdout is only the JSON document.
  assert.match(r.stderr, /3 errors/);
});

test('--format sarif: SARIF 2.1.0 as GitHub code scanning reads it', () => {
  const r = cli(['check', '--format', 'sarif', '--severity', 'hint', FIXTURES]);
  assert.equal(r.status, 1);
  const sarif = JSON.parse(r.stdout);
  assert.equal(sarif.version, '2.1.0');
  assert.match(sarif.$schema, /sarif-2\.1\.0/);
  assert.equal(sarif.runs.length, 1);
  const run = sarif.runs[0];
  const driver = run.tool.driver;
  assert.equal(driver.name, 'k8s-stateful');
  assert.match(driver.version, /^\d+\.\d+\.\d+$/);
  assert.ok(Array.isArray(driver.rules) && driver.rules.length > 0);
  const ids = driver.rules.map((rule: { id: string }) => rule.id);
  assert.equal(new Set(ids).size, ids.length, 'rule ids are unique');
  for (const rule of driver.rules) {
    assert.match(rule.id, /^[a-z0-9-]+$/);
    assert.ok(rule.shortDescription.text.length > 0, rule.id);
    // Links only to a web address (package.json repository): never to the runner's own folders.
    if (rule.helpUri !== undefined) assert.match(rule.helpUri, /^https:\/\/.+\/docs\/rules\/[a-z0-9-]+\.md$/, rule.id);
    assert.ok(rule.help.text.length > 0, rule.id);
    assert.ok(['error', 'warning', 'note'].includes(rule.defaultConfiguration.level), rule.id);
  }
  for (const id of ['yaml-syntax', 'schema', 'sts-service-missing']) assert.ok(ids.includes(id), id);
  assert.equal(run.columnKind, 'utf16CodeUnits');
  assert.match(run.originalUriBaseIds['%SRCROOT%'].uri, /^file:\/\/.*\/$/);

  const results = run.results;
  assert.equal(results.length, 6, JSON.stringify(results.map((x: { ruleId: string }) => x.ruleId)));
  for (const result of results) {
    assert.equal(driver.rules[result.ruleIndex].id, result.ruleId);
    assert.ok(['error', 'warning', 'note'].includes(result.level));
    assert.ok(result.message.text.length > 0);
    assert.equal(result.locations.length, 1);
    const { artifactLocation, region } = result.locations[0].physicalLocation;
    assert.equal(artifactLocation.uriBaseId, '%SRCROOT%');
    assert.match(artifactLocation.uri, /^test\/fixtures\/cli\/[\w/.-]+\.ya?ml$/);
    assert.ok(Number.isInteger(region.startLine) && region.startLine >= 1);
    assert.ok(Number.isInteger(region.startColumn) && region.startColumn >= 1);
    if (region.endLine !== undefined) assert.ok(region.endLine >= region.startLine);
  }
  // The ConfigMap in errors/nested/broken.yml is another folder's (docs/scopes.md): the warnings/
  // fixture's reference to a ConfigMap its own scope never defines stays a hint (a SARIF note).
  const levels = results.map((x: { ruleId: string; level: string }) => `${x.level} ${x.ruleId}`).sort();
  assert.deepEqual(levels, ['error schema', 'error schema', 'error yaml-syntax', 'note ref-configmap-missing', 'note sts-no-anti-affinity', 'warning sts-claim-template-unused']);
  const replicas = results.find((x: { message: { text: string } }) => x.message.text.startsWith('replicas'));
  assert.deepEqual(replicas.locations[0].physicalLocation, {
    artifactLocation: { uri: `${FIXTURES}/errors/statefulset.yaml`, uriBaseId: '%SRCROOT%' },
    region: { startLine: 7, startColumn: 13, endLine: 7, endColumn: 18 },
  });
});

test('--severity is a threshold; warnings alone exit 0; --rule can raise one to an error', () => {
  const severities = (args: string[]) => textLines(cli(['check', ...args, `${FIXTURES}/warnings`]).stdout).map((m) => `${m[4]} ${m[5]}`);
  assert.deepEqual(severities(['--severity', 'hint']), ['info sts-no-anti-affinity', 'hint ref-configmap-missing', 'warning sts-claim-template-unused']);
  assert.deepEqual(severities([]), ['info sts-no-anti-affinity', 'warning sts-claim-template-unused'], 'default threshold is info');
  assert.deepEqual(severities(['--severity', 'warning']), ['warning sts-claim-template-unused']);
  assert.deepEqual(severities(['-s', 'error']), []);
  assert.equal(cli(['check', '--severity', 'hint', `${FIXTURES}/warnings`]).status, 0);
  const raised = cli(['check', '--rule', 'sts-claim-template-unused=error', '--rule=sts-no-anti-affinity=off', `${FIXTURES}/warnings`]);
  assert.equal(raised.status, 1);
  assert.deepEqual(textLines(raised.stdout).map((m) => `${m[4]} ${m[5]}`), ['error sts-claim-template-unused']);
});

test('cross-file rules see every file given: the Service in another file counts, and missing it is reported', () => {
  assert.equal(cli(['check', '--severity', 'hint', `${FIXTURES}/clean`]).stdout, '');
  const alone = cli(['check', `${FIXTURES}/clean/app.yaml`]);
  assert.equal(alone.status, 0, 'a Service kind defined nowhere is a hint, below the default threshold');
  // Strict: the rule's own default, a warning (the API server accepts the StatefulSet; docs/severity.md).
  const strict = cli(['check', '--strict-references', `${FIXTURES}/clean/app.yaml`]);
  assert.equal(strict.status, 0);
  assert.match(strict.stdout, /app\.yaml:7:16: warning sts-service-missing serviceName "cache"/);
});

test('worker threads give exactly the main thread\'s output', () => {
  for (const format of ['text', 'json', 'sarif']) {
    const one = cli(['check', '--jobs', '1', '--severity', 'hint', '--format', format, FIXTURES]);
    const three = cli(['check', '--jobs', '3', '--severity', 'hint', '--format', format, FIXTURES]);
    assert.equal(three.status, one.status);
    const normalize = (s: string) => s.replace(/"durationMs": [\d.]+/, '');
    assert.equal(normalize(three.stdout), normalize(one.stdout), format);
    assert.match(three.stderr, /3 workers/);
  }
});

test('stdin ("-") is checked as <stdin>', () => {
  const r = cli(['check', '-'], 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: x}\nspec:\n  replicas: -1x\n');
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stdout, /^<stdin>:5:13: error schema replicas must be an integer/m);
});

test('--output writes the report to a file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'k8s-stateful-cli-'));
  try {
    const out = join(dir, 'report.sarif');
    const r = cli(['check', '-f', 'sarif', '-o', out, `${FIXTURES}/errors`]);
    assert.equal(r.status, 1);
    assert.equal(r.stdout, '');
    assert.ok(existsSync(out));
    assert.equal(JSON.parse(readFileSync(out, 'utf8')).runs[0].results.length, 3);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--preview prints the Stateful Preview as text (or JSON) and exits 0', () => {
  const r = cli(['check', '--preview', `${FIXTURES}/clean`]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^StatefulSet default\/cache {2}\(test\/fixtures\/cli\/clean\/app\.yaml:\d+:\d+\)$/m);
  assert.match(r.stdout, /cache-0/);
  assert.match(r.stdout, /pvc: data-cache-0/);
  const json = cli(['check', '--preview', '--format', 'json', `${FIXTURES}/clean`]);
  assert.equal(json.status, 0);
  const model = JSON.parse(json.stdout);
  assert.equal(model.statefulSets[0].name, 'cache');
  assert.equal(model.statefulSets[0].location.file, `${FIXTURES}/clean/app.yaml`);
});
