// GitHub Actions workflow commands: one `::error file=…,line=…::message` per diagnostic, which the
// runner turns into annotations on the pull request (for repositories without code scanning).
// Info and hint become notices.
import { ruleIdOf, severityName, type Report } from '../report';

const COMMAND = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' } as const;

export function formatGithub(report: Report): string {
  const lines: string[] = [];
  for (const file of report.files) {
    for (const d of file.diagnostics) {
      const { start, end } = d.range;
      const props = [
        `file=${escapeProperty(file.display)}`,
        `line=${start.line + 1}`,
        `col=${start.character + 1}`,
        `endLine=${end.line + 1}`,
        ...(end.line === start.line ? [`endColumn=${end.character + 1}`] : []),
        `title=${escapeProperty(`k8s-stateful ${ruleIdOf(d)}`)}`,
      ];
      lines.push(`::${COMMAND[severityName(d)]} ${props.join(',')}::${escapeData(d.message)}`);
    }
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}

// The runner's own escaping rules: data escapes %, CR and LF; properties also : and ,.
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
