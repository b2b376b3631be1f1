// What a position in a manifest names, and every place in the workspace that names the same thing:
// the shared ground of go-to-definition, find-references and rename.
import type { Scalar } from 'yaml';
import type { DocumentStore } from '../documents';
import type { ParsedFile, Resource } from '../types';
import { scalarAt } from '../yaml/access';
import { descriptorOf, kindIdOf, kindNameOf, referredKinds } from '../kinds';
import type { WorkspaceIndex } from '../workspace';
import type { ScopeModel } from '../scope/model';
import { covers, dataKeys, referenceAt, referencesOf, targetNamespace, volumesOf } from '../workspace/references';

/** Kinds whose names some reference site names (kinds/), so navigation and rename know them. */
const NAMED_KINDS = referredKinds();

export type NavSymbol =
  /** A resource some reference site names (ConfigMap, Secret, PVC, StorageClass, Service...), by name in a namespace ('' when cluster-scoped). */
  | { type: 'resource'; /** The kind's id (kinds/ kindId). */ kind: string; name: string; namespace: string }
  /** A key of a kind with key sections (ConfigMap, Secret). */
  | { type: 'key'; kind: string; name: string; namespace: string; key: string }
  /** A volume (or volumeClaimTemplate) of one pod-bearing resource, named by its volumeMounts. */
  | { type: 'volume'; uri: string; resource: Resource; name: string };

export interface Occurrence {
  uri: string;
  file: ParsedFile;
  resource: Resource;
  /** The scalar holding the name (or key); edits replace exactly its source range. */
  node: Scalar;
  /** A definition (metadata.name, a data key, a volume name) rather than a use. */
  declaration: boolean;
  /** The definition is of an object another resource makes (an operator's Secret): the node is the maker's name. */
  madeBy?: { kind: string; name: string };
}

export interface NavigationContext {
  documents: DocumentStore;
  index: WorkspaceIndex;
  /** Which files resolve a file's references, nearest first (docs/scopes.md); absent: the whole workspace, unordered. */
  scopes?: ScopeModel;
}

/** How far `to` is from `from` for navigation: 0 the file's own scope, higher further, Infinity another scope. */
export function scopeDistance(ctx: NavigationContext, from: string, to: string): number {
  return ctx.scopes ? ctx.scopes.distance(from, to) : 0;
}

/** The items nearest first as seen from `from` (stable: equal distances keep their order). */
export function nearestFirst<T extends { uri: string }>(ctx: NavigationContext, from: string, items: T[]): T[] {
  if (!ctx.scopes || items.length < 2) return items;
  return items
    .map((item, order) => ({ item, order, distance: scopeDistance(ctx, from, item.uri) }))
    .sort((a, b) => a.distance - b.distance || a.order - b.order)
    .map((r) => r.item);
}

/** The items at the smallest finite distance from `from`: what a reference there resolves to. */
export function nearestOf<T extends { uri: string }>(ctx: NavigationContext, from: string, items: T[]): T[] {
  let best = Infinity;
  let out: T[] = [];
  for (const item of items) {
    const distance = scopeDistance(ctx, from, item.uri);
    if (distance < best) [best, out] = [distance, [item]];
    else if (distance === best && distance !== Infinity) out.push(item);
  }
  return out;
}

export interface SymbolAt {
  symbol: NavSymbol;
  /** The scalar under the cursor. */
  node: Scalar;
  resource: Resource;
}

/** The resource whose document spans `offset` in a parsed file. */
export function resourceAt(file: ParsedFile, offset: number): Resource | undefined {
  return file.documents.find((d) => d.start <= offset && offset <= d.end && d.resource)?.resource;
}

export function symbolAt(ctx: NavigationContext, uri: string, offset: number): SymbolAt | undefined {
  const file = ctx.documents.parsed(uri);
  if (!file || file.isTemplate) return undefined;
  const resource = resourceAt(file, offset);
  if (!resource) return undefined;
  const namespace = ctx.index.namespaceOf(resource);

  const hit = referenceAt(resource, offset);
  if (hit) {
    const { ref } = hit;
    if (hit.part === 'key' && ref.keyNode) {
      return { symbol: { type: 'key', kind: ref.target, name: ref.name, namespace: targetNamespace(ref, namespace), key: ref.key! }, node: ref.keyNode, resource };
    }
    if (ref.target === 'Volume') return { symbol: { type: 'volume', uri, resource, name: ref.name }, node: ref.nameNode, resource };
    return { symbol: { type: 'resource', kind: ref.target, name: ref.name, namespace: targetNamespace(ref, namespace) }, node: ref.nameNode, resource };
  }

  const kind = kindIdOf(resource.apiVersion, resource.kind);
  const nameNode = scalarAt(resource.root, ['metadata', 'name']);
  if (nameNode && covers(nameNode, offset) && NAMED_KINDS.has(kind) && resource.name !== undefined) {
    return { symbol: { type: 'resource', kind, name: resource.name, namespace }, node: nameNode, resource };
  }
  if (descriptorOf(resource.apiVersion, resource.kind)?.keySections && resource.name !== undefined) {
    const key = dataKeys(resource).find((k) => covers(k.keyNode, offset));
    if (key) return { symbol: { type: 'key', kind, name: resource.name, namespace, key: key.key }, node: key.keyNode, resource };
  }
  const volume = volumesOf(resource).find((v) => covers(v.nameNode, offset));
  if (volume) return { symbol: { type: 'volume', uri, resource, name: volume.name }, node: volume.nameNode, resource };
  return undefined;
}

/** Every definition and use of a symbol across the indexed workspace, each scalar once. */
export function occurrences(ctx: NavigationContext, symbol: NavSymbol): Occurrence[] {
  const out: Occurrence[] = [];
  const seen = new Set<Scalar>();
  const push = (uri: string, resource: Resource, node: Scalar, declaration: boolean, madeBy?: Occurrence['madeBy']) => {
    if (seen.has(node)) return;
    const file = ctx.documents.parsed(uri);
    if (!file) return;
    seen.add(node);
    out.push({ uri, file, resource, node, declaration, ...(madeBy ? { madeBy } : {}) });
  };

  if (symbol.type === 'volume') {
    for (const volume of volumesOf(symbol.resource)) if (volume.name === symbol.name) push(symbol.uri, symbol.resource, volume.nameNode, true);
    for (const ref of referencesOf(symbol.resource)) if (ref.target === 'Volume' && ref.name === symbol.name) push(symbol.uri, symbol.resource, ref.nameNode, false);
    return out;
  }

  for (const target of ctx.index.find(symbol.kind, symbol.name, symbol.namespace)) {
    if (symbol.type === 'resource') {
      const node = scalarAt(target.resource.root, ['metadata', 'name']);
      if (node) push(target.uri, target.resource, node, true, target.facts.madeBy);
    } else {
      for (const key of dataKeys(target.resource)) if (key.key === symbol.key) push(target.uri, target.resource, key.keyNode, true);
    }
  }
  for (const entry of ctx.index.all()) {
    // The facts say which resources refer to the symbol: only their files are read (closed files keep no AST).
    if (!entry.facts.refs?.some((r) => r.target === symbol.kind && r.name === symbol.name)) continue;
    for (const ref of referencesOf(entry.resource)) {
      if (ref.target !== symbol.kind || ref.name !== symbol.name) continue;
      if (targetNamespace(ref, entry.namespace) !== symbol.namespace) continue;
      if (symbol.type === 'resource') push(entry.uri, entry.resource, ref.nameNode, false);
      else if (ref.key === symbol.key && ref.keyNode) push(entry.uri, entry.resource, ref.keyNode, false);
    }
  }
  return out;
}

export function describeSymbol(symbol: NavSymbol): string {
  switch (symbol.type) {
    case 'resource':
      return `${kindNameOf(symbol.kind)} "${symbol.name}"${symbol.namespace ? ` in namespace ${symbol.namespace}` : ''}`;
    case 'key':
      return `key "${symbol.key}" of ${kindNameOf(symbol.kind)} "${symbol.name}"`;
    case 'volume':
      return `volume "${symbol.name}"`;
  }
}
