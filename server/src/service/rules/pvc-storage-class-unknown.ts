// A claim's storageClassName must name a StorageClass, or the claim stays Pending. "" is not a
// reference: it asks for a pre-created volume without a class (static binding). Neither is a name
// that only PersistentVolumes use (the docs' "manual"): such claims bind statically by class name.
import { CLAIM, kindId, PERSISTENT_VOLUME, STATEFUL_SET, STORAGE_CLASS } from '../kinds';
import { claimsOf } from '../kinds/claims';
import { scalarAt } from '../yaml/access';
import { likelyTypoOf, missingReferenceSeverity } from './references';
import type { Rule } from './types';

export const pvcStorageClassUnknown: Rule = {
  id: 'pvc-storage-class-unknown',
  description: 'A PersistentVolumeClaim or volumeClaimTemplate names a StorageClass the workspace does not define.',
  defaultSeverity: 'warning',
  judges: 'meaning',
  kinds: [CLAIM, STATEFUL_SET],
  check(ctx) {
    for (const claim of claimsOf(ctx.resource)) {
      const node = scalarAt(claim.spec, ['storageClassName']);
      if (!node || node.value === null || String(node.value) === '') continue;
      const name = String(node.value);
      if (ctx.index.find(kindId(STORAGE_CLASS), name, '').length > 0) continue;
      // A class name only PersistentVolumes carry is static binding by name ("manual"): no StorageClass needed.
      if (ctx.index.ofKind(kindId(PERSISTENT_VOLUME)).some((pv) => pv.facts.volume?.storageClassName === name)) continue;
      const known = [...new Set(ctx.index.ofKind(kindId(STORAGE_CLASS)).map((sc) => sc.name))];
      const suggestion = likelyTypoOf(name, known);
      const detail = suggestion ? ` — did you mean "${suggestion}"?` : known.length ? ` (the workspace defines ${known.map((n) => `"${n}"`).join(', ')})` : ' (the workspace defines no StorageClass; it may come from the cluster)';
      ctx.report({
        node,
        message: `storageClassName "${name}" names no StorageClass in the workspace${detail}; a claim whose class does not exist stays Pending`,
        // Clusters provide classes of their own ("standard", "gp3"): without a near miss, only a hint.
        severity: missingReferenceSeverity(ctx, suggestion),
        data: { storageClassName: name, ...(suggestion ? { replacement: suggestion } : {}) },
      });
    }
  },
};
