// The resource's AST walked together with its JSON schema, collecting the scalars whose schema type
// matters to rules: quantities (resource requests, storage, sizeLimit, ...) and plain-string fields
// (labels, annotations, ConfigMap data, env values, ...) whose YAML value is not a string. Cached per
// parsed resource: the AST never changes.
import type { Node, Scalar } from 'yaml';
import { isAlias, isMap, isScalar, isSeq } from '../yaml/guards';
import type { Resource } from '../types';
import type { JsonSchema, SchemaRegistry } from './registry';
import { checkedApiVersion } from './removedApis';
import { settle } from '../parse/parseFile';

export interface TypedScalar {
  node: Scalar;
  schema: JsonSchema;
  /** Keys and list indexes from the resource root, e.g. ['spec', 'template', 'metadata', 'labels', 'app']. */
  path: Array<string | number>;
}

export interface TypedNodes {
  /** Scalars typed Quantity. */
  quantities: TypedScalar[];
  /**
   * Scalars typed as a free string (no enum) that YAML did not read as a string (`yes`, `1.10`,
   * `0777`, null...). The string-valued ones, most scalars of a manifest, are left out: no rule needs them.
   */
  nonStrings: TypedScalar[];
}

const cache = new WeakMap<Resource, TypedNodes>();
const EMPTY: TypedNodes = Object.freeze({ quantities: Object.freeze([]) as unknown as TypedScalar[], nonStrings: Object.freeze([]) as unknown as TypedScalar[] });
/** Deeper than any real manifest; guards against pathological recursion. */
export const MAX_DEPTH = 64;

export const QUANTITY = 1;
export const STRING = 2;
export const OBJECT = 3;
export const ARRAY = 4;

/** What the walk needs of a schema, worked out once per schema object ($refs followed) instead of once per node. */
export interface Step {
  schema: JsonSchema;
  /** QUANTITY, STRING, OBJECT, ARRAY, or 0 (nothing to collect below). */
  kind: number;
  properties: Record<string, JsonSchema> | undefined;
  extra: JsonSchema | undefined;
  items: JsonSchema | undefined;
  /**
   * Below an OBJECT, the steps of its named properties met so far (bounded by the schema, unlike the
   * keys of free-form maps, which share `extraStep`); below an ARRAY, its items' step. null: nothing to collect.
   */
  children: Map<string, Step | null> | undefined;
  extraStep: Step | null | undefined;
  item: Step | null | undefined;
}

/** Per unresolved schema object; a schema object belongs to one kind's root, so its $refs always resolve the same way. */
const steps = new WeakMap<object, Step | null>();

function stepOf(raw: JsonSchema | undefined, definitions: Record<string, JsonSchema>): Step | null {
  if (!raw) return null;
  // Keys like "constructor" read inherited members of `properties` (functions): nothing to collect, as for
  // any other value that is not a schema object.
  if (typeof raw !== 'object') return emptyStep(raw);
  let step = steps.get(raw);
  if (step !== undefined) return step;
  let schema: JsonSchema | undefined = raw;
  for (let i = 0; schema && typeof schema.$ref === 'string' && i < 16; i++) {
    schema = definitions[schema.$ref.replace('#/definitions/', '')];
  }
  if (!schema) step = null;
  else if (typeof schema !== 'object') step = emptyStep(schema);
  else {
    const kind =
      schema.format === 'quantity' ? QUANTITY : schema.type === 'string' && !schema.enum ? STRING : schema.type === 'object' ? OBJECT : schema.type === 'array' ? ARRAY : 0;
    step = {
      schema,
      kind,
      properties: schema.properties,
      extra: typeof schema.additionalProperties === 'object' ? (schema.additionalProperties as JsonSchema) : undefined,
      items: schema.items as JsonSchema | undefined,
      children: kind === OBJECT ? new Map() : undefined,
      extraStep: undefined,
      item: undefined,
    };
  }
  steps.set(raw, step);
  return step;
}

function emptyStep(schema: JsonSchema): Step {
  return { schema, kind: 0, properties: undefined, extra: undefined, items: undefined, children: undefined, extraStep: undefined, item: undefined };
}

/** The step of `properties[key] ?? additionalProperties`. */
export function childStep(step: Step, key: string, definitions: Record<string, JsonSchema>): Step | null {
  const children = step.children!;
  const known = children.get(key);
  if (known !== undefined) return known;
  const property = step.properties?.[key];
  if (property === undefined || property === null) {
    if (step.extraStep === undefined) step.extraStep = stepOf(step.extra, definitions);
    return step.extraStep;
  }
  const child = stepOf(property, definitions);
  if (Object.prototype.hasOwnProperty.call(step.properties, key)) children.set(key, child);
  return child;
}

export function itemStep(step: Step, definitions: Record<string, JsonSchema>): Step | null {
  if (step.item === undefined) step.item = stepOf(step.items, definitions);
  return step.item;
}

/** The schema a custom resource's cached typed nodes were found with: its CRD may change. */
const customRoots = new WeakMap<Resource, JsonSchema>();

function cachedFor(resource: Resource, registry: SchemaRegistry): TypedNodes | undefined {
  const found = cache.get(resource);
  if (found) settle(resource); // its nodes are read: current offsets
  if (!found || registry.isBuiltIn(resource.apiVersion, resource.kind)) return found;
  return customRoots.get(resource) === registry.schema(resource.apiVersion, resource.kind) ? found : undefined;
}

function remember(resource: Resource, nodes: TypedNodes, root: JsonSchema, custom: boolean): void {
  cache.set(resource, nodes);
  if (custom) customRoots.set(resource, root);
}

export function typedNodes(resource: Resource, registry: SchemaRegistry): TypedNodes {
  let found = cachedFor(resource, registry);
  if (found) return found;
  const root = registry.schema(checkedApiVersion(resource.apiVersion, resource.kind), resource.kind);
  if (!root) return EMPTY;
  const result: TypedNodes = { quantities: [], nonStrings: [] };
  const definitions = (root.definitions ?? {}) as Record<string, JsonSchema>;
  const document = resource.document.yaml;
  // One path array, pushed and popped along the walk; copied only for the scalars collected.
  const path: Array<string | number> = [];
  const visit = (value: Node | null | undefined, step: Step | null): void => {
    if (!step || path.length > MAX_DEPTH) return;
    const node = isAlias(value) ? (value.resolve(document) as Node | undefined) : value;
    if (!node) return;
    switch (step.kind) {
      case QUANTITY:
        if (isScalar(node)) result.quantities.push({ node, schema: step.schema, path: path.slice() });
        return;
      case STRING:
        if (isScalar(node) && typeof node.value !== 'string') result.nonStrings.push({ node, schema: step.schema, path: path.slice() });
        return;
      case OBJECT: {
        if (!isMap(node)) return;
        const items = node.items;
        for (let i = 0; i < items.length; i++) {
          const pair = items[i];
          if (!isScalar(pair.key)) continue;
          const key = String(pair.key.value);
          path.push(key);
          visit(pair.value as Node | null, childStep(step, key, definitions));
          path.pop();
        }
        return;
      }
      case ARRAY: {
        if (!isSeq(node)) return;
        const items = node.items;
        const item = itemStep(step, definitions);
        for (let i = 0; i < items.length; i++) {
          path.push(i);
          visit(items[i] as Node, item);
          path.pop();
        }
        return;
      }
    }
  };
  visit(resource.root, stepOf(root, definitions));
  // Most resources have neither: they share one empty result (kept for as long as the resource).
  found = result.quantities.length + result.nonStrings.length > 0 ? result : EMPTY;
  remember(resource, found, root, !registry.isBuiltIn(resource.apiVersion, resource.kind));
  return found;
}

/**
 * The typed nodes built along another walk of the resource (documentData's, which the schema check
 * makes anyway), with the same steps and results as typedNodes' own walk.
 */
export interface TypedCollector {
  /** The step of the resource's root map. */
  root: Step | null;
  definitions: Record<string, JsonSchema>;
  result: TypedNodes;
  path: Array<string | number>;
  /** Set once the walk went through the whole document. */
  complete: boolean;
  /** The resource's schema, and whether it is a custom resource's (from a CRD that may change). */
  schema: JsonSchema;
  custom: boolean;
}

/** A collector for the resource, or undefined when its typed nodes are known already or it has no schema. */
export function typedCollector(resource: Resource, registry: SchemaRegistry): TypedCollector | undefined {
  if (cachedFor(resource, registry)) return undefined;
  const root = registry.schema(checkedApiVersion(resource.apiVersion, resource.kind), resource.kind);
  if (!root) return undefined;
  const definitions = (root.definitions ?? {}) as Record<string, JsonSchema>;
  const custom = !registry.isBuiltIn(resource.apiVersion, resource.kind);
  return { root: stepOf(root, definitions), definitions, result: { quantities: [], nonStrings: [] }, path: [], complete: false, schema: root, custom };
}

/** Keeps what a complete collector found as the resource's typed nodes, for typedNodes() to return. */
export function rememberTypedNodes(resource: Resource, collector: TypedCollector): void {
  const result = collector.result;
  remember(resource, result.quantities.length + result.nonStrings.length > 0 ? result : EMPTY, collector.schema, collector.custom);
}
