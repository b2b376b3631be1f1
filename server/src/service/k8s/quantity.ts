// Kubernetes resource quantities ("10Gi", "500m", "1e3"): parsing to an exact value, comparing,
// and formatting byte counts for people. Shared by the quantity rules, pvc-unbindable and hover.
//
// Grammar (k8s.io/apimachinery resource.Quantity):
//   <quantity> ::= <sign><digits>[.<digits>]<suffix>
//   <suffix>   ::= Ki | Mi | Gi | Ti | Pi | Ei          (binary, powers of 1024)
//                | n | u | m | "" | k | M | G | T | P | E  (decimal SI)
//                | e<exponent> | E<exponent>           (decimal exponent)

export type QuantityFormat = 'BinarySI' | 'DecimalSI' | 'DecimalExponent';

export interface Quantity {
  /** The text as written. */
  text: string;
  /** The numeric part without the suffix ("1.5" of "1.5Gi"). */
  number: string;
  /** The suffix as written ("Gi", "m", "e3", or ""). */
  suffix: string;
  format: QuantityFormat;
  negative: boolean;
  /** The exact value as a fraction numerator/denominator (denominator > 0). */
  numerator: bigint;
  denominator: bigint;
}

/** Largest value the API server stores; larger ones are silently capped to it. */
export const MAX_QUANTITY = 2n ** 63n - 1n;

const GRAMMAR = /^([+-]?)(\d+\.?\d*|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?\d+)?$/;

/** Powers of ten of the decimal SI suffixes. */
export const DECIMAL_SUFFIXES: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
/** Powers of two of the binary suffixes. */
export const BINARY_SUFFIXES: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
/** The binary suffix a decimal one is usually confused with (G -> Gi). */
export const BINARY_FOR_DECIMAL: Record<string, string> = { k: 'Ki', K: 'Ki', M: 'Mi', G: 'Gi', T: 'Ti', P: 'Pi', E: 'Ei' };

/** Parses a quantity string, or a YAML number (`storage: 1e3`), exactly. Undefined when it is not a quantity. */
export function parseQuantity(input: string | number): Quantity | undefined {
  const text = typeof input === 'number' ? numberText(input) : input;
  if (text === undefined) return undefined;
  const match = GRAMMAR.exec(text);
  if (!match) return undefined;
  const [, sign, number, suffix = ''] = match;
  const [whole, fraction = ''] = number.split('.');
  let numerator = BigInt((whole || '0') + fraction);
  let denominator = 10n ** BigInt(fraction.length);
  let format: QuantityFormat = 'DecimalSI';
  if (suffix in BINARY_SUFFIXES) {
    format = 'BinarySI';
    numerator *= 2n ** BigInt(BINARY_SUFFIXES[suffix]);
  } else {
    let exponent: number;
    if (/^[eE]/.test(suffix)) {
      format = 'DecimalExponent';
      exponent = Number(suffix.slice(1));
      // Exponents this large are rejected by the API server anyway; keep the arithmetic bounded.
      if (Math.abs(exponent) > 1000) return undefined;
    } else {
      exponent = DECIMAL_SUFFIXES[suffix];
    }
    if (exponent >= 0) numerator *= 10n ** BigInt(exponent);
    else denominator *= 10n ** BigInt(-exponent);
  }
  return { text, number, suffix, format, negative: sign === '-' && numerator !== 0n, numerator, denominator };
}

function numberText(value: number): string | undefined {
  if (!Number.isFinite(value)) return undefined;
  // Integers below 1e21 print without an exponent; BigInt keeps their digits exact.
  return Number.isInteger(value) && Math.abs(value) < 1e21 ? BigInt(value).toString() : String(value);
}

/** The value in base units (bytes, cores) as an exact integer, rounded up like the API server does. */
export function ceilUnits(q: Quantity): bigint {
  const whole = q.numerator / q.denominator;
  const rounded = q.numerator % q.denominator === 0n ? whole : whole + 1n;
  return q.negative ? -rounded : rounded;
}

/** Whether the value is a whole number of base units (e.g. bytes). */
export function isWhole(q: Quantity): boolean {
  return q.numerator % q.denominator === 0n;
}

/** The value as a JavaScript number (approximate for very large values). */
export function toNumber(q: Quantity): number {
  const value = Number(q.numerator) / Number(q.denominator);
  return q.negative ? -value : value;
}

/** -1, 0 or 1 as a is smaller, equal or larger than b, exactly. */
export function compareQuantities(a: Quantity, b: Quantity): number {
  const left = (a.negative ? -a.numerator : a.numerator) * b.denominator;
  const right = (b.negative ? -b.numerator : b.numerator) * a.denominator;
  return left < right ? -1 : left > right ? 1 : 0;
}

export function isZero(q: Quantity): boolean {
  return q.numerator === 0n;
}

/** Whether the API server would silently cap the value at 2^63-1. */
export function exceedsMaximum(q: Quantity): boolean {
  return !q.negative && q.numerator > MAX_QUANTITY * q.denominator;
}

/** 1073741824 -> "1,073,741,824". */
export function withThousands(value: bigint | number): string {
  const text = typeof value === 'bigint' ? value.toString() : String(value);
  const negative = text.startsWith('-');
  const [whole, fraction] = (negative ? text.slice(1) : text).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${grouped}${fraction !== undefined ? `.${fraction}` : ''}`;
}

/** "1,073,741,824 bytes", or a decimal for fractions ("0.5 bytes"). */
export function formatBytes(q: Quantity): string {
  return `${formatValue(q)} ${isWhole(q) && ceilUnits(q) === 1n ? 'byte' : 'bytes'}`;
}

/** The exact value in base units with thousands separators (fractions up to 9 decimals). */
export function formatValue(q: Quantity): string {
  if (isWhole(q)) return withThousands(ceilUnits(q));
  const scaled = (q.numerator * 10n ** 9n) / q.denominator;
  const whole = scaled / 10n ** 9n;
  const fraction = (scaled % 10n ** 9n).toString().padStart(9, '0').replace(/0+$/, '');
  return `${q.negative ? '-' : ''}${withThousands(whole)}${fraction ? `.${fraction}` : ''}`;
}

/** Resource names whose quantities count bytes (memory and storage), as used in requests/limits/capacity/hard. */
export function isByteResource(name: string): boolean {
  const base = name.replace(/^(requests|limits)\./, '');
  return base === 'memory' || base === 'storage' || base === 'ephemeral-storage' || base.startsWith('hugepages-') || name === 'sizeLimit';
}

/**
 * A did-you-mean for text that is not a quantity but is close to one: "1gi" -> "1Gi", "1 Gi" -> "1Gi",
 * "1GB" -> "1G", "1GiB" -> "1Gi", "1K" -> "1k". Undefined when nothing obvious fits.
 */
export function suggestQuantity(text: string, bytes: boolean): string[] {
  const match = /^\s*([+-]?(?:\d+\.?\d*|\.\d+))\s*([a-zA-Z]*)\s*$/.exec(text);
  if (!match) return [];
  const [, number, rawSuffix] = match;
  const suffix = rawSuffix.replace(/[bB]$/, (b) => (rawSuffix.length > 1 ? '' : b));
  const letter = suffix.charAt(0).toUpperCase();
  const candidates: string[] = [];
  if (suffix === '' && rawSuffix.toLowerCase() === 'b') candidates.push(number);
  else if (/^[kmgtpe]i$/i.test(suffix)) candidates.push(`${number}${letter}i`);
  else if (/^[kmgtpe]$/i.test(suffix)) {
    const decimal = letter === 'K' ? 'k' : letter;
    // A lone "m" is milli and valid; only "K" (and the byte-ish "GB" forms) get here as invalid.
    if (bytes) candidates.push(`${number}${letter}i`, `${number}${decimal}`);
    else candidates.push(`${number}${decimal}`, `${number}${letter}i`);
  }
  return candidates.filter((c) => c !== text && parseQuantity(c) !== undefined);
}
