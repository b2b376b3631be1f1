// Where is the cursor, in YAML terms? Completion runs while the user types, when the document is
// usually not valid YAML (`  serviceN`, a key with a trailing `:`, a lone `- `), so the AST is of
// little help for the line being typed. This module reads the lines around the cursor instead:
// indentation and `- ` markers give the path from the document root to the cursor, and the lines
// at the same indentation give the keys already present. It only looks at the current document
// (between `---` markers) and stops at the path's root, so the cost is bounded by the resource.
import type { ParsedFile } from '../types';
import { ANY_ITEM, type PathSegment } from '../schema/walk';

/** One line, reduced to what indentation analysis needs. */
export interface LineShape {
  /** Column of the first non-space character. */
  indent: number;
  /** Columns of the leading `- ` sequence markers. */
  items: number[];
  /** Column where the content after the markers starts (undefined when there is none). */
  content?: number;
  /** The key, when the content is `key:` or `key: value`. */
  key?: string;
  /** What follows the key's colon (or the item marker when there is no key). */
  value: 'empty' | 'block-scalar' | 'flow' | 'scalar';
  /** The value text after the colon, comment removed. */
  valueText?: string;
  /** Column where the value text starts. */
  valueCol?: number;
}

/** Lines of the file, read lazily from the parser's line starts (no splitting of the whole text). */
export class Lines {
  readonly count: number;
  constructor(readonly text: string, private readonly starts: readonly number[]) {
    this.count = starts.length;
  }
  start(line: number): number {
    return this.starts[line] ?? this.text.length;
  }
  /** The line's text without its line break. */
  get(line: number): string {
    const from = this.starts[line];
    if (from === undefined) return '';
    const to = line + 1 < this.starts.length ? this.starts[line + 1] : this.text.length;
    let end = to;
    if (end > from && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > from && this.text.charCodeAt(end - 1) === 13) end--;
    return this.text.slice(from, end);
  }
  static of(file: ParsedFile): Lines {
    return new Lines(file.text, file.lineCounter.lineStarts);
  }
}

const isSpace = (c: string | undefined) => c === ' ' || c === '\t';

/** Reads a key at `pos`: quoted or plain, followed by `:` and a space or the end of the line. */
function readKey(line: string, pos: number): { key: string; colon: number } | undefined {
  const first = line[pos];
  if (first === '"' || first === "'") {
    let i = pos + 1;
    let out = '';
    while (i < line.length) {
      const c = line[i];
      if (first === '"' && c === '\\' && i + 1 < line.length) {
        out += line[i + 1];
        i += 2;
        continue;
      }
      if (c === first) {
        if (first === "'" && line[i + 1] === "'") {
          out += "'";
          i += 2;
          continue;
        }
        break;
      }
      out += c;
      i++;
    }
    let j = i + 1;
    while (isSpace(line[j])) j++;
    if (line[j] === ':' && (j + 1 >= line.length || isSpace(line[j + 1]))) return { key: out, colon: j };
    return undefined;
  }
  if (first === undefined || '[]{},#&*!|>%@`'.includes(first)) return undefined;
  for (let i = pos; i < line.length; i++) {
    const c = line[i];
    if (c === '#' && isSpace(line[i - 1])) return undefined;
    if (c === ':' && (i + 1 >= line.length || isSpace(line[i + 1]))) {
      const key = line.slice(pos, i).trimEnd();
      return key ? { key, colon: i } : undefined;
    }
  }
  return undefined;
}

function classifyValue(raw: string): Pick<LineShape, 'value' | 'valueText'> {
  let text = raw;
  const comment = text.search(/(^|\s)#/);
  if (comment >= 0) text = text.slice(0, comment);
  text = text.trim();
  // Anchors and tags alone (`key: &base`) still open a block below.
  const bare = text.replace(/(^|\s)(&\S+|!\S*)/g, '').trim();
  if (bare === '') return { value: 'empty', valueText: '' };
  if (/^[|>][0-9+-]*$/.test(bare)) return { value: 'block-scalar', valueText: bare };
  if (bare.startsWith('[') || bare.startsWith('{')) return { value: 'flow', valueText: bare };
  return { value: 'scalar', valueText: bare };
}

/** The shape of a line, or undefined for blank and comment-only lines. */
export function shapeLine(line: string): LineShape | undefined {
  let pos = 0;
  while (line[pos] === ' ') pos++;
  if (pos >= line.length || line[pos] === '#') return undefined;
  const indent = pos;
  const items: number[] = [];
  while (line[pos] === '-' && (pos + 1 >= line.length || isSpace(line[pos + 1]))) {
    items.push(pos);
    pos++;
    while (isSpace(line[pos])) pos++;
  }
  if (pos >= line.length || line[pos] === '#') return { indent, items, value: 'empty', valueText: '' };
  const key = readKey(line, pos);
  if (key) {
    let valueCol = key.colon + 1;
    while (isSpace(line[valueCol])) valueCol++;
    return { indent, items, content: pos, key: key.key, valueCol, ...classifyValue(line.slice(key.colon + 1)) };
  }
  return { indent, items, content: pos, valueCol: pos, ...classifyValue(line.slice(pos)) };
}

/** A node start on a line: a sequence marker, a key, or a bare scalar. */
interface Start {
  col: number;
  type: 'item' | 'key' | 'scalar';
}

function startsOf(shape: LineShape): Start[] {
  const out: Start[] = shape.items.map((col) => ({ col, type: 'item' as const }));
  if (shape.content !== undefined) out.push({ col: shape.content, type: shape.key !== undefined ? 'key' : 'scalar' });
  return out;
}

interface Anchor {
  line: number;
  col: number;
  type: 'key' | 'item';
  key?: string;
}

type ParentResult = { kind: 'parent'; parent: Anchor } | { kind: 'root' } | { kind: 'invalid' } | { kind: 'in-scalar' };

/**
 * Bounds of the YAML document around a line: after the previous `---` (or `...`) marker. Scans
 * below the cursor stop by themselves at the next marker (it is a line at column 0 that is not a
 * key), so only the first line is computed.
 */
export function documentLines(lines: Lines, line: number): { first: number; last: number } {
  let first = line;
  while (first > 0 && !/^(---|\.\.\.)(\s|$)/.test(lines.get(first - 1))) first--;
  return { first, last: lines.count - 1 };
}

export class PathReader {
  private readonly cache = new Map<number, LineShape | undefined>();
  constructor(readonly lines: Lines, readonly first: number, readonly last: number) {}

  shape(line: number): LineShape | undefined {
    if (!this.cache.has(line)) this.cache.set(line, shapeLine(this.lines.get(line)));
    return this.cache.get(line);
  }

  /**
   * Finds the node that contains a node starting at (line, col) of the given type, scanning upward.
   * `siblings` collects the keys found at the same column on the way (the target's map).
   */
  parentOf(line: number, col: number, type: 'key' | 'item', siblings?: string[]): ParentResult {
    for (let i = line - 1; i >= this.first; i--) {
      const shape = this.shape(i);
      if (!shape || shape.indent > col) continue;
      const starts = startsOf(shape);
      let n = -1;
      for (let k = 0; k < starts.length; k++) if (starts[k].col <= col) n = k;
      const start = starts[n];
      if (!start) continue;
      // The end of a multi-line flow collection or quoted scalar (`]`, `"b"]`) belongs to a key above.
      if (start.type === 'scalar' && starts.length === 1 && /^[\]})"',]/.test(this.lines.get(i).slice(start.col))) continue;
      if (start.col === col) {
        if (start.type === type) {
          if (type === 'key' && shape.key !== undefined) siblings?.push(shape.key);
          const before = starts[n - 1];
          // `- name: x` — the map we are in starts on this line, inside that item.
          if (type === 'key' && before?.type === 'item') return { kind: 'parent', parent: { line: i, col: before.col, type: 'item' } };
          continue;
        }
        // `key:` followed by `- item` at the same column: a sequence that is not indented.
        if (start.type === 'key' && type === 'item' && shape.value === 'empty') {
          return { kind: 'parent', parent: { line: i, col, type: 'key', key: shape.key } };
        }
        return { kind: 'invalid' };
      }
      if (start.type === 'item') {
        if (shape.content === undefined) return { kind: 'parent', parent: { line: i, col: start.col, type: 'item' } };
        return { kind: 'invalid' };
      }
      if (start.type === 'key') {
        if (shape.value === 'empty') return { kind: 'parent', parent: { line: i, col: start.col, type: 'key', key: shape.key } };
        if (shape.value === 'block-scalar') return { kind: 'in-scalar' };
        return { kind: 'invalid' };
      }
      if (shape.value === 'block-scalar') return { kind: 'in-scalar' };
      return { kind: 'invalid' };
    }
    return { kind: 'root' };
  }

  /** The path from the document root to the value of `anchor` (a key's value or a sequence item). */
  pathTo(anchor: Anchor): PathSegment[] | undefined {
    const segments: PathSegment[] = [];
    let current: Anchor | undefined = anchor;
    for (let guard = 0; current && guard < 1000; guard++) {
      segments.unshift(current.type === 'key' ? current.key! : ANY_ITEM);
      const shape = this.shape(current.line);
      // Markers earlier on the same line (`- - x`, `- key: v`) are ancestors too.
      const starts = shape ? startsOf(shape) : [];
      const index = starts.findIndex((s) => s.col === current!.col);
      const before = index > 0 ? starts[index - 1] : undefined;
      if (before?.type === 'item') {
        current = { line: current.line, col: before.col, type: 'item' };
        continue;
      }
      const result = this.parentOf(current.line, current.col, current.type);
      if (result.kind === 'root') return segments;
      if (result.kind !== 'parent') return undefined;
      current = result.parent;
    }
    return undefined;
  }

  /** Keys at `col` in the same map below `line` (the map ends at a line indented less). */
  siblingsBelow(line: number, col: number): string[] {
    const out: string[] = [];
    for (let i = line + 1; i <= this.last; i++) {
      const shape = this.shape(i);
      if (!shape || shape.indent > col) continue;
      if (shape.indent < col || shape.items.length > 0 || shape.key === undefined) break;
      out.push(shape.key);
    }
    return out;
  }

  /** Scalar items already listed in the sequence whose markers are at `col` (for set-like enums). */
  itemsAround(line: number, col: number): string[] {
    const out: string[] = [];
    const take = (i: number): boolean => {
      const shape = this.shape(i);
      if (!shape || shape.indent > col) return true;
      if (shape.indent < col || shape.items[0] !== col) return false;
      if (shape.items.length === 1 && shape.key === undefined && shape.value === 'scalar') out.push(unquote(shape.valueText!));
      return true;
    };
    for (let i = line - 1; i >= this.first && take(i); i--);
    for (let i = line + 1; i <= this.last && take(i); i++);
    return out;
  }
}

export function unquote(text: string): string {
  const t = text.trim();
  if (t.length >= 2 && ((t[0] === '"' && t.endsWith('"')) || (t[0] === "'" && t.endsWith("'")))) return t.slice(1, -1);
  return t;
}

/** What the user is typing at the cursor. */
export type CursorContext =
  | {
      kind: 'key';
      /** Path of the map the key goes into. */
      path: PathSegment[];
      /** Column where the key starts. */
      col: number;
      /** The partial key typed so far, and the range it occupies on the line [from, to). */
      partial: string;
      from: number;
      to: number;
      /** Keys already in the map. */
      present: string[];
      /** True when the line already has `: ...` after the key (only the name is replaced). */
      hasValue: boolean;
      /** True when the key is the first one after a `- ` marker on this line. */
      afterDash: boolean;
      /** The sequence item marker column when the key follows `- `, and the path of that sequence. */
      dashCol?: number;
    }
  | {
      kind: 'value';
      /** Path of the value being typed (ends with the key, or ANY_ITEM for a sequence item). */
      path: PathSegment[];
      partial: string;
      from: number;
      to: number;
      /** Values already listed in the same sequence (for enums used as sets, like accessModes). */
      siblingValues: string[];
      /** Column of the key whose value this is (undefined for sequence items). */
      keyCol?: number;
      /** The cursor is right after `key:` with nothing behind it: values are inserted with a space. */
      afterColon?: boolean;
    }
  | {
      /** A `- ` line whose item may be a map (then complete keys) or a scalar (then values). */
      kind: 'item';
      /** Path of the sequence's items (ends with ANY_ITEM). */
      path: PathSegment[];
      dashCol: number;
      col: number;
      partial: string;
      from: number;
      to: number;
      present: string[];
      siblingValues: string[];
      hasValue: boolean;
    };

export interface LineContext {
  lines: Lines;
  reader: PathReader;
  line: number;
  character: number;
  cursor?: CursorContext;
}

const KEY_CHARS = /[A-Za-z0-9_.\/-]/;

/** Reads the cursor's context from the text around it. */
export function cursorContext(lines: Lines, line: number, character: number): LineContext {
  const { first, last } = documentLines(lines, line);
  const reader = new PathReader(lines, first, last);
  const result: LineContext = { lines, reader, line, character };
  const text = lines.get(line);
  const col = Math.min(character, text.length);
  const before = text.slice(0, col);
  if (/(^|\s)#/.test(before) || /^(---|\.\.\.)(\s|$)/.test(text)) return result;

  // Leading indentation and `- ` markers before the cursor.
  let pos = 0;
  while (before[pos] === ' ') pos++;
  const items: number[] = [];
  while (before[pos] === '-' && (pos + 1 === before.length || isSpace(before[pos + 1]))) {
    items.push(pos);
    pos++;
    while (isSpace(before[pos])) pos++;
  }
  const rest = before.slice(pos);

  // `key: partial` — a value being typed.
  const keyOnLine = readKey(text, pos);
  if (keyOnLine && keyOnLine.colon < col) {
    // Right after the colon (`podManagementPolicy:‸`): values, each inserted after a space.
    if (col === keyOnLine.colon + 1) {
      if (text.slice(col).trim() !== '' && !text.slice(col).trim().startsWith('#')) return result;
      const containerPath = keyPath(reader, line, pos, items);
      if (!containerPath) return result;
      result.cursor = { kind: 'value', path: [...containerPath, keyOnLine.key], partial: '', from: col, to: col, siblingValues: [], keyCol: pos, afterColon: true };
      return result;
    }
    let from = keyOnLine.colon + 1;
    while (from < col && isSpace(text[from])) from++;
    let valueText = text.slice(from, col);
    let to = col;
    // A flow sequence being typed: `accessModes: [ReadWriteOnce, Rea`
    const flow = /^\[([^\]]*)$/.exec(valueText);
    const containerPath = keyPath(reader, line, pos, items);
    if (!containerPath) return result;
    if (flow) {
      const parts = flow[1].split(',');
      const partial = parts[parts.length - 1].trimStart();
      from = col - partial.length;
      while (to < text.length && /[^\s,\]#]/.test(text[to])) to++;
      result.cursor = {
        kind: 'value',
        path: [...containerPath, keyOnLine.key, ANY_ITEM],
        partial,
        from,
        to,
        siblingValues: parts.slice(0, -1).map((p) => unquote(p)).filter(Boolean),
      };
      return result;
    }
    if (/^[[{|>&*!]/.test(valueText)) return result;
    // The partial value runs to the end of the plain scalar (a comment or the line end).
    const tail = text.slice(col);
    const commentAt = tail.search(/\s#/);
    to = col + (commentAt < 0 ? tail.length : commentAt);
    while (to > col && isSpace(text[to - 1])) to--;
    valueText = text.slice(from, col);
    result.cursor = { kind: 'value', path: [...containerPath, keyOnLine.key], partial: valueText, from, to, siblingValues: [], keyCol: pos };
    return result;
  }

  // A partial key (or a partial scalar item after `- `).
  const partialMatch = /^("[^"]*|'[^']*|[A-Za-z0-9_.\/-]*)$/.exec(rest);
  if (!partialMatch) return result;
  const partial = rest.replace(/^["']/, '');
  const from = pos;
  let to = col;
  while (to < text.length && KEY_CHARS.test(text[to])) to++;
  if (text[to] === '"' || text[to] === "'") to++;
  const after = text.slice(to);
  const hasValue = /^\s*:(\s|$)/.test(after);

  if (items.length > 0) {
    const seqPath = sequencePath(reader, line, items);
    if (!seqPath) return result;
    const innermost = items[items.length - 1];
    result.cursor = {
      kind: 'item',
      path: seqPath,
      dashCol: innermost,
      col: pos,
      partial,
      from,
      to,
      present: reader.siblingsBelow(line, pos),
      siblingValues: reader.itemsAround(line, innermost),
      hasValue,
    };
    return result;
  }

  const siblings: string[] = [];
  const parent = reader.parentOf(line, pos, 'key', siblings);
  let path: PathSegment[] | undefined;
  if (parent.kind === 'root') path = [];
  else if (parent.kind === 'parent') path = reader.pathTo(parent.parent);
  if (!path) return result;
  const present = [...siblings, ...reader.siblingsBelow(line, pos)];
  result.cursor = { kind: 'key', path, col: pos, partial, from, to, present, hasValue, afterDash: false };
  return result;
}

/** The path of the map holding a key that starts at `col` on `line` (after the `items` markers). */
function keyPath(reader: PathReader, line: number, col: number, items: number[]): PathSegment[] | undefined {
  if (items.length > 0) return sequencePath(reader, line, items);
  const parent = reader.parentOf(line, col, 'key');
  if (parent.kind === 'root') return [];
  if (parent.kind !== 'parent') return undefined;
  return reader.pathTo(parent.parent);
}

/** The path of the innermost item of `- - ` markers at the start of `line`. */
function sequencePath(reader: PathReader, line: number, items: number[]): PathSegment[] | undefined {
  const parent = reader.parentOf(line, items[0], 'item');
  let path: PathSegment[] | undefined;
  if (parent.kind === 'root') path = [];
  else if (parent.kind === 'parent') path = reader.pathTo(parent.parent);
  if (!path) return undefined;
  return [...path, ...items.map(() => ANY_ITEM)];
}
