// Every diagnostic code a user can name (in settings, the config file, `--rule` and suppression
// comments): the rule catalogue plus the checks that are not rules of their own. One list, so a
// misspelt id is reported instead of silently doing nothing.
import { closestName } from '../schema/messages';
import { RULES } from './catalogue';
import type { RuleSeverity } from './types';

export interface CheckMeta {
  id: string;
  description: string;
  defaultSeverity: RuleSeverity;
}

/** Findings of the syntax, schema and input checks, configurable like rules (no rule file of their own). */
export const BUILT_IN_CHECKS: readonly CheckMeta[] = [
  { id: 'yaml-syntax', description: 'YAML syntax errors (the file does not parse).', defaultSeverity: 'error' },
  { id: 'yaml-aliases', description: 'Anchors and aliases that expand too far (alias bombs).', defaultSeverity: 'error' },
  { id: 'schema', description: 'Schema checks of built-in kinds: types, enums, required and unknown fields.', defaultSeverity: 'error' },
  { id: 'deprecated-api-version', description: 'An apiVersion that Kubernetes no longer serves for the kind.', defaultSeverity: 'error' },
  { id: 'file-too-large', description: 'A file over the editor\'s maxFileSize is checked for syntax only, or not at all (the CLI checks every size).', defaultSeverity: 'info' },
  { id: 'file-encoding', description: 'A file that is neither UTF-8 nor UTF-16/32 with a byte order mark cannot be read as YAML.', defaultSeverity: 'error' },
  { id: 'kind-without-schema', description: 'A custom resource whose kind no CustomResourceDefinition in the workspace or in k8sStateful.crds describes, so its fields are not checked (once per kind and file).', defaultSeverity: 'info' },
  { id: 'template-placeholder', description: 'A file with envsubst-style placeholders: one note, and no findings on placeholder values.', defaultSeverity: 'hint' },
  { id: 'unknown-rule-id', description: 'A suppression comment or configuration names a rule id that does not exist (it would silently do nothing).', defaultSeverity: 'error' },
];

/** Every rule and built-in check, built-in checks first. */
export function allChecks(): CheckMeta[] {
  const seen = new Set<string>();
  const out: CheckMeta[] = [];
  for (const check of [...BUILT_IN_CHECKS, ...RULES.map((r) => ({ id: r.id, description: r.description, defaultSeverity: r.defaultSeverity }))]) {
    if (seen.has(check.id)) continue;
    seen.add(check.id);
    out.push(check);
  }
  return out;
}

let known: Set<string> | undefined;

export function isKnownRuleId(id: string): boolean {
  known ??= new Set(allChecks().map((c) => c.id));
  return known.has(id);
}

/** "unknown rule id "shcema" — did you mean "schema"?" */
export function unknownRuleIdMessage(id: string): string {
  const suggestion = closestName(id, allChecks().map((c) => c.id));
  return `unknown rule id "${id}"${suggestion ? ` — did you mean "${suggestion}"?` : ''}`;
}
