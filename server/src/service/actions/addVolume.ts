// sts-volume-mount-unknown: a volumeMount names neither a pod volume nor a claim template.
// Offer both: a per-pod claim template (the usual intent in a StatefulSet) and an emptyDir volume.
import { isKind, STATEFUL_SET } from '../kinds';
import { CodeActionKind, type CodeAction, type TextEdit } from 'vscode-languageserver-types';
import { isMap } from 'yaml';
import { mapAt, stringAt } from '../yaml/access';
import { appendUnderKey, NoObviousEdit, pathAt, quotedLike, replaceNode, scalarAtOffset } from './edits';
import { dataOf, type FixContext, type QuickFix } from './types';

export const addVolume: QuickFix = {
  codes: ['sts-volume-mount-unknown'],
  provide(ctx) {
    const resource = ctx.document.resource;
    if (!resource) return [];
    const name = mountName(ctx);
    if (!name) return [];
    const spec = mapAt(resource.root, ['spec']);
    const podSpec = mapAt(resource.root, ['spec', 'template', 'spec']);
    const out: CodeAction[] = [];
    const suggestion = dataOf(ctx.diagnostic).suggestion;
    const nameScalar = scalarAtOffset(ctx.document.yaml, ctx.diagnosticStart);
    if (typeof suggestion === 'string' && nameScalar && String(nameScalar.value) === name) {
      out.push(action(ctx, `Mount "${suggestion}" instead`, replaceNode(ctx.file, nameScalar, quotedLike(nameScalar, suggestion)), true));
    }
    if (spec && isKind(resource, STATEFUL_SET)) {
      const template = {
        metadata: { name },
        spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
      };
      const edit = attempt(() => appendUnderKey(ctx.file, spec, 'volumeClaimTemplates', [template]));
      if (edit) out.push(action(ctx, `Add volumeClaimTemplate "${name}" (one PVC per pod)`, edit, out.length === 0));
    }
    if (podSpec) {
      const edit = attempt(() => appendUnderKey(ctx.file, podSpec, 'volumes', [{ name, emptyDir: {} }]));
      if (edit) out.push(action(ctx, `Add emptyDir volume "${name}"`, edit, false));
    }
    return out;
  },
};

function mountName(ctx: FixContext): string | undefined {
  const data = dataOf(ctx.diagnostic);
  for (const key of ['name', 'mountName']) if (typeof data[key] === 'string') return data[key] as string;
  const found = pathAt(ctx.document.yaml, ctx.diagnosticStart);
  const at = found.path.lastIndexOf('volumeMounts');
  const mount = at >= 0 ? found.nodes[at + 2] : undefined;
  return isMap(mount) ? stringAt(mount, ['name']) : undefined;
}

function action(ctx: FixContext, title: string, edit: TextEdit, preferred: boolean): CodeAction {
  return { title, kind: CodeActionKind.QuickFix, diagnostics: [ctx.diagnostic], isPreferred: preferred, edit: { changes: { [ctx.uri]: [edit] } } };
}

function attempt(make: () => TextEdit): TextEdit | undefined {
  try {
    return make();
  } catch (error) {
    if (error instanceof NoObviousEdit) return undefined;
    throw error;
  }
}
