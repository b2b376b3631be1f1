// Problems that break a StatefulSet's stable pod identity, exactly as the diagnostics report them:
// the preview runs the catalogue's own rules (same message, range, severity, suppression), so a
// problem in the tree always points at a diagnostic in the editor.
import { offsetAt } from '../parse/positions';
import { ruleById } from '../rules/catalogue';
import { ruleDiagnostics, type RuleEnvironment } from '../rules/engine';
import type { Rule } from '../rules/types';
import type { Diagnostic, ParsedFile } from '../types';
import type { IndexedResource } from '../workspace';
import type { IdentityProblem } from '../../../../common/previewModel';

export const IDENTITY_RULES = ['sts-service-missing', 'sts-service-not-headless', 'sts-selector-mismatch'] as const;

export interface IdentityEnvironment extends RuleEnvironment {
  /** Per computation: the identity diagnostics of each file, so a file with many StatefulSets is checked once. */
  cache: Map<string, Diagnostic[]>;
}

export function identityProblems(env: IdentityEnvironment, entry: IndexedResource, file: ParsedFile): IdentityProblem[] {
  let diagnostics = env.cache.get(entry.uri);
  if (!diagnostics) {
    const rules = IDENTITY_RULES.map((id) => ruleById(id)).filter((r): r is Rule => r !== undefined);
    diagnostics = ruleDiagnostics(entry.uri, file, env, rules);
    env.cache.set(entry.uri, diagnostics);
  }
  const { start, end } = entry;
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
