// A YAML document as the plain data the schema validator checks.
import type { Document } from 'yaml';
import { isMap, isPair, isScalar, isSeq } from '../yaml/guards';

/** The document as plain data for the validator: `toJS()`'s result, made cheaply when the document allows. */
export function documentData(document: Document.Parsed, maxAliasCount: number): unknown {
  let data: unknown;
  try {
    data = plainData(document.contents);
  } catch {
    data = UNSUPPORTED; // e.g. nesting too deep to recurse: toJS decides, as it always did
  }
  return data === UNSUPPORTED ? document.toJS({ maxAliasCount }) : data;
}

const UNSUPPORTED = Symbol('unsupported');

/**
 * What `document.toJS()` returns, built in one plain walk, for documents made of untagged maps,
 * sequences and scalars with scalar keys: nearly every manifest, and the yaml package's generic
 * conversion (a context, anchor bookkeeping, several calls per node) costs several times more on a
 * large file. Anything else (aliases, anchors, tags on collections, merge keys, keys that are not
 * scalars) gives UNSUPPORTED, and the caller uses toJS() itself.
 */
function plainData(node: unknown): unknown {
  if (node === null || node === undefined) return node;
  if (isScalar(node)) return node.anchor ? UNSUPPORTED : node.value;
  if (isMap(node)) {
    if (node.tag || node.anchor) return UNSUPPORTED;
    const map: Record<string, unknown> = {};
    const items = node.items as unknown[];
    for (let i = 0; i < items.length; i++) {
      const pair = items[i];
      if (!isPair(pair)) return UNSUPPORTED;
      const name = keyName(pair.key);
      if (name === undefined) return UNSUPPORTED;
      const value = plainData(pair.value);
      if (value === UNSUPPORTED) return UNSUPPORTED;
      // As toJS does: a key an object already has (`__proto__`, `toString`, a repeated key) is defined, not assigned.
      if (name in map) Object.defineProperty(map, name, { value, writable: true, enumerable: true, configurable: true });
      else map[name] = value;
    }
    return map;
  }
  if (isSeq(node)) {
    if (node.tag || node.anchor) return UNSUPPORTED;
    const seq: unknown[] = [];
    const items = node.items as unknown[];
    for (let i = 0; i < items.length; i++) {
      const value = plainData(items[i]);
      if (value === UNSUPPORTED) return UNSUPPORTED;
      seq.push(value);
    }
    return seq;
  }
  return UNSUPPORTED;
}

/** The property name toJS gives a map key (a missing or null key is ""), or undefined when only toJS can tell. */
function keyName(key: unknown): string | undefined {
  if (key === null) return '';
  if (!isScalar(key) || key.anchor || (key as { addToJSMap?: unknown }).addToJSMap) return undefined;
  const value = key.value;
  if (value === null) return '';
  // Objects (timestamps, binary) are stringified as YAML, symbols are merge keys: left to toJS.
  if (typeof value === 'object' || typeof value === 'symbol' || typeof value === 'function' || value === '<<') return undefined;
  return String(value);
}
