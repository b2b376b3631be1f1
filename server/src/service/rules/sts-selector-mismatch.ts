// spec.selector of a StatefulSet must select its own pod template's labels. The API server rejects
// the manifest ("selector does not match template labels"), but only at apply time.
import { STATEFUL_SET } from '../kinds';
import { keyNodeAt, mapAt, stringMap } from '../yaml/access';
import { describeRequirement, selectorRequirements, unmetRequirements } from '../workspace/selectors';
import type { Rule } from './types';

export const stsSelectorMismatch: Rule = {
  id: 'sts-selector-mismatch',
  description: 'StatefulSet spec.selector does not match the labels of its pod template.',
  defaultSeverity: 'error',
  judges: 'meaning',
  kinds: [STATEFUL_SET],
  check(ctx) {
    const selector = mapAt(ctx.resource.root, ['spec', 'selector']);
    // A missing selector or template is reported by the schema check.
    const template = mapAt(ctx.resource.root, ['spec', 'template']);
    if (!selector || !template) return;
    const labels = stringMap(mapAt(template, ['metadata', 'labels']));
    if (selectorRequirements(selector).length === 0) {
      ctx.report({
        node: keyNodeAt(ctx.resource.root, ['spec', 'selector']),
        message: 'spec.selector is empty; a StatefulSet needs a non-empty selector that matches spec.template.metadata.labels',
      });
      return;
    }
    const shown = Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(', ') || 'no labels';
    for (const requirement of unmetRequirements(selector, labels)) {
      ctx.report({
        node: requirement.node,
        message: `selector requirement ${describeRequirement(requirement)} does not match the pod template labels (${shown}); the API server rejects a StatefulSet whose selector does not select its own pods`,
        data: { key: requirement.key, operator: requirement.operator, values: requirement.values },
      });
    }
  },
};
