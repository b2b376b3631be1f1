// Kinds that run pods: where each keeps its pod spec, and what a StatefulSet adds (its headless
// Service, claim templates and the pods and claims it makes).
import { CLAIM, POD, SERVICE, STORAGE_CLASS } from './keys';
import { removedAppsBetas } from './removed';
import type { CompletionPlace, KindDescriptor, OutlineChild } from './types';

const POD_OUTLINE: OutlineChild[] = ['containers', 'volumes'];

function workload(group: string, kind: string, podSpec: string, extra: Partial<KindDescriptor> = {}): KindDescriptor {
  return { group, kind, scope: 'Namespaced', podSpec, outline: POD_OUTLINE, symbol: 'Class', nameFormat: 'dns-subdomain', schema: 'builtin', ...extra };
}

const common = (order: number): { completion: CompletionPlace } => ({ completion: { group: 'common', order } });

export const WORKLOAD_KINDS: KindDescriptor[] = [
  workload('', 'Pod', 'spec', { ...common(1), purpose: 'The smallest deployable unit: one or more containers sharing network and volumes. Usually created by a controller (StatefulSet, Deployment, Job) rather than directly.' }),
  workload('apps', 'Deployment', 'spec.template.spec', { legacyGroups: ['extensions'], removed: removedAppsBetas(true), ...common(0), purpose: 'Runs interchangeable replicas of a pod and rolls out changes to them. Pods have random names and share any claims; for per-pod identity and storage use a StatefulSet.' }),
  {
    ...workload('apps', 'StatefulSet', 'spec.template.spec', { removed: removedAppsBetas(false) }),
    claimTemplates: 'spec.volumeClaimTemplates[]',
    references: [
      { at: 'spec', name: 'serviceName', target: SERVICE, headlessService: true, via: 'serviceName' },
      { at: 'spec.volumeClaimTemplates[].spec', name: 'storageClassName', target: STORAGE_CLASS, via: 'storageClassName' },
    ],
    outline: [...POD_OUTLINE, 'claimTemplates'],
    purpose:
      'Runs pods with a stable identity: ordered names (`<name>-0`, `<name>-1`, …), a stable DNS name each through the headless Service named in `spec.serviceName`, and one PersistentVolumeClaim per pod for each entry of `spec.volumeClaimTemplates`, kept across rescheduling. Use it for databases, queues and other clustered state.',
    completion: { group: 'featured', order: 0 },
    makes: [
      { kind: POD, name: '{name}-{ordinal}', role: 'pod' },
      { kind: CLAIM, name: '{template}-{name}-{ordinal}', role: 'claim per pod and claim template' },
    ],
  },
  workload('apps', 'DaemonSet', 'spec.template.spec', { legacyGroups: ['extensions'], removed: removedAppsBetas(true), ...common(4), purpose: 'Runs one copy of a pod on each (selected) node — log shippers, node agents, storage drivers.' }),
  workload('apps', 'ReplicaSet', 'spec.template.spec', { legacyGroups: ['extensions'], removed: removedAppsBetas(true) }),
  workload('', 'ReplicationController', 'spec.template.spec'),
  workload('batch', 'Job', 'spec.template.spec', { ...common(2), purpose: 'Runs pods until a number of them complete successfully (batch work, migrations, backups).' }),
  workload('batch', 'CronJob', 'spec.jobTemplate.spec.template.spec', {
    ...common(3),
    removed: { 'batch/v1beta1': { removedIn: '1.25', replacement: 'batch/v1' }, 'batch/v2alpha1': { removedIn: '1.21', replacement: 'batch/v1' } },
    purpose: 'Creates Jobs on a schedule (`spec.schedule`, cron syntax).' }),
  workload('', 'PodTemplate', 'template.spec'),
];

