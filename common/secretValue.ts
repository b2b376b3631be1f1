// What a Secret `data` value holds, for the code lens and the data/stringData conversions:
// UTF-8 text, binary bytes, or invalid base64. Built on secretData.ts; nothing here logs.
import { decodeBase64, isUtf8Text, trailingNewline } from './secretData';

export type DecodedSecretValue =
  | { kind: 'text'; text: string; byteLength: number; trailingNewline: boolean }
  | { kind: 'binary'; byteLength: number }
  | { kind: 'invalid'; reason: string };

export function decodeSecretValue(encoded: string): DecodedSecretValue {
  const result = decodeBase64(encoded);
  if (!result.ok) return { kind: 'invalid', reason: result.reason };
  const bytes = result.bytes;
  // A byte-order mark would vanish silently in an editor or in stringData: treat it as binary.
  if (!isUtf8Text(bytes) || (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)) return { kind: 'binary', byteLength: bytes.length };
  return { kind: 'text', text: Buffer.from(bytes).toString('utf8'), byteLength: bytes.length, trailingNewline: trailingNewline(bytes) !== undefined };
}

/** "9 bytes", "1 byte", "1.2 KiB": sizes for labels that must not show the value itself. */
export function describeByteLength(length: number): string {
  if (length === 1) return '1 byte';
  if (length < 1024) return `${length} bytes`;
  if (length < 1024 * 1024) return `${(length / 1024).toFixed(1)} KiB`;
  return `${(length / 1024 / 1024).toFixed(1)} MiB`;
}
