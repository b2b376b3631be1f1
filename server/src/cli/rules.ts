// Metadata of every diagnostic code the engine can produce, for SARIF's tool.driver.rules:
// the rule catalogue plus the built-in checks (syntax, schema, removed apiVersions).
import { RULES } from '../service/rules/catalogue';
import type { Threshold } from './args';

export interface RuleMeta {
  id: string;
  description: string;
  defaultSeverity: Threshold;
}

export const BUILTIN_RULES: RuleMeta[] = [
  { id: 'yaml-syntax', description: 'The file is not valid YAML (the cluster would reject it).', defaultSeverity: 'error' },
  { id: 'schema', description: 'A field does not match the Kubernetes schema of its kind (type, enum, unknown field, required field, format).', defaultSeverity: 'error' },
  { id: 'deprecated-api-version', description: 'The apiVersion is no longer served by Kubernetes; use the replacement.', defaultSeverity: 'error' },
  { id: 'yaml-aliases', description: 'YAML aliases expand to too many nodes to check the document.', defaultSeverity: 'error' },
];

export function allRules(): RuleMeta[] {
  const seen = new Set<string>();
  const out: RuleMeta[] = [];
  for (const rule of [...BUILTIN_RULES, ...RULES.map((r) => ({ id: r.id, description: r.description, defaultSeverity: r.defaultSeverity }))]) {
    if (seen.has(rule.id)) continue;
    seen.add(rule.id);
    out.push(rule);
  }
  return out;
}
