// Table-driven cases for the validation rules, in the shape of the Go validation tests' tables: a
// manifest that the API server accepts (no error or warning at all), or one it rejects, with the
// line of the mistake marked `# <-` and the kubectl field path the message must name.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createLanguageService } from '../../server/src/service';
import type { Diagnostic } from '../../server/src/service/types';
import { diagnosticsFor, schemas, summarize } from './service';

export interface ValidationCase {
  name: string;
  yaml: string;
  /** For rejected cases: the field path the message names (`spec.ports[1].name`). */
  path?: string;
  /** The rule expected to report it, when it is one of ours. */
  code?: string;
  /** Extra text the message must contain. */
  message?: RegExp;
  /** Settings for this case (kubernetesVersion...). */
  settings?: Record<string, unknown>;
}

const MARK = /#\s*<-\s*$/;

function diagnosticsWith(text: string, settings?: Record<string, unknown>): Diagnostic[] {
  if (!settings) return diagnosticsFor(text);
  const service = createLanguageService({ schemas });
  service.configure(settings);
  service.setDocument('file:///cases/case.yaml', text, 1);
  return service.getDiagnostics('file:///cases/case.yaml');
}

/** Lines (0-based) marked `# <-`. */
function markedLines(text: string): number[] {
  return text.split('\n').flatMap((line, i) => (MARK.test(line) ? [i] : []));
}

/** Accepted manifests: nothing at error or warning severity. */
export function accepted(title: string, cases: ValidationCase[]): void {
  for (const c of cases) {
    test(`${title}: accepts ${c.name}`, () => {
      const found = diagnosticsWith(c.yaml, c.settings).filter((d) => (d.severity ?? 1) <= 2);
      assert.deepEqual(found, [], summarize(found));
    });
  }
}

/** Rejected manifests: an error on each marked line, naming the path; no error or warning on other lines. */
export function rejected(title: string, cases: ValidationCase[]): void {
  for (const c of cases) {
    test(`${title}: rejects ${c.name}`, () => {
      const lines = markedLines(c.yaml);
      assert.ok(lines.length > 0, `${c.name}: mark the line of the mistake with "# <-"`);
      const diagnostics = diagnosticsWith(c.yaml, c.settings);
      const serious = diagnostics.filter((d) => (d.severity ?? 1) <= 2);
      for (const line of lines) {
        const onLine = serious.filter((d) => d.range.start.line === line && d.severity === 1);
        assert.ok(onLine.length > 0, `${c.name}: no error on line ${line + 1}:\n${summarize(diagnostics)}`);
        const ours = onLine.find((d) => (!c.code || d.code === c.code) && (!c.path || d.message.includes(`${c.path}:`)));
        assert.ok(ours, `${c.name}: no ${c.code ?? 'diagnostic'} naming ${c.path} on line ${line + 1}:\n${summarize(diagnostics)}`);
        if (c.message) assert.match(ours.message, c.message);
      }
      const elsewhere = serious.filter((d) => !lines.includes(d.range.start.line));
      assert.deepEqual(elsewhere, [], `${c.name}: findings on unmarked lines:\n${summarize(elsewhere)}`);
    });
  }
}

/** Indents every line of a block by `n` spaces (for pasting pod specs into templates). */
export function indent(block: string, n: number): string {
  const pad = ' '.repeat(n);
  return block
    .split('\n')
    .map((line) => (line ? pad + line : line))
    .join('\n');
}
