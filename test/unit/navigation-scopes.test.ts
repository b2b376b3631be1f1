// Navigation, completion and rename through the real service, nearest scope first (docs/scopes.md):
// definitions and names of the file's own scope come first, other scopes' after them, and a rename
// stays within the scope of the renamed object (a copy of the app, or another app, is left alone).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Location, Position } from 'vscode-languageserver-types';
import { createLanguageService } from '../../server/src/service';
import { rangeOfText, schemas } from '../helpers/service';

const configMap = (name: string, key = 'level') => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata:\n  ${key}: debug\n`;
const pod = (configMapName: string, key = 'level') =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\nspec:\n  containers:\n    - name: app\n      image: app:1\n      env:\n        - name: LEVEL\n          valueFrom:\n            configMapKeyRef:\n              name: ${configMapName}\n              key: ${key}\n`;

function workspace(files: Record<string, string>, settings?: unknown) {
  const service = createLanguageService({ schemas });
  if (settings) service.configure(settings);
  // Inserted in this order: the index's own order is not the nearest-first order the tests expect.
  for (const [name, text] of Object.entries(files)) service.setDocument(`file:///repo/${name}`, text, 1);
  return service;
}

const uri = (name: string) => `file:///repo/${name}`;
const where = (locations: Location[]) => locations.map((l) => l.uri.slice('file:///repo/'.length));

function at(text: string, needle: string, offset = 1): Position {
  const start = rangeOfText(text, needle).start;
  return { line: start.line, character: start.character + offset };
}

/** Two copies of one app side by side: each copy's ConfigMap is nearest to its own pod. */
const copies = {
  'apps/a-copy/cm.yaml': configMap('app-config'),
  'apps/a-copy/pod.yaml': pod('app-config'),
  'apps/b/cm.yaml': configMap('app-config'),
  'apps/b/pod.yaml': pod('app-config'),
};

test('definition: the file\'s own scope first, then the copy in the other folder', () => {
  const service = workspace(copies);
  const fromB = service.definition(uri('apps/b/pod.yaml'), at(pod('app-config'), 'app-config'));
  assert.deepEqual(where(fromB), ['apps/b/cm.yaml', 'apps/a-copy/cm.yaml']);
  const key = service.definition(uri('apps/b/pod.yaml'), at(pod('app-config'), 'key: level', 6));
  assert.deepEqual(where(key), ['apps/b/cm.yaml', 'apps/a-copy/cm.yaml']);
  const fromA = service.definition(uri('apps/a-copy/pod.yaml'), at(pod('app-config'), 'app-config'));
  assert.deepEqual(where(fromA), ['apps/a-copy/cm.yaml', 'apps/b/cm.yaml']);
});

test('references: nearest first', () => {
  const service = workspace(copies);
  const refs = service.references(uri('apps/b/cm.yaml'), at(configMap('app-config'), 'app-config'), false);
  assert.deepEqual(where(refs), ['apps/b/pod.yaml', 'apps/a-copy/pod.yaml']);
});

test('rename stays within the renamed object\'s scope: the copy keeps its name', () => {
  const service = workspace(copies);
  for (const [file, text] of [['apps/b/cm.yaml', configMap('app-config')], ['apps/b/pod.yaml', pod('app-config')]]) {
    const result = service.rename(uri(file), at(text, 'app-config'), 'b-config');
    assert.ok('edit' in result, JSON.stringify(result));
    assert.deepEqual(Object.keys(result.edit.changes ?? {}).map((u) => u.slice('file:///repo/'.length)).sort(), ['apps/b/cm.yaml', 'apps/b/pod.yaml'], `from ${file}`);
  }
  // A key rename too: only the nearest ConfigMap's key and the references that resolve to it.
  const key = service.rename(uri('apps/b/pod.yaml'), at(pod('app-config'), 'key: level', 6), 'verbosity');
  assert.ok('edit' in key, JSON.stringify(key));
  assert.deepEqual(Object.keys(key.edit.changes ?? {}).map((u) => u.slice('file:///repo/'.length)).sort(), ['apps/b/cm.yaml', 'apps/b/pod.yaml']);
});

test('rename: two definitions equally near are still ambiguous; a name taken only in another scope is free', () => {
  const ambiguous = workspace({ 'app/cm.yaml': configMap('app-config'), 'app/cm-copy.yaml': configMap('app-config'), 'app/pod.yaml': pod('app-config') });
  const result = ambiguous.rename(uri('app/pod.yaml'), at(pod('app-config'), 'app-config'), 'other');
  assert.match('error' in result ? result.error : '', /defined 2 times/);

  const scopes = { scopes: [{ name: 'shop', files: ['shop/**'], base: 'file:///repo' }, { name: 'blog', files: ['blog/**'], base: 'file:///repo' }] };
  const files = { 'shop/cm.yaml': configMap('app-config'), 'shop/pod.yaml': pod('app-config'), 'blog/cm.yaml': configMap('blog-config') };
  const free = workspace(files, scopes).rename(uri('shop/cm.yaml'), at(configMap('app-config'), 'app-config'), 'blog-config');
  assert.ok('edit' in free, JSON.stringify(free));
  const taken = workspace({ ...files, 'shop/other.yaml': configMap('blog-config') }, scopes).rename(uri('shop/cm.yaml'), at(configMap('app-config'), 'app-config'), 'blog-config');
  assert.match('error' in taken ? taken.error : '', /already exists/);
});

test('rename from a reference whose scope does not define the object is refused with the reason', () => {
  const scopes = { scopes: [{ name: 'shop', files: ['shop/**'], base: 'file:///repo' }, { name: 'blog', files: ['blog/**'], base: 'file:///repo' }] };
  const service = workspace({ 'blog/cm.yaml': configMap('app-config'), 'shop/pod.yaml': pod('app-config') }, scopes);
  const result = service.rename(uri('shop/pod.yaml'), at(pod('app-config'), 'app-config'), 'x');
  assert.match('error' in result ? result.error : '', /not defined in the scope of file:\/\/\/repo\/shop\/pod\.yaml/);
  // Navigation still looks further: the other scope's definition is offered.
  assert.deepEqual(where(service.definition(uri('shop/pod.yaml'), at(pod('app-config'), 'app-config'))), ['blog/cm.yaml']);
});

test('completion: names of the file\'s Kustomize application before names of other scopes, whatever the alphabet says', () => {
  const kustomization = 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - pod.yaml\n  - ../base/cm.yaml\n';
  const typing = pod('');
  const service = workspace({
    'other/cm.yaml': configMap('alpha-config', 'alpha-key'),
    'base/cm.yaml': configMap('zeta-config', 'zeta-key'),
    'app/kustomization.yaml': kustomization,
    'app/pod.yaml': typing,
  });
  const items = service.getCompletions(uri('app/pod.yaml'), at(typing, 'name: \n', 6)).items;
  const sorted = [...items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label)).map((i) => i.label);
  assert.deepEqual(sorted, ['zeta-config', 'alpha-config']);
});

test('completion: keys of the nearest definition first when one name is defined in several places', () => {
  const typing = pod('app-config', '');
  const service = workspace({
    'apps/a-copy/cm.yaml': configMap('app-config', 'a-only'),
    'apps/b/cm.yaml': configMap('app-config', 'b-only'),
    'apps/b/pod.yaml': typing,
  });
  const items = service.getCompletions(uri('apps/b/pod.yaml'), at(typing, 'key: \n', 5)).items;
  const sorted = [...items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label)).map((i) => i.label);
  assert.deepEqual(sorted, ['b-only', 'a-only']);
});
