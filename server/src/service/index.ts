// The transport-free language service: one facade over the feature modules.
// The LSP server and the CLI are thin layers around it.
import { fileDiagnostics } from './diagnostics/fileDiagnostics';
import { DocumentStore } from './documents';
import { computePreview, type PreviewModel, type PreviewOptions } from './preview';
import type { RuleEnvironment } from './rules/engine';
import { SchemaRegistry } from './schema/registry';
import { DEFAULT_SETTINGS, normalizeSettings, type Settings } from './settings';
import type { Diagnostic } from './types';
import { WorkspaceIndex } from './workspace';

export interface LanguageServiceOptions {
  /** Folder holding the generated schemas (index.json and one file per kind). */
  schemaDir: string;
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
  /** Adds or replaces a document's text; unsaved editor text wins over disk by calling this last. */
  setDocument(uri: string, text: string, version?: number): void;
  removeDocument(uri: string): void;
  hasDocument(uri: string): boolean;
  documentVersion(uri: string): number | undefined;
  getDiagnostics(uri: string): Diagnostic[];
  /** The Stateful Preview of every StatefulSet in the workspace (active file first). */
  getPreview(options?: PreviewOptions): PreviewModel;
}

export function createLanguageService(options: LanguageServiceOptions): LanguageService {
  const registry = new SchemaRegistry(options.schemaDir);
  const documents = new DocumentStore();
  let settings: Settings = DEFAULT_SETTINGS;
  const index = new WorkspaceIndex(documents, () => settings);
  const env = (): RuleEnvironment => ({ index, registry, settings, docsBaseUri: options.docsBaseUri });
  return {
    registry,
    index,
    documents,
    settings: () => settings,
    configure(input) {
      settings = normalizeSettings(input);
    },
    setDocument: (uri, text, version = 0) => documents.set(uri, text, version),
    removeDocument: (uri) => documents.delete(uri),
    hasDocument: (uri) => documents.has(uri),
    documentVersion: (uri) => documents.version(uri),
    getDiagnostics(uri) {
      const file = documents.parsed(uri);
      return file ? fileDiagnostics(uri, file, env()) : [];
    },
    getPreview: (previewOptions) => computePreview({ ...env(), documents }, previewOptions),
  };
}

export type { Diagnostic, Settings };
