// What a code action provider sees, and the two shapes of providers: quick fixes keyed on a
// diagnostic's code (the rule id), and refactors offered at a position.
import type { CodeAction, Range } from 'vscode-languageserver-types';
import type { DocumentStore } from '../documents';
import type { Settings } from '../settings';
import type { Diagnostic, ParsedDocument, ParsedFile } from '../types';
import type { WorkspaceIndex } from '../workspace';

export interface ActionContext {
  uri: string;
  file: ParsedFile;
  /** The range the client asked about, as offsets. */
  start: number;
  end: number;
  range: Range;
  index: WorkspaceIndex;
  documents: DocumentStore;
  settings: Settings;
}

export interface FixContext extends ActionContext {
  diagnostic: Diagnostic;
  /** Offsets of the diagnostic's range in the file. */
  diagnosticStart: number;
  diagnosticEnd: number;
  /** The `---` document the diagnostic is in. */
  document: ParsedDocument;
}

export interface QuickFix {
  /** Diagnostic codes (rule ids) this fix answers. */
  codes: string[];
  /** Extra filter on the message, for shared codes such as `schema`. */
  matches?(diagnostic: Diagnostic): boolean;
  provide(context: FixContext): CodeAction[];
}

export interface Refactor {
  provide(context: ActionContext): CodeAction[];
}

/** The diagnostic's `data` as a record (rules put what a fix needs there). */
export function dataOf(diagnostic: Diagnostic): Record<string, unknown> {
  return diagnostic.data && typeof diagnostic.data === 'object' ? (diagnostic.data as Record<string, unknown>) : {};
}
