// A YAML document as the plain data the schema validator checks. The walk that builds it can also
// collect the resource's typed nodes (typedNodes.ts) for the rules, so that the schema check and the
// rules go through each document once rather than twice.
import type { Document } from 'yaml';
import { isMap, isPair, isScalar, isSeq } from '../yaml/guards';
import { ARRAY, MAX_DEPTH, OBJECT, QUANTITY, STRING, childStep, itemStep, type Step, type TypedCollector } from './typedNodes';

/**
 * The document as plain data for the validator: `toJS()`'s result, made cheaply when the document
 * allows; then `typed` (if given) holds the document's typed nodes and is marked complete.
 */
export function documentData(document: Document.Parsed, maxAliasCount: number, typed?: TypedCollector): unknown {
  let data: unknown;
  try {
    data = plainData(document.contents, typed?.root ?? null, typed);
    if (typed && data !== UNSUPPORTED) typed.complete = true;
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
function plainData(node: unknown, step: Step | null, typed: TypedCollector | undefined): unknown {
  if (node === null || node === undefined) return node;
  if (step && typed!.path.length > MAX_DEPTH) step = null;
  if (isScalar(node)) {
    if (node.anchor) return UNSUPPORTED;
    if (step) {
      if (step.kind === QUANTITY) typed!.result.quantities.push({ node, schema: step.schema, path: typed!.path.slice() });
      else if (step.kind === STRING && typeof node.value !== 'string') typed!.result.nonStrings.push({ node, schema: step.schema, path: typed!.path.slice() });
    }
    return node.value;
  }
  if (isMap(node)) {
    if (node.tag || node.anchor) return UNSUPPORTED;
    const typedMap = step !== null && step.kind === OBJECT;
    const map: Record<string, unknown> = {};
    const items = node.items as unknown[];
    for (let i = 0; i < items.length; i++) {
      const pair = items[i];
      if (!isPair(pair)) return UNSUPPORTED;
      const key = pair.key;
      const name = keyName(key);
      if (name === undefined) return UNSUPPORTED;
      let value: unknown;
      if (typedMap && isScalar(key)) {
        const typedKey = String(key.value);
        typed!.path.push(typedKey);
        value = plainData(pair.value, childStep(step!, typedKey, typed!.definitions), typed);
        typed!.path.pop();
      } else {
        value = plainData(pair.value, null, typed);
      }
      if (value === UNSUPPORTED) return UNSUPPORTED;
      // As toJS does: a key an object already has (`__proto__`, `toString`, a repeated key) is defined, not assigned.
      if (name in map) Object.defineProperty(map, name, { value, writable: true, enumerable: true, configurable: true });
      else map[name] = value;
    }
    return map;
  }
  if (isSeq(node)) {
    if (node.tag || node.anchor) return UNSUPPORTED;
    const item = step !== null && step.kind === ARRAY ? itemStep(step, typed!.definitions) : null;
    const seq: unknown[] = [];
    const items = node.items as unknown[];
    for (let i = 0; i < items.length; i++) {
      if (item) typed!.path.push(i);
      const value = plainData(items[i], item, typed);
      if (item) typed!.path.pop();
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
