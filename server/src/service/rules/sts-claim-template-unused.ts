// A volumeClaimTemplate that no container mounts still creates (and keeps) one PVC per pod:
// storage is provisioned and paid for, while the data the template was meant for goes elsewhere.
import { STATEFUL_SET } from '../kinds';
import { referencesOf, volumesOf } from '../workspace/references';
import { mapAt } from '../yaml/access';
import type { Rule } from './types';

export const stsClaimTemplateUnused: Rule = {
  id: 'sts-claim-template-unused',
  description: 'A volumeClaimTemplate is not mounted by any container.',
  defaultSeverity: 'warning',
  judges: 'meaning',
  kinds: [STATEFUL_SET],
  check(ctx) {
    // Without a pod template nothing can mount anything; the schema reports the missing template.
    if (!mapAt(ctx.resource.root, ['spec', 'template'])) return;
    const used = new Set(referencesOf(ctx.resource).filter((r) => r.target === 'Volume').map((r) => r.name));
    for (const volume of volumesOf(ctx.resource)) {
      if (volume.source !== 'claimTemplate' || used.has(volume.name)) continue;
      ctx.report({
        node: volume.nameNode,
        message: `volumeClaimTemplate "${volume.name}" is not mounted by any container; each pod still gets its own PVC, but nothing writes to it`,
        data: { name: volume.name },
      });
    }
  },
};
