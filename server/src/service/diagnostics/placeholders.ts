// Manifests meant for `envsubst`, `sed` or a hand edit before apply carry placeholders where values
// go: `${PORT:-9002}`, `$REPLICAS`, `PV_NAME`, `<ADD LUN ID Here>`. Checked as they are, every such
// value is an error (not an integer, not a quantity, not a DNS name) that says nothing about the
// manifest once filled in. A finding whose value is a placeholder is dropped, and the file gets one
// hint (`template-placeholder`) at the first one instead.
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { offsetAt } from '../parse/positions';
import { SOURCE } from '../parse/syntaxDiagnostics';
import { isSuppressed, SEVERITIES } from '../rules/engine';
import type { Settings } from '../settings';
import type { Diagnostic, ParsedFile } from '../types';

export const PLACEHOLDER_RULE = 'template-placeholder';

/** `${VAR}`, `${VAR:-default}` anywhere in the value; the whole value `$VAR`, `<…>`, or an UPPER_CASE name. */
const ENVSUBST = /\$\{[A-Za-z_][A-Za-z0-9_]*(?:[:?+=-][^}]*)?\}/;
const WHOLE = /^(?:\$[A-Za-z_][A-Za-z0-9_]*|<[^<>\n]+>|[A-Z][A-Z0-9]*_[A-Z0-9_]*[A-Z0-9]|[A-Z][A-Z0-9]+)$/;
/** A bare capital word (`PORT`, `CRT`) is only a placeholder where no enum could have meant it (`protocol: TCPP` is a typo). */
const BARE_WORD = /^[A-Z][A-Z0-9]+$/;

/**
 * Findings about a value's form (type, quantity, name syntax, base64), where a placeholder-like whole
 * value is taken for one. Elsewhere (`key: LOG_LEVL` in a configMapKeyRef) upper-case names are real
 * values, and only `${…}` counts.
 */
const FORM_CHECKS = new Set(['schema', 'quantity-invalid', 'name-not-dns-label', 'secret-invalid-base64', 'sts-name-too-long']);

/** Whether the value text (quotes included or not) is, or holds, a placeholder. */
export function isPlaceholder(value: string, options: { formCheck?: boolean; enumFinding?: boolean } = {}): boolean {
  const text = value.trim().replace(/^(['"])([\s\S]*)\1$/, '$2');
  if (ENVSUBST.test(text)) return true;
  if (!options.formCheck || !WHOLE.test(text)) return false;
  return !(options.enumFinding && BARE_WORD.test(text));
}

/**
 * The diagnostics with those on placeholder values removed, and one hint for the file when any was.
 * Syntax findings are never dropped.
 */
export function withoutPlaceholderFindings(file: ParsedFile, diagnostics: Diagnostic[], settings: Settings, docsBaseUri?: string): Diagnostic[] {
  let first: Diagnostic | undefined;
  const kept: Diagnostic[] = [];
  for (const diagnostic of diagnostics) {
    if (diagnostic.code !== 'yaml-syntax' && diagnostic.severity !== DiagnosticSeverity.Hint && onPlaceholder(file, diagnostic)) {
      if (!first || before(diagnostic, first)) first = diagnostic;
      continue;
    }
    kept.push(diagnostic);
  }
  if (!first) return diagnostics;
  const configured = settings.rules[PLACEHOLDER_RULE];
  if (configured === 'off' || isSuppressed(file, first.range.start.line, PLACEHOLDER_RULE)) return kept;
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

function onPlaceholder(file: ParsedFile, diagnostic: Diagnostic): boolean {
  const text = valueText(file, diagnostic);
  if (text.length === 0 || text.length > 200) return false;
  return isPlaceholder(text, { formCheck: FORM_CHECKS.has(String(diagnostic.code)), enumFinding: diagnostic.message.includes('must be one of') });
}

function valueText(file: ParsedFile, diagnostic: Diagnostic): string {
  const start = offsetAt(file.lineCounter, file.text, diagnostic.range.start);
  const end = offsetAt(file.lineCounter, file.text, diagnostic.range.end);
  return file.text.slice(start, end);
}
