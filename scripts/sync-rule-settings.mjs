#!/usr/bin/env node
// Writes the rule settings of package.json (`k8sStateful.rules`: one entry per rule id with its
// description and default severity) from the rule catalogue, so the settings UI and settings.json
// completion always list every rule. test/unit/rule-catalogue.test.ts fails when they drift:
// run `node scripts/sync-rule-settings.mjs` after adding a rule to catalogue.ts.
import { build } from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

/** Findings of the syntax and schema checks, configurable like rules (no rule file of their own). */
export const BUILT_IN_CHECKS = {
  'yaml-syntax': { description: 'YAML syntax errors (the file does not parse).', defaultSeverity: 'error' },
  'yaml-aliases': { description: 'Anchors and aliases that expand too far (alias bombs).', defaultSeverity: 'error' },
  schema: { description: 'Schema checks of built-in kinds: types, enums, required and unknown fields.', defaultSeverity: 'error' },
  'deprecated-api-version': { description: 'An apiVersion that Kubernetes no longer serves for the kind.', defaultSeverity: 'error' },
};

const SEVERITIES = ['error', 'warning', 'info', 'hint', 'off'];

async function loadRules() {
  const result = await build({
    entryPoints: [join(root, 'server/src/service/rules/catalogue.ts')],
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
  return module.exports.RULES;
}

export function ruleSettings(rules) {
  const checks = [
    ...rules.map((r) => [r.id, { description: r.description, defaultSeverity: r.defaultSeverity }]),
    ...Object.entries(BUILT_IN_CHECKS),
  ];
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
        'Report references to kinds the workspace never defines (e.g. a Secret created by another tool) with the rule\'s own severity. When off, such references are only hints.',
    },
    'k8sStateful.rules': {
      type: 'object',
      default: {},
      markdownDescription:
        'Severity per rule id: `error`, `warning`, `info`, `hint`, or `off` to turn the rule off. Each rule is documented in `docs/rules/<id>.md` (linked from its diagnostics). A single finding can also be silenced with `# k8s-stateful-disable-next-line <id>` on the line above.',
      properties: Object.fromEntries(
        checks.map(([id, { description, defaultSeverity }]) => [id, { type: 'string', enum: SEVERITIES, description: `${description} (default: ${defaultSeverity})` }]),
      ),
      additionalProperties: { type: 'string', enum: SEVERITIES },
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rules = await loadRules();
  const path = join(root, 'package.json');
  const manifest = JSON.parse(readFileSync(path, 'utf8'));
  const properties = manifest.contributes.configuration.properties;
  Object.assign(properties, ruleSettings(rules));
  writeFileSync(path, JSON.stringify(manifest, null, 2) + '\n');
  console.log(`package.json: k8sStateful.rules lists ${rules.length} rules and ${Object.keys(BUILT_IN_CHECKS).length} built-in checks`);
}
