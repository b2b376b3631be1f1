// Built-in kinds the service knows little more than the scope of. Cluster-scoped ones live outside
// namespaces, so their effective namespace is '' and references to them ignore the referrer's
// namespace; the namespaced ones are here for where completion lists them.
// (CustomResourceDefinition, which says more, has its own descriptor.)
import { removedAppsBetas, removedVersions } from './removed';
import type { KindDescriptor } from './types';

type Extra = Partial<KindDescriptor>;

const common = (order: number): Extra => ({ completion: { group: 'common', order } });
const SUBDOMAIN: Extra = { nameFormat: 'dns-subdomain' };
const gone = (apiVersions: string[], removedIn: string, replacement: string): Extra => ({ removed: removedVersions(apiVersions, { removedIn, replacement }) });
const RBAC_BETAS = gone(['rbac.authorization.k8s.io/v1beta1', 'rbac.authorization.k8s.io/v1alpha1'], '1.22', 'rbac.authorization.k8s.io/v1');
const STORAGE_BETA = gone(['storage.k8s.io/v1beta1'], '1.22', 'storage.k8s.io/v1');
const WEBHOOK_BETA = gone(['admissionregistration.k8s.io/v1beta1'], '1.22', 'admissionregistration.k8s.io/v1');
const FLOW_CONTROL_BETAS: Extra = {
  removed: {
    'flowcontrol.apiserver.k8s.io/v1beta1': { removedIn: '1.26', replacement: 'flowcontrol.apiserver.k8s.io/v1' },
    'flowcontrol.apiserver.k8s.io/v1beta2': { removedIn: '1.29', replacement: 'flowcontrol.apiserver.k8s.io/v1' },
    'flowcontrol.apiserver.k8s.io/v1beta3': { removedIn: '1.32', replacement: 'flowcontrol.apiserver.k8s.io/v1' },
  },
};

/** Per kind, what it has beyond its scope. */
const EXTRA: Record<string, Extra> = {
  Namespace: {
    symbol: 'Namespace',
    nameFormat: 'dns-label',
    ...common(5),
    purpose: 'A scope for names: most resources (including StatefulSets, Services, claims, ConfigMaps and Secrets) belong to one.',
  },
  PodSecurityPolicy: {
    legacyGroups: ['extensions'],
    removed: {
      'extensions/v1beta1': { removedIn: '1.16', note: 'PodSecurityPolicy was removed entirely in 1.25; use Pod Security Admission' },
      'policy/v1beta1': { removedIn: '1.25', note: 'PodSecurityPolicy has no replacement kind; use Pod Security Admission' },
    },
  },
  ServiceAccount: { ...SUBDOMAIN, ...common(6) },
  PodDisruptionBudget: {
    ...SUBDOMAIN,
    ...common(8),
    ...gone(['policy/v1beta1'], '1.25', 'policy/v1'),
    purpose:
      'Limits how many pods of a set voluntary disruptions (node drains, upgrades) may take down at once — important for quorum-based StatefulSets.',
  },
  HorizontalPodAutoscaler: {
    ...common(9),
    removed: {
      'autoscaling/v2beta1': { removedIn: '1.25', replacement: 'autoscaling/v2' },
      'autoscaling/v2beta2': { removedIn: '1.26', replacement: 'autoscaling/v2' },
    },
  },
  NetworkPolicy: { legacyGroups: ['extensions'], ...SUBDOMAIN, ...common(10), ...gone(['extensions/v1beta1'], '1.16', 'networking.k8s.io/v1') },
  Role: { ...common(11), ...RBAC_BETAS },
  RoleBinding: { ...common(12), ...RBAC_BETAS },
  ClusterRole: { ...common(13), ...RBAC_BETAS },
  ClusterRoleBinding: { ...common(14), ...RBAC_BETAS },
  LimitRange: { ...SUBDOMAIN, ...common(15) },
  ResourceQuota: { ...SUBDOMAIN, ...common(16) },
  Endpoints: SUBDOMAIN,
  Lease: { ...SUBDOMAIN, ...gone(['coordination.k8s.io/v1beta1'], '1.22', 'coordination.k8s.io/v1') },
  PriorityClass: {
    ...SUBDOMAIN,
    removed: {
      'scheduling.k8s.io/v1beta1': { removedIn: '1.22', replacement: 'scheduling.k8s.io/v1' },
      'scheduling.k8s.io/v1alpha1': { removedIn: '1.17', replacement: 'scheduling.k8s.io/v1' },
    },
  },
  IngressClass: { ...SUBDOMAIN, ...gone(['networking.k8s.io/v1beta1'], '1.22', 'networking.k8s.io/v1') },
  VolumeAttachment: { ...SUBDOMAIN, ...STORAGE_BETA },
  CSIDriver: { ...SUBDOMAIN, ...STORAGE_BETA },
  CSINode: STORAGE_BETA,
  CSIStorageCapacity: gone(['storage.k8s.io/v1beta1'], '1.27', 'storage.k8s.io/v1'),
  ControllerRevision: { removed: removedAppsBetas(false) },
  MutatingWebhookConfiguration: WEBHOOK_BETA,
  ValidatingWebhookConfiguration: WEBHOOK_BETA,
  APIService: gone(['apiregistration.k8s.io/v1beta1'], '1.22', 'apiregistration.k8s.io/v1'),
  CertificateSigningRequest: gone(['certificates.k8s.io/v1beta1'], '1.22', 'certificates.k8s.io/v1'),
  EndpointSlice: gone(['discovery.k8s.io/v1beta1'], '1.25', 'discovery.k8s.io/v1'),
  RuntimeClass: gone(['node.k8s.io/v1beta1'], '1.25', 'node.k8s.io/v1'),
  Event: gone(['events.k8s.io/v1beta1'], '1.25', 'events.k8s.io/v1'),
  FlowSchema: FLOW_CONTROL_BETAS,
  PriorityLevelConfiguration: FLOW_CONTROL_BETAS,
};

const CLUSTER_SCOPED: Array<[group: string, kinds: string[]]> = [
  ['', ['Namespace', 'Node', 'ComponentStatus']],
  ['rbac.authorization.k8s.io', ['ClusterRole', 'ClusterRoleBinding']],
  ['storage.k8s.io', ['CSIDriver', 'CSINode', 'VolumeAttachment']],
  ['networking.k8s.io', ['IngressClass']],
  ['scheduling.k8s.io', ['PriorityClass']],
  ['node.k8s.io', ['RuntimeClass']],
  ['policy', ['PodSecurityPolicy']],
  [
    'admissionregistration.k8s.io',
    [
      'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration', 'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding',
      'MutatingAdmissionPolicy', 'MutatingAdmissionPolicyBinding',
    ],
  ],
  ['apiregistration.k8s.io', ['APIService']],
  ['certificates.k8s.io', ['CertificateSigningRequest']],
  ['flowcontrol.apiserver.k8s.io', ['FlowSchema', 'PriorityLevelConfiguration']],
];

const NAMESPACED: Array<[group: string, kinds: string[]]> = [
  ['', ['ServiceAccount', 'LimitRange', 'ResourceQuota', 'Endpoints', 'Event']],
  ['apps', ['ControllerRevision']],
  ['coordination.k8s.io', ['Lease']],
  ['discovery.k8s.io', ['EndpointSlice']],
  ['events.k8s.io', ['Event']],
  ['storage.k8s.io', ['CSIStorageCapacity']],
  ['policy', ['PodDisruptionBudget']],
  ['autoscaling', ['HorizontalPodAutoscaler']],
  ['networking.k8s.io', ['NetworkPolicy']],
  ['rbac.authorization.k8s.io', ['Role', 'RoleBinding']],
];

function described(scope: KindDescriptor['scope'], table: Array<[group: string, kinds: string[]]>): KindDescriptor[] {
  return table.flatMap(([group, kinds]) => kinds.map((kind): KindDescriptor => ({ group, kind, scope, schema: 'builtin', ...EXTRA[kind] })));
}

export const SCOPE_ONLY_KINDS: KindDescriptor[] = [...described('Cluster', CLUSTER_SCOPED), ...described('Namespaced', NAMESPACED)];
