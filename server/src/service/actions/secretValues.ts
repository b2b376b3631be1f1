// Rewriting Secret values between `data` (base64) and `stringData` (plain text) with minimal
// edits: the key and each value change, everything else (comments, order, other keys) stays.
import { isKind, SECRET } from '../kinds';
import type { TextEdit } from 'vscode-languageserver-types';
import { Scalar, isScalar, parse, stringify, type Pair, type YAMLMap } from 'yaml';
import { encodeBase64 } from '../../../../common/secretData';
import { decodeSecretValue } from '../../../../common/secretValue';
import type { ParsedFile, Resource } from '../types';
import { columnOf, indentLine, lineEndAt, replaceOffsets, styleOf } from './edits';

export type Direction = 'toStringData' | 'toData';

/** Why a Secret cannot be converted, or the edits that convert it. */
export type Conversion = { edits: TextEdit[] } | { reason: string };

export function convertSecret(file: ParsedFile, resource: Resource, direction: Direction): Conversion | undefined {
  if (!isKind(resource, SECRET)) return undefined;
  const from = direction === 'toStringData' ? 'data' : 'stringData';
  const to = direction === 'toStringData' ? 'stringData' : 'data';
  const pair = (resource.root.items as Pair[]).find((p) => isScalar(p.key) && p.key.value === from);
  if (!pair || !isScalar(pair.key) || !pair.key.range) return undefined;
  if (resource.root.has(to)) return { reason: `the Secret already has ${to}; merge by hand` };
  const map = pair.value as YAMLMap | null;
  const edits: TextEdit[] = [replaceOffsets(file, pair.key.range[0], pair.key.range[1], to)];
  for (const item of (map && 'items' in map ? (map.items as Pair[]) : [])) {
    if (!isScalar(item.value) || !isScalar(item.key) || !item.value.range) return { reason: `${String((item.key as Scalar | null)?.value)} is not a plain value` };
    const key = String(item.key.value);
    const value = item.value.value === null ? '' : String(item.value.value);
    if (direction === 'toStringData') {
      const decoded = decodeSecretValue(value);
      if (decoded.kind === 'invalid') return { reason: `the value of ${key} is not valid base64` };
      if (decoded.kind === 'binary') return { reason: `the value of ${key} is binary, which stringData cannot hold` };
      edits.push(replaceValue(file, item.value, decoded.text, !!map?.flow));
    } else {
      edits.push(replaceValue(file, item.value, encodeBase64(value), !!map?.flow));
    }
  }
  return { edits };
}

/**
 * Replaces a scalar with a string value, rendered the way YAML 1.1 reads back as exactly that
 * string: plain when safe, quoted or as a `|` block otherwise. A comment after the old value
 * stays on its line.
 */
export function replaceValue(file: ParsedFile, scalar: Scalar, value: string, inFlow = false): TextEdit {
  const text = file.text;
  const style = styleOf(file);
  const [start, valueEnd] = scalar.range!;
  let end = valueEnd;
  let headerComment = '';
  if (scalar.type === Scalar.BLOCK_LITERAL || scalar.type === Scalar.BLOCK_FOLDED) {
    // The block's range runs through its last line break; keep that, and any comment on the header.
    while (end > start && /[\r\n]/.test(text[end - 1])) end--;
    const header = /^[|>][0-9+-]*([ \t]+#[^\r\n]*)?/.exec(text.slice(start));
    headerComment = header?.[1] ?? '';
  }
  const keyColumn = columnOf(text, lineStartOf(text, start));
  const rendered = renderString(value, style.indent, inFlow);
  // An empty value (`key:` then a comment) has no text of its own: keep a space before the comment.
  const empty = start === end;
  const spacer = empty && text[end] === '#' ? ' ' : '';
  const lead = empty && text[start - 1] === ':' ? ' ' : '';
  if (rendered.length === 1) return replaceOffsets(file, start, end, lead + rendered[0] + headerComment + spacer);
  // A block value starts on the key's line; a comment after the old value moves onto its header.
  const lineEnd = lineEndAt(text, valueEnd);
  const trailing = text.slice(valueEnd, lineEnd);
  const multiLineOld = text.slice(start, valueEnd).includes('\n');
  const pad = ' '.repeat(keyColumn);
  const body = rendered.slice(1).map((l) => style.eol + indentLine(pad, l)).join('');
  if (multiLineOld) return replaceOffsets(file, start, end, rendered[0] + headerComment + body);
  return replaceOffsets(file, start, lineEnd, rendered[0] + trailing + body);
}

/** The column of the key owning a value that starts at `offset`: the first non-space of its line. */
function lineStartOf(text: string, offset: number): number {
  let at = text.lastIndexOf('\n', offset - 1) + 1;
  while (text[at] === ' ' || text[at] === '-') at++;
  return at;
}

/** A string as YAML lines (first line goes after `key: `), checked to read back unchanged. */
export function renderString(value: string, indent: number, inFlow: boolean): string[] {
  if (!inFlow) {
    const out = stringify({ k: value }, { version: '1.1', indent, lineWidth: 0 }).replace(/\n$/, '');
    if (readsBack(out, value)) return out.slice(3).split('\n');
  }
  const quoted = JSON.stringify(value).replace(/[\u0085\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return [quoted];
}

function readsBack(rendered: string, value: string): boolean {
  try {
    return (parse(rendered, { version: '1.1' }) as { k?: unknown })?.k === value;
  } catch {
    return false;
  }
}
