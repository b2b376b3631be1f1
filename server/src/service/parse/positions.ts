// Offset <-> LSP position conversion over the LineCounter the yaml parser fills while parsing.
// JS strings are UTF-16, like LSP positions, so offsets need no re-encoding.
import type { LineCounter } from 'yaml';
import type { Position, Range } from 'vscode-languageserver-types';

export function positionAt(lineCounter: LineCounter, text: string, offset: number): Position {
  const clamped = Math.max(0, Math.min(offset, text.length));
  const { line, col } = lineCounter.linePos(clamped);
  return { line: line - 1, character: col - 1 };
}

export function rangeOf(lineCounter: LineCounter, text: string, start: number, end: number): Range {
  return { start: positionAt(lineCounter, text, start), end: positionAt(lineCounter, text, Math.max(start, end)) };
}

export function offsetAt(lineCounter: LineCounter, text: string, position: Position): number {
  const starts = lineCounter.lineStarts;
  if (position.line >= starts.length) return text.length;
  const lineStart = starts[position.line];
  const nextLineStart = position.line + 1 < starts.length ? starts[position.line + 1] : text.length;
  return Math.min(lineStart + position.character, nextLineStart);
}
