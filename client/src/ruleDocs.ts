// Rule documentation opened rendered. The server links each diagnostic's code to its page
// (`docs/rules/<id>.md`, a file: URI that other editors and the CLI's SARIF use as is); VS Code would
// open that as raw Markdown in a text editor. Here the link becomes a command: URI (the hover and
// the Problems panel open diagnostic code links with commands allowed) that shows the bundled page
// in VS Code's Markdown preview.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

export const SHOW_RULE_DOC_COMMAND = 'k8sStateful.showRuleDoc';
const RULE_DOC = /\/docs\/rules\/([a-z0-9-]+)\.md$/;

export function registerRuleDocs(context: vscode.ExtensionContext, client: LanguageClient): void {
  const docsFolder = vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules');
  context.subscriptions.push(
    vscode.commands.registerCommand(SHOW_RULE_DOC_COMMAND, async (ruleId?: string) => {
      if (!ruleId || !/^[a-z0-9-]+$/.test(ruleId)) return;
      await vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.joinPath(docsFolder, `${ruleId}.md`));
    }),
  );
  const middleware = client.clientOptions.middleware!;
  const previous = middleware.handleDiagnostics;
  middleware.handleDiagnostics = (uri, diagnostics, next) => {
    for (const diagnostic of diagnostics) {
      const code = diagnostic.code;
      if (typeof code !== 'object' || code.target.scheme !== 'file') continue;
      const rule = RULE_DOC.exec(code.target.path)?.[1];
      if (rule) diagnostic.code = { value: code.value, target: ruleDocCommandUri(rule) };
    }
    return previous ? previous(uri, diagnostics, next) : next(uri, diagnostics);
  };
}

export function ruleDocCommandUri(ruleId: string): vscode.Uri {
  return vscode.Uri.parse(`command:${SHOW_RULE_DOC_COMMAND}?${encodeURIComponent(JSON.stringify([ruleId]))}`);
}
