// Schema "unknown field — did you mean" diagnostics: rename the key to the suggested field.
import { CodeActionKind, type CodeAction } from 'vscode-languageserver-types';
import { isMap, type Node } from 'yaml';
import { hitAt } from '../parse/hitAt';
import { nodeAt } from '../yaml/access';
import { replaceOffsets } from './edits';
import type { QuickFix } from './types';

const DID_YOU_MEAN = /^unknown field "(.+)" — did you mean "(.+)"\?$/;

export const renameField: QuickFix = {
  codes: ['schema'],
  matches: (diagnostic) => DID_YOU_MEAN.test(diagnostic.message),
  provide(ctx) {
    const [, field, suggestion] = DID_YOU_MEAN.exec(ctx.diagnostic.message) ?? [];
    if (!suggestion || ctx.file.text.slice(ctx.diagnosticStart, ctx.diagnosticEnd) !== field) return [];
    // When the map already has the suggested key, renaming would make a duplicate key (found by the fuzz test).
    const hit = hitAt(ctx.file, ctx.diagnosticStart);
    const parent = hit?.on === 'key' ? nodeAt(hit.document.yaml.contents as Node | null, hit.path.slice(0, -1)) : undefined;
    if (!isMap(parent) || parent.has(suggestion)) return [];
    const action: CodeAction = {
      title: `Rename "${field}" to "${suggestion}"`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [ctx.diagnostic],
      isPreferred: true,
      edit: { changes: { [ctx.uri]: [replaceOffsets(ctx.file, ctx.diagnosticStart, ctx.diagnosticEnd, suggestion)] } },
    };
    return [action];
  },
};
