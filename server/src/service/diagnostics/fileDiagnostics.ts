// All diagnostics of one file: YAML syntax, each resource's schema check, then the rule catalogue.
import { kindIdOf } from '../kinds';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { sizeLimitDiagnostic } from '../parse/sizeLimit';
import { documentSyntaxDiagnostics, syntaxDiagnostics } from '../parse/syntaxDiagnostics';
import { documentRuleDiagnostics, isSuppressed, rulesFor, type RuleEnvironment } from '../rules/engine';
import type { SchemaRegistry } from '../schema/registry';
import { describeStillServedApi, isRemovedIn, removedApi } from '../schema/removedApis';
import { validateResource } from '../schema/validateResource';
import type { Settings } from '../settings';
import type { Diagnostic, ParsedDocument, ParsedFile, Resource } from '../types';
import type { IndexedResource, WorkspaceIndex } from '../workspace';
import type { ScopeModel } from '../scope/model';
import { detached } from '../parse/detached';
import { suppressionCommentDiagnostics } from './suppressionComments';
import { withoutPlaceholderFindings } from './placeholders';

const SEVERITY_BY_NAME = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
} as const;

/**
 * What a file's findings depend on beyond its own text, the settings and the schemas: the index
 * lookups its rules made (see `dependencyKey`), each followed by its version when they ran and the
 * fingerprint of what the file's scope saw of it (NO_FINGERPRINT without a scope model), flat.
 */
export type Dependencies = Array<string | number>;
/** Slots per lookup in Dependencies. */
const STRIDE = 3;
const NO_FINGERPRINT = -1;
/**
 * What a check may take from the last one of the same open document (OpenFileMemo.reuse), and what
 * it leaves for the next: per document index, whether its cached findings are known to hold, and
 * its cache entries (read and written by index, without a cache lookup per document).
 */
interface Reuse {
  flags: Uint8Array;
  /** Per document index, what applies to it (CHECKED, PROBLEMS): it depends on the document object alone. */
  roles: Uint8Array;
  schema: Array<SchemaEntry | undefined>;
  rules: Array<RuleEntry | undefined>;
}
/** A closed file's check: nothing taken, nothing recorded. */
const NO_REUSE: Reuse = Object.freeze({ flags: new Uint8Array(0), roles: new Uint8Array(0), schema: [], rules: [] });

/** A resource without syntax errors: its schema and rules are checked. */
const CHECKED = 1;
/** Syntax errors or warnings. */
const PROBLEMS = 2;

function roleOf(document: ParsedDocument): number {
  return (document.resource !== undefined && document.errorCount === 0 ? CHECKED : 0) | (document.errorCount + document.warningCount > 0 ? PROBLEMS : 0);
}

function roleAt(reuse: Reuse, documents: readonly ParsedDocument[], k: number): number {
  return reuse.roles.length > 0 ? reuse.roles[k] : roleOf(documents[k]);
}

/**
 * `dependencies`, when given, receives what the rules looked up in the index (see `recordedVersions`).
 * `memo`, for an open document, carries what its last check knew into this one (OpenFileMemo).
 */
export function fileDiagnostics(uri: string, file: ParsedFile, env: RuleEnvironment, dependencies?: Set<string>, memo?: OpenFileMemo): Diagnostic[] {
  // Non-Kubernetes YAML (CI workflows, compose files, Helm values) and unrendered templates get no noise.
  if (!file.isKubernetes || file.isTemplate) return [];
  // Over k8sStateful.maxFileSize: one notice at the top, plus syntax errors when the file was parsed.
  const tooLarge = sizeLimitDiagnostic(file);
  if (tooLarge) return [tooLarge, ...syntaxDiagnostics(file)].sort(byPosition);
  // Once per file, not once per document: finding the Kustomize patches walks the whole store.
  const isPatch = env.isPatch?.(uri) ?? false;
  const versions = versionsOf(env.index); // the index brought up to date first: the memo reads what changed
  const reuse = memo?.reuse(file, env, isPatch) ?? NO_REUSE;
  let schema = schemaDiagnostics(file, env, reuse);
  if (isPatch) schema = schema.filter((d) => !assumesCompleteResource(d));
  const rules = cachedRuleDiagnostics(uri, file, env, versions, isPatch, dependencies, reuse);
  memo?.checked(file, env, isPatch, reuse);
  return withoutPlaceholderFindings(file, [...schema, ...rules], env.settings, env.docsBaseUri).sort(byPosition);
}

/** In a Kustomize patch, missing required fields and `$patch`-style directives are expected. */
function assumesCompleteResource(diagnostic: Diagnostic): boolean {
  const data = diagnostic.data as { missingField?: string; unknownField?: string } | undefined;
  return data?.missingField !== undefined || (data?.unknownField?.startsWith('$') ?? false);
}

// Per-document caches. An edit re-parses only the documents it touches (parse/incremental.ts) and
// keeps the other document objects, so everything computed for an untouched document is reused:
// - syntax and schema findings depend on the document's text alone; when lines above were added or
//   removed, the cached ranges are moved by as many lines;
// - rule findings also depend on the rest of the workspace. Each run records what its rules looked
//   up in the index (a kind, a kind's resources of one name, or whether a kind exists at all); the
//   result is reused while those lookups would give the same resource objects (documents whose
//   text did not change), the settings are the same, and (when there are findings, whose messages
//   may quote line numbers) the document has not moved. Lookups by name keep a closed file that
//   names one ConfigMap from being re-checked whenever any ConfigMap is edited.

/** A document's first line (0-based): the last line start at or before its start. */
function startLineOf(file: ParsedFile, document: ParsedDocument): number {
  const starts = file.lineCounter.lineStarts;
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid] <= document.start) lo = mid + 1;
    else hi = mid;
  }
  return Math.max(lo - 1, 0);
}

function moved(diagnostics: Diagnostic[], lines: number): Diagnostic[] {
  if (lines === 0) return diagnostics;
  return diagnostics.map((d) => ({
    ...d,
    range: { start: { line: d.range.start.line + lines, character: d.range.start.character }, end: { line: d.range.end.line + lines, character: d.range.end.character } },
  }));
}

interface SchemaEntry {
  registry: SchemaRegistry;
  /** registry.schemaToken of the resource: a custom resource is checked again when its CRD changes. */
  schemaToken: number;
  startLine: number;
  syntax: Diagnostic[];
  schema: Diagnostic[];
}

const schemaCache = new WeakMap<ParsedDocument, SchemaEntry>();

/** Shared by the cache entries that hold no findings (most of them); never mutated. */
const NO_DIAGNOSTICS: Diagnostic[] = Object.freeze([]) as unknown as Diagnostic[];

function nonEmpty(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.length > 0 ? diagnostics : NO_DIAGNOSTICS;
}

/** A document's syntax and schema findings, cached per document object (and in `reuse`, per index). */
function schemaEntry(file: ParsedFile, document: ParsedDocument, registry: SchemaRegistry, reuse: Reuse): SchemaEntry {
  const k = document.index;
  if (reuse.flags[k] === 1) {
    const kept = reuse.schema[k];
    if (kept) return kept;
  }
  let entry = schemaCache.get(document);
  const schemaToken = document.resource ? registry.schemaToken(document.resource.apiVersion, document.resource.kind) : 0;
  if (!entry || entry.registry !== registry || entry.schemaToken !== schemaToken) {
    // A document with syntax errors has a partial AST; checking it against the schema only adds noise.
    const role = roleOf(document);
    entry = {
      registry,
      schemaToken,
      startLine: startLineOf(file, document),
      syntax: (role & PROBLEMS) !== 0 ? documentSyntaxDiagnostics(file, document) : NO_DIAGNOSTICS,
      schema: (role & CHECKED) !== 0 ? nonEmpty(validateResource(file, document.resource!, registry)) : NO_DIAGNOSTICS,
    };
    schemaCache.set(document, entry);
  }
  if (reuse !== NO_REUSE) reuse.schema[k] = entry;
  return entry;
}

/** Cached findings of a document, moved by as many lines as the document moved since they were made. */
function placed(file: ParsedFile, document: ParsedDocument, madeAtLine: number, diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.length === 0 ? diagnostics : moved(diagnostics, startLineOf(file, document) - madeAtLine);
}

/** Syntax and schema diagnostics (per document, cached), then settings and suppression comments. */
function schemaDiagnostics(file: ParsedFile, env: RuleEnvironment, reuse: Reuse): Diagnostic[] {
  const withProblems = reuse.roles.length > 0 ? file.documents.filter((_, k) => (reuse.roles[k] & PROBLEMS) !== 0) : file.documents;
  const syntax = syntaxDiagnostics(
    file,
    (f, document) => {
      const entry = schemaEntry(f, document, env.registry, reuse);
      return placed(f, document, entry.startLine, entry.syntax);
    },
    withProblems,
  );
  const all = syntax;
  all.push(...suppressionCommentDiagnostics(file));
  const documents = file.documents;
  for (let k = 0; k < documents.length; k++) {
    if ((roleAt(reuse, documents, k) & CHECKED) === 0) continue;
    const document = documents[k];
    const entry = schemaEntry(file, document, env.registry, reuse);
    if (entry.schema.length > 0) all.push(...placed(file, document, entry.startLine, entry.schema));
  }
  const out: Diagnostic[] = [];
  const kindsWithoutSchema = new Set<string>();
  for (const diagnostic of all) {
    const id = String(diagnostic.code);
    // A kind without a schema is said once per file, on its first resource.
    const withoutSchema = (diagnostic.data as { kindWithoutSchema?: string } | undefined)?.kindWithoutSchema;
    if (withoutSchema !== undefined) {
      if (kindsWithoutSchema.has(withoutSchema)) continue;
      kindsWithoutSchema.add(withoutSchema);
    }
    const configured = env.settings.rules[id];
    if (configured === 'off' || isSuppressed(file, diagnostic.range.start.line, id)) continue;
    // Every code has a doc page (docs/rules/<code>.md), like the rules' diagnostics.
    const codeDescription = env.docsBaseUri ? { href: `${env.docsBaseUri}/${id}.md` } : undefined;
    const served = id === 'deprecated-api-version' ? stillServed(diagnostic, env.settings.kubernetesVersion) : undefined;
    const severity = configured ? SEVERITY_BY_NAME[configured] : served ? DiagnosticSeverity.Information : undefined;
    out.push({ ...diagnostic, ...(served ? { message: served } : {}), ...(severity ? { severity } : {}), ...(codeDescription ? { codeDescription } : {}) });
  }
  return out;
}

/** The message for a removed apiVersion that the targeted Kubernetes version still serves, else undefined. */
function stillServed(diagnostic: Diagnostic, targetVersion: string): string | undefined {
  const data = diagnostic.data as { apiVersion?: string; kind?: string } | undefined;
  const removed = data?.apiVersion && data.kind ? removedApi(data.apiVersion, data.kind) : undefined;
  if (!removed || isRemovedIn(removed, targetVersion)) return undefined;
  return describeStillServedApi(data!.apiVersion!, data!.kind!, removed, targetVersion);
}

interface RuleEntry {
  uri: string;
  env: { index: WorkspaceIndex; registry: SchemaRegistry; settings: Settings; docsBaseUri?: string; scopes?: RuleEnvironment['scopes'] };
  isPatch: boolean;
  /** registry.schemaToken of the resource (rules read typed nodes from its schema). */
  schemaToken: number;
  startLine: number;
  /** The line above the document: a suppression comment there applies to its first line. */
  lineAbove: string;
  /** Lookups (see `dependencyKey`), each followed by its version when the rules ran. */
  dependencies: Dependencies;
  diagnostics: Diagnostic[];
}

const ruleCache = new WeakMap<ParsedDocument, RuleEntry>();
const kindVersions = new WeakMap<WorkspaceIndex, KindVersions>();

function versionsOf(index: WorkspaceIndex): KindVersions {
  let versions = kindVersions.get(index);
  if (!versions) kindVersions.set(index, (versions = new KindVersions(index)));
  versions.sync();
  return versions;
}

/** The lookups in `keys` with their current versions and fingerprints from `uri`'s scope (to keep next to findings computed now). */
export function recordedVersions(index: WorkspaceIndex, keys: Set<string>, uri: string, scopes: ScopeModel | undefined): Dependencies {
  return versionsOf(index).record(keys, uri, scopes);
}

/** Whether every lookup recorded in `dependencies` would still give `uri`'s scope the same resources. */
export function dependenciesUnchanged(index: WorkspaceIndex, dependencies: Dependencies, uri: string, scopes: ScopeModel | undefined): boolean {
  return dependencies.length === 0 || versionsOf(index).unchanged(dependencies, uri, scopes);
}

/** `versions`: versionsOf(env.index), synced for this check. */
function cachedRuleDiagnostics(uri: string, file: ParsedFile, env: RuleEnvironment, versions: KindVersions, isPatch: boolean, dependsOn: Set<string> | undefined, reuse: Reuse): Diagnostic[] {
  if (!file.isKubernetes || file.isTemplate) return [];
  const rules = rulesFor(isPatch);
  const recorder = recorderFor(env.index);
  const recordingEnv: RuleEnvironment = { ...env, index: recorder.index };
  let entryEnv: RuleEntry['env'] | undefined;
  const out: Diagnostic[] = [];
  const documents = file.documents;
  for (let k = 0; k < documents.length; k++) {
    // Documents the engine skips (no resource, syntax errors) have no findings.
    if ((roleAt(reuse, documents, k) & CHECKED) === 0) continue;
    const document = documents[k];
    const resource = document.resource!;
    // Known valid (OpenFileMemo), unless its findings, whose messages may quote line numbers, moved.
    if (reuse.flags[k] === 1) {
      const kept = reuse.rules[k];
      if (kept && (kept.diagnostics.length === 0 || kept.startLine === startLineOf(file, document))) {
        if (kept.diagnostics.length > 0) out.push(...kept.diagnostics);
        continue;
      }
    }
    const cached = ruleCache.get(document);
    const startLine = startLineOf(file, document);
    const schemaToken = env.registry.schemaToken(resource.apiVersion, resource.kind);
    if (
      cached &&
      cached.uri === uri &&
      cached.schemaToken === schemaToken &&
      cached.env.index === env.index &&
      cached.env.registry === env.registry &&
      cached.env.settings === env.settings &&
      cached.env.docsBaseUri === env.docsBaseUri &&
      cached.env.scopes === env.scopes &&
      cached.isPatch === isPatch &&
      (cached.diagnostics.length === 0 || (cached.startLine === startLine && cached.lineAbove === lineText(file, startLine - 1))) &&
      versions.unchanged(cached.dependencies, uri, env.scopes)
    ) {
      if (cached.diagnostics.length > 0) out.push(...cached.diagnostics);
      if (dependsOn) for (let i = 0; i < cached.dependencies.length; i += STRIDE) dependsOn.add(cached.dependencies[i] as string);
      if (reuse !== NO_REUSE) reuse.rules[k] = cached;
      continue;
    }
    const looked = new Set<string>();
    recorder.looked = looked;
    const diagnostics: Diagnostic[] = [];
    documentRuleDiagnostics(uri, file, document, recordingEnv, rules, diagnostics);
    if (dependsOn) for (const key of looked) dependsOn.add(key);
    // A finding placed outside its own document (on a resource it refers to) could move without
    // this document changing: such results are not cached.
    if (diagnostics.length > 0 && outsideDocument(file, document, startLine, diagnostics)) {
      ruleCache.delete(document);
      if (reuse !== NO_REUSE) reuse.rules[k] = undefined;
      out.push(...diagnostics);
      continue;
    }
    // An exact-length flat array, and one environment record per pass: a rule entry is kept for every document.
    const dependencies = versions.record(looked, uri, env.scopes);
    const entry: RuleEntry = {
      uri,
      env: (entryEnv ??= { index: env.index, registry: env.registry, settings: env.settings, docsBaseUri: env.docsBaseUri, scopes: env.scopes }),
      isPatch,
      schemaToken,
      startLine,
      // Copied: a slice would keep this whole version of the text alive as long as the entry.
      lineAbove: detached(lineText(file, startLine - 1)),
      dependencies,
      diagnostics: nonEmpty(diagnostics),
    };
    ruleCache.set(document, entry);
    if (reuse !== NO_REUSE) reuse.rules[k] = entry;
    if (diagnostics.length > 0) out.push(...diagnostics);
  }
  return out;
}

function outsideDocument(file: ParsedFile, document: ParsedDocument, startLine: number, diagnostics: Diagnostic[]): boolean {
  const endLine = file.lineCounter.linePos(document.end).line - 1;
  return diagnostics.some((d) => d.range.start.line < startLine || d.range.end.line > endLine);
}

function lineText(file: ParsedFile, line: number): string {
  if (line < 0) return '';
  const starts = file.lineCounter.lineStarts;
  return file.text.slice(starts[line], starts[line + 1] ?? file.text.length);
}

/**
 * A lookup a rule made: a kind ('*' for anything), a kind's resources of one name
 * (`kind NUL name`), or whether a kind exists at all (`kind SOH`).
 */
function dependencyKey(kind: string, name?: string): string {
  return name === undefined ? kind : `${kind}\u0000${name}`;
}
const EXISTS = '\u0001';

/**
 * The lookups (see dependencyKey) whose answers an index step may have changed, from the keys it
 * changed (WorkspaceIndex.changedSince: kinds and kinds' names): those, each kind's existence, and '*'.
 */
function forEachAffectedLookup(changed: Set<string>, visit: (lookup: string) => void): void {
  visit('*');
  for (const key of changed) {
    visit(key);
    if (!key.includes('\u0000')) visit(key + EXISTS);
  }
}

/** The index as rules see it, noting in `looked` what they look up (see dependencyKey). */
interface Recorder {
  index: WorkspaceIndex;
  looked: Set<string>;
}

const recorders = new WeakMap<WorkspaceIndex, Recorder>();

/** One recording view per index, pointed at each document's `looked` set in turn (not a proxy per document). */
function recorderFor(index: WorkspaceIndex): Recorder {
  let recorder = recorders.get(index);
  if (recorder) return recorder;
  // The wrapper of each method, made once (remade if the property's value ever changes).
  const wrappers = new Map<PropertyKey, { value: unknown; wrapper: unknown }>();
  const record = (property: PropertyKey, args: unknown[]): void => {
    const looked = recorder!.looked;
    switch (property) {
      case 'ofKind':
        looked.add(String(args[0]));
        break;
      case 'hasKind':
        looked.add(String(args[0]) + EXISTS);
        break;
      case 'find':
      case 'named':
        looked.add(dependencyKey(String(args[0]), String(args[1])));
        break;
      case 'entryFor': {
        // The entry of the resource itself: it changes only with the resources of its kind and name.
        const resource = args[0] as Resource;
        looked.add(dependencyKey(kindIdOf(resource.apiVersion, resource.kind), resource.name ?? ''));
        break;
      }
      case 'namespaceOf':
        break; // depends on the settings only
      default:
        looked.add('*');
    }
  };
  const proxy = new Proxy(index, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') {
        recorder!.looked.add('*');
        return value;
      }
      const known = wrappers.get(property);
      if (known && known.value === value) return known.wrapper;
      const wrapper = (...args: unknown[]) => {
        record(property, args);
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
      wrappers.set(property, { value, wrapper });
      return wrapper;
    },
  });
  recorder = { index: proxy, looked: new Set() };
  recorders.set(index, recorder);
  return recorder;
}

/**
 * What the last check of an open document leaves for the next one. An edit re-parses only the
 * documents it touches and keeps the other document objects (parse/incremental.ts); their cached
 * findings still hold when the environment is the same and no lookup their rules made changed (the
 * index says which keys each step changed). Those documents are then taken as they are, without
 * checking each one's lookups: an edit of one resource in a 2,500-resource file costs what that
 * resource and the few that look it up cost, not a pass over all 2,500.
 */
export class OpenFileMemo {
  private documents: readonly ParsedDocument[] = [];
  /** The documents' roles and cache entries, by index. */
  private roles: Uint8Array = new Uint8Array(0);
  private schema: Array<SchemaEntry | undefined> = [];
  private rules: Array<RuleEntry | undefined> = [];
  private generation = -1;
  private env: { index: WorkspaceIndex; registry: SchemaRegistry; customSchemas: number; settings: Settings; docsBaseUri?: string; scopes?: ScopeModel; isPatch: boolean } | undefined;
  /** Per lookup key, the documents whose cached rule findings depend on it. */
  private readonly dependents = new Map<string, Set<ParsedDocument>>();
  /** Per document, the keys it is filed under in `dependents`. */
  private readonly keysOf = new Map<ParsedDocument, readonly string[]>();

  /** What the check of `file` may take from the last one. Call after the index is synced. */
  reuse(file: ParsedFile, env: RuleEnvironment, isPatch: boolean): Reuse {
    const documents = file.documents;
    const n = documents.length;
    const reuse: Reuse = { flags: new Uint8Array(n), roles: new Uint8Array(n), schema: new Array(n), rules: new Array(n) };
    const previous = this.documents;
    const roles = reuse.roles;
    const sameCount = previous.length === n;
    for (let k = 0; k < n; k++) roles[k] = sameCount && documents[k] === previous[k] ? this.roles[k] : roleOf(documents[k]);
    const last = this.env;
    if (
      !last ||
      !sameCount ||
      last.index !== env.index ||
      last.registry !== env.registry ||
      last.customSchemas !== env.registry.customSchemasVersion() ||
      last.settings !== env.settings ||
      last.docsBaseUri !== env.docsBaseUri ||
      last.scopes !== env.scopes ||
      last.isPatch !== isPatch
    ) {
      return reuse;
    }
    const changed = env.index.changedSince(this.generation);
    if (!changed) return reuse;
    const flags = reuse.flags;
    for (let k = 0; k < n; k++) {
      if (documents[k] !== previous[k]) continue;
      flags[k] = 1;
      reuse.schema[k] = this.schema[k];
      reuse.rules[k] = this.rules[k];
    }
    // The line above a document (a suppression comment for its first line) is its neighbour's
    // last: the neighbours of a re-parsed document get the per-document check (RuleEntry.lineAbove).
    for (let k = 0; k < n; k++) {
      if (documents[k] === previous[k]) continue;
      if (k > 0) flags[k - 1] = 0;
      if (k + 1 < n) flags[k + 1] = 0;
    }
    if (changed.size > 0) forEachAffectedLookup(changed, (lookup) => this.invalidate(flags, lookup));
    return reuse;
  }

  private invalidate(flags: Uint8Array, key: string): void {
    const documents = this.dependents.get(key);
    if (documents) for (const document of documents) flags[document.index] = 0;
  }

  /** Records the check of `file` that `reuse` was made for (and filled). */
  checked(file: ParsedFile, env: RuleEnvironment, isPatch: boolean, reuse: Reuse): void {
    const documents = file.documents;
    const previous = this.documents;
    const flags = reuse.flags;
    const trusted = flags.includes(1);
    if (!trusted) {
      this.dependents.clear();
      this.keysOf.clear();
    }
    for (let k = 0; k < documents.length; k++) {
      if (flags[k] === 1) continue;
      const document = documents[k];
      if (trusted && previous[k] !== undefined && previous[k] !== document) this.forget(previous[k]);
      this.forget(document);
      const dependencies = reuse.rules[k]?.dependencies;
      if (!dependencies || dependencies.length === 0) continue;
      const keys: string[] = [];
      for (let i = 0; i < dependencies.length; i += STRIDE) {
        const key = dependencies[i] as string;
        keys.push(key);
        let set = this.dependents.get(key);
        if (!set) this.dependents.set(key, (set = new Set()));
        set.add(document);
      }
      this.keysOf.set(document, keys);
    }
    this.documents = documents;
    this.roles = reuse.roles;
    this.schema = reuse.schema;
    this.rules = reuse.rules;
    this.generation = env.index.generation;
    this.env = { index: env.index, registry: env.registry, customSchemas: env.registry.customSchemasVersion(), settings: env.settings, docsBaseUri: env.docsBaseUri, scopes: env.scopes, isPatch };
  }

  private forget(document: ParsedDocument): void {
    const keys = this.keysOf.get(document);
    if (!keys) return;
    for (const key of keys) this.dependents.get(key)?.delete(document);
    this.keysOf.delete(document);
  }
}

/**
 * A version per lookup (see dependencyKey) that changes whenever the index's resources it gives are
 * not the same objects as before (a document of that kind was added, removed, renamed or edited);
 * an existence lookup changes only when the kind appears or disappears.
 */
class KindVersions {
  private generation = -1;
  /** A snapshot read before this generation is stale: every lookup is read again (after a rebuild). */
  private validFrom = 0;
  /** Per lookup: its entries when last read, their version, and the generation it was read at (-1: changed since). */
  private readonly snapshots = new Map<string, { entries: IndexedResource[]; version: number; readAt: number }>();
  private counter = 0;

  constructor(private readonly index: WorkspaceIndex) {}

  /** Brings the index up to date; versions are then per index generation (call once per pass). */
  sync(): void {
    this.index.refresh();
    if (this.index.generation !== this.generation) {
      // After an edit only the lookups of the changed entries' kinds and names are read again.
      const changed = this.generation < 0 ? undefined : this.index.changedSince(this.generation);
      if (!changed) this.validFrom = this.index.generation;
      else forEachAffectedLookup(changed, (lookup) => this.stale(lookup));
      this.generation = this.index.generation;
    }
  }

  private stale(key: string): void {
    const snapshot = this.snapshots.get(key);
    if (snapshot) snapshot.readAt = -1;
  }

  version(kind: string): number {
    // One map lookup on the hot path: every dependency of every document is checked per pass.
    const snapshot = this.snapshots.get(kind);
    if (snapshot !== undefined && snapshot.readAt >= this.validFrom) return snapshot.version;
    const entries = this.entriesOf(kind);
    if (snapshot !== undefined && sameEntries(snapshot.entries, entries)) {
      snapshot.readAt = this.generation;
      return snapshot.version;
    }
    const version = ++this.counter;
    this.snapshots.set(kind, { entries, version, readAt: this.generation });
    return version;
  }

  private entriesOf(key: string): IndexedResource[] {
    if (key === '*') return this.index.all();
    // While the kind exists, one stand-in entry, the same object every time.
    if (key.endsWith(EXISTS)) return this.index.hasKind(key.slice(0, -1)) ? EXISTS_ENTRIES : [];
    const separator = key.indexOf('\u0000');
    return separator < 0 ? this.index.ofKind(key) : this.index.named(key.slice(0, separator), key.slice(separator + 1));
  }

  /** The lookups with their versions and, with a scope model, what `uri`'s scope sees of each (Dependencies). */
  record(keys: Set<string>, uri: string, scopes: ScopeModel | undefined): Dependencies {
    // An exact-length flat array: one is kept per document and per file.
    const out: Dependencies = new Array(keys.size * STRIDE);
    let at = 0;
    for (const key of keys) {
      out[at++] = key;
      out[at++] = this.version(key);
      out[at++] = scopes ? this.fingerprint(key, uri, scopes) : NO_FINGERPRINT;
    }
    return out;
  }

  /**
   * Whether each lookup still gives the same resources. A lookup whose version moved (a resource of
   * that name was added anywhere) still counts as unchanged when what `uri`'s scope sees of it is the
   * same (the resource is in another application); its recorded version is then brought forward, so
   * the next check takes the quick path.
   */
  unchanged(dependencies: Dependencies, uri: string, scopes: ScopeModel | undefined): boolean {
    for (let i = 0; i < dependencies.length; i += STRIDE) {
      const key = dependencies[i] as string;
      const version = this.version(key);
      if (version === dependencies[i + 1]) continue;
      const recorded = dependencies[i + 2];
      if (recorded === NO_FINGERPRINT || !scopes || this.fingerprint(key, uri, scopes) !== recorded) return false;
      dependencies[i + 1] = version;
    }
    return true;
  }

  /**
   * What `uri`'s scope sees of a lookup by name, as a number. Other lookups get NO_FINGERPRINT: a
   * whole kind's bucket changes with every file the scan adds, and scoping it each time would cost
   * more than the re-checks it saves.
   */
  private fingerprint(key: string, uri: string, scopes: ScopeModel): number {
    const separator = key.indexOf('\u0000');
    if (separator < 0) return NO_FINGERPRINT;
    const bucket = this.index.named(key.slice(0, separator), key.slice(separator + 1));
    // The common answers need no scoping: nothing of that name, or only the file's own resource.
    if (bucket.length === 0 || (bucket.length === 1 && bucket[0].uri === uri)) return fingerprintOf(bucket);
    return fingerprintOf(scopes.inScopeNearestFirst(uri, bucket));
  }
}

/** Entries are replaced, never changed, when their file changes: an id per object stands for its content. */
const entryIds = new WeakMap<IndexedResource, number>();
let lastEntryId = 0;
/** Scoped lists are cached arrays (ScopeModel.inScopeNearestFirst): their fingerprint is computed once. */
const listFingerprints = new WeakMap<readonly IndexedResource[], number>();

/** Two 32-bit hashes of the entries' ids in order, in one non-negative 53-bit number. */
function fingerprintOf(list: readonly IndexedResource[]): number {
  const known = listFingerprints.get(list);
  if (known !== undefined) return known;
  let a = 0x811c9dc5;
  let b = list.length;
  for (const entry of list) {
    let id = entryIds.get(entry);
    if (id === undefined) entryIds.set(entry, (id = ++lastEntryId));
    a = Math.imul(a ^ id, 0x01000193);
    b = Math.imul(b + id, 0x9e3779b1) ^ (b >>> 15);
  }
  const fingerprint = (a >>> 0) * 2 ** 21 + ((b >>> 0) >>> 11);
  listFingerprints.set(list, fingerprint);
  return fingerprint;
}

const EXISTS_ENTRIES = [{ resource: undefined, uri: '', name: '', namespace: '' }] as unknown as IndexedResource[];

function sameEntries(a: IndexedResource[], b: IndexedResource[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x.resource !== y.resource || x.uri !== y.uri || x.name !== y.name || x.namespace !== y.namespace) return false;
  }
  return true;
}

function byPosition(a: Diagnostic, b: Diagnostic): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}
