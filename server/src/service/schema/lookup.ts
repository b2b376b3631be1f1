// Which schema describes a document, for hover and completion. Unlike validation, this is lenient:
// a resource written with a removed apiVersion (apps/v1beta1) or none at all is described by the
// schema of the apiVersion that serves its kind today, so help keeps working while the user fixes it.
import type { KindEntry, JsonSchema, SchemaRegistry } from './registry';
import { removedApi } from './removedApis';

export interface ResourceSchema {
  apiVersion: string;
  kind: string;
  root: JsonSchema;
  entry: KindEntry;
  /** Set when the schema is not the one the document names (removed or missing apiVersion). */
  substitutedFrom?: string;
}

const cache = new WeakMap<SchemaRegistry, Map<string, KindEntry[]>>();

/** Every apiVersion that serves `kind`, the preferred one first (GA over beta over alpha, newest first). */
export function entriesForKind(registry: SchemaRegistry, kind: string): KindEntry[] {
  let byKind = cache.get(registry);
  if (!byKind) {
    byKind = new Map();
    for (const entry of registry.allEntries()) {
      const list = byKind.get(entry.kind) ?? [];
      list.push(entry);
      byKind.set(entry.kind, list);
    }
    for (const list of byKind.values()) list.sort((a, b) => versionRank(b.apiVersion) - versionRank(a.apiVersion));
    cache.set(registry, byKind);
  }
  return byKind.get(kind) ?? [];
}

/** Orders versions: v2 > v1 > v2beta1 > v1beta1 > v1alpha1. */
export function versionRank(apiVersion: string): number {
  const version = apiVersion.slice(apiVersion.lastIndexOf('/') + 1);
  const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(version);
  if (!m) return 0;
  const stability = m[2] === undefined ? 3 : m[2] === 'beta' ? 2 : 1;
  return stability * 1_000_000 + Number(m[1]) * 1000 + Number(m[3] ?? 0);
}

export function resourceSchema(registry: SchemaRegistry, apiVersion: string | undefined, kind: string | undefined): ResourceSchema | undefined {
  if (!kind) return undefined;
  if (apiVersion) {
    const entry = registry.entry(apiVersion, kind);
    const root = entry && registry.schema(apiVersion, kind);
    if (entry && root) return { apiVersion, kind, root, entry };
    const replacement = removedApi(apiVersion, kind)?.replacement;
    if (replacement) {
      const replaced = registry.entry(replacement, kind);
      const replacedRoot = replaced && registry.schema(replacement, kind);
      if (replaced && replacedRoot) return { apiVersion: replacement, kind, root: replacedRoot, entry: replaced, substitutedFrom: apiVersion };
    }
    // A custom resource in an API group we do not know: no schema, no guessing.
    if (!registry.knowsGroupVersion(apiVersion) && !removedApi(apiVersion, kind)) return undefined;
  }
  const [preferred] = entriesForKind(registry, kind);
  const root = preferred && registry.schema(preferred.apiVersion, kind);
  if (!preferred || !root) return undefined;
  return { apiVersion: preferred.apiVersion, kind, root, entry: preferred, substitutedFrom: apiVersion ?? '' };
}
