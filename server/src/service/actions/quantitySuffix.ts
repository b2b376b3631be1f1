// quantity-decimal-suffix: `1G` is 10^9 bytes; storage sizes are nearly always meant in binary
// units, so offer `1Gi` (and keep any quotes the value had).
import { CodeActionKind, type CodeAction } from 'vscode-languageserver-types';
import { scalarAtOffset, replaceOffsets } from './edits';
import { dataOf, type QuickFix } from './types';

const DECIMAL = /^(\d+(?:\.\d+)?)([kKMGTPE])$/;

export function binaryQuantity(value: string): string | undefined {
  const match = DECIMAL.exec(value.trim());
  if (!match) return undefined;
  return `${match[1]}${match[2].toUpperCase()}i`;
}

export const quantitySuffix: QuickFix = {
  codes: ['quantity-decimal-suffix'],
  provide(ctx) {
    const scalar = scalarAtOffset(ctx.document.yaml, ctx.diagnosticStart);
    if (!scalar?.range) return [];
    const value = String(scalar.value);
    const replacement = dataOf(ctx.diagnostic).replacement;
    // The rule's replacement is the whole value in its own quoting style; otherwise compute it here.
    let edit;
    let shown: string | undefined;
    if (typeof replacement === 'string') {
      edit = replaceOffsets(ctx.file, scalar.range[0], scalar.range[1], replacement);
      shown = replacement.replace(/^["']|["']$/g, '');
    } else {
      shown = binaryQuantity(value);
      const at = ctx.file.text.slice(scalar.range[0], scalar.range[1]).indexOf(value);
      if (!shown || at < 0) return [];
      edit = replaceOffsets(ctx.file, scalar.range[0] + at, scalar.range[0] + at + value.length, shown);
    }
    const action: CodeAction = {
      title: `Use ${shown}`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [ctx.diagnostic],
      isPreferred: true,
      edit: { changes: { [ctx.uri]: [edit] } },
    };
    return [action];
  },
};
