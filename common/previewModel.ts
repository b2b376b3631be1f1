// The Stateful Preview model: what a StatefulSet will create in the cluster, as plain JSON.
// It crosses the LSP boundary unchanged (the `k8sStateful/preview` request), so it holds only
// strings, numbers, booleans, arrays and objects. Every item carries a source location so a
// client can navigate to the YAML that decides it.
import type { Range } from 'vscode-languageserver-types';

export interface SourceLocation {
  uri: string;
  range: Range;
}

export interface PreviewModel {
  /** Cluster DNS domain the names were computed with (setting `k8sStateful.clusterDomain`). */
  clusterDomain: string;
  /** StatefulSets of the active file first (in file order), then the rest by file and position. */
  statefulSets: StatefulSetPreview[];
  /** Resources an operator turns into pods, claims, Services and Secrets (CloudNativePG Cluster, Strimzi Kafka...), same order. */
  operatorResources?: OperatorResourcePreview[];
}

/** What an operator will make of one of its resources, from the resource's kind descriptor. */
export interface OperatorResourcePreview {
  kind: string;
  apiVersion: string;
  name: string;
  namespace: string;
  /** The resource's `metadata.name`. */
  location: SourceLocation;
  /** Pods in order, each with its claims; for large counts only the first and last ones (see `omittedPods`). */
  pods: Array<{ name: string; claims: string[] }>;
  omittedPods: number;
  /** Services and Secrets (and other objects) it makes; Services with their cluster DNS name. */
  objects: Array<{ kind: string; name: string; role?: string; dns?: string }>;
}

export interface StatefulSetPreview {
  name: string;
  /** Effective namespace: the StatefulSet's own or the default namespace setting. */
  namespace: string;
  /** True when metadata.namespace is absent and the default namespace applies. */
  namespaceDefaulted: boolean;
  /** The StatefulSet's `metadata.name`. */
  location: SourceLocation;
  /** Desired pod count; `null` when `spec.replicas` is not a non-negative integer. */
  replicas: number | null;
  /** True when `spec.replicas` is absent (Kubernetes defaults it to 1). */
  replicasDefaulted: boolean;
  replicasLocation: SourceLocation;
  /** First ordinal (`spec.ordinals.start`, default 0). */
  ordinalsStart: number;
  ordinalsLocation: SourceLocation;
  podManagementPolicy: string;
  /** How pods start and stop under that policy, in words. */
  podManagementNote: string;
  podManagementLocation: SourceLocation;
  /** `spec.serviceName`, when set. */
  serviceName?: string;
  /** The `spec.serviceName` value (the StatefulSet's name when absent): where per-pod DNS names come from. */
  serviceNameLocation: SourceLocation;
  /** Pods in creation order; for large replica counts only the first and last ones (see `omittedPods`). */
  pods: PodPreview[];
  /** How many pods between the listed first and last ones are not listed (0 when all are). */
  omittedPods: number;
  /** One entry per volumeClaimTemplate, as each pod's claim will look. */
  claimTemplates: ClaimTemplatePreview[];
  service?: ServicePreview;
  retention: RetentionPreview;
  problems: IdentityProblem[];
}

export interface PodPreview {
  ordinal: number;
  name: string;
  /** `<pod>.<serviceName>.<namespace>.svc.<clusterDomain>`; absent without a serviceName. */
  dns?: string;
  claims: ClaimPreview[];
  location: SourceLocation;
}

export interface ClaimTemplatePreview {
  template: string;
  /** `spec.resources.requests.storage` as written, e.g. `10Gi`. */
  size?: string;
  accessModes: string[];
  /** The class the claim gets: explicit, the workspace's default StorageClass, or none. */
  storageClass?: string;
  storageClassSource: 'explicit' | 'workspace-default' | 'cluster-default' | 'none';
  /** Human-readable storage class: `fast-ssd`, `fast-ssd (workspace default)`, `cluster default`, `none (static PVs only)`. */
  storageClassLabel: string;
  /** The template's `metadata.name`. */
  location: SourceLocation;
}

export interface ClaimPreview extends ClaimTemplatePreview {
  /** `<template>-<statefulset>-<ordinal>`, e.g. `data-db-0`. */
  name: string;
}

export interface ServicePreview {
  name: string;
  namespace: string;
  /** `<service>.<namespace>.svc.<clusterDomain>`. */
  fqdn: string;
  /** Whether the workspace defines this Service in the StatefulSet's namespace. */
  found: boolean;
  /** `clusterIP: None`; false when not found. */
  headless: boolean;
  /** SRV records, one per named port of the Service. */
  ports: ServicePortPreview[];
  /** The Service's `metadata.name` when found, else the StatefulSet's `spec.serviceName`. */
  location: SourceLocation;
}

export interface ServicePortPreview {
  name: string;
  port?: number;
  protocol: string;
  /** `_<port-name>._<protocol>.<service>.<namespace>.svc.<clusterDomain>`. */
  srv: string;
  location: SourceLocation;
}

export type RetentionPolicy = 'Retain' | 'Delete' | string;

export interface RetentionPreview {
  whenDeleted: RetentionPolicy;
  whenScaled: RetentionPolicy;
  /** True when `persistentVolumeClaimRetentionPolicy` (or that field) is absent: Retain. */
  whenDeletedDefaulted: boolean;
  whenScaledDefaulted: boolean;
  /** What happens to the claims when scaling down, in words. */
  scaleDownNote: string;
  /** What happens to the claims when the StatefulSet is deleted, in words. */
  deleteNote: string;
  location: SourceLocation;
}

/** A problem that breaks the pods' stable identity; it is also a diagnostic with the same rule id and range. */
export interface IdentityProblem {
  rule: 'sts-service-missing' | 'sts-service-not-headless' | 'sts-selector-mismatch';
  message: string;
  /** LSP DiagnosticSeverity (1 error … 4 hint), as the diagnostic has it. */
  severity: number;
  uri: string;
  range: Range;
}
