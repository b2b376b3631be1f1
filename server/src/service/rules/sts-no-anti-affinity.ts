// Replicas of a stateful workload are meant to survive the loss of a node; without pod
// anti-affinity (or a topology spread constraint) the scheduler may put them all on one.
import { STATEFUL_SET } from '../kinds';
import { isScalar } from 'yaml';
import { mapAt, nodeAt, scalarAt, seqAt } from '../yaml/access';
import type { Rule } from './types';

export const stsNoAntiAffinity: Rule = {
  id: 'sts-no-anti-affinity',
  description: 'A StatefulSet with several replicas has no pod anti-affinity or topology spread constraint.',
  defaultSeverity: 'info',
  judges: 'meaning',
  kinds: [STATEFUL_SET],
  check(ctx) {
    const replicas = scalarAt(ctx.resource.root, ['spec', 'replicas']);
    // Absent means 1; a non-number is the schema's finding.
    if (!replicas || typeof replicas.value !== 'number' || replicas.value < 2) return;
    const podSpec = mapAt(ctx.resource.root, ['spec', 'template', 'spec']);
    if (!podSpec) return;
    const antiAffinity = nodeAt(podSpec, ['affinity', 'podAntiAffinity']);
    const spread = seqAt(podSpec, ['topologySpreadConstraints']);
    if ((antiAffinity && !(isScalar(antiAffinity) && antiAffinity.value === null)) || (spread && spread.items.length > 0)) return;
    ctx.report({
      node: replicas,
      message: `${replicas.value} replicas without podAntiAffinity or topologySpreadConstraints: the scheduler may place them on the same node, and losing that node loses every replica`,
      data: { replicas: replicas.value },
    });
  },
};
