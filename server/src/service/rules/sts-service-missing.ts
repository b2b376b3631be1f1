// A StatefulSet's serviceName must name a Service in its namespace: it is the governing Service
// that gives pods their DNS names. The API server accepts a missing one; pods just never resolve.
import { scalarAt } from '../yaml/access';
import { missingReferenceSeverity } from './references';
import type { Rule } from './types';

export const stsServiceMissing: Rule = {
  id: 'sts-service-missing',
  description: 'StatefulSet serviceName names no Service in the same namespace.',
  defaultSeverity: 'error',
  kinds: ['StatefulSet'],
  check(ctx) {
    const node = scalarAt(ctx.resource.root, ['spec', 'serviceName']);
    if (!node || node.value === null || node.value === '') return;
    const name = String(node.value);
    if (ctx.index.find('Service', name, ctx.namespace).length > 0) return;
    const elsewhere = ctx.index.ofKind('Service').filter((s) => s.name === name);
    const hint = elsewhere.length > 0 ? ` (a Service "${name}" exists in namespace ${elsewhere.map((s) => s.namespace).join(', ')})` : '';
    ctx.report({
      node,
      message: `serviceName "${name}" names no Service in namespace ${ctx.namespace}${hint}; pods get no stable DNS names without a headless Service`,
      severity: missingReferenceSeverity(ctx, 'Service'),
      data: { serviceName: name, namespace: ctx.namespace },
    });
  },
};
