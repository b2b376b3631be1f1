// Bad inputs a user can open as YAML, shared by the LSP robustness test and bench/robustness.ts.
// Each states what the user should see (checked on `code message` lines of the diagnostics).
import assert from 'node:assert/strict';

export interface BadInput {
  name: string;
  text(): string;
  /** Checks the published diagnostics (`<code> <message>` per line). */
  expect?(diagnostics: string[]): void;
}

const CONFIGMAP = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n';
const SECRET = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n';

const has = (pattern: RegExp) => (diagnostics: string[]) =>
  assert.ok(diagnostics.some((d) => pattern.test(d)), `expected a diagnostic matching ${pattern}, got:\n${diagnostics.slice(0, 10).join('\n')}`);
const atMost = (n: number) => (diagnostics: string[]) => assert.ok(diagnostics.length <= n, `${diagnostics.length} diagnostics (at most ${n} expected)`);
const all = (...checks: Array<(d: string[]) => void>) => (d: string[]) => checks.forEach((check) => check(d));

function aliasBomb(): string {
  let text = `${CONFIGMAP}  a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n`;
  for (let i = 1; i < 10; i++) text += `  a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(',')}]\n`;
  return text;
}

export const BAD_INPUTS: BadInput[] = [
  { name: 'unclosed flow map and quote', text: () => `${CONFIGMAP}  a: {b: "c\n  d: [1, 2\n`, expect: has(/^yaml-syntax /) },
  { name: 'tabs for indentation', text: () => `${CONFIGMAP}\tkey: value\n`, expect: has(/tabs/) },
  { name: 'CRLF line endings', text: () => `${CONFIGMAP}  key: value\n  bad key: [\n`.replace(/\n/g, '\r\n'), expect: has(/^yaml-syntax /) },
  { name: 'BOM', text: () => `\uFEFF${CONFIGMAP}  key: value\n`, expect: atMost(0) },
  {
    name: 'binary file (random bytes decoded as UTF-8, NUL bytes)',
    text: () => {
      let seed = 7;
      const bytes = Buffer.alloc(200_000);
      for (let i = 0; i < bytes.length; i++) bytes[i] = (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24;
      return `apiVersion: v1\nkind: ConfigMap\n${bytes.toString('utf8')}`;
    },
    expect: atMost(101),
  },
  { name: 'Latin-1 bytes read as UTF-8', text: () => `${CONFIGMAP}  city: ${Buffer.from('Düsseldorf é', 'latin1').toString('utf8')}\n`, expect: atMost(0) },
  { name: 'duplicate keys', text: () => `${CONFIGMAP}  a: 1\n  a: 2\n`, expect: has(/unique/) },
  { name: 'non-string keys', text: () => `${CONFIGMAP}  1: one\n  true: yes\n  [a, b]: c\n  {x: 1}: d\n  ? - complex\n  : e\n` },
  { name: 'merge keys', text: () => `${CONFIGMAP}  base: &base {a: "1"}\n  merged:\n    <<: *base\n    b: "2"\n` },
  { name: 'alias bomb (billion laughs)', text: aliasBomb, expect: has(/alias/) },
  { name: '10,000 levels of [', text: () => `${CONFIGMAP}  a: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`, expect: has(/nested too deeply/) },
  { name: '10,000 unclosed [', text: () => `${CONFIGMAP}  a: ${'['.repeat(10_000)}\n`, expect: all(has(/nested too deeply|not shown/), atMost(101)) },
  { name: '10,000 levels of "- "', text: () => `${'- '.repeat(10_000)}x\n` },
  { name: '1,000 levels of nested maps', text: () => `${CONFIGMAP}${Array.from({ length: 1000 }, (_, i) => `${' '.repeat(2 + i)}k${i}:`).join('\n')} x\n` },
  { name: '100,000-line file', text: () => `${CONFIGMAP}${Array.from({ length: 100_000 }, (_, i) => `  key${i}: value${i}`).join('\n')}\n` },
  {
    name: '10,000 documents',
    text: () => Array.from({ length: 10_000 }, (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c${i}\ndata:\n  a: b\n`).join('---\n'),
  },
  { name: '10 MB single value', text: () => `${CONFIGMAP}  big: ${'x'.repeat(10 * 1024 * 1024)}\n`, expect: has(/^file-too-large /) },
  { name: '5 MB Secret value', text: () => `${SECRET}  blob: ${Buffer.alloc(3_750_000, 'secret!').toString('base64')}\n`, expect: has(/^file-too-large /) },
  { name: '1 MB Secret value', text: () => `${SECRET}  blob: ${Buffer.alloc(750_000, 'secret!').toString('base64')}\n` },
];
