// Every place a resource refers to another one (or, for volume mounts, to a volume of its own pod
// spec), extracted once per parsed resource. Rules, navigation (definition, references, rename) and
// completion all read references from here, so they agree on what refers to what.
//
// Also the key lookups of ConfigMaps and Secrets (data / binaryData / stringData).
import { isMap, isScalar, type Node, type Scalar, type YAMLMap } from 'yaml';
import type { Resource } from '../types';
import { entries, items, mapAt, nodeAt, scalarAt, seqAt } from '../yaml/access';
import { CLUSTER_SCOPED_KINDS } from '../kinds';

/** What a reference points at. `Volume` is a volume (or claim template) of the referring resource itself. */
export type ReferenceTarget = 'ConfigMap' | 'Secret' | 'PersistentVolumeClaim' | 'StorageClass' | 'Service' | 'Volume';

/** Where in the referring resource the reference sits. */
export type ReferenceVia =
  | 'configMapKeyRef'
  | 'secretKeyRef'
  | 'envFrom'
  | 'volume'
  | 'projected'
  | 'claimName'
  | 'storageClassName'
  | 'serviceName'
  | 'volumeMount'
  | 'volumeDevice'
  | 'claimRef'
  | 'imagePullSecret'
  | 'ingressBackend'
  | 'ingressTls';

export interface Reference {
  target: ReferenceTarget;
  /** The referred name, and the scalar holding it. */
  name: string;
  nameNode: Scalar;
  /** For key references (configMapKeyRef, secretKeyRef, volume `items[].key`): the key and its scalar. */
  key?: string;
  keyNode?: Scalar;
  /** `optional: true` on the reference: a missing target or key is fine. */
  optional: boolean;
  via: ReferenceVia;
  /**
   * Namespace the target is looked up in, when the resource says it explicitly (claimRef.namespace);
   * otherwise undefined and the referring resource's effective namespace applies.
   * Cluster-scoped targets (StorageClass) are looked up in ''.
   */
  namespace?: string;
  /** The referring resource. */
  resource: Resource;
}

/** Kinds that carry a pod template, and where their pod spec lives. */
export const POD_SPEC_PATHS: Record<string, string[]> = {
  Pod: ['spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
  PodTemplate: ['template', 'spec'],
};

export const POD_BEARING_KINDS = Object.keys(POD_SPEC_PATHS);

export function podSpecOf(resource: Resource): YAMLMap | undefined {
  const path = POD_SPEC_PATHS[resource.kind];
  return path ? mapAt(resource.root, path) : undefined;
}

/** Containers, init containers and ephemeral containers of a pod spec. */
export function containersOf(podSpec: YAMLMap | undefined): YAMLMap[] {
  const out: YAMLMap[] = [];
  for (const field of ['initContainers', 'containers', 'ephemeralContainers']) {
    for (const item of items(seqAt(podSpec, [field]))) if (isMap(item)) out.push(item);
  }
  return out;
}

const cache = new WeakMap<Resource, Reference[]>();

/** Every reference a resource makes, in source order per section. Cached per parsed resource. */
export function referencesOf(resource: Resource): Reference[] {
  let refs = cache.get(resource);
  if (!refs) {
    refs = extract(resource);
    cache.set(resource, refs);
  }
  return refs;
}

/** The namespace a reference's target is looked up in, given the referrer's effective namespace. */
export function targetNamespace(ref: Reference, referrerNamespace: string): string {
  if (ref.target === 'StorageClass') return '';
  return ref.namespace ?? referrerNamespace;
}

/** The reference whose name or key scalar covers `offset` (ends inclusive, so a cursor right after a name counts). */
export function referenceAt(resource: Resource, offset: number): { ref: Reference; part: 'name' | 'key' } | undefined {
  for (const ref of referencesOf(resource)) {
    if (ref.keyNode && covers(ref.keyNode, offset)) return { ref, part: 'key' };
    if (covers(ref.nameNode, offset)) return { ref, part: 'name' };
  }
  return undefined;
}

export function covers(node: Node, offset: number): boolean {
  return !!node.range && node.range[0] <= offset && offset <= node.range[1];
}

// ---------------------------------------------------------------------------------------------
// Volumes of a pod-bearing resource (the targets of volumeMounts).

export interface VolumeDefinition {
  name: string;
  nameNode: Scalar;
  /** A volume of the pod spec, or a StatefulSet volumeClaimTemplate. */
  source: 'volume' | 'claimTemplate';
}

export function volumesOf(resource: Resource): VolumeDefinition[] {
  const out: VolumeDefinition[] = [];
  for (const volume of items(seqAt(podSpecOf(resource), ['volumes']))) {
    const nameNode = nonEmptyScalar(nodeAt(volume, ['name']));
    if (nameNode) out.push({ name: String(nameNode.value), nameNode, source: 'volume' });
  }
  if (resource.kind === 'StatefulSet') {
    for (const template of items(seqAt(resource.root, ['spec', 'volumeClaimTemplates']))) {
      const nameNode = nonEmptyScalar(nodeAt(template, ['metadata', 'name']));
      if (nameNode) out.push({ name: String(nameNode.value), nameNode, source: 'claimTemplate' });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// ConfigMap / Secret keys.

export type KeySection = 'data' | 'binaryData' | 'stringData';

export interface DataKey {
  key: string;
  keyNode: Scalar;
  value: Node | undefined;
  section: KeySection;
}

/** The sections holding keys: ConfigMap data + binaryData, Secret data + stringData. */
export function keySections(kind: string): KeySection[] {
  if (kind === 'ConfigMap') return ['data', 'binaryData'];
  if (kind === 'Secret') return ['data', 'stringData'];
  return [];
}

/** Every key of a ConfigMap or Secret, in source order per section (a key may appear in two sections). */
export function dataKeys(resource: Resource): DataKey[] {
  const out: DataKey[] = [];
  for (const section of keySections(resource.kind)) {
    for (const e of entries(mapAt(resource.root, [section]))) out.push({ key: e.key, keyNode: e.keyNode, value: e.value, section });
  }
  return out;
}

export function findDataKey(resource: Resource, key: string): DataKey[] {
  return dataKeys(resource).filter((k) => k.key === key);
}

export function hasDataKey(resource: Resource, key: string): boolean {
  return findDataKey(resource, key).length > 0;
}

// ---------------------------------------------------------------------------------------------
// Extraction.

function extract(resource: Resource): Reference[] {
  const out: Reference[] = [];
  const add = (ref: Omit<Reference, 'resource'>) => out.push({ ...ref, resource });
  const podSpec = podSpecOf(resource);
  if (podSpec) podReferences(podSpec, add);

  switch (resource.kind) {
    case 'StatefulSet': {
      const serviceName = nonEmptyScalar(nodeAt(resource.root, ['spec', 'serviceName']));
      if (serviceName) add({ target: 'Service', name: String(serviceName.value), nameNode: serviceName, optional: false, via: 'serviceName' });
      for (const template of items(seqAt(resource.root, ['spec', 'volumeClaimTemplates']))) {
        storageClassReference(nodeAt(template, ['spec', 'storageClassName']), add);
      }
      break;
    }
    case 'PersistentVolumeClaim':
      storageClassReference(nodeAt(resource.root, ['spec', 'storageClassName']), add);
      break;
    case 'PersistentVolume': {
      storageClassReference(nodeAt(resource.root, ['spec', 'storageClassName']), add);
      const claimName = nonEmptyScalar(nodeAt(resource.root, ['spec', 'claimRef', 'name']));
      if (claimName) {
        const namespace = scalarAt(resource.root, ['spec', 'claimRef', 'namespace'])?.value;
        add({
          target: 'PersistentVolumeClaim',
          name: String(claimName.value),
          nameNode: claimName,
          optional: false,
          via: 'claimRef',
          namespace: namespace === undefined || namespace === null || namespace === '' ? undefined : String(namespace),
        });
      }
      break;
    }
    case 'Ingress': {
      const backends = [nodeAt(resource.root, ['spec', 'defaultBackend'])];
      for (const rule of items(seqAt(resource.root, ['spec', 'rules']))) {
        for (const path of items(seqAt(rule, ['http', 'paths']))) backends.push(nodeAt(path, ['backend']));
      }
      for (const backend of backends) {
        const name = nonEmptyScalar(nodeAt(backend, ['service', 'name']));
        if (name) add({ target: 'Service', name: String(name.value), nameNode: name, optional: false, via: 'ingressBackend' });
      }
      for (const tls of items(seqAt(resource.root, ['spec', 'tls']))) {
        const name = nonEmptyScalar(nodeAt(tls, ['secretName']));
        if (name) add({ target: 'Secret', name: String(name.value), nameNode: name, optional: false, via: 'ingressTls' });
      }
      break;
    }
  }
  return out;
}

type Add = (ref: Omit<Reference, 'resource'>) => void;

function podReferences(podSpec: YAMLMap, add: Add): void {
  for (const container of containersOf(podSpec)) {
    for (const env of items(seqAt(container, ['env']))) {
      keyReference(mapAt(env, ['valueFrom', 'configMapKeyRef']), 'ConfigMap', 'configMapKeyRef', add);
      keyReference(mapAt(env, ['valueFrom', 'secretKeyRef']), 'Secret', 'secretKeyRef', add);
    }
    for (const source of items(seqAt(container, ['envFrom']))) {
      nameReference(mapAt(source, ['configMapRef']), 'name', 'ConfigMap', 'envFrom', add);
      nameReference(mapAt(source, ['secretRef']), 'name', 'Secret', 'envFrom', add);
    }
    for (const [field, via] of [['volumeMounts', 'volumeMount'], ['volumeDevices', 'volumeDevice']] as const) {
      for (const mount of items(seqAt(container, [field]))) {
        const name = nonEmptyScalar(nodeAt(mount, ['name']));
        if (name) add({ target: 'Volume', name: String(name.value), nameNode: name, optional: false, via });
      }
    }
  }
  for (const volume of items(seqAt(podSpec, ['volumes']))) {
    volumeSourceReference(mapAt(volume, ['configMap']), 'name', 'ConfigMap', 'volume', add);
    volumeSourceReference(mapAt(volume, ['secret']), 'secretName', 'Secret', 'volume', add);
    for (const source of items(seqAt(volume, ['projected', 'sources']))) {
      volumeSourceReference(mapAt(source, ['configMap']), 'name', 'ConfigMap', 'projected', add);
      volumeSourceReference(mapAt(source, ['secret']), 'name', 'Secret', 'projected', add);
    }
    const claimName = nonEmptyScalar(nodeAt(volume, ['persistentVolumeClaim', 'claimName']));
    if (claimName) add({ target: 'PersistentVolumeClaim', name: String(claimName.value), nameNode: claimName, optional: false, via: 'claimName' });
  }
  for (const secret of items(seqAt(podSpec, ['imagePullSecrets']))) {
    const name = nonEmptyScalar(nodeAt(secret, ['name']));
    if (name) add({ target: 'Secret', name: String(name.value), nameNode: name, optional: false, via: 'imagePullSecret' });
  }
}

function keyReference(map: YAMLMap | undefined, target: 'ConfigMap' | 'Secret', via: ReferenceVia, add: Add): void {
  const nameNode = nonEmptyScalar(nodeAt(map, ['name']));
  if (!map || !nameNode) return;
  const keyNode = nonEmptyScalar(nodeAt(map, ['key']));
  add({
    target,
    name: String(nameNode.value),
    nameNode,
    key: keyNode ? String(keyNode.value) : undefined,
    keyNode,
    optional: isOptional(map),
    via,
  });
}

function nameReference(map: YAMLMap | undefined, field: string, target: 'ConfigMap' | 'Secret', via: ReferenceVia, add: Add): void {
  const nameNode = nonEmptyScalar(nodeAt(map, [field]));
  if (!map || !nameNode) return;
  add({ target, name: String(nameNode.value), nameNode, optional: isOptional(map), via });
}

/** A configMap/secret volume source: the name, then one key reference per `items[].key`. */
function volumeSourceReference(map: YAMLMap | undefined, field: string, target: 'ConfigMap' | 'Secret', via: ReferenceVia, add: Add): void {
  const nameNode = nonEmptyScalar(nodeAt(map, [field]));
  if (!map || !nameNode) return;
  const name = String(nameNode.value);
  const optional = isOptional(map);
  add({ target, name, nameNode, optional, via });
  for (const item of items(seqAt(map, ['items']))) {
    const keyNode = nonEmptyScalar(nodeAt(item, ['key']));
    if (keyNode) add({ target, name, nameNode, key: String(keyNode.value), keyNode, optional, via });
  }
}

function storageClassReference(node: Node | undefined, add: Add): void {
  // storageClassName: "" explicitly asks for no class; it refers to nothing.
  const name = nonEmptyScalar(node);
  if (name) add({ target: 'StorageClass', name: String(name.value), nameNode: name, optional: false, via: 'storageClassName' });
}

function isOptional(map: YAMLMap): boolean {
  const value = scalarAt(map, ['optional'])?.value;
  return value === true || value === 'true';
}

function nonEmptyScalar(node: Node | undefined): Scalar | undefined {
  if (!isScalar(node) || node.value === null || node.value === undefined || node.value === '') return undefined;
  return node;
}

/** Whether a target kind is namespaced (everything but StorageClass among our targets). */
export function isNamespacedTarget(target: ReferenceTarget): boolean {
  return !CLUSTER_SCOPED_KINDS.has(target);
}
