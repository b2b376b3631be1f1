// Test helpers for position-based features: a text with a cursor marker (‸) becomes the text and
// an LSP position; completion and hover run through the real language service.
import type { CompletionItem, CompletionList, Hover, Position } from 'vscode-languageserver-types';
import { testService } from './service';

export const CURSOR = '‸';

export function withCursor(marked: string): { text: string; position: Position } {
  const at = marked.indexOf(CURSOR);
  if (at < 0 || marked.indexOf(CURSOR, at + 1) >= 0) throw new Error('mark exactly one cursor with ‸');
  const text = marked.slice(0, at) + marked.slice(at + CURSOR.length);
  const before = text.slice(0, at).split('\n');
  return { text, position: { line: before.length - 1, character: before[before.length - 1].length } };
}

let counter = 0;

function withDocument<T>(text: string, run: (uri: string) => T): T {
  const service = testService();
  const uri = `file:///test/cursor-${++counter}.yaml`;
  service.setDocument(uri, text, 1);
  try {
    return run(uri);
  } finally {
    service.removeDocument(uri);
  }
}

export function completionsAt(marked: string, triggerCharacter?: string): CompletionList {
  const { text, position } = withCursor(marked);
  return withDocument(text, (uri) => testService().getCompletions(uri, position, { triggerCharacter }));
}

export function labels(list: CompletionList): string[] {
  return list.items.map((i) => i.label);
}

export function item(list: CompletionList, label: string): CompletionItem {
  const found = list.items.find((i) => i.label === label);
  if (!found) throw new Error(`no completion "${label}" among ${labels(list).join(', ')}`);
  return found;
}

/** The text an item inserts (its textEdit's newText). */
export function insertText(i: CompletionItem): string {
  const edit = i.textEdit;
  if (!edit) return i.insertText ?? i.label;
  return edit.newText;
}

/** Applies an item to the document the way an editor does (snippet syntax stripped), returning the new text. */
export function applyCompletion(marked: string, i: CompletionItem): string {
  const { text } = withCursor(marked);
  const lines = text.split('\n');
  const offset = (p: Position) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  const edits = [...(i.additionalTextEdits ?? [])];
  const main = i.textEdit as { range: { start: Position; end: Position }; newText: string };
  edits.push({ range: main.range, newText: stripSnippet(main.newText) });
  let out = text;
  for (const edit of edits.sort((a, b) => offset(b.range.start) - offset(a.range.start))) {
    out = out.slice(0, offset(edit.range.start)) + edit.newText + out.slice(offset(edit.range.end));
  }
  return out;
}

/** Snippet syntax to what it inserts by default: `${1:x}` -> x, `${1|a,b|}` -> a, `$1` -> ''. */
export function stripSnippet(snippet: string): string {
  return snippet
    .replace(/\$\{\d+\|((?:[^,|\\]|\\.)*)[^}]*\|\}/g, '$1')
    .replace(/\$\{\d+:((?:[^}\\]|\\.)*)\}/g, '$1')
    .replace(/\$\d+/g, '')
    .replace(/\\([$}\\,|])/g, '$1');
}

/** Hover at the `occurrence`-th match of `needle`, `delta` characters into it. */
export function hoverAt(text: string, needle: string, delta = 1, occurrence = 0): Hover | null {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" not found`);
  }
  const before = text.slice(0, at + delta).split('\n');
  const position = { line: before.length - 1, character: before[before.length - 1].length };
  return withDocument(text, (uri) => testService().getHover(uri, position));
}

export function hoverText(h: Hover | null): string {
  if (!h) return '';
  const c = h.contents as { value?: string } | string;
  return typeof c === 'string' ? c : c.value ?? '';
}
