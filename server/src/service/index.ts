// The transport-free language service: one facade over the feature modules.
// The LSP server and the CLI are thin layers around it.
import type { CodeAction, Range } from 'vscode-languageserver-types';
import { codeActions } from './actions';
import { fileDiagnostics, OpenFileMemo } from './diagnostics/fileDiagnostics';
import { FileFindings } from './diagnostics/fileFindings';
import { DocumentStore, type StoredText } from './documents';
import * as navigate from './navigate';
import { computePreview, previewHoverForResource, type PreviewModel, type PreviewOptions } from './preview';
import type { RuleEnvironment } from './rules/engine';
import { SchemaRegistry, type SchemaLoader } from './schema/registry';
import { DEFAULT_SETTINGS, normalizeSettings, type Settings } from './settings';
import type { Diagnostic, ParsedFile } from './types';
import type { Location, Position } from 'vscode-languageserver-types';
import { WorkspaceIndex } from './workspace';
import { secretValueLenses, type SecretValueLens } from './lens/secretLens';
import { kustomizePatchUris } from './workspace/kustomize';
import { scopeModelFor } from './scope/model';
import type { CompletionList, DocumentSymbol, FoldingRange, Hover } from 'vscode-languageserver-types';
import { complete, type CompletionOptions } from './complete/complete';
import { hover } from './hover/hover';
import { documentSymbols } from './symbols/outline';
import { foldingRanges } from './symbols/folding';
import { CrdCatalog, type CrdSource } from './crds/catalog';
import type { ResourceSnippet } from './complete/resourceSnippets';

export interface LanguageServiceOptions {
  /** Where the schemas come from: the host reads them (server/src/schemaFiles.ts reads the generated folder). */
  schemas: SchemaLoader;
  /** Whole-resource snippets (snippets/resources.json, read by the host) for completion where a document starts. */
  resourceSnippets?: readonly ResourceSnippet[];
  /** Base URI of the rule docs; diagnostics link to `<docsBaseUri>/<rule-id>.md`. */
  docsBaseUri?: string;
}

export interface LanguageService {
  readonly registry: SchemaRegistry;
  readonly index: WorkspaceIndex;
  readonly documents: DocumentStore;
  settings(): Settings;
  /** Accepts the `k8sStateful` configuration section (partial or malformed input falls back to defaults). */
  configure(settings: unknown): void;
  /**
   * Per-document settings from the host (the nearest `.k8s-stateful.yaml` above each file, as the
   * CLI reads them): the findings and fixes of a document use `settingsFor(uri)` when it returns
   * an object, else the `configure`d ones. Return the same object for the same settings: what is
   * derived from it is cached by identity.
   */
  configureDocuments(settingsFor: ((uri: string) => object | undefined) | undefined): void;
  /**
   * Adds or replaces a document's text. Documents are open (an editor holds them; their diagnostics
   * are published) unless `{ open: false }`; workspace files read from disk use `workspaceDocument`.
   */
  setDocument(uri: string, text: string, version?: number, options?: { open?: boolean }): void;
  /**
   * A workspace file's disk text, indexed for cross-file rules. Ignored (returns false) while the document is open: unsaved edits win.
   * `deferIndexing`: the workspace scan stores every text first (so the scope model is final), then
   * indexes and checks in batches with `indexAndCheck`; until then the file is not in the index.
   */
  workspaceDocument(uri: string, text: string, options?: { deferIndexing?: boolean }): boolean;
  /**
   * The scan is over: files stored with `deferIndexing` and not indexed yet are indexed on the next
   * lookup, or forgotten with `drop` (the user cancelled the scan: nothing more is read or parsed).
   */
  endDeferredIndexing(options?: { drop?: boolean }): void;
  /**
   * CustomResourceDefinition files named by the `k8sStateful.crds` setting (or `--crds`), read by the
   * host; they replace the previous set. CRDs among the documents count without this.
   */
  setCrdSources(sources: CrdSource[]): void;
  /** The editor closed the document: index `diskText` in its place when the file is on disk, else forget it. */
  closeDocument(uri: string, diskText?: string): void;
  removeDocument(uri: string): void;
  isOpen(uri: string): boolean;
  /** URIs of the open documents (the ones whose diagnostics a client shows). */
  openDocuments(): string[];
  hasDocument(uri: string): boolean;
  documentVersion(uri: string): number | undefined;
  /**
   * A document's diagnostics (open or closed: the same findings either way). Each file's last
   * findings are kept with what they depend on, so asking again re-checks only files whose text,
   * settings or looked-up resources changed; an unchanged answer is the same array object.
   */
  getDiagnostics(uri: string): Diagnostic[];
  /**
   * The findings kept for a document's current text if `text` is that text and they are still
   * current, without parsing anything; else undefined. (Opening a file the scan checked shows
   * them at once.)
   */
  keptDiagnostics(uri: string, text: string): Diagnostic[] | undefined;
  /**
   * Indexes these closed documents (the workspace scan's latest batch) and checks them against the
   * index as it now stands, parsing each once. Their findings are kept with what they looked up, so
   * getDiagnostics after the scan re-parses only the files whose lookups got new answers (a name
   * defined later in the walk, a CRD read later) instead of every file a second time.
   */
  indexAndCheck(uris: readonly string[]): void;
  /** URIs of the documents that are not open: workspace files read from disk. */
  closedDocuments(): string[];
  /** Go to definition from a reference (ConfigMap/Secret name or key, claimName, storageClassName, serviceName, volumeMount name...). */
  definition(uri: string, position: Position): Location[];
  /** Every use of the resource, key or volume at the position, across the workspace. */
  references(uri: string, position: Position, includeDeclaration: boolean): Location[];
  prepareRename(uri: string, position: Position): navigate.PrepareRenameResult;
  rename(uri: string, position: Position, newName: string): navigate.RenameResult;
  /** The Stateful Preview of every StatefulSet in the workspace (active file first). */
  getPreview(options?: PreviewOptions): PreviewModel;
  /** Quick fixes for the given diagnostics and refactors at the range (`only`: requested kinds). */
  getCodeActions(uri: string, range: Range, diagnostics: Diagnostic[], only?: string[]): CodeAction[];
  /** Where the Secret `data` values are and what they hold (never their decoded text). */
  getSecretLenses(uri: string): SecretValueLens[];
  /** Keys, values and whole resources for the cursor, from the schemas; works on half-typed YAML. */
  getCompletions(uri: string, position: Position, options?: CompletionOptions): CompletionList;
  /** Field documentation, or facts about the value (bytes of a quantity, a duration...), at the position. */
  getHover(uri: string, position: Position): Hover | null;
  /** One symbol per resource, with containers, volumes, claim templates, ports or keys as children. */
  getDocumentSymbols(uri: string): DocumentSymbol[];
  /**
   * One fold per resource plus nested blocks and comment runs (the outermost `rangeLimit` when
   * given); null for YAML that is not Kubernetes, so editors fold it by indentation.
   */
  getFoldingRanges(uri: string, rangeLimit?: number): FoldingRange[] | null;
}

export function createLanguageService(options: LanguageServiceOptions): LanguageService {
  const registry = new SchemaRegistry(options.schemas);
  const documents = new DocumentStore(DEFAULT_SETTINGS.maxFileSize);
  let settings: Settings = DEFAULT_SETTINGS;
  const index = new WorkspaceIndex(documents, () => settings);
  const crds = new CrdCatalog(index, documents, registry);
  registry.setCustomSchemas(crds);
  const isPatch = (uri: string) => kustomizePatchUris(documents).has(uri);
  let documentSettings: ((uri: string) => object | undefined) | undefined;
  const normalized = new WeakMap<object, Settings>();
  const settingsOf = (uri: string): Settings => {
    const input = documentSettings?.(uri);
    if (!input) return settings;
    let found = normalized.get(input);
    if (!found) normalized.set(input, (found = normalizeSettings(input)));
    return found;
  };
  const env = (uri?: string): RuleEnvironment => ({
    index,
    registry,
    settings: uri === undefined ? settings : settingsOf(uri),
    docsBaseUri: options.docsBaseUri,
    isPatch,
    scopes: scopeModelFor(documents, settings.scopes),
  });
  const findings = new FileFindings(index, registry);
  /** Per open document, what its last check leaves for the next (dropped when it closes). */
  const memos = new Map<string, OpenFileMemo>();
  /** Checks a document's text now and keeps the findings; `parsed`: a parse of that text already made. */
  const check = (stored: StoredText, ruleEnv: RuleEnvironment, parsed?: ParsedFile): Diagnostic[] => {
    const uri = stored.uri;
    // A closed file's parse is not kept for later: checking the workspace reads every file once.
    const file = stored.open ? documents.parsed(uri)! : parsed?.text === stored.text ? parsed : documents.parsedText(uri, stored.text, false);
    // An open document's findings are not kept: every edit is a new text, and its per-resource
    // rule results are cached already (fileDiagnostics); recording its lookups per edit would cost
    // more than they save.
    if (stored.open) {
      let memo = memos.get(uri);
      if (!memo) memos.set(uri, (memo = new OpenFileMemo()));
      return fileDiagnostics(uri, file, ruleEnv, undefined, memo);
    }
    const context = { settings: ruleEnv.settings, isPatch: isPatch(uri), scopes: ruleEnv.scopes };
    const looked = new Set<string>();
    return findings.keep(stored, context, looked, file, fileDiagnostics(uri, file, ruleEnv, looked));
  };
  const navigation = (): navigate.NavigationContext => ({ documents, index, scopes: scopeModelFor(documents, settings.scopes) });
  const offset = (uri: string, position: Position) => navigate.offsetIn({ documents, index }, uri, position);
  return {
    registry,
    index,
    documents,
    settings: () => settings,
    configure(input) {
      settings = normalizeSettings(input);
      documents.setMaxFileSize(settings.maxFileSize);
    },
    configureDocuments(settingsFor) {
      documentSettings = settingsFor;
    },
    setDocument(uri, text, version = 0, { open = true } = {}) {
      if (!open) memos.delete(uri);
      documents.set(uri, text, version, open);
    },
    workspaceDocument(uri, text, options) {
      if (documents.isOpen(uri)) return false;
      documents.set(uri, text, 0, false);
      if (options?.deferIndexing) index.deferIndexing(uri);
      return true;
    },
    endDeferredIndexing(options) {
      const left = index.endDeferral();
      if (options?.drop) for (const uri of left) if (!documents.isOpen(uri)) documents.delete(uri);
    },
    setCrdSources: (sources) => {
      crds.setSources(sources);
      index.setExternalCustomKinds(crds.externalKinds());
    },
    closeDocument(uri, diskText) {
      memos.delete(uri);
      if (diskText === undefined) documents.delete(uri);
      else documents.set(uri, diskText, 0, false);
    },
    removeDocument(uri) {
      memos.delete(uri);
      documents.delete(uri);
    },
    isOpen: (uri) => documents.isOpen(uri),
    openDocuments: () => documents.uris().filter((uri) => documents.isOpen(uri)),
    closedDocuments: () => documents.uris().filter((uri) => !documents.isOpen(uri)),
    hasDocument: (uri) => documents.has(uri),
    documentVersion: (uri) => documents.version(uri),
    getDiagnostics(uri) {
      const stored = documents.storedText(uri);
      if (!stored) return [];
      const ruleEnv = env(uri);
      const context = { settings: ruleEnv.settings, isPatch: isPatch(uri), scopes: ruleEnv.scopes };
      return (stored.open ? undefined : findings.current(stored, context)) ?? check(stored, ruleEnv);
    },
    indexAndCheck(uris) {
      const batch: Array<{ stored: StoredText; file: ParsedFile }> = [];
      for (const uri of uris) {
        const stored = documents.storedText(uri);
        if (!stored || stored.open) continue;
        const file = documents.parsedText(uri, stored.text, false);
        index.indexDocument(uri, file);
        batch.push({ stored, file });
      }
      for (const { stored, file } of batch) check(stored, env(stored.uri), file);
    },
    keptDiagnostics(uri, text) {
      const stored = documents.storedText(uri);
      if (!stored || stored.text !== text) return undefined;
      return findings.current(stored, { settings: settingsOf(uri), isPatch: isPatch(uri), scopes: scopeModelFor(documents, settings.scopes) });
    },
    definition: (uri, position) => navigate.definition(navigation(), uri, position),
    references: (uri, position, includeDeclaration) => navigate.references(navigation(), uri, position, includeDeclaration),
    prepareRename(uri, position) {
      const at = offset(uri, position);
      return at === undefined ? { error: 'unknown document' } : navigate.prepareRename(navigation(), uri, at);
    },
    rename(uri, position, newName) {
      const at = offset(uri, position);
      return at === undefined ? { error: 'unknown document' } : navigate.rename(navigation(), uri, at, newName);
    },
    getPreview: (previewOptions) => computePreview({ ...env(), documents }, previewOptions),
    getCodeActions(uri, range, diagnostics, only) {
      const file = documents.parsed(uri);
      return file ? codeActions({ uri, file, range, diagnostics, only, index, documents, settings: settingsOf(uri) }) : [];
    },
    getSecretLenses(uri) {
      const file = documents.parsed(uri);
      return file ? secretValueLenses(uri, file) : [];
    },
    getCompletions(uri, position, completionOptions) {
      const file = documents.parsed(uri);
      const workspace = { uri, index, defaultNamespace: settings.defaultNamespace, scopes: scopeModelFor(documents, settings.scopes) };
      return file ? complete(file, registry, position, { ...completionOptions, resourceSnippets: options.resourceSnippets }, workspace) : { isIncomplete: false, items: [] };
    },
    getHover(uri, position) {
      const file = documents.parsed(uri);
      return file ? hover(file, registry, position, (resource) => previewHoverForResource({ ...env(), documents }, resource)) : null;
    },
    getDocumentSymbols(uri) {
      const file = documents.parsed(uri);
      return file ? documentSymbols(file) : [];
    },
    getFoldingRanges(uri, rangeLimit) {
      const file = documents.parsed(uri);
      return file && file.isKubernetes ? foldingRanges(file, rangeLimit) : null;
    },
  };
}

export type { CrdSource, Diagnostic, Settings };
