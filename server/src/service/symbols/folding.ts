// Folding ranges: one per resource, plus every multi-line block (a key with a nested map or
// list, a list item that is a map, a block scalar) and runs of comment lines. Once a provider
// answers, editors stop folding by indentation, so the nested blocks must be here too.
import { isMap, isPair, isScalar, isSeq, Scalar, type Node, type Pair } from 'yaml';
import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver-types';
import type { ParsedFile } from '../types';

const MAX_DEPTH = 200;

class Folds {
  readonly ranges: FoldingRange[] = [];
  /** Nesting depth of each range (0 for resources and comments), to keep the outer ones under a limit. */
  readonly depths: number[] = [];
  private readonly starts = new Set<number>();
  constructor(private readonly file: ParsedFile) {}

  line(offset: number): number {
    return this.file.lineCounter.linePos(Math.max(0, Math.min(offset, this.file.text.length))).line - 1;
  }

  /** The line of the last non-space character before `end`. */
  endLine(start: number, end: number): number {
    const text = this.file.text;
    let e = Math.min(end, text.length);
    for (let c = text.charCodeAt(e - 1); e > start && (c === 32 || c === 10 || c === 13 || c === 9); c = text.charCodeAt(e - 1)) e--;
    return this.line(Math.max(start, e - 1));
  }

  add(startLine: number, endLine: number, kind: FoldingRangeKind | undefined, depth: number): void {
    if (endLine <= startLine || this.starts.has(startLine)) return;
    this.starts.add(startLine);
    const range: FoldingRange = { startLine, endLine };
    if (kind) range.kind = kind;
    this.ranges.push(range);
    this.depths.push(depth);
  }

  /** Folds inside a collection; its own fold (from its key's line) is added by the caller. */
  children(node: Node, depth: number): void {
    if (depth > MAX_DEPTH) return;
    if (isMap(node)) {
      for (const pair of node.items as Pair[]) this.entry(pair.key as Node | null, pair.value as Node | null, depth);
    } else if (isSeq(node)) {
      for (const item of node.items) {
        if (isPair(item)) this.entry(item.key as Node | null, item.value as Node | null, depth);
        else this.entry(null, item as Node | null, depth);
      }
    }
  }

  /** A map entry or a list item: folds from its first line when its value spans several lines. */
  entry(key: Node | null, value: Node | null, depth: number): void {
    const range = value?.range;
    if (!value || !range) return;
    if (isScalar(value)) {
      // Only block scalars span lines worth folding; plain values (most of a manifest) cost nothing.
      if (value.type !== Scalar.BLOCK_LITERAL && value.type !== Scalar.BLOCK_FOLDED) return;
    } else if (!isMap(value) && !isSeq(value)) {
      return;
    }
    const startLine = this.line(key?.range ? key.range[0] : range[0]);
    this.add(startLine, this.endLine(range[0], range[1]), undefined, depth + 1);
    if (!isScalar(value)) this.children(value, depth + 1);
  }
}

const cache = new WeakMap<ParsedFile, { ranges: FoldingRange[]; depths: number[] }>();

/**
 * Folding ranges in line order (shared per parsed file: do not mutate). With `rangeLimit` (the client's `foldingRange.rangeLimit`, 5000 in
 * VS Code), the outermost ranges are kept: resources first, then each nesting level in turn.
 */
export function foldingRanges(file: ParsedFile, rangeLimit?: number): FoldingRange[] {
  let computed = cache.get(file);
  if (!computed) {
    const folds = new Folds(file);
    for (const document of file.documents) {
      const contents = document.yaml.contents as Node | null;
      if (!contents?.range) continue;
      // The resource as a whole, from its first line to its last.
      const first = folds.line(contents.range[0]);
      folds.add(first, folds.endLine(contents.range[0], contents.range[1]), FoldingRangeKind.Region, 0);
      folds.children(contents, 0);
    }
    commentFolds(file, folds);
    const order = folds.ranges.map((_, i) => i).sort((a, b) => folds.ranges[a].startLine - folds.ranges[b].startLine);
    computed = { ranges: order.map((i) => folds.ranges[i]), depths: order.map((i) => folds.depths[i]) };
    cache.set(file, computed);
  }
  const { ranges, depths } = computed;
  if (rangeLimit === undefined || rangeLimit < 0 || ranges.length <= rangeLimit) return ranges;
  const keep = ranges
    .map((_, i) => i)
    .sort((a, b) => depths[a] - depths[b] || a - b)
    .slice(0, rangeLimit)
    .sort((a, b) => a - b);
  return keep.map((i) => ranges[i]);
}

function commentFolds(file: ParsedFile, folds: Folds): void {
  const starts = file.lineCounter.lineStarts;
  let runStart = -1;
  for (let line = 0; line <= starts.length; line++) {
    const isComment = line < starts.length && /^[ \t]*#/.test(file.text.slice(starts[line], starts[line] + 200));
    if (isComment) {
      if (runStart < 0) runStart = line;
    } else if (runStart >= 0) {
      if (line - 1 > runStart) folds.add(runStart, line - 1, FoldingRangeKind.Comment, 0);
      runStart = -1;
    }
  }
}
