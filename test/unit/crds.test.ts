// Custom resources checked, completed and explained from their CustomResourceDefinitions, through
// the real language service: the CRD in one document, the custom resource in another.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { createLanguageService, type LanguageService } from '../../server/src/service';
import { customKindsOf } from '../../server/src/service/crds/crdSchema';
import { withCursor } from '../helpers/cursor';
import { repoRoot, schemas } from '../helpers/service';

const crdText = readFileSync(join(repoRoot, 'examples/crds/backup-crd.yaml'), 'utf8');
const validCr = readFileSync(join(repoRoot, 'examples/crds/backup.yaml'), 'utf8');
const brokenCr = readFileSync(join(repoRoot, 'examples/mistakes/custom-resource.yaml'), 'utf8');
const CRD_URI = 'file:///ws/backup-crd.yaml';
const CR_URI = 'file:///ws/backup.yaml';

function serviceWith(documents: Record<string, string>): LanguageService {
  const service = createLanguageService({ schemas });
  for (const [uri, text] of Object.entries(documents)) service.setDocument(uri, text, 1);
  return service;
}

function findings(service: LanguageService, uri: string): string[] {
  return service.getDiagnostics(uri).map((d) => `${d.range.start.line}:${d.range.start.character} ${d.code} ${d.message}`);
}

/** The CR with `spec:` replaced by the given lines (two-space indented under spec). */
function backup(spec: string): string {
  return `apiVersion: db.example.com/v1\nkind: PostgresBackup\nmetadata:\n  name: b\nspec:\n  statefulSetName: db\n  schedule: "0 3 * * *"\n${spec}`;
}

function check(spec: string): string[] {
  const service = serviceWith({ [CRD_URI]: crdText, [CR_URI]: backup(spec) });
  return findings(service, CR_URI);
}

test('the example CRD and its custom resource are clean', () => {
  const service = serviceWith({ [CRD_URI]: crdText, [CR_URI]: validCr });
  assert.deepEqual(findings(service, CRD_URI), []);
  assert.deepEqual(findings(service, CR_URI), []);
});

test('the broken custom resource: a misspelt field, a value outside the enum, a missing required field', () => {
  const service = serviceWith({ [CRD_URI]: crdText, 'file:///ws/bad.yaml': brokenCr });
  assert.deepEqual(findings(service, 'file:///ws/bad.yaml'), [
    '6:0 schema missing required field "schedule" in spec',
    '8:2 schema unknown field "retentionDay" — did you mean "retentionDays"?',
    '9:10 schema method must be one of pg_dump, basebackup, snapshot, got the string "pgdump"',
  ]);
});

test('types, bounds, int-or-string, nullable and nested unknown fields follow the CRD', () => {
  assert.deepEqual(check('  retentionDays: "14"\n'), ['7:17 schema retentionDays must be an integer, got the string "14"']);
  assert.equal(check('  retentionDays: 0\n').length, 1);
  assert.deepEqual(check('  parallelism: 2\n'), []);
  assert.deepEqual(check('  parallelism: 50%\n'), []);
  assert.equal(check('  parallelism: [1]\n').length, 1);
  assert.deepEqual(check('  suspend: null\n'), []);
  assert.deepEqual(check('  storage:\n    buckt: x\n'), ['8:4 schema unknown field "buckt" — did you mean "bucket"?']);
  // A root field the CRD does not declare is unknown too.
  const service = serviceWith({ [CRD_URI]: crdText, [CR_URI]: `${backup('')}specs: {}\n` });
  assert.deepEqual(findings(service, CR_URI), ['7:0 schema unknown field "specs" — did you mean "spec"?']);
});

test('x-kubernetes-preserve-unknown-fields keeps any field below it', () => {
  assert.deepEqual(check('  options:\n    anything: 1\n    nested:\n      deeper: [a, b]\n'), []);
  const service = serviceWith({ [CRD_URI]: crdText, [CR_URI]: `${backup('')}status:\n  phase: done\n  anything: {a: 1}\n` });
  assert.deepEqual(findings(service, CR_URI), []);
});

test('embedded resources accept apiVersion, kind and metadata; v1beta1-style preserveUnknownFields keeps everything', () => {
  const kinds = customKindsOf({
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    spec: {
      group: 'x.example.com',
      names: { kind: 'Wrapper' },
      scope: 'Cluster',
      versions: [
        {
          name: 'v1',
          served: true,
          schema: {
            openAPIV3Schema: {
              type: 'object',
              properties: { spec: { type: 'object', properties: { template: { type: 'object', 'x-kubernetes-embedded-resource': true, properties: { spec: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } } } } },
            },
          },
        },
        { name: 'v0', served: false },
      ],
    },
  });
  assert.deepEqual(kinds.map((k) => `${k.apiVersion} ${k.kind} ${k.scope}`), ['x.example.com/v1 Wrapper Cluster']);
  const template = kinds[0].schema!.properties.spec.properties.template;
  assert.deepEqual(Object.keys(template.properties).sort(), ['apiVersion', 'kind', 'metadata', 'spec']);
  assert.equal(template.additionalProperties, false);

  const legacy = customKindsOf({
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    spec: { group: 'y.example.com', names: { kind: 'Old' }, preserveUnknownFields: true, versions: [{ name: 'v1', served: true, schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { a: { type: 'string' } } } } } } }] },
  });
  assert.equal(legacy[0].schema!.additionalProperties, undefined);
  assert.equal(legacy[0].schema!.properties.spec.additionalProperties, undefined);
});

test('malformed CRDs are ignored, never thrown on', () => {
  for (const crd of [null, 1, 'x', {}, { spec: null }, { spec: { group: 'g.example.com', names: { kind: 'K' }, versions: [{ name: 'v1', schema: { openAPIV3Schema: { type: 'object', properties: { a: 5, b: { pattern: '(' } } } } }] } }]) {
    assert.doesNotThrow(() => customKindsOf(crd));
  }
  const service = serviceWith({
    [CRD_URI]: 'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: a\nspec:\n  group: db.example.com\n  names: {kind: PostgresBackup}\n  versions:\n    - name: v1\n      schema:\n        openAPIV3Schema:\n          type: object\n          properties:\n            spec:\n              type: object\n              properties:\n                x: {type: string, pattern: "(?<"}\n',
    [CR_URI]: backup('  x: anything\n'),
  });
  // The pattern JavaScript cannot compile is left out; the rest is checked.
  assert.deepEqual(findings(service, CR_URI), ['5:2 schema unknown field "statefulSetName"', '6:2 schema unknown field "schedule"']);
});

test('completion offers the CRD\'s keys and enum values; hover shows its descriptions', () => {
  const service = serviceWith({ [CRD_URI]: crdText });
  const at = (marked: string) => {
    const { text, position } = withCursor(marked);
    service.setDocument(CR_URI, text, 2);
    return service.getCompletions(CR_URI, position).items.map((i) => i.label);
  };
  const keys = at(backup('  ‸\n'));
  for (const key of ['method', 'retentionDays', 'storage', 'options', 'suspend', 'parallelism']) assert.ok(keys.includes(key), `${key} in ${keys.join(', ')}`);
  assert.ok(!keys.includes('schedule'), 'present keys are left out');
  assert.deepEqual(at(backup('  method: ‸\n')).sort(), ['basebackup', 'pg_dump', 'snapshot']);
  assert.ok(at(backup('  storage:\n    ‸\n')).includes('credentialsSecret'));

  service.setDocument(CR_URI, validCr, 3);
  const line = validCr.split('\n').findIndex((l) => l.includes('retentionDays'));
  const hover = service.getHover(CR_URI, { line, character: 4 });
  const text = typeof hover?.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '';
  assert.match(text, /\*\*retentionDays\*\* · `integer` · optional · default `7`/);
  assert.match(text, /Days a backup is kept before it is deleted/);
  const kindLine = validCr.split('\n').findIndex((l) => l.startsWith('kind:'));
  const kindHover = service.getHover(CR_URI, { line: kindLine, character: 8 });
  assert.match(JSON.stringify(kindHover), /PostgresBackup takes scheduled backups/);
});

test('the custom resource follows edits of its CRD, and loses its schema with it', () => {
  const service = serviceWith({ [CRD_URI]: crdText, [CR_URI]: backup('  method: full\n') });
  assert.equal(findings(service, CR_URI).length, 1);
  service.setDocument(CRD_URI, crdText.replace('enum: [pg_dump, basebackup, snapshot]', 'enum: [pg_dump, basebackup, snapshot, full]'), 2);
  assert.deepEqual(findings(service, CR_URI), []);
  service.setDocument(CRD_URI, crdText.replace('retentionDays:', 'keepDays:'), 3);
  service.setDocument(CR_URI, backup('  retentionDays: 3\n'), 2);
  assert.deepEqual(findings(service, CR_URI), ['7:2 schema unknown field "retentionDays"']);
  service.removeDocument(CRD_URI);
  assert.deepEqual(
    service.getDiagnostics(CR_URI).map((d) => [d.code, d.severity]),
    [['kind-without-schema', 3]],
  );
});

test('CRD files named by the setting count like the workspace\'s; the workspace\'s copy wins', () => {
  const service = serviceWith({ [CR_URI]: backup('  method: full\n') });
  assert.deepEqual(service.getDiagnostics(CR_URI).map((d) => d.code), ['kind-without-schema']);
  service.setCrdSources([{ uri: 'file:///elsewhere/crds.yaml', text: `# several CRDs\n---\n${crdText}` }]);
  assert.deepEqual(findings(service, CR_URI), ['7:10 schema method must be one of pg_dump, basebackup, snapshot, got the string "full"']);
  service.setDocument(CRD_URI, crdText.replace('enum: [pg_dump, basebackup, snapshot]', 'enum: [full]'), 1);
  assert.deepEqual(findings(service, CR_URI), []);
  service.removeDocument(CRD_URI);
  service.setCrdSources([]);
  assert.deepEqual(service.getDiagnostics(CR_URI).map((d) => d.code), ['kind-without-schema']);
});

test('a kind without a schema is said once per kind and file, as information, on its kind', () => {
  const thing = (name: string, kind = 'Thing') => `apiVersion: things.example.com/v1\nkind: ${kind}\nmetadata:\n  name: ${name}\n`;
  const service = serviceWith({ 'file:///ws/things.yaml': [thing('a'), thing('b'), thing('c', 'Other')].join('---\n') });
  const diagnostics = service.getDiagnostics('file:///ws/things.yaml');
  assert.deepEqual(diagnostics.map((d) => [d.code, d.severity, d.range.start.line, d.range.start.character]), [
    ['kind-without-schema', 3, 1, 6],
    ['kind-without-schema', 3, 11, 6],
  ]);
  assert.match(diagnostics[0].message, /^no schema for Thing \(things\.example\.com\/v1\): .*k8sStateful\.crds setting/);
  // Not for YAML that is no cluster resource, nor for a built-in group's version we have no schema for.
  for (const text of ['apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: []\n', 'apiVersion: skaffold/v4beta6\nkind: Config\n', 'apiVersion: apps/v9\nkind: StatefulSet\nmetadata:\n  name: a\n']) {
    assert.deepEqual(serviceWith({ 'file:///ws/x.yaml': text }).getDiagnostics('file:///ws/x.yaml').map((d) => d.code), [], text);
  }
  // With a CRD of the group: a wrong version or a misspelt kind is named.
  const withCrd = serviceWith({ [CRD_URI]: crdText, [CR_URI]: backup('').replace('db.example.com/v1', 'db.example.com/v2') });
  assert.match(service.getDiagnostics('file:///ws/things.yaml')[0].message, /no schema/);
  assert.match(withCrd.getDiagnostics(CR_URI)[0].message, /serves db\.example\.com\/v1, not db\.example\.com\/v2/);
  withCrd.setDocument(CR_URI, backup('').replace('kind: PostgresBackup', 'kind: PostgresBackups'), 2);
  assert.match(withCrd.getDiagnostics(CR_URI)[0].message, /did you mean "PostgresBackup"\?/);
  // Suppressed like every code, and configurable.
  withCrd.configure({ rules: { 'kind-without-schema': 'off' } });
  assert.deepEqual(withCrd.getDiagnostics(CR_URI), []);
});

test('a CRD cannot replace a built-in kind\'s schema', () => {
  const hijack = crdText.replace('group: db.example.com', 'group: apps').replace('kind: PostgresBackup', 'kind: StatefulSet');
  const service = serviceWith({ [CRD_URI]: hijack, 'file:///ws/sts.yaml': readFileSync(join(repoRoot, 'examples/postgres/statefulset.yaml'), 'utf8') });
  assert.deepEqual(service.getDiagnostics('file:///ws/sts.yaml').filter((d) => d.code === 'schema'), []);
});

test('the CLI: --crds gives custom resources their schema; without it the kind is noted once', () => {
  const cli = (args: string[]) => spawnSync(process.execPath, [join(repoRoot, 'dist', 'cli.js'), 'check', '--format', 'json', ...args], { cwd: repoRoot, encoding: 'utf8' });
  const codes = (run: ReturnType<typeof cli>) => (JSON.parse(run.stdout) as { diagnostics: Array<{ ruleId: string; severity: string }> }).diagnostics.map((d) => `${d.severity} ${d.ruleId}`);
  const alone = cli(['examples/mistakes/custom-resource.yaml']);
  assert.equal(alone.status, 0, alone.stderr);
  assert.deepEqual(codes(alone), ['info kind-without-schema']);
  const withCrds = cli(['--crds', 'examples/crds', 'examples/mistakes/custom-resource.yaml']);
  assert.equal(withCrds.status, 1, withCrds.stderr);
  assert.deepEqual(codes(withCrds), ['error schema', 'error schema', 'error schema']);
  const missing = cli(['--crds', 'no/such/folder', 'examples/crds']);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /no such file or folder: no\/such\/folder/);
});
