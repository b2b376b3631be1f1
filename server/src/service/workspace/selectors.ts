// Label selectors (matchLabels + matchExpressions) read from the AST, with the nodes to report on,
// and matched against a label set. Used by StatefulSet rules; PVC->PV matching can use it too.
import { isScalar, type Node, type YAMLMap } from 'yaml';
import { entries, items, mapAt, nodeAt, seqAt } from '../yaml/access';

export interface SelectorRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | string;
  values: string[];
  /** The node to point at when this requirement is not met. */
  node: Node;
  /** Written as a matchLabels entry (rather than a matchExpressions item). */
  fromMatchLabels: boolean;
}

/** The requirements of a LabelSelector map (`{matchLabels, matchExpressions}`); matchLabels become `In [value]`. */
export function selectorRequirements(selector: YAMLMap | undefined): SelectorRequirement[] {
  const out: SelectorRequirement[] = [];
  for (const e of entries(mapAt(selector, ['matchLabels']))) {
    if (!isScalar(e.value) || e.value.value === null) continue;
    out.push({ key: e.key, operator: 'In', values: [String(e.value.value)], node: e.value, fromMatchLabels: true });
  }
  for (const expression of items(seqAt(selector, ['matchExpressions']))) {
    const keyNode = nodeAt(expression, ['key']);
    const operator = nodeAt(expression, ['operator']);
    if (!isScalar(keyNode) || !isScalar(operator)) continue;
    const values = items(seqAt(expression, ['values'])).filter(isScalar).map((v) => String(v.value));
    out.push({ key: String(keyNode.value), operator: String(operator.value), values, node: keyNode, fromMatchLabels: false });
  }
  return out;
}

export function requirementMatches(requirement: SelectorRequirement, labels: Record<string, string>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, requirement.key);
  switch (requirement.operator) {
    case 'In':
      return has && requirement.values.includes(labels[requirement.key]);
    case 'NotIn':
      return !has || !requirement.values.includes(labels[requirement.key]);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    default:
      // Unknown operators are the schema's business; do not pile a mismatch on top.
      return true;
  }
}

/** Requirements the labels fail (empty: the selector selects them). */
export function unmetRequirements(selector: YAMLMap | undefined, labels: Record<string, string>): SelectorRequirement[] {
  return selectorRequirements(selector).filter((r) => !requirementMatches(r, labels));
}

export function describeRequirement(r: SelectorRequirement): string {
  switch (r.operator) {
    case 'In':
      return r.fromMatchLabels ? `${r.key}=${r.values[0]}` : `${r.key} in (${r.values.join(', ')})`;
    case 'NotIn':
      return `${r.key} notin (${r.values.join(', ')})`;
    case 'Exists':
      return r.key;
    case 'DoesNotExist':
      return `!${r.key}`;
    default:
      return `${r.key} ${r.operator} (${r.values.join(', ')})`;
  }
}
