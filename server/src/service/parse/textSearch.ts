// "Does the text contain this string?" for a parsed file, without scanning a 1 MB text at every
// keystroke: a string known to be absent from a file stays absent after an incremental edit unless
// the changed text (with the string's length around it) contains it (parse/incremental.ts carries
// what is known across the edit).
import type { ParsedFile } from '../types';

const absent = new WeakMap<ParsedFile, Set<string>>();

export function textIncludes(file: ParsedFile, needle: string): boolean {
  if (absent.get(file)?.has(needle)) return false;
  if (file.text.includes(needle)) return true;
  let known = absent.get(file);
  if (!known) absent.set(file, (known = new Set()));
  known.add(needle);
  return false;
}

/**
 * `next` is `previous` with [start, end) of its text changed (the rest equal): what was absent
 * stays absent unless an occurrence overlaps the changed text.
 */
export function carryAbsent(previous: ParsedFile, next: ParsedFile, start: number, end: number): void {
  const known = absent.get(previous);
  if (!known) return;
  const still = new Set<string>();
  for (const needle of known) {
    const window = next.text.slice(Math.max(0, start - needle.length + 1), Math.min(next.text.length, end + needle.length - 1));
    if (!window.includes(needle)) still.add(needle);
  }
  if (still.size > 0) absent.set(next, still);
}
