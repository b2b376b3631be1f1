// Secret value lenses through the service: where they are, masked titles, and what a revealed
// title shows (computed by the client from the same helpers).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { createLanguageService } from '../../server/src/service';
import { decodeSecretValue } from '../../common/secretValue';
import { secretCodeLenses } from '../../server/src/service/lens/secretLens';
import { encodedFromSource, secretLensTitle } from '../../common/secretTitles';
import { rangeOfText, repoRoot, schemas } from '../helpers/service';

const SECRET = readFileSync(join(repoRoot, 'examples/postgres/secret.yaml'), 'utf8');

function lensesFor(text: string) {
  const service = createLanguageService({ schemas });
  service.setDocument('file:///s.yaml', text, 1);
  return service.getSecretLenses('file:///s.yaml');
}

test('one lens per data entry, on the entry, masked, with copy and edit for text', () => {
  const lenses = lensesFor(SECRET);
  assert.deepEqual(lenses.map((l) => [l.ref.key, l.kind, l.byteLength]), [['password', 'text', 8], ['replication-password', 'text', 10]]);
  assert.deepEqual(lenses[0].ref.valueRange, rangeOfText(SECRET, 'cGFzc3dvcmQ='));
  assert.equal(lenses[0].range.start.line, rangeOfText(SECRET, 'password:').start.line);
  const codeLenses = secretCodeLenses(lenses);
  assert.deepEqual(codeLenses.slice(0, 3).map((l) => l.command!.title), ['••••••  (8 bytes, click to reveal)', 'copy', 'edit decoded']);
  assert.ok(!JSON.stringify(codeLenses).includes('replicator'), 'no decoded value in what the server sends');
});

test('revealed titles show the decoded text; binary and invalid values say what they are', () => {
  assert.equal(secretLensTitle(decodeSecretValue('cGFzc3dvcmQ='), true), 'password  (click to hide)');
  assert.equal(secretLensTitle(decodeSecretValue('cGFzc3dvcmQ='), false), '••••••  (8 bytes, click to reveal)');
  assert.equal(secretLensTitle(decodeSecretValue(Buffer.from('two\nlines\n').toString('base64')), true), 'two⏎lines⏎  (click to hide)');
  assert.equal(secretLensTitle(decodeSecretValue(Buffer.from([0xff, 0x00, 0x10]).toString('base64')), true), 'binary value (3 bytes, not UTF-8 text)');
  assert.match(secretLensTitle(decodeSecretValue('not base64!'), true), /^invalid base64: /);
  assert.equal(encodedFromSource('"cGFz c3dv"'), 'cGFzc3dv');
  assert.equal(encodedFromSource('|\n    cGFz\n    c3dv\n'), 'cGFzc3dv');
});

test('binary and invalid values get a lens without copy/edit', () => {
  const text = SECRET.replace('cGFzc3dvcmQ=', Buffer.from([0xff, 0xfe, 0x00]).toString('base64')).replace('cmVwbGljYXRvcg==', 'not-base64');
  const codeLenses = secretCodeLenses(lensesFor(text));
  assert.deepEqual(codeLenses.map((l) => l.command!.title.replace(/:.*/, ':')), ['binary value (3 bytes, not UTF-8 text)', 'invalid base64:']);
});

test('no lenses outside Secret data', () => {
  assert.deepEqual(lensesFor('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: cGFzc3dvcmQ=\n'), []);
  assert.deepEqual(lensesFor('apiVersion: v1\nkind: Secret\nmetadata:\n  name: x\nstringData:\n  a: b\n'), []);
});
