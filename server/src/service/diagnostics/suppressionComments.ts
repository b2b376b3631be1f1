// `# k8s-stateful-disable-next-line <id>` with an id that names no rule would silently suppress
// nothing: report each unknown id on the comment itself.
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { rangeOf } from '../parse/positions';
import { SOURCE } from '../parse/syntaxDiagnostics';
import { isKnownRuleId, unknownRuleIdMessage } from '../rules/ruleIds';
import type { Diagnostic, ParsedFile } from '../types';
import { textIncludes } from '../parse/textSearch';

const DIRECTIVE = 'k8s-stateful-disable-next-line';
const COMMENT = /#\s*k8s-stateful-disable-next-line\b([^\n]*)/g;

export function suppressionCommentDiagnostics(file: ParsedFile): Diagnostic[] {
  // Most files have no directive: one substring search decides.
  if (!textIncludes(file, DIRECTIVE)) return [];
  const out: Diagnostic[] = [];
  for (const match of file.text.matchAll(COMMENT)) {
    const listStart = match.index! + match[0].length - match[1].length;
    for (const id of match[1].matchAll(/[^\s,]+/g)) {
      if (isKnownRuleId(id[0])) continue;
      const start = listStart + id.index!;
      out.push({
        range: rangeOf(file.lineCounter, file.text, start, start + id[0].length),
        severity: DiagnosticSeverity.Error,
        source: SOURCE,
        code: 'unknown-rule-id',
        message: `${unknownRuleIdMessage(id[0])} (the comment suppresses nothing)`,
      });
    }
  }
  return out;
}
