// Completion and hover at every position of every example (broken ones included), and symbols and
// folding for each file: never an exception, and every answer well-formed — edits on the cursor's
// line and around it, hover ranges around the cursor, children inside their parents, folds in order.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { DocumentSymbol, Position, Range } from 'vscode-languageserver-types';
import { repoRoot, testService } from '../helpers/service';

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return yamlFiles(path);
    return /\.ya?ml$/.test(name) ? [path] : [];
  });
}

const before = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character <= b.character);
const within = (outer: Range, inner: Range) => before(outer.start, inner.start) && before(inner.end, outer.end);

function checkSymbols(symbols: DocumentSymbol[], parent?: DocumentSymbol): void {
  for (const s of symbols) {
    assert.ok(within(s.range, s.selectionRange), `${s.name}: selection outside its range`);
    if (parent) assert.ok(within(parent.range, s.range), `${s.name} outside ${parent.name}`);
    checkSymbols(s.children ?? [], s);
  }
}

const files = yamlFiles(join(repoRoot, 'examples'));
// The same texts with CRLF line ends and with every line cut at its middle (half-typed everywhere).
const variants = files.flatMap((file) => {
  const text = readFileSync(file, 'utf8');
  const cut = text
    .split('\n')
    .map((line, i) => (i % 3 === 2 ? line.slice(0, Math.ceil(line.length / 2)) : line))
    .join('\n');
  return [
    { name: file.slice(repoRoot.length + 1), text },
    { name: `${file.slice(repoRoot.length + 1)} (CRLF)`, text: text.replace(/\n/g, '\r\n') },
    { name: `${file.slice(repoRoot.length + 1)} (cut lines)`, text: cut },
  ];
});

test(`completion and hover at every position of ${files.length} examples (3 variants each)`, () => {
  const service = testService();
  let positions = 0;
  let items = 0;
  let hovers = 0;
  for (const { name, text } of variants) {
    const uri = `file:///sweep/${encodeURIComponent(name)}`;
    service.setDocument(uri, text, 1);
    try {
      const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
      lines.forEach((line, lineNo) => {
        for (let character = 0; character <= line.length; character++) {
          const position = { line: lineNo, character };
          positions++;
          const list = service.getCompletions(uri, position);
          for (const item of list.items) {
            items++;
            const edit = item.textEdit as { range: Range; newText: string } | undefined;
            assert.ok(edit, `${name} ${lineNo}:${character} ${item.label}: no textEdit`);
            assert.equal(edit.range.start.line, lineNo, `${name} ${lineNo}:${character} ${item.label}: edit on another line`);
            assert.ok(edit.range.start.character <= character && character <= edit.range.end.character, `${name} ${lineNo}:${character} ${item.label}: edit does not cover the cursor`);
            assert.ok(edit.range.end.character <= line.length, `${name} ${lineNo}:${character}: edit past the line end`);
          }
          const hover = service.getHover(uri, position);
          if (hover) {
            hovers++;
            assert.ok(hover.range && before(hover.range.start, position) && before(position, hover.range.end), `${name} ${lineNo}:${character}: hover range not at the cursor`);
            assert.ok((hover.contents as { value: string }).value.length > 0);
          }
        }
      });
      checkSymbols(service.getDocumentSymbols(uri));
      const folds = service.getFoldingRanges(uri) ?? [];
      for (let i = 0; i < folds.length; i++) {
        assert.ok(folds[i].startLine < folds[i].endLine && folds[i].endLine < lines.length, `${name}: bad fold ${JSON.stringify(folds[i])}`);
        if (i > 0) assert.ok(folds[i - 1].startLine < folds[i].startLine, `${name}: folds out of order`);
      }
    } finally {
      service.removeDocument(uri);
    }
  }
  assert.ok(positions > 10_000, `only ${positions} positions`);
  assert.ok(items > 0 && hovers > 0);
});
