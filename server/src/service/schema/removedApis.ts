// apiVersions the API server no longer serves. A manifest using one is rejected by the cluster,
// so it gets one diagnostic naming the replacement; the rest of the document is checked as the
// replacement, so fixing the apiVersion does not uncover a second round of findings. A note says
// only what that check cannot (e.g. a kind that is gone); what the replacement requires (apps/v1's
// spec.selector) is reported by its schema, so it is not repeated here.
import { atLeast } from '../k8s/version';

export interface RemovedApi {
  /** Kubernetes minor version that stopped serving it. */
  removedIn: string;
  /** The apiVersion to use instead, or undefined when the kind itself is gone. */
  replacement?: string;
  note?: string;
}

type Table = Record<string, Record<string, RemovedApi>>;

const APPS_WORKLOADS = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ControllerRevision'];

function kinds(names: string[], entry: RemovedApi): Record<string, RemovedApi> {
  return Object.fromEntries(names.map((n) => [n, entry]));
}

const REMOVED: Table = {
  'apps/v1beta1': kinds(APPS_WORKLOADS, { removedIn: '1.16', replacement: 'apps/v1' }),
  'apps/v1beta2': kinds(APPS_WORKLOADS, { removedIn: '1.16', replacement: 'apps/v1' }),
  'extensions/v1beta1': {
    ...kinds(['Deployment', 'DaemonSet', 'ReplicaSet'], { removedIn: '1.16', replacement: 'apps/v1' }),
    NetworkPolicy: { removedIn: '1.16', replacement: 'networking.k8s.io/v1' },
    PodSecurityPolicy: { removedIn: '1.16', note: 'PodSecurityPolicy was removed entirely in 1.25; use Pod Security Admission' },
    Ingress: { removedIn: '1.22', replacement: 'networking.k8s.io/v1', note: 'backends are now service.name / service.port.number' },
  },
  'networking.k8s.io/v1beta1': kinds(['Ingress', 'IngressClass'], { removedIn: '1.22', replacement: 'networking.k8s.io/v1' }),
  'policy/v1beta1': {
    PodDisruptionBudget: { removedIn: '1.25', replacement: 'policy/v1' },
    PodSecurityPolicy: { removedIn: '1.25', note: 'PodSecurityPolicy has no replacement kind; use Pod Security Admission' },
  },
  'batch/v1beta1': { CronJob: { removedIn: '1.25', replacement: 'batch/v1' } },
  'batch/v2alpha1': { CronJob: { removedIn: '1.21', replacement: 'batch/v1' } },
  'autoscaling/v2beta1': { HorizontalPodAutoscaler: { removedIn: '1.25', replacement: 'autoscaling/v2' } },
  'autoscaling/v2beta2': { HorizontalPodAutoscaler: { removedIn: '1.26', replacement: 'autoscaling/v2' } },
  'storage.k8s.io/v1beta1': {
    ...kinds(['StorageClass', 'VolumeAttachment', 'CSIDriver', 'CSINode'], { removedIn: '1.22', replacement: 'storage.k8s.io/v1' }),
    CSIStorageCapacity: { removedIn: '1.27', replacement: 'storage.k8s.io/v1' },
  },
  'rbac.authorization.k8s.io/v1beta1': kinds(['Role', 'RoleBinding', 'ClusterRole', 'ClusterRoleBinding'], { removedIn: '1.22', replacement: 'rbac.authorization.k8s.io/v1' }),
  'rbac.authorization.k8s.io/v1alpha1': kinds(['Role', 'RoleBinding', 'ClusterRole', 'ClusterRoleBinding'], { removedIn: '1.22', replacement: 'rbac.authorization.k8s.io/v1' }),
  'admissionregistration.k8s.io/v1beta1': kinds(['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'], { removedIn: '1.22', replacement: 'admissionregistration.k8s.io/v1' }),
  'apiextensions.k8s.io/v1beta1': { CustomResourceDefinition: { removedIn: '1.22', replacement: 'apiextensions.k8s.io/v1', note: 'v1 requires a structural schema per version' } },
  'apiregistration.k8s.io/v1beta1': { APIService: { removedIn: '1.22', replacement: 'apiregistration.k8s.io/v1' } },
  'coordination.k8s.io/v1beta1': { Lease: { removedIn: '1.22', replacement: 'coordination.k8s.io/v1' } },
  'certificates.k8s.io/v1beta1': { CertificateSigningRequest: { removedIn: '1.22', replacement: 'certificates.k8s.io/v1' } },
  'scheduling.k8s.io/v1beta1': { PriorityClass: { removedIn: '1.22', replacement: 'scheduling.k8s.io/v1' } },
  'scheduling.k8s.io/v1alpha1': { PriorityClass: { removedIn: '1.17', replacement: 'scheduling.k8s.io/v1' } },
  'discovery.k8s.io/v1beta1': { EndpointSlice: { removedIn: '1.25', replacement: 'discovery.k8s.io/v1' } },
  'events.k8s.io/v1beta1': { Event: { removedIn: '1.25', replacement: 'events.k8s.io/v1' } },
  'node.k8s.io/v1beta1': { RuntimeClass: { removedIn: '1.25', replacement: 'node.k8s.io/v1' } },
  'flowcontrol.apiserver.k8s.io/v1beta1': kinds(['FlowSchema', 'PriorityLevelConfiguration'], { removedIn: '1.26', replacement: 'flowcontrol.apiserver.k8s.io/v1' }),
  'flowcontrol.apiserver.k8s.io/v1beta2': kinds(['FlowSchema', 'PriorityLevelConfiguration'], { removedIn: '1.29', replacement: 'flowcontrol.apiserver.k8s.io/v1' }),
  'flowcontrol.apiserver.k8s.io/v1beta3': kinds(['FlowSchema', 'PriorityLevelConfiguration'], { removedIn: '1.32', replacement: 'flowcontrol.apiserver.k8s.io/v1' }),
};

export function removedApi(apiVersion: string, kind: string): RemovedApi | undefined {
  return REMOVED[apiVersion]?.[kind];
}

/**
 * The apiVersion whose schema a resource is checked against: its own, or the replacement of a
 * removed one, so the rest of the document is still checked while the apiVersion is being fixed.
 */
export function checkedApiVersion(apiVersion: string, kind: string): string {
  return REMOVED[apiVersion]?.[kind]?.replacement ?? apiVersion;
}

export function describeRemovedApi(apiVersion: string, kind: string, removed: RemovedApi): string {
  const head = `${kind} in ${apiVersion} was removed in Kubernetes ${removed.removedIn}`;
  const use = removed.replacement ? `; use apiVersion: ${removed.replacement}` : '';
  const note = removed.note ? ` (${removed.note})` : '';
  return `${head}${use}${note}`;
}

/** For a target version that still serves the apiVersion: when it goes away and what to move to. */
export function describeStillServedApi(apiVersion: string, kind: string, removed: RemovedApi, targetVersion: string): string {
  const use = removed.replacement ? `; move to apiVersion: ${removed.replacement} before upgrading` : '';
  return `${kind} in ${apiVersion} is deprecated: Kubernetes ${targetVersion} (kubernetesVersion) still serves it, ${removed.removedIn} removes it${use}`;
}

/** Whether `targetVersion` no longer serves the apiVersion (removed in it or earlier). */
export function isRemovedIn(removed: RemovedApi, targetVersion: string): boolean {
  return atLeast(targetVersion, removed.removedIn);
}
