// SARIF 2.1.0 as GitHub code scanning accepts it: one run, tool.driver with its rules (id,
// descriptions, helpUri, default level), results with ruleId/ruleIndex/level/message and a
// physical location relative to %SRCROOT% with a 1-based region. Columns are UTF-16 code units
// (LSP's unit), declared with columnKind.
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from '../../service/types';
import { ruleIdOf, type Report } from '../report';
import { allRules, type RuleMeta } from '../rules';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

type Level = 'error' | 'warning' | 'note';

function level(severity: number | undefined): Level {
  if (severity === undefined || severity === 1) return 'error';
  return severity === 2 ? 'warning' : 'note';
}

function levelOfName(name: string): Level {
  return name === 'error' ? 'error' : name === 'warning' ? 'warning' : 'note';
}

export interface SarifOptions {
  /** Markdown help per rule id (the rule's doc page), when available. */
  ruleHelp?: (id: string) => string | undefined;
}

export function formatSarif(report: Report, options: SarifOptions = {}): string {
  const rules: RuleMeta[] = allRules();
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
    for (const d of file.diagnostics) {
      const id = ruleIdOf(d);
      results.push({
        ruleId: id,
        ruleIndex: indexOf.get(id)!,
        level: level(d.severity),
        message: { text: d.message },
        locations: [location(file.display, file.path, d)],
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

function location(display: string, absolute: string, d: Diagnostic) {
  // Files under the working folder are relative to %SRCROOT% (what code scanning maps to the repo);
  // anything else keeps its absolute file: URI.
  const relative = !display.startsWith('../') && !display.startsWith('/') && !/^[A-Za-z]:/.test(display) && display !== '<stdin>';
  const artifactLocation = relative
    ? { uri: display.split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' }
    : { uri: display === '<stdin>' ? 'stdin' : pathToFileURL(absolute).href };
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
