// The CLI in CI: config files, no silent passes, output formats and pipes, SARIF for code scanning.
// `node dist/cli.js` is spawned on temporary folders built from the fixtures.
import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';

const ROOT = process.cwd();
const CLI = join(ROOT, 'dist', 'cli.js');
const FIXTURES = join(ROOT, 'test/fixtures/cli');
const WARNINGS = readFileSync(join(FIXTURES, 'warnings/statefulset.yaml'), 'utf8');
const ERRORS = readFileSync(join(FIXTURES, 'errors/statefulset.yaml'), 'utf8');

const scratch = mkdtempSync(join(tmpdir(), 'k8s-stateful-ci-'));
after(() => rmSync(scratch, { recursive: true, force: true }));
let counter = 0;

/** A fresh folder with these files (path → text or bytes). */
function project(files: Record<string, string | Buffer>): string {
  const dir = join(scratch, `p${++counter}`);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  mkdirSync(dir, { recursive: true });
  return dir;
}

function cli(args: string[], options: { cwd?: string; input?: string | Buffer; env?: Record<string, string> } = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: options.cwd ?? ROOT, input: options.input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...options.env } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const ruleLines = (stdout: string) => stdout.split('\n').filter(Boolean).map((l) => l.replace(/^(\S+?):(\d+):(\d+): (\S+) (\S+) .*$/, '$4 $5'));

test('.k8s-stateful.yaml: the nearest one above each file sets rule severities; --rule wins over it; --no-config ignores it', () => {
  const dir = project({
    '.k8s-stateful.yaml': 'rules:\n  sts-claim-template-unused: error\n  sts-no-anti-affinity: off\n',
    'app/sts.yaml': WARNINGS,
    'other/.k8s-stateful.yaml': 'rules:\n  sts-claim-template-unused: info\n',
    'other/sts.yaml': WARNINGS,
  });
  const r = cli(['check', 'app', 'other'], { cwd: dir });
  assert.equal(r.status, 1, r.stderr);
  assert.deepEqual(r.stdout.split('\n').filter(Boolean).map((l) => l.split(' ').slice(0, 3).join(' ')), [
    'app/sts.yaml:30:15: error sts-claim-template-unused',
    'other/sts.yaml:9:13: info sts-no-anti-affinity',
    'other/sts.yaml:30:15: info sts-claim-template-unused',
  ]);
  assert.deepEqual(ruleLines(cli(['check', '--rule', 'sts-claim-template-unused=warning', 'app'], { cwd: dir }).stdout), ['warning sts-claim-template-unused']);
  assert.deepEqual(ruleLines(cli(['check', '--no-config', 'app'], { cwd: dir }).stdout), ['info sts-no-anti-affinity', 'warning sts-claim-template-unused']);
  const explicit = cli(['check', '--config', 'other/.k8s-stateful.yaml', 'app'], { cwd: dir });
  assert.deepEqual(ruleLines(explicit.stdout), ['info sts-no-anti-affinity', 'info sts-claim-template-unused']);
  assert.equal(cli(['check', '--config', 'missing.yaml', 'app'], { cwd: dir }).status, 2);
});

test('config exclude globs leave files out, and say so; defaultNamespace and kubernetesVersion are accepted', () => {
  const dir = project({
    '.k8s-stateful.yaml': 'exclude:\n  - "legacy/**"\n  - "*.tmpl.yaml"\ndefaultNamespace: prod\nkubernetesVersion: "1.33"\n',
    'legacy/deep/sts.yaml': ERRORS,
    'x.tmpl.yaml': ERRORS,
    'ok/sts.yaml': WARNINGS,
  });
  const r = cli(['check', '.'], { cwd: dir });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.doesNotMatch(r.stdout, /legacy|tmpl/);
  assert.match(r.stderr, /2 files excluded by the config file/);
});

test('an unknown rule id anywhere is a clear error: config (exit 2 with its position), --rule (exit 2), suppression comment (an error finding)', () => {
  const dir = project({ '.k8s-stateful.yaml': 'rules:\n  shcema: off\nexclud: []\n', 'sts.yaml': WARNINGS });
  const config = cli(['check', '.'], { cwd: dir });
  assert.equal(config.status, 2);
  assert.equal(config.stdout, '');
  assert.match(config.stderr, /^\.k8s-stateful\.yaml:2:3: error unknown rule id "shcema" — did you mean "schema"\?$/m);
  assert.match(config.stderr, /^\.k8s-stateful\.yaml:3:1: error unknown setting "exclud" — did you mean "exclude"\?/m);

  const flag = cli(['check', '--rule', 'sts-no-antiaffinity=off', FIXTURES]);
  assert.equal(flag.status, 2);
  assert.match(flag.stderr, /unknown rule id "sts-no-antiaffinity" — did you mean "sts-no-anti-affinity"\?/);

  const comment = cli(['check', '-'], { input: WARNINGS.replace('  replicas: 3', '  # k8s-stateful-disable-next-line sts-no-anti-affinity, shcema\n  replicas: 3') });
  assert.equal(comment.status, 1);
  assert.deepEqual(comment.stdout.split('\n').filter(Boolean).map((l) => l.split(' ').slice(0, 3).join(' ')), [
    '<stdin>:9:58: error unknown-rule-id',
    '<stdin>:31:15: warning sts-claim-template-unused',
  ]);
  assert.match(comment.stdout, /unknown rule id "shcema" — did you mean "schema"\? \(the comment suppresses nothing\)/);
});

test('no silent passes: no files fails unless --allow-empty; --max-warnings; unknown kinds are counted', () => {
  const empty = project({ 'README.md': '# nothing\n' });
  const none = cli(['check', empty]);
  assert.equal(none.status, 2);
  assert.match(none.stderr, /no YAML files found .*--allow-empty/);
  assert.equal(cli(['check', '--allow-empty', empty]).status, 0);

  const warnings = join(FIXTURES, 'warnings');
  assert.equal(cli(['check', warnings]).status, 0);
  assert.equal(cli(['check', '--max-warnings', '1', warnings]).status, 0);
  const over = cli(['check', '--max-warnings', '0', warnings]);
  assert.equal(over.status, 1);
  assert.match(over.stderr, /more than --max-warnings 0 warnings/);

  const crd = 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: a}\n---\napiVersion: example.com/v1\nkind: Widget\nmetadata: {name: b}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n';
  const json = cli(['check', '-f', 'json', '-'], { input: crd });
  assert.equal(json.status, 0);
  const summary = JSON.parse(json.stdout).summary;
  assert.equal(summary.resources, 3);
  assert.deepEqual(summary.unknownKinds, { 'example.com/v1/Widget': 2 });
  assert.match(json.stderr, /2 resources of unknown kinds checked for YAML syntax only \(no CRD for them; see --crds\): example\.com\/v1\/Widget ×2/);
});

test('files of any size are checked fully (the size cap is the editor\'s), stdin included', () => {
  const filler = `# ${'x'.repeat(98)}\n`.repeat(70_000); // 7 MB of comments: over twice the editor's 3 MB cap
  const big = `${filler}${ERRORS}`;
  const dir = project({ 'big.yaml': big });
  for (const [args, input] of [[['check', join(dir, 'big.yaml')], undefined], [['check', '-'], big]] as const) {
    const r = cli([...args], { input });
    assert.equal(r.status, 1, r.stderr);
    assert.deepEqual(ruleLines(r.stdout), ['error schema', 'error schema']);
    assert.doesNotMatch(r.stdout, /file-too-large/);
  }
});

test('UTF-16 and UTF-32 with a byte order mark are decoded; undecodable input is an error, not a pass', () => {
  const utf16be = Buffer.from(ERRORS, 'utf16le').swap16();
  const utf32le = Buffer.alloc(ERRORS.length * 4);
  [...ERRORS].forEach((c, i) => utf32le.writeUInt32LE(c.codePointAt(0)!, i * 4));
  const dir = project({
    'utf8-bom.yaml': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(ERRORS)]),
    'utf16le.yaml': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(ERRORS, 'utf16le')]),
    'utf16be.yaml': Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be]),
    'utf32le.yaml': Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), utf32le]),
  });
  const r = cli(['check', '.'], { cwd: dir });
  assert.equal(r.status, 1);
  for (const name of ['utf8-bom', 'utf16le', 'utf16be', 'utf32le']) {
    assert.match(r.stdout, new RegExp(`^${name}\\.yaml:7:13: error schema replicas must be an integer`, 'm'), name);
  }
  const bad = project({ 'latin1.yaml': Buffer.from('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: caf\xe9}\n', 'latin1'), 'binary.yaml': Buffer.from([0x00, 0x01, 0x02, 0x41]) });
  const broken = cli(['check', '.'], { cwd: bad });
  assert.equal(broken.status, 1);
  assert.match(broken.stdout, /^binary\.yaml:1:1: error file-encoding .*NUL/m);
  assert.match(broken.stdout, /^latin1\.yaml:1:1: error file-encoding .*not valid UTF-8/m);
});

test('--format github prints workflow commands, escaped', () => {
  const r = cli(['check', '-f', 'github', '--severity', 'hint', join(FIXTURES, 'warnings')]);
  assert.equal(r.status, 0);
  const lines = r.stdout.split('\n').filter(Boolean);
  assert.deepEqual(lines.map((l) => l.split(' ')[0]), ['::notice', '::notice', '::warning']);
  assert.match(lines[2], /^::warning file=test\/fixtures\/cli\/warnings\/statefulset\.yaml,line=30,col=15,endLine=30,endColumn=19,title=k8s-stateful sts-claim-template-unused::volumeClaimTemplate "data" is not mounted/);
  const colon = cli(['check', '-f', 'github', '--stdin-filename', 'a:b,c.yaml', '-'], { input: 'apiVersion: v1\nkind: Service\nmetadata: {name: a}\nspec:\n  ports: [{port: "100%"}]\n' });
  assert.match(colon.stdout, /^::error file=a%3Ab%2Cc\.yaml,line=5,.*::port must be an integer/m);
});

test('the text format and the problem matcher contribution agree: file:line:col: severity rule-id message', () => {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const matcher = manifest.contributes.problemMatchers.find((m: { name: string }) => m.name === 'k8s-stateful');
  assert.ok(matcher, 'package.json contributes a k8s-stateful problem matcher');
  const pattern = matcher.pattern;
  const r = cli(['check', '--severity', 'hint', join(FIXTURES, 'warnings')]);
  const lines = r.stdout.split('\n').filter(Boolean);
  assert.equal(lines.length, 3);
  for (const line of lines) {
    const m = new RegExp(pattern.regexp).exec(line);
    assert.ok(m, line);
    assert.match(m[pattern.file], /statefulset\.yaml$/);
    assert.match(m[pattern.line], /^\d+$/);
    assert.match(m[pattern.column], /^\d+$/);
    assert.ok(['error', 'warning', 'info', 'hint'].includes(m[pattern.severity]));
    assert.match(m[pattern.code], /^[a-z0-9-]+$/);
    assert.ok(m[pattern.message].length > 10);
  }
});

test('a reader that stops early (| head) ends the run quietly with its real status; an unwritable -o is one line and exit 2', async () => {
  const input = `${ERRORS}\n---\n`.repeat(300);
  for (const [format, status] of [['sarif', 1], ['json', 1]] as const) {
    const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [CLI, 'check', '-q', '-f', format, '-'], { stdio: ['pipe', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      // Like `head -c 10`: read a little, then close the pipe.
      child.stdout.once('data', () => child.stdout.destroy());
      child.on('close', (code) => resolve({ code, stderr }));
      child.stdin.end(input);
    });
    assert.equal(result.code, status, result.stderr);
    assert.equal(result.stderr, '', format);
  }
  const dir = project({ 'sts.yaml': ERRORS });
  mkdirSync(join(dir, 'readonly'));
  chmodSync(join(dir, 'readonly'), 0o500);
  for (const target of [join(dir, 'missing-folder', 'out.sarif'), join(dir, 'readonly', 'out.sarif')]) {
    const r = cli(['check', '-f', 'sarif', '-o', target, dir]);
    if (process.getuid?.() === 0 && target.includes('readonly')) continue; // root writes anywhere
    assert.equal(r.status, 2, r.stderr);
    assert.equal(r.stderr.trim().split('\n').filter((l) => !l.includes('checked ')).length, 1, r.stderr);
    assert.match(r.stderr, /^k8s-stateful: cannot write .*out\.sarif: E[A-Z]+$/m);
    assert.doesNotMatch(r.stderr, /internal error|\n\s+at /);
  }
});

test('SARIF: URIs relative to the repository root, fingerprints that survive moved lines, stdin named, helpUri only for a web address', () => {
  const dir = project({ 'deploy/sts.yaml': ERRORS });
  assert.equal(spawnSync('git', ['init', '-q', dir]).status, 0);
  const sarif = (args: string[], options: Parameters<typeof cli>[1] = {}) => JSON.parse(cli(['check', '-f', 'sarif', ...args], options).stdout).runs[0];
  // Run from a subfolder: paths are still relative to the git top level.
  const fromSub = sarif(['.'], { cwd: join(dir, 'deploy') });
  assert.deepEqual(fromSub.results.map((r: any) => r.locations[0].physicalLocation.artifactLocation), [
    { uri: 'deploy/sts.yaml', uriBaseId: '%SRCROOT%' },
    { uri: 'deploy/sts.yaml', uriBaseId: '%SRCROOT%' },
  ]);
  assert.equal(fromSub.originalUriBaseIds['%SRCROOT%'].uri, `file://${dir}/`);
  const rooted = sarif(['--sarif-root', join(dir, 'deploy'), 'sts.yaml'], { cwd: join(dir, 'deploy') });
  assert.equal(rooted.results[0].locations[0].physicalLocation.artifactLocation.uri, 'sts.yaml');

  const prints = (run: any) => run.results.map((r: any) => r.partialFingerprints.primaryLocationLineHash);
  const before = prints(fromSub);
  assert.equal(new Set(before).size, 2);
  for (const p of before) assert.match(p, /^[0-9a-f]{16}:\d+$/);
  writeFileSync(join(dir, 'deploy/sts.yaml'), `# a comment added above\n\n${ERRORS}`);
  const moved = sarif(['.'], { cwd: dir });
  assert.equal(moved.results[0].locations[0].physicalLocation.region.startLine, 9);
  assert.deepEqual(prints(moved), before, 'fingerprints do not depend on line numbers');

  const stdin = sarif(['--stdin-filename', 'deploy/from-stdin.yaml', '-'], { cwd: dir, input: ERRORS });
  assert.equal(stdin.results[0].locations[0].physicalLocation.artifactLocation.uri, 'deploy/from-stdin.yaml');
  assert.deepEqual(prints(stdin), before);

  const offline = sarif(['.'], { cwd: dir, env: { K8S_STATEFUL_DOCS_BASE_URI: 'file:///somewhere/docs' } });
  for (const rule of offline.tool.driver.rules) {
    assert.ok(rule.helpUri === undefined || rule.helpUri.startsWith('https://'), rule.helpUri);
    assert.ok(rule.help.text.length > 0);
  }
  const web = sarif(['.'], { cwd: dir, env: { K8S_STATEFUL_DOCS_BASE_URI: 'https://docs.example.org/rules/' } });
  assert.equal(web.tool.driver.rules.find((r: any) => r.id === 'schema').helpUri, 'https://docs.example.org/rules/schema.md');
  assert.match(web.tool.driver.rules.find((r: any) => r.id === 'schema').help.markdown, /^# schema/);
  assert.doesNotMatch(JSON.stringify(offline), new RegExp(ROOT.replace(/[/.]/g, '\\$&')), 'no path of the machine that ran the check');
});
