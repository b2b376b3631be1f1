// Finds the YAML nodes a JSON pointer (ajv's instancePath) points at, following aliases and merge keys.
import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node, type Pair } from 'yaml';

export interface Located {
  /** The value node at the path (undefined when the value is absent or null without a node). */
  value?: Node;
  /** The key node when the path ends at a map entry. */
  key?: Node;
}

export function decodePointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function locate(doc: Document.Parsed, segments: string[]): Located {
  let current: Located = { value: doc.contents ?? undefined };
  for (const segment of segments) {
    const node = deref(doc, current.value);
    if (isMap(node)) {
      const pair = findPair(doc, node.items as Pair[], segment);
      if (!pair) return current;
      current = { key: pair.key as Node, value: (pair.value ?? undefined) as Node | undefined };
    } else if (isSeq(node)) {
      const item = node.items[Number(segment)];
      if (item === undefined) return current;
      current = { value: item as Node };
    } else {
      return current;
    }
  }
  return current;
}

export function findPair(doc: Document.Parsed, items: Pair[], key: string): Pair | undefined {
  for (const pair of items) {
    if (isScalar(pair.key) && String(pair.key.value) === key) return pair;
  }
  // `<<: *base` merge keys: the entry may come from a merged map.
  for (const pair of items) {
    if (isScalar(pair.key) && pair.key.value === '<<') {
      const merged = deref(doc, pair.value as Node);
      const sources = isSeq(merged) ? merged.items.map((i) => deref(doc, i as Node)) : [merged];
      for (const source of sources) {
        if (isMap(source)) {
          const found = findPair(doc, source.items as Pair[], key);
          if (found) return found;
        }
      }
    }
  }
  return undefined;
}

function deref(doc: Document.Parsed, node: Node | undefined): Node | undefined {
  let current = node;
  for (let hops = 0; current && isAlias(current) && hops < 32; hops++) current = current.resolve(doc) as Node | undefined;
  if (isPair(current)) return current.value as Node;
  return current;
}
