// The scope model (docs/scopes.md): which files a file's references resolve against, nearest first.
//   1. an explicit scope from `.k8s-stateful.yaml` (`scopes:`, passed in as settings) holding the file:
//      only that scope's files;
//   2. a Kustomize application holding the file (the kustomization that lists it, with everything
//      that kustomization includes, transitively): only those files, plus its generated objects;
//   3. otherwise folders, nearest first: the file's folder and the folders below it, then its
//      parent's, and so on, but never past a folder with more than MAX_PARTS sub-folders of
//      manifests (a monorepo or examples folder). A copy of an app in another folder is never
//      nearer than the app's own objects, so dev/prod copies do not judge each other.
// distance() ranks a candidate file from a referring file: 0 is the file's own scope, higher is
// further, Infinity is out of scope (rules never see it; navigation may still offer it last).
import type { DocumentStore, StoredText } from '../documents';
import { kindId } from '../kinds';
import { matchesAny } from '../paths/glob';
import { KUBERNETES_HINT } from '../parse/parseFile';
import type { ScopeSetting } from '../settings';
import type { IndexedResource } from '../workspace';
import { isKustomizationUri, mayDeclareKustomization, readKustomization, type GeneratedObject, type KustomizationData } from './kustomization';

/** An application split over folders has a few parts (db/, config/, web/, jobs/); more sub-folders of manifests make a collection of applications. */
export const MAX_PARTS = 4;

export interface GeneratedDefinition extends GeneratedObject {
  /** The kustomization file whose generator makes it. */
  uri: string;
}

export class ScopeModel {
  /** Per file: the files of its Kustomize application (its home kustomization's closure). */
  private readonly kustomizeHome = new Map<string, Set<string>>();
  /** Per closure: the objects its kustomizations generate. */
  private readonly generatedIn = new Map<Set<string>, GeneratedDefinition[]>();
  /** Every generated object once, in its kustomization file (navigation and completion look everywhere). */
  private readonly generatedAll: GeneratedDefinition[] = [];
  private readonly roots = new Map<string, string>();
  private readonly closureIds = new Map<Set<string>, number>();
  private readonly scopedLists = new WeakMap<readonly IndexedResource[], Map<string, IndexedResource[]>>();
  private readonly underFolders = new WeakMap<readonly IndexedResource[], Map<string, IndexedResource[]>>();
  private readonly explicitOf = new Map<string, ScopeSetting | null>();
  private readonly closureKeys = new Map<Set<string>, string>();
  /** Per folder, the names of its sub-folders that hold files of the workspace. */
  private readonly subfolders = new Map<string, Set<string>>();

  constructor(
    readonly uris: readonly string[],
    kustomizations: ReadonlyMap<string, KustomizationData>,
    /** The files that hold Kubernetes resources: only their folders count as parts of a tree. */
    manifests: readonly string[],
    private readonly explicit: readonly ScopeSetting[],
    /** Stands for every kustomization's data: equal while no kustomization changed (see scopeKeyOf). */
    private readonly kustomizationsKey = '',
  ) {
    const known = new Set(uris);
    for (const uri of manifests) {
      const parts = folderOf(uri).split('/');
      for (let depth = 1; depth < parts.length; depth++) {
        const parent = parts.slice(0, depth).join('/');
        let children = this.subfolders.get(parent);
        if (!children) this.subfolders.set(parent, (children = new Set()));
        children.add(parts[depth]);
      }
    }
    const byFolder = new Map<string, string>();
    for (const uri of kustomizations.keys()) byFolder.set(folderOf(uri), uri);
    const closures = new Map<string, Set<string>>();
    const closureOf = (uri: string, visiting: Set<string>): Set<string> => {
      const done = closures.get(uri);
      if (done) return done;
      const out = new Set<string>([uri]);
      if (visiting.has(uri)) return out;
      visiting.add(uri);
      for (const include of kustomizations.get(uri)!.includes) {
        const nested = kustomizations.has(include) ? include : byFolder.get(include);
        if (nested) for (const file of closureOf(nested, visiting)) out.add(file);
        else if (known.has(include)) out.add(include);
      }
      visiting.delete(uri);
      closures.set(uri, out);
      return out;
    };
    // A file's home is the kustomization that lists it itself; when several do (two overlays naming
    // the same file), the one nearest to the file's folder.
    const homeOf = new Map<string, string>();
    for (const [uri, data] of kustomizations) for (const object of data.generated) this.generatedAll.push({ ...object, uri });
    for (const [uri, data] of kustomizations) {
      const closure = closureOf(uri, new Set());
      const generated: GeneratedDefinition[] = [];
      for (const member of closure) for (const object of kustomizations.get(member)?.generated ?? []) generated.push({ ...object, uri: member });
      this.generatedIn.set(closure, generated);
      const direct = [uri, ...data.includes.filter((include) => known.has(include) && !kustomizations.has(include))];
      for (const file of direct) {
        const current = homeOf.get(file);
        if (current === undefined || folderDistance(file, uri) < folderDistance(file, current)) homeOf.set(file, uri);
      }
    }
    for (const [file, home] of homeOf) this.kustomizeHome.set(file, closures.get(home)!);
    for (const closure of closures.values()) this.closureIds.set(closure, this.closureIds.size);
  }

  /** How far `to` is from `from` for resolving references: 0 = same scope, Infinity = out of scope. */
  distance(from: string, to: string): number {
    if (from === to) return 0;
    const scope = this.explicitScopeOf(from);
    if (scope) return this.explicitScopeOf(to) === scope ? 0 : Infinity;
    const home = this.kustomizeHome.get(from);
    if (home) return home.has(to) ? 0 : Infinity;
    const fromFolder = folderOf(from);
    const toFolder = folderOf(to);
    const root = this.reachableRoot(fromFolder);
    if (toFolder !== root && !toFolder.startsWith(`${root}/`)) return Infinity;
    return depthBelowCommon(fromFolder, toFolder);
  }

  /**
   * What decides which files `uri`'s rules see and how near they are: two models giving a file the
   * same key judge it alike (so a file added elsewhere does not re-check every kept finding).
   * Explicit scopes come from the settings, which kept findings compare on their own.
   */
  scopeKeyOf(uri: string): string {
    const scope = this.explicitScopeOf(uri);
    if (scope) return `s${this.explicit.indexOf(scope)}`;
    // A Kustomize application: its kustomizations (generators, includes) and the files it holds.
    const home = this.kustomizeHome.get(uri);
    if (home) {
      let key = this.closureKeys.get(home);
      if (key === undefined) this.closureKeys.set(home, (key = `k${this.kustomizationsKey}\u0000${[...home].sort().join('\n')}`));
      return key;
    }
    return `f${this.reachableRoot(folderOf(uri))}`;
  }

  /**
   * The highest folder resolution climbs to from `folder`: up while the parent has at most MAX_PARTS
   * sub-folders of manifests. A folder with more is a collection of independent applications (a
   * monorepo, an examples folder), not one application split over a few folders.
   */
  private reachableRoot(folder: string): string {
    let root = this.roots.get(folder);
    if (root === undefined) {
      root = folder;
      for (let parent = folderOf(root); parent !== root && parent !== '' && (this.subfolders.get(parent)?.size ?? 0) <= MAX_PARTS; parent = folderOf(root)) root = parent;
      this.roots.set(folder, root);
    }
    return root;
  }

  /**
   * The entries of `bucket` (one kind's index entries, an array that stays the same object while
   * they do not change) in `from`'s scope, nearest first. Computed once per scope and bucket:
   * every file of a folder (or Kustomize application, or explicit scope) shares the answer, and a
   * folder's candidates come from the entries under its reachable root only, so checking many
   * independent copies of an app stays linear.
   */
  inScopeNearestFirst(from: string, bucket: readonly IndexedResource[]): IndexedResource[] {
    if (bucket.length === 0) return [];
    const scope = this.explicitScopeOf(from);
    const home = scope ? undefined : this.kustomizeHome.get(from);
    const key = scope ? `s${this.explicit.indexOf(scope)}` : home ? `k${this.closureIds.get(home)}` : `f${folderOf(from)}`;
    let byScope = this.scopedLists.get(bucket);
    if (!byScope) this.scopedLists.set(bucket, (byScope = new Map()));
    let list = byScope.get(key);
    if (list) return list;
    if (scope) list = bucket.filter((e) => this.explicitScopeOf(e.uri) === scope);
    else if (home) list = bucket.filter((e) => home.has(e.uri));
    else {
      const fromFolder = folderOf(from);
      const candidates = this.entriesUnder(bucket).get(this.reachableRoot(fromFolder)) ?? [];
      list = candidates
        .map((entry) => ({ entry, distance: depthBelowCommon(fromFolder, folderOf(entry.uri)) }))
        .sort((a, b) => a.distance - b.distance)
        .map((r) => r.entry);
    }
    byScope.set(key, list);
    return list;
  }

  /** Per folder, the bucket's entries in it and below it (each entry under each of its folders). */
  private entriesUnder(bucket: readonly IndexedResource[]): Map<string, IndexedResource[]> {
    let under = this.underFolders.get(bucket);
    if (under) return under;
    under = new Map();
    for (const entry of bucket) {
      for (let folder = folderOf(entry.uri), previous = ''; folder !== previous && folder !== ''; previous = folder, folder = folderOf(folder)) {
        const list = under.get(folder);
        if (list) list.push(entry);
        else under.set(folder, [entry]);
      }
    }
    this.underFolders.set(bucket, under);
    return under;
  }

  /**
   * Whether two files are applied together, so that two definitions of one object clash: the same
   * file, the same explicit scope, or the same Kustomize application (each in the other's). Two files
   * of one plain folder are not: such folders hold alternatives (`app.yaml` and `app-openshift.yaml`,
   * a quickstart and an all-in-one) as often as parts.
   */
  appliedTogether(a: string, b: string): 'file' | 'scope' | 'kustomization' | undefined {
    if (a === b) return 'file';
    const scope = this.explicitScopeOf(a);
    if (scope || this.explicitScopeOf(b)) return scope === this.explicitScopeOf(b) ? 'scope' : undefined;
    const homeA = this.kustomizeHome.get(a);
    const homeB = this.kustomizeHome.get(b);
    return homeA && homeB && homeA.has(b) && homeB.has(a) ? 'kustomization' : undefined;
  }

  /** Objects Kustomize generators make that `from`'s references may name (its application's). */
  generatedFor(from: string): GeneratedDefinition[] {
    if (this.explicitScopeOf(from)) {
      const out: GeneratedDefinition[] = [];
      for (const list of this.generatedIn.values()) for (const g of list) if (this.distance(from, g.uri) === 0) out.push(g);
      return out;
    }
    const home = this.kustomizeHome.get(from);
    return home ? (this.generatedIn.get(home) ?? []) : [];
  }

  /** Every object the workspace's generators make, each once (navigation, completion). */
  allGenerated(): readonly GeneratedDefinition[] {
    return this.generatedAll;
  }

  /**
   * How far a generated object is from `from` (as distance() for files): finite only when `from`'s
   * application includes its generator, as for the rules (generatedFor), since Kustomize makes it
   * for that application alone.
   */
  generatedDistance(from: string, g: GeneratedObject & { uri: string }): number {
    return this.generatedFor(from).some((own) => sameGenerator(own, g)) ? this.distance(from, g.uri) : Infinity;
  }

  /** The explicit scope holding a file: the first whose `files` globs (relative to its `base`) match it. */
  explicitScopeOf(uri: string): ScopeSetting | undefined {
    if (this.explicit.length === 0) return undefined;
    let scope = this.explicitOf.get(uri);
    if (scope === undefined) {
      scope = this.explicit.find((s) => {
        const base = (s.base ?? '').replace(/\/+$/, '');
        if (base && !uri.startsWith(`${base}/`)) return false;
        return matchesAny(decodeURIComponent(base ? uri.slice(base.length + 1) : uri), s.files);
      }) ?? null;
      this.explicitOf.set(uri, scope);
    }
    return scope ?? undefined;
  }

  /** What the user reads about a file's scope (hover, docs): an explicit scope, a kustomization, or a folder. */
  describe(uri: string): string {
    const scope = this.explicitScopeOf(uri);
    if (scope) return `scope "${scope.name}" (.k8s-stateful.yaml)`;
    if (this.kustomizeHome.has(uri)) return 'its Kustomize application';
    return `folder ${folderOf(uri)}/ (nearest first)`;
  }
}

/** Whether two generated objects come from the same generator entry. */
export function sameGenerator(a: GeneratedObject & { uri: string }, b: GeneratedObject & { uri: string }): boolean {
  return a.uri === b.uri && a.generator === b.generator && a.name === b.name && a.nameRange?.[0] === b.nameRange?.[0];
}

/**
 * Whether a reference to `kind` `name` in `namespace` names the generated object: the kustomization's
 * `namespace` moves its referrers too (any namespace matches); otherwise the object's namespace (the
 * default one when neither the kustomization nor the generator says) must be the reference's.
 */
export function generatedMatches(g: GeneratedObject, kind: string, name: string, namespace: string, defaultNamespace: string): boolean {
  return kindId(g.kind) === kind && g.name === name && generatedInNamespace(g, namespace, defaultNamespace);
}

/** Whether references from `namespace` can name the generated object (see generatedMatches). */
export function generatedInNamespace(g: GeneratedObject, namespace: string, defaultNamespace: string): boolean {
  return g.anyNamespace || (g.namespace ?? defaultNamespace) === namespace;
}

/** Folders up from `from`'s folder to the deepest folder that also holds `to` (0: the same folder or below). */
export function folderDistance(from: string, to: string): number {
  return depthBelowCommon(folderOf(from), folderOf(to));
}

/** How many folders `a` lies below the deepest folder holding both `a` and `b`. */
function depthBelowCommon(a: string, b: string): number {
  const x = a.split('/');
  const y = b.split('/');
  let common = 0;
  while (common < x.length && common < y.length && x[common] === y[common]) common++;
  return x.length - common;
}

export function folderOf(uri: string): string {
  const at = uri.lastIndexOf('/');
  return at < 0 ? '' : uri.slice(0, at);
}

/**
 * Whether every document changed since `generation` is still there, was there then, and is an
 * ordinary file before and after: a file of Kubernetes manifests (or not) as it was, and no kustomization.
 */
function onlyEditedInside(documents: DocumentStore, generation: number, manifestOf: ReadonlyMap<string, boolean | 'kustomization'>): boolean {
  const changed = documents.changedSince(generation);
  if (!changed) return false;
  for (const uri of changed) {
    const stored = documents.storedText(uri);
    const before = manifestOf.get(uri);
    if (!stored || before === undefined || before === 'kustomization' || isKustomizationUri(uri)) return false;
    let manifest = isManifest.get(stored);
    if (manifest === undefined) isManifest.set(stored, (manifest = KUBERNETES_HINT.test(stored.text)));
    if (manifest !== before || mayDeclareKustomization(stored)) return false;
    kustomizationOf.set(stored, null);
  }
  return true;
}

/** The model for the store's current files and settings; the same object while neither changed in a way that matters. */
const lastModel = new WeakMap<
  DocumentStore,
  {
    generation: number;
    explicit: readonly ScopeSetting[];
    signature: string;
    model: ScopeModel;
    kustomizationsJson: string;
    kustomizationsKey: string;
    /** Per file when the model was made: whether it held manifests, or was a kustomization. */
    manifestOf: ReadonlyMap<string, boolean | 'kustomization'>;
  }
>();
let kustomizationsVersion = 0;
const kustomizationOf = new WeakMap<StoredText, KustomizationData | null>();
const isManifest = new WeakMap<StoredText, boolean>();

export function scopeModelFor(documents: DocumentStore, explicit: readonly ScopeSetting[]): ScopeModel {
  const last = lastModel.get(documents);
  if (last && last.generation === documents.generation && last.explicit === explicit) return last.model;
  // An edit inside ordinary files (the common case) keeps the model: checked on the changed files
  // alone, without walking every file and comparing signatures.
  if (last && last.explicit === explicit && onlyEditedInside(documents, last.generation, last.manifestOf)) {
    last.generation = documents.generation;
    return last.model;
  }
  const uris: string[] = [];
  const manifests: string[] = [];
  const kustomizations = new Map<string, KustomizationData>();
  const manifestOf = new Map<string, boolean | 'kustomization'>();
  for (const stored of documents.stored()) {
    uris.push(stored.uri);
    let manifest = isManifest.get(stored);
    if (manifest === undefined) isManifest.set(stored, (manifest = KUBERNETES_HINT.test(stored.text)));
    if (manifest) manifests.push(stored.uri);
    let data = kustomizationOf.get(stored);
    if (data === undefined) {
      const candidate = isKustomizationUri(stored.uri) || mayDeclareKustomization(stored);
      const file = candidate ? documents.parsedText(stored.uri, stored.text, false) : undefined;
      data = (file && readKustomization(stored.uri, file)) ?? null;
      kustomizationOf.set(stored, data);
    }
    if (data) kustomizations.set(stored.uri, data);
    manifestOf.set(stored.uri, data ? 'kustomization' : manifest);
  }
  uris.sort();
  // Edits inside ordinary files change nothing here: the model (and the rule caches keyed on it) stays.
  const kustomizationsJson = JSON.stringify([...kustomizations].sort(([a], [b]) => (a < b ? -1 : 1)));
  const signature = `${uris.join('\n')}\u0000${manifests.length}\u0000${kustomizationsJson}\u0000${JSON.stringify(explicit)}`;
  if (last && last.signature === signature) {
    lastModel.set(documents, { ...last, generation: documents.generation, explicit, manifestOf });
    return last.model;
  }
  // The same kustomizations as the last model: the same key, so Kustomize files keep their findings.
  const kustomizationsKey = last && last.kustomizationsJson === kustomizationsJson ? last.kustomizationsKey : String(++kustomizationsVersion);
  const model = new ScopeModel(uris, kustomizations, manifests, explicit, kustomizationsKey);
  lastModel.set(documents, { generation: documents.generation, explicit, signature, model, kustomizationsJson, kustomizationsKey, manifestOf });
  return model;
}

