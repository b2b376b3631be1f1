// go-yaml (and libyaml), which kubectl reads manifests with, accept a multi-line quoted scalar whose
// continuation lines are not indented past the key that holds it:
//
//   annotations:
//     pod.alpha.kubernetes.io/init-containers: '[
//         {"name": "install"}
//     ]'                          <- at the key's own indentation
//
// The `yaml` package follows the YAML spec and reports "Missing closing quote", which would hide
// every other finding of the document. Such documents are parsed again from a copy of the text in
// which the line break before each under-indented continuation line is a space: the same length,
// so every offset and line stays true, and the scalar's value is then folded from the real text.
import { isScalar, parseDocument, visit, type Document, type Scalar } from 'yaml';

/** Whether a document failed on an unterminated quoted scalar (the only case repaired here). */
export function hasUnclosedQuote(yaml: Document.Parsed): boolean {
  return yaml.errors.some((e) => e.code === 'MISSING_CHAR' && /quote/i.test(e.message));
}

/**
 * The text with the line break before every under-indented continuation line of a multi-line
 * quoted value replaced by a space, and the offsets of those line breaks; undefined when there is none.
 */
export function joinUnderIndentedQuoteLines(text: string): { text: string; joined: number[] } | undefined {
  const joined: number[] = [];
  const lines = text.split('\n');
  let offset = 0;
  let open: { quote: string; indent: number } | undefined;
  for (const line of lines) {
    const lineStart = offset;
    offset += line.length + 1;
    if (open) {
      const trimmed = line.replace(/^[ \t]+/, '');
      const indent = line.length - trimmed.length;
      if (trimmed !== '' && indent <= open.indent && !/^(---|\.\.\.)/.test(line)) joined.push(lineStart - 1);
      if (closes(trimmed, open.quote)) open = undefined;
      continue;
    }
    // A value that opens a quote and does not close it on its line: `key: '…` or `- '…`.
    const match = /^([ \t]*)(?:- +)*(?:[^'"#\s][^#]*?:[ \t]+|- +)(['"])(.*)$/.exec(line);
    if (!match || closes(match[3], match[2])) continue;
    open = { quote: match[2], indent: match[1].length };
  }
  if (joined.length === 0) return undefined;
  const chars = text.split('');
  for (const at of joined) chars[at] = ' ';
  return { text: chars.join(''), joined };
}

/** Whether the rest of a line closes a quoted scalar ('' and \" are escapes, not ends). */
function closes(rest: string, quote: string): boolean {
  for (let i = 0; i < rest.length; i++) {
    const c = rest[i];
    if (quote === '"' && c === '\\') {
      i++;
      continue;
    }
    if (c !== quote) continue;
    if (quote === "'" && rest[i + 1] === "'") {
      i++;
      continue;
    }
    return true;
  }
  return false;
}

/** Gives each quoted scalar spanning a joined line break the value folded from the original text. */
export function refoldJoinedScalars(yaml: Document.Parsed, original: string, joined: number[]): void {
  visit(yaml, {
    Scalar(_key, node: Scalar) {
      if (!isScalar(node) || !node.range || (node.type !== 'QUOTE_SINGLE' && node.type !== 'QUOTE_DOUBLE')) return;
      const [start, end] = node.range;
      if (!joined.some((at) => at > start && at < end)) return;
      // Standalone, every continuation line indented past the key: the spec's folding applies.
      const source = original.slice(start, end).replace(/\n/g, '\n ');
      const value = parseDocument(`x: ${source}`).get('x');
      if (typeof value === 'string') node.value = value;
    },
  });
}
