// `file:line:col: severity rule-id message`, one diagnostic per line (1-based line and column), the
// shape compilers print: Vim's quickfix, Emacs' compilation mode and VS Code's problem matcher read it.
import { ruleIdOf, severityName, type Report } from '../report';

const COLORS = { error: '\x1b[31m', warning: '\x1b[33m', info: '\x1b[36m', hint: '\x1b[2m' } as const;
const RESET = '\x1b[0m';
const DIM = '\x1b[2m';

export function formatText(report: Report, options: { color?: boolean } = {}): string {
  const lines: string[] = [];
  for (const file of report.files) {
    for (const d of file.diagnostics) {
      const where = `${file.display}:${d.range.start.line + 1}:${d.range.start.character + 1}:`;
      const severity = severityName(d);
      // Messages are one line; a multi-line one would break `grep`-style consumers.
      const message = d.message.replace(/\r?\n/g, ' ');
      lines.push(
        options.color
          ? `${where} ${COLORS[severity]}${severity}${RESET} ${DIM}${ruleIdOf(d)}${RESET} ${message}`
          : `${where} ${severity} ${ruleIdOf(d)} ${message}`,
      );
    }
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}
