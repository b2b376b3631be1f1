// Minimal text edits over the YAML AST for code actions: replace a node, insert entries into a map,
// delete an entry, append a document. New text follows the file's own style (indent width,
// whether `- ` items are indented under their key, CRLF or LF), and untouched text — comments
// included — is never rewritten.
import { isMap, isPair, isScalar, isSeq, stringify, type Document, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';
import type { TextEdit } from 'vscode-languageserver-types';
import { rangeOf } from '../parse/positions';
import type { ParsedDocument, ParsedFile } from '../types';

/** Thrown when the YAML around an edit is not shaped as expected (a list where a map belongs...): no fix is offered. */
export class NoObviousEdit extends Error {}

export interface FileStyle {
  eol: string;
  /** Spaces per nesting level. */
  indent: number;
  /** `key:\n  - item` (true) or `key:\n- item` (false). */
  indentSeq: boolean;
}

const styleCache = new WeakMap<ParsedFile, FileStyle>();

export function styleOf(file: ParsedFile): FileStyle {
  let style = styleCache.get(file);
  if (!style) {
    style = detectStyle(file.text);
    styleCache.set(file, style);
  }
  return style;
}

function detectStyle(text: string): FileStyle {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(/\r?\n/);
  let indent = 0;
  let indentSeq: boolean | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const trimmed = line.trimStart();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const lead = line.length - trimmed.length;
    if (lead > 0 && (indent === 0 || lead < indent) && !trimmed.startsWith('- ')) indent = lead;
    // `key:` with nothing after it, followed by a sequence item: how are items indented?
    if (indentSeq === undefined && /^[^\s#-][^#]*:\s*(#.*)?$/.test(trimmed)) {
      const next = lines.slice(i + 1).find((l) => l.trim() !== '' && !l.trimStart().startsWith('#'));
      if (next && /^\s*- /.test(next)) indentSeq = next.length - next.trimStart().length > lead;
    }
  }
  return { eol, indent: indent > 0 && indent <= 8 ? indent : 2, indentSeq: indentSeq ?? true };
}

export function replaceOffsets(file: ParsedFile, start: number, end: number, newText: string): TextEdit {
  return { range: rangeOf(file.lineCounter, file.text, start, end), newText };
}

/** Replaces a scalar's source text (quotes included), leaving any comment after it alone. */
export function replaceNode(file: ParsedFile, node: Node, newText: string): TextEdit {
  const [start, rangeEnd] = node.range!;
  // A block scalar (`|`) ends after its last line break: keep the break, or the next key joins this line.
  let end = rangeEnd;
  while (end > start && (file.text[end - 1] === '\n' || file.text[end - 1] === '\r')) end--;
  // A block scalar's header may carry a comment (`key: | # note`): it stays.
  const headerComment = isScalar(node) && (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') ? (/^[|>][0-9+-]*([ \t]+#[^\r\n]*)?/.exec(file.text.slice(start))?.[1] ?? '') : '';
  // An empty value: right after `key:` it needs a space; right before a comment (`app: #`) too, or the `#` joins the new scalar.
  const lead = start === end && file.text[start - 1] === ':' ? ' ' : '';
  const separator = start === end && file.text[end] === '#' ? ' ' : '';
  return replaceOffsets(file, start, end, lead + newText + headerComment + separator);
}

export function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

export function lineEndAt(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  if (newline < 0) return text.length;
  return text[newline - 1] === '\r' ? newline - 1 : newline;
}

export function lineStartAt(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** The offset just after the last non-blank character before `offset` (skips trailing blank lines). */
function lastContentEnd(text: string, from: number, offset: number): number {
  let at = offset;
  while (at > from && /\s/.test(text[at - 1])) at--;
  return at;
}

/** YAML text for a value, one entry per line, using the file's style. Strings are quoted where YAML 1.1 would retype them. */
/** Empty lines stay empty: padding them would add content to block scalars. */
export function indentLine(pad: string, line: string): string {
  return line === '' ? '' : pad + line;
}

export function renderLines(value: unknown, style: FileStyle): string[] {
  const text = stringify(value, { version: '1.1', indent: style.indent, indentSeq: style.indentSeq, lineWidth: 0, aliasDuplicateObjects: false });
  return text.replace(/\n$/, '').split('\n');
}

/** A scalar rendered for use after `key: ` (flow-safe for short plain values). */
export function renderScalar(value: unknown): string {
  return stringify(value, { version: '1.1', lineWidth: 0 }).replace(/\n$/, '');
}

/**
 * Inserts `entries` at the end of a block map, at the indentation of its keys; for a flow map
 * (`{a: b}`) they are added inside the braces.
 */
export function insertIntoMap(file: ParsedFile, map: YAMLMap, entries: Record<string, unknown>, style = styleOf(file)): TextEdit {
  const text = file.text;
  const [start, end] = map.range!;
  if (map.flow) {
    const close = text.lastIndexOf('}', end);
    const parts = Object.entries(entries).map(([k, v]) => `${renderScalar(k)}: ${renderScalar(v)}`);
    const at = lastContentEnd(text, start + 1, close);
    const empty = at === start + 1;
    return replaceOffsets(file, at, at, (empty ? '' : ', ') + parts.join(', '));
  }
  const firstKey = (map.items[0] as Pair | undefined)?.key as Node | undefined;
  const column = firstKey?.range ? columnOf(text, firstKey.range[0]) : columnOf(text, start);
  const at = lineEndAt(text, lastContentEnd(text, start, end));
  const pad = ' '.repeat(column);
  const lines = renderLines(entries, style).map((l) => style.eol + indentLine(pad, l));
  return replaceOffsets(file, at, at, lines.join(''));
}

/** Inserts entries before the first key of a non-empty block map (stays clear of edits at its end). */
export function insertAtMapStart(file: ParsedFile, map: YAMLMap, entries: Record<string, unknown>, style = styleOf(file)): TextEdit {
  const firstKey = (map.items[0] as Pair | undefined)?.key as Node | undefined;
  if (map.flow || !firstKey?.range) return insertIntoMap(file, map, entries, style);
  return insertBeforeKey(file, firstKey, entries, style);
}

/** Inserts entries just before a block-map key, at its column. */
export function insertBeforeKey(file: ParsedFile, key: Node, entries: Record<string, unknown>, style = styleOf(file)): TextEdit {
  const at = key.range![0];
  const pad = ' '.repeat(columnOf(file.text, at));
  const lines = renderLines(entries, style);
  return replaceOffsets(file, at, at, lines.map((l, i) => (i === 0 ? l : indentLine(pad, l))).join(style.eol) + style.eol + pad);
}

/**
 * Inserts entries under `parentKey` of `parent` when the value at that key is a map, or adds the
 * key with the entries when it is absent or empty.
 */
export function insertUnderKey(file: ParsedFile, parent: YAMLMap, key: string, entries: Record<string, unknown>, style = styleOf(file)): TextEdit {
  const pair = (parent.items as Pair[]).find((p) => isScalar(p.key) && String(p.key.value) === key);
  if (pair && isMap(pair.value) && (pair.value.items.length > 0 || !pair.value.flow)) return insertIntoMap(file, pair.value, entries, style);
  if (pair && isScalar(pair.key)) {
    // `key:` with a null or `{}` value: replace from after the key to the end of the value.
    const keyEnd = pair.key.range![1];
    const valueEnd = (pair.value as Node | null)?.range?.[1] ?? keyEnd;
    const column = columnOf(file.text, pair.key.range![0]);
    const pad = ' '.repeat(column + style.indent);
    const colon = file.text.indexOf(':', keyEnd);
    const lines = renderLines(entries, style).map((l) => style.eol + indentLine(pad, l));
    return replaceOffsets(file, colon + 1, Math.max(colon + 1, valueEnd), lines.join(''));
  }
  if (pair) throw new NoObviousEdit(`${key} is not a map`);
  return insertIntoMap(file, parent, { [key]: entries }, style);
}

/** Appends items to a block sequence at the indentation of its items. */
export function appendToSeq(file: ParsedFile, seq: Node & { items: unknown[] }, items: unknown[], style = styleOf(file)): TextEdit {
  const text = file.text;
  const [start, end] = seq.range!;
  const first = seq.items[0] as Node | undefined;
  const dash = first?.range ? text.lastIndexOf('-', first.range[0]) : start;
  const column = columnOf(text, dash);
  const at = lineEndAt(text, lastContentEnd(text, start, end));
  const pad = ' '.repeat(column);
  const lines = renderLines(items, style).map((l) => style.eol + indentLine(pad, l));
  return replaceOffsets(file, at, at, lines.join(''));
}

/** Appends items to the sequence under `key` of `parent`, creating the key when absent, null or `[]`. */
export function appendUnderKey(file: ParsedFile, parent: YAMLMap, key: string, newItems: unknown[], style = styleOf(file)): TextEdit {
  const pair = (parent.items as Pair[]).find((p) => isScalar(p.key) && String(p.key.value) === key);
  if (pair && isSeq(pair.value) && !pair.value.flow && pair.value.items.length > 0) return appendToSeq(file, pair.value, newItems, style);
  if (pair && isScalar(pair.key) && (pair.value === null || (isSeq(pair.value) && pair.value.items.length === 0) || (isScalar(pair.value) && pair.value.value === null))) {
    const keyEnd = pair.key.range![1];
    const valueEnd = (pair.value as Node | null)?.range?.[1] ?? keyEnd;
    const column = columnOf(file.text, pair.key.range![0]);
    const pad = ' '.repeat(column + (style.indentSeq ? style.indent : 0));
    const colon = file.text.indexOf(':', keyEnd);
    const lines = renderLines(newItems, style).map((l) => style.eol + indentLine(pad, l));
    return replaceOffsets(file, colon + 1, Math.max(colon + 1, valueEnd), lines.join(''));
  }
  if (pair) throw new NoObviousEdit(`${key} is not a list`);
  return insertIntoMap(file, parent, { [key]: newItems }, style);
}

/** Deletes a block-map entry that sits on its own lines (from its key's line to the end of its value). */
export function deletePair(file: ParsedFile, pair: Pair): TextEdit | undefined {
  const text = file.text;
  const key = pair.key as Node | undefined;
  if (!key?.range) return undefined;
  const lineStart = lineStartAt(text, key.range[0]);
  // Only when the key starts its line: `- name: x` would take the sequence item's dash with it.
  if (text.slice(lineStart, key.range[0]).trim() !== '') return undefined;
  const valueEnd = (pair.value as Node | null)?.range?.[1] ?? key.range[1];
  const end = lineEndAt(text, lastContentEnd(text, key.range[0], valueEnd));
  const next = text.indexOf('\n', end);
  return replaceOffsets(file, lineStart, next < 0 ? text.length : next + 1, '');
}

/** Appends a new `---` document after the given one (or at the end of the file). */
export function appendDocument(file: ParsedFile, value: unknown, after?: ParsedDocument, comment?: string, style = styleOf(file)): TextEdit {
  const text = file.text;
  const following = after ? file.documents[after.index + 1] : undefined;
  const body = [...(comment ? [`# ${comment}`] : []), ...renderLines(value, style)];
  if (following) {
    // Before the next document's own `---` marker.
    const marker = text.lastIndexOf('---', following.start);
    const at = marker >= 0 && marker >= (after?.start ?? 0) ? lineStartAt(text, marker) : lineStartAt(text, following.start);
    return replaceOffsets(file, at, at, ['---', ...body].join(style.eol) + style.eol);
  }
  const needsNewline = text.length > 0 && !text.endsWith('\n');
  const prefix = (needsNewline ? style.eol : '') + (text.length > 0 ? '---' + style.eol : '');
  return replaceOffsets(file, text.length, text.length, prefix + body.join(style.eol) + style.eol);
}

/** The document of a file holding an offset. */
export function documentAt(file: ParsedFile, offset: number): ParsedDocument | undefined {
  return file.documents.find((d) => offset >= d.start && offset <= d.end) ?? file.documents[file.documents.length - 1];
}

export interface NodePath {
  /** Nodes from the document root down to the innermost node containing the offset. */
  nodes: Node[];
  /** Keys (strings) and sequence indexes along the way. */
  path: Array<string | number>;
  /** The innermost pair whose key or value contains the offset. */
  pair?: Pair;
  /** True when the offset is on the pair's key. */
  onKey: boolean;
}

/** Walks down from a document's root to the node at an offset. */
export function pathAt(doc: Document.Parsed, offset: number): NodePath {
  const out: NodePath = { nodes: [], path: [], onKey: false };
  let current = doc.contents as Node | null;
  const contains = (n: unknown): n is Node => !!n && typeof n === 'object' && 'range' in n && !!(n as Node).range && (n as Node).range![0] <= offset && offset <= (n as Node).range![1];
  while (current) {
    out.nodes.push(current);
    let next: Node | null = null;
    if (isMap(current)) {
      for (const pair of current.items as Pair[]) {
        if (contains(pair.key)) {
          out.pair = pair;
          out.onKey = true;
          out.path.push(isScalar(pair.key) ? String(pair.key.value) : '?');
          return out;
        }
        if (contains(pair.value)) {
          out.pair = pair;
          out.onKey = false;
          out.path.push(isScalar(pair.key) ? String(pair.key.value) : '?');
          next = pair.value as Node;
          break;
        }
      }
    } else if (isSeq(current)) {
      const index = current.items.findIndex((item) => contains(item));
      if (index >= 0) {
        out.path.push(index);
        next = current.items[index] as Node;
      }
    }
    if (next && isPair(next)) next = (next as Pair).value as Node;
    current = next;
  }
  return out;
}

/** The scalar at an offset, if any. */
export function scalarAtOffset(doc: Document.Parsed, offset: number): Scalar | undefined {
  const found = pathAt(doc, offset);
  const last = found.onKey ? (found.pair?.key as Node | undefined) : found.nodes[found.nodes.length - 1];
  return isScalar(last) ? last : undefined;
}

/** A new value written with the same quotes as the scalar it replaces. */
export function quotedLike(node: Scalar, value: string): string {
  if (node.type === 'QUOTE_DOUBLE') return JSON.stringify(value);
  if (node.type === 'QUOTE_SINGLE') return `'${value.replace(/'/g, "''")}'`;
  return value;
}
