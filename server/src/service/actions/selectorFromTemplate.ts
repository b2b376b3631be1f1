// sts-selector-mismatch: make spec.selector.matchLabels equal the pod template's labels, editing
// only the entries that differ (the selector is immutable in the cluster, so say so in the title).
import { CodeActionKind, type CodeAction, type TextEdit } from 'vscode-languageserver-types';
import type { YAMLMap } from 'yaml';
import { entries, mapAt, seqAt, stringMap } from '../yaml/access';
import { deletePair, insertIntoMap, insertUnderKey, renderScalar, replaceNode, replaceOffsets } from './edits';
import type { ParsedFile } from '../types';
import type { QuickFix } from './types';

export const selectorFromTemplate: QuickFix = {
  codes: ['sts-selector-mismatch'],
  provide(ctx) {
    const resource = ctx.document.resource;
    const spec = resource && mapAt(resource.root, ['spec']);
    if (!resource || !spec) return [];
    const labels = stringMap(mapAt(spec, ['template', 'metadata', 'labels']));
    if (Object.keys(labels).length === 0) return [];
    // matchExpressions mean the user wrote a set-based selector on purpose: not an obvious fix.
    if (seqAt(spec, ['selector', 'matchExpressions'])) return [];
    const file = ctx.file;
    const edits: TextEdit[] = [];
    const matchLabels = mapAt(spec, ['selector', 'matchLabels']);
    const selector = mapAt(spec, ['selector']);
    if (!matchLabels) {
      edits.push(selector ? insertUnderKey(file, selector, 'matchLabels', labels) : insertUnderKey(file, spec, 'selector', { matchLabels: labels }));
    } else {
      const changes = makeMapEqual(file, matchLabels, labels);
      if (!changes) return [];
      edits.push(...changes);
    }
    if (edits.length === 0) return [];
    return [action(ctx, edits)];
  },
};

function action(ctx: Parameters<QuickFix['provide']>[0], edits: TextEdit[]): CodeAction {
  return {
    title: 'Copy the pod template labels into spec.selector.matchLabels',
    kind: CodeActionKind.QuickFix,
    diagnostics: [ctx.diagnostic],
    isPreferred: true,
    edit: { changes: { [ctx.uri]: edits } },
  };
}

/**
 * Edits that make a block map of labels equal `labels`: differing values replaced, extra entries
 * rewritten into missing ones in place (so no insertion touches a deletion), the rest deleted or
 * appended. Undefined when an entry cannot be deleted on its own lines.
 */
export function makeMapEqual(file: ParsedFile, map: YAMLMap, labels: Record<string, string>): TextEdit[] | undefined {
  const edits: TextEdit[] = [];
  const current = stringMap(map);
  const present = new Set(entries(map).map((e) => e.key));
  const extras = entries(map).filter((e) => !(e.key in labels));
  const missing = Object.entries(labels).filter(([key]) => !present.has(key));
  for (const entry of entries(map)) {
    if (!(entry.key in labels) || current[entry.key] === labels[entry.key]) continue;
    // A null or non-scalar value (`app:`, `app: {}`) is replaced too.
    if (entry.value?.range) edits.push(replaceNode(file, entry.value, renderScalar(labels[entry.key])));
    else {
      const colon = file.text.indexOf(':', entry.keyNode.range![1]);
      edits.push(replaceOffsets(file, colon + 1, colon + 1, ` ${renderScalar(labels[entry.key])}`));
    }
  }
  while (extras.length > 0 && missing.length > 0) {
    const extra = extras.shift()!;
    const [key, value] = missing.shift()!;
    const end = extra.value?.range?.[1] ?? extra.keyNode.range![1];
    edits.push(replaceOffsets(file, extra.keyNode.range![0], end, `${renderScalar(key)}: ${renderScalar(value)}`));
  }
  for (const extra of extras) {
    const removal = deletePair(file, extra.pair);
    if (!removal) return undefined;
    edits.push(removal);
  }
  if (missing.length > 0) edits.push(insertIntoMap(file, map, Object.fromEntries(missing)));
  return edits;
}
