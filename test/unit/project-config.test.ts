// `.k8s-stateful.yaml`: parsing with positioned problems, merging over client settings, exclude and
// scope globs, and the editor's completion on the file.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { configCompletions, configDiagnostics, isConfigUri } from '../../server/src/config/configEditing';
import { isExcludedByConfig, settingsWithConfig } from '../../server/src/config/findConfig';
import { parseProjectConfig } from '../../server/src/config/projectConfig';
import { matchesAny } from '../../server/src/service/paths/glob';
import { normalizeSettings } from '../../server/src/service/settings';

const FULL = `# shared by the editor and CI
rules:
  sts-no-anti-affinity: off
  pvc-storage-class-unknown: error
exclude:
  - charts/**
kubernetesVersion: "1.33"
defaultNamespace: prod
clusterDomain: k8s.internal
maxFileSize: 1048576
scopes:
  - name: shop
    files: ["apps/shop/**", "base/*.yaml"]
  - name: blog
    files: [apps/blog/**]
crds: [../operator/crds, crd.yaml]
`;

test('a complete config parses into plain settings without problems', () => {
  const { config, problems } = parseProjectConfig(FULL);
  assert.deepEqual(problems, []);
  assert.deepEqual(config, {
    rules: { 'sts-no-anti-affinity': 'off', 'pvc-storage-class-unknown': 'error' },
    exclude: ['charts/**'],
    kubernetesVersion: '1.33',
    defaultNamespace: 'prod',
    clusterDomain: 'k8s.internal',
    maxFileSize: 1048576,
    scopes: [
      { name: 'shop', files: ['apps/shop/**', 'base/*.yaml'] },
      { name: 'blog', files: ['apps/blog/**'] },
    ],
    crds: ['../operator/crds', 'crd.yaml'],
  });
});

test('problems carry the position of the offending key or value', () => {
  const text = 'rules:\n  shcema: off\n  schema: fatal\nexclud: []\nkubernetesVersion: 1.30\nscopes:\n  - name: a\n  - files: [x]\nmaxFileSize: big\ncrds: operator/crds\n';
  const { problems } = parseProjectConfig(text);
  assert.deepEqual(
    problems.map((p) => [text.slice(p.start, p.end).trim(), p.code]),
    [
      ['shcema', 'unknown-rule-id'],
      ['fatal', 'config-file'],
      ['exclud', 'config-file'],
      ['1.30', 'config-file'],
      ['name: a', 'config-file'],
      ['files: [x]', 'config-file'],
      ['big', 'config-file'],
      ['operator/crds', 'config-file'],
    ],
  );
  assert.deepEqual(problems.map((p) => p.message), [
    'unknown rule id "shcema" — did you mean "schema"?',
    'rules.schema must be one of error, warning, info, hint, off',
    'unknown setting "exclud" — did you mean "exclude"? (known: rules, exclude, kubernetesVersion, defaultNamespace, clusterDomain, maxFileSize, scopes, crds)',
    'kubernetesVersion must be a quoted string ("1.30"): unquoted, 1.30 reads as the number 1.3',
    'scope "a" needs files: a list of globs',
    'each scope needs a name',
    'maxFileSize must be a whole number of bytes',
    'crds must be a list of files or folders of CustomResourceDefinitions',
  ]);
  assert.match(parseProjectConfig('rules: [a\n').problems[0].message, /./, 'broken YAML is a problem, not a crash');
  assert.match(parseProjectConfig('- a\n').problems[0].message, /must be a map/);
  assert.deepEqual(parseProjectConfig('').problems, []);
  assert.deepEqual(parseProjectConfig('# only a comment\n').problems, []);
});

test('the config goes over the client settings key by key, rule by rule; scopes carry their folder', () => {
  const loaded = { path: '/repo/.k8s-stateful.yaml', text: FULL, ...parseProjectConfig(FULL) };
  const client = { rules: { 'sts-no-anti-affinity': 'error', 'secret-trailing-newline': 'off' }, defaultNamespace: 'dev', clusterDomain: 'cluster.local', references: { strict: true } };
  const settings = normalizeSettings(settingsWithConfig(client, loaded));
  assert.deepEqual(settings.rules, { 'sts-no-anti-affinity': 'off', 'secret-trailing-newline': 'off', 'pvc-storage-class-unknown': 'error' });
  assert.equal(settings.defaultNamespace, 'prod');
  assert.equal(settings.clusterDomain, 'k8s.internal');
  assert.equal(settings.maxFileSize, 1048576);
  assert.equal(settings.kubernetesVersion, '1.33');
  assert.equal(settings.references.strict, true);
  assert.deepEqual(settings.scopes[0], { name: 'shop', files: ['apps/shop/**', 'base/*.yaml'], base: 'file:///repo' });
  assert.deepEqual(normalizeSettings(settingsWithConfig(client, undefined)).rules, client.rules);
  assert.equal(isExcludedByConfig('/repo/charts/x/templates/a.yaml', loaded), true);
  assert.equal(isExcludedByConfig('/repo/apps/charts.yaml', loaded), false);
  assert.equal(isExcludedByConfig('/elsewhere/charts/a.yaml', loaded), false);
});

test('globs: names match at any depth, paths from the config folder, ** spans folders, a folder covers its files', () => {
  const cases: Array<[string, string, boolean]> = [
    ['a/b/c.yaml', '*.yaml', true],
    ['a/b/c.yml', '*.yaml', false],
    ['charts/x/y.yaml', 'charts', true],
    ['apps/charts/y.yaml', 'charts', true],
    ['apps/charts/y.yaml', 'charts/**', false],
    ['charts/y.yaml', 'charts/**', true],
    ['apps/shop/deep/x.yaml', 'apps/shop/**', true],
    ['apps/shopping/x.yaml', 'apps/shop/**', false],
    ['base/a.yaml', 'base/*.yaml', true],
    ['base/sub/a.yaml', 'base/*.yaml', false],
    ['x/a.tmpl.yaml', '**/*.tmpl.yaml', true],
    ['a.tmpl.yaml', '**/*.tmpl.yaml', true],
    ['a.yaml', '?.yaml', true],
    ['ab.yaml', './ab.yaml', true],
  ];
  for (const [path, glob, expected] of cases) assert.equal(matchesAny(path, [glob]), expected, `${glob} on ${path}`);
});

test('the editor: config URIs, diagnostics with ranges, completion of keys, rule ids and severities', () => {
  assert.equal(isConfigUri('file:///repo/.k8s-stateful.yaml'), true);
  assert.equal(isConfigUri('file:///repo/k8s-stateful.yaml'), false);
  const diagnostics = configDiagnostics('rules:\n  shcema: off\n');
  assert.deepEqual(diagnostics.map((d) => [d.code, d.range]), [['unknown-rule-id', { start: { line: 1, character: 2 }, end: { line: 1, character: 8 } }]]);

  const keys = configCompletions('rules:\n  schema: off\n\n', { line: 2, character: 0 }).map((i) => i.label);
  assert.deepEqual(keys, ['exclude', 'kubernetesVersion', 'defaultNamespace', 'clusterDomain', 'maxFileSize', 'scopes', 'crds']);
  const ids = configCompletions('rules:\n  schema: off\n  sts-\n', { line: 2, character: 6 });
  assert.ok(ids.some((i) => i.label === 'sts-no-anti-affinity' && String(i.documentation).length > 10));
  assert.ok(ids.some((i) => i.label === 'yaml-syntax'));
  assert.ok(!ids.some((i) => i.label === 'schema'), 'ids already configured are not offered again');
  assert.deepEqual(configCompletions('rules:\n  schema: \n', { line: 1, character: 10 }).map((i) => i.label), ['error', 'warning', 'info', 'hint', 'off']);
  assert.deepEqual(configCompletions('exclude:\n  - \n', { line: 1, character: 4 }), []);
  assert.equal(configCompletions('rules:\n  \n', { line: 1, character: 2 }, false).find((i) => i.label === 'schema')?.insertText, 'schema: ');
});
