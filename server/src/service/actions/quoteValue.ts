// yaml11-implicit-type: the cluster reads `yes`, `on`, `1.10`, `0777` with YAML 1.1 rules (a
// boolean, the float 1.1, octal 511). Quoting keeps the text exactly as written.
import { CodeActionKind, type CodeAction } from 'vscode-languageserver-types';
import { Scalar } from 'yaml';
import { replaceNode, scalarAtOffset } from './edits';
import type { QuickFix } from './types';

export const quoteValue: QuickFix = {
  // Also the schema's "must be a string, got the boolean true (... quote the value)" errors.
  codes: ['yaml11-implicit-type', 'schema'],
  matches: (diagnostic) => diagnostic.code === 'yaml11-implicit-type' || /quote the value/.test(diagnostic.message),
  provide(ctx) {
    const scalar = scalarAtOffset(ctx.document.yaml, ctx.diagnosticStart);
    if (!scalar?.range || (scalar.type && scalar.type !== Scalar.PLAIN)) return [];
    const source = ctx.file.text.slice(scalar.range[0], scalar.range[1]);
    const action: CodeAction = {
      title: `Quote ${source} to keep it a string`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [ctx.diagnostic],
      isPreferred: true,
      edit: { changes: { [ctx.uri]: [replaceNode(ctx.file, scalar, JSON.stringify(source))] } },
    };
    return [action];
  },
};
