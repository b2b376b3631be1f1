// Refactors that write decoded Secret values (data -> stringData, decode one entry) must not send
// those values to the client until the user picks one. VS Code asks for code actions on every
// cursor move, and a `k8sStateful.trace.server: verbose` trace logs every response: an eager
// edit would put the decoded values into the output channel. So these actions go out without
// their edit, and `codeAction/resolve` computes it when the user applies the action.
import type { CodeAction, Range } from 'vscode-languageserver-types';
import type { LanguageService } from './service';
import { DECODE_ENTRY_KIND, TO_STRING_DATA_KIND } from './service/actions/secretRefactors';

const DECODING_KINDS = new Set<string>([TO_STRING_DATA_KIND, DECODE_ENTRY_KIND]);

interface Deferred {
  k8sStatefulDeferred: { uri: string; range: Range; kind: string; title: string };
}

function isDeferred(data: unknown): data is Deferred {
  return !!data && typeof data === 'object' && 'k8sStatefulDeferred' in data;
}

/** The actions with the edits of decoding refactors withheld (to be resolved on demand). */
export function withholdDecodedEdits(actions: CodeAction[], uri: string, range: Range): CodeAction[] {
  return actions.map((action) => {
    if (!action.edit || !action.kind || !DECODING_KINDS.has(action.kind)) return action;
    const { edit: _withheld, ...rest } = action;
    const data: Deferred = { k8sStatefulDeferred: { uri, range, kind: action.kind, title: action.title } };
    return { ...rest, data };
  });
}

/** `codeAction/resolve`: recompute a withheld action on the current text and return it with its edit. */
export function resolveDecodedEdit(service: LanguageService, action: CodeAction): CodeAction {
  if (!isDeferred(action.data)) return action;
  const { uri, range, kind, title } = action.data.k8sStatefulDeferred;
  const fresh = service.getCodeActions(uri, range, [], [kind]).find((a) => a.kind === kind && a.title === title);
  // The text changed so much that the action no longer applies: return it without an edit.
  return fresh?.edit ? { ...action, edit: fresh.edit } : action;
}
