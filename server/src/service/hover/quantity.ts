// What a quantity (`10Gi`, `1G`, `500m`, `1e3`) means, for hover: its exact value in bytes or
// CPUs, and the usual mistakes (`1G` where `1Gi` was meant, `512m` of memory, `GB` suffixes).
// Parsing and exact arithmetic are shared with the quantity rules (k8s/quantity.ts).
import {
  BINARY_FOR_DECIMAL,
  DECIMAL_SUFFIXES,
  formatValue,
  isByteResource,
  isWhole,
  parseQuantity,
  suggestQuantity,
  withThousands,
  type Quantity,
} from '../k8s/quantity';

const UNITS = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'];

/** A short binary size: 1073741824 -> "1 GiB", 10000000000 -> "≈ 9.31 GiB"; '' below 1 KiB. */
export function humanBytes(q: Quantity): string {
  let scaled = Number(q.numerator) / Number(q.denominator);
  if (!Number.isFinite(scaled)) return '';
  let unit = 0;
  while (scaled >= 1024 && unit < UNITS.length - 1) {
    scaled /= 1024;
    unit++;
  }
  if (unit === 0) return '';
  const exact = Number.isInteger(scaled);
  const shown = exact ? String(scaled) : scaled.toFixed(2).replace(/\.?0+$/, '');
  return `${exact ? '' : '≈ '}${q.negative ? '-' : ''}${shown} ${UNITS[unit]}`;
}

export type QuantityUnit = 'bytes' | 'cpu' | 'plain';

/** Which resource names count bytes and which count CPUs (`requests.cpu` in quotas too). */
export function quantityUnit(resourceName: string | undefined): QuantityUnit {
  const name = resourceName ?? '';
  if (name === 'cpu' || /^(?:requests|limits)\.cpu$/.test(name)) return 'cpu';
  if (isByteResource(name)) return 'bytes';
  return 'plain';
}

const code = (text: string) => `\`${text}\``;

/** Markdown lines explaining a quantity: its exact value, in bytes or CPUs, and likely mistakes. */
export function explainQuantity(value: string | number, unit: QuantityUnit): string[] {
  const text = String(value).trim();
  const q = parseQuantity(typeof value === 'number' ? value : text);
  if (!q) {
    const fixes = suggestQuantity(text, unit === 'bytes');
    if (fixes.length) return [`${code(text)} is not a Kubernetes quantity — did you mean ${fixes.map(code).join(' or ')}?`];
    return [`${code(text)} is not a Kubernetes quantity: a number with an optional suffix (\`Ki Mi Gi Ti Pi Ei\` or \`n u m k M G T P E\`) or exponent (\`1e3\`).`];
  }
  const exact = formatValue(q);
  if (unit === 'bytes') {
    const plural = isWhole(q) && exact === '1' ? 'byte' : 'bytes';
    const binary = BINARY_FOR_DECIMAL[q.suffix];
    if (q.format === 'DecimalSI' && binary && q.suffix !== 'K') {
      const meant = `${q.number}${binary}`;
      const meantQ = parseQuantity(meant)!;
      return [
        `${code(text)} = ${exact} ${plural} — did you mean ${code(meant)}?`,
        `${code(meant)} = ${formatValue(meantQ)} bytes. \`${q.suffix}\` is a decimal suffix (×${withThousands(10n ** BigInt(DECIMAL_SUFFIXES[q.suffix]))}); memory and disks are usually sized with binary suffixes (×1024).`,
      ];
    }
    if (q.suffix === 'm') {
      return [`${code(text)} = ${exact} ${plural} — \`m\` means thousandths, not mega. Did you mean ${code(`${q.number}Mi`)}?`];
    }
    if (q.suffix === 'u' || q.suffix === 'n') {
      return [`${code(text)} = ${exact} bytes — \`${q.suffix}\` is a fraction (${q.suffix === 'u' ? 'micro' : 'nano'}), almost certainly a mistake.`];
    }
    const human = q.format === 'BinarySI' ? '' : humanBytes(q);
    const lines = [`${code(text)} = ${exact} ${plural}${human ? ` (${human})` : ''}`];
    if (!isWhole(q)) lines.push('Kubernetes rounds byte quantities up to a whole number of bytes.');
    return lines;
  }
  if (unit === 'cpu') {
    const milli = q.numerator * 1000n;
    const millicores = milli / q.denominator;
    const finer = milli % q.denominator !== 0n;
    const lines = [`${code(text)} = ${exact} CPU${exact === '1' ? '' : 's'} (${withThousands(millicores)}${finer ? '+' : ''} millicores)`];
    if (q.format === 'BinarySI') lines.push(`A binary suffix (\`${q.suffix}\`) on a CPU amount is almost certainly a mistake: CPUs are counted in cores (\`2\`) or millicores (\`500m\`).`);
    else if (finer) lines.push('CPU cannot be finer than 1 millicore (`1m`); Kubernetes rounds up.');
    return lines;
  }
  return [`${code(text)} = ${exact}`];
}
