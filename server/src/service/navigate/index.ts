// Navigation across resources: go to definition, find references and rename, all over the same
// symbol model (navigate/symbols.ts) and the reference extraction in workspace/references.ts.
import { isScalar } from 'yaml';
import type { Location, Position } from 'vscode-languageserver-types';
import { hitAt } from '../parse/hitAt';
import { offsetAt, rangeOf } from '../parse/positions';
import { nearestFirst, occurrences, symbolAt, type NavigationContext, type Occurrence } from './symbols';

export { prepareRename, rename, type PrepareRenameResult, type RenameResult } from './rename';
export { symbolAt, occurrences, nearestFirst, type NavigationContext, type NavSymbol, type Occurrence } from './symbols';

/** The offset of an LSP position in a known document, or undefined. */
export function offsetIn(ctx: NavigationContext, uri: string, position: Position): number | undefined {
  const file = ctx.documents.parsed(uri);
  return file ? offsetAt(file.lineCounter, file.text, position) : undefined;
}

/**
 * Where the thing at the position is defined: the resource's metadata.name, the key in data/stringData,
 * the volume. Definitions in the file's own scope come first, the nearest first; other scopes' after them.
 */
export function definition(ctx: NavigationContext, uri: string, position: Position): Location[] {
  const offset = offsetIn(ctx, uri, position);
  const at = offset === undefined ? undefined : symbolAt(ctx, uri, offset) ?? symbolOfValue(ctx, uri, offset);
  if (!at) return [];
  return nearestFirst(ctx, uri, occurrences(ctx, at.symbol).filter((o) => o.declaration)).map(toLocation);
}

/**
 * On the key of a reference (`serviceName:`, `claimName:`), what its value names: people press F12
 * wherever the line is, and the key itself names nothing else.
 */
function symbolOfValue(ctx: NavigationContext, uri: string, offset: number) {
  const file = ctx.documents.parsed(uri);
  const hit = file && !file.isTemplate ? hitAt(file, offset) : undefined;
  const value = hit?.on === 'key' ? hit.pair?.value : undefined;
  return isScalar(value) && value.range ? symbolAt(ctx, uri, value.range[0]) : undefined;
}

/** Every place that names the thing at the position (its definitions too when asked), nearest scope first. */
export function references(ctx: NavigationContext, uri: string, position: Position, includeDeclaration: boolean): Location[] {
  const offset = offsetIn(ctx, uri, position);
  const at = offset === undefined ? undefined : symbolAt(ctx, uri, offset);
  if (!at) return [];
  return nearestFirst(ctx, uri, occurrences(ctx, at.symbol).filter((o) => includeDeclaration || !o.declaration)).map(toLocation);
}

function toLocation(o: Occurrence): Location {
  const [start, end] = o.span ?? o.node.range!;
  return { uri: o.uri, range: rangeOf(o.file.lineCounter, o.file.text, start, end) };
}
