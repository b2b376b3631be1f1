// Custom resources are checked by walking their schema, not by compiling it. ajv turns a schema into
// JavaScript first: for a big CRD (Prometheus' 828 KB) that took 4.6 s idle and blocked every other
// file's diagnostics, while walking the same schema over one resource takes milliseconds and costs
// nothing up front. Only the keywords crdSchema.ts produces (and the built-in ObjectMeta that
// withObjectMeta lends) are read; the errors have ajv's shape, so the schema diagnostics read them
// like the built-in kinds' errors.
import type { ErrorObject } from 'ajv';
import { formats } from '../schema/formats';
import type { JsonSchema, Validator } from '../schema/registry';

/** A validator over `schema` (draft-07: type, enum, bounds, pattern, format, properties, required, additionalProperties, items, anyOf, allOf, local $ref). */
export function schemaWalker(schema: JsonSchema): Validator {
  const validate: Validator = (data: unknown) => {
    const errors: ErrorObject[] = [];
    check(schema, data, '', '#', { root: schema, errors, depth: 0 });
    validate.errors = errors.length > 0 ? errors : null;
    return errors.length === 0;
  };
  return validate;
}

interface Walk {
  root: JsonSchema;
  errors: ErrorObject[];
  depth: number;
}

/** Deeper than any real resource: stops a $ref loop. */
const MAX_DEPTH = 200;
const NUMBER_BOUNDS = [
  ['minimum', '>='],
  ['maximum', '<='],
  ['exclusiveMinimum', '>'],
  ['exclusiveMaximum', '<'],
] as const;
const COUNT_BOUNDS = [
  ['minLength', 'string', (v: string) => [...v].length, 1],
  ['maxLength', 'string', (v: string) => [...v].length, -1],
  ['minItems', 'array', (v: unknown[]) => v.length, 1],
  ['maxItems', 'array', (v: unknown[]) => v.length, -1],
  ['minProperties', 'object', (v: object) => Object.keys(v).length, 1],
  ['maxProperties', 'object', (v: object) => Object.keys(v).length, -1],
] as const;

const patterns = new Map<string, RegExp | null>();

function check(schema: JsonSchema, data: unknown, path: string, schemaPath: string, walk: Walk): void {
  if (walk.depth > MAX_DEPTH || typeof schema !== 'object' || schema === null) return;
  const fail = (keyword: string, params: Record<string, unknown>, at = path, value = data, parentSchema = schema) =>
    walk.errors.push({ instancePath: at, schemaPath: `${schemaPath}/${keyword}`, keyword, params, data: value, parentSchema, schema: schema[keyword] });
  if (typeof schema.$ref === 'string') {
    const target = resolveRef(walk.root, schema.$ref);
    if (target) check(target, data, path, schema.$ref, { ...walk, depth: walk.depth + 1 });
    return; // draft-07: keywords beside $ref are ignored
  }
  const deeper = { ...walk, depth: walk.depth + 1 };
  const type = typeOf(data);

  if (schema.type !== undefined && !matchesType(schema.type, data, type)) fail('type', { type: schema.type });
  if (Array.isArray(schema.enum) && !schema.enum.some((allowed: unknown) => sameValue(allowed, data))) fail('enum', { allowedValues: schema.enum });
  if (Array.isArray(schema.anyOf)) {
    const passes = schema.anyOf.some((branch: JsonSchema) => {
      const errors: ErrorObject[] = [];
      check(branch, data, path, schemaPath, { ...deeper, errors });
      return errors.length === 0;
    });
    if (!passes) fail('anyOf', {});
  }
  if (Array.isArray(schema.allOf)) schema.allOf.forEach((branch: JsonSchema, i: number) => check(branch, data, path, `${schemaPath}/allOf/${i}`, deeper));

  if (type === 'number') {
    for (const [keyword, comparison] of NUMBER_BOUNDS) {
      const limit = schema[keyword];
      if (typeof limit === 'number' && !compare(data as number, comparison, limit)) fail(keyword, { comparison, limit });
    }
    if (typeof schema.multipleOf === 'number' && schema.multipleOf > 0 && !Number.isInteger((data as number) / schema.multipleOf)) fail('multipleOf', { multipleOf: schema.multipleOf });
  }
  for (const [keyword, applies, count, sign] of COUNT_BOUNDS) {
    const limit = schema[keyword];
    if (typeof limit === 'number' && type === applies && (count as (v: never) => number)(data as never) * sign < limit * sign) fail(keyword, { limit });
  }
  if (type === 'string') {
    const pattern = typeof schema.pattern === 'string' ? patternOf(schema.pattern) : null;
    if (pattern && !pattern.test(data as string)) fail('pattern', { pattern: schema.pattern });
    if (typeof schema.format === 'string' && !formatHolds(schema.format, data)) fail('format', { format: schema.format });
  } else if (type === 'number' && typeof schema.format === 'string' && !formatHolds(schema.format, data)) {
    fail('format', { format: schema.format });
  }

  if (type === 'array' && schema.items && typeof schema.items === 'object' && !Array.isArray(schema.items)) {
    (data as unknown[]).forEach((item, i) => check(schema.items, item, `${path}/${i}`, `${schemaPath}/items`, deeper));
  }
  if (type === 'object') {
    const object = data as Record<string, unknown>;
    const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
    if (Array.isArray(schema.required)) {
      for (const name of schema.required) if (!Object.hasOwn(object, name)) fail('required', { missingProperty: name });
    }
    for (const [name, value] of Object.entries(object)) {
      const at = `${path}/${escapePointer(name)}`;
      if (Object.hasOwn(properties, name)) check(properties[name], value, at, `${schemaPath}/properties/${escapePointer(name)}`, deeper);
      else if (schema.additionalProperties === false) fail('additionalProperties', { additionalProperty: name });
      else if (schema.additionalProperties && typeof schema.additionalProperties === 'object') check(schema.additionalProperties, value, at, `${schemaPath}/additionalProperties`, deeper);
    }
  }
}

type DataType = 'null' | 'boolean' | 'number' | 'string' | 'array' | 'object' | 'other';

function typeOf(data: unknown): DataType {
  if (data === null) return 'null';
  if (Array.isArray(data)) return 'array';
  const type = typeof data;
  return type === 'boolean' || type === 'number' || type === 'string' || type === 'object' ? type : 'other';
}

function matchesType(expected: unknown, data: unknown, type: DataType): boolean {
  const types = Array.isArray(expected) ? expected : [expected];
  return types.some((t) => (t === 'integer' ? type === 'number' && Number.isInteger(data) : t === type));
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  return typeof a === 'object' && typeof b === 'object' && a !== null && b !== null && JSON.stringify(a) === JSON.stringify(b);
}

function compare(value: number, comparison: string, limit: number): boolean {
  return comparison === '>=' ? value >= limit : comparison === '<=' ? value <= limit : comparison === '>' ? value > limit : value < limit;
}

/** A pattern JavaScript cannot compile is not checked (null), like crdSchema.ts leaves it out. */
function patternOf(source: string): RegExp | null {
  let pattern = patterns.get(source);
  if (pattern === undefined) {
    try {
      pattern = new RegExp(source, 'u');
    } catch {
      pattern = null;
    }
    patterns.set(source, pattern);
  }
  return pattern;
}

function formatHolds(name: string, data: unknown): boolean {
  const format = formats[name];
  if (!format || format === true || typeof format !== 'object' || !('validate' in format)) return true; // unknown formats are not checked (ajv strict: false)
  const expected = 'type' in format ? format.type : undefined;
  if (expected !== undefined && typeof data !== expected) return true;
  const holds = format.validate as (value: unknown) => boolean;
  return holds(data);
}

function resolveRef(root: JsonSchema, ref: string): JsonSchema | undefined {
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = root;
  for (const segment of ref.slice(2).split('/')) {
    node = node && typeof node === 'object' ? (node as Record<string, unknown>)[segment.replaceAll('~1', '/').replaceAll('~0', '~')] : undefined;
  }
  return node && typeof node === 'object' ? (node as JsonSchema) : undefined;
}

function escapePointer(segment: string): string {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}
