// The workspace index as the rules of one file see it: only the resources of the file's scope,
// nearest first (scope/model.ts), plus the ConfigMaps and Secrets its Kustomize generators make.
// A lookup answers with the nearest definitions only, so a copy of the app in another folder (or
// an unrelated app defining the same name) never decides a finding.
import { YAMLMap } from 'yaml';
import { CONFIG_MAP, kindId } from '../kinds';
import type { Resource } from '../types';
import { lookupNamespace, type IndexedResource, type WorkspaceIndex } from '../workspace';
import { GENERATED_KINDS } from './kustomization';
import { generatedMatches, type GeneratedDefinition, type ScopeModel } from './model';

/** What rules read of the index; WorkspaceIndex itself is one (unscoped). */
export type IndexView = Pick<WorkspaceIndex, 'find' | 'named' | 'ofKind' | 'hasKind' | 'namespaceOf' | 'entryFor'>;

/** Generated objects whose keys come from env files the service cannot read: any key may exist. */
const openKeyEntries = new WeakSet<IndexedResource>();

export function hasUnknownKeys(entry: IndexedResource): boolean {
  return openKeyEntries.has(entry);
}

export class ScopedIndex implements IndexView {
  constructor(
    private readonly index: IndexView,
    private readonly model: ScopeModel,
    private readonly uri: string,
  ) {}

  find(kind: string, name: string, namespace: string): IndexedResource[] {
    // The in-scope definitions of the name, nearest first, computed once per scope and name (the
    // same name defined in N copies of an app would otherwise cost N per lookup: quadratic).
    const ns = lookupNamespace(kind, namespace);
    const inScope = this.named(kind, name).filter((e) => e.namespace === ns);
    const generated = this.generated(kind).filter((g) => generatedMatches(generatorOf.get(g)!, kind, name, namespace, this.defaultNamespace()));
    if (generated.length > 0) return nearest(this.uri, this.model, [...generated, ...inScope]);
    return nearest(this.uri, this.model, inScope);
  }

  /** The resources of a kind with this name in the scope, any namespace, nearest first. */
  named(kind: string, name: string): IndexedResource[] {
    return this.model.inScopeNearestFirst(this.uri, this.index.named(kind, name));
  }

  /** Every resource of the kind in the scope, nearest first. */
  ofKind(kind: string): IndexedResource[] {
    const inScope = this.model.inScopeNearestFirst(this.uri, this.index.ofKind(kind));
    const generated = this.generated(kind);
    return generated.length === 0 ? inScope : [...generated, ...inScope];
  }

  hasKind(kind: string): boolean {
    return this.ofKind(kind).length > 0;
  }

  namespaceOf(resource: Resource): string {
    return this.index.namespaceOf(resource);
  }

  entryFor(resource: Resource): IndexedResource | undefined {
    return this.index.entryFor(resource);
  }

  private generated(id: string): IndexedResource[] {
    if (!GENERATED_KINDS.has(id)) return [];
    const made = this.model.generatedFor(this.uri).filter((g) => kindId(g.kind) === id);
    if (made.length === 0) return [];
    const defaultNamespace = this.defaultNamespace();
    return made.map((g) => generatedEntry(g, defaultNamespace));
  }

  private defaultNamespace(): string {
    return defaultNamespaceOf(this.index);
  }
}

/** Entries at the smallest finite distance from `from` (generated ones count as their kustomization file). */
export function nearest(from: string, model: ScopeModel, entries: IndexedResource[]): IndexedResource[] {
  let best = Infinity;
  let out: IndexedResource[] = [];
  for (const entry of entries) {
    const distance = model.distance(from, entry.uri);
    if (distance < best) {
      best = distance;
      out = [entry];
    } else if (distance === best && distance !== Infinity) out.push(entry);
  }
  return out;
}

/** The namespace a namespaced object without metadata.namespace lands in (the settings' default). */
export function defaultNamespaceOf(index: Pick<IndexView, 'namespaceOf'>): string {
  return index.namespaceOf({ kind: CONFIG_MAP.kind, apiVersion: 'v1' } as Resource);
}

const entries = new WeakMap<GeneratedDefinition, Map<string, IndexedResource>>();
/** The generated object behind a generated entry. */
const generatorOf = new WeakMap<IndexedResource, GeneratedDefinition>();

/** A generated ConfigMap/Secret as an index entry, placed on its generator's `name` in the kustomization file. */
export function generatedEntry(g: GeneratedDefinition, defaultNamespace: string): IndexedResource {
  let byNamespace = entries.get(g);
  if (!byNamespace) entries.set(g, (byNamespace = new Map()));
  let entry = byNamespace.get(defaultNamespace);
  if (entry) return entry;
  // The index does not apply a kustomization's `namespace` to its files: in the index's terms the
  // application's resources are where their files say (mostly the default namespace), so its
  // generated objects are there too (a did-you-mean among names, a duplicate of a ConfigMap file).
  const namespace = g.anyNamespace ? defaultNamespace : g.namespace ?? defaultNamespace;
  const root = new YAMLMap();
  const resource = { apiVersion: 'v1', kind: g.kind.kind, name: g.name, namespace: g.namespace, root } as unknown as Resource;
  entry = {
    uri: g.uri,
    resource,
    kind: g.kind.kind,
    kindId: kindId(g.kind),
    apiVersion: 'v1',
    name: g.name,
    namespace,
    labels: {},
    documentIndex: 0,
    start: g.nameRange?.[0] ?? 0,
    end: g.nameRange?.[1] ?? 0,
    facts: {
      dataKeys: g.keys.map((key) => ({ key, section: 'data' as const, summary: `from ${g.generator} (${g.generatedName})` })),
      ...(g.generator === 'secretGenerator' ? { secretType: 'Opaque' } : {}),
    },
  };
  if (!g.keysComplete) openKeyEntries.add(entry);
  generatorOf.set(entry, g);
  byNamespace.set(defaultNamespace, entry);
  return entry;
}
