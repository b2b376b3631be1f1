// ref-configmap-key-missing / ref-secret-key-missing: add the key a reference asks for to the
// ConfigMap or Secret it names (usually another file), with an empty value to fill in.
import { CONFIG_MAP, kindId, SECRET } from '../kinds';
import { CodeActionKind, type CodeAction } from 'vscode-languageserver-types';
import { isMap, type Node } from 'yaml';
import { mapAt, stringAt } from '../yaml/access';
import { insertUnderKey, pathAt, quotedLike, replaceNode, scalarAtOffset } from './edits';
import { dataOf, type FixContext, type QuickFix } from './types';

export const addReferencedKey: QuickFix = {
  codes: ['ref-configmap-key-missing', 'ref-secret-key-missing'],
  provide(ctx) {
    const resource = ctx.document.resource;
    if (!resource) return [];
    const holder = ctx.diagnostic.code === 'ref-secret-key-missing' ? SECRET : CONFIG_MAP;
    const ref = referenceOf(ctx);
    if (!ref) return [];
    const namespace = typeof dataOf(ctx.diagnostic).namespace === 'string' ? String(dataOf(ctx.diagnostic).namespace) : ctx.index.namespaceOf(resource);
    const targets = ctx.index.find(kindId(holder), ref.name, namespace);
    const target = targets.find((t) => t.uri === dataOf(ctx.diagnostic).targetUri) ?? targets[0];
    const file = target && ctx.documents.parsed(target.uri);
    if (!target || !file) return [];
    const out: CodeAction[] = [];
    // A near miss ("passwrd" for "password"): using the existing key is the likelier fix.
    const suggestion = dataOf(ctx.diagnostic).suggestion;
    const keyScalar = scalarAtOffset(ctx.document.yaml, ctx.diagnosticStart);
    if (typeof suggestion === 'string' && keyScalar && String(keyScalar.value) === ref.key) {
      out.push({ title: `Use key "${suggestion}"`, kind: CodeActionKind.QuickFix, diagnostics: [ctx.diagnostic], isPreferred: true, edit: { changes: { [ctx.uri]: [replaceNode(ctx.file, keyScalar, quotedLike(keyScalar, suggestion))] } } });
    }
    const root = target.resource.root;
    // A Secret written with stringData gets the key there; otherwise `data` (an empty value is valid base64).
    const field = holder === SECRET && mapAt(root, ['stringData']) && !mapAt(root, ['data']) ? 'stringData' : 'data';
    const edit = insertUnderKey(file, root, field, { [ref.key]: '' });
    const action: CodeAction = {
      title: `Add key "${ref.key}" to ${holder.kind} "${ref.name}"`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [ctx.diagnostic],
      isPreferred: out.length === 0,
      edit: { changes: { [target.uri]: [edit] } },
    };
    return [...out, action];
  },
};

/** The referenced name and key: from the diagnostic's data, or from the reference around it. */
function referenceOf(ctx: FixContext): { name: string; key: string } | undefined {
  const data = dataOf(ctx.diagnostic);
  const name = data.name ?? data.configMapName ?? data.secretName;
  if (typeof name === 'string' && typeof data.key === 'string') return { name, key: data.key };
  const found = pathAt(ctx.document.yaml, ctx.diagnosticStart);
  const maps = found.nodes.filter(isMap);
  for (let i = maps.length - 1; i >= 0; i--) {
    const map = maps[i];
    const key = stringAt(map, ['key']);
    if (key === undefined) continue;
    // configMapKeyRef / secretKeyRef: name and key side by side.
    const own = stringAt(map, ['name']);
    if (own !== undefined && !stringAt(map, ['path'])) return { name: own, key };
    // volume `items: - key: x, path: y` under `configMap: {name}` / `secret: {secretName}`.
    for (let j = i - 1; j >= 0; j--) {
      const owner = stringAt(maps[j] as Node, ['name']) ?? stringAt(maps[j] as Node, ['secretName']);
      if (owner !== undefined) return { name: owner, key };
    }
  }
  return undefined;
}
