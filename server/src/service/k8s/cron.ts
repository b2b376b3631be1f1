// Standard 5-field cron schedules as CronJobs accept them (robfig/cron's standard parser): fields of
// "*", "?", numbers, ranges, steps, lists and month/day names, or one of the @ descriptors.
const DESCRIPTORS = ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly'];
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const FIELDS: Array<{ name: string; min: number; max: number; names?: string[]; namesFrom?: number }> = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTHS, namesFrom: 1 },
  { name: 'day of week', min: 0, max: 6, names: DAYS, namesFrom: 0 },
];

/** Why the schedule cannot be parsed, or undefined when it can. */
export function parseCron(schedule: string): string | undefined {
  const text = schedule.trim();
  if (text.startsWith('@')) {
    if (DESCRIPTORS.includes(text)) return undefined;
    if (/^@every\s+\S+$/.test(text)) return /^@every\s+(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/.test(text) ? undefined : 'failed to parse duration';
    return `unrecognized descriptor: ${text}`;
  }
  const parts = text.split(/\s+/).filter(Boolean);
  if (parts.length !== 5) return `expected exactly 5 fields, found ${parts.length}: [${parts.join(' ')}]`;
  for (let i = 0; i < 5; i++) {
    const problem = parseField(parts[i], FIELDS[i]);
    if (problem) return problem;
  }
  return undefined;
}

function parseField(text: string, field: (typeof FIELDS)[number]): string | undefined {
  for (const part of text.split(',')) {
    const [range, step, extra] = part.split('/');
    if (extra !== undefined) return `too many slashes: ${part}`;
    if (step !== undefined && !/^\d+$/.test(step)) return `failed to parse int from ${step}`;
    if (step !== undefined && Number(step) === 0) return `step of range should be a positive number: ${part}`;
    if (range === '*' || range === '?') continue;
    const bounds = range.split('-');
    if (bounds.length > 2) return `too many hyphens: ${part}`;
    const values: number[] = [];
    for (const bound of bounds) {
      const value = valueOf(bound, field);
      if (value === undefined) return `failed to parse int from ${bound}`;
      values.push(value);
    }
    const [start, end = start] = values;
    if (start < field.min) return `beginning of range (${start}) below minimum (${field.min}): ${part}`;
    if (end > field.max) return `end of range (${end}) above maximum (${field.max}): ${part}`;
    if (start > end) return `beginning of range (${start}) beyond end of range (${end}): ${part}`;
  }
  return undefined;
}

function valueOf(text: string, field: (typeof FIELDS)[number]): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  const index = field.names?.indexOf(text.toLowerCase()) ?? -1;
  return index >= 0 ? index + (field.namesFrom ?? 0) : undefined;
}
