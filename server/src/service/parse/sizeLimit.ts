// Large inputs degrade gracefully. Above `maxFileSize` bytes a file is parsed for YAML syntax only
// (no schema, no rules); above twice that it is not parsed at all, because parsing itself gets slow
// (about 1 s per MB of dense YAML on a slow machine). Either way one diagnostic at the top says so.
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { Diagnostic, ParsedFile } from '../types';
import { lineCounterOf, parseFile } from './parseFile';

export const SKIP_FACTOR = 2;

export function parseWithinLimit(text: string, maxFileSize: number): ParsedFile {
  // UTF-16 length <= UTF-8 bytes * 1; only count bytes when the cheap bound does not decide.
  if (text.length <= maxFileSize / 3) return parseFile(text);
  const size = Buffer.byteLength(text, 'utf8');
  if (size <= maxFileSize) return parseFile(text);
  if (size <= maxFileSize * SKIP_FACTOR) return { ...parseFile(text), limited: { mode: 'syntax-only', size, limit: maxFileSize } };
  return {
    text,
    lineCounter: lineCounterOf(text),
    documents: [],
    isKubernetes: /^\s*(apiVersion|kind)\s*:/m.test(text),
    isTemplate: false,
    limited: { mode: 'skipped', size, limit: maxFileSize },
  };
}

/** The one diagnostic that tells the user why a large file gets fewer (or no) checks. */
export function sizeLimitDiagnostic(file: ParsedFile): Diagnostic | undefined {
  const limited = file.limited;
  if (!limited) return undefined;
  const what =
    limited.mode === 'syntax-only'
      ? 'only YAML syntax is checked (no schema or rules)'
      : `it is not checked at all (files over ${megabytes(limited.limit * SKIP_FACTOR)} are not even parsed)`;
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    source: 'k8s-stateful',
    code: 'file-too-large',
    message: `This file is ${megabytes(limited.size)}, over the k8sStateful.maxFileSize limit of ${megabytes(limited.limit)}: ${what}. Raise the setting to check it fully.`,
  };
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
