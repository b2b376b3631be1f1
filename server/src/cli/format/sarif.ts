// SARIF 2.1.0 as GitHub code scanning accepts it: one run, tool.driver with its rules (id,
// descriptions, helpUri, default level), results with ruleId/ruleIndex/level/message and a
// physical location relative to %SRCROOT% with a 1-based region. Columns are UTF-16 code units
// (LSP's unit), declared with columnKind.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isAbsolute, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from '../../service/types';
import { ruleIdOf, type Report } from '../report';
import { allChecks, type CheckMeta } from '../../service/rules/ruleIds';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

type Level = 'error' | 'warning' | 'note';

function level(severity: number | undefined): Level {
  if (severity === undefined || severity === 1) return 'error';
  return severity === 2 ? 'warning' : 'note';
}

function levelOfName(name: string): Level {
  return name === 'error' ? 'error' : name === 'warning' ? 'warning' : 'note';
}

/**
 * Fingerprints that survive unrelated edits: the rule, the file and the text of the finding's line
 * (whitespace collapsed), not its line number, plus a count for identical lines. Code scanning uses
 * them to keep an alert the same alert when lines above it move.
 */
function fingerprints(path: string, textOf: ((path: string) => string | undefined) | undefined) {
  let lines: string[] | undefined;
  const seen = new Map<string, number>();
  return (ruleId: string, d: Diagnostic): string => {
    lines ??= (textOf ?? readText)(path)?.split(/\r?\n/) ?? [];
    const line = (lines[d.range.start.line] ?? '').replace(/\s+/g, ' ').trim();
    const hash = createHash('sha256').update(`${ruleId}\0${line}\0${d.message}`).digest('hex').slice(0, 16);
    const n = (seen.get(hash) ?? 0) + 1;
    seen.set(hash, n);
    return `${hash}:${n}`;
  };
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

export interface SarifOptions {
  /** The text of a checked file (stdin has none on disk); read from disk when not given. */
  textOf?: (path: string) => string | undefined;
  /** Markdown help per rule id (the rule's doc page), when available. */
  ruleHelp?: (id: string) => string | undefined;
}

export function formatSarif(report: Report, options: SarifOptions = {}): string {
  const rules: CheckMeta[] = allChecks();
  const indexOf = new Map(rules.map((r, i) => [r.id, i]));
  // Codes the catalogue does not list (a rule added without metadata) still get a rule entry.
  for (const file of report.files) {
    for (const d of file.diagnostics) {
      const id = ruleIdOf(d);
      if (!indexOf.has(id)) {
        indexOf.set(id, rules.length);
        rules.push({ id, description: id, defaultSeverity: 'error' });
      }
    }
  }
  const helpUri = (id: string) => (report.docsBaseUri ? `${report.docsBaseUri}/${id}.md` : undefined);

  const driverRules = rules.map((r) => {
    const help = options.ruleHelp?.(r.id);
    return {
      id: r.id,
      name: toPascalCase(r.id),
      shortDescription: { text: r.description },
      fullDescription: { text: r.description },
      ...(helpUri(r.id) ? { helpUri: helpUri(r.id) } : {}),
      help: help ? { text: stripMarkdown(help), markdown: help } : { text: r.description },
      defaultConfiguration: { level: levelOfName(r.defaultSeverity) },
      properties: { tags: ['kubernetes', r.id.startsWith('yaml') ? 'yaml' : 'correctness'], precision: 'high', 'problem.severity': severityTag(r.defaultSeverity) },
    };
  });

  const results = [];
  for (const file of report.files) {
    const fingerprint = fingerprints(file.path, options.textOf);
    for (const d of file.diagnostics) {
      const id = ruleIdOf(d);
      results.push({
        ruleId: id,
        ruleIndex: indexOf.get(id)!,
        level: level(d.severity),
        message: { text: d.message },
        locations: [location(report.root, file.path, d)],
        partialFingerprints: { primaryLocationLineHash: fingerprint(id, d) },
      });
    }
  }

  const sarif = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: report.tool.name,
            semanticVersion: report.tool.version,
            version: report.tool.version,
            ...(report.tool.informationUri ? { informationUri: report.tool.informationUri } : {}),
            rules: driverRules,
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: ensureTrailingSlash(pathToFileURL(report.root).href) } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}

function location(root: string, absolute: string, d: Diagnostic) {
  // Files under the root (the repository's top level) are relative to %SRCROOT%, which is what code
  // scanning maps to the repository; anything else keeps its absolute file: URI.
  const rel = isAbsolute(absolute) ? relative(root, absolute) : undefined;
  const inside = rel !== undefined && rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
  const artifactLocation = inside
    ? { uri: rel.split(sep).map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' }
    : { uri: isAbsolute(absolute) ? pathToFileURL(absolute).href : 'stdin' };
  const { start, end } = d.range;
  const region: Record<string, number> = { startLine: start.line + 1, startColumn: start.character + 1 };
  // SARIF's end column is exclusive, like LSP's end character.
  if (end.line > start.line || end.character > start.character) {
    region.endLine = end.line + 1;
    region.endColumn = end.character + 1;
  }
  return { physicalLocation: { artifactLocation, region } };
}

function toPascalCase(id: string): string {
  return id.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w[0].toUpperCase() + w.slice(1)).join('');
}

function severityTag(s: string): string {
  return s === 'error' ? 'error' : s === 'warning' ? 'warning' : 'recommendation';
}

function ensureTrailingSlash(uri: string): string {
  return uri.endsWith('/') ? uri : `${uri}/`;
}

function stripMarkdown(md: string): string {
  return md.replace(/```[\s\S]*?```/g, '').replace(/[#*`>_]/g, '').replace(/\n{3,}/g, '\n\n').trim();
}
