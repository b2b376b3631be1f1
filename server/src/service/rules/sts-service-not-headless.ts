// The governing Service of a StatefulSet must be headless (clusterIP: None); otherwise the
// per-pod DNS records (db-0.db.ns.svc...) are never created.
import { kindId, SERVICE, STATEFUL_SET } from '../kinds';
import { scalarAt } from '../yaml/access';
import type { Rule } from './types';

export const stsServiceNotHeadless: Rule = {
  id: 'sts-service-not-headless',
  description: 'StatefulSet serviceName points at a Service that is not headless (clusterIP: None).',
  defaultSeverity: 'info',
  judges: 'meaning',
  kinds: [STATEFUL_SET],
  check(ctx) {
    const node = scalarAt(ctx.resource.root, ['spec', 'serviceName']);
    if (!node || node.value === null) return;
    const name = String(node.value);
    // Several files may define a Service of that name (variants of one app, unrelated examples): the
    // one beside the StatefulSet in its own file is the one applied with it. One finding at most.
    const services = ctx.index.find(kindId(SERVICE), name, ctx.namespace);
    const ownFile = services.filter((s) => s.uri === ctx.uri);
    for (const service of ownFile.length > 0 ? ownFile : services) {
      // From the index's facts: the Service may be in a closed file, which keeps no AST.
      const clusterIP = service.facts.service?.clusterIP;
      if (clusterIP === 'None') continue;
      const type = service.facts.service?.type ?? 'ClusterIP';
      const what = clusterIP ? `has clusterIP ${clusterIP}` : `is a ${type} Service without clusterIP: None`;
      ctx.report({
        node,
        message: `Service "${name}" ${what}; a StatefulSet's governing Service must be headless (clusterIP: None) for per-pod DNS names`,
        data: { serviceUri: service.uri, serviceName: name },
      });
      return;
    }
  },
};
