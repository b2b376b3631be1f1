// Memory: every workspace file keeps its AST, so the AST's size is most of the server's heap
// (10,000 resources: ~110 MB). Three kinds of waste are removed right after parsing, without
// changing any value the AST holds (called from the one walk over each new document, see
// duplicateKeys.ts):
// - collection `items` arrays grow by push, and V8 gives a pushed-to empty array room for 17
//   elements: a two-pair map's array took 152 bytes instead of 32 (~14 MB per 10,000 resources);
// - every scalar's text is a fresh string, so each `name`, `metadata`, `apiVersion`, `v1`… is
//   stored once per occurrence (~6 MB per 10,000 resources): short ones are shared through a table;
// - every document (and its collections) gets its own, identical, yaml Schema object (~280 bytes
//   each): one is shared.
import type { Document, Scalar, Schema, YAMLMap, YAMLSeq } from 'yaml';

/** Strings longer than this are rarely repeated (and V8 keeps long substrings as slices anyway). */
const MAX_INTERNED_LENGTH = 64;
/** The table is emptied when it reaches this size, so unique values (names, edits in progress) cannot pile up. */
const MAX_INTERNED = 20_000;
const interned = new Map<string, string>();

function intern(value: string): string {
  const known = interned.get(value);
  if (known !== undefined) return known;
  if (interned.size >= MAX_INTERNED) interned.clear();
  interned.set(value, value);
  return value;
}

let sharedSchema: Schema | undefined;

/** Schemas built from the same options hold the same tag objects; nothing mutates them after parsing. */
function sameSchema(a: Schema, b: Schema): boolean {
  return (
    a.name === b.name &&
    a.compat === b.compat &&
    // YAML 1.1 schemas get a fresh empty `knownTags` object each.
    (a.knownTags === b.knownTags || (Object.keys(a.knownTags).length === 0 && Object.keys(b.knownTags).length === 0)) &&
    a.toStringOptions === b.toStringOptions &&
    a.sortMapEntries === b.sortMapEntries &&
    a.tags.length === b.tags.length &&
    a.tags.every((tag, i) => tag === b.tags[i])
  );
}

/**
 * Gives the document the shared schema when its own is equivalent; returns its own (former) schema,
 * which its collections still reference until `compactCollection` moves them.
 */
export function shareSchema(document: Document.Parsed): Schema {
  const own = document.schema;
  if (sharedSchema && sameSchema(own, sharedSchema)) document.schema = sharedSchema;
  else sharedSchema = own;
  return own;
}

/** Exact-length items array (slice() allocates exactly the length), and the document's current schema. */
export function compactCollection(node: YAMLMap | YAMLSeq, ownSchema: Schema, documentSchema: Schema): void {
  if (node.schema === ownSchema) node.schema = documentSchema;
  (node as { items: unknown[] }).items = node.items.slice();
}

/** Short scalar texts shared through the intern table (`source`, and `value` when it is the same string). */
export function compactScalar(node: Scalar): void {
  const source = (node as { source?: unknown }).source;
  if (typeof source === 'string' && source.length <= MAX_INTERNED_LENGTH) {
    const shared = intern(source);
    if (node.value === source) node.value = shared;
    (node as { source?: unknown }).source = shared;
  }
}
