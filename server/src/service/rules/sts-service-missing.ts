// A StatefulSet's serviceName must name a Service in its namespace: it is the governing Service
// that gives pods their DNS names. The API server accepts a missing one; pods just never resolve.
import { kindId, SERVICE, STATEFUL_SET } from '../kinds';
import { scalarAt } from '../yaml/access';
import { likelyTypoOf, missingReferenceSeverity } from './references';
import type { Rule } from './types';

export const stsServiceMissing: Rule = {
  id: 'sts-service-missing',
  description: 'StatefulSet serviceName names no Service in the same namespace.',
  defaultSeverity: 'warning',
  judges: 'meaning',
  kinds: [STATEFUL_SET],
  check(ctx) {
    const node = scalarAt(ctx.resource.root, ['spec', 'serviceName']);
    if (!node || node.value === null || node.value === '') return;
    const name = String(node.value);
    if (ctx.index.find(kindId(SERVICE), name, ctx.namespace).length > 0) return;
    const services = ctx.index.ofKind(kindId(SERVICE));
    const elsewhere = [...new Set(services.filter((s) => s.name === name).map((s) => s.namespace))];
    const suggestion = likelyTypoOf(name, services.filter((s) => s.namespace === ctx.namespace).map((s) => s.name));
    let message = `serviceName "${name}" names no Service in namespace ${ctx.namespace}`;
    if (suggestion) message += ` — did you mean "${suggestion}"?`;
    if (elsewhere.length > 0) message += ` (a Service "${name}" exists in namespace ${elsewhere.join(', ')})`;
    message += '; pods get no stable DNS names without a headless Service';
    ctx.report({
      node,
      message,
      severity: missingReferenceSeverity(ctx, suggestion),
      data: { serviceName: name, namespace: ctx.namespace, ...(suggestion ? { suggestion } : {}) },
    });
  },
};
