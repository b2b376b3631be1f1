// What a position in a manifest names, and every place in the workspace that names the same thing:
// the shared ground of go-to-definition, find-references and rename.
import { YAMLMap, type Scalar } from 'yaml';
import type { DocumentStore } from '../documents';
import type { ParsedFile, Resource } from '../types';
import { scalarAt } from '../yaml/access';
import { descriptorOf, kindId, kindIdOf, kindNameOf, referredKinds } from '../kinds';
import type { WorkspaceIndex } from '../workspace';
import { generatedMatches, type GeneratedDefinition, type ScopeModel } from '../scope/model';
import { GENERATED_KINDS, generatorsOf, kustomizationRoot, type GeneratorNodes } from '../scope/kustomization';
import { defaultNamespaceOf } from '../scope/scopedIndex';
import { covers, dataKeys, referenceAt, referencesOf, targetNamespace, volumesOf } from '../workspace/references';

/** Kinds whose names some reference site names (kinds/), so navigation and rename know them. */
const NAMED_KINDS = referredKinds();

export type NavSymbol =
  /** A resource some reference site names (ConfigMap, Secret, PVC, StorageClass, Service...), by name in a namespace ('' when cluster-scoped). */
  | {
      type: 'resource';
      /** The kind's id (kinds/ kindId). */
      kind: string;
      name: string;
      namespace: string;
      /** From a generator whose kustomization sets `namespace`: references in any namespace name it (Kustomize moves them too). */
      anyNamespace?: boolean;
    }
  /** A key of a kind with key sections (ConfigMap, Secret). */
  | { type: 'key'; kind: string; name: string; namespace: string; key: string; anyNamespace?: boolean }
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
  /** The definition is a Kustomize generator's entry in a kustomization file (scope/kustomization.ts). */
  generated?: GeneratedDefinition;
  /** Source offsets of the name inside the node, when it is only part of it (`KEY` of a literal `KEY=value`). */
  span?: [number, number];
  /** Why this definition cannot be renamed in place (a key named by a file's name or an env file). */
  fixed?: string;
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

/** A place that may be a generator's entry: a generated object is in scope only for its own application. */
type Placed = { uri: string; generated?: GeneratedDefinition };

function distanceTo(ctx: NavigationContext, from: string, item: Placed): number {
  if (!ctx.scopes) return 0;
  return item.generated ? ctx.scopes.generatedDistance(from, item.generated) : ctx.scopes.distance(from, item.uri);
}

/** The items nearest first as seen from `from` (stable: equal distances keep their order). */
export function nearestFirst<T extends Placed>(ctx: NavigationContext, from: string, items: T[]): T[] {
  if (!ctx.scopes || items.length < 2) return items;
  return items
    .map((item, order) => ({ item, order, distance: distanceTo(ctx, from, item) }))
    .sort((a, b) => a.distance - b.distance || a.order - b.order)
    .map((r) => r.item);
}

/** The items at the smallest finite distance from `from`: what a reference there resolves to. */
export function nearestOf<T extends Placed>(ctx: NavigationContext, from: string, items: T[]): T[] {
  let best = Infinity;
  let out: T[] = [];
  for (const item of items) {
    const distance = distanceTo(ctx, from, item);
    if (distance < best) [best, out] = [distance, [item]];
    else if (distance === best && distance !== Infinity) out.push(item);
  }
  return out;
}

export interface SymbolAt {
  symbol: NavSymbol;
  /** The scalar under the cursor. */
  node: Scalar;
  /** The name's source offsets inside the node, when it is only part of it (a generator literal's key). */
  span?: [number, number];
  resource: Resource;
}

/** The resource whose document spans `offset` in a parsed file. */
export function resourceAt(file: ParsedFile, offset: number): Resource | undefined {
  return file.documents.find((d) => d.start <= offset && offset <= d.end && d.resource)?.resource;
}

export function symbolAt(ctx: NavigationContext, uri: string, offset: number): SymbolAt | undefined {
  const file = ctx.documents.parsed(uri);
  if (!file || file.isTemplate) return undefined;
  const generated = generatorSymbolAt(ctx, uri, file, offset);
  if (generated) return generated;
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
  out.push(...generatedDeclarations(ctx, symbol));
  const anyNamespace = symbol.anyNamespace === true;
  for (const entry of ctx.index.all()) {
    // The facts say which resources refer to the symbol: only their files are read (closed files keep no AST).
    if (!entry.facts.refs?.some((r) => r.target === symbol.kind && r.name === symbol.name)) continue;
    for (const ref of referencesOf(entry.resource)) {
      if (ref.target !== symbol.kind || ref.name !== symbol.name) continue;
      if (!anyNamespace && targetNamespace(ref, entry.namespace) !== symbol.namespace) continue;
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

// ---------------------------------------------------------------------------------------------
// Kustomize generators: `configMapGenerator`/`secretGenerator` entries define ConfigMaps/Secrets that
// references name by the generator's `name` (Kustomize rewrites them to the generated name, with
// namePrefix/nameSuffix and the hash). Their definitions are the entries in the kustomization file.

/** The generators of a kustomization file, with their nodes; none for other files. */
function generatorsIn(uri: string, file: ParsedFile): GeneratorNodes[] {
  const root = kustomizationRoot(uri, file);
  return root ? generatorsOf(root, file.text) : [];
}

/** The generated object the scope model knows for a generator entry of `uri`. */
function definitionOf(ctx: NavigationContext, uri: string, generator: GeneratorNodes): GeneratedDefinition | undefined {
  const start = generator.nameNode.range?.[0];
  return ctx.scopes?.allGenerated().find((g) => g.uri === uri && g.generator === generator.generator && g.name === generator.name && g.nameRange?.[0] === start);
}

/** On a generator's `name`, or on the key a `literals`/`files` entry makes: the generated ConfigMap/Secret or its key. */
function generatorSymbolAt(ctx: NavigationContext, uri: string, file: ParsedFile, offset: number): SymbolAt | undefined {
  for (const generator of generatorsIn(uri, file)) {
    const definition = definitionOf(ctx, uri, generator);
    // As the index sees it (scope/scopedIndex.ts generatedEntry): with the kustomization's namespace,
    // where the application's files are; else the generator's own, or the default.
    const namespace = (definition?.anyNamespace ? undefined : definition?.namespace ?? generator.namespace) ?? defaultNamespaceOf(ctx.index);
    const resource = generatedResource(generator, namespace);
    if (covers(generator.nameNode, offset)) {
      return { symbol: { type: 'resource', kind: kindId(generator.kind), name: generator.name, namespace, ...(definition?.anyNamespace ? { anyNamespace: true } : {}) }, node: generator.nameNode, resource };
    }
    const key = generator.keys.find((k) => (k.span ? k.span[0] <= offset && offset <= k.span[1] : covers(k.node, offset)));
    if (key) return { symbol: { type: 'key', kind: kindId(generator.kind), name: generator.name, namespace, key: key.key, ...(definition?.anyNamespace ? { anyNamespace: true } : {}) }, node: key.node, ...(key.span ? { span: key.span } : {}), resource };
  }
  return undefined;
}

/** Stands for the generated object where an occurrence needs a resource (its kind, name and namespace). */
function generatedResource(generator: GeneratorNodes, namespace: string | undefined): Resource {
  return { apiVersion: 'v1', kind: generator.kind.kind, name: generator.name, namespace, root: new YAMLMap() } as unknown as Resource;
}

/** The generator entries (names, or the entries making a key) the symbol's references may resolve to, workspace-wide. */
function generatedDeclarations(ctx: NavigationContext, symbol: NavSymbol): Occurrence[] {
  if (!ctx.scopes || symbol.type === 'volume' || !GENERATED_KINDS.has(symbol.kind)) return [];
  const defaultNamespace = defaultNamespaceOf(ctx.index);
  const out: Occurrence[] = [];
  for (const g of ctx.scopes.allGenerated()) {
    if (symbol.anyNamespace ? kindId(g.kind) !== symbol.kind || g.name !== symbol.name : !generatedMatches(g, symbol.kind, symbol.name, symbol.namespace, defaultNamespace)) continue;
    const file = ctx.documents.parsed(g.uri);
    const generator = file && generatorsIn(g.uri, file).find((n) => n.generator === g.generator && n.name === g.name && n.nameNode.range?.[0] === g.nameRange?.[0]);
    if (!file || !generator) continue;
    const resource = generatedResource(generator, g.namespace);
    const at = { uri: g.uri, file, resource, declaration: true, generated: g };
    if (symbol.type === 'resource') {
      out.push({ ...at, node: generator.nameNode });
      continue;
    }
    const keys = generator.keys.filter((k) => k.key === symbol.key);
    for (const key of keys) {
      const fixed = key.fromFileName ? `key "${key.key}" is the name of the file it comes from; rename the file, or write "${symbol.key}=<file>" in the generator` : undefined;
      out.push({ ...at, node: key.node, ...(key.span ? { span: key.span } : {}), ...(fixed ? { fixed } : {}) });
    }
    // Keys from env files cannot be read here: the key may come from any of them.
    if (keys.length === 0) {
      for (const env of generator.envs) out.push({ ...at, node: env, fixed: `key "${symbol.key}" comes from the env file ${String(env.value)}; rename it there` });
    }
  }
  return out;
}
