// The texts the service knows, each parsed at most once per version.
import { reparse } from './parse/incremental';
import { parseWithinLimit } from './parse/sizeLimit';
import type { ParsedFile } from './types';

interface Entry {
  version: number;
  text: string;
  parsed?: ParsedFile;
  /** The last parse of an earlier text, until this text is parsed: edits re-parse only what changed. */
  previous?: ParsedFile;
}

export class DocumentStore {
  private readonly entries = new Map<string, Entry>();
  /** Increases whenever a document is added, removed or its text changes: caches over all documents key on it. */
  generation = 0;

  /** `maxFileSize` (bytes) comes from the settings, which can change: see `setMaxFileSize`. */
  constructor(private maxFileSize = Number.POSITIVE_INFINITY) {}

  /** A new size limit re-parses (lazily) every file whose treatment it changes. */
  setMaxFileSize(maxFileSize: number): void {
    if (maxFileSize === this.maxFileSize) return;
    const before = this.maxFileSize;
    this.maxFileSize = maxFileSize;
    // Only files that may be over the smaller of the two limits (UTF-8 is at most 3 bytes per UTF-16 unit).
    const smaller = Math.min(before, maxFileSize);
    for (const entry of this.entries.values()) {
      if (entry.parsed && entry.text.length * 3 > smaller) {
        entry.parsed = undefined;
        entry.previous = undefined;
        this.generation++;
      }
    }
  }

  set(uri: string, text: string, version: number): void {
    const existing = this.entries.get(uri);
    if (existing && existing.text === text) {
      existing.version = version;
      return;
    }
    this.entries.set(uri, { version, text, previous: existing?.parsed ?? existing?.previous });
    this.generation++;
  }

  delete(uri: string): void {
    if (this.entries.delete(uri)) this.generation++;
  }

  has(uri: string): boolean {
    return this.entries.has(uri);
  }

  version(uri: string): number | undefined {
    return this.entries.get(uri)?.version;
  }

  uris(): string[] {
    return [...this.entries.keys()];
  }

  /** Every document's parsed file; parsing happens here at most once per text. */
  *allParsed(): Iterable<[string, ParsedFile]> {
    for (const uri of this.entries.keys()) yield [uri, this.parsed(uri)!];
  }

  parsed(uri: string): ParsedFile | undefined {
    const entry = this.entries.get(uri);
    if (!entry) return undefined;
    if (!entry.parsed) {
      const previous = entry.previous;
      entry.previous = undefined;
      entry.parsed = (previous && this.withinLimit(entry.text) && reparse(previous, entry.text)) || parseWithinLimit(entry.text, this.maxFileSize);
    }
    return entry.parsed;
  }

  /** Whether a text is fully checked under the size limit (the incremental path only handles those). */
  private withinLimit(text: string): boolean {
    return text.length * 3 <= this.maxFileSize || Buffer.byteLength(text, 'utf8') <= this.maxFileSize;
  }
}
