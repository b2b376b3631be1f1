// Custom resources checked, completed and explained from their CustomResourceDefinitions, through
// the real language service: the CRD in one document, the custom resource in another.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { createLanguageService, type LanguageService } from '../../server/src/service';
import { customKindsOf, withObjectMeta } from '../../server/src/service/crds/crdSchema';
import { schemaWalker } from '../../server/src/service/crds/validator';
import { SchemaRegistry, type Validator } from '../../server/src/service/schema/registry';
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

test('a cluster-scoped CRD: its resources get no default namespace, and namespaces on them are ignored like on built-in cluster-scoped kinds', () => {
  const clusterCrd = crdText.replace('scope: Namespaced', 'scope: Cluster');
  const twoInNamespaces = [backup('').replace('name: b', 'name: b\n  namespace: one'), backup('').replace('name: b', 'name: b\n  namespace: two')].join('---\n');
  const namespaces = (service: LanguageService) => service.index.ofKind('PostgresBackup.db.example.com').map((e) => e.namespace);
  const duplicates = (service: LanguageService) => service.getDiagnostics(CR_URI).filter((d) => d.code === 'duplicate-resource').length;

  // Namespaced: two namespaces, two objects.
  const service = serviceWith({ [CRD_URI]: crdText, [CR_URI]: twoInNamespaces });
  assert.deepEqual(namespaces(service), ['one', 'two']);
  assert.equal(duplicates(service), 0);
  // The CRD edited to Cluster: the same two documents are one object defined twice (the namespaces mean nothing).
  const before = service.index.ofKind('PostgresBackup.db.example.com');
  service.setDocument(CRD_URI, clusterCrd, 2);
  assert.deepEqual(namespaces(service), ['', '']);
  // New entries, not old ones changed in place: caches that compare entries by identity see the change.
  assert.ok(service.index.ofKind('PostgresBackup.db.example.com').every((entry, i) => entry !== before[i]));
  assert.equal(duplicates(service), 1);
  // Back to Namespaced, and the CRD gone: each resource keeps its own namespace again.
  service.setDocument(CRD_URI, crdText, 3);
  assert.deepEqual(namespaces(service), ['one', 'two']);
  service.setDocument(CRD_URI, clusterCrd, 4);
  service.removeDocument(CRD_URI);
  assert.deepEqual(namespaces(service), ['one', 'two']);

  // A resource with no namespace gets the default one only when its kind is namespaced; the setting's CRDs count too.
  const external = serviceWith({ [CR_URI]: backup('') });
  assert.deepEqual(namespaces(external), ['default']);
  external.setCrdSources([{ uri: 'file:///elsewhere/crds.yaml', text: clusterCrd }]);
  assert.deepEqual(namespaces(external), ['']);
  // The workspace's copy of the CRD wins over the setting's.
  external.setDocument(CRD_URI, crdText, 1);
  assert.deepEqual(namespaces(external), ['default']);
  external.setCrdSources([]);
  external.removeDocument(CRD_URI);
  assert.deepEqual(namespaces(external), ['default']);
});

test('completion offers the CRDs\' kinds and apiVersions where it offers the built-in ones', () => {
  const twoVersions = crdText.replace('    - name: v1\n', '    - name: v1alpha1\n      served: true\n      storage: false\n    - name: v1\n');
  const service = serviceWith({ [CRD_URI]: twoVersions });
  const complete = (marked: string) => {
    const { text, position } = withCursor(marked);
    service.setDocument('file:///ws/new.yaml', text, 1);
    return service.getCompletions('file:///ws/new.yaml', position).items;
  };
  // kind: the preferred version is written in as the apiVersion.
  const kind = complete('kind: Postgres‸\n').find((i) => i.label === 'PostgresBackup');
  assert.ok(kind, 'PostgresBackup offered at kind:');
  assert.deepEqual(kind.additionalTextEdits?.map((e) => e.newText), ['apiVersion: db.example.com/v1\n']);
  // A document already naming a served version keeps it.
  const kept = complete('apiVersion: db.example.com/v1alpha1\nkind: ‸\n').find((i) => i.label === 'PostgresBackup');
  assert.deepEqual(kept?.additionalTextEdits, []);
  // apiVersion: the versions serving the document's kind, preferred first; without a kind, every group version.
  assert.deepEqual(complete('apiVersion: ‸\nkind: PostgresBackup\n').map((i) => i.label), ['db.example.com/v1', 'db.example.com/v1alpha1']);
  const all = complete('apiVersion: ‸\n').map((i) => i.label);
  assert.ok(all.includes('db.example.com/v1') && all.includes('apps/v1'), all.join(', '));
  // A whole resource at the top of an empty document.
  const starter = complete('‸').find((i) => i.label === 'PostgresBackup');
  assert.match(starter?.textEdit?.newText ?? '', /^apiVersion: db\.example\.com\/v1\nkind: PostgresBackup\nmetadata:\n {2}name: /);
  // Gone with the CRD.
  service.removeDocument(CRD_URI);
  assert.equal(complete('kind: Postgres‸\n').find((i) => i.label === 'PostgresBackup'), undefined);
});

test('the CLI: a config file\'s crds, relative to it, give the files it covers their schema', () => {
  const root = mkdtempSync(join(tmpdir(), 'k8s-crd-config-'));
  try {
    mkdirSync(join(root, 'operator'));
    mkdirSync(join(root, 'project', 'app'), { recursive: true });
    writeFileSync(join(root, 'operator', 'backup-crd.yaml'), crdText);
    writeFileSync(join(root, 'project', 'app', 'backup.yaml'), brokenCr);
    const run = (config: string) => {
      writeFileSync(join(root, 'project', '.k8s-stateful.yaml'), config);
      const result = spawnSync(process.execPath, [join(repoRoot, 'dist', 'cli.js'), 'check', '--format', 'json', 'project/app'], { cwd: root, encoding: 'utf8' });
      return { status: result.status, stderr: result.stderr, codes: result.stdout ? (JSON.parse(result.stdout) as { diagnostics: Array<{ ruleId: string }> }).diagnostics.map((d) => d.ruleId) : [] };
    };
    const withCrds = run('crds: [../operator]\n');
    assert.equal(withCrds.status, 1, withCrds.stderr);
    assert.deepEqual(withCrds.codes, ['schema', 'schema', 'schema']);
    assert.deepEqual(run('crds: []\n').codes, ['kind-without-schema']);
    const missing = run('crds: [../nowhere]\n');
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /nowhere/);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('the schema walker finds what ajv\'s compiled validator finds, without compiling', () => {
  const registry = new SchemaRegistry(schemas);
  const [custom] = customKindsOf({
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    spec: {
      group: 'x.example.com',
      names: { kind: 'Thing' },
      versions: [{
        name: 'v1',
        schema: {
          openAPIV3Schema: {
            type: 'object',
            properties: {
              spec: {
                type: 'object',
                required: ['size'],
                properties: {
                  size: { type: 'integer', minimum: 1, maximum: 9, exclusiveMaximum: true },
                  ratio: { type: 'number', multipleOf: 0.5 },
                  name: { type: 'string', minLength: 2, maxLength: 4, pattern: '^[a-z]+$' },
                  mode: { type: 'string', enum: ['a', 'b'], nullable: true },
                  port: { 'x-kubernetes-int-or-string': true },
                  tags: { type: 'array', minItems: 1, maxItems: 2, items: { type: 'string' } },
                  labels: { type: 'object', additionalProperties: { type: 'string' }, maxProperties: 1 },
                  free: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
                  nested: { type: 'object', properties: { on: { type: 'boolean' } } },
                },
              },
            },
          },
        },
      }],
    },
  });
  const schema = withObjectMeta(custom, registry.schema('v1', 'ConfigMap'));
  const compiled = registry.compileSchema(schema);
  const walked = schemaWalker(schema);
  // ajv also lists each failing branch of an anyOf before the anyOf itself; the diagnostics drop those.
  const summary = (validate: Validator, data: unknown) => {
    validate(data);
    return (validate.errors ?? []).filter((e) => !/\/anyOf\/\d+\//.test(e.schemaPath)).map((e) => `${e.keyword} ${e.instancePath} ${JSON.stringify(e.params)}`).sort();
  };
  const base = { apiVersion: 'x.example.com/v1', kind: 'Thing', metadata: { name: 't' } };
  const cases: unknown[] = [
    { ...base, spec: { size: 3 } },
    { ...base, spec: {} },
    { ...base, spec: { size: 0, ratio: 0.3, name: 'A', mode: 'c', port: [1], tags: [], labels: { a: 1, b: 'x' }, free: { any: [1] }, nested: { on: 'yes', off: true } } },
    { ...base, spec: { size: 9, name: 'abcde', mode: null, port: 'http', tags: ['a', 'b', 'c'] } },
    { ...base, spec: { size: 2.5, extra: 1 }, status: {} },
    { ...base, kind: 'Other', apiVersion: 'x.example.com/v2', spec: 'no' },
    { ...base, metadata: { name: 5, labels: { a: ['b'] }, creationTimestamp: 'yesterday', ownerReferences: [{ kind: 'X' }], bogus: 1 }, spec: { size: 1 } },
    [],
    null,
  ];
  for (const data of cases) assert.deepEqual(summary(walked, data), summary(compiled, data), JSON.stringify(data));
  assert.equal(summary(walked, cases[0]).length, 0);
  assert.ok(summary(walked, cases[2]).length >= 10, summary(walked, cases[2]).join('\n'));
  assert.ok(summary(walked, cases[6]).length >= 5, summary(walked, cases[6]).join('\n'));
});

test('with the status subresource, the status sent with a custom resource is not validated (the API server drops it); without, it is', () => {
  // The status schema made strict: a required field and an enum.
  const strictStatus = crdText.replace(
    '            status:\n              type: object\n              x-kubernetes-preserve-unknown-fields: true',
    '            status:\n              type: object\n              required: [phase]\n              properties:\n                phase:\n                  type: string\n                  enum: [Running, Done]',
  );
  assert.notEqual(strictStatus, crdText, 'the status schema was replaced');
  const withSubresource = strictStatus.replace('      storage: true\n', '      storage: true\n      subresources:\n        status: {}\n');
  assert.notEqual(withSubresource, strictStatus, 'the subresource was added');
  // `kubectl get -o yaml` output keeps a status; this one would fail the status schema.
  const recorded = `${backup('')}status:\n  phase: finished\n  lastRun: yesterday\n`;
  const without = findings(serviceWith({ [CRD_URI]: strictStatus, [CR_URI]: recorded }), CR_URI);
  assert.ok(without.some((f) => f.includes('finished')), `no status subresource: the status is validated: ${JSON.stringify(without)}`);
  assert.deepEqual(findings(serviceWith({ [CRD_URI]: withSubresource, [CR_URI]: recorded }), CR_URI), []);
  // The spec is still checked.
  assert.ok(findings(serviceWith({ [CRD_URI]: withSubresource, [CR_URI]: backup('  method: full\n') }), CR_URI).some((f) => f.includes('full')));
});
