// The ConfigMap injection grammar, tokenized with vscode-textmate + vscode-oniguruma the way VS Code
// does. The base YAML grammar and the embedded languages' grammars come from VS Code's own
// extensions when a local VS Code (code-server under .vscode-test/) is present; without one a
// minimal stand-in YAML grammar is used, and embedded grammars that are not available (TOML has
// none built in) are empty stand-ins, which still shows where the injection puts its embedded scopes.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, test } from 'node:test';
import * as oniguruma from 'vscode-oniguruma';
import { INITIAL, Registry, parseRawGrammar, type IGrammar } from 'vscode-textmate';
import { repoRoot } from '../helpers/service';

const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
const contribution = manifest.contributes.grammars.find((g: { injectTo?: string[] }) => g.injectTo?.includes('source.yaml'));
const INJECTION = contribution.scopeName as string;
const VSCODE_EXTENSIONS = join(repoRoot, '.vscode-test/code-server/node_modules/code-server/lib/vscode/extensions');

/** Grammar files of VS Code's built-in extensions by scope name (when a local VS Code is present). */
function builtInGrammars(): Map<string, string> {
  const out = new Map<string, string>();
  for (const extension of ['yaml', 'json', 'shellscript', 'sql', 'xml', 'ini']) {
    const pkg = join(VSCODE_EXTENSIONS, extension, 'package.json');
    if (!existsSync(pkg)) continue;
    for (const g of JSON.parse(readFileSync(pkg, 'utf8')).contributes.grammars ?? []) out.set(g.scopeName, join(VSCODE_EXTENSIONS, extension, g.path));
  }
  return out;
}

/** A stand-in for source.yaml: keys, comments and plain values, enough to see the injection stay out of the way. */
const STAND_IN_YAML = {
  scopeName: 'source.yaml',
  patterns: [
    { match: '#.*$', name: 'comment.line.number-sign.yaml' },
    { match: '^\\s*([\\w.-]+)(:)', captures: { '1': { name: 'entity.name.tag.yaml' }, '2': { name: 'punctuation.separator.key-value.mapping.yaml' } } },
    { match: '[^\\s#][^#]*', name: 'string.unquoted.plain.out.yaml' },
  ],
};

const grammars = builtInGrammars();
const realYaml = grammars.has('source.yaml');
let yaml: IGrammar;

before(async () => {
  const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new Registry({
    onigLib: Promise.resolve({ createOnigScanner: (p) => new oniguruma.OnigScanner(p), createOnigString: (s) => new oniguruma.OnigString(s) }),
    async loadGrammar(scopeName) {
      if (scopeName === INJECTION) {
        const path = join(repoRoot, contribution.path);
        return parseRawGrammar(readFileSync(path, 'utf8'), path);
      }
      const path = grammars.get(scopeName);
      if (path) return parseRawGrammar(readFileSync(path, 'utf8'), path);
      if (scopeName === 'source.yaml') return parseRawGrammar(JSON.stringify(STAND_IN_YAML), 'stand-in.json');
      // An embedded language without a grammar here (TOML always; all of them without a local VS Code):
      // an empty stand-in, as an installed grammar would be. A missing one disables that injection rule.
      return parseRawGrammar(JSON.stringify({ scopeName, patterns: [] }), `${scopeName}.json`);
    },
    getInjections: (scopeName) => (scopeName === 'source.yaml' ? [INJECTION] : undefined),
  });
  const loaded = await registry.loadGrammar('source.yaml');
  assert.ok(loaded);
  yaml = loaded;
});

interface Token {
  line: number;
  text: string;
  scopes: string[];
}

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let state = INITIAL;
  text.split('\n').forEach((line, index) => {
    const result = yaml.tokenizeLine(line, state);
    for (const t of result.tokens) out.push({ line: index, text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes });
    state = result.ruleStack;
  });
  return out;
}

/** Lines (0-based) with at least one token inside the scope. */
function linesIn(tokens: Token[], scope: string): number[] {
  return [...new Set(tokens.filter((t) => t.scopes.includes(scope)).map((t) => t.line))];
}

const CONFIGMAP = `apiVersion: v1
kind: ConfigMap
metadata:
  name: app
data:
  LOG_LEVEL: info
  settings.json: |
    {"replicas": 3,
     "name": "db"}
  nginx.conf: |-
    server {
      listen 80;
    }
  init.sh: | # runs first
    #!/bin/sh
    echo ready
  schema.sql: >
    CREATE TABLE t (id int);
  app.properties: |
    a=b
  "quoted.yaml": |
    nested: value
  pom.xml: |
    <project/>
  config.toml: |
    [server]
  plain.txt: |
    not highlighted
  after: value # back to YAML
`;

test('block scalars under file-like keys get the embedded scope of their extension, on their lines only', () => {
  const tokens = tokenize(CONFIGMAP);
  const expected: Record<string, number[]> = {
    json: [7, 8],
    ini: [10, 11, 12],
    shellscript: [14, 15],
    sql: [17],
    properties: [19],
    yaml: [21],
    xml: [23],
    toml: [25],
  };
  for (const [language, lines] of Object.entries(expected)) {
    assert.deepEqual(linesIn(tokens, `meta.embedded.block.${language}`), lines, language);
  }
  // Keys without a known extension, the keys themselves and the following entries stay YAML.
  const embedded = tokens.filter((t) => t.scopes.some((s) => s.startsWith('meta.embedded.block.')));
  assert.ok(!embedded.some((t) => [0, 1, 2, 3, 4, 5, 6, 26, 27, 28].includes(t.line)), JSON.stringify(embedded.filter((t) => t.line > 25)));
  const key = tokens.find((t) => t.line === 6 && t.text === 'settings.json')!;
  assert.ok(key.scopes.includes('entity.name.tag.yaml'), key.scopes.join(' '));
  const comment = tokens.find((t) => t.line === 13 && t.text.startsWith('#'))!;
  assert.ok(comment.scopes.some((s) => s.startsWith('comment.')), comment.scopes.join(' '));
});

test('every embedded scope is mapped to a language in package.json', () => {
  const grammar = JSON.parse(readFileSync(join(repoRoot, contribution.path), 'utf8'));
  const names = Object.values(grammar.repository as Record<string, { contentName: string }>).map((r) => r.contentName);
  assert.deepEqual(names.filter((n) => !(n in contribution.embeddedLanguages)), []);
});

test('the YAML around the embedded blocks is still YAML', () => {
  const tokens = tokenize(CONFIGMAP);
  const after = tokens.find((t) => t.line === 28 && t.text.trim() === 'after')!;
  assert.ok(after.scopes.some((s) => s.startsWith('entity.name.tag')), `after: ${after.scopes.join(' ')}`);
  const trailing = tokens.find((t) => t.line === 28 && t.text.includes('#'))!;
  assert.ok(trailing.scopes.some((s) => s.startsWith('comment.')), trailing.scopes.join(' '));
  const level = tokens.find((t) => t.line === 5 && t.text.trim() === 'LOG_LEVEL')!;
  assert.ok(level.scopes.some((s) => s.startsWith('entity.name.tag')), level.scopes.join(' '));
});

test('with the real grammars, the embedded language is tokenized inside the block', { skip: !grammars.has('source.json') && 'no local VS Code grammars' }, () => {
  const tokens = tokenize(CONFIGMAP);
  const property = tokens.find((t) => t.line === 7 && t.text === 'replicas')!;
  assert.ok(property.scopes.includes('meta.embedded.block.json'));
  assert.ok(property.scopes.some((s) => s.startsWith('support.type.property-name.json')), property.scopes.join(' '));
  const tag = tokens.find((t) => t.line === 23 && t.text === 'project')!;
  assert.ok(tag.scopes.includes('meta.embedded.block.xml'));
  assert.ok(tag.scopes.some((s) => s.startsWith('entity.name.tag.localname.xml')), tag.scopes.join(' '));
});

test(`base YAML grammar: ${realYaml ? "VS Code's own" : 'stand-in'}`, () => assert.ok(true));
