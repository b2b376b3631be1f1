// The kind catalogue: one descriptor per API group + kind (kinds/types.ts), the only place that says
// what a kind is scoped to, where its pod spec is, what it refers to, what other files read of it,
// what its outline shows and what it makes. References, completion, navigation, rename, the index,
// the outline and the rules read it.
//
// Descriptors are static and shared by every service in the process. Custom resources from a
// workspace's CRDs get none: their scope lives in that workspace's index (workspace/index.ts), their
// schema in its CRD catalogue (crds/catalog.ts).
import { SCOPE_ONLY_KINDS } from './scopeOnly';
import { CONFIG_KINDS } from './config';
import { CUSTOM_RESOURCE_DEFINITION_KIND } from './customResourceDefinition';
import { NETWORK_KINDS } from './network';
import { OPERATOR_KINDS } from './operators';
import { VOLUME } from './keys';
import { POD_SITES } from './podSpec';
import { STORAGE_KINDS } from './storage';
import { isMap, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import { nodeAt } from '../yaml/access';
import type { KindDescriptor, KindKey, MadeService, ReferenceSite } from './types';
import { WORKLOAD_KINDS } from './workloads';

export type * from './types';
export * from './keys';

/** The built-in kinds, then operators' kinds we describe ourselves (they have no schema yet). */
const BUILTIN: KindDescriptor[] = [...WORKLOAD_KINDS, ...CONFIG_KINDS, ...STORAGE_KINDS, ...NETWORK_KINDS, ...SCOPE_ONLY_KINDS, CUSTOM_RESOURCE_DEFINITION_KIND, ...OPERATOR_KINDS];

const byGroupKind = new Map<string, KindDescriptor>();
/** Descriptors by kind id (kindId). */
const byId = new Map<string, KindDescriptor>();
/** Built-in kinds by bare name, for resources whose apiVersion names a wrong or no built-in group. */
const builtinByKind = new Map<string, KindDescriptor>();
const all: KindDescriptor[] = [];

function keyOf(group: string, kind: string): string {
  return `${group}/${kind}`;
}

/** Adds a descriptor; it replaces one of the same group and kind. */
function registerKind(descriptor: KindDescriptor): void {
  const previous = byGroupKind.get(keyOf(descriptor.group, descriptor.kind));
  if (previous) all.splice(all.indexOf(previous), 1);
  all.push(descriptor);
  byId.set(kindId(descriptor), descriptor);
  for (const group of [descriptor.group, ...(descriptor.legacyGroups ?? [])]) byGroupKind.set(keyOf(group, descriptor.kind), descriptor);
  if (descriptor.schema === 'builtin' && !builtinByKind.has(descriptor.kind)) builtinByKind.set(descriptor.kind, descriptor);
}

for (const descriptor of BUILTIN) registerKind(descriptor);

/** The API group of an apiVersion ('' for `v1`). */
export function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** Groups Kubernetes itself serves: the core group, dotless ones (apps, batch...) and `*.k8s.io`. */
export function isBuiltinGroup(group: string): boolean {
  return !group.includes('.') || group.endsWith('.k8s.io');
}

/**
 * The descriptor of a resource's kind. A built-in kind under a wrong built-in group (`apiVersion: v1`
 * on a StatefulSet, a typo) still gets its descriptor: the schema check names the mistake, and the
 * rest of the service keeps working. A custom group only ever gets its own descriptors.
 */
export function descriptorOf(apiVersion: string | undefined, kind: string): KindDescriptor | undefined {
  const group = groupOf(apiVersion ?? '');
  return byGroupKind.get(keyOf(group, kind)) ?? (isBuiltinGroup(group) ? builtinByKind.get(kind) : undefined);
}

/**
 * Whether a resource is of this kind, as the catalogue resolves it: by group (legacy groups and a
 * built-in kind under a wrong built-in group included), never by the bare kind name alone.
 */
export function isKind(resource: { apiVersion: string; kind: string }, key: KindKey): boolean {
  const descriptor = descriptorOf(resource.apiVersion, resource.kind);
  return descriptor !== undefined && descriptor === descriptorFor(key);
}

/**
 * A kind's id, which the index and references key kinds by: its name qualified by its API group
 * unless the group is the core one (`StatefulSet.apps`, `StorageClass.storage.k8s.io`, `Secret`),
 * the way kubectl names resources.
 */
export function kindId(key: KindKey): string {
  return key.group ? `${key.kind}.${key.group}` : key.kind;
}

/** The id of a resource's kind: its descriptor's (legacy groups and a built-in kind under a wrong built-in group resolve to it), else its own group's. */
export function kindIdOf(apiVersion: string | undefined, kind: string): string {
  return kindId(descriptorOf(apiVersion, kind) ?? { group: groupOf(apiVersion ?? ''), kind });
}

/** The kind name of an id, for messages. */
export function kindNameOf(id: string): string {
  const dot = id.indexOf('.');
  return dot < 0 ? id : id.slice(0, dot);
}

/** The descriptor of a kind id (as the index and references name kinds). */
export function descriptorById(id: string): KindDescriptor | undefined {
  return byId.get(id);
}

/** The descriptor of a kind named by a reference site. */
export function descriptorFor(key: KindKey): KindDescriptor | undefined {
  return byGroupKind.get(keyOf(key.group, key.kind));
}

export function allKinds(): readonly KindDescriptor[] {
  return all;
}

/** Whether resources of this kind live outside namespaces. */
export function isClusterScoped(apiVersion: string | undefined, kind: string): boolean {
  return descriptorOf(apiVersion, kind)?.scope === 'Cluster';
}

/**
 * Whether the API server takes a built-in object's `status` from the object a client creates. Only a
 * Node's (kubelets register nodes with their status). Every other kind's create resets its status and
 * update keeps the stored one (controllers write it through the status subresource), so the status
 * recorded in a manifest (`kubectl get -o yaml` output) is decoded but never validated.
 */
export function takesStatusOnCreate(apiVersion: string, kind: string): boolean {
  return groupOf(apiVersion) === '' && kind === 'Node';
}

/** Whether a reference target (a kind id, as references and the index name kinds) is cluster-scoped. */
export function isClusterScopedTarget(id: string): boolean {
  return byId.get(id)?.scope === 'Cluster';
}

/** A reference site with its path from the resource's root (pod sites under the kind's pod spec). */
export interface RootedSite extends ReferenceSite {
  /** `at` from the root, split: each segment is its alternative keys and whether it steps into list items. */
  path: PathSegmentPattern[];
}

export interface PathSegmentPattern {
  keys: string[];
  eachItem: boolean;
}

const sitesCache = new WeakMap<KindDescriptor, RootedSite[]>();

/** Every reference site of a kind, pod sites first, with paths from the resource's root. */
export function referenceSites(descriptor: KindDescriptor): RootedSite[] {
  let sites = sitesCache.get(descriptor);
  if (!sites) {
    const pod = descriptor.podSpec ? POD_SITES.map((site) => ({ ...site, at: `${descriptor.podSpec}.${site.at}` })) : [];
    sites = [...pod, ...(descriptor.references ?? [])].map((site) => ({ ...site, path: parsePath(site.at) }));
    sitesCache.set(descriptor, sites);
  }
  return sites;
}

export function parsePath(path: string): PathSegmentPattern[] {
  if (path === '') return [];
  return path.split('.').map((segment) => {
    const eachItem = segment.endsWith('[]');
    return { keys: (eachItem ? segment.slice(0, -2) : segment).split('|'), eachItem };
  });
}

/** Ids of the kinds whose names some reference site names (navigation and rename know them). */
export function referredKinds(): Set<string> {
  const out = new Set<string>();
  for (const descriptor of all) for (const site of referenceSites(descriptor)) if (kindId(site.target) !== kindId(VOLUME)) out.add(kindId(site.target));
  return out;
}

/** The kinds with a reference site naming `target` (pod-bearing kinds through their pod sites). */
export function kindsReferringTo(target: KindKey): KindKey[] {
  return all.filter((d) => referenceSites(d).some((site) => site.target.group === target.group && site.target.kind === target.kind));
}

/** Bare kind names of the kinds that carry a pod spec (what pod rules apply to). */
export function podBearingKinds(): string[] {
  return all.filter((d) => d.podSpec).map((d) => d.kind);
}

/** A made object's `when`: the field (a dotted path) is present and not false, null or empty; no `when` always holds. */
export function conditionHolds(root: YAMLMap, when: string | undefined): boolean {
  if (when === undefined) return true;
  const node = nodeAt(root, when.split('.'));
  if (node === undefined || node === null) return false;
  const value = (node as { value?: unknown }).value;
  return !(value === false || value === null || value === '' || value === 'false');
}

/** The ports of a Service a resource makes: the fixed ones, then one per matching item of the declared list. */
export function madeServicePorts(service: MadeService, root: YAMLMap): Array<{ name: string; port: number }> {
  const out = [...(service.ports ?? [])];
  const perItem = service.portsPerItem;
  if (!perItem) return out;
  for (const item of mapsAt(root, parsePath(perItem.list))) {
    const name = scalarText(item.get('name', true));
    const port = scalarText(item.get(perItem.port, true));
    if (perItem.when && !perItem.when.values.includes(scalarText(item.get(perItem.when.key, true)) ?? '')) continue;
    if (name === undefined || port === undefined || !/^\d+$/.test(port)) continue;
    out.push({ name: perItem.name.replaceAll('{name}', name), port: Number(port) });
  }
  return out;
}

function scalarText(node: unknown): string | undefined {
  return isScalar(node) && (typeof node.value === 'string' || typeof node.value === 'number') ? String(node.value) : undefined;
}

/** The maps a site path reaches: each alternative key in order, each item of lists marked `[]`. */
export function mapsAt(root: YAMLMap | undefined, path: PathSegmentPattern[]): YAMLMap[] {
  let current: YAMLMap[] = root ? [root] : [];
  for (const segment of path) {
    const next: YAMLMap[] = [];
    for (const map of current) {
      for (const key of segment.keys) {
        const value = map.get(key, true) as Node | undefined;
        if (segment.eachItem) {
          if (isSeq(value)) for (const item of value.items) if (isMap(item)) next.push(item);
        } else if (isMap(value)) next.push(value);
      }
    }
    if (next.length === 0) return next;
    current = next;
  }
  return current;
}
