// The governing Service publishes a DNS record per pod only for the pods it selects: its selector
// must match the StatefulSet's pod template labels, or db-0.db... never resolves.
import { kindId, SERVICE, STATEFUL_SET } from '../kinds';
import { mapAt, scalarAt, stringMap } from '../yaml/access';
import type { Rule } from './types';

export const stsServiceSelectorMismatch: Rule = {
  id: 'sts-service-selector-mismatch',
  description: "The StatefulSet's governing Service does not select the StatefulSet's pods.",
  defaultSeverity: 'warning',
  judges: 'meaning',
  kinds: [STATEFUL_SET],
  check(ctx) {
    const node = scalarAt(ctx.resource.root, ['spec', 'serviceName']);
    if (!node || node.value === null || node.value === '') return;
    // Without a pod template the schema already reports it; comparing labels would only add noise.
    if (!mapAt(ctx.resource.root, ['spec', 'template'])) return;
    const name = String(node.value);
    const labels = stringMap(mapAt(ctx.resource.root, ['spec', 'template', 'metadata', 'labels']));
    for (const service of ctx.index.find(kindId(SERVICE), name, ctx.namespace)) {
      // An operator's Service selects the operator's pods, by labels we do not know.
      if (service.facts.madeBy) continue;
      // From the index's facts: the Service may be in a closed file, which keeps no AST.
      const selectorLabels = service.facts.service?.selector ?? {};
      if (!service.facts.service?.selectorEntries) {
        ctx.report({
          node,
          message: `Service "${name}" has no selector, so it selects none of this StatefulSet's pods and no per-pod DNS records are published; give it a selector matching the pod template labels`,
          data: { serviceUri: service.uri, serviceName: name, labels },
        });
        continue;
      }
      const unmet = Object.entries(selectorLabels).filter(([key, value]) => labels[key] !== value);
      if (unmet.length === 0) continue;
      const shown = Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(', ') || 'no labels';
      ctx.report({
        node,
        message: `Service "${name}" selects ${unmet.map(([k, v]) => `${k}=${v}`).join(', ')}, which the pod template labels (${shown}) do not have; the Service selects none of this StatefulSet's pods`,
        data: { serviceUri: service.uri, serviceName: name, unmet: Object.fromEntries(unmet), labels },
      });
    }
  },
};
