// sts-service-not-headless: set `clusterIP: None` on the governing Service (usually in another
// file). A headless Service must be of type ClusterIP, so a NodePort/LoadBalancer type and its
// nodePorts go too.
import { kindId, SERVICE } from '../kinds';
import { CodeActionKind, type CodeAction, type TextEdit } from 'vscode-languageserver-types';
import { isMap, isScalar, type Pair } from 'yaml';
import { items, mapAt, scalarAt, seqAt } from '../yaml/access';
import { deletePair, insertAtMapStart, replaceNode } from './edits';
import { dataOf, type QuickFix } from './types';

export const makeServiceHeadless: QuickFix = {
  codes: ['sts-service-not-headless'],
  provide(ctx) {
    const resource = ctx.document.resource;
    if (!resource) return [];
    const data = dataOf(ctx.diagnostic);
    const name = String(data.serviceName ?? scalarAt(resource.root, ['spec', 'serviceName'])?.value ?? '');
    const candidates = ctx.index.find(kindId(SERVICE), name, ctx.index.namespaceOf(resource));
    const target = candidates.find((c) => c.uri === data.serviceUri) ?? candidates[0];
    if (!target) return [];
    const file = ctx.documents.parsed(target.uri);
    const spec = mapAt(target.resource.root, ['spec']);
    if (!file || !spec) return [];
    const edits: TextEdit[] = [];
    const clusterIP = scalarAt(spec, ['clusterIP']);
    if (clusterIP) edits.push(replaceNode(file, clusterIP, 'None'));
    const type = scalarAt(spec, ['type']);
    if (type && type.value !== 'ClusterIP') {
      edits.push(replaceNode(file, type, 'ClusterIP'));
      for (const port of items(seqAt(spec, ['ports']))) {
        if (!isMap(port)) continue;
        const nodePort = (port.items as Pair[]).find((p) => isScalar(p.key) && p.key.value === 'nodePort');
        const removal = nodePort && deletePair(file, nodePort);
        if (removal) edits.push(removal);
      }
    }
    if (!clusterIP) edits.push(insertAtMapStart(file, spec, { clusterIP: 'None' }));
    const action: CodeAction = {
      title: `Make Service "${name}" headless (clusterIP: None)`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [ctx.diagnostic],
      isPreferred: true,
      edit: { changes: { [target.uri]: edits } },
    };
    return [action];
  },
};
