// YAML syntax errors and warnings as diagnostics with exact ranges.
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { YAMLError } from 'yaml';
import type { Diagnostic, ParsedDocument, ParsedFile } from '../types';
import { rangeOf } from './positions';

export const SOURCE = 'k8s-stateful';

/** A binary file or an unclosed deep nest yields thousands of errors; past this many, one summary. */
export const MAX_SYNTAX_DIAGNOSTICS = 100;

/**
 * Every document's syntax problems, at most MAX_SYNTAX_DIAGNOSTICS plus one summary. `perDocument`
 * lets a caller supply cached per-document lists (see documentSyntaxDiagnostics); `documents`, the
 * file's documents that may have problems, when the caller knows (in file order).
 */
export function syntaxDiagnostics(
  file: ParsedFile,
  perDocument: (file: ParsedFile, document: ParsedDocument) => Diagnostic[] = documentSyntaxDiagnostics,
  documents: readonly ParsedDocument[] = file.documents,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  let total = 0;
  for (const document of documents) {
    const count = document.errorCount + document.warningCount;
    if (count === 0) continue;
    total += count;
    if (out.length >= MAX_SYNTAX_DIAGNOSTICS) continue;
    for (const diagnostic of perDocument(file, document)) if (out.length < MAX_SYNTAX_DIAGNOSTICS) out.push(diagnostic);
  }
  if (total > out.length) {
    out.push({
      range: rangeOf(file.lineCounter, file.text, 0, 0),
      severity: DiagnosticSeverity.Error,
      source: SOURCE,
      code: 'yaml-syntax',
      message: `${total - out.length} more YAML syntax problems are not shown (${total} in all): is this a YAML file?`,
    });
  }
  return out;
}

/** `--apiVersion:` at the start of a line: a document separator typed with two dashes (copied from slides). */
const TWO_DASH_SEPARATOR = /^--(?=(apiVersion|kind)\s*:)/gm;

/** One document's syntax errors, then its warnings (the first MAX_SYNTAX_DIAGNOSTICS of them). */
export function documentSyntaxDiagnostics(file: ParsedFile, document: ParsedDocument): Diagnostic[] {
  const out: Diagnostic[] = [];
  // The parser then reports the next resource's keys as duplicates; name the cause first.
  for (const match of file.text.slice(document.start, document.end).matchAll(TWO_DASH_SEPARATOR)) {
    const at = document.start + (match.index ?? 0);
    out.push({
      range: rangeOf(file.lineCounter, file.text, at, at + 2),
      severity: DiagnosticSeverity.Error,
      source: SOURCE,
      code: 'yaml-syntax',
      message: `"--${match[1]}" starts a key with two dashes: a new document needs "---" on a line of its own, then "${match[1]}:" on the next line`,
    });
  }
  for (const error of document.yaml.errors) if (out.length < MAX_SYNTAX_DIAGNOSTICS) out.push(toDiagnostic(file, error, DiagnosticSeverity.Error));
  for (const warning of document.yaml.warnings) if (out.length < MAX_SYNTAX_DIAGNOSTICS) out.push(toDiagnostic(file, warning, DiagnosticSeverity.Warning));
  return out;
}

function toDiagnostic(file: ParsedFile, error: YAMLError, severity: DiagnosticSeverity): Diagnostic {
  const [start, end] = error.pos;
  return {
    range: rangeOf(file.lineCounter, file.text, start, Math.max(end, start + 1)),
    severity,
    source: SOURCE,
    code: 'yaml-syntax',
    message: describeYamlError(error),
  };
}

// The parser's messages are precise but terse; a few common ones get a hint about the usual cause.
function describeYamlError(error: YAMLError): string {
  const message = error.message.replace(/ at line \d+, column \d+:?[\s\S]*$/, '').trim();
  switch (error.code) {
    case 'RESOURCE_EXHAUSTION':
      // The parser stops at its recursion limit (deep nesting) or alias expansion limit.
      return `YAML nested too deeply (or too many aliases) to read: ${message}`;
    case 'TAB_AS_INDENT':
      return `${message} (YAML indentation must use spaces, not tabs)`;
    case 'DUPLICATE_KEY':
      return `${message} (kubectl's default strict validation rejects the object; with --validate=false only the last one would be kept)`;
    case 'BAD_INDENT':
    case 'MISSING_CHAR':
      return `${message} (check the indentation of this line against its parent)`;
    default:
      return message;
  }
}
