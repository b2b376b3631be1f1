// Incremental re-parse of a multi-document file: only the `---` documents an edit touches are parsed
// again; the others keep their objects (so per-document caches stay valid) and, after the edit,
// have their offsets shifted. The result is the same as parsing the whole text (a differential
// test compares both on hundreds of random edits); whenever that cannot be guaranteed cheaply
// (directives, an edit on a `---`/`...` line, a change in the number of documents, a size limit, a
// quote added or removed below a document with syntax errors)
// this returns undefined and the caller parses the whole text.
//
// Why it is exact: a line starting with `---` always starts a new document, so the parser is at the
// stream level there. Re-parsing from the marker of the document *before* the first touched one
// (so the comments between them reach the composer as in a full parse) to the end of the document
// two after the last touched one composes the touched documents, and the one after them (whose
// leading comments may have changed), exactly as the full parse does: each of them is followed by
// the same `---` as in the whole text. Only those are taken from the slice.
import { Composer, isCollection, isPair, LineCounter, Parser, type Document, type Node } from 'yaml';
import type { ParsedDocument, ParsedFile } from '../types';
import { KUBERNETES_HINT, PARSE_OPTIONS, TEMPLATE_HINT, moveDocument, parsedDocument } from './parseFile';
import { hasUnclosedQuote } from './lenientQuotes';
import { carryAbsent } from './textSearch';

const MARKER_LINE = /^(---|\.\.\.|%)/m;
const CHUNK = 1024;

/** Per parsed file: where each document's segment starts (0, then each `---` marker), or null if unusable. */
const segmentsOf = new WeakMap<ParsedFile, number[] | null>();

/** Works out now what the first edit of an open document's full parse would (where its documents start). */
export function prepareForEdits(file: ParsedFile): void {
  segments(file);
}

function segments(file: ParsedFile): number[] | null {
  let starts = segmentsOf.get(file);
  if (starts !== undefined) return starts;
  starts = [0];
  const text = file.text;
  for (let k = 1; k < file.documents.length; k++) {
    const at = file.documents[k].start;
    // Every later document must begin with its own `---` at the start of a line.
    if (!(text.startsWith('---', at) && (at === 0 || text.charCodeAt(at - 1) === 10))) {
      starts = null;
      break;
    }
    starts.push(at);
  }
  // Directives (%YAML, %TAG) change how later documents parse: not handled incrementally.
  if (starts && (text.startsWith('%') || text.includes('\n%'))) starts = null;
  segmentsOf.set(file, starts);
  return starts;
}

/**
 * The parse of `text`, an edit of `previous`'s text, made from `previous`; undefined when only a
 * full parse is exact. The result takes over `previous`'s documents and line starts: `previous` is
 * not to be read afterwards (its documents and lines now describe the new text).
 */
export function reparse(previous: ParsedFile, text: string): ParsedFile | undefined {
  if (previous.limited || previous.documents.length === 0) return undefined;
  const segs = segments(previous);
  if (!segs) return undefined;
  const old = previous.text;

  // The changed region: [p, oldEnd) in the old text became [p, newEnd) in the new one.
  const max = Math.min(old.length, text.length);
  let p = 0;
  // Whole chunks first (native comparison), then character by character.
  while (p + CHUNK <= max && old.slice(p, p + CHUNK) === text.slice(p, p + CHUNK)) p += CHUNK;
  while (p < max && old.charCodeAt(p) === text.charCodeAt(p)) p++;
  if (p === old.length && p === text.length) return undefined;
  let s = 0;
  const maxSuffix = max - p;
  while (s + CHUNK <= maxSuffix && old.slice(old.length - s - CHUNK, old.length - s) === text.slice(text.length - s - CHUNK, text.length - s)) s += CHUNK;
  while (s < maxSuffix && old.charCodeAt(old.length - 1 - s) === text.charCodeAt(text.length - 1 - s)) s++;
  const oldEnd = old.length - s;
  const newEnd = text.length - s;
  const delta = text.length - old.length;

  // No document markers (or directives) on any line the edit touches, before or after.
  if (MARKER_LINE.test(linesAround(old, p, oldEnd)) || MARKER_LINE.test(linesAround(text, p, newEnd))) return undefined;

  const docs = previous.documents;
  const n = docs.length;
  const first = lastSegmentAtOrBefore(segs, p);
  const last = lastSegmentAtOrBefore(segs, Math.max(p, oldEnd - 1));
  // Re-parsed: two documents before the edit (context: the comments before `first - 1`; and the
  // composer files stream-level errors of a document under the one before it, so an edit can add
  // errors to `first - 1`), the touched ones, the one after (its leading comments may have changed)
  // and one more, so that every document we take from the slice ended at a `---` exactly as in the
  // full text, not at the end of the slice (an unterminated quote or bracket is reported where the
  // input ends). Documents that come out the same keep their old objects.
  const from = Math.max(first - 2, 0);
  const to = Math.min(last + 1, n - 1);
  const guard = to + 1 < n ? to + 1 : -1;
  const sliceStart = segs[from];
  const sliceEndOld = guard >= 0 && guard + 1 < n ? segs[guard + 1] : old.length;
  const expected = (guard >= 0 ? guard : to) - from + 1;

  // A quote left open in an earlier document stops at the next `---` only while a matching quote
  // follows somewhere later in the file; without one it runs to the end, swallowing every document
  // after it. An edit that adds or removes a quote may decide which, for any earlier document with
  // syntax errors (an open quote always leaves some, not always a "missing quote" one): then only a
  // full parse is exact.
  if (hasQuote(old, p, oldEnd) || hasQuote(text, p, newEnd)) {
    for (let k = 0; k < from; k++) if (docs[k].errorCount > 0) return undefined;
  }

  const parsed = parseSlice(text.slice(sliceStart, sliceEndOld + delta), sliceStart);
  if (parsed.length !== expected) return undefined;
  // go-yaml's leniency with quoted scalars (parse/lenientQuotes.ts) needs the whole text: parseFile decides.
  if (parsed.some(hasUnclosedQuote)) return undefined;

  // Old offsets to new ones; undefined inside the replaced text.
  const move = (offset: number) => (offset < p ? offset : offset >= oldEnd ? offset + delta : undefined);
  const documents: ParsedDocument[] = docs.slice(0, from);
  for (let k = from; k <= to; k++) {
    const yaml = parsed[k - from];
    if (k < first - 1) {
      documents.push(docs[k]); // context only: the slice starts at its marker, so it lacks what precedes it
    } else if ((k < first || k > last) && sameDecoration(docs[k].yaml, yaml, move)) {
      documents.push(k > last ? shift(docs[k], delta) : docs[k]); // composed the same: keep it
    } else {
      documents.push(parsedDocument(k, yaml));
    }
  }
  // As many documents as before (checked above), each at its index: re-parsed ones were made with theirs.
  for (let k = to + 1; k < n; k++) documents.push(shift(docs[k], delta));

  const file: ParsedFile = {
    text,
    lineCounter: movedLineCounter(previous.lineCounter, text, p, oldEnd, newEnd, delta),
    documents,
    isKubernetes: documents.some((d) => d.resource !== undefined) || KUBERNETES_HINT.test(text),
    isTemplate: previous.isTemplate || mayFormTemplate(text, p, newEnd) ? TEMPLATE_HINT.test(text) : false,
  };
  carryAbsent(previous, file, p, newEnd);
  // The next edit's segments, without rescanning the text: kept documents still start at their
  // `---` (those after the edit moved by delta), re-parsed ones are checked, and the edit added no
  // directive line.
  const nextSegs = segs.slice();
  for (let k = Math.max(from, 1); k <= to; k++) {
    const at = documents[k].start;
    if (!(text.startsWith('---', at) && text.charCodeAt(at - 1) === 10)) return file; // segments() decides later
    nextSegs[k] = at;
  }
  for (let k = to + 1; k < n; k++) nextSegs[k] += delta;
  segmentsOf.set(file, nextSegs);
  return file;
}

/**
 * Whether an edit of [p, newEnd) can have made a template (TEMPLATE_HINT) where the old text had
 * none: only if braces, or the `#` or `@` of a ytt annotation, are in or next to the edited text.
 */
function mayFormTemplate(text: string, p: number, newEnd: number): boolean {
  for (let i = Math.max(0, p - 1); i < Math.min(text.length, newEnd + 1); i++) {
    const c = text.charCodeAt(i);
    if (c === 123 || c === 125 || c === 35 || c === 64) return true; // { } # @
  }
  return false;
}

/**
 * Line starts of the new text (as parseFile counts them, from the text): the old ones before the
 * edit, the edited region's counted again, the old ones after it moved by `delta`. Moved in place,
 * in the previous parse's array: its holder (the document store) drops that parse for this one, and
 * a fresh array per keystroke is 400 KB for a 50,000-line file (a pasted block of many lines still
 * gets one).
 */
function movedLineCounter(previous: LineCounter, text: string, p: number, oldEnd: number, newEnd: number, delta: number): LineCounter {
  const starts = previous.lineStarts;
  // A line start s belongs to the unchanged prefix when the newline before it does: s - 1 < p.
  const head = upperBound(starts, p);
  const middle: number[] = [];
  for (let at = text.indexOf('\n', p); at >= 0 && at < newEnd; at = text.indexOf('\n', at + 1)) middle.push(at + 1);
  const tail = upperBound(starts, oldEnd);
  const lineCounter = new LineCounter();
  if (middle.length > MAX_SPLICED_LINES) {
    const copy = new Array<number>(head + middle.length + (starts.length - tail));
    let k = 0;
    for (let i = 0; i < head; i++) copy[k++] = starts[i];
    for (let i = 0; i < middle.length; i++) copy[k++] = middle[i];
    for (let i = tail; i < starts.length; i++) copy[k++] = starts[i] + delta;
    lineCounter.lineStarts = copy;
    return lineCounter;
  }
  if (middle.length === tail - head) for (let i = 0; i < middle.length; i++) starts[head + i] = middle[i];
  else starts.splice(head, tail - head, ...middle);
  for (let i = head + middle.length; i < starts.length; i++) starts[i] += delta;
  lineCounter.lineStarts = starts;
  return lineCounter;
}

/** Past this many new lines in one edit, the line starts are copied rather than spliced (splice's arguments are bounded). */
const MAX_SPLICED_LINES = 10_000;

/** The number of values in the sorted array that are <= x. */
function upperBound(sorted: number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function lastSegmentAtOrBefore(segs: number[], offset: number): number {
  let lo = 0;
  let hi = segs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (segs[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function hasQuote(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 || c === 39) return true; // " '
  }
  return false;
}

/** The full lines containing [start, end) (end may equal start). */
function linesAround(text: string, start: number, end: number): string {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const nl = text.indexOf('\n', Math.max(end, start));
  return text.slice(lineStart, nl < 0 ? text.length : nl);
}

function parseSlice(source: string, offset: number): Document.Parsed[] {
  const parser = new Parser();
  parser.offset = offset; // token offsets, hence node ranges and error positions, are file offsets
  const composer = new Composer(PARSE_OPTIONS);
  return Array.from(composer.compose(parser.parse(source))) as Document.Parsed[];
}

/**
 * Whether a re-composed document got the same leading comments and errors as the old one (which
 * come from the stream before it, the part an edit of the previous document may have changed).
 */
function sameDecoration(oldDoc: Document.Parsed, newDoc: Document.Parsed, move: (offset: number) => number | undefined): boolean {
  if (oldDoc.commentBefore !== newDoc.commentBefore || oldDoc.comment !== newDoc.comment) return false;
  const a = oldDoc.contents as Node | null;
  const b = newDoc.contents as Node | null;
  if ((a?.commentBefore ?? null) !== (b?.commentBefore ?? null)) return false;
  if (isCollection(a) && isCollection(b)) {
    const firstA = a.items[0];
    const firstB = b.items[0];
    const keyA = isPair(firstA) ? (firstA.key as Node | null) : (firstA as Node | undefined);
    const keyB = isPair(firstB) ? (firstB.key as Node | null) : (firstB as Node | undefined);
    if ((keyA?.commentBefore ?? null) !== (keyB?.commentBefore ?? null)) return false;
  }
  return sameErrors(oldDoc.errors, newDoc.errors, move) && sameErrors(oldDoc.warnings, newDoc.warnings, move);
}

function sameErrors(a: Document.Parsed['errors'], b: Document.Parsed['errors'], move: (offset: number) => number | undefined): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (a[i].code !== b[i].code || a[i].message !== b[i].message || move(a[i].pos[0]) !== b[i].pos[0] || move(a[i].pos[1]) !== b[i].pos[1]) return false;
  }
  return true;
}

/** Moves a kept document by `delta` characters; its nodes' offsets follow when first read (KeptDocument). */
function shift(document: ParsedDocument, delta: number): ParsedDocument {
  if (delta !== 0) moveDocument(document, delta);
  return document;
}
