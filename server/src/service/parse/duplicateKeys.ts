// Duplicate map keys, found in linear time. The yaml package's own `uniqueKeys` check compares each
// new key with every earlier key of its map, which is quadratic: a 100,000-key ConfigMap took two
// minutes. We parse with `uniqueKeys: false` and report the same DUPLICATE_KEY errors from here.
// The same walk compacts the new document's nodes (compact.ts): one pass over the AST, not two.
import { YAMLParseError, type Document, type Node } from 'yaml';
import { isAlias, isCollection, isMap, isPair, isScalar } from '../yaml/guards';
import { compactCollection, compactScalar, shareSchema } from './compact';

/**
 * Adds a DUPLICATE_KEY error to the document for every scalar key that repeats within its map, and
 * compacts the freshly parsed document in place (same nodes and values, less memory).
 */
export function reportDuplicateKeys(document: Document.Parsed): void {
  const ownSchema = shareSchema(document);
  const schema = document.schema;
  // One set, emptied per map: every key of a map is checked before the next map is visited.
  const seen = new Set<unknown>();
  // Iterative walk with an explicit stack: nesting depth is only bounded by the parser's own guard.
  const stack: unknown[] = [document.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isScalar(node)) {
      compactScalar(node);
      continue;
    }
    if (!isCollection(node)) continue;
    const items = node.items as unknown[];
    compactCollection(node, ownSchema, schema);
    const map = isMap(node);
    if (map) seen.clear();
    for (const item of items) {
      if (isPair(item)) {
        const key = item.key as Node | null;
        if (map && isScalar(key)) {
          // Same notion of equality as the yaml package: equal scalar values (1 and "1" differ).
          if (seen.has(key.value) && key.range) {
            document.errors.push(new YAMLParseError([key.range[0], key.range[0] + 1], 'DUPLICATE_KEY', 'Map keys must be unique'));
          }
          seen.add(key.value);
          compactScalar(key);
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
