// The index of every Kubernetes resource the service knows (open documents and workspace files):
// who is defined where, by kind, name and namespace, with labels. Per-file entries are cached by
// the parsed file, so an edit re-indexes only the file that changed.
import type { DocumentStore } from '../documents';
import type { Settings } from '../settings';
import type { ParsedFile, Resource } from '../types';
import { mapAt, stringMap } from '../yaml/access';

/** Kinds that live outside namespaces; their namespace is the empty string. */
export const CLUSTER_SCOPED_KINDS = new Set([
  'PersistentVolume', 'StorageClass', 'Namespace', 'Node', 'ClusterRole', 'ClusterRoleBinding', 'CustomResourceDefinition',
  'CSIDriver', 'CSINode', 'VolumeAttachment', 'IngressClass', 'PriorityClass', 'RuntimeClass', 'PodSecurityPolicy',
  'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration', 'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding',
  'MutatingAdmissionPolicy', 'MutatingAdmissionPolicyBinding', 'APIService', 'CertificateSigningRequest', 'FlowSchema',
  'PriorityLevelConfiguration', 'ComponentStatus',
]);

export interface IndexedResource {
  uri: string;
  resource: Resource;
  kind: string;
  apiVersion: string;
  name: string;
  /** Effective namespace: the resource's own, the default namespace, or '' for cluster-scoped kinds. */
  namespace: string;
  labels: Record<string, string>;
}

export class WorkspaceIndex {
  private readonly perFile = new WeakMap<ParsedFile, IndexedResource[]>();
  private readonly byResource = new WeakMap<Resource, IndexedResource>();
  private byKind = new Map<string, IndexedResource[]>();
  private byName = new Map<string, IndexedResource[]>();
  private builtFrom = new Map<string, ParsedFile>();
  private builtNamespace = '';
  private builtGeneration = -1;
  /** Increases whenever the set of indexed resources may have changed. */
  generation = 0;

  constructor(private readonly documents: DocumentStore, private readonly settings: () => Settings) {}

  /** Brings the index up to date with the document store; cheap when nothing changed. */
  refresh(): void {
    const namespace = this.settings().defaultNamespace;
    // Every rule check asks; with thousands of files, rebuilding the file map each time is quadratic.
    if (this.builtGeneration === this.documents.generation && namespace === this.builtNamespace && this.generation > 0) return;
    const current = new Map(this.documents.allParsed());
    if (namespace === this.builtNamespace && sameFiles(current, this.builtFrom)) return;
    if (namespace === this.builtNamespace && this.generation > 0 && this.patch(current, namespace)) {
      this.builtFrom = current;
      this.builtGeneration = this.documents.generation;
      this.generation++;
      return;
    }
    const byKind = new Map<string, IndexedResource[]>();
    for (const [uri, file] of current) {
      let list = this.perFile.get(file);
      if (!list || namespace !== this.builtNamespace) {
        list = indexFileSafely(uri, file, namespace);
        this.perFile.set(file, list);
        for (const entry of list) this.byResource.set(entry.resource, entry);
      }
      for (const entry of list) {
        const bucket = byKind.get(entry.kind);
        if (bucket) bucket.push(entry);
        else byKind.set(entry.kind, [entry]);
      }
    }
    this.byKind = byKind;
    this.byName = new Map();
    for (const bucket of byKind.values()) {
      for (const entry of bucket) {
        const key = `${entry.kind}\u0000${entry.name}`;
        const named = this.byName.get(key);
        if (named) named.push(entry);
        else this.byName.set(key, [entry]);
      }
    }
    this.builtFrom = current;
    this.builtNamespace = namespace;
    this.builtGeneration = this.documents.generation;
    this.generation++;
  }

  /**
   * The common edit: the same files, one of them re-parsed, its resources the same kinds, names and
   * namespaces in the same order (an edit inside a document). Their new entries replace the old ones
   * in place of a full rebuild, which is linear in the whole workspace; the result is the same.
   * Buckets handed out by ofKind are never mutated: changed ones are copied.
   */
  private patch(current: Map<string, ParsedFile>, namespace: string): boolean {
    if (current.size !== this.builtFrom.size) return false;
    const changes: Array<[IndexedResource, IndexedResource]> = [];
    for (const [uri, file] of current) {
      const before = this.builtFrom.get(uri);
      if (before === undefined) return false;
      if (before === file) continue;
      const oldList = this.perFile.get(before);
      if (!oldList) return false;
      let list = this.perFile.get(file);
      if (!list) {
        list = indexFileSafely(uri, file, namespace);
        this.perFile.set(file, list);
        for (const entry of list) this.byResource.set(entry.resource, entry);
      }
      if (list.length !== oldList.length) return false;
      for (let i = 0; i < list.length; i++) {
        const a = oldList[i];
        const b = list[i];
        if (a === b) continue;
        if (a.kind !== b.kind || a.name !== b.name || a.namespace !== b.namespace) return false;
        changes.push([a, b]);
      }
    }
    const copied = new Map<string, IndexedResource[]>();
    for (const [a, b] of changes) {
      let bucket = copied.get(a.kind);
      if (!bucket) {
        bucket = [...(this.byKind.get(a.kind) ?? [])];
        copied.set(a.kind, bucket);
      }
      const at = bucket.indexOf(a);
      if (at < 0) return false;
      bucket[at] = b;
    }
    const named = new Map<string, IndexedResource[]>();
    for (const [a, b] of changes) {
      const key = `${a.kind}\u0000${a.name}`;
      let bucket = named.get(key);
      if (!bucket) {
        bucket = [...(this.byName.get(key) ?? [])];
        named.set(key, bucket);
      }
      const at = bucket.indexOf(a);
      if (at < 0) return false;
      bucket[at] = b;
    }
    for (const [kind, bucket] of copied) this.byKind.set(kind, bucket);
    for (const [key, bucket] of named) this.byName.set(key, bucket);
    return true;
  }

  all(): IndexedResource[] {
    this.refresh();
    return [...this.byKind.values()].flat();
  }

  ofKind(kind: string): IndexedResource[] {
    this.refresh();
    return this.byKind.get(kind) ?? [];
  }

  /** Whether the workspace defines any resource of this kind (if not, references to it are only hints). */
  hasKind(kind: string): boolean {
    return this.ofKind(kind).length > 0;
  }

  find(kind: string, name: string, namespace: string): IndexedResource[] {
    const ns = CLUSTER_SCOPED_KINDS.has(kind) ? '' : namespace;
    this.refresh();
    // By name first: a linear scan per lookup is quadratic over thousands of resources.
    return (this.byName.get(`${kind}\u0000${name}`) ?? []).filter((r) => r.namespace === ns);
  }

  /** The index entry for a resource of a parsed file. */
  entryFor(resource: Resource): IndexedResource | undefined {
    this.refresh();
    return this.byResource.get(resource);
  }

  namespaceOf(resource: Resource): string {
    return effectiveNamespace(resource, this.settings().defaultNamespace);
  }
}

export function effectiveNamespace(resource: Resource, defaultNamespace: string): string {
  if (CLUSTER_SCOPED_KINDS.has(resource.kind)) return '';
  return resource.namespace ?? defaultNamespace;
}

/** One file that cannot be indexed (a bug on strange input) must not take the whole index down with it. */
function indexFileSafely(uri: string, file: ParsedFile, defaultNamespace: string): IndexedResource[] {
  try {
    return indexFile(uri, file, defaultNamespace);
  } catch {
    return [];
  }
}

/**
 * Entries by resource object: an edit re-parses only the documents it touches and keeps the other
 * resource objects (parse/incremental.ts), so re-indexing the file reuses their entries.
 */
const entryOf = new WeakMap<Resource, { entry: IndexedResource; defaultNamespace: string }>();

function indexFile(uri: string, file: ParsedFile, defaultNamespace: string): IndexedResource[] {
  if (file.isTemplate) return [];
  const out: IndexedResource[] = [];
  for (const document of file.documents) {
    const resource = document.resource;
    if (!resource || resource.name === undefined) continue;
    const known = entryOf.get(resource);
    if (known && known.entry.uri === uri && known.defaultNamespace === defaultNamespace) {
      out.push(known.entry);
      continue;
    }
    const entry: IndexedResource = {
      uri,
      resource,
      kind: resource.kind,
      apiVersion: resource.apiVersion,
      name: resource.name,
      namespace: effectiveNamespace(resource, defaultNamespace),
      labels: stringMap(mapAt(resource.root, ['metadata', 'labels'])),
    };
    entryOf.set(resource, { entry, defaultNamespace });
    out.push(entry);
  }
  return out;
}

function sameFiles(a: Map<string, ParsedFile>, b: Map<string, ParsedFile>): boolean {
  if (a.size !== b.size) return false;
  for (const [uri, file] of a) if (b.get(uri) !== file) return false;
  return true;
}
