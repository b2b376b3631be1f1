// Turns ajv errors into sentences a person understands, e.g.
//   replicas must be an integer, got the string "three"
//   unknown field "serviceNme" — did you mean "serviceName"?
import type { ErrorObject } from 'ajv';
import type { JsonSchema } from './registry';

const TYPE_PHRASES: Record<string, string> = {
  integer: 'an integer',
  number: 'a number',
  string: 'a string',
  boolean: 'true or false',
  object: 'a map of keys',
  array: 'a list',
};

export function fieldLabel(segments: string[]): string {
  const last = segments[segments.length - 1];
  if (last === undefined) return 'the resource';
  if (/^\d+$/.test(last)) {
    const parent = segments[segments.length - 2];
    return parent === undefined ? `item ${last}` : `${parent}[${last}]`;
  }
  return last;
}

export function describeValue(value: unknown): string {
  if (typeof value === 'string') return `the string ${JSON.stringify(truncate(value))}`;
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'boolean') return `the boolean ${value}`;
  if (Array.isArray(value)) return 'a list';
  if (value !== null && typeof value === 'object') return 'a map';
  return String(value);
}

function truncate(s: string): string {
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}

function expectedTypes(type: unknown): string {
  const types = Array.isArray(type) ? type : [type];
  return types.map((t) => TYPE_PHRASES[String(t)] ?? String(t)).join(' or ');
}

/** YAML 1.1 turns some unquoted words and numbers into non-strings; say so when a string was expected. */
function yaml11Hint(expected: unknown, value: unknown): string {
  if (expected !== 'string') return '';
  if (typeof value === 'boolean') return ' (unquoted yes/no/on/off/true/false are booleans in YAML; quote the value)';
  if (typeof value === 'number') return ' (quote the value to keep it a string)';
  return '';
}

export function typeMessage(segments: string[], error: ErrorObject): string {
  const expected = error.params.type;
  return `${fieldLabel(segments)} must be ${expectedTypes(expected)}, got ${describeValue(error.data)}${yaml11Hint(expected, error.data)}`;
}

export function enumMessage(segments: string[], error: ErrorObject): string {
  const allowed = (error.params.allowedValues as unknown[]).map(String).join(', ');
  return `${fieldLabel(segments)} must be one of ${allowed}, got ${describeValue(error.data)}`;
}

export function unknownFieldMessage(field: string, objectSchema: JsonSchema | undefined): string {
  const known = Object.keys(objectSchema?.properties ?? {});
  const suggestion = closestName(field, known);
  return suggestion ? `unknown field "${field}" — did you mean "${suggestion}"?` : `unknown field "${field}"`;
}

export function requiredMessage(segments: string[], missing: string): string {
  const where = segments.length === 0 ? '' : ` in ${fieldLabel(segments)}`;
  return `missing required field "${missing}"${where}`;
}

export function formatMessage(segments: string[], error: ErrorObject): string {
  const format = String(error.params.format);
  const label = fieldLabel(segments);
  switch (format) {
    case 'byte':
      return `${label} must be base64-encoded (Secret data values are base64; use stringData for plain text)`;
    case 'int32':
      return `${label} must be a 32-bit integer, got ${describeValue(error.data)}`;
    case 'int64':
      return `${label} must be an integer, got ${describeValue(error.data)}`;
    case 'quantity':
      return quantityMessage(label, error.data);
    case 'date-time':
      return `${label} must be an RFC 3339 timestamp such as 2024-01-31T12:00:00Z`;
    default:
      return `${label} is not a valid ${format}`;
  }
}

export function quantityMessage(label: string, value: unknown): string {
  return `${label} must be a Kubernetes quantity such as 10Gi, 500Mi or 250m, got ${describeValue(value)}`;
}

/** Messages for the anyOf unions the schemas use for IntOrString and Quantity. */
export function unionMessage(segments: string[], error: ErrorObject): string {
  const format = (error.parentSchema as JsonSchema | undefined)?.format;
  const label = fieldLabel(segments);
  if (format === 'quantity') return quantityMessage(label, error.data);
  if (format === 'int-or-string') return `${label} must be an integer or a string (a number or a named port), got ${describeValue(error.data)}`;
  return `${label} has an invalid value ${describeValue(error.data)}`;
}

export function genericMessage(segments: string[], error: ErrorObject): string {
  const label = fieldLabel(segments);
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return `${label} must be ${p.comparison} ${p.limit}`;
    case 'minItems':
      return `${label} must have at least ${p.limit} item(s)`;
    case 'maxItems':
      return `${label} must have at most ${p.limit} item(s)`;
    case 'minLength':
      return `${label} must not be empty`;
    case 'maxLength':
      return `${label} must be at most ${p.limit} characters`;
    case 'pattern':
      return `${label} does not match the expected pattern ${p.pattern}`;
    default:
      return `${label} is invalid (${error.keyword})`;
  }
}

/** The known name closest to a misspelt one: same letters ignoring case, or a small edit distance. */
export function closestName(input: string, candidates: string[]): string | undefined {
  const lower = input.toLowerCase();
  const allowed = Math.max(1, Math.floor(input.length / 4));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    if (candidate.toLowerCase() === lower) return candidate;
    const distance = editDistance(lower, candidate.toLowerCase(), allowed);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= allowed ? best : undefined;
}

/**
 * The optimal string alignment distance of `a` and `b`. When the lengths alone differ by more than
 * `max`, the answer is `max + 1` (more than allowed) without computing the table.
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  // Optimal string alignment distance: adjacent transpositions ("serivceName") count as one edit.
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 0; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}
