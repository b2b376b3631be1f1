// deprecated-api-version: switch to the apiVersion that replaced a removed one. apps/v1 also
// requires spec.selector, so workloads without one get it from the pod template's labels.
import { CodeActionKind, type CodeAction, type TextEdit } from 'vscode-languageserver-types';
import { removedApi } from '../schema/removedApis';
import { mapAt, scalarAt, stringMap } from '../yaml/access';
import { insertIntoMap, replaceNode } from './edits';
import type { QuickFix } from './types';

export const replaceApiVersion: QuickFix = {
  codes: ['deprecated-api-version'],
  provide(ctx) {
    const resource = ctx.document.resource;
    if (!resource) return [];
    const replacement = removedApi(resource.apiVersion, resource.kind)?.replacement;
    const node = scalarAt(resource.root, ['apiVersion']);
    if (!replacement || !node) return [];
    const edits: TextEdit[] = [replaceNode(ctx.file, node, replacement)];
    const spec = mapAt(resource.root, ['spec']);
    let addsSelector = false;
    if (replacement === 'apps/v1' && spec && !spec.has('selector')) {
      const labels = stringMap(mapAt(spec, ['template', 'metadata', 'labels']));
      if (Object.keys(labels).length > 0) {
        edits.push(insertIntoMap(ctx.file, spec, { selector: { matchLabels: labels } }));
        addsSelector = true;
      }
    }
    const action: CodeAction = {
      title: `Use apiVersion ${replacement}${addsSelector ? ' (and add the selector it requires)' : ''}`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [ctx.diagnostic],
      isPreferred: true,
      edit: { changes: { [ctx.uri]: edits } },
    };
    return [action];
  },
};
