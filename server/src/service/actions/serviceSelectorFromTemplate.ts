// sts-service-selector-mismatch: the governing Service (usually another file) selects none of the
// StatefulSet's pods. Make its selector the pod template's labels.
import { kindId, SERVICE } from '../kinds';
import { CodeActionKind, type CodeAction, type TextEdit } from 'vscode-languageserver-types';
import { mapAt, scalarAt, stringMap } from '../yaml/access';
import { insertUnderKey } from './edits';
import { makeMapEqual } from './selectorFromTemplate';
import { dataOf, type QuickFix } from './types';

export const serviceSelectorFromTemplate: QuickFix = {
  codes: ['sts-service-selector-mismatch'],
  provide(ctx) {
    const resource = ctx.document.resource;
    if (!resource) return [];
    const labels = stringMap(mapAt(resource.root, ['spec', 'template', 'metadata', 'labels']));
    if (Object.keys(labels).length === 0) return [];
    const data = dataOf(ctx.diagnostic);
    const name = String(data.serviceName ?? scalarAt(resource.root, ['spec', 'serviceName'])?.value ?? '');
    const candidates = ctx.index.find(kindId(SERVICE), name, ctx.index.namespaceOf(resource));
    const target = candidates.find((c) => c.uri === data.serviceUri) ?? candidates[0];
    const file = target && ctx.documents.parsed(target.uri);
    const spec = target && mapAt(target.resource.root, ['spec']);
    if (!target || !file || !spec) return [];
    const selector = mapAt(spec, ['selector']);
    const edits: TextEdit[] | undefined = selector && selector.items.length > 0 && !selector.flow ? makeMapEqual(file, selector, labels) : [insertUnderKey(file, spec, 'selector', labels)];
    if (!edits || edits.length === 0) return [];
    const action: CodeAction = {
      title: `Set Service "${name}" selector to the pod template labels`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [ctx.diagnostic],
      isPreferred: true,
      edit: { changes: { [target.uri]: edits } },
    };
    return [action];
  },
};
