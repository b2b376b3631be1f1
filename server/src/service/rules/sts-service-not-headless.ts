// The governing Service of a StatefulSet must be headless (clusterIP: None); otherwise the
// per-pod DNS records (db-0.db.ns.svc...) are never created.
import { scalarAt, stringAt } from '../yaml/access';
import type { Rule } from './types';

export const stsServiceNotHeadless: Rule = {
  id: 'sts-service-not-headless',
  description: 'StatefulSet serviceName points at a Service that is not headless (clusterIP: None).',
  defaultSeverity: 'error',
  kinds: ['StatefulSet'],
  check(ctx) {
    const node = scalarAt(ctx.resource.root, ['spec', 'serviceName']);
    if (!node || node.value === null) return;
    const name = String(node.value);
    for (const service of ctx.index.find('Service', name, ctx.namespace)) {
      const clusterIP = stringAt(service.resource.root, ['spec', 'clusterIP']);
      if (clusterIP === 'None') continue;
      const type = stringAt(service.resource.root, ['spec', 'type']) ?? 'ClusterIP';
      const what = clusterIP ? `has clusterIP ${clusterIP}` : `is a ${type} Service without clusterIP: None`;
      ctx.report({
        node,
        message: `Service "${name}" ${what}; a StatefulSet's governing Service must be headless (clusterIP: None) for per-pod DNS names`,
        data: { serviceUri: service.uri, serviceName: name },
      });
    }
  },
};
