// A copy of a string that does not keep its source text alive. V8 represents a substring of 13 or
// more characters as a slice pointing into the whole original string, so a line cached from one
// version of a 1 MB file kept that whole version in memory as long as the cache entry lived: with
// per-document caches that outlive edits, every edit's text piled up (~1 MB per edit of a
// 50,000-line file, 100 MB after 100 edits; test/unit/edit-memory.test.ts).
export function detached(value: string): string {
  // Shorter substrings are copied by V8 already; UTF-16 keeps every code unit, lone surrogates too.
  return value.length < 13 ? value : Buffer.from(value, 'utf16le').toString('utf16le');
}
