// The custom ajv formats our generated schemas use. One definition for both ways a validator is made:
// the registry's run-time compile, and the build-time standalone validators (scripts/build-validators.mjs
// bundles this file into schemas/generated/formats.js, which their generated code requires).
// So it must stay self-contained: no imports other than types.
import type { Format } from 'ajv';

const QUANTITY = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+|[KMGTPE]i|[numkKMGTPE])?$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export const formats: Record<string, Format> = {
  int32: { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 },
  int64: { type: 'number', validate: (n: number) => Number.isInteger(n) },
  double: { type: 'number', validate: () => true },
  byte: { type: 'string', validate: (s: string) => BASE64.test(s.replace(/\s+/g, '')) },
  quantity: { type: 'string', validate: (s: string) => QUANTITY.test(s) },
  'int-or-string': true,
  // Kubernetes accepts RFC 3339 timestamps; a loose check avoids false alarms on valid offsets.
  'date-time': { type: 'string', validate: (s: string) => !Number.isNaN(Date.parse(s)) },
};

/** The ajv options every validator is made with, at run time and at build time alike. */
export const AJV_OPTIONS = { strict: false, allErrors: true, verbose: true, messages: false, validateSchema: false } as const;
