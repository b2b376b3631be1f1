// The transport-free language service: one facade over the feature modules.
// The LSP server and the CLI are thin layers around it.
import type { Diagnostic } from './types';
import { fileDiagnostics } from './diagnostics/fileDiagnostics';
import { DocumentStore } from './documents';
import { SchemaRegistry } from './schema/registry';

export interface LanguageServiceOptions {
  /** Folder holding the generated schemas (index.json and one file per kind). */
  schemaDir: string;
}

export interface LanguageService {
  readonly registry: SchemaRegistry;
  /** Adds or replaces a document's text; unsaved editor text wins over disk by calling this last. */
  setDocument(uri: string, text: string, version?: number): void;
  removeDocument(uri: string): void;
  hasDocument(uri: string): boolean;
  documentVersion(uri: string): number | undefined;
  getDiagnostics(uri: string): Diagnostic[];
}

export function createLanguageService(options: LanguageServiceOptions): LanguageService {
  const registry = new SchemaRegistry(options.schemaDir);
  const documents = new DocumentStore();
  return {
    registry,
    setDocument: (uri, text, version = 0) => documents.set(uri, text, version),
    removeDocument: (uri) => documents.delete(uri),
    hasDocument: (uri) => documents.has(uri),
    documentVersion: (uri) => documents.version(uri),
    getDiagnostics(uri) {
      const file = documents.parsed(uri);
      return file ? fileDiagnostics(file, registry) : [];
    },
  };
}

export type { Diagnostic };
