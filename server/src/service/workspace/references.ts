// Every place a resource refers to another one (or, for volume mounts, to a volume of its own pod
// spec), extracted once per parsed resource from the reference sites its kind declares (kinds/).
// Rules, navigation (definition, references, rename) and completion all read references from here,
// so they agree on what refers to what.
//
// Also the key lookups of ConfigMaps and Secrets (data / binaryData / stringData).
import { isMap, isScalar, isSeq, type Node, type Scalar, type YAMLMap } from 'yaml';
import { descriptorOf, isClusterScopedTarget, kindId, mapsAt, parsePath, referenceSites, podBearingKinds, type KeySection, type PathSegmentPattern, type ReferenceTarget, type ReferenceVia, type RootedSite } from '../kinds';
import type { Resource } from '../types';
import { entries, items, mapAt, nodeAt, scalarAt, seqAt } from '../yaml/access';
import { settle } from '../parse/parseFile';

export type { KeySection, ReferenceTarget, ReferenceVia } from '../kinds';

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

/** Kinds that carry a pod template (bare names, as rules list the kinds they check). */
export const POD_BEARING_KINDS = podBearingKinds();

const podSpecPaths = new WeakMap<object, string[]>();

/** The pod spec of a pod-bearing resource, where its kind's descriptor says it is. */
export function podSpecOf(resource: Resource): YAMLMap | undefined {
  const descriptor = descriptorOf(resource.apiVersion, resource.kind);
  if (!descriptor?.podSpec) return undefined;
  let path = podSpecPaths.get(descriptor);
  if (!path) {
    path = descriptor.podSpec.split('.');
    podSpecPaths.set(descriptor, path);
  }
  return mapAt(resource.root, path);
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
  if (refs) settle(resource); // the references hold its nodes: current offsets
  else {
    refs = extract(resource);
    cache.set(resource, refs);
  }
  return refs;
}

/** The namespace a reference's target is looked up in, given the referrer's effective namespace. */
export function targetNamespace(ref: Reference, referrerNamespace: string): string {
  if (isClusterScopedTarget(ref.target)) return '';
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
  const claimTemplates = descriptorOf(resource.apiVersion, resource.kind)?.claimTemplates;
  if (claimTemplates) {
    for (const template of mapsAt(resource.root, parsePath(claimTemplates))) {
      const nameNode = nonEmptyScalar(nodeAt(template, ['metadata', 'name']));
      if (nameNode) out.push({ name: String(nameNode.value), nameNode, source: 'claimTemplate' });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// ConfigMap / Secret keys.

export interface DataKey {
  key: string;
  keyNode: Scalar;
  value: Node | undefined;
  section: KeySection;
}

/** Every key of a ConfigMap or Secret, in source order per section (a key may appear in two sections). */
export function dataKeys(resource: Resource): DataKey[] {
  const out: DataKey[] = [];
  for (const section of descriptorOf(resource.apiVersion, resource.kind)?.keySections ?? []) {
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
// Extraction: each declared site's maps, in source order.

function extract(resource: Resource): Reference[] {
  const descriptor = descriptorOf(resource.apiVersion, resource.kind);
  if (!descriptor) return [];
  const out: Reference[] = [];
  for (const site of referenceSites(descriptor)) {
    for (const map of mapsAt(resource.root, site.path)) siteReferences(resource, site, map, out);
  }
  // Sites are declared by kind of reference; readers (and messages) go in source order.
  return out.length > 1 ? stableSortByOffset(out) : out;
}

function siteReferences(resource: Resource, site: RootedSite, map: YAMLMap, out: Reference[]): void {
  // An empty name (storageClassName: "" asks for no class) refers to nothing.
  const nameNode = nonEmptyScalar(nodeAt(map, [site.name]));
  if (!nameNode) return;
  const name = String(nameNode.value);
  const optional = site.optional === true && isOptional(map);
  const base = { target: kindId(site.target), name, nameNode, optional, via: site.via, resource };
  const ref: Reference = { ...base };
  if (site.key !== undefined) {
    const keyNode = nonEmptyScalar(nodeAt(map, [site.key]));
    ref.key = keyNode ? String(keyNode.value) : undefined;
    ref.keyNode = keyNode;
  }
  if (site.namespaceKey !== undefined) {
    const namespace = scalarAt(map, [site.namespaceKey])?.value;
    ref.namespace = namespace === undefined || namespace === null || namespace === '' ? undefined : String(namespace);
  }
  out.push(ref);
  if (site.itemKeys) {
    for (const item of items(seqAt(map, ['items']))) {
      const keyNode = nonEmptyScalar(nodeAt(item, ['key']));
      if (keyNode) out.push({ ...base, key: String(keyNode.value), keyNode });
    }
  }
}

function stableSortByOffset(refs: Reference[]): Reference[] {
  return refs
    .map((ref, i) => ({ ref, i, at: ref.nameNode.range?.[0] ?? 0 }))
    .sort((a, b) => a.at - b.at || a.i - b.i)
    .map((e) => e.ref);
}

function isOptional(map: YAMLMap): boolean {
  const value = scalarAt(map, ['optional'])?.value;
  return value === true || value === 'true';
}

function nonEmptyScalar(node: Node | undefined): Scalar | undefined {
  if (!isScalar(node) || node.value === null || node.value === undefined || node.value === '') return undefined;
  return node;
}
