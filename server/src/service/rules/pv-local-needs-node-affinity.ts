// A `local` PersistentVolume is a disk on one node: the scheduler needs spec.nodeAffinity to know which,
// and the API server rejects a local PV without it.
import { PERSISTENT_VOLUME } from '../kinds';
import type { Node } from 'yaml';
import { items, mapAt, nodeAt, seqAt } from '../yaml/access';
import type { Rule } from './types';

export const pvLocalNeedsNodeAffinity: Rule = {
  id: 'pv-local-needs-node-affinity',
  description: 'A local PersistentVolume without spec.nodeAffinity.required.',
  defaultSeverity: 'error',
  judges: 'meaning',
  kinds: [PERSISTENT_VOLUME],
  check(ctx) {
    const spec = mapAt(ctx.resource.root, ['spec']);
    if (!spec || nodeAt(spec, ['local']) === undefined) return;
    if (items(seqAt(spec, ['nodeAffinity', 'required', 'nodeSelectorTerms'])).length > 0) return;
    const localKey = spec.items.find((p) => (p.key as { value?: unknown }).value === 'local')?.key as Node;
    ctx.report({
      node: localKey,
      message: 'a local volume needs spec.nodeAffinity.required.nodeSelectorTerms naming the node that holds the disk; the API server rejects it without',
    });
  },
};
