// Problems that break a StatefulSet's stable pod identity, exactly as the diagnostics report them:
// the preview runs the catalogue's own rules (same message, range, severity, suppression), so a
// problem in the tree always points at a diagnostic in the editor. A rule that is not in the
// catalogue (yet) is covered by the fallback check below, with the same id.
import { offsetAt } from '../parse/positions';
import { ruleById } from '../rules/catalogue';
import { ruleDiagnostics, type RuleEnvironment } from '../rules/engine';
import type { Rule } from '../rules/types';
import type { Diagnostic, ParsedFile } from '../types';
import type { IndexedResource } from '../workspace';
import { entries, items, mapAt, nodeAt, seqAt, stringAt, stringMap } from '../yaml/access';
import type { IdentityProblem } from './model';

export const IDENTITY_RULES = ['sts-service-missing', 'sts-service-not-headless', 'sts-selector-mismatch'] as const;

export interface IdentityEnvironment extends RuleEnvironment {
  /** Per computation: the identity diagnostics of each file, so a file with many StatefulSets is checked once. */
  cache: Map<string, Diagnostic[]>;
}

export function identityProblems(env: IdentityEnvironment, entry: IndexedResource, file: ParsedFile): IdentityProblem[] {
  let diagnostics = env.cache.get(entry.uri);
  if (!diagnostics) {
    const rules = IDENTITY_RULES.map((id) => ruleById(id) ?? FALLBACK_RULES[id]).filter((r): r is Rule => r !== undefined);
    diagnostics = ruleDiagnostics(entry.uri, file, env, rules);
    env.cache.set(entry.uri, diagnostics);
  }
  const { start, end } = entry.resource.document;
  return diagnostics
    .filter((d) => {
      const at = offsetAt(file.lineCounter, file.text, d.range.start);
      return at >= start && at < end;
    })
    .map((d) => ({
      rule: String(d.code) as IdentityProblem['rule'],
      message: d.message,
      severity: d.severity ?? 1,
      uri: entry.uri,
      range: d.range,
    }));
}

/**
 * `spec.selector` must select the pod template's labels, or the API server rejects the StatefulSet
 * ("selector does not match template labels") and no pod is ever created.
 */
const selectorMismatch: Rule = {
  id: 'sts-selector-mismatch',
  description: "StatefulSet selector does not match the pod template's labels.",
  defaultSeverity: 'error',
  kinds: ['StatefulSet'],
  check(ctx) {
    const selector = mapAt(ctx.resource.root, ['spec', 'selector']);
    if (!selector) return;
    const labels = stringMap(mapAt(ctx.resource.root, ['spec', 'template', 'metadata', 'labels']));
    for (const e of entries(mapAt(selector, ['matchLabels']))) {
      const wanted = stringAt(e.value, []);
      if (wanted === undefined || labels[e.key] === wanted) continue;
      const has = labels[e.key] === undefined ? 'has no such label' : `has ${e.key}: ${labels[e.key]}`;
      ctx.report({
        node: e.keyNode,
        message: `selector ${e.key}: ${wanted} does not match the pod template's labels (the template ${has}); the API server rejects the StatefulSet`,
      });
      return;
    }
    for (const expression of items(seqAt(selector, ['matchExpressions']))) {
      const key = stringAt(expression, ['key']);
      const operator = stringAt(expression, ['operator']);
      if (!key || !operator) continue;
      const values = items(seqAt(expression, ['values'])).map((n) => stringAt(n, [])).filter((v): v is string => v !== undefined);
      const value = labels[key];
      const matches =
        operator === 'In' ? value !== undefined && values.includes(value)
        : operator === 'NotIn' ? value === undefined || !values.includes(value)
        : operator === 'Exists' ? value !== undefined
        : operator === 'DoesNotExist' ? value === undefined
        : true;
      if (matches) continue;
      ctx.report({
        node: nodeAt(expression, ['key']) ?? expression,
        message: `selector expression "${key} ${operator}${values.length ? ` (${values.join(', ')})` : ''}" does not match the pod template's labels; the API server rejects the StatefulSet`,
      });
      return;
    }
  },
};

const FALLBACK_RULES: Partial<Record<(typeof IDENTITY_RULES)[number], Rule>> = { 'sts-selector-mismatch': selectorMismatch };
