// Quantities the API server rejects or silently changes. It owns every quantity problem, including
// the pattern failures the schema check defers to it, so each mistake gets one diagnostic:
// not a quantity ("1gi", "1 Gi", "1GB", "1K": with a did-you-mean), negative, a zero storage request,
// larger than 2^63-1 (silently capped), and a request larger than its limit.
import { compareQuantities, exceedsMaximum, formatValue, isZero, suggestQuantity } from '../k8s/quantity';
import { inSameStyle, sourceOf } from '../yaml/access';
import { quantityFields, type QuantityField } from './quantityFields';
import type { Rule, RuleContext } from './types';

export const quantityInvalid: Rule = {
  id: 'quantity-invalid',
  description: 'A resource quantity (requests, limits, storage, capacity, sizeLimit...) that Kubernetes rejects or silently changes.',
  defaultSeverity: 'error',
  judges: 'type',
  appliesToPatches: true,
  check(ctx) {
    const fields = quantityFields(ctx);
    for (const field of fields) {
      const problem = problemOf(field);
      if (problem) ctx.report({ node: field.node, ...problem });
    }
    requestsAboveLimits(ctx, fields);
  },
};

function problemOf(field: QuantityField): { message: string; data?: Record<string, unknown>; severity?: 'warning' } | undefined {
  const { label, text, quantity, node } = field;
  if (!quantity) {
    if (typeof node.value === 'boolean') return { message: `${label} must be a Kubernetes quantity such as 10Gi, 500Mi or 250m, got the boolean ${node.value}` };
    const suggestions = suggestQuantity(text, field.bytes);
    const didYouMean = suggestions.length ? ` — did you mean ${suggestions.map((s) => `"${s}"`).join(' or ')}?` : '';
    const caseHint = /^[+-]?[\d.]+[kmgtpe]i$/.test(text) ? ' (binary suffixes are Ki, Mi, Gi, Ti, Pi, Ei with a capital letter)' : '';
    return {
      message: `${label} must be a Kubernetes quantity such as 10Gi, 500Mi or 250m, got "${text}"${didYouMean}${caseHint}`,
      // Every suggestion becomes a quick fix, in the value's own quoting style.
      data: suggestions.length ? { replacements: suggestions.map((s) => inSameStyle(node, s)) } : undefined,
    };
  }
  if (quantity.negative) return { message: `${label} must not be negative, got ${text}` };
  if (exceedsMaximum(quantity)) {
    return { message: `${label} ${text} is larger than the largest quantity Kubernetes stores (2^63-1 = 9,223,372,036,854,775,807); the API server silently caps it` };
  }
  const path = field.path;
  const isStorageRequest = label === 'storage' && path[path.length - 2] === 'requests' && path[path.length - 3] === 'resources';
  if (isStorageRequest && isZero(quantity)) return { message: `a storage request must be greater than zero, got ${text}` };
  return undefined;
}

/** requests.X > limits.X in the same resources block: the API server rejects the pod template. */
function requestsAboveLimits(ctx: RuleContext, fields: QuantityField[]): void {
  const limits = new Map<string, QuantityField>();
  for (const f of fields) {
    if (f.path[f.path.length - 2] === 'limits' && f.path[f.path.length - 3] === 'resources') limits.set(resourceKey(f.path), f);
  }
  for (const request of fields) {
    if (request.path[request.path.length - 2] !== 'requests' || request.path[request.path.length - 3] !== 'resources') continue;
    const limit = limits.get(resourceKey(request.path));
    if (!request.quantity || !limit?.quantity || request.quantity.negative || limit.quantity.negative) continue;
    if (compareQuantities(request.quantity, limit.quantity) <= 0) continue;
    const unit = request.bytes ? ' bytes' : '';
    ctx.report({
      node: request.node,
      message: `${request.label} request ${request.text} (${formatValue(request.quantity)}${unit}) is larger than its limit ${limit.text} (${formatValue(limit.quantity)}${unit}); the API server rejects a request above the limit`,
      data: { limit: sourceOf(ctx.file.text, limit.node) },
    });
  }
}

/** The resources block and resource name of a requests/limits entry, e.g. "spec/containers/0/resources|memory". */
function resourceKey(path: Array<string | number>): string {
  return `${path.slice(0, -2).join('/')}|${path[path.length - 1]}`;
}
