// The index of every Kubernetes resource the service knows (open documents and workspace files):
// who is defined where, by kind, name and namespace, with labels and the facts other files' rules
// read (workspace/facts.ts). Per-file entries are cached by the stored text, so an edit re-indexes
// only the file that changed. Entries of closed files hold no AST: their `resource.root` re-parses
// the file on demand (documents.ts), so hot readers use the facts instead.
import { ChangeLog } from '../changeLog';
import { YAMLMap } from 'yaml';
import type { DocumentStore, StoredText } from '../documents';
import type { Settings } from '../settings';
import type { ParsedDocument, ParsedFile, Resource } from '../types';
import { mapAt, stringMap } from '../yaml/access';
import { conditionHolds, CUSTOM_RESOURCE_DEFINITION as CRD_KIND, descriptorOf, groupOf, isClusterScoped, isClusterScopedTarget, kindId, kindIdOf, madeServicePorts, type CustomKindScope, type KindDescriptor, type MadeObject } from '../kinds';
import { factsOf, type ResourceFacts } from './facts';


export interface IndexedResource {
  uri: string;
  resource: Resource;
  kind: string;
  /** The kind's id (kinds/ kindId: `StatefulSet.apps`, `Secret`): what the index keys kinds by. */
  kindId: string;
  apiVersion: string;
  name: string;
  /** Effective namespace: the resource's own, the default namespace, or '' for cluster-scoped kinds. */
  namespace: string;
  labels: Record<string, string>;
  /** Position of the resource's document in its file: index and offsets [start, end) (live for open files). */
  documentIndex: number;
  start: number;
  end: number;
  /** What rules, completion and the preview read of this resource when it is in another file. */
  facts: ResourceFacts;
}

export class WorkspaceIndex {
  private readonly perFile = new WeakMap<StoredText, FileEntries>();
  private readonly byResource = new WeakMap<Resource, IndexedResource>();
  private byKind = new Map<string, IndexedResource[]>();
  private byName = new Map<string, IndexedResource[]>();
  private builtFrom = new Map<string, StoredText>();
  private builtNamespace = '';
  private builtGeneration = -1;
  /** Increases whenever the set of indexed resources may have changed. */
  generation = 0;
  /**
   * Custom kinds that are cluster-scoped (`group/kind`), from the CRDs in the index and those the
   * host read for the setting: their resources' effective namespace is ''. A change re-scopes the
   * custom resources already indexed.
   */
  private clusterCustomKinds = new Set<string>();
  /** Counts changes of clusterCustomKinds: an open file's kept entries name the count they were made under. */
  private namespaceRules = 0;
  private externalCustomKinds: CustomKindScope[] = [];
  /**
   * Stored files the workspace scan has read but not indexed yet: left out until indexDocument
   * takes them (refresh would otherwise parse them all at the first lookup, and the scan again).
   * Their texts count for the scope model from the start, so it is final before anything is checked.
   */
  private readonly deferred = new Set<string>();
  /** The lookup keys each recent incremental step changed (changedSince). */
  private readonly changeLog = new ChangeLog(CHANGE_LOG_STEPS);
  /** The buckets no longer match builtFrom (custom resources re-scoped): the next refresh rebuilds. */
  private rebuildNeeded = false;
  /** Changes with `deferred`: the document store's generation does not see it. */
  private deferredVersion = 0;
  private builtDeferredVersion = -1;

  constructor(private readonly documents: DocumentStore, private readonly settings: () => Settings) {}

  /** Brings the index up to date with the document store; cheap when nothing changed. */
  refresh(): void {
    const namespace = this.settings().defaultNamespace;
    // Every rule check asks; with thousands of files, rebuilding the file map each time is quadratic.
    if (this.builtGeneration === this.documents.generation && this.builtDeferredVersion === this.deferredVersion && namespace === this.builtNamespace && this.generation > 0) return;
    // The common case, an edit: patch the few documents the store says changed, without walking them all.
    const shortcuts = namespace === this.builtNamespace && this.generation > 0 && !this.rebuildNeeded;
    if (shortcuts && this.builtDeferredVersion === this.deferredVersion && this.patchFromLog(namespace)) return;
    this.builtDeferredVersion = this.deferredVersion;
    const current = new Map<string, StoredText>();
    for (const stored of this.documents.stored()) if (this.deferred.size === 0 || stored.open || !this.deferred.has(stored.uri)) current.set(stored.uri, stored);
    if (namespace === this.builtNamespace && !this.rebuildNeeded && sameFiles(current, this.builtFrom)) {
      this.builtGeneration = this.documents.generation;
      return;
    }
    const changed = shortcuts ? (this.patch(current, namespace) ?? this.append(current, namespace)) : undefined;
    if (changed) {
      this.builtFrom = current;
      this.stepped(changed);
      return;
    }
    this.rebuildNeeded = false;
    const byKind = new Map<string, IndexedResource[]>();
    for (const stored of current.values()) {
      const { list, fresh } = this.listFor(stored, namespace);
      if (fresh) this.remember(list);
      for (const entry of list) {
        const bucket = byKind.get(entry.kindId);
        if (bucket) bucket.push(entry);
        else byKind.set(entry.kindId, [entry]);
      }
    }
    this.byKind = byKind;
    this.byName = new Map();
    for (const bucket of byKind.values()) {
      for (const entry of bucket) {
        const key = `${entry.kindId}\u0000${entry.name}`;
        const named = this.byName.get(key);
        if (named) named.push(entry);
        else this.byName.set(key, [entry]);
      }
    }
    this.builtFrom = current;
    this.builtNamespace = namespace;
    this.builtGeneration = this.documents.generation;
    this.rescopeCustomResources();
    this.generation++;
    this.logChange(undefined);
  }

  /**
   * The lookup keys (kind ids, `kind NUL name`) whose entries may differ between `generation` and
   * now, or undefined when that is not known (a full rebuild since): who caches per lookup (the
   * kept findings' versions) then re-reads only those.
   */
  changedSince(generation: number): Set<string> | undefined {
    return this.changeLog.since(generation, this.generation);
  }

  /** Records what the step to the current generation changed (undefined: unknown, the log restarts). */
  private logChange(keys: Set<string> | undefined): void {
    if (keys) this.changeLog.record(this.generation, keys);
    else this.changeLog.reset();
  }

  /** The custom kinds of the CRD files the host read for the setting (not indexed themselves). */
  setExternalCustomKinds(kinds: CustomKindScope[]): void {
    this.externalCustomKinds = kinds;
    this.refresh();
    if (this.rescopeCustomResources()) {
      this.generation++;
      this.logChange(undefined);
    }
  }

  /**
   * Brings the cluster-scoped custom kinds up to date with the CRDs. When they changed, the files
   * holding custom resources whose effective namespace changes are indexed again (new entries, so
   * whoever compares entries by identity, like the kept findings' lookups, sees the change).
   * Returns whether the kinds changed.
   */
  private rescopeCustomResources(): boolean {
    const next = new Set<string>();
    const crds = (this.byKind.get(CUSTOM_RESOURCE_DEFINITION) ?? []).flatMap((entry) => (entry.facts.definesKind ? [entry.facts.definesKind] : []));
    // The workspace's own CRDs win over the setting's copy of the same kind (as for schemas).
    const seen = new Set<string>();
    for (const custom of [...crds, ...this.externalCustomKinds]) {
      const id = `${custom.group}/${custom.kind}`;
      if (seen.has(id)) continue;
      seen.add(id);
      if (custom.scope === 'Cluster') next.add(id);
    }
    if (sameSet(next, this.clusterCustomKinds)) return false;
    this.clusterCustomKinds = next;
    this.namespaceRules++;
    const namespace = this.builtNamespace;
    const moved = (entry: IndexedResource) => !entry.facts.madeBy && !descriptorOf(entry.apiVersion, entry.kind) && entry.namespace !== this.effectiveNamespace(entry.resource, namespace);
    let stale = false;
    for (const stored of this.builtFrom.values()) {
      if (!this.listOf(stored, namespace)?.some(moved)) continue;
      this.perFile.delete(stored);
      stale = true;
    }
    if (stale) {
      // A full rebuild (no shortcut: they assume the buckets match builtFrom); it finds the kinds unchanged.
      this.builtFrom = new Map();
      this.builtGeneration = -1;
      this.rebuildNeeded = true;
      this.refresh();
    }
    return true;
  }

  /** Whether resources of this kind live outside namespaces: built-in kinds by the catalogue, custom ones by their CRD. */
  isClusterScoped(apiVersion: string, kind: string): boolean {
    if (isClusterScoped(apiVersion, kind)) return true;
    return this.clusterCustomKinds.has(`${groupOf(apiVersion)}/${kind}`);
  }

  private effectiveNamespace(resource: Resource, defaultNamespace: string): string {
    return this.clusterCustomKinds.has(`${groupOf(resource.apiVersion)}/${resource.kind}`) ? '' : effectiveNamespace(resource, defaultNamespace);
  }

  /**
   * The common edit: the same files, one of them re-parsed, its resources the same kinds, names and
   * namespaces in the same order (an edit inside a document). Their new entries replace the old ones
   * in place of a full rebuild, which is linear in the whole workspace; the result is the same.
   * Buckets handed out by ofKind are never mutated: changed ones are copied.
   */
  private patch(current: Map<string, StoredText>, namespace: string): Set<string> | undefined {
    if (current.size !== this.builtFrom.size) return undefined;
    const edited: StoredText[] = [];
    for (const [uri, stored] of current) {
      const before = this.builtFrom.get(uri);
      if (before === undefined) return undefined;
      if (before !== stored) edited.push(stored);
    }
    return this.patchEdited(edited, namespace);
  }

  /** refresh's quick path: the store's log of changed documents, when each of them was only edited. */
  private patchFromLog(namespace: string): boolean {
    const uris = this.documents.changedSince(this.builtGeneration);
    if (!uris) return false;
    const edited: StoredText[] = [];
    for (const uri of uris) {
      const stored = this.documents.storedText(uri);
      // Added, removed or waiting for the scan: the full path decides.
      if (!stored || !this.builtFrom.has(uri) || (this.deferred.has(uri) && !stored.open)) return false;
      if (this.builtFrom.get(uri) !== stored) edited.push(stored);
    }
    const changed = this.patchEdited(edited, namespace);
    if (!changed) return false;
    for (const stored of edited) this.builtFrom.set(stored.uri, stored);
    this.stepped(changed);
    return true;
  }

  /** An incremental step (patch or append) is in: a new generation, with the keys it changed in the log. */
  private stepped(changed: Set<string>): void {
    this.builtGeneration = this.documents.generation;
    const rescoped = this.rescopeCustomResources();
    this.generation++;
    this.logChange(rescoped ? undefined : changed);
  }

  /** Documents edited in place (same resources by kind, name and namespace): their entries replace the old ones. */
  private patchEdited(edited: StoredText[], namespace: string): Set<string> | undefined {
    const changes: Array<[IndexedResource, IndexedResource]> = [];
    // Lists indexed here: on success only their new entries need remembering (the others were).
    const fresh: IndexedResource[][] = [];
    const fail = () => {
      for (const list of fresh) this.remember(list);
      return undefined;
    };
    for (const stored of edited) {
      const before = this.builtFrom.get(stored.uri);
      if (before === undefined) return fail();
      const oldList = this.listOf(before, namespace);
      if (!oldList) return fail();
      const { list, fresh: made } = this.listFor(stored, namespace, undefined, this.perFile.get(before));
      if (made) fresh.push(list);
      if (list.length !== oldList.length) return fail();
      for (let i = 0; i < list.length; i++) {
        const a = oldList[i];
        const b = list[i];
        if (a === b) continue;
        if (a.kindId !== b.kindId || a.name !== b.name || a.namespace !== b.namespace) return fail();
        changes.push([a, b]);
      }
    }
    const copied = new Map<string, IndexedResource[]>();
    for (const [a, b] of changes) {
      let bucket = copied.get(a.kindId);
      if (!bucket) {
        bucket = [...(this.byKind.get(a.kindId) ?? [])];
        copied.set(a.kindId, bucket);
      }
      const at = bucket.indexOf(a);
      if (at < 0) return fail();
      bucket[at] = b;
    }
    const named = new Map<string, IndexedResource[]>();
    for (const [a, b] of changes) {
      const key = `${a.kindId}\u0000${a.name}`;
      let bucket = named.get(key);
      if (!bucket) {
        bucket = [...(this.byName.get(key) ?? [])];
        named.set(key, bucket);
      }
      const at = bucket.indexOf(a);
      if (at < 0) return fail();
      bucket[at] = b;
    }
    for (const [kind, bucket] of copied) this.byKind.set(kind, bucket);
    for (const [key, bucket] of named) this.byName.set(key, bucket);
    if (fresh.length > 0) this.remember(changes.map(([, b]) => b));
    return changedKeys(changes.map(([, b]) => b));
  }

  /**
   * The scan's step: the same files as before plus new ones. Their entries are added to copies of
   * the buckets they join, in place of a full rebuild per batch (quadratic over a scan).
   */
  private append(current: Map<string, StoredText>, namespace: string): Set<string> | undefined {
    if (current.size <= this.builtFrom.size) return undefined;
    for (const [uri, stored] of this.builtFrom) if (current.get(uri) !== stored) return undefined;
    const copiedKinds = new Set<string>();
    const copiedNames = new Set<string>();
    const added: IndexedResource[] = [];
    for (const [uri, stored] of current) {
      if (this.builtFrom.has(uri)) continue;
      const { list, fresh } = this.listFor(stored, namespace);
      if (fresh) this.remember(list);
      for (const entry of list) {
        added.push(entry);
        appendCopied(this.byKind, entry.kindId, entry, copiedKinds);
        appendCopied(this.byName, `${entry.kindId}\u0000${entry.name}`, entry, copiedNames);
      }
    }
    return changedKeys(added);
  }

  /**
   * An open document is indexed from its kept parse. A closed one is parsed once here and its
   * entries keep facts and lazy resources, not the AST (a closed 10,000-resource workspace would
   * otherwise hold ~90 MB of YAML nodes).
   */
  private indexStored(stored: StoredText, namespace: string, parsed?: ParsedFile, previous?: FileEntries): FileEntries {
    const namespaceOf = (resource: Resource) => this.effectiveNamespace(resource, namespace);
    if (stored.open) {
      // Entries kept from the last parse hold while the namespace rules are the same (see entryOf).
      const rules = `${this.namespaceRules}\u0000${namespace}`;
      const file = this.documents.parsed(stored.uri)!;
      const list = (previous?.rules === rules && editedList(stored.uri, file, previous, namespaceOf, rules)) || indexFileSafely(stored.uri, file, namespaceOf, undefined, rules);
      return { namespace, list, documents: file.documents, rules };
    }
    // Not kept in the store's small cache: indexing reads every file once.
    const file = parsed?.text === stored.text ? parsed : this.documents.parsedText(stored.uri, stored.text, false);
    return { namespace, list: indexFileSafely(stored.uri, file, namespaceOf, (resource) => closedResource(this.documents, stored, resource)) };
  }

  /** Indexes one document now (the workspace scan does this file by file, in its batches); refresh() reuses it. */
  indexDocument(uri: string, parsed?: ParsedFile): void {
    if (this.deferred.delete(uri)) this.deferredVersion++;
    const stored = this.documents.storedText(uri);
    const namespace = this.settings().defaultNamespace;
    if (!stored) return;
    const { list, fresh } = this.listFor(stored, namespace, parsed);
    if (fresh) this.remember(list);
  }

  /** Leaves a stored file out of the index until indexDocument takes it (the scan reads everything first). */
  deferIndexing(uri: string): void {
    if (!this.deferred.has(uri)) {
      this.deferred.add(uri);
      this.deferredVersion++;
    }
  }

  /** The scan ended: files it did not index are indexed on the next lookup, as any other. Returns them. */
  endDeferral(): string[] {
    if (this.deferred.size === 0) return [];
    const left = [...this.deferred];
    this.deferred.clear();
    this.deferredVersion++;
    return left;
  }

  /** Entries by resource (objects a resource makes share its resource: the resource's own entry wins). */
  private remember(list: IndexedResource[]): void {
    for (const entry of list) if (!entry.facts.madeBy) this.byResource.set(entry.resource, entry);
  }

  /** The file's entries, indexing it now if needed; `fresh` says whether they were just made. */
  /** `previous`: the file's entries before an edit (an open file's kept documents keep theirs). */
  private listFor(stored: StoredText, namespace: string, parsed?: ParsedFile, previous?: FileEntries): { list: IndexedResource[]; fresh: boolean } {
    const known = this.listOf(stored, namespace);
    if (known) return { list: known, fresh: false };
    const entries = this.indexStored(stored, namespace, parsed, previous);
    this.perFile.set(stored, entries);
    return { list: entries.list, fresh: entries.list !== previous?.list };
  }

  private listOf(stored: StoredText, namespace: string): IndexedResource[] | undefined {
    const cached = this.perFile.get(stored);
    return cached?.namespace === namespace ? cached.list : undefined;
  }

  all(): IndexedResource[] {
    this.refresh();
    return [...this.byKind.values()].flat();
  }

  /** Every resource of a kind, by its id (kinds/ kindId). */
  ofKind(kind: string): IndexedResource[] {
    this.refresh();
    return this.byKind.get(kind) ?? [];
  }

  /** Whether the workspace defines any resource of this kind (if not, references to it are only hints). */
  hasKind(kind: string): boolean {
    // Objects an operator makes do not count: they say nothing about where the user keeps that kind.
    return this.ofKind(kind).some((entry) => !entry.facts.madeBy);
  }

  find(kind: string, name: string, namespace: string): IndexedResource[] {
    // By name first: a linear scan per lookup is quadratic over thousands of resources.
    const ns = lookupNamespace(kind, namespace);
    return this.named(kind, name).filter((r) => r.namespace === ns);
  }

  /**
   * Every resource of this kind and name, in any namespace. The same array while they do not change,
   * so callers can cache what they derive from it (scope/scopedIndex.ts).
   */
  named(kind: string, name: string): IndexedResource[] {
    this.refresh();
    return this.byName.get(`${kind}\u0000${name}`) ?? [];
  }

  /** The index entry for a resource of a parsed file. */
  entryFor(resource: Resource): IndexedResource | undefined {
    this.refresh();
    return this.byResource.get(resource);
  }

  namespaceOf(resource: Resource): string {
    return this.effectiveNamespace(resource, this.settings().defaultNamespace);
  }
}

/** The namespace a lookup of `kind` in `namespace` matches: '' for cluster-scoped kinds. */
export function lookupNamespace(kind: string, namespace: string): string {
  return isClusterScopedTarget(kind) ? '' : namespace;
}

/** The effective namespace by the built-in catalogue alone (for kinds with a descriptor; the index also knows custom kinds' scopes). */
export function effectiveNamespace(resource: Resource, defaultNamespace: string): string {
  if (isClusterScoped(resource.apiVersion, resource.kind)) return '';
  return resource.namespace ?? defaultNamespace;
}

const CUSTOM_RESOURCE_DEFINITION = kindId(CRD_KIND);

function sameSet(a: Set<string>, b: Set<string>): boolean {
  return a.size === b.size && [...a].every((x) => b.has(x));
}

/** A file's entries, in document order; for an open file, the documents they were made from. */
interface FileEntries {
  namespace: string;
  list: IndexedResource[];
  documents?: readonly ParsedDocument[];
  /** The namespace rules the entries were made under (see entryOf). */
  rules?: string;
}

/**
 * An open file's entries after an edit, from its entries before: the documents the edit kept (the
 * same objects, at the same index) keep their entries, the re-parsed ones are indexed again. Without
 * the walk over every document indexFile does, which costs a millisecond per keystroke in a
 * 2,500-document file. Undefined when it does not apply (documents added or removed, a template).
 */
function editedList(uri: string, file: ParsedFile, previous: FileEntries, namespaceOf: NamespaceOf, rules: string): IndexedResource[] | undefined {
  const documents = file.documents;
  const before = previous.documents;
  if (!before || before.length !== documents.length || file.isTemplate) return undefined;
  const changed: number[] = [];
  for (let k = 0; k < documents.length; k++) if (documents[k] !== before[k]) changed.push(k);
  if (changed.length === 0) return previous.list;
  const replacements = changed.map((k) => entriesOf(uri, documents[k], namespaceOf, undefined, rules));
  // Entries are in document order: each re-parsed document's new entries go where its old ones were.
  const out: IndexedResource[] = [];
  let c = 0;
  for (const entry of previous.list) {
    while (c < changed.length && changed[c] < entry.documentIndex) out.push(...replacements[c++]);
    if (c < changed.length && changed[c] === entry.documentIndex) continue;
    out.push(entry);
  }
  while (c < changed.length) out.push(...replacements[c++]);
  return out;
}

/** One file that cannot be indexed (a bug on strange input) must not take the whole index down with it. */
function indexFileSafely(uri: string, file: ParsedFile, namespaceOf: NamespaceOf, detach?: (resource: Resource) => Resource, rules?: string): IndexedResource[] {
  try {
    return indexFile(uri, file, namespaceOf, detach, rules);
  } catch {
    return [];
  }
}

/**
 * Entries by resource object: an edit re-parses only the documents it touches and keeps the other
 * resource objects (parse/incremental.ts), so re-indexing the file reuses their entries. `rules`
 * names the namespace rules (default namespace, cluster-scoped custom kinds) they were made under:
 * while those are the same, the entries are taken without working out each namespace again.
 */
const entryOf = new WeakMap<Resource, { entries: IndexedResource[]; rules?: string }>();

/** A resource's effective namespace (the index's: it knows the custom kinds' scopes). */
type NamespaceOf = (resource: Resource) => string;

function indexFile(uri: string, file: ParsedFile, namespaceOf: NamespaceOf, detach?: (resource: Resource) => Resource, rules?: string): IndexedResource[] {
  if (file.isTemplate) return [];
  const out: IndexedResource[] = [];
  for (const document of file.documents) {
    const entries = entriesOf(uri, document, namespaceOf, detach, rules);
    if (entries.length === 1) out.push(entries[0]);
    else if (entries.length > 1) out.push(...entries);
  }
  return out;
}

/** A document's entries: its resource's own and those of the objects it makes; none without a named resource. */
function entriesOf(uri: string, document: ParsedDocument, namespaceOf: NamespaceOf, detach?: (resource: Resource) => Resource, rules?: string): IndexedResource[] {
  const resource = document.resource;
  if (!resource || resource.name === undefined) return NO_ENTRIES;
  const known = detach ? undefined : entryOf.get(resource);
  if (known && known.entries[0].uri === uri && ((rules !== undefined && known.rules === rules) || known.entries[0].namespace === namespaceOf(resource))) {
    known.rules = rules;
    return known.entries;
  }
  const entry: IndexedResource = {
    uri,
    resource: detach ? detach(resource) : resource,
    kind: resource.kind,
    kindId: kindIdOf(resource.apiVersion, resource.kind),
    apiVersion: resource.apiVersion,
    name: resource.name,
    namespace: namespaceOf(resource),
    labels: stringMap(mapAt(resource.root, ['metadata', 'labels'])),
    documentIndex: document.index,
    start: document.start,
    end: document.end,
    facts: factsOf(resource),
  };
  // An open file's untouched documents keep their objects (and index entries) across edits but
  // move (parse/incremental.ts): their offsets are read live.
  if (!detach) {
    Object.defineProperty(entry, 'start', { get: () => document.start, enumerable: true });
    Object.defineProperty(entry, 'end', { get: () => document.end, enumerable: true });
  }
  const descriptor = descriptorOf(resource.apiVersion, resource.kind);
  const entries = descriptor?.makes ? [entry, ...madeEntries(entry, descriptor, resource.root)] : [entry];
  if (!detach) entryOf.set(resource, { entries, rules });
  return entries;
}

const NO_ENTRIES = Object.freeze([]) as unknown as IndexedResource[];

/**
 * The objects a resource makes whose names follow from its own (an operator's `<name>-app` Secret,
 * `<name>-rw` Service): they count as defined, at the maker's name, so references to them resolve.
 * Names per ordinal or per claim template are the preview's business.
 */
function madeEntries(maker: IndexedResource, descriptor: KindDescriptor, root: YAMLMap): IndexedResource[] {
  const out: IndexedResource[] = [];
  for (const made of descriptor.makes ?? []) {
    if (/\{(?!name\})[a-z]+\}/.test(made.name)) continue;
    // The parse being indexed: a closed file's entry holds a lazy resource whose root parses the file again.
    if (!conditionHolds(root, made.when)) continue;
    out.push({
      uri: maker.uri,
      resource: maker.resource,
      kind: made.kind.kind,
      kindId: kindId(made.kind),
      apiVersion: made.kind.group ? `${made.kind.group}/v1` : 'v1',
      name: made.name.replaceAll('{name}', maker.name),
      namespace: isClusterScopedTarget(kindId(made.kind)) ? '' : maker.namespace,
      labels: {},
      documentIndex: maker.documentIndex,
      get start() {
        return maker.start;
      },
      get end() {
        return maker.end;
      },
      facts: { madeBy: { kind: maker.kind, name: maker.name, role: made.role }, ...(made.service ? { service: madeServiceFacts(made.service, root) } : {}) },
    });
  }
  return out;
}


/** What a Service an operator makes offers to readers of Service facts: no selector the user wrote, no source ranges. */
function madeServiceFacts(service: NonNullable<MadeObject['service']>, root: YAMLMap): NonNullable<ResourceFacts['service']> {
  return {
    type: 'ClusterIP',
    ...(service.headless ? { clusterIP: 'None' } : {}),
    selectorEntries: 0,
    ports: madeServicePorts(service, root).map((p) => ({ name: p.name, port: String(p.port), protocol: 'TCP' })),
  };
}

/**
 * A resource of a closed file without its AST: identity fields are copied, `root` and `document`
 * re-parse the text it was indexed from when read (documents.ts caches a few such parses).
 */
function closedResource(documents: DocumentStore, stored: StoredText, resource: Resource): Resource {
  // Nothing here may keep `resource` (or its document) reachable: that would keep the whole AST.
  return detachedResource(documents, stored, resource.document.index, resource.apiVersion, resource.kind, resource.name, resource.namespace);
}

function detachedResource(
  documents: DocumentStore,
  stored: StoredText,
  index: number,
  apiVersion: string,
  kind: string,
  name: string | undefined,
  namespace: string | undefined,
): Resource {
  const parsedDocument = (): ParsedDocument => {
    const document = documents.parsedText(stored.uri, stored.text).documents[index];
    // The same text parses the same way, so the document is there; this only guards the types.
    if (!document) throw new Error(`document ${index} of ${stored.uri} is gone`);
    return document;
  };
  return {
    apiVersion,
    kind,
    name,
    namespace,
    get root(): YAMLMap {
      return parsedDocument().resource?.root ?? new YAMLMap();
    },
    get document(): ParsedDocument {
      return parsedDocument();
    },
  };
}

/** Steps of the change log kept: enough for the edits between two checks. */
const CHANGE_LOG_STEPS = 32;

/** The lookup keys entries answer: their kind id and `kind NUL name`. */
function changedKeys(entries: IndexedResource[]): Set<string> {
  const keys = new Set<string>();
  for (const entry of entries) {
    keys.add(entry.kindId);
    keys.add(`${entry.kindId}\u0000${entry.name}`);
  }
  return keys;
}

/** Appends to the bucket under `key`, copying it first unless this step made it (handed-out buckets never change). */
function appendCopied(map: Map<string, IndexedResource[]>, key: string, entry: IndexedResource, copied: Set<string>): void {
  const bucket = map.get(key);
  if (bucket && copied.has(key)) bucket.push(entry);
  else {
    map.set(key, bucket ? [...bucket, entry] : [entry]);
    copied.add(key);
  }
}

function sameFiles(a: Map<string, StoredText>, b: Map<string, StoredText>): boolean {
  if (a.size !== b.size) return false;
  for (const [uri, file] of a) if (b.get(uri) !== file) return false;
  return true;
}
