// Moving a parsed document's offsets by a number of characters: every node's range, the document's
// range, its errors and warnings. parse/incremental.ts moves the documents after an edit this way,
// lazily (KeptDocument in parseFile.ts): only when their nodes are first read.
import type { Document, Node } from 'yaml';

export function shiftParsed(yaml: Document.Parsed, delta: number): void {
  if (delta === 0) return;
  yaml.range = yaml.range.map((n) => n + delta) as typeof yaml.range;
  for (const e of yaml.errors) e.pos = [e.pos[0] + delta, e.pos[1] + delta];
  for (const w of yaml.warnings) w.pos = [w.pos[0] + delta, w.pos[1] + delta];
  shiftNodes(yaml.contents as Node | null, delta);
}

function shiftNodes(root: Node | null, delta: number): void {
  if (root !== null && typeof root === 'object') shiftNode(root as unknown as Shiftable, delta, 0);
}

interface Shiftable {
  range?: number[] | null;
  items?: Array<Shiftable & { key?: unknown; value?: unknown }>;
}

// Hot path (every node after the edit): plain property reads, no type guards, recursion (3x faster
// than an explicit stack); past MAX_DEPTH the rest of the subtree goes to the stack-based walk.
// Collections have `items`; scalars, aliases and collections have `range`; pairs have neither
// `range` nor `items`, only `key` and `value`.
const MAX_DEPTH = 200;

function shiftNode(node: Shiftable, delta: number, depth: number): void {
  const range = node.range;
  if (range) {
    range[0] += delta;
    range[1] += delta;
    range[2] += delta;
  }
  const items = node.items;
  if (items === undefined) return;
  if (depth > MAX_DEPTH) {
    for (const item of items) shiftDeep(item, delta);
    return;
  }
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (item === null || typeof item !== 'object') continue;
    if (item.range === undefined) {
      const key = item.key as Shiftable | null;
      if (key !== null && typeof key === 'object') shiftNode(key, delta, depth + 1);
      const value = item.value as Shiftable | null;
      if (value !== null && typeof value === 'object') shiftNode(value, delta, depth + 1);
    } else {
      shiftNode(item, delta, depth + 1);
    }
  }
}

function shiftDeep(root: unknown, delta: number): void {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop() as (Shiftable & { key?: unknown; value?: unknown }) | null;
    if (node === null || typeof node !== 'object') continue;
    const range = node.range;
    if (range) {
      range[0] += delta;
      range[1] += delta;
      range[2] += delta;
    } else if (node.items === undefined) {
      stack.push(node.key, node.value);
      continue;
    }
    if (node.items !== undefined) for (const item of node.items) stack.push(item);
  }
}
