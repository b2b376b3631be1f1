// The built-in kinds other code names, by API group and kind: reference targets, the kinds rules
// select, the kinds hover, quick fixes and the preview treat specially. Code names a kind through
// these (and asks `isKind`), never by a bare kind-name string.
import type { KindKey } from './types';

export const POD: KindKey = { group: '', kind: 'Pod' };
export const CONFIG_MAP: KindKey = { group: '', kind: 'ConfigMap' };
export const SECRET: KindKey = { group: '', kind: 'Secret' };
export const SERVICE: KindKey = { group: '', kind: 'Service' };
export const CLAIM: KindKey = { group: '', kind: 'PersistentVolumeClaim' };
export const PERSISTENT_VOLUME: KindKey = { group: '', kind: 'PersistentVolume' };
export const REPLICATION_CONTROLLER: KindKey = { group: '', kind: 'ReplicationController' };
export const STORAGE_CLASS: KindKey = { group: 'storage.k8s.io', kind: 'StorageClass' };
export const STATEFUL_SET: KindKey = { group: 'apps', kind: 'StatefulSet' };
export const DEPLOYMENT: KindKey = { group: 'apps', kind: 'Deployment' };
export const DAEMON_SET: KindKey = { group: 'apps', kind: 'DaemonSet' };
export const REPLICA_SET: KindKey = { group: 'apps', kind: 'ReplicaSet' };
export const JOB: KindKey = { group: 'batch', kind: 'Job' };
export const CRON_JOB: KindKey = { group: 'batch', kind: 'CronJob' };
export const CUSTOM_RESOURCE_DEFINITION: KindKey = { group: 'apiextensions.k8s.io', kind: 'CustomResourceDefinition' };
/** Not a kind: a volume (or claim template) of the same pod spec, named by volumeMounts. */
export const VOLUME: KindKey = { group: '', kind: 'Volume' };
