// A CustomResourceDefinition's kinds as JSON Schemas our validator and the schema walker read.
// A CRD's `openAPIV3Schema` is OpenAPI 3.0 with Kubernetes extensions; what the API server enforces
// of it is translated to draft-07, and what it does not (or what we cannot check the way it does) is
// left out, so a custom resource the cluster accepts never gets an error:
// - unknown fields: rejected (kubectl's default strict field validation) where the schema is
//   structural and does not say `x-kubernetes-preserve-unknown-fields`;
// - types, enums, required, lengths, bounds, patterns (when JavaScript can compile them);
// - `x-kubernetes-int-or-string` as integer-or-string, `x-kubernetes-embedded-resource` as an object
//   that also has apiVersion, kind and metadata, `nullable` as null allowed;
// - formats, `x-kubernetes-validations` (CEL), list/map types and the value checks inside
//   allOf/anyOf/oneOf/not are not checked;
// - with the status subresource, `status` is not checked: the API server drops it on create and update.
import { CUSTOM_RESOURCE_DEFINITION } from '../kinds';
import type { JsonSchema } from '../schema/registry';

/** One served version of a CRD's kind. */
export interface CustomKind {
  group: string;
  version: string;
  /** `group/version`, as resources write it. */
  apiVersion: string;
  kind: string;
  scope: 'Namespaced' | 'Cluster';
  /** The CR's schema without metadata's; `withObjectMeta` completes it. Undefined: the CRD gives none. */
  schema?: JsonSchema;
  description?: string;
  /**
   * The version enables the status subresource: the API server then drops the `status` sent with the
   * object on create and update (only the status subresource writes it), so it is never validated.
   */
  statusSubresource: boolean;
}

const MAX_DEPTH = 64;
const TYPES = new Set(['object', 'array', 'string', 'integer', 'number', 'boolean']);
const COPIED = ['minLength', 'maxLength', 'minItems', 'maxItems', 'minProperties', 'maxProperties', 'multipleOf', 'minimum', 'maximum'] as const;

/** Whether a resource is a CustomResourceDefinition we read (apiextensions.k8s.io, v1 or the removed v1beta1). */
export function isCrd(apiVersion: string, kind: string): boolean {
  return kind === CUSTOM_RESOURCE_DEFINITION.kind && apiVersion.startsWith(`${CUSTOM_RESOURCE_DEFINITION.group}/`);
}

/** The kinds a CRD (as plain data) serves, one per served version; [] for anything malformed. */
export function customKindsOf(crd: unknown): CustomKind[] {
  const spec = field(crd, 'spec');
  const group = field(spec, 'group');
  const names = field(spec, 'names');
  const kind = field(names, 'kind');
  if (typeof group !== 'string' || !group || typeof kind !== 'string' || !kind) return [];
  const scope = field(spec, 'scope') === 'Cluster' ? 'Cluster' : 'Namespaced';
  // v1beta1 CRDs kept unknown fields unless told otherwise; v1 keeps them only on request.
  const v1beta1 = field(crd, 'apiVersion') === 'apiextensions.k8s.io/v1beta1';
  const preserveAll = field(spec, 'preserveUnknownFields') === true || (v1beta1 && field(spec, 'preserveUnknownFields') !== false);
  const sharedSchema = field(field(spec, 'validation'), 'openAPIV3Schema');
  // v1beta1 declares subresources for every version at spec level; v1 per version.
  const sharedStatus = isObject(field(field(spec, 'subresources'), 'status'));
  const versions = field(spec, 'versions');
  const list: unknown[] = Array.isArray(versions) ? versions : typeof field(spec, 'version') === 'string' ? [{ name: field(spec, 'version') }] : [];
  const out: CustomKind[] = [];
  for (const version of list) {
    const name = field(version, 'name');
    if (typeof name !== 'string' || !name || field(version, 'served') === false) continue;
    const raw = field(field(version, 'schema'), 'openAPIV3Schema') ?? sharedSchema;
    const schema = isObject(raw) ? convert(raw, { preserveAll, depth: 0 }) : undefined;
    const description = isObject(raw) && typeof raw.description === 'string' ? raw.description : undefined;
    const statusSubresource = isObject(field(field(version, 'subresources'), 'status')) || sharedStatus;
    out.push({ group, version: name, apiVersion: `${group}/${name}`, kind, scope, schema, description, statusSubresource });
  }
  return out;
}

/**
 * The complete schema of a custom resource: its own, with apiVersion and kind fixed and metadata
 * described by the built-in ObjectMeta (`metadata` and `definitions` taken from a built-in kind's schema).
 */
export function withObjectMeta(custom: CustomKind, builtIn: JsonSchema | undefined): JsonSchema {
  const own = custom.schema ?? { type: 'object' };
  const builtInProperties = (builtIn?.properties ?? {}) as Record<string, JsonSchema>;
  const properties: Record<string, JsonSchema> = { ...((own.properties ?? {}) as Record<string, JsonSchema>) };
  properties.apiVersion = { ...builtInProperties.apiVersion, type: 'string', enum: [custom.apiVersion] };
  properties.kind = { ...builtInProperties.kind, type: 'string', enum: [custom.kind] };
  // The API server checks metadata itself; a CRD may only narrow name and generateName.
  properties.metadata = builtInProperties.metadata ?? { type: 'object' };
  const required = [...new Set(['apiVersion', 'kind', ...((own.required ?? []) as string[])])];
  return {
    ...own,
    title: `${custom.kind} (${custom.apiVersion})`,
    type: 'object',
    properties,
    required,
    ...(builtIn?.definitions ? { definitions: builtIn.definitions } : {}),
  };
}

/**
 * The schema the validator walks: with the status subresource, whatever `status` holds is accepted
 * (the API server drops it on create and update); completion and hover keep the CRD's descriptions.
 */
export function validatedSchema(custom: CustomKind, complete: JsonSchema): JsonSchema {
  if (!custom.statusSubresource) return complete;
  const properties = { ...((complete.properties ?? {}) as Record<string, JsonSchema>), status: {} };
  const required = ((complete.required ?? []) as string[]).filter((name) => name !== 'status');
  return { ...complete, properties, required };
}

interface Context {
  /** Unknown fields are kept everywhere (v1beta1 default, or spec.preserveUnknownFields). */
  preserveAll: boolean;
  depth: number;
}

/** One OpenAPI v3 schema node as draft-07. */
function convert(node: Record<string, any>, context: Context): JsonSchema {
  const out: JsonSchema = {};
  if (context.depth > MAX_DEPTH) return out;
  const deeper: Context = { ...context, depth: context.depth + 1 };
  if (typeof node.description === 'string') out.description = node.description;
  if (node.default !== undefined) out.default = node.default;
  const nullable = node.nullable === true;
  if (node['x-kubernetes-int-or-string'] === true) {
    out.anyOf = nullable ? [{ type: 'integer' }, { type: 'string' }, { type: 'null' }] : [{ type: 'integer' }, { type: 'string' }];
  } else if (typeof node.type === 'string' && TYPES.has(node.type)) {
    out.type = node.type;
  }
  if (Array.isArray(node.enum) && node.enum.length > 0) out.enum = nullable && !node.enum.includes(null) ? [...node.enum, null] : node.enum;
  for (const keyword of COPIED) if (typeof node[keyword] === 'number') out[keyword] = node[keyword];
  // OpenAPI 3.0's boolean exclusive bounds are draft-07's numeric ones.
  if (node.exclusiveMinimum === true && typeof node.minimum === 'number') {
    out.exclusiveMinimum = node.minimum;
    delete out.minimum;
  }
  if (node.exclusiveMaximum === true && typeof node.maximum === 'number') {
    out.exclusiveMaximum = node.maximum;
    delete out.maximum;
  }
  if (typeof node.pattern === 'string' && compiles(node.pattern)) out.pattern = node.pattern;
  if (isObject(node.items)) out.items = convert(node.items, deeper);

  const preserve = context.preserveAll || node['x-kubernetes-preserve-unknown-fields'] === true;
  const embedded = node['x-kubernetes-embedded-resource'] === true;
  const isObjectNode = node.type === 'object' || isObject(node.properties) || embedded;
  if (isObjectNode) {
    const properties: Record<string, JsonSchema> = {};
    if (isObject(node.properties)) {
      for (const [name, child] of Object.entries(node.properties)) if (isObject(child)) properties[name] = convert(child, deeper);
    }
    if (embedded) {
      // An embedded object is a whole resource: the API server accepts its identity fields.
      properties.apiVersion ??= { type: 'string' };
      properties.kind ??= { type: 'string' };
      properties.metadata ??= { type: 'object' };
    }
    if (Object.keys(properties).length > 0) out.properties = properties;
    const required = Array.isArray(node.required) ? node.required.filter((r: unknown) => typeof r === 'string') : [];
    if (required.length > 0) out.required = required;
    if (isObject(node.additionalProperties)) out.additionalProperties = convert(node.additionalProperties, deeper);
    else if (node.additionalProperties === true || preserve) {
      // anything goes
    } else out.additionalProperties = false;
  }
  return out;
}

function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
}

function isObject(value: unknown): value is Record<string, any> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function field(value: unknown, key: string): any {
  return isObject(value) ? value[key] : undefined;
}
