// The validators generated at build time (scripts/build-validators.mjs, loaded by the registry) must
// report exactly what a validator compiled by ajv at run time reports: same errors, same order. Compared
// on every example and seed fixture, on hand-made broken resources, and on a schema-driven wrong
// instance of every kind. Then the fallback: a missing, broken or stale module means a run-time compile,
// with the same diagnostics from the service.
// Needs `node scripts/build.mjs --schemas` (schemas/generated/*.js).
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, test } from 'node:test';
import type { ErrorObject } from 'ajv';
import { schemaFiles } from '../../server/src/schemaFiles';
import { createLanguageService } from '../../server/src/service';
import { parseFile } from '../../server/src/service/parse/parseFile';
import { SchemaRegistry, type JsonSchema } from '../../server/src/service/schema/registry';
import { repoRoot, schemaDir, schemas } from '../helpers/service';

const precompiled = new SchemaRegistry(schemas);
const compiled = new SchemaRegistry(schemas, { precompiled: false });

/** What the diagnostics are built from, per error. */
function summary(errors: ErrorObject[] | null | undefined) {
  return (errors ?? []).map(({ instancePath, keyword, params, schemaPath, data, parentSchema }) => ({ instancePath, keyword, params, schemaPath, data, parentSchema }));
}

/** Validates `data` both ways and asserts the same outcome and errors; returns the error count. */
function compareOn(data: unknown, apiVersion: string, kind: string, label: string): number {
  const fast = precompiled.validator(apiVersion, kind);
  const slow = compiled.validator(apiVersion, kind);
  assert.ok(fast && slow, `${label}: ${apiVersion} ${kind} has a schema`);
  assert.equal(precompiled.validatorOrigin(apiVersion, kind), 'precompiled', `${label}: no generated validator for ${kind}; run node scripts/build.mjs --schemas`);
  assert.equal(compiled.validatorOrigin(apiVersion, kind), 'compiled');
  const valid = fast(data);
  const fastErrors = summary(fast.errors);
  assert.equal(valid, slow(data), `${label}: both agree on validity`);
  assert.deepStrictEqual(fastErrors, summary(slow.errors), `${label}: same errors`);
  return fastErrors.length;
}

/** Every Kubernetes resource with a schema in a YAML text, parsed by the service and turned into plain data. */
function resourcesIn(text: string): Array<{ apiVersion: string; kind: string; data: unknown }> {
  const out = [];
  for (const document of parseFile(text).documents) {
    const resource = document.resource;
    if (!resource || document.yaml.errors.length > 0 || !precompiled.entry(resource.apiVersion, resource.kind)) continue;
    out.push({ apiVersion: resource.apiVersion, kind: resource.kind, data: document.yaml.toJS({ maxAliasCount: 1000 }) });
  }
  return out;
}

function yamlFilesUnder(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return yamlFilesUnder(path);
      return /\.ya?ml$/.test(name) ? [path] : [];
    });
}

// Mistakes people make, one or more per error keyword and custom format the schemas use.
const BROKEN = `
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, labels: {app: 1}, creationTimestamp: yesterday, generation: 1.5}
spec:
  replicas: three
  serviceNme: db
  podManagementPolicy: parallel
  selector: {matchLabels: {app: db}}
  ordinals: {start: 1.5}
  revisionHistoryLimit: 99999999999
  template:
    metadata: {labels: {app: db}}
    spec:
      terminationGracePeriodSeconds: thirty
      containers:
        - image: postgres
          ports: [{containerPort: "5432", protocol: SCTPX}]
          resources: {requests: {storage: 1 Gi, cpu: [1]}, limits: {memory: 1gb}}
          env: [{name: A, value: 1}, {valueFrom: {secretKeyRef: {key: k}}}]
          livenessProbe: {httpGet: {port: true}}
      volumes: [{name: data, emptyDir: {sizeLimit: {}}}]
  volumeClaimTemplates:
    - metadata: {name: data}
      spec: {accessModes: [ReadWriteSometimes], resources: {requests: {storage: 10G}}}
---
apiVersion: v1
kind: Secret
metadata: {name: s}
type: Opaque
data: {password: not base64!, ok: aGVsbG8=, wrapped: "aGVs\\nbG8="}
stringData: {n: 5}
---
apiVersion: v1
kind: Service
metadata: {name: db}
spec:
  clusterIP: null
  ports: [{port: http, targetPort: {}}, {port: 99999999999, targetPort: 5432.5}]
  type: Headless
---
apiVersion: v1
kind: ConfigMap
metadata: {name: c}
data: {a: {nested: map}, b: [1], c: yes, d: 1.10}
binaryData: {x: "@@@"}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: p}
spec: {accessModes: ReadWriteOnce, resources: {requests: {storage: -1.5e3Mi}}, volumeMode: Block, storageClassName: 5}
---
apiVersion: v1
kind: PersistentVolume
metadata: {name: v}
spec: {capacity: {storage: 1Ti}, local: {}, persistentVolumeReclaimPolicy: Recycle, nodeAffinity: {required: {nodeSelectorTerms: {}}}}
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: j}
spec: {schedule: 5, jobTemplate: {spec: {template: {spec: {containers: []}}, backoffLimit: 1.5}}}
---
apiVersion: v1
kind: List
items: []
---
apiVersion: apps/v1
kind: StatefulSetList
items: [{apiVersion: apps/v1, kind: StatefulSet, spec: {replicas: "2"}}, 5]
`;

/**
 * A deterministic instance of a schema that is wrong in many places: every property down to `depth`,
 * with values alternating between the right type and a wrong one (bad enum members, bad formats,
 * fractions for integers, strings for booleans, …), so most keywords of the generated code run.
 */
function wrongInstance(schema: JsonSchema, root: JsonSchema, depth: number, counter: { n: number }): unknown {
  const turn = counter.n++ % 3;
  if (schema.$ref) return wrongInstance(root.definitions[String(schema.$ref).slice('#/definitions/'.length)], root, depth, counter);
  if (schema.anyOf) return [12, 'twelve', true, '1 Gi', {}][turn + (counter.n % 2)];
  if (depth === 0) return turn === 0 ? null : {};
  if (schema.enum) return turn === 0 ? schema.enum[0] : `not-${schema.enum[0]}`;
  switch (schema.type) {
    case 'object': {
      if (turn === 2) return 'a string';
      const out: Record<string, unknown> = {};
      for (const [name, property] of Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>)) out[name] = wrongInstance(property, root, depth - 1, counter);
      if (typeof schema.additionalProperties === 'object') out.extra = wrongInstance(schema.additionalProperties, root, depth - 1, counter);
      else if (schema.additionalProperties === false) out.notAField = 1;
      return out;
    }
    case 'array':
      return turn === 2 ? { not: 'a list' } : [wrongInstance(schema.items ?? {}, root, depth - 1, counter), turn === 0 ? null : 7];
    case 'integer':
      return [1, 1.5, 2 ** 40, 'one'][counter.n % 4];
    case 'number':
      return turn === 2 ? '1' : 0.5;
    case 'boolean':
      return turn === 0 ? true : 'yes';
    case 'string':
      return [`ok-${schema.format ?? 'text'}`, 42, schema.format === 'byte' ? 'aGk=' : 'not valid: base64, quantity or date'][turn];
    default:
      return turn;
  }
}

describe('generated validators report what run-time compiled ones do', () => {
  test('every example and seed fixture', () => {
    const files = [...yamlFilesUnder(join(repoRoot, 'examples')), ...yamlFilesUnder(join(repoRoot, 'test/fixtures/seeds'))];
    let resources = 0;
    let errors = 0;
    for (const file of files) {
      for (const { apiVersion, kind, data } of resourcesIn(readFileSync(file, 'utf8'))) {
        errors += compareOn(data, apiVersion, kind, file);
        resources++;
      }
    }
    assert.ok(resources >= 70, `compared ${resources} resources`);
    assert.ok(errors > 0, 'the mistakes among them produce errors');
  });

  test('hand-made broken resources', () => {
    const keywords = new Set<string>();
    const formats = new Set<string>();
    for (const { apiVersion, kind, data } of resourcesIn(BROKEN)) {
      compareOn(data, apiVersion, kind, `broken ${kind}`);
      for (const error of precompiled.validator(apiVersion, kind)!.errors ?? []) {
        keywords.add(error.keyword);
        if (error.keyword === 'format') formats.add(String(error.params.format));
      }
    }
    for (const keyword of ['type', 'enum', 'required', 'additionalProperties', 'anyOf', 'format', 'pattern']) assert.ok(keywords.has(keyword), `covers ${keyword}`);
    for (const format of ['int32', 'int64', 'byte', 'date-time']) assert.ok(formats.has(format), `covers format ${format}`);
  });

  test('a wrong instance of every kind', () => {
    for (const entry of precompiled.allEntries()) {
      const schema = precompiled.schema(entry.apiVersion, entry.kind)!;
      const data = { ...(wrongInstance(schema, schema, 6, { n: 0 }) as object), apiVersion: entry.apiVersion, kind: entry.kind };
      const errors = compareOn(data, entry.apiVersion, entry.kind, `wrong ${entry.kind} (${entry.apiVersion})`);
      assert.ok(errors > 0, `${entry.kind}: the wrong instance has errors`);
    }
  });

  test('errors point into the schema the registry holds, not a copy', () => {
    const validate = precompiled.validator('apps/v1', 'StatefulSet')!;
    validate({ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'a' }, spec: {}, notAField: 1 });
    const unknown = validate.errors?.find((e) => e.keyword === 'additionalProperties' && e.instancePath === '');
    assert.equal(unknown?.parentSchema, precompiled.schema('apps/v1', 'StatefulSet'));
  });
});

describe('without a usable generated validator the registry compiles at run time', () => {
  const dirs: string[] = [];
  after(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  /** A schema dir with index.json, formats.js and only the given files of schemas/generated. */
  function schemaCopy(files: string[]): string {
    const dir = mkdtempSync(join(tmpdir(), 'k8s-schemas-'));
    dirs.push(dir);
    for (const file of ['index.json', 'formats.js', ...files]) copyFileSync(join(schemaDir, file), join(dir, file));
    return dir;
  }

  const STS = 'apps.v1.StatefulSet';

  test('missing module', () => {
    const registry = new SchemaRegistry(schemaFiles(schemaCopy([`${STS}.json`])));
    assert.ok(registry.validator('apps/v1', 'StatefulSet'));
    assert.equal(registry.validatorOrigin('apps/v1', 'StatefulSet'), 'compiled');
  });

  test('module that fails to load', () => {
    const dir = schemaCopy([`${STS}.json`]);
    writeFileSync(join(dir, `${STS}.js`), 'exports.create = function ( {');
    const registry = new SchemaRegistry(schemaFiles(dir));
    assert.ok(registry.validator('apps/v1', 'StatefulSet'));
    assert.equal(registry.validatorOrigin('apps/v1', 'StatefulSet'), 'compiled');
  });

  test('module made from another schema text: the schema on disk wins', () => {
    const dir = schemaCopy([`${STS}.json`, `${STS}.js`]);
    const schema = JSON.parse(readFileSync(join(dir, `${STS}.json`), 'utf8')) as JsonSchema;
    const policy = schema.definitions['io.k8s.api.apps.v1.StatefulSetSpec'].properties.podManagementPolicy;
    assert.deepEqual(policy.enum, ['OrderedReady', 'Parallel']);
    policy.enum = ['OrderedReady'];
    writeFileSync(join(dir, `${STS}.json`), JSON.stringify(schema));
    const registry = new SchemaRegistry(schemaFiles(dir));
    const validate = registry.validator('apps/v1', 'StatefulSet')!;
    assert.equal(registry.validatorOrigin('apps/v1', 'StatefulSet'), 'compiled');
    assert.equal(validate({ apiVersion: 'apps/v1', kind: 'StatefulSet', spec: { podManagementPolicy: 'Parallel' } }), false);
    const enumErrors = validate.errors?.filter((e) => e.keyword === 'enum');
    assert.deepEqual(enumErrors?.map((e) => [e.instancePath, e.params.allowedValues]), [['/spec/podManagementPolicy', ['OrderedReady']]]);
  });

  test('the service gives the same diagnostics either way', () => {
    const kinds = readdirSync(schemaDir).filter((f) => f.endsWith('.json') && f !== 'index.json');
    const fallback = createLanguageService({ schemas: schemaFiles(schemaCopy(kinds)) });
    const normal = createLanguageService({ schemas });
    const files = [...yamlFilesUnder(join(repoRoot, 'examples')), ...yamlFilesUnder(join(repoRoot, 'test/fixtures/seeds'))];
    const texts = [...files.map((f) => readFileSync(f, 'utf8')), BROKEN];
    texts.forEach((text, i) => {
      const uri = pathToFileURL(files[i] ?? join(repoRoot, 'broken.yaml')).href;
      fallback.setDocument(uri, text, 1);
      normal.setDocument(uri, text, 1);
    });
    let schemaFindings = 0;
    texts.forEach((_text, i) => {
      const uri = pathToFileURL(files[i] ?? join(repoRoot, 'broken.yaml')).href;
      const expected = normal.getDiagnostics(uri);
      assert.deepStrictEqual(fallback.getDiagnostics(uri), expected, uri);
      schemaFindings += expected.filter((d) => d.code === 'schema').length;
    });
    assert.ok(schemaFindings > 20, `${schemaFindings} schema diagnostics compared`);
  });
});
