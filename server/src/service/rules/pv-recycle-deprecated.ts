// persistentVolumeReclaimPolicy: Recycle (a basic `rm -rf` of the volume) is deprecated and only some
// volume plugins ever supported it; dynamic provisioning and explicit cleanup replace it.
import { PERSISTENT_VOLUME } from '../kinds';
import { scalarAt } from '../yaml/access';
import type { Rule } from './types';

export const pvRecycleDeprecated: Rule = {
  id: 'pv-recycle-deprecated',
  description: 'A PersistentVolume uses the deprecated Recycle reclaim policy.',
  defaultSeverity: 'warning',
  judges: 'meaning',
  kinds: [PERSISTENT_VOLUME],
  appliesToPatches: true,
  check(ctx) {
    const node = scalarAt(ctx.resource.root, ['spec', 'persistentVolumeReclaimPolicy']);
    if (node?.value !== 'Recycle') return;
    ctx.report({
      node,
      message: 'the Recycle reclaim policy is deprecated (only NFS and hostPath ever supported it); use Retain and clean up by hand, or Delete with a dynamic provisioner',
      data: { replacement: 'Retain' },
    });
  },
};
