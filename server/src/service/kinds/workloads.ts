// Kinds that run pods: where each keeps its pod spec, and what a StatefulSet adds (its headless
// Service, claim templates and the pods and claims it makes).
import { CLAIM, POD, SERVICE, STORAGE_CLASS } from './keys';
import type { KindDescriptor, OutlineChild } from './types';

const POD_OUTLINE: OutlineChild[] = ['containers', 'volumes'];

function workload(group: string, kind: string, podSpec: string, legacyGroups?: string[]): KindDescriptor {
  return { group, kind, scope: 'Namespaced', podSpec, outline: POD_OUTLINE, symbol: 'Class', schema: 'builtin', ...(legacyGroups ? { legacyGroups } : {}) };
}

export const WORKLOAD_KINDS: KindDescriptor[] = [
  workload('', 'Pod', 'spec'),
  workload('apps', 'Deployment', 'spec.template.spec', ['extensions']),
  {
    ...workload('apps', 'StatefulSet', 'spec.template.spec'),
    claimTemplates: 'spec.volumeClaimTemplates[]',
    references: [
      { at: 'spec', name: 'serviceName', target: SERVICE, headlessService: true, via: 'serviceName' },
      { at: 'spec.volumeClaimTemplates[].spec', name: 'storageClassName', target: STORAGE_CLASS, via: 'storageClassName' },
    ],
    outline: [...POD_OUTLINE, 'claimTemplates'],
    makes: [
      { kind: POD, name: '{name}-{ordinal}', role: 'pod' },
      { kind: CLAIM, name: '{template}-{name}-{ordinal}', role: 'claim per pod and claim template' },
    ],
  },
  workload('apps', 'DaemonSet', 'spec.template.spec', ['extensions']),
  workload('apps', 'ReplicaSet', 'spec.template.spec', ['extensions']),
  workload('', 'ReplicationController', 'spec.template.spec'),
  workload('batch', 'Job', 'spec.template.spec'),
  workload('batch', 'CronJob', 'spec.jobTemplate.spec.template.spec'),
  workload('', 'PodTemplate', 'template.spec'),
];

