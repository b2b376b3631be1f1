// The texts the service knows. Open documents keep their parse (edits re-parse incrementally);
// workspace files that are not open keep only their text: their ASTs are what made a 10,000-resource
// workspace cost ~90 MB of heap (docs/memory-summaries.md). The index keeps compact facts of
// those files, and the rare reader that needs one of their ASTs re-parses it through a small cache.
import { ChangeLog } from './changeLog';
import type { LineCounter } from 'yaml';
import { prepareForEdits, reparse } from './parse/incremental';
import { lineCounterOf } from './parse/parseFile';
import { parseWithinLimit } from './parse/sizeLimit';
import type { ParsedFile } from './types';

/**
 * One text of one document. A new text, or opening/closing the document, makes a new Entry, so
 * the entry's identity is a cheap key for everything derived from it (the index keys on it).
 */
export interface StoredText {
  readonly uri: string;
  readonly text: string;
  /** Open in the editor: its parse is kept. */
  readonly open: boolean;
}

interface Entry extends StoredText {
  version: number;
  parsed?: ParsedFile;
  /** The last parse of an earlier text, until this text is parsed: edits re-parse only what changed. */
  previous?: ParsedFile;
}

/**
 * Parses of closed files kept for re-use, by total text size (an AST costs ~20-40× its text):
 * navigation and quick fixes re-read a few files at a time; the largest is kept even if over.
 */
const TRANSIENT_BUDGET_CHARS = 256 * 1024;
/** Steps of the change log kept (a scan's burst of new files simply runs past it). */
const CHANGE_LOG_STEPS = 64;

export class DocumentStore {
  private readonly entries = new Map<string, Entry>();
  /** Recent parses of texts of closed files, least recently used first. */
  private readonly transient = new Map<string, ParsedFile>();
  private transientChars = 0;
  /** Increases whenever a document is added, removed or its text changes: caches over all documents key on it. */
  generation = 0;
  /** The URIs each recent generation step changed (changedSince). */
  private readonly changeLog = new ChangeLog(CHANGE_LOG_STEPS);
  /** Parses of closed files' texts so far (the index's, then each re-read): tests watch it. */
  closedParses = 0;

  /** `maxFileSize` (bytes) comes from the settings, which can change: see `setMaxFileSize`. */
  constructor(private maxFileSize = Number.POSITIVE_INFINITY) {}

  /** A new size limit re-parses (lazily) every file whose treatment it changes. */
  setMaxFileSize(maxFileSize: number): void {
    if (maxFileSize === this.maxFileSize) return;
    const before = this.maxFileSize;
    this.maxFileSize = maxFileSize;
    // Only files that may be over the smaller of the two limits (UTF-8 is at most 3 bytes per UTF-16 unit).
    const smaller = Math.min(before, maxFileSize);
    for (const [uri, entry] of this.entries) {
      if (entry.text.length * 3 > smaller) {
        // A new entry: whatever was derived from the old treatment (index facts too) is rebuilt.
        this.entries.set(uri, { uri, text: entry.text, open: entry.open, version: entry.version });
        this.forgetTransient(uri);
        this.generation++;
        this.changeLog.reset(); // not followed: a size change is rare
      }
    }
  }

  /**
   * The documents added, removed or changed since `generation`, or undefined when that is no longer
   * known: who derives something from every document (the index) then updates just those.
   */
  changedSince(generation: number): Set<string> | undefined {
    return this.changeLog.since(generation, this.generation);
  }

  private changed(uri: string): void {
    this.generation++;
    this.changeLog.record(this.generation, [uri]);
  }

  /** Sets a document's text; `open` says whether an editor shows it (its parse is then kept). */
  set(uri: string, text: string, version: number, open = true): void {
    const existing = this.entries.get(uri);
    if (existing && existing.text === text && existing.open === open) {
      existing.version = version;
      return;
    }
    // Closed documents are not edited incrementally: only an open one keeps its last parse as a base.
    const previous = !open || existing?.text === text ? undefined : existing?.parsed ?? existing?.previous;
    const entry: Entry = { uri, text, open, version, previous };
    // Same text, opened or closed: the parse carries over (opening moves a cached parse in).
    if (existing?.text === text) entry.parsed = open ? existing.parsed ?? this.takeTransient(uri, text) : undefined;
    if (!open && existing?.parsed && existing.text === text) this.keepTransient(uri, existing.parsed);
    if (existing?.text !== text) this.forgetTransient(uri);
    this.entries.set(uri, entry);
    this.changed(uri);
  }

  delete(uri: string): void {
    this.forgetTransient(uri);
    if (this.entries.delete(uri)) this.changed(uri);
  }

  has(uri: string): boolean {
    return this.entries.has(uri);
  }

  isOpen(uri: string): boolean {
    return this.entries.get(uri)?.open ?? false;
  }

  version(uri: string): number | undefined {
    return this.entries.get(uri)?.version;
  }

  uris(): string[] {
    return [...this.entries.keys()];
  }

  /** The current text of every document, as identity-stable entries (see StoredText). */
  stored(): Iterable<StoredText> {
    return this.entries.values();
  }

  /** The current entry of a document. */
  storedText(uri: string): StoredText | undefined {
    return this.entries.get(uri);
  }

  /** A document's parse: kept for open documents, re-parsed (through a small cache) for closed ones. */
  parsed(uri: string): ParsedFile | undefined {
    const entry = this.entries.get(uri);
    if (!entry) return undefined;
    if (entry.parsed) return entry.parsed;
    if (!entry.open) return this.parsedText(uri, entry.text);
    const previous = entry.previous;
    entry.previous = undefined;
    const edited = previous && this.withinLimit(entry.text) ? reparse(previous, entry.text) : undefined;
    entry.parsed = edited ?? parseWithinLimit(entry.text, this.maxFileSize);
    // An open document is edited next: what the first keystroke's re-parse needs is worked out now.
    if (!edited) prepareForEdits(entry.parsed);
    return entry.parsed;
  }

  /** Line starts of a document's text: from its parse when open, counted from the text (no parse) when closed. */
  lineCounter(uri: string): { lineCounter: LineCounter; text: string } | undefined {
    const entry = this.entries.get(uri);
    if (!entry) return undefined;
    const parsed = entry.parsed ?? this.transient.get(uri);
    if (parsed && parsed.text === entry.text) return { lineCounter: parsed.lineCounter, text: entry.text };
    return { lineCounter: lineCounterOf(entry.text), text: entry.text };
  }

  /**
   * A parse of this text of a closed document — also of a text it no longer has, for readers that
   * captured it (an index entry built from that text).
   */
  parsedText(uri: string, text: string, keep = true): ParsedFile {
    const cached = this.transient.get(uri);
    if (cached && cached.text === text) {
      // Most recently used goes last.
      this.transient.delete(uri);
      this.transient.set(uri, cached);
      return cached;
    }
    this.closedParses++;
    const file = parseWithinLimit(text, this.maxFileSize);
    if (keep && this.entries.get(uri)?.text === text) this.keepTransient(uri, file);
    return file;
  }

  private keepTransient(uri: string, file: ParsedFile): void {
    this.forgetTransient(uri);
    this.transient.set(uri, file);
    this.transientChars += file.text.length;
    for (const [oldest, old] of this.transient) {
      if (this.transientChars <= TRANSIENT_BUDGET_CHARS || oldest === uri) break;
      this.transient.delete(oldest);
      this.transientChars -= old.text.length;
    }
  }

  private takeTransient(uri: string, text: string): ParsedFile | undefined {
    const cached = this.transient.get(uri);
    this.forgetTransient(uri);
    return cached && cached.text === text ? cached : undefined;
  }

  private forgetTransient(uri: string): void {
    const cached = this.transient.get(uri);
    if (!cached) return;
    this.transient.delete(uri);
    this.transientChars -= cached.text.length;
  }

  /** Whether a text is fully checked under the size limit (the incremental path only handles those). */
  private withinLimit(text: string): boolean {
    return text.length * 3 <= this.maxFileSize || Buffer.byteLength(text, 'utf8') <= this.maxFileSize;
  }
}
