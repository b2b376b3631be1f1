// Finds what is under an offset in the parsed AST: the document, and the key or value scalar with
// its path from the document root. Used by hover (always on existing text, where the AST is good).
import { isAlias, isMap, isPair, isScalar, isSeq, type Node, type Pair, type Scalar } from 'yaml';
import type { ParsedDocument, ParsedFile } from '../types';

/** The document whose range holds `offset` (the last one starting before it, for gaps). */
export function documentAt(file: ParsedFile, offset: number): ParsedDocument | undefined {
  const docs = file.documents;
  let lo = 0;
  let hi = docs.length - 1;
  let found: ParsedDocument | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (docs[mid].start <= offset) {
      found = docs[mid];
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found ?? docs[0];
}

export interface NodeHit {
  document: ParsedDocument;
  /** Keys and sequence indexes from the document root to the value (for a key: to its value). */
  path: Array<string | number>;
  /** Whether the offset is on a map key or on a value. */
  on: 'key' | 'value';
  /** The scalar under the offset. */
  node: Scalar;
  /** The map entry, when the hit is a key or a map value. */
  pair?: Pair;
}

function contains(node: Node | null | undefined, offset: number): boolean {
  const range = node?.range;
  return !!range && range[0] <= offset && offset <= range[1];
}

const MAX_DEPTH = 256;

/** The key or scalar value at `offset`, with its path; undefined between nodes or on non-scalars. */
export function hitAt(file: ParsedFile, offset: number): NodeHit | undefined {
  const document = documentAt(file, offset);
  if (!document || offset < document.start || offset > document.end) return undefined;
  const path: Array<string | number> = [];
  let node: Node | null | undefined = document.yaml.contents as Node | null;
  for (let depth = 0; node && depth < MAX_DEPTH; depth++) {
    if (isMap(node)) {
      let next: Node | undefined;
      let hitPair: Pair | undefined;
      for (const pair of node.items as Pair[]) {
        const key = pair.key as Node | null;
        if (isScalar(key) && contains(key, offset)) {
          return { document, path: [...path, String(key.value)], on: 'key', node: key, pair };
        }
        const value = pair.value as Node | null;
        if (value && contains(value, offset)) {
          if (!isScalar(key)) return undefined;
          path.push(String(key.value));
          next = value;
          hitPair = pair;
          break;
        }
      }
      if (!next) return undefined;
      if (isScalar(next)) return { document, path, on: 'value', node: next, pair: hitPair };
      node = next;
    } else if (isSeq(node)) {
      const index = node.items.findIndex((item) => contains(item as Node, offset) || (isPair(item) && contains(item.key as Node, offset)));
      if (index < 0) return undefined;
      path.push(index);
      const item = node.items[index] as Node;
      if (isScalar(item)) return { document, path, on: 'value', node: item };
      node = item;
    } else if (isPair(node)) {
      // A single-pair map inside a flow sequence (`[a: 1]`).
      node = node.value as Node | null;
    } else if (isAlias(node)) {
      return undefined;
    } else {
      return undefined;
    }
  }
  return undefined;
}
