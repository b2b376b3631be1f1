// Folding ranges: one per resource, plus every multi-line block (a key with a nested map or
// list, a list item that is a map, a block scalar) and runs of comment lines. Once a provider
// answers, editors stop folding by indentation, so the nested blocks must be here too.
import { isMap, isPair, isScalar, isSeq, Scalar, type Node, type Pair } from 'yaml';
import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver-types';
import type { ParsedFile } from '../types';

const MAX_DEPTH = 200;

class Folds {
  readonly ranges: FoldingRange[] = [];
  private readonly starts = new Set<number>();
  constructor(private readonly file: ParsedFile) {}

  line(offset: number): number {
    return this.file.lineCounter.linePos(Math.max(0, Math.min(offset, this.file.text.length))).line - 1;
  }

  /** The line of the last non-space character before `end`. */
  endLine(start: number, end: number): number {
    const text = this.file.text;
    let e = Math.min(end, text.length);
    while (e > start && /\s/.test(text[e - 1])) e--;
    return this.line(Math.max(start, e - 1));
  }

  add(startLine: number, endLine: number, kind?: FoldingRangeKind): void {
    if (endLine <= startLine || this.starts.has(startLine)) return;
    this.starts.add(startLine);
    const range: FoldingRange = { startLine, endLine };
    if (kind) range.kind = kind;
    this.ranges.push(range);
  }

  /** Folds for a node's nested blocks; `startLine` is where the node's own fold begins (its key). */
  node(node: Node | null | undefined, startLine: number | undefined, depth: number): void {
    if (!node || depth > MAX_DEPTH || !node.range) return;
    const [start, end] = node.range;
    if (startLine !== undefined) {
      const blockScalar = isScalar(node) && (node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED);
      if (isMap(node) || isSeq(node) || blockScalar) this.add(startLine, this.endLine(start, end));
    }
    if (isMap(node)) {
      for (const pair of node.items as Pair[]) this.pair(pair, depth);
    } else if (isSeq(node)) {
      for (const item of node.items) {
        if (isPair(item)) this.pair(item, depth);
        else if (item && (item as Node).range) this.node(item as Node, this.line((item as Node).range![0]), depth + 1);
      }
    }
  }

  pair(pair: Pair, depth: number): void {
    const key = pair.key as Node | null;
    const value = pair.value as Node | null;
    if (!value) return;
    const keyLine = key?.range ? this.line(key.range[0]) : value.range ? this.line(value.range[0]) : undefined;
    this.node(value, keyLine, depth + 1);
  }
}

export function foldingRanges(file: ParsedFile): FoldingRange[] {
  const folds = new Folds(file);
  for (const document of file.documents) {
    const contents = document.yaml.contents as Node | null;
    if (!contents?.range) continue;
    // The resource as a whole, from its first line to its last.
    const first = folds.line(contents.range[0]);
    folds.add(first, folds.endLine(contents.range[0], contents.range[1]), FoldingRangeKind.Region);
    folds.node(contents, undefined, 0);
  }
  commentFolds(file, folds);
  return folds.ranges.sort((a, b) => a.startLine - b.startLine);
}

function commentFolds(file: ParsedFile, folds: Folds): void {
  const starts = file.lineCounter.lineStarts;
  let runStart = -1;
  for (let line = 0; line <= starts.length; line++) {
    const isComment = line < starts.length && /^[ \t]*#/.test(file.text.slice(starts[line], starts[line] + 200));
    if (isComment) {
      if (runStart < 0) runStart = line;
    } else if (runStart >= 0) {
      if (line - 1 > runStart) folds.add(runStart, line - 1, FoldingRangeKind.Comment);
      runStart = -1;
    }
  }
}
