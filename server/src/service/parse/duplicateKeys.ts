// Duplicate map keys, found in linear time. The yaml package's own `uniqueKeys` check compares each
// new key with every earlier key of its map, which is quadratic: a 100,000-key ConfigMap took two
// minutes. We parse with `uniqueKeys: false` and report the same DUPLICATE_KEY errors from here.
import { isAlias, isCollection, isMap, isPair, isScalar, YAMLParseError, type Document, type Node } from 'yaml';

/** Adds a DUPLICATE_KEY error to the document for every scalar key that repeats within its map. */
export function reportDuplicateKeys(document: Document.Parsed): void {
  // Iterative walk with an explicit stack: nesting depth is only bounded by the parser's own guard.
  const stack: unknown[] = [document.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!isCollection(node)) continue;
    const seen = isMap(node) ? new Set<unknown>() : undefined;
    for (const item of node.items as unknown[]) {
      if (isPair(item)) {
        const key = item.key as Node | null;
        if (seen && isScalar(key)) {
          // Same notion of equality as the yaml package: equal scalar values (1 and "1" differ).
          if (seen.has(key.value) && key.range) {
            document.errors.push(new YAMLParseError([key.range[0], key.range[0] + 1], 'DUPLICATE_KEY', 'Map keys must be unique'));
          }
          seen.add(key.value);
        } else if (key && !isAlias(key)) {
          stack.push(key);
        }
        stack.push(item.value);
      } else {
        stack.push(item);
      }
    }
  }
}
