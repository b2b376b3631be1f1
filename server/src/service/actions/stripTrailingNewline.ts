// secret-trailing-newline: a Secret value ending in a line break (`echo` without `-n`) breaks
// logins. In `data` the value is re-encoded without it; in `stringData` a `|` block becomes `|-`.
import { CodeActionKind, type CodeAction, type TextEdit } from 'vscode-languageserver-types';
import { Scalar } from 'yaml';
import { decodeBase64, encodeBase64, withoutTrailingNewline } from '../../../../common/secretData';
import type { ParsedFile } from '../types';
import { pathAt, replaceNode, replaceOffsets } from './edits';
import { dataOf, type QuickFix } from './types';

export const stripTrailingNewline: QuickFix = {
  codes: ['secret-trailing-newline'],
  provide(ctx) {
    const found = pathAt(ctx.document.yaml, ctx.diagnosticStart);
    const scalar = found.pair?.value;
    if (!(scalar instanceof Scalar) || !scalar.range) return [];
    const field = found.path[0];
    const replacement = dataOf(ctx.diagnostic).replacement;
    const edit =
      field === 'data' && typeof replacement === 'string'
        ? replaceNode(ctx.file, scalar, replacement)
        : field === 'data' ? dataEdit(ctx.file, scalar) : field === 'stringData' ? stringDataEdit(ctx.file, scalar) : undefined;
    if (!edit) return [];
    const action: CodeAction = {
      title: 'Remove the trailing newline from the value',
      kind: CodeActionKind.QuickFix,
      diagnostics: [ctx.diagnostic],
      isPreferred: true,
      edit: { changes: { [ctx.uri]: [edit] } },
    };
    return [action];
  },
};

function dataEdit(file: ParsedFile, scalar: Scalar): TextEdit | undefined {
  const decoded = decodeBase64(String(scalar.value));
  if (!decoded.ok) return undefined;
  const encoded = encodeBase64(withoutTrailingNewline(decoded.bytes));
  const quote = scalar.type === Scalar.QUOTE_DOUBLE ? '"' : scalar.type === Scalar.QUOTE_SINGLE ? "'" : '';
  return replaceNode(file, scalar, `${quote}${encoded}${quote}`);
}

function stringDataEdit(file: ParsedFile, scalar: Scalar): TextEdit | undefined {
  const value = String(scalar.value);
  if (scalar.type === Scalar.BLOCK_LITERAL || scalar.type === Scalar.BLOCK_FOLDED) {
    // Only the header's chomping indicator changes: `|`/`|+` -> `|-`, indentation digits kept.
    const start = scalar.range![0];
    const header = /^([|>])([0-9]?)([+-]?)([0-9]?)/.exec(file.text.slice(start));
    if (!header) return undefined;
    return replaceOffsets(file, start, start + header[0].length, `${header[1]}-${header[2] || header[4]}`);
  }
  return replaceNode(file, scalar, JSON.stringify(value.replace(/[\r\n]+$/, '')));
}
