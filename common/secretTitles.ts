// Secret lens titles, shared by the server (masked titles) and the VS Code client (revealed titles,
// computed there from the document so decoded text never crosses the protocol).
// No YAML here: the client bundles this file.
import { describeByteLength, type DecodedSecretValue } from './secretValue';

export const MASK = '••••••';
const MAX_SHOWN = 80;

/** The lens title for a value: masked, or the decoded text when revealed. */
export function secretLensTitle(decoded: DecodedSecretValue, revealed: boolean): string {
  switch (decoded.kind) {
    case 'invalid':
      return `invalid base64: ${decoded.reason}`;
    case 'binary':
      return `binary value (${describeByteLength(decoded.byteLength)}, not UTF-8 text)`;
    case 'text': {
      const newline = decoded.trailingNewline ? ', ends with a newline' : '';
      if (!revealed) return `${MASK}  (${describeByteLength(decoded.byteLength)}${newline}, click to reveal)`;
      return `${shown(decoded.text)}  (click to hide)`;
    }
  }
}

/** Decoded text on one line: line breaks shown as ⏎, long values cut. */
function shown(text: string): string {
  if (text === '') return '(empty)';
  const oneLine = text.replace(/\r?\n/g, '⏎');
  return oneLine.length > MAX_SHOWN ? `${oneLine.slice(0, MAX_SHOWN - 1)}…` : oneLine;
}

/** The base64 text of a `data` value as written in the source (quotes, block header and line breaks removed). */
export function encodedFromSource(source: string): string {
  let text = source;
  if (/^[|>]/.test(text)) text = text.slice(text.indexOf('\n') + 1);
  else if (/^["']/.test(text)) text = text.slice(1, text.endsWith(text[0]) ? -1 : undefined);
  return text.replace(/\s+/g, '');
}
