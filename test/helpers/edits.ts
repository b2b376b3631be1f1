// Applying LSP text edits and workspace edits to plain strings, for code action tests.
import type { Position, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';

function offsetOf(text: string, position: Position): number {
  let line = 0;
  let at = 0;
  while (line < position.line) {
    const next = text.indexOf('\n', at);
    if (next < 0) return text.length;
    at = next + 1;
    line++;
  }
  const lineEnd = text.indexOf('\n', at);
  return Math.min(at + position.character, lineEnd < 0 ? text.length : lineEnd);
}

/** Applies non-overlapping edits (as LSP requires; overlapping ones throw). */
export function applyTextEdits(text: string, edits: TextEdit[]): string {
  const spans = edits
    .map((e, i) => ({ start: offsetOf(text, e.range.start), end: offsetOf(text, e.range.end), newText: e.newText, i }))
    .sort((a, b) => a.start - b.start || a.i - b.i);
  for (let i = 1; i < spans.length; i++) {
    if (spans[i].start < spans[i - 1].end) throw new Error(`overlapping edits: ${JSON.stringify(spans[i - 1])} and ${JSON.stringify(spans[i])}`);
  }
  let out = '';
  let at = 0;
  for (const span of spans) {
    out += text.slice(at, span.start) + span.newText;
    at = span.end;
  }
  return out + text.slice(at);
}

/** The new text of every file a workspace edit touches. */
export function applyWorkspaceEdit(edit: WorkspaceEdit, textOf: (uri: string) => string): Map<string, string> {
  const out = new Map<string, string>();
  for (const [uri, edits] of Object.entries(edit.changes ?? {})) out.set(uri, applyTextEdits(textOf(uri), edits));
  return out;
}
