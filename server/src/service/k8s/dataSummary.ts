// One-line summaries of ConfigMap and Secret values, for completion items and hovers. A Secret is
// only ever summarised by its size: its value (encoded or decoded) never leaves here.
import { isScalar, type Node } from 'yaml';
import { decodeBase64 } from '../../../../common/secretData';

const PREVIEW_CHARS = 40;

export type KeySectionName = 'data' | 'binaryData' | 'stringData';

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The text of a scalar value, or undefined for null/absent/non-scalar values. */
export function scalarText(node: Node | undefined): string | undefined {
  if (!isScalar(node) || node.value === null || node.value === undefined) return undefined;
  return String(node.value);
}

/** A one-line preview of a ConfigMap value (truncated), or its size for binaryData. */
export function configMapSummary(section: KeySectionName, value: Node | undefined): string {
  if (section === 'binaryData') return `binary · ${base64Size(scalarText(value))}`;
  const text = scalarText(value);
  if (text === undefined) return '';
  const lines = text.replace(/\n$/, '').split('\n');
  const first = lines[0].length > PREVIEW_CHARS ? `${lines[0].slice(0, PREVIEW_CHARS)}…` : lines[0];
  return lines.length > 1 ? `${first} … (${plural(lines.length, 'line')})` : first;
}

/** "8 bytes": decoded size of a `data` value from its base64 length, UTF-8 size of a `stringData` value. */
export function secretSize(section: KeySectionName, value: Node | undefined): string {
  const text = scalarText(value);
  if (text === undefined) return 'empty';
  if (section === 'stringData') return plural(Buffer.byteLength(text, 'utf8'), 'byte');
  return base64Size(text);
}

export function base64Size(value: string | undefined): string {
  if (value === undefined) return 'empty';
  // Whitespace is the secret-invalid-base64 rule's to report; here it only must not hide the size.
  const decoded = decodeBase64(value.replace(/\s+/g, ''));
  return decoded.ok ? plural(decoded.bytes.length, 'byte') : 'not valid base64';
}
