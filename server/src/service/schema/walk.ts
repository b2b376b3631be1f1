// Walks the generated JSON Schemas for hover and completion: follows `$ref` (and merges `allOf`),
// finds the subschema at a YAML path, lists a map's properties with their required flags, and
// describes a field's type. Validation uses ajv (registry.ts); this is the readable side of the
// same schemas, with no compilation.
import type { JsonSchema } from './registry';

/** A YAML path step: a map key, or a sequence index (any number: the walker ignores which item). */
export type PathSegment = string | number;

/** Stands for "some item of this sequence" in paths read from text, where the index is unknown. */
export const ANY_ITEM = -1;

/** A schema with `$ref`s followed and `allOf`s merged, plus what the reference chain told us. */
export interface Field {
  /** The resolved schema: no `$ref` at its top level. */
  schema: JsonSchema;
  /** The property's own description, falling back to the referenced definition's. */
  description?: string;
  /** The short name of the definition it refers to (`Container`, `LabelSelector`), if any. */
  typeName?: string;
}

export interface PropertyInfo {
  name: string;
  field: Field;
  required: boolean;
}

/** How a value of this field is written in YAML; decides the inserted text in completion. */
export type Shape = 'object' | 'map' | 'array-of-objects' | 'array-of-scalars' | 'array-of-arrays' | 'array' | 'scalar' | 'any';

const MAX_REF_HOPS = 32;

/** The schema a root-relative `$ref` (`#/definitions/...`) points at. */
function lookupRef(root: JsonSchema, ref: string): JsonSchema | undefined {
  if (!ref.startsWith('#')) return undefined;
  if (ref === '#') return root;
  let current: unknown = root;
  for (const raw of ref.slice(2).split('/')) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current !== null && typeof current === 'object' ? (current as JsonSchema) : undefined;
}

function shortName(ref: string): string {
  const last = ref.slice(ref.lastIndexOf('/') + 1);
  return last.slice(last.lastIndexOf('.') + 1);
}

/** Follows `$ref`s and merges `allOf` members; the outermost description wins. */
export function resolve(root: JsonSchema, schema: JsonSchema | boolean | undefined): Field | undefined {
  if (schema === undefined || schema === false) return undefined;
  if (schema === true) return { schema: {} };
  let current: JsonSchema = schema;
  let description: string | undefined = typeof schema.description === 'string' ? schema.description : undefined;
  let typeName: string | undefined;
  for (let hops = 0; typeof current.$ref === 'string' && hops < MAX_REF_HOPS; hops++) {
    const target = lookupRef(root, current.$ref);
    if (!target) break;
    typeName ??= shortName(current.$ref);
    const { $ref: _ref, description: _description, ...siblings } = current;
    current = Object.keys(siblings).length > 0 ? { ...target, ...siblings } : target;
    description ??= typeof target.description === 'string' ? target.description : undefined;
  }
  if (Array.isArray(current.allOf)) current = mergeAllOf(root, current);
  if (typeof current.$ref === 'string') {
    // A cycle or a reference we cannot follow: treat it as "anything".
    const { $ref: _ref, ...rest } = current;
    current = rest;
  }
  description ??= typeof current.description === 'string' ? current.description : undefined;
  return { schema: current, description, typeName };
}

function mergeAllOf(root: JsonSchema, schema: JsonSchema): JsonSchema {
  const { allOf, ...base } = schema;
  const merged: JsonSchema = { ...base };
  for (const member of allOf as JsonSchema[]) {
    const resolved = resolve(root, member)?.schema;
    if (!resolved) continue;
    for (const [key, value] of Object.entries(resolved)) {
      if (key === 'properties') merged.properties = { ...(merged.properties ?? {}), ...(value as object) };
      else if (key === 'required') merged.required = [...new Set([...(merged.required ?? []), ...(value as string[])])];
      else if (!(key in merged)) merged[key] = value;
    }
  }
  return merged;
}

/** The resource's own field (the root schema). */
export function rootField(root: JsonSchema): Field {
  return resolve(root, root) ?? { schema: root };
}

/** The schemas of a union (`anyOf`/`oneOf`), each resolved. */
function alternatives(root: JsonSchema, field: Field): Field[] {
  const list = (field.schema.anyOf ?? field.schema.oneOf) as JsonSchema[] | undefined;
  if (!Array.isArray(list)) return [];
  return list.map((s) => resolve(root, s)).filter((f): f is Field => f !== undefined);
}

/** The field one step below `field`: a property, a map value, or a sequence item. */
export function child(root: JsonSchema, field: Field, segment: PathSegment): Field | undefined {
  const schema = field.schema;
  if (typeof segment === 'number') {
    if (schema.items !== undefined && !Array.isArray(schema.items)) {
      const item = resolve(root, schema.items);
      // Items of a list of strings or enums say nothing themselves; the list's description is theirs.
      if (item && item.description === undefined) item.description = field.description;
      return item;
    }
    for (const alt of alternatives(root, field)) {
      const found = child(root, alt, segment);
      if (found) return found;
    }
    return undefined;
  }
  const properties = schema.properties as Record<string, JsonSchema> | undefined;
  if (properties && Object.prototype.hasOwnProperty.call(properties, segment)) return resolve(root, properties[segment]);
  if (schema.patternProperties && typeof schema.patternProperties === 'object') {
    for (const [pattern, sub] of Object.entries(schema.patternProperties as Record<string, JsonSchema>)) {
      try {
        if (new RegExp(pattern, 'u').test(segment)) return resolve(root, sub);
      } catch {
        // An unusable pattern: ignore it.
      }
    }
  }
  if (schema.additionalProperties !== undefined && schema.additionalProperties !== false) {
    return resolve(root, schema.additionalProperties as JsonSchema | boolean);
  }
  for (const alt of alternatives(root, field)) {
    const found = child(root, alt, segment);
    if (found) return found;
  }
  return undefined;
}

/** The field at a YAML path below the resource root, or undefined when the schema has no such place. */
export function fieldAt(root: JsonSchema, path: readonly PathSegment[]): Field | undefined {
  let field: Field | undefined = rootField(root);
  for (const segment of path) {
    if (!field) return undefined;
    field = child(root, field, segment);
  }
  return field;
}

/** Whether `name` is required in the map `parent` describes. */
export function isRequired(parent: Field | undefined, name: string): boolean {
  const required = parent?.schema.required;
  return Array.isArray(required) && required.includes(name);
}

const propertyCache = new WeakMap<JsonSchema, PropertyInfo[]>();

/**
 * The named properties of a map field, each resolved, with its required flag (schema order).
 * Memoized per schema object (a schema belongs to one root), so completion lists and their
 * documentation are built once per type; the result is shared: do not mutate.
 */
export function properties(root: JsonSchema, field: Field): PropertyInfo[] {
  const cached = propertyCache.get(field.schema);
  if (cached) return cached;
  const computed = computeProperties(root, field);
  propertyCache.set(field.schema, computed);
  return computed;
}

function computeProperties(root: JsonSchema, field: Field): PropertyInfo[] {
  const props = field.schema.properties as Record<string, JsonSchema> | undefined;
  if (!props || typeof props !== 'object') return [];
  const required = new Set(Array.isArray(field.schema.required) ? (field.schema.required as string[]) : []);
  const out: PropertyInfo[] = [];
  for (const [name, sub] of Object.entries(props)) {
    const resolved = resolve(root, sub);
    if (resolved) out.push({ name, field: resolved, required: required.has(name) });
  }
  return out;
}

/** The JSON type(s) a field's schema declares, looking through unions. */
export function types(root: JsonSchema, field: Field): string[] {
  const type = field.schema.type;
  if (typeof type === 'string') return [type];
  if (Array.isArray(type)) return type.map(String);
  const alts = alternatives(root, field);
  if (alts.length) return [...new Set(alts.flatMap((alt) => types(root, alt)))];
  if (field.schema.properties || field.schema.additionalProperties) return ['object'];
  if (field.schema.items) return ['array'];
  return [];
}

export function enumValues(field: Field): unknown[] | undefined {
  const values = field.schema.enum;
  return Array.isArray(values) && values.length > 0 ? values : undefined;
}

export function isIntOrString(field: Field): boolean {
  return field.schema.format === 'int-or-string' || field.typeName === 'IntOrString';
}

export function isQuantity(field: Field): boolean {
  return field.schema.format === 'quantity' || field.typeName === 'Quantity';
}

/** A map with free-form keys (labels, annotations, ConfigMap data) rather than named fields. */
export function isFreeFormMap(field: Field): boolean {
  const s = field.schema;
  return !s.properties && s.additionalProperties !== undefined && s.additionalProperties !== false;
}

export function shapeOf(root: JsonSchema, field: Field): Shape {
  const t = types(root, field);
  if (t.length === 1 && t[0] === 'object') return isFreeFormMap(field) ? 'map' : 'object';
  if (t.length === 1 && t[0] === 'array') {
    const item = child(root, field, ANY_ITEM);
    if (!item) return 'array';
    const itemShape = shapeOf(root, item);
    if (itemShape === 'object' || itemShape === 'map') return 'array-of-objects';
    if (itemShape === 'scalar') return 'array-of-scalars';
    if (itemShape.startsWith('array')) return 'array-of-arrays';
    return 'array';
  }
  if (t.length === 0) return 'any';
  if (t.every((x) => x === 'string' || x === 'integer' || x === 'number' || x === 'boolean' || x === 'null')) return 'scalar';
  return 'any';
}

/**
 * A short type label: `integer (int32)`, `string`, `[]Container`, `map[string]string`,
 * `int-or-string`, `quantity`, `LabelSelector`, `enum` values are listed separately.
 */
export function typeLabel(root: JsonSchema, field: Field, depth = 0): string {
  if (isIntOrString(field)) return 'int-or-string';
  if (isQuantity(field)) return 'quantity';
  const s = field.schema;
  const t = types(root, field);
  if (t.length === 1) {
    switch (t[0]) {
      case 'object':
        if (isFreeFormMap(field)) {
          const value = child(root, field, '\u0000any');
          return `map[string]${value && depth < 3 ? typeLabel(root, value, depth + 1) : 'any'}`;
        }
        return field.typeName ?? inlineTypeName(field) ?? 'object';
      case 'array': {
        const item = child(root, field, ANY_ITEM);
        return `[]${item && depth < 3 ? typeLabel(root, item, depth + 1) : 'any'}`;
      }
      case 'integer':
        return typeof s.format === 'string' ? `integer (${s.format})` : 'integer';
      case 'number':
        return typeof s.format === 'string' ? `number (${s.format})` : 'number';
      case 'string':
        if (s.format === 'byte') return 'string (base64)';
        if (s.format === 'date-time') return 'string (RFC 3339 date-time)';
        return 'string';
      default:
        return t[0];
    }
  }
  if (t.length > 1) return t.join(' | ');
  return field.typeName ?? 'any';
}

/** The name an inline object schema's description gives it ("PersistentVolumeClaim is a user's request..."). */
function inlineTypeName(field: Field): string | undefined {
  const own = typeof field.schema.description === 'string' ? field.schema.description : undefined;
  const named = own ? /^([A-Z][A-Za-z0-9]+) (?:is|represents|describes|defines)\b/.exec(own)?.[1] : undefined;
  if (named) return named;
  // An embedded resource (volumeClaimTemplates items): named after its spec, `PersistentVolumeClaimSpec`.
  const specRef = field.schema.properties?.spec?.$ref;
  return typeof specRef === 'string' ? /\.([A-Za-z0-9]+)Spec$/.exec(specRef)?.[1] : undefined;
}

/**
 * The default value, from the schema's `default` or, since the Kubernetes OpenAPI states most
 * defaults only in prose, from the description ("Defaults to 1", "The default value is 10").
 * Conditional defaults ("Always if :latest tag is specified, or IfNotPresent otherwise") come
 * back as the whole clause.
 */
export function defaultOf(root: JsonSchema, field: Field): string | undefined {
  if (field.schema.default !== undefined) return JSON.stringify(field.schema.default);
  const text = field.description;
  if (!text) return undefined;
  const match =
    /\b(?:defaults? (?:to|is)|the default (?:value |policy |behavior )?is|if (?:unspecified|not specified|empty|omitted|unset), (?:defaults to|the default is)|default value is)\s+([^\n]*)/i.exec(text);
  if (!match) return undefined;
  let rest = match[1].trim();
  const token = /^(`[^`]+`|"[^"]*"|'[^']*'|[-+]?\d+(?:\.\d+)?%?|[A-Za-z][\w./-]*)/.exec(rest);
  if (!token) return undefined;
  let value = token[1].replace(/^[`"']|[`"']$/g, '').replace(/\.$/, '');
  if (/^(?:defined|determined|implementation|to|set|used|specific)$/i.test(value)) return undefined;
  if (/^(?:the|a|an|none|nil|empty|no|not|unset)$/i.test(value) && !enumValues(field)?.includes(value)) return undefined;
  const t = types(root, field);
  if (t.includes('integer') || t.includes('number')) {
    if (!/^[-+]?\d+(?:\.\d+)?$/.test(value) && !isIntOrString(field)) return undefined;
  } else if (t.includes('boolean')) {
    if (!/^(?:true|false)$/.test(value)) return undefined;
  }
  const values = enumValues(field);
  if (values && !values.map(String).includes(value)) return undefined;
  rest = rest.slice(token[1].length);
  const unit = /^\s+(seconds?|minutes?|hours?|days?)\b/i.exec(rest);
  if (unit && /^\d+$/.test(value)) {
    value = `${value} ${unit[1]}`;
    rest = rest.slice(unit[0].length);
  }
  const sentenceEnd = rest.search(/\.(\s|$)/);
  const tail = (sentenceEnd < 0 ? rest : rest.slice(0, sentenceEnd)).trim();
  if (/^(?:if|unless|when|otherwise|or|for|on|except)\b/i.test(tail) || /^,\s*(?:or|otherwise|unless|if)\b/i.test(tail)) {
    return `${value} ${tail}`.replace(/\s+/g, ' ').trim();
  }
  return value;
}

/** Read-only fields the API server fills in; completion lists them last. */
export function isServerPopulated(name: string, field: Field, atRoot: boolean): boolean {
  if (atRoot && name === 'status') return true;
  const d = field.description ?? '';
  return /\bRead-only\b|Populated by the system|Clients may not set this value|is not directly settable by a client/.test(d);
}

export function isDeprecated(field: Field): boolean {
  const d = field.description ?? '';
  return /^(?:Deprecated\b|DEPRECATED\b)|\bDeprecated:|\bdeprecated alias\b|\bThis field is deprecated\b/.test(d);
}
