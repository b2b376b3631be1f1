// Kustomize patches are partial resources: a file a kustomization.yaml lists under `patches`,
// `patchesStrategicMerge` or `patchesJson6902` holds only the fields it changes. The service asks
// here whether a file is such a patch, to drop findings that assume a complete resource (missing
// required fields, cross-resource rules) while keeping value checks (quantities, base64, names).
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import type { DocumentStore, StoredText } from '../documents';
import type { ParsedFile } from '../types';
import { isKustomizationUri, mayDeclareKustomization } from '../scope/kustomization';

const PATCH_LISTS = ['patches', 'patchesStrategicMerge', 'patchesJson6902'];

/** Patch URIs each kustomization file lists, cached per stored text. */
const perFile = new WeakMap<StoredText, string[]>();

/**
 * The last answer per store, valid while no document changed (asked once per file checked), and
 * the files that list patches: after an edit only the changed files are looked at again.
 */
const lastAnswer = new WeakMap<DocumentStore, { generation: number; uris: Set<string>; listing: Map<string, string[]> }>();

/** URIs of every file a kustomization in the store lists as a patch. */
export function kustomizePatchUris(documents: DocumentStore): Set<string> {
  const last = lastAnswer.get(documents);
  if (last && last.generation === documents.generation) return last.uris;
  const changed = last && documents.changedSince(last.generation);
  if (last && changed) {
    let moved = false;
    for (const uri of changed) {
      const stored = documents.storedText(uri);
      const patches = stored ? patchesListed(documents, stored) : [];
      if (patches.length === 0 && !last.listing.has(uri)) continue;
      moved = true;
      if (patches.length > 0) last.listing.set(uri, patches);
      else last.listing.delete(uri);
    }
    last.generation = documents.generation;
    if (moved) last.uris = new Set([...last.listing.values()].flat());
    return last.uris;
  }
  const listing = new Map<string, string[]>();
  for (const stored of documents.stored()) {
    const patches = patchesListed(documents, stored);
    if (patches.length > 0) listing.set(stored.uri, patches);
  }
  const uris = new Set([...listing.values()].flat());
  lastAnswer.set(documents, { generation: documents.generation, uris, listing });
  return uris;
}

/** The patch URIs a stored file lists: none unless it is a kustomization. */
function patchesListed(documents: DocumentStore, stored: StoredText): string[] {
  let patches = perFile.get(stored);
  if (!patches) {
    const uri = stored.uri;
    const candidate = isKustomizationUri(uri) || mayDeclareKustomization(stored);
    const file = candidate ? documents.parsed(uri) : undefined;
    patches = file && isKustomization(uri, file) ? patchesOf(uri, file) : [];
    perFile.set(stored, patches);
  }
  return patches;
}

function isKustomization(uri: string, file: ParsedFile): boolean {
  if (isKustomizationUri(uri)) return true;
  return file.documents.some((d) => d.resource?.kind === 'Kustomization' || d.resource?.kind === 'Component');
}

function patchesOf(uri: string, file: ParsedFile): string[] {
  const out: string[] = [];
  for (const document of file.documents) {
    const root = document.yaml.contents;
    if (!isMap(root)) continue;
    for (const list of PATCH_LISTS) {
      const seq = root.get(list, true);
      if (!isSeq(seq)) continue;
      for (const item of seq.items as Node[]) {
        const path = isScalar(item) ? item.value : isMap(item) ? (item.get('path', true) as Node | undefined) : undefined;
        const text = isScalar(path) ? path.value : path;
        // Inline patches (a YAML text with line breaks) are not files.
        if (typeof text !== 'string' || text.includes('\n') || text.trim() === '') continue;
        const resolved = resolve(uri, text.trim());
        if (resolved) out.push(resolved);
      }
    }
  }
  return out;
}

function resolve(base: string, relative: string): string | undefined {
  try {
    return new URL(relative, base).href;
  } catch {
    return undefined;
  }
}
