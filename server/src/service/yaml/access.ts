// Small readers over the YAML AST, shared by rules, the index and the preview.
// They never materialise whole documents, so they stay cheap and alias-safe.
import type { Node, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { isMap, isPair, isScalar, isSeq } from './guards';

/** The node at a key path (`['spec', 'template', 'spec']`), or undefined. Sequence steps use numbers. */
export function nodeAt(root: Node | null | undefined, path: Array<string | number>): Node | undefined {
  let current: unknown = root ?? undefined;
  for (let i = 0; i < path.length; i++) {
    const step = path[i];
    if (typeof step === 'number') {
      if (!isSeq(current)) return undefined;
      current = current.items[step];
    } else {
      if (!isMap(current)) return undefined;
      current = valueOf(current, step);
    }
    if (current === undefined || current === null) return undefined;
  }
  return current as Node;
}

/** `map.get(key, true)` without its generic key handling: the first pair whose key is `key` or a scalar holding it. */
function valueOf(map: YAMLMap, key: string): unknown {
  const items = map.items;
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (!isPair(item)) continue;
    const k = item.key;
    if (k === key || (isScalar(k) && k.value === key)) return item.value ?? undefined;
  }
  return undefined;
}

export function mapAt(root: Node | null | undefined, path: Array<string | number>): YAMLMap | undefined {
  const node = nodeAt(root, path);
  return isMap(node) ? node : undefined;
}

export function seqAt(root: Node | null | undefined, path: Array<string | number>): YAMLSeq | undefined {
  const node = nodeAt(root, path);
  return isSeq(node) ? node : undefined;
}

/** A scalar's value as a string (numbers and booleans stringified), or undefined. */
export function stringAt(root: Node | null | undefined, path: Array<string | number>): string | undefined {
  const node = nodeAt(root, path);
  if (!isScalar(node) || node.value === null || node.value === undefined) return undefined;
  return String(node.value);
}

export function scalarAt(root: Node | null | undefined, path: Array<string | number>): Scalar | undefined {
  const node = nodeAt(root, path);
  return isScalar(node) ? node : undefined;
}

/** Entries of a map whose keys are scalars, with the key and value nodes. */
export function entries(map: YAMLMap | undefined): Array<{ key: string; keyNode: Scalar; value: Node | undefined; pair: Pair }> {
  if (!map) return [];
  const out = [];
  for (const pair of map.items as Pair[]) {
    if (!isScalar(pair.key)) continue;
    out.push({ key: String(pair.key.value), keyNode: pair.key, value: (pair.value ?? undefined) as Node | undefined, pair });
  }
  return out;
}

/** A string-to-string map (labels, selectors); non-scalar values are skipped. */
export function stringMap(map: YAMLMap | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of entries(map)) if (isScalar(e.value) && e.value.value !== null) out[e.key] = String(e.value.value);
  return out;
}

export function items(seq: YAMLSeq | undefined): Node[] {
  return seq ? (seq.items as Node[]) : [];
}

/** The key scalar of the pair at a key path (`['spec', 'selector']` -> the `selector` key), to report on a field's name. */
export function keyNodeAt(root: Node | null | undefined, path: string[]): Scalar | undefined {
  const parent = path.length > 1 ? mapAt(root, path.slice(0, -1)) : isMap(root) ? root : undefined;
  const last = path[path.length - 1];
  return entries(parent).find((e) => e.key === last)?.keyNode;
}

/** The source text of a node as written in the file (quotes included). */
export function sourceOf(text: string, node: Node): string {
  return node.range ? text.slice(node.range[0], node.range[1]) : '';
}

/** `value` written in the same quoting style as `node` (for quick-fix replacements of the node's range). */
export function inSameStyle(node: Scalar, value: string): string {
  if (node.type === 'QUOTE_DOUBLE') return JSON.stringify(value);
  if (node.type === 'QUOTE_SINGLE') return `'${value.replace(/'/g, "''")}'`;
  return value;
}
