// Bytes to text the way a YAML reader must take them (YAML 1.2 §5.2): UTF-8, or UTF-16/32 when a
// byte order mark says so. Anything else (invalid UTF-8, NUL bytes of a binary file) is reported,
// never checked as an empty or garbled file that would pass.
export type Decoded = { text: string } | { error: string };

export function decodeInput(bytes: Uint8Array): Decoded {
  const b = bytes;
  let text: string;
  try {
    if (b[0] === 0x00 && b[1] === 0x00 && b[2] === 0xfe && b[3] === 0xff) text = decodeUtf32(b.subarray(4), false);
    else if (b[0] === 0xff && b[1] === 0xfe && b[2] === 0x00 && b[3] === 0x00) text = decodeUtf32(b.subarray(4), true);
    else if (b[0] === 0xff && b[1] === 0xfe) text = new TextDecoder('utf-16le', { fatal: true }).decode(b.subarray(2));
    else if (b[0] === 0xfe && b[1] === 0xff) text = new TextDecoder('utf-16be', { fatal: true }).decode(b.subarray(2));
    else text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(b);
  } catch {
    return { error: 'the file is not valid UTF-8 (nor UTF-16/32 with a byte order mark), so it cannot be read as YAML' };
  }
  const nul = text.indexOf('\0');
  if (nul >= 0) return { error: `the file holds a NUL character (at character ${nul + 1}): binary data, not YAML` };
  return { text };
}

function decodeUtf32(bytes: Uint8Array, littleEndian: boolean): string {
  if (bytes.length % 4 !== 0) throw new Error('truncated UTF-32');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let out = '';
  for (let i = 0; i < bytes.length; i += 4) {
    const code = view.getUint32(i, littleEndian);
    if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) throw new Error('invalid UTF-32');
    out += String.fromCodePoint(code);
  }
  return out;
}
