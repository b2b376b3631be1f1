// Shared shapes of the language service. LSP *types* are plain data and are reused here;
// nothing in service/ knows about the LSP transport.
import type { Document, LineCounter, Node as YamlNode, YAMLMap } from 'yaml';
import type { Diagnostic as LspDiagnostic, Range } from 'vscode-languageserver-types';

/** LSP 3.18 allows Markdown messages; ours are always plain strings, which every client shows. */
export type Diagnostic = Omit<LspDiagnostic, 'message'> & { message: string };
export type { Range };

/** One `---` document of a file. */
export interface ParsedDocument {
  /** Index of this document inside its file. */
  index: number;
  /** The document's AST. Reading it brings its offsets up to date (a kept document moves lazily: parse/parseFile.ts). */
  yaml: Document.Parsed;
  /** yaml.errors.length and yaml.warnings.length, read without moving the document's nodes. */
  readonly errorCount: number;
  readonly warningCount: number;
  /** Offsets of the whole document in the file text, [start, end). */
  start: number;
  end: number;
  /** Set when the document is a Kubernetes resource (a map with apiVersion and kind). */
  resource?: Resource;
}

/** A Kubernetes resource, as far as its identity goes, with the AST to find ranges in. */
export interface Resource {
  apiVersion: string;
  kind: string;
  name?: string;
  namespace?: string;
  /** The document's top-level map. */
  root: YAMLMap;
  document: ParsedDocument;
}

export interface ParsedFile {
  text: string;
  lineCounter: LineCounter;
  documents: ParsedDocument[];
  /** True when the file looks like Kubernetes YAML (any document has apiVersion/kind). */
  isKubernetes: boolean;
  /** True for Helm/Go templates, which are not YAML until rendered. */
  isTemplate: boolean;
  /** Set when the file is over `maxFileSize`: checked for syntax only, or (far over) not parsed at all. */
  limited?: { mode: 'syntax-only' | 'skipped'; size: number; limit: number };
}

export type { YamlNode };
