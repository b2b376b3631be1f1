// Every volumeMount (and volumeDevice) must name a volume of the pod spec or a volumeClaimTemplate.
// The API server rejects the StatefulSet otherwise, but only at apply time.
import { STATEFUL_SET } from '../kinds';
import { closestName } from '../schema/messages';
import { referencesOf, volumesOf } from '../workspace/references';
import type { Rule } from './types';

export const stsVolumeMountUnknown: Rule = {
  id: 'sts-volume-mount-unknown',
  description: 'A volumeMount names neither a volume of the pod nor a volumeClaimTemplate.',
  defaultSeverity: 'error',
  judges: 'meaning',
  kinds: [STATEFUL_SET],
  check(ctx) {
    const volumes = volumesOf(ctx.resource).map((v) => v.name);
    for (const ref of referencesOf(ctx.resource)) {
      if (ref.target !== 'Volume' || volumes.includes(ref.name)) continue;
      const suggestion = closestName(ref.name, volumes);
      const known = volumes.length ? `; the pod has ${volumes.map((v) => `"${v}"`).join(', ')}` : '; the pod defines no volumes or claim templates';
      ctx.report({
        node: ref.nameNode,
        message: `${ref.via === 'volumeDevice' ? 'volumeDevice' : 'volumeMount'} "${ref.name}" names neither a volume nor a volumeClaimTemplate${suggestion ? ` — did you mean "${suggestion}"?` : known}`,
        data: { name: ref.name, ...(suggestion ? { suggestion } : {}) },
      });
    }
  },
};
