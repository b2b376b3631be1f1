// Facts about storage resources the PVC/PV/StorageClass rules (and the preview) share, read from one
// resource: access modes, the default-class annotation, and label-selector matching. The claims a
// resource makes are the catalogue's (kinds/claims.ts); across the workspace: workspace/storage.ts.
import { isScalar, type Node, type Scalar, type YAMLMap } from 'yaml';
import type { Resource } from '../types';
import { entries, items, mapAt, nodeAt, seqAt, stringAt, stringMap } from '../yaml/access';

export const DEFAULT_CLASS_ANNOTATIONS = ['storageclass.kubernetes.io/is-default-class', 'storageclass.beta.kubernetes.io/is-default-class'];
export const NO_PROVISIONER = 'kubernetes.io/no-provisioner';

export function accessModes(spec: Node | undefined): string[] {
  return items(seqAt(spec, ['accessModes'])).flatMap((n) => (isScalar(n) && typeof n.value === 'string' ? [n.value] : []));
}

export function isDefaultClass(storageClass: Resource): boolean {
  return defaultClassAnnotation(storageClass) !== undefined;
}

/** The `is-default-class: "true"` annotation value node, when the class is marked default. */
export function defaultClassAnnotation(storageClass: Resource): Scalar | undefined {
  const annotations = mapAt(storageClass.root, ['metadata', 'annotations']);
  for (const e of entries(annotations)) {
    if (DEFAULT_CLASS_ANNOTATIONS.includes(e.key) && isScalar(e.value) && String(e.value.value) === 'true') return e.keyNode;
  }
  return undefined;
}

/** Whether labels satisfy a LabelSelector (matchLabels and matchExpressions). Undefined when the selector is malformed. */
export function selectorMatches(selector: YAMLMap, labels: Record<string, string>): boolean | undefined {
  for (const [key, value] of Object.entries(stringMap(mapAt(selector, ['matchLabels'])))) if (labels[key] !== value) return false;
  for (const expression of items(seqAt(selector, ['matchExpressions']))) {
    const key = stringAt(expression, ['key']);
    const operator = stringAt(expression, ['operator']);
    const values = items(seqAt(expression, ['values'])).flatMap((n) => (isScalar(n) && n.value !== null ? [String(n.value)] : []));
    if (key === undefined || operator === undefined) return undefined;
    const has = Object.prototype.hasOwnProperty.call(labels, key);
    switch (operator) {
      case 'In':
        if (!has || !values.includes(labels[key])) return false;
        break;
      case 'NotIn':
        if (has && values.includes(labels[key])) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return undefined;
    }
  }
  return true;
}

/** "app=db, tier in (a, b)" for messages. */
export function describeSelector(selector: YAMLMap): string {
  const parts = Object.entries(stringMap(mapAt(selector, ['matchLabels']))).map(([k, v]) => `${k}=${v}`);
  for (const expression of items(seqAt(selector, ['matchExpressions']))) {
    const values = items(seqAt(expression, ['values'])).map((n) => (isScalar(n) ? String(n.value) : '?'));
    parts.push(`${stringAt(expression, ['key'])} ${stringAt(expression, ['operator'])}${values.length ? ` (${values.join(', ')})` : ''}`);
  }
  return parts.join(', ') || 'an empty selector';
}
