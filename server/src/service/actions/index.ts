// Code actions: quick fixes keyed on diagnostic codes (rule ids), and refactors at a position.
import type { CodeAction, Range } from 'vscode-languageserver-types';
import type { DocumentStore } from '../documents';
import { offsetAt } from '../parse/positions';
import type { Settings } from '../settings';
import type { Diagnostic, ParsedFile } from '../types';
import type { WorkspaceIndex } from '../workspace';
import { addReferencedKey } from './addReferencedKey';
import { addVolume } from './addVolume';
import { createHeadlessService } from './createHeadlessService';
import { documentAt } from './edits';
import { makeServiceHeadless } from './makeServiceHeadless';
import { quantitySuffix } from './quantitySuffix';
import { quoteValue } from './quoteValue';
import { renameField } from './renameField';
import { replaceApiVersion } from './replaceApiVersion';
import { convertSecretData, moveSecretEntry } from './secretRefactors';
import { secretTypeKeys } from './secretTypeKeys';
import { selectorFromTemplate } from './selectorFromTemplate';
import { serviceSelectorFromTemplate } from './serviceSelectorFromTemplate';
import { stripTrailingNewline } from './stripTrailingNewline';
import type { ActionContext, QuickFix, Refactor } from './types';

export const QUICK_FIXES: QuickFix[] = [
  createHeadlessService,
  makeServiceHeadless,
  serviceSelectorFromTemplate,
  selectorFromTemplate,
  replaceApiVersion,
  quantitySuffix,
  addVolume,
  addReferencedKey,
  stripTrailingNewline,
  secretTypeKeys,
  quoteValue,
  renameField,
];

export const REFACTORS: Refactor[] = [convertSecretData, moveSecretEntry];

export interface CodeActionRequest {
  uri: string;
  file: ParsedFile;
  range: Range;
  /** The diagnostics the client sends along (those overlapping the range). */
  diagnostics: Diagnostic[];
  /** Kinds the client asked for (`quickfix`, `refactor`...); all when omitted. */
  only?: string[];
  index: WorkspaceIndex;
  documents: DocumentStore;
  settings: Settings;
}

export function codeActions(request: CodeActionRequest): CodeAction[] {
  const { file, range } = request;
  // Files over the size limit get syntax checks only; edits computed over them (a Secret refactor
  // decodes and re-encodes every value) would cost hundreds of MB for a fix nobody was offered.
  if (!file.isKubernetes || file.isTemplate || file.limited) return [];
  const start = offsetAt(file.lineCounter, file.text, range.start);
  const end = offsetAt(file.lineCounter, file.text, range.end);
  const context: ActionContext = { ...request, start, end };
  const wants = (kind: string) => !request.only || request.only.some((o) => kind === o || kind.startsWith(`${o}.`));
  const out: CodeAction[] = [];
  if (wants('quickfix')) {
    for (const diagnostic of request.diagnostics) {
      const diagnosticStart = offsetAt(file.lineCounter, file.text, diagnostic.range.start);
      const diagnosticEnd = offsetAt(file.lineCounter, file.text, diagnostic.range.end);
      const document = documentAt(file, diagnosticStart);
      if (!document) continue;
      for (const fix of QUICK_FIXES) {
        if (!fix.codes.includes(String(diagnostic.code)) || (fix.matches && !fix.matches(diagnostic))) continue;
        try {
          out.push(...fix.provide({ ...context, diagnostic, diagnosticStart, diagnosticEnd, document }));
        } catch {
          // A fix that cannot work out its edit offers nothing rather than failing the request.
        }
      }
    }
  }
  dedupe(out);
  for (const refactor of REFACTORS) {
    try {
      out.push(...refactor.provide(context).filter((a) => wants(a.kind ?? '')));
    } catch {
      // As above: no refactor is better than a failed request.
    }
  }
  return out;
}

/** Several diagnostics can call for the same edit (one per unmet selector label): offer it once. */
function dedupe(actions: CodeAction[]): void {
  const seen = new Map<string, CodeAction>();
  for (let i = 0; i < actions.length; i++) {
    const id = `${actions[i].title}|${JSON.stringify(actions[i].edit)}`;
    const first = seen.get(id);
    if (!first) {
      seen.set(id, actions[i]);
      continue;
    }
    first.diagnostics = [...(first.diagnostics ?? []), ...(actions[i].diagnostics ?? [])];
    actions.splice(i--, 1);
  }
}
