// What a `check` run produced, independent of the output format.
import type { Diagnostic } from '../service/types';

export interface FileReport {
  /** Absolute path ('-' for stdin). */
  path: string;
  /** Path as shown to the user: relative to the working folder, '/'-separated ('<stdin>' for stdin). */
  display: string;
  /** Diagnostics at or above the severity threshold, sorted by position. */
  diagnostics: Diagnostic[];
  /** Resources found in the file. */
  resources?: number;
  /** `apiVersion/kind` of resources no schema or rule knows (only their syntax was checked). */
  unknownKinds?: string[];
  /** Not Kubernetes YAML, or an unrendered template: nothing was checked beyond reading it. */
  skipped?: boolean;
}

export interface Summary {
  files: number;
  /** Files with nothing to check (not Kubernetes YAML, unrendered templates). */
  skippedFiles: number;
  /** Files left out by the config file's `exclude`. */
  excludedFiles: number;
  resources: number;
  /** Resources of kinds with no schema or rules, per `apiVersion/kind`: checked for YAML syntax only. */
  unknownKinds: Record<string, number>;
  errors: number;
  warnings: number;
  infos: number;
  hints: number;
  durationMs: number;
}

export interface Report {
  files: FileReport[];
  summary: Summary;
  tool: { name: string; version: string; informationUri?: string };
  /** Base URI of the rule docs (`<base>/<id>.md`), if any. */
  docsBaseUri?: string;
  /** Absolute path of the folder `display` paths are relative to. */
  root: string;
}

export const SEVERITY_NAMES = ['', 'error', 'warning', 'info', 'hint'] as const;

export function severityName(d: Diagnostic): 'error' | 'warning' | 'info' | 'hint' {
  return (SEVERITY_NAMES[d.severity ?? 1] || 'error') as 'error' | 'warning' | 'info' | 'hint';
}

export function ruleIdOf(d: Diagnostic): string {
  return d.code === undefined || d.code === '' ? 'unknown' : String(d.code);
}

export function summarize(files: FileReport[], durationMs: number, excludedFiles = 0): Summary {
  const s: Summary = { files: files.length, skippedFiles: 0, excludedFiles, resources: 0, unknownKinds: {}, errors: 0, warnings: 0, infos: 0, hints: 0, durationMs };
  for (const f of files) {
    if (f.skipped) s.skippedFiles++;
    s.resources += f.resources ?? 0;
    for (const kind of f.unknownKinds ?? []) s.unknownKinds[kind] = (s.unknownKinds[kind] ?? 0) + 1;
    for (const d of f.diagnostics) {
      const sev = d.severity ?? 1;
      if (sev === 1) s.errors++;
      else if (sev === 2) s.warnings++;
      else if (sev === 3) s.infos++;
      else s.hints++;
    }
  }
  return s;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
