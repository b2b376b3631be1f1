// Secret commands on the VS Code side: reveal/hide a value in its code lens, copy the decoded value,
// edit it decoded (re-encoded in place as one undoable edit), encode/decode the selection, and
// convert a Secret between data and stringData (the server computes that edit as a refactor).
//
// Decoded values stay in this process: they are shown in lens titles and the input box, written
// to the clipboard or the document on request, and never logged or put into messages.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { encodeBase64 } from '../../../common/secretData';
import { decodeSecretValue } from '../../../common/secretValue';
import { SECRET_COMMANDS, type SecretValueRef } from '../../../common/protocol';
import { encodedFromSource, MASK, secretLensTitle } from '../../../common/secretTitles';

export const SECRET_COMMAND_IDS = {
  ...SECRET_COMMANDS,
  encodeSelection: 'k8sStateful.secret.encodeSelection',
  decodeSelection: 'k8sStateful.secret.decodeSelection',
  convertToStringData: 'k8sStateful.secret.convertToStringData',
  convertToData: 'k8sStateful.secret.convertToData',
} as const;

const SHOW_DECODED = 'k8sStateful.secrets.showDecoded';
const CONVERT_KINDS = {
  toStringData: 'refactor.rewrite.secret.toStringData',
  toData: 'refactor.rewrite.secret.toData',
};

/** Values revealed by the user in this session: per document, Secret and key; never persisted. */
const revealed = new Set<string>();
const refId = (ref: SecretValueRef) => `${ref.uri}\u0000${ref.documentIndex}\u0000${ref.key}`;

function showDecoded(): boolean {
  return vscode.workspace.getConfiguration().get<boolean>(SHOW_DECODED, false) === true;
}

export function registerSecretCommands(context: vscode.ExtensionContext, client: LanguageClient): void {
  installLensMiddleware(client);
  const refreshLenses = () => {
    for (const editor of vscode.window.visibleTextEditors) {
      client.getFeature('textDocument/codeLens')?.getProvider(editor.document)?.onDidChangeCodeLensEmitter.fire();
    }
  };
  const register = (id: string, run: (...args: any[]) => unknown) => context.subscriptions.push(vscode.commands.registerCommand(id, run));

  register(SECRET_COMMAND_IDS.toggleReveal, async (ref?: SecretValueRef) => {
    const target = await currentRef(ref);
    if (!target) return;
    const id = refId(target);
    if (revealed.has(id)) revealed.delete(id);
    else revealed.add(id);
    refreshLenses();
  });

  register(SECRET_COMMAND_IDS.copyDecoded, async (ref?: SecretValueRef) => {
    const value = await decodedAt(ref);
    if (!value) return;
    await vscode.env.clipboard.writeText(value.text);
    void vscode.window.setStatusBarMessage(`Copied the decoded value of "${value.ref.key}"`, 3000);
  });

  // `newValue` lets tests (and other extensions) skip the input box.
  register(SECRET_COMMAND_IDS.editDecoded, async (ref?: SecretValueRef, newValue?: string) => {
    const value = await decodedAt(ref);
    if (!value) return false;
    const { document, range } = value;
    const plain = showDecoded() || revealed.has(refId(value.ref));
    const input =
      typeof newValue === 'string'
        ? newValue
        : await vscode.window.showInputBox({
            title: `Edit "${value.ref.key}" (decoded)`,
            prompt: 'Saved base64-encoded in place; undo restores the old value.',
            value: value.text,
            password: !plain,
          });
    if (input === undefined) return false;
    const source = document.getText(range);
    const quote = /^["']/.test(source) ? source[0] : '';
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, range, `${quote}${encodeBase64(input)}${quote}`);
    return vscode.workspace.applyEdit(edit);
  });

  register(SECRET_COMMAND_IDS.encodeSelection, () => transformSelections((text) => encodeBase64(text)));
  register(SECRET_COMMAND_IDS.decodeSelection, () =>
    transformSelections((text) => {
      const decoded = decodeSecretValue(text.trim());
      if (decoded.kind === 'text') return decoded.text;
      throw new Error(decoded.kind === 'binary' ? 'The selection decodes to binary data, not text.' : 'The selection is not valid base64.');
    }),
  );

  register(SECRET_COMMAND_IDS.convertToStringData, (uri?: vscode.Uri, position?: vscode.Position) => convert(CONVERT_KINDS.toStringData, uri, position));
  register(SECRET_COMMAND_IDS.convertToData, (uri?: vscode.Uri, position?: vscode.Position) => convert(CONVERT_KINDS.toData, uri, position));

  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(SHOW_DECODED)) refreshLenses();
    }),
  );
}

/** Lens titles arrive masked from the server; revealed values get their decoded text here. */
function installLensMiddleware(client: LanguageClient): void {
  const middleware = client.clientOptions.middleware!;
  const previous = middleware.provideCodeLenses;
  middleware.provideCodeLenses = async (document, token, next) => {
    const lenses = await (previous ? previous(document, token, next) : next(document, token));
    if (!lenses) return lenses;
    const all = showDecoded();
    for (const lens of lenses) {
      const ref = lens.command?.command === SECRET_COMMANDS.toggleReveal ? (lens.command.arguments?.[0] as SecretValueRef | undefined) : undefined;
      if (!ref || !lens.command || !lens.command.title.startsWith(MASK)) continue;
      if (!all && !revealed.has(refId(ref))) continue;
      const decoded = decodeSecretValue(encodedFromSource(document.getText(toRange(ref))));
      lens.command.title = secretLensTitle(decoded, true);
    }
    return lenses;
  };
}

function toRange(ref: SecretValueRef): vscode.Range {
  const r = ref.valueRange;
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

/**
 * A fresh reference for a value: the one a lens passed (re-resolved, since the text may have
 * changed since), or the entry under the cursor when run from the palette or a menu.
 */
async function currentRef(ref?: SecretValueRef): Promise<SecretValueRef | undefined> {
  const uri = ref ? vscode.Uri.parse(ref.uri) : vscode.window.activeTextEditor?.document.uri;
  if (!uri) return undefined;
  const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
  const refs = lenses
    .filter((l) => l.command?.command === SECRET_COMMANDS.toggleReveal)
    .map((l) => l.command!.arguments![0] as SecretValueRef);
  let found: SecretValueRef | undefined;
  if (ref) {
    found = refs.find((r) => r.documentIndex === ref.documentIndex && r.key === ref.key);
  } else {
    const line = vscode.window.activeTextEditor?.selection.active.line ?? -1;
    found = refs.find((r) => r.valueRange.start.line <= line && line <= r.valueRange.end.line);
    if (!found) void vscode.window.showInformationMessage('Place the cursor on an entry under a Secret\'s "data".');
  }
  return found;
}

async function decodedAt(ref?: SecretValueRef): Promise<{ ref: SecretValueRef; document: vscode.TextDocument; range: vscode.Range; text: string } | undefined> {
  const target = await currentRef(ref);
  if (!target) return undefined;
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(target.uri));
  const range = toRange(target);
  const decoded = decodeSecretValue(encodedFromSource(document.getText(range)));
  if (decoded.kind !== 'text') {
    void vscode.window.showWarningMessage(`"${target.key}" ${decoded.kind === 'binary' ? 'holds binary data, not text' : 'is not valid base64'}.`);
    return undefined;
  }
  return { ref: target, document, range, text: decoded.text };
}

async function transformSelections(transform: (text: string) => string): Promise<boolean> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.selections.every((s) => s.isEmpty)) {
    void vscode.window.showInformationMessage('Select the text to convert first.');
    return false;
  }
  let replacements: Array<[vscode.Selection, string]>;
  try {
    replacements = editor.selections.filter((s) => !s.isEmpty).map((s) => [s, transform(editor.document.getText(s))]);
  } catch (error) {
    void vscode.window.showWarningMessage((error as Error).message);
    return false;
  }
  return editor.edit((builder) => {
    for (const [selection, text] of replacements) builder.replace(selection, text);
  });
}

/** Runs the server's data<->stringData refactor at the cursor (or the given position) and applies it. */
async function convert(kind: string, uri?: vscode.Uri, position?: vscode.Position): Promise<boolean> {
  const editor = vscode.window.activeTextEditor;
  const target = uri ?? editor?.document.uri;
  const at = position ?? editor?.selection.active;
  if (!target || !at) return false;
  // Resolve the first actions: the server sends the decoding edits on resolve only (never in the list).
  const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', target, new vscode.Range(at, at), kind, 5)) ?? [];
  const action = actions.find((a) => a.kind?.value === kind);
  if (!action) {
    void vscode.window.showInformationMessage('Place the cursor in a Secret to convert it.');
    return false;
  }
  if (action.disabled) {
    void vscode.window.showWarningMessage(`Cannot convert: ${action.disabled.reason}`);
    return false;
  }
  return action.edit ? vscode.workspace.applyEdit(action.edit) : false;
}
