// Secret and ConfigMap rules through the real service and schemas.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { decodeBase64, encodeBase64, trailingNewline } from '../../common/secretData';
import type { Diagnostic } from '../../server/src/service/types';
import { diagnosticsFor, rangeOfText, repoRoot, summarize } from '../helpers/service';

const only = (diagnostics: Diagnostic[], code: string) => diagnostics.filter((d) => d.code === code);
const secret = (body: string, type = 'Opaque') => `apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ntype: ${type}\n${body}`;
const configMap = (body: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n${body}`;

test('secretData: strict base64 with exact reasons', () => {
  assert.equal(decodeBase64('cGFzc3dvcmQ=').ok, true);
  assert.equal(decodeBase64('cGFzc3dv\ncmQ=').ok, true, 'line breaks are ignored like Go does');
  const reason = (v: string) => {
    const r = decodeBase64(v);
    return r.ok ? '' : r.reason;
  };
  assert.match(reason('cGFzc3dvcmQ'), /11 characters without padding; add = at the end/);
  assert.match(reason('cGFz c3dv'), /contains a space at position 5/);
  assert.match(reason('ab-_'), /URL-safe alphabet/);
  assert.match(reason('cG=Fz'), /padding in the middle/);
  const bytes = decodeBase64('cGFzc3dvcmQK');
  assert.ok(bytes.ok && trailingNewline(bytes.bytes) === '\n');
  assert.equal(encodeBase64('password'), 'cGFzc3dvcmQ=');
});

test('secret-trailing-newline: cGFzc3dvcmQK is reported without the decoded value, with the fixed encoding', () => {
  const text = secret('data:\n  password: cGFzc3dvcmQK\n');
  const diagnostics = diagnosticsFor(text);
  assert.equal(diagnostics.length, 1, summarize(diagnostics));
  assert.equal(diagnostics[0].code, 'secret-trailing-newline');
  assert.deepEqual(diagnostics[0].range, rangeOfText(text, 'cGFzc3dvcmQK'));
  assert.doesNotMatch(diagnostics[0].message, /password(?!")/, 'the message names the key, never the decoded value');
  assert.ok(!diagnostics[0].message.includes('password\\n') && !/"password" decodes/.test(diagnostics[0].message.replace('data "password"', '')));
  assert.deepEqual(diagnostics[0].data, { rule: 'secret-trailing-newline', key: 'password', replacement: 'cGFzc3dvcmQ=' });
  assert.deepEqual(diagnosticsFor(secret('data:\n  password: cGFzc3dvcmQ=\n')), []);
  // Multi-line text (a certificate, a config file) legitimately ends with a line break.
  assert.deepEqual(diagnosticsFor(secret(`data:\n  config: ${encodeBase64('a=1\nb=2\n')}\n`)), []);
});

test('the secret-trailing-newline mistakes example reports exactly its mistake', () => {
  const text = readFileSync(join(repoRoot, 'examples/mistakes/secret-trailing-newline.yaml'), 'utf8');
  assert.deepEqual(diagnosticsFor(text).map((d) => d.code), ['secret-trailing-newline']);
});

test('secret-invalid-base64 owns broken base64 (the schema defers); secret-plaintext-in-data owns plain text', () => {
  const broken = diagnosticsFor(secret('data:\n  token: cGFzc3dvcmQ\n'));
  assert.deepEqual(broken.map((d) => d.code), ['secret-invalid-base64'], summarize(broken));
  assert.match(broken[0].message, /data "token" is not valid base64: it has 11 characters without padding/);
  const plain = diagnosticsFor(secret('data:\n  url: postgres://app:secret@db:5432/app\n'));
  assert.deepEqual(plain.map((d) => d.code), ['secret-plaintext-in-data'], summarize(plain));
  assert.match(plain[0].message, /looks like plain text, not base64.*stringData/);
  const word = diagnosticsFor(secret('data:\n  username: root\n'));
  assert.deepEqual(word.map((d) => [d.code, d.severity]), [['secret-plaintext-in-data', 2]], summarize(word));
  assert.deepEqual(diagnosticsFor(secret('stringData:\n  url: postgres://app:secret@db:5432/app\n  username: root\n')), []);
});

test('secret-type-keys: tls, dockerconfigjson JSON, basic-auth, ssh-auth, service-account-token, a misspelt type', () => {
  const tls = diagnosticsFor(secret('data:\n  tls.crt: YQ==\n', 'kubernetes.io/tls'));
  assert.deepEqual(tls.map((d) => d.code), ['secret-type-keys']);
  assert.match(tls[0].message, /needs "tls.key"/);
  assert.deepEqual(diagnosticsFor(secret('data:\n  tls.crt: YQ==\n  tls.key: Yg==\n', 'kubernetes.io/tls')), []);
  const badJson = diagnosticsFor(secret(`data:\n  .dockerconfigjson: ${encodeBase64('{"auths": {')}\n`, 'kubernetes.io/dockerconfigjson'));
  assert.deepEqual(badJson.map((d) => d.code), ['secret-type-keys'], summarize(badJson));
  assert.match(badJson[0].message, /is not valid JSON/);
  assert.deepEqual(diagnosticsFor(secret(`data:\n  .dockerconfigjson: ${encodeBase64('{"auths":{}}')}\n`, 'kubernetes.io/dockerconfigjson')), []);
  assert.deepEqual(diagnosticsFor(secret('stringData:\n  .dockerconfigjson: \'{"auths":{}}\'\n', 'kubernetes.io/dockerconfigjson')), []);
  assert.match(only(diagnosticsFor(secret('stringData:\n  user: x\n', 'kubernetes.io/basic-auth')), 'secret-type-keys')[0]?.message ?? '', /at least one of "username" or "password"/);
  assert.deepEqual(diagnosticsFor(secret('stringData:\n  username: x\n', 'kubernetes.io/basic-auth')), []);
  assert.match(only(diagnosticsFor(secret('stringData:\n  key: x\n', 'kubernetes.io/ssh-auth')), 'secret-type-keys')[0]?.message ?? '', /ssh-privatekey/);
  assert.match(only(diagnosticsFor(secret('', 'kubernetes.io/service-account-token')), 'secret-type-keys')[0]?.message ?? '', /kubernetes.io\/service-account.name/);
  assert.match(only(diagnosticsFor(secret('stringData:\n  tls.crt: a\n  tls.key: b\n', 'kubernetes.io/tsl')), 'secret-type-keys')[0]?.message ?? '', /did you mean "kubernetes.io\/tls"/);
});

test('cm-key-invalid, cm-key-duplicated, cm-value-not-string, cm-too-large', () => {
  const badKey = diagnosticsFor(configMap('data:\n  conf/app.yaml: x\n'));
  assert.deepEqual(badKey.map((d) => d.code), ['cm-key-invalid']);
  assert.match(badKey[0].message, /contains "\/"/);
  assert.deepEqual(diagnosticsFor(configMap('data:\n  app.yaml: x\n  APP_MODE: prod\n  .hidden-file: v\n')), []);
  const duplicate = diagnosticsFor(configMap('data:\n  logo: x\nbinaryData:\n  logo: eA==\n'));
  assert.deepEqual(duplicate.map((d) => d.code), ['cm-key-duplicated']);
  assert.match(duplicate[0].message, /in both data \(line 6\) and binaryData/);
  const map = diagnosticsFor(configMap('data:\n  config.yaml:\n    a: 1\n  empty:\n'));
  assert.deepEqual(map.map((d) => [d.code, d.severity]), [['cm-value-not-string', 1], ['cm-value-not-string', 2]], summarize(map));
  const big = 'x'.repeat(600 * 1024);
  const large = diagnosticsFor(configMap(`data:\n  a: ${big}\n  b: ${big}\n`));
  assert.deepEqual(large.map((d) => d.code), ['cm-too-large']);
  assert.match(large[0].message, /1,228,800 bytes, over the 1 MiB/);
  assert.deepEqual(diagnosticsFor(configMap(`data:\n  a: ${big}\n`)), []);
});
