// Every snippet body, with each placeholder replaced by its default (the first choice for
// choices, nothing for bare tab stops), parses as YAML and draws no schema diagnostics.
// Fragments (init containers, env entries) are checked inside a host StatefulSet.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { createLanguageService } from '../../server/src/service';
import { CompletionItemKind, InsertTextFormat } from 'vscode-languageserver-types';
import { completionsAt } from '../helpers/cursor';
import { repoRoot, schemaDiagnosticsFor, schemas, summarize } from '../helpers/service';

const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
const contribution = manifest.contributes.snippets.find((s: { language: string }) => s.language === 'yaml');
type Snippets = Record<string, { prefix: string; body: string[]; description: string }>;
// Fragments are contributed to VS Code; whole resources are served by the language server where a document starts.
const fragments: Snippets = JSON.parse(readFileSync(join(repoRoot, contribution.path), 'utf8'));
const resources: Snippets = JSON.parse(readFileSync(join(repoRoot, 'snippets/resources.json'), 'utf8'));
const snippets: Snippets = { ...resources, ...fragments };

/** The text VS Code inserts when the user accepts every default. */
export function expandDefaults(body: string): string {
  let text = body;
  for (let guard = 0; guard < 20; guard++) {
    const next = text
      .replace(/\$\{\d+\|([^,|}]*)[^|}]*\|\}/g, '$1') // ${1|a,b|} -> a
      .replace(/\$\{\d+:([^${}]*)\}/g, '$1') // ${1:default} -> default (innermost first)
      .replace(/\$\{\d+\}|\$\d+/g, ''); // ${1} / $0 -> ''
    if (next === text) break;
    text = next;
  }
  return text;
}

/** Where fragment snippets go: the host text with `@@` at the insertion point's indentation. */
const HOSTS: Record<string, { host: string; indent: number }> = {
  'k8s-init-container': { host: 'pod', indent: 6 },
  'k8s-env-configmap': { host: 'env', indent: 10 },
  'k8s-env-secret': { host: 'env', indent: 10 },
  'k8s-envfrom': { host: 'container', indent: 10 },
};

const HOST_TEXT: Record<string, string> = {
  pod: `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: host
spec:
  serviceName: host
  selector:
    matchLabels:
      app: host
  template:
    metadata:
      labels:
        app: host
    spec:
@@
      containers:
        - name: app
          image: busybox:1.36
`,
  env: `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: host
spec:
  serviceName: host
  selector:
    matchLabels:
      app: host
  template:
    metadata:
      labels:
        app: host
    spec:
      containers:
        - name: app
          image: busybox:1.36
          env:
@@
`,
  container: `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: host
spec:
  serviceName: host
  selector:
    matchLabels:
      app: host
  template:
    metadata:
      labels:
        app: host
    spec:
      containers:
        - name: app
          image: busybox:1.36
@@
`,
};

function inHost(prefix: string, text: string): string {
  const { host, indent } = HOSTS[prefix];
  const lines = text.replace(/\n+$/, '').split('\n').map((l) => (l ? ' '.repeat(indent) + l : l));
  return HOST_TEXT[host].replace('@@', lines.join('\n'));
}

test('the snippets cover DESIGN §1 and follow the k8s- naming', () => {
  const prefixes = Object.values(snippets).map((s) => s.prefix).sort();
  for (const wanted of ['k8s-configmap', 'k8s-secret', 'k8s-secret-tls', 'k8s-secret-dockerconfigjson', 'k8s-pvc', 'k8s-pv-nfs', 'k8s-pv-hostpath', 'k8s-pv-local', 'k8s-storageclass', 'k8s-statefulset', 'k8s-init-container', 'k8s-env-configmap', 'k8s-env-secret', 'k8s-envfrom']) {
    assert.ok(prefixes.includes(wanted), `missing ${wanted}`);
  }
  for (const snippet of Object.values(snippets)) {
    assert.match(snippet.prefix, /^k8s-[a-z-]+$/);
    assert.ok(snippet.description.length > 10, snippet.prefix);
    assert.match(snippet.body.join('\n'), /\$\{1[:|]/, `${snippet.prefix} has a first tab stop`);
  }
  assert.match(snippets['PersistentVolumeClaim'].body.join('\n'), /\$\{3\|ReadWriteOnce,ReadOnlyMany,ReadWriteMany,ReadWriteOncePod\|\}/);
});

for (const snippet of Object.values(snippets)) {
  test(`snippet ${snippet.prefix}: defaults give valid YAML and no schema diagnostics`, () => {
    const expanded = expandDefaults(snippet.body.join('\n'));
    assert.ok(!expanded.includes('$'), `unexpanded placeholder in ${snippet.prefix}:\n${expanded}`);
    const text = snippet.prefix in HOSTS ? inHost(snippet.prefix, expanded) : expanded + '\n';
    const docs = parseAllDocuments(text, { version: '1.1' }) as Array<{ errors: unknown[]; toJS(): any }>;
    assert.deepEqual(docs.flatMap((d) => d.errors), [], text);
    assert.ok(docs.every((d) => d.toJS()?.kind), `every document is a resource:\n${text}`);
    const diagnostics = schemaDiagnosticsFor(text);
    assert.deepEqual(diagnostics, [], `${snippet.prefix}:\n${summarize(diagnostics)}\n${text}`);
  });
}

test('k8s-statefulset yields the StatefulSet and its headless Service: no governing-Service findings', () => {
  const text = expandDefaults(Object.values(snippets).find((s) => s.prefix === 'k8s-statefulset')!.body.join('\n')) + '\n';
  const kinds = (parseAllDocuments(text) as Array<{ toJS(): any }>).map((d) => d.toJS().kind);
  assert.deepEqual(kinds, ['Service', 'StatefulSet']);
  const service = createLanguageService({ schemas });
  service.setDocument('file:///snippet.yaml', text, 1);
  const findings = service.getDiagnostics('file:///snippet.yaml').filter((d) => /^sts-(service|selector|volume)/.test(String(d.code)));
  assert.deepEqual(findings, [], summarize(findings));
});

test('contributed snippets are fragments only; whole resources come from the server, only where a document starts', () => {
  for (const snippet of Object.values(fragments)) assert.doesNotMatch(snippet.body[0], /^apiVersion:/, `${snippet.prefix} is a whole resource`);
  for (const snippet of Object.values(resources)) assert.match(snippet.body[0], /^apiVersion:/, `${snippet.prefix} is not a whole resource`);
  const snippetLabels = (marked: string) => completionsAt(marked).items.filter((i) => i.kind === CompletionItemKind.Snippet).map((i) => i.label);
  const all = Object.values(resources).map((s) => s.prefix).sort();
  assert.deepEqual(snippetLabels('‸').sort(), all, 'an empty file');
  assert.deepEqual(snippetLabels('k8s-p‸').sort(), all, 'typing the prefix');
  assert.deepEqual(snippetLabels('apiVersion: v1\nkind: ConfigMap\n---\n‸\n').sort(), all, 'after ---');
  assert.deepEqual(snippetLabels('# comment\n‸\n').sort(), all, 'under a comment');
  // Not inside a resource, nested or at its top level.
  assert.deepEqual(snippetLabels('apiVersion: apps/v1\nkind: StatefulSet\nspec:\n  ‸\n'), [], 'inside spec:');
  assert.deepEqual(snippetLabels('apiVersion: v1\nkind: PersistentVolumeClaim\n‸\n'), [], 'below a resource\'s keys');
  const pvc = completionsAt('k8s-pv‸').items.find((i) => i.label === 'k8s-pvc')!;
  assert.equal(pvc.insertTextFormat, InsertTextFormat.Snippet);
  assert.deepEqual(pvc.textEdit && 'range' in pvc.textEdit ? pvc.textEdit.range : undefined, { start: { line: 0, character: 0 }, end: { line: 0, character: 6 } });
  assert.equal(pvc.textEdit!.newText, resources['PersistentVolumeClaim'].body.join('\n'));
});
