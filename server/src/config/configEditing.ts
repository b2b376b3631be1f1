// The editor's view of an open `.k8s-stateful.yaml`: its problems as diagnostics, and completion
// of its keys, rule ids and severities (our own server does this, so it works without any YAML
// extension installed).
import { CompletionItemKind, DiagnosticSeverity, InsertTextFormat, type CompletionItem, type Diagnostic, type Position } from 'vscode-languageserver-types';
import { allChecks } from '../service/rules/ruleIds';
import { CONFIG_FILE_NAME, CONFIG_KEYS, CONFIG_SEVERITIES, parseProjectConfig } from './projectConfig';

export function isConfigUri(uri: string): boolean {
  return uri.startsWith('file:') && decodeURIComponent(uri).endsWith(`/${CONFIG_FILE_NAME}`);
}

export function configDiagnostics(text: string): Diagnostic[] {
  const starts = lineStarts(text);
  return parseProjectConfig(text).problems.map((p) => ({
    range: { start: positionOf(starts, p.start), end: positionOf(starts, Math.max(p.start, p.end)) },
    severity: DiagnosticSeverity.Error,
    source: 'k8s-stateful',
    code: p.code,
    message: p.message,
  }));
}

/** Keys at the top level, rule ids under `rules:`, severities after `<rule id>: `. */
export function configCompletions(text: string, position: Position, snippets = true): CompletionItem[] {
  const lines = text.split(/\r?\n/);
  const line = lines[position.line] ?? '';
  const before = line.slice(0, position.character);
  const indent = /^\s*/.exec(before)![0].length;
  if (indent === 0) {
    if (before.includes(':')) return [];
    const present = new Set(lines.map((l) => /^([A-Za-z]+)\s*:/.exec(l)?.[1]).filter(Boolean));
    return Object.entries(CONFIG_KEYS)
      .filter(([key]) => !present.has(key))
      .map(([key, documentation]) => ({
        label: key,
        kind: CompletionItemKind.Property,
        documentation,
        insertText: key === 'rules' || key === 'exclude' || key === 'scopes' ? `${key}:\n  ` : `${key}: `,
      }));
  }
  if (parentKey(lines, position.line, indent) !== 'rules') return [];
  const value = /^\s*([A-Za-z0-9._-]+)\s*:\s*\S*$/.exec(before);
  if (value) {
    return CONFIG_SEVERITIES.map((level, i) => ({ label: level, kind: CompletionItemKind.EnumMember, sortText: String(i) }));
  }
  if (before.trim().includes(':')) return [];
  const present = new Set(lines.map((l) => /^\s+([A-Za-z0-9._-]+)\s*:/.exec(l)?.[1]).filter(Boolean));
  return allChecks()
    .filter((check) => !present.has(check.id))
    .map((check) => ({
      label: check.id,
      kind: CompletionItemKind.Field,
      detail: `default: ${check.defaultSeverity}`,
      documentation: check.description,
      ...(snippets ? { insertText: `${check.id}: \${1|${CONFIG_SEVERITIES.join(',')}|}`, insertTextFormat: InsertTextFormat.Snippet } : { insertText: `${check.id}: ` }),
    }));
}

/** The key of the nearest line above with less indentation (the block the cursor is in). */
function parentKey(lines: string[], line: number, indent: number): string | undefined {
  for (let i = line - 1; i >= 0; i--) {
    const text = lines[i];
    if (!text.trim() || text.trimStart().startsWith('#')) continue;
    const own = /^\s*/.exec(text)![0].length;
    if (own < indent) return /^\s*([A-Za-z0-9._-]+)\s*:/.exec(text)?.[1];
  }
  return undefined;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return starts;
}

function positionOf(starts: number[], offset: number): Position {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid] <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low, character: offset - starts[low] };
}
