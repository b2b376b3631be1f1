// Secret `data` values: strict base64 decoding the way the API server does it, and facts about the
// decoded bytes (text or binary, trailing newline). Never log or put decoded values in messages.

export type Base64Result =
  | { ok: true; bytes: Buffer }
  | { ok: false; reason: string; /** offset in the value text of the offending character, when there is one */ at?: number };

const ALPHABET = /[A-Za-z0-9+/]/;

/**
 * Decodes base64 as Go's encoding/json does for []byte (StdEncoding: padded, standard alphabet;
 * line breaks are ignored, any other whitespace is an error). Failures say exactly what is wrong.
 */
export function decodeBase64(value: string): Base64Result {
  let clean = '';
  let padding = 0;
  let firstPad = -1;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    if (ch === '\n' || ch === '\r') continue;
    if (ch === '=') {
      if (firstPad < 0) firstPad = clean.length;
      padding++;
      clean += ch;
      continue;
    }
    if (!ALPHABET.test(ch)) {
      const shown = ch === ' ' ? 'a space' : ch === '\t' ? 'a tab' : `"${ch}"`;
      const hint = ch === '-' || ch === '_' ? ' (that is the URL-safe alphabet; Kubernetes expects standard base64 with + and /)' : '';
      return { ok: false, reason: `contains ${shown} at position ${i + 1}, which is not a base64 character${hint}`, at: i };
    }
    if (padding > 0) return { ok: false, reason: `has "=" padding in the middle (position ${firstPad + 1}); padding may only end the value`, at: i };
    clean += ch;
  }
  if (padding > 2) return { ok: false, reason: `ends with ${padding} "=" characters; base64 has at most two` };
  if (clean.length % 4 !== 0) {
    const missing = 4 - (clean.length % 4);
    const reason =
      clean.length % 4 === 1
        ? `has ${clean.length} characters, which no base64 encoding produces (a character is missing or extra)`
        : padding === 0
          ? `has ${clean.length} characters without padding; add ${'='.repeat(missing)} at the end (Kubernetes requires padded base64)`
          : `has ${clean.length} characters; the length including "=" padding must be a multiple of 4`;
    return { ok: false, reason };
  }
  return { ok: true, bytes: Buffer.from(clean, 'base64') };
}

export function encodeBase64(text: string | Uint8Array): string {
  return Buffer.from(text).toString('base64');
}

/** Whether bytes are UTF-8 text a person would type (tabs and line breaks allowed, no other control characters). */
export function isUtf8Text(bytes: Uint8Array): boolean {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  return !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(text);
}

/** The trailing line break of decoded text ("\n" or "\r\n"), or undefined. */
export function trailingNewline(bytes: Uint8Array): '\n' | '\r\n' | undefined {
  const n = bytes.length;
  if (n === 0 || bytes[n - 1] !== 0x0a) return undefined;
  return n >= 2 && bytes[n - 2] === 0x0d ? '\r\n' : '\n';
}

/** Strips one trailing line break from decoded bytes (what `echo -n` would have produced). */
export function withoutTrailingNewline(bytes: Uint8Array): Uint8Array {
  const newline = trailingNewline(bytes);
  return newline ? bytes.subarray(0, bytes.length - newline.length) : bytes;
}

/**
 * Whether a value written under `data` is plain text rather than base64: it has characters base64
 * never contains (spaces, ":", "@", "."...), or it is a short word-like token ("admin", "hunter2").
 */
export function looksLikePlainText(value: string): boolean {
  const trimmed = value.replace(/[\r\n]+$/, '');
  if (/[^A-Za-z0-9+/=\r\n\-_]/.test(trimmed)) return true;
  return looksLikeWord(trimmed);
}

/** A short lowercase or capitalised word with optional trailing digits: typed by a person, not encoded. */
export function looksLikeWord(value: string): boolean {
  return value.length <= 24 && /^(?:[a-z]+|[A-Z][a-z]+)\d*$/.test(value);
}

export function isValidBase64(value: string): boolean {
  return decodeBase64(value).ok;
}

/** The bytes as text when isUtf8Text, else undefined (binary: keys, keystores, gzip...). */
export function utf8Text(bytes: Uint8Array): string | undefined {
  return isUtf8Text(bytes) ? Buffer.from(bytes).toString('utf8') : undefined;
}
