// Quantity scalars of a resource with what the quantity rules need: the label to show, whether the
// field counts bytes, and the parsed value. Shared by quantity-invalid and quantity-decimal-suffix.
import type { Scalar } from 'yaml';
import { isByteResource, parseQuantity, type Quantity } from '../k8s/quantity';
import { typedNodes } from '../schema/typedNodes';
import type { RuleContext } from './types';

export interface QuantityField {
  node: Scalar;
  path: Array<string | number>;
  /** The field's key: "storage", "memory", "cpu", "sizeLimit", "requests.storage"... */
  label: string;
  /** The value as text ("1Gi"; YAML numbers stringified). */
  text: string;
  bytes: boolean;
  /** Undefined when the text is not a quantity. */
  quantity?: Quantity;
}

/** Per resource, like typedNodes: two rules read the same fields (shared, do not mutate). */
const cache = new WeakMap<object, QuantityField[]>();
const NONE: QuantityField[] = Object.freeze([]) as unknown as QuantityField[];

export function quantityFields(ctx: RuleContext): QuantityField[] {
  const cached = cache.get(ctx.resource);
  if (cached) return cached;
  const out: QuantityField[] = [];
  for (const { node, path } of typedNodes(ctx.resource, ctx.registry).quantities) {
    if (node.value === null || node.value === undefined) continue;
    const label = String(path[path.length - 1]);
    const text = typeof node.value === 'string' ? node.value : String(node.value);
    const quantity = typeof node.value === 'string' || typeof node.value === 'number' ? parseQuantity(node.value) : undefined;
    out.push({ node, path, label, text, bytes: isByteResource(label), quantity });
  }
  const fields = out.length > 0 ? out : NONE;
  cache.set(ctx.resource, fields);
  return fields;
}
