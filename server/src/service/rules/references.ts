// Shared policy for references to other resources.
import type { RuleContext, RuleSeverity } from './types';

/**
 * A reference to a kind the workspace never defines is probably to something created elsewhere
 * (another repo, a Helm chart, the cluster): a hint, unless strict references are on.
 */
export function missingReferenceSeverity(ctx: RuleContext, kind: string): RuleSeverity | undefined {
  if (ctx.settings.references.strict || ctx.index.hasKind(kind)) return undefined;
  return 'hint';
}
