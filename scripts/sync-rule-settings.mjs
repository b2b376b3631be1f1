#!/usr/bin/env node
// Writes the rule settings of package.json (`k8sStateful.rules`: one entry per rule id with its
// description and default severity) from the rule catalogue, so the settings UI and settings.json
// completion always list every rule. test/unit/rule-catalogue.test.ts fails when they drift:
// run `node scripts/sync-rule-settings.mjs` after adding a rule to catalogue.ts. It also writes the
// JSON schema of `.k8s-stateful.yaml` (schemas/k8s-stateful-config.schema.json) with the same ids.
import { build } from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

const SEVERITIES = ['error', 'warning', 'info', 'hint', 'off'];

/** Every rule and built-in check (server/src/service/rules/ruleIds.ts): id, description, defaultSeverity. */
async function loadChecks() {
  const result = await build({
    entryPoints: [join(root, 'server/src/service/rules/ruleIds.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    write: false,
    logLevel: 'error',
  });
  const module = { exports: {} };
  new Function('module', 'exports', 'require', '__dirname', '__filename', result.outputFiles[0].text)(
    module,
    module.exports,
    createRequire(join(root, 'package.json')),
    join(root, 'server/src/service/rules'),
    join(root, 'server/src/service/rules/catalogue.js'),
  );
  // Catalogue rules first, then the built-in checks (the order the settings UI lists them in).
  const builtIn = new Set(module.exports.BUILT_IN_CHECKS.map((c) => c.id));
  const checks = module.exports.allChecks();
  return [...checks.filter((c) => !builtIn.has(c.id)), ...checks.filter((c) => builtIn.has(c.id))];
}

/** The `rules` object schema: one property per id with its description and default. */
function rulesSchema(checks, markdownDescription) {
  return {
    type: 'object',
    default: {},
    markdownDescription,
    properties: Object.fromEntries(
      checks.map(({ id, description, defaultSeverity }) => [id, { type: 'string', enum: SEVERITIES, description: `${description} (default: ${defaultSeverity})` }]),
    ),
    additionalProperties: false,
  };
}

export function ruleSettings(checks) {
  return {
    'k8sStateful.defaultNamespace': {
      type: 'string',
      default: 'default',
      markdownDescription: 'Namespace of resources that do not set `metadata.namespace` (like the namespace of your kubectl context). References resolve within a namespace.',
    },
    'k8sStateful.references.strict': {
      type: 'boolean',
      default: false,
      markdownDescription:
        'Report references to objects the file\'s scope never defines (e.g. a Secret created by `kubectl create secret` or an operator) with the rule\'s own severity. When off, such references are hints (warnings when a defined name is one or two edits away). See docs/scopes.md and docs/severity.md.',
    },
    'k8sStateful.rules': rulesSchema(
      checks,
      'Severity per rule id: `error`, `warning`, `info`, `hint`, or `off` to turn the rule off. Each rule is documented in `docs/rules/<id>.md` (linked from its diagnostics). A single finding can also be silenced with `# k8s-stateful-disable-next-line <id>` on the line above. A `.k8s-stateful.yaml` in the workspace goes over these settings.',
    ),
  };
}

/** JSON schema of `.k8s-stateful.yaml` (the server checks the file itself; this serves other tools). */
export function configSchema(checks) {
  const globs = { type: 'array', items: { type: 'string', minLength: 1 } };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: '.k8s-stateful.yaml',
    description: 'k8s-stateful settings shared by the editor and the CLI. See README.md, "Configuration".',
    type: 'object',
    additionalProperties: false,
    properties: {
      rules: rulesSchema(checks, 'Severity per rule id: error, warning, info, hint or off.'),
      exclude: { ...globs, description: 'Globs of files never checked, relative to this file (a name without a slash matches at any depth).' },
      kubernetesVersion: { type: 'string', pattern: '^v?1\\.\\d{1,2}(\\.\\d+)?$', description: 'Kubernetes version the manifests target, e.g. "1.33" (quoted).' },
      defaultNamespace: { type: 'string', pattern: '^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$', description: 'Namespace of resources that set none.' },
      clusterDomain: { type: 'string', minLength: 1, description: 'Cluster DNS domain (default cluster.local).' },
      maxFileSize: { type: 'integer', minimum: 1, description: 'Editor only: files over this many bytes get a syntax check only. The CLI checks every size.' },
      crds: { ...globs, description: 'CustomResourceDefinition files or folders, relative to this file: their custom resources get schema checks, completion and hover.' },
      scopes: {
        type: 'array',
        description: 'Applications of this repository: references resolve within a scope.',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['name', 'files'],
          properties: { name: { type: 'string', minLength: 1 }, files: { ...globs, minItems: 1, description: 'Globs of the files the scope holds, relative to this file.' } },
        },
      },
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const checks = await loadChecks();
  const path = join(root, 'package.json');
  const manifest = JSON.parse(readFileSync(path, 'utf8'));
  const properties = manifest.contributes.configuration.properties;
  Object.assign(properties, ruleSettings(checks));
  writeFileSync(path, JSON.stringify(manifest, null, 2) + '\n');
  writeFileSync(join(root, 'schemas/k8s-stateful-config.schema.json'), JSON.stringify(configSchema(checks), null, 2) + '\n');
  console.log(`package.json and schemas/k8s-stateful-config.schema.json: ${checks.length} rules and built-in checks`);
}
