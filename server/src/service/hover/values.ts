// Facts about the value under the cursor that the schema alone does not spell out: quantities in
// bytes or CPUs, durations in seconds, int-or-string (port names, percentages), file modes read
// as octal by YAML 1.1, timestamps, base64 sizes.
import type { JsonSchema } from '../schema/registry';
import { isIntOrString, isQuantity, types, type Field } from '../schema/walk';
import { withThousands } from '../k8s/quantity';
import { explainQuantity, quantityUnit } from './quantity';

export interface ValueContext {
  root: JsonSchema;
  field: Field;
  /** The key the value belongs to (the sequence's key for an item). */
  name?: string;
  /** The value as YAML 1.1 read it. */
  value: unknown;
  /** The value as written in the file. */
  source: string;
}

/** Markdown lines, most important first; empty when there is nothing to add. */
export function valueFacts(ctx: ValueContext): string[] {
  const { field, root, name = '', value, source } = ctx;
  if (value === null || value === undefined) return [];
  if (isQuantity(field)) return explainQuantity(typeof value === 'number' ? source : String(value), quantityUnit(name));
  if (isIntOrString(field)) return intOrString(name, value, source);
  const t = types(root, field);
  if (t.includes('integer') && /Seconds$/.test(name)) return seconds(name, value, source);
  if (t.includes('integer') && /^(?:defaultMode|mode)$/.test(name)) return fileMode(value, source);
  if (field.schema.format === 'date-time' && typeof value === 'string') return timestamp(value);
  if (field.schema.format === 'byte' && typeof value === 'string') return base64(value);
  return [];
}

const UNITS: Array<[number, string]> = [
  [86_400, 'd'],
  [3_600, 'h'],
  [60, 'min'],
  [1, 's'],
];

/** 5400 -> "1 h 30 min". */
export function humanDuration(totalSeconds: number): string {
  if (totalSeconds === 0) return '0 s';
  const parts: string[] = [];
  let rest = Math.abs(totalSeconds);
  for (const [size, unit] of UNITS) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)} ${unit}`);
      rest %= size;
    }
  }
  return (totalSeconds < 0 ? '-' : '') + parts.join(' ');
}

const GO_DURATION = /^(?:(\d+(?:\.\d+)?)(h|m|s|ms|us|µs|ns))+$/;

function goDurationSeconds(text: string): number | undefined {
  if (!GO_DURATION.test(text)) return undefined;
  const factor: Record<string, number> = { h: 3600, m: 60, s: 1, ms: 1e-3, us: 1e-6, µs: 1e-6, ns: 1e-9 };
  let total = 0;
  for (const m of text.matchAll(/(\d+(?:\.\d+)?)(h|ms|m|s|us|µs|ns)/g)) total += Number(m[1]) * factor[m[2]];
  return total;
}

function seconds(name: string, value: unknown, source: string): string[] {
  if (typeof value === 'number' && Number.isInteger(value)) {
    const noun = value === 1 ? 'second' : 'seconds';
    if (Math.abs(value) < 60) return [`\`${source}\` = ${value} ${noun}`];
    return [`\`${source}\` = ${withThousands(value)} ${noun} = ${humanDuration(value)}`];
  }
  if (typeof value === 'string') {
    const parsed = goDurationSeconds(value.trim());
    if (parsed !== undefined) {
      const whole = Math.ceil(parsed);
      return [`\`${name}\` takes a whole number of seconds, not a duration string: write \`${whole}\` instead of \`${value}\`.`];
    }
    return [`\`${name}\` takes a whole number of seconds.`];
  }
  return [];
}

function intOrString(name: string, value: unknown, source: string): string[] {
  const isPort = name === 'targetPort' || name === 'port';
  const isCount = /^(?:maxUnavailable|maxSurge|minAvailable)$/.test(name);
  if (typeof value === 'number') {
    if (isPort) return [`\`${source}\` is a port number (int-or-string: a number is used as is, a string names a container port).`];
    if (isCount) return [`\`${source}\` is an absolute number of pods (int-or-string: it could also be a percentage like \`25%\`).`];
    return [`\`${source}\` is read as an integer (int-or-string: this field takes an integer or a string).`];
  }
  if (typeof value !== 'string') return [];
  if (isPort) {
    if (/^\d+$/.test(value)) {
      return [`\`"${value}"\` is a string, so it names a port instead of numbering one — and port names must contain a letter. Write \`${value}\` without quotes.`];
    }
    return [
      `\`${value}\` names a port: it resolves to the \`containerPort\` whose \`name\` is \`${value}\` in the selected pods (int-or-string: a number would be used as is).`,
    ];
  }
  if (isCount) {
    const percent = /^(\d+)%$/.exec(value);
    if (percent) return [`\`${value}\` is a percentage of the desired pods; the description says how it is rounded (int-or-string: a plain number is an absolute count).`];
    return [`\`${value}\` is neither a number nor a percentage like \`25%\`; the API server will reject it.`];
  }
  return [`\`${value}\` is read as a string (int-or-string: this field takes an integer or a string).`];
}

function fileMode(value: unknown, source: string): string[] {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) return [];
  const octal = value.toString(8);
  const writtenOctal = /^0[0-7]+$/.test(source.trim()) || /^0o[0-7]+$/i.test(source.trim());
  const perms = permissions(value);
  if (writtenOctal) return [`\`${source}\` is octal (YAML 1.1) = ${value} in decimal: \`${perms}\``];
  const lines = [`\`${source}\` is decimal = \`0${octal}\` in octal: \`${perms}\``];
  if (/^[0-7]{3}$/.test(source.trim()) && value > 511) lines.push(`Did you mean \`0${source.trim()}\` (octal)? Without the leading 0 YAML reads ${source.trim()} as a decimal number.`);
  else if (/^[0-7]{3}$/.test(source.trim())) lines.push(`If you meant the permissions ${source.trim()}, write \`0${source.trim()}\`: without the leading 0 it is a decimal number.`);
  return lines;
}

function permissions(mode: number): string {
  const bits = 'rwxrwxrwx';
  let out = '';
  for (let i = 0; i < 9; i++) out += mode & (1 << (8 - i)) ? bits[i] : '-';
  return mode > 0o777 ? `${out} (+ bits above 0777, which Kubernetes rejects)` : out;
}

function timestamp(value: string): string[] {
  const time = Date.parse(value);
  if (Number.isNaN(time)) return [`\`${value}\` is not an RFC 3339 timestamp (like \`2024-05-01T12:00:00Z\`).`];
  return [`RFC 3339 timestamp: ${new Date(time).toISOString().replace('.000Z', 'Z')} (UTC)`];
}

function base64(value: string): string[] {
  const compact = value.replace(/\s+/g, '');
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(compact)) {
    return ['Not valid base64: values under `data` must be base64-encoded (use `stringData` for plain text).'];
  }
  const padding = compact.endsWith('==') ? 2 : compact.endsWith('=') ? 1 : 0;
  const bytes = (compact.length / 4) * 3 - padding;
  return [`base64-encoded: decodes to ${bytes} byte${bytes === 1 ? '' : 's'}.`];
}
