// The resource's AST walked together with its JSON schema, collecting the scalars whose schema type
// matters to rules: quantities (resource requests, storage, sizeLimit, ...) and plain strings (labels,
// annotations, ConfigMap data, env values, ...). Cached per parsed resource: the AST never changes.
import { isAlias, isMap, isScalar, isSeq, type Node, type Scalar } from 'yaml';
import type { Resource } from '../types';
import type { JsonSchema, SchemaRegistry } from './registry';

export interface TypedScalar {
  node: Scalar;
  schema: JsonSchema;
  /** Keys and list indexes from the resource root, e.g. ['spec', 'template', 'metadata', 'labels', 'app']. */
  path: Array<string | number>;
}

export interface TypedNodes {
  /** Scalars typed Quantity. */
  quantities: TypedScalar[];
  /** Scalars typed as a free string (no enum). */
  strings: TypedScalar[];
}

const cache = new WeakMap<Resource, TypedNodes>();
const EMPTY: TypedNodes = { quantities: [], strings: [] };
/** Deeper than any real manifest; guards against pathological recursion. */
const MAX_DEPTH = 64;

export function typedNodes(resource: Resource, registry: SchemaRegistry): TypedNodes {
  let found = cache.get(resource);
  if (found) return found;
  const root = registry.schema(resource.apiVersion, resource.kind);
  if (!root) return EMPTY;
  found = { quantities: [], strings: [] };
  const definitions = (root.definitions ?? {}) as Record<string, JsonSchema>;
  const resolve = (schema: JsonSchema | undefined): JsonSchema | undefined => {
    let current = schema;
    for (let i = 0; current && typeof current.$ref === 'string' && i < 16; i++) {
      current = definitions[current.$ref.replace('#/definitions/', '')];
    }
    return current;
  };
  const visit = (value: Node | null | undefined, rawSchema: JsonSchema | undefined, path: Array<string | number>): void => {
    const schema = resolve(rawSchema);
    if (!schema || path.length > MAX_DEPTH) return;
    const node = isAlias(value) ? (value.resolve(resource.document.yaml) as Node | undefined) : value;
    if (!node) return;
    if (schema.format === 'quantity') {
      if (isScalar(node)) found!.quantities.push({ node, schema, path });
      return;
    }
    if (schema.type === 'string' && !schema.enum) {
      if (isScalar(node)) found!.strings.push({ node, schema, path });
      return;
    }
    if (schema.type === 'object' && isMap(node)) {
      const extra = typeof schema.additionalProperties === 'object' ? (schema.additionalProperties as JsonSchema) : undefined;
      for (const pair of node.items) {
        if (!isScalar(pair.key)) continue;
        const key = String(pair.key.value);
        visit(pair.value as Node | null, schema.properties?.[key] ?? extra, [...path, key]);
      }
      return;
    }
    if (schema.type === 'array' && isSeq(node)) {
      node.items.forEach((item, i) => visit(item as Node, schema.items as JsonSchema, [...path, i]));
    }
  };
  visit(resource.root, root, []);
  cache.set(resource, found);
  return found;
}
