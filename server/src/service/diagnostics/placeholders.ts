// Manifests meant for `envsubst`, `sed` or a hand edit before apply carry placeholders where values
// go: `${PORT:-9002}`, `$REPLICAS`, `PV_NAME`, `<ADD LUN ID Here>`, `PORT`. Checked as they are, every
// such value is an error (not an integer, not a quantity, not a DNS name) that says nothing about the
// manifest once filled in. A finding whose value is a placeholder is dropped, and the file gets one
// hint (`template-placeholder`) at the first one instead. What counts as a placeholder depends on what
// the finding judges (valueJudgement.ts; the policy is in docs/severity.md).
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { offsetAt } from '../parse/positions';
import { SOURCE } from '../parse/syntaxDiagnostics';
import { isSuppressed, SEVERITIES } from '../rules/engine';
import type { Settings } from '../settings';
import type { Diagnostic, ParsedFile } from '../types';
import { judgementOf, type ValueJudgement } from './valueJudgement';

export const PLACEHOLDER_RULE = 'template-placeholder';

/** Anywhere in any value: `${VAR}`, `${VAR:-default}`, `{{ .x }}`. */
const SUBSTITUTION = /\$\{[A-Za-z_][A-Za-z0-9_]*(?:[:?+=-][^}]*)?\}|\{\{/;
/** Anywhere in a value whose form is judged: `$VAR` (not Kubernetes' own `$(VAR)`), `<fill me in>`, `{name}`. */
const MARKER = /\$[A-Za-z_]|<[^<>\n]+>|\{[A-Za-z_][\w.-]*\}/;
/** A whole value in UPPER_SNAKE_CASE (`PV_NAME`): no name, number or enum value is written like that. */
const UPPER_SNAKE = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/;
/** A bare capital word (`PORT`, `CRT`): a placeholder, or a mistake (`HTTP` for `http`, `TCPP` for `TCP`). */
const BARE_WORD = /^[A-Z][A-Z0-9]+$/;

/**
 * How the value is a placeholder for a finding that judges it so: 'yes'; 'if-template' for a bare
 * capital word in a name (a placeholder only in a file that is a template by other signs); 'no'.
 */
export function placeholderKind(value: string, judgement: ValueJudgement): 'yes' | 'if-template' | 'no' {
  const text = value.trim().replace(/^(['"])([\s\S]*)\1$/, '$2');
  if (SUBSTITUTION.test(text)) return 'yes';
  if (judgement === 'meaning') return 'no';
  if (MARKER.test(text) || UPPER_SNAKE.test(text)) return 'yes';
  if (!BARE_WORD.test(text)) return 'no';
  return judgement === 'type' ? 'yes' : judgement === 'syntax' ? 'if-template' : 'no';
}

/**
 * The diagnostics with those on placeholder values removed, and one hint for the file when any was.
 * Syntax findings and hints are never dropped.
 */
export function withoutPlaceholderFindings(file: ParsedFile, diagnostics: Diagnostic[], settings: Settings, docsBaseUri?: string): Diagnostic[] {
  const kinds = diagnostics.map((diagnostic) => onPlaceholder(file, diagnostic));
  if (!kinds.includes('yes')) return diagnostics;
  // The file is a template by a clear sign, so its bare capital words in names are placeholders too.
  let first: Diagnostic | undefined;
  const kept: Diagnostic[] = [];
  diagnostics.forEach((diagnostic, i) => {
    if (kinds[i] === 'no') return void kept.push(diagnostic);
    if (!first || before(diagnostic, first)) first = diagnostic;
  });
  const configured = settings.rules[PLACEHOLDER_RULE];
  if (!first || configured === 'off' || isSuppressed(file, first.range.start.line, PLACEHOLDER_RULE)) return kept;
  const text = valueText(file, first);
  const hint: Diagnostic = {
    range: first.range,
    severity: configured ? SEVERITIES[configured] : DiagnosticSeverity.Hint,
    source: SOURCE,
    code: PLACEHOLDER_RULE,
    message: `this file looks like a template: ${text} is a placeholder to be filled in before apply (envsubst, sed...), so values like it are not checked`,
  };
  if (docsBaseUri) hint.codeDescription = { href: `${docsBaseUri}/${PLACEHOLDER_RULE}.md` };
  kept.push(hint);
  return kept;
}

function before(a: Diagnostic, b: Diagnostic): boolean {
  return a.range.start.line < b.range.start.line || (a.range.start.line === b.range.start.line && a.range.start.character < b.range.start.character);
}

function onPlaceholder(file: ParsedFile, diagnostic: Diagnostic): 'yes' | 'if-template' | 'no' {
  if (diagnostic.code === 'yaml-syntax' || diagnostic.severity === DiagnosticSeverity.Hint) return 'no';
  const text = valueText(file, diagnostic);
  if (text.length === 0 || text.length > 200) return 'no';
  return placeholderKind(text, judgementOf(diagnostic));
}

function valueText(file: ParsedFile, diagnostic: Diagnostic): string {
  const start = offsetAt(file.lineCounter, file.text, diagnostic.range.start);
  const end = offsetAt(file.lineCounter, file.text, diagnostic.range.end);
  return file.text.slice(start, end);
}
