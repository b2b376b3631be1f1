// Quantity fixes. quantity-decimal-suffix: `1G` is 10^9 bytes; storage sizes are nearly always meant
// in binary units, so offer `1Gi`. quantity-invalid: every did-you-mean the rule found (`10GB` ->
// `10Gi` or `10G`, `1 Gi` -> `1Gi`, `2gi` -> `2Gi`) is offered as its own fix. Quotes are kept.
import { CodeActionKind, type CodeAction } from 'vscode-languageserver-types';
import { scalarAtOffset, replaceOffsets } from './edits';
import { dataOf, type FixContext, type QuickFix } from './types';

const DECIMAL = /^(\d+(?:\.\d+)?)([kKMGTPE])$/;

export function binaryQuantity(value: string): string | undefined {
  const match = DECIMAL.exec(value.trim());
  if (!match) return undefined;
  return `${match[1]}${match[2].toUpperCase()}i`;
}

export const quantitySuffix: QuickFix = {
  codes: ['quantity-decimal-suffix', 'quantity-invalid'],
  provide(ctx) {
    const scalar = scalarAtOffset(ctx.document.yaml, ctx.diagnosticStart);
    if (!scalar?.range) return [];
    const data = dataOf(ctx.diagnostic);
    // The rule's replacements are the whole value in its own quoting style.
    const replacements = Array.isArray(data.replacements)
      ? data.replacements.filter((r): r is string => typeof r === 'string')
      : typeof data.replacement === 'string' ? [data.replacement] : [];
    if (replacements.length) {
      return replacements.map((replacement, i) => fix(ctx, replaceOffsets(ctx.file, scalar.range![0], scalar.range![1], replacement), replacement.replace(/^["']|["']$/g, ''), i === 0));
    }
    if (ctx.diagnostic.code !== 'quantity-decimal-suffix') return [];
    // A diagnostic without data (from an older server or a client that dropped it): work it out here.
    const value = String(scalar.value);
    const shown = binaryQuantity(value);
    const at = ctx.file.text.slice(scalar.range[0], scalar.range[1]).indexOf(value);
    if (!shown || at < 0) return [];
    return [fix(ctx, replaceOffsets(ctx.file, scalar.range[0] + at, scalar.range[0] + at + value.length, shown), shown, true)];
  },
};

function fix(ctx: FixContext, edit: ReturnType<typeof replaceOffsets>, shown: string, isPreferred: boolean): CodeAction {
  return {
    title: `Use ${shown}`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [ctx.diagnostic],
    isPreferred,
    edit: { changes: { [ctx.uri]: [edit] } },
  };
}
