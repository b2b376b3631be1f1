// What the service knows about each Kubernetes kind.

/** Kinds that live outside namespaces; their namespace is the empty string. */
export const CLUSTER_SCOPED_KINDS = new Set([
  'PersistentVolume', 'StorageClass', 'Namespace', 'Node', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition',
  'CSIDriver', 'CSINode', 'VolumeAttachment', 'IngressClass', 'PriorityClass', 'RuntimeClass', 'PodSecurityPolicy',
  'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration', 'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding',
  'MutatingAdmissionPolicy', 'MutatingAdmissionPolicyBinding', 'APIService', 'CertificateSigningRequest', 'FlowSchema',
  'PriorityLevelConfiguration', 'ComponentStatus',
]);
