// Context key `k8sStateful.inSecret`: true while the cursor is inside a Secret resource, so the
// Secret commands show in the editor's context menu only there (not in CI workflows or ConfigMaps).
// Worked out here from the text around the cursor: it changes on every cursor move, and a round
// trip to the server for a menu's visibility would lag behind right-clicks.
import * as vscode from 'vscode';

export const IN_SECRET_CONTEXT_KEY = 'k8sStateful.inSecret';

/** Lines scanned each way from the cursor before giving up (a Secret is rarely that long). */
const MAX_SCAN_LINES = 20_000;
const DOCUMENT_BOUNDARY = /^(?:---|\.\.\.)(?:\s|$)/;
const SECRET_KIND = /^kind:\s*(["']?)Secret\1\s*(?:#.*)?$/;

/** Whether the `---` document holding `line` declares `kind: Secret` at its top level. */
export function isInSecret(lineAt: (line: number) => string, lineCount: number, line: number): boolean {
  for (let i = line, n = 0; i >= 0 && n < MAX_SCAN_LINES; i--, n++) {
    const text = lineAt(i);
    if (i !== line && DOCUMENT_BOUNDARY.test(text)) break;
    if (SECRET_KIND.test(text)) return true;
  }
  for (let i = line + 1, n = 0; i < lineCount && n < MAX_SCAN_LINES; i++, n++) {
    const text = lineAt(i);
    if (DOCUMENT_BOUNDARY.test(text)) break;
    if (SECRET_KIND.test(text)) return true;
  }
  return false;
}

export function registerSecretContext(context: vscode.ExtensionContext): void {
  let current: boolean | undefined;
  const update = (editor: vscode.TextEditor | undefined) => {
    const doc = editor?.document;
    const value = !!doc && doc.languageId === 'yaml' && isInSecret((i) => doc.lineAt(i).text, doc.lineCount, editor!.selection.active.line);
    if (value === current) return;
    current = value;
    void vscode.commands.executeCommand('setContext', IN_SECRET_CONTEXT_KEY, value);
  };
  context.subscriptions.push(
    vscode.window.onDidChangeActiveTextEditor(update),
    vscode.window.onDidChangeTextEditorSelection((e) => update(e.textEditor)),
    vscode.workspace.onDidChangeTextDocument((e) => {
      const editor = vscode.window.activeTextEditor;
      if (editor?.document === e.document) update(editor);
    }),
  );
  update(vscode.window.activeTextEditor);
}
