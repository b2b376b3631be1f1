// Built-in kinds the service knows only the scope of: they live outside namespaces, so their
// effective namespace is '' and references to them ignore the referrer's namespace.
// (CustomResourceDefinition, which says more, has its own descriptor.)
import type { KindDescriptor } from './types';

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

export const SCOPE_ONLY_KINDS: KindDescriptor[] = CLUSTER_SCOPED.flatMap(([group, kinds]) =>
  kinds.map(
    (kind): KindDescriptor => ({
      group,
      kind,
      scope: 'Cluster',
      schema: 'builtin',
      ...(kind === 'PodSecurityPolicy' ? { legacyGroups: ['extensions'] } : {}),
      ...(kind === 'Namespace' ? { symbol: 'Namespace' as const } : {}),
    }),
  ),
);
