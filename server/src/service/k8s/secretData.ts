// Secret `data` values: strict base64 as the API server reads it, and what the bytes are
// (UTF-8 text, binary) so callers can show or convert them without printing garbage.
// Pure functions over strings and bytes; nothing here logs, so decoded values stay in memory.

/** Standard base64 with padding, the encoding the API server accepts for `[]byte` fields. */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Go's decoder skips CR and LF inside base64, so folded or block values still decode. */
function stripLineBreaks(value: string): string {
  return value.replace(/[\r\n]/g, '');
}

export function isValidBase64(value: string): boolean {
  return BASE64.test(stripLineBreaks(value));
}

/** The bytes of a base64 value, or undefined when the API server would reject it. */
export function decodeBase64(value: string): Uint8Array | undefined {
  const compact = stripLineBreaks(value);
  if (!BASE64.test(compact)) return undefined;
  return new Uint8Array(Buffer.from(compact, 'base64'));
}

export function encodeBase64(bytes: Uint8Array | string): string {
  return typeof bytes === 'string' ? Buffer.from(bytes, 'utf8').toString('base64') : Buffer.from(bytes).toString('base64');
}

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The bytes as text when they are valid UTF-8 without control characters other than tab,
 * line feed and carriage return; undefined for binary data (keys, keystores, gzip...).
 */
export function utf8Text(bytes: Uint8Array): string | undefined {
  let text: string;
  try {
    text = STRICT_UTF8.decode(bytes);
  } catch {
    return undefined;
  }
  // A byte-order mark would be invisible and silently dropped when converted to stringData.
  if (text.charCodeAt(0) === 0xfeff) return undefined;
  return /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text) ? undefined : text;
}

export function isUtf8Text(bytes: Uint8Array): boolean {
  return utf8Text(bytes) !== undefined;
}

/** True when the value ends in a line break: usually `echo` without `-n`, and a login that fails. */
export function hasTrailingNewline(bytes: Uint8Array): boolean {
  return bytes.length > 0 && bytes[bytes.length - 1] === 0x0a;
}

/** The bytes without trailing CR/LF characters. */
export function withoutTrailingNewline(bytes: Uint8Array): Uint8Array {
  let end = bytes.length;
  while (end > 0 && (bytes[end - 1] === 0x0a || bytes[end - 1] === 0x0d)) end--;
  return bytes.subarray(0, end);
}

export type DecodedSecretValue =
  | { kind: 'text'; text: string; bytes: Uint8Array; byteLength: number; trailingNewline: boolean }
  | { kind: 'binary'; bytes: Uint8Array; byteLength: number }
  | { kind: 'invalid' };

/** What a `data` value holds: text, binary bytes, or invalid base64. */
export function decodeSecretValue(encoded: string): DecodedSecretValue {
  const bytes = decodeBase64(encoded);
  if (!bytes) return { kind: 'invalid' };
  const text = utf8Text(bytes);
  if (text === undefined) return { kind: 'binary', bytes, byteLength: bytes.length };
  return { kind: 'text', text, bytes, byteLength: bytes.length, trailingNewline: hasTrailingNewline(bytes) };
}

/** "9 bytes", "1 byte", "1.2 KiB": sizes for labels that must not show the value itself. */
export function describeByteLength(length: number): string {
  if (length === 1) return '1 byte';
  if (length < 1024) return `${length} bytes`;
  if (length < 1024 * 1024) return `${(length / 1024).toFixed(1)} KiB`;
  return `${(length / 1024 / 1024).toFixed(1)} MiB`;
}
