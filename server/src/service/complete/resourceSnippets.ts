// Whole-resource snippets (`k8s-statefulset`, `k8s-pvc`, …) offered only where a document can
// start. VS Code's statically contributed snippets show at every position, nested ones included,
// where a whole resource makes invalid YAML; served from here, the completion context decides.
// The bodies live in snippets/resources.json (VS Code snippet format, usable by other editors too);
// the host reads them and hands them in (LanguageServiceOptions.resourceSnippets): no IO here.
import { CompletionItemKind, InsertTextFormat, InsertTextMode, MarkupKind, type CompletionItem, type Range } from 'vscode-languageserver-types';
import { snippetToPlainText } from './insert';

/** One entry of a VS Code snippet file. */
export interface ResourceSnippet {
  prefix: string;
  description: string;
  body: string[];
}

/** Snippet items replacing `range` (what was typed of the prefix), sorted after the resource starters. */
export function resourceSnippetItems(snippets: readonly ResourceSnippet[], range: Range): CompletionItem[] {
  return snippets.map((snippet) => {
    const body = snippet.body.join('\n');
    return {
      label: snippet.prefix,
      kind: CompletionItemKind.Snippet,
      detail: snippet.description,
      documentation: { kind: MarkupKind.Markdown, value: `\`\`\`yaml\n${snippetToPlainText(body)}\n\`\`\`` },
      sortText: `z${snippet.prefix}`,
      filterText: snippet.prefix,
      insertTextFormat: InsertTextFormat.Snippet,
      insertTextMode: InsertTextMode.asIs,
      textEdit: { range, newText: body },
    };
  });
}
