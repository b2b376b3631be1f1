// Machine-readable report: one flat list of diagnostics with 1-based positions, plus a summary.
//   { "tool": {...}, "summary": {...}, "diagnostics": [ { "file", "line", "column", "endLine",
//     "endColumn", "severity", "ruleId", "message", "helpUri"? } ] }
import { ruleIdOf, severityName, type Report } from '../report';

export interface JsonDiagnostic {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: 'error' | 'warning' | 'info' | 'hint';
  ruleId: string;
  message: string;
  helpUri?: string;
}

export function formatJson(report: Report): string {
  const diagnostics: JsonDiagnostic[] = [];
  for (const file of report.files) {
    for (const d of file.diagnostics) {
      const out: JsonDiagnostic = {
        file: file.display,
        line: d.range.start.line + 1,
        column: d.range.start.character + 1,
        endLine: d.range.end.line + 1,
        endColumn: d.range.end.character + 1,
        severity: severityName(d),
        ruleId: ruleIdOf(d),
        message: d.message,
      };
      const help = d.codeDescription?.href;
      if (help) out.helpUri = help;
      diagnostics.push(out);
    }
  }
  const { tool, summary } = report;
  return `${JSON.stringify({ tool: { name: tool.name, version: tool.version }, summary, diagnostics }, null, 2)}\n`;
}
