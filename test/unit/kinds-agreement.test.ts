// The kind catalogue (server/src/service/kinds/) is the one source of what refers to what. This sweep
// builds, for every reference site every descriptor declares (each alternative key of its path), a
// referring resource and the resource it names, and checks through the real service that go to
// definition, completion and rename agree on it: definition lands on the target's name (or key),
// completion at the reference offers that name (or key), and renaming the target renames the reference.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { stringify } from 'yaml';
import type { Position, Range, TextEdit } from 'vscode-languageserver-types';
import { createLanguageService } from '../../server/src/service';
import { allKinds, descriptorFor, kindId, referenceSites, type KindDescriptor, type PathSegmentPattern, type RootedSite } from '../../server/src/service/kinds';
import { GENERATED_KINDS } from '../../server/src/service/scope/kustomization';
import { rangeOfText, schemas } from '../helpers/service';

const TARGET = 'target-name';
const KEY = 'the-key';
const VOLUME = 'vol-a';

interface Case {
  label: string;
  referrer: KindDescriptor;
  site: RootedSite;
  /** The site's path with one key chosen per segment. */
  keys: string[];
  eachItem: boolean[];
  part: 'name' | 'key' | 'itemKey';
}

function apiVersionOf(descriptor: { group: string }): string {
  return descriptor.group ? `${descriptor.group}/v1` : 'v1';
}

/** Every combination of alternative keys along a path. */
function expand(path: PathSegmentPattern[]): string[][] {
  return path.reduce<string[][]>((paths, segment) => paths.flatMap((p) => segment.keys.map((k) => [...p, k])), [[]]);
}

function cases(): Case[] {
  const out: Case[] = [];
  for (const referrer of allKinds()) {
    for (const site of referenceSites(referrer)) {
      for (const keys of expand(site.path)) {
        const base = { referrer, site, keys, eachItem: site.path.map((s) => s.eachItem) };
        const label = `${referrer.kind} ${keys.join('.')}.${site.name} → ${site.target.kind}`;
        out.push({ ...base, label, part: 'name' });
        if (site.key !== undefined) out.push({ ...base, label: `${label} (key ${site.key})`, part: 'key' });
        if (site.itemKeys) out.push({ ...base, label: `${label} (items[].key)`, part: 'itemKey' });
      }
    }
  }
  return out;
}

/** Sets `value` at the path in `root`, making maps and one-item lists on the way; returns the innermost map. */
function mapAtPath(root: Record<string, any>, keys: string[], eachItem: boolean[]): Record<string, any> {
  let map = root;
  keys.forEach((key, i) => {
    if (eachItem[i]) {
      map[key] ??= [{}];
      map = map[key][0];
    } else {
      map = map[key] ??= {};
    }
  });
  return map;
}

function referrerText(c: Case): string {
  const root: Record<string, any> = { apiVersion: apiVersionOf(c.referrer), kind: c.referrer.kind, metadata: { name: 'referrer' } };
  const map = mapAtPath(root, c.keys, c.eachItem);
  const isVolume = c.site.target.kind === 'Volume';
  map[c.site.name] = isVolume ? VOLUME : TARGET;
  if (c.site.namespaceKey !== undefined) map[c.site.namespaceKey] = 'default';
  if (c.part === 'key') map[c.site.key!] = KEY;
  if (c.part === 'itemKey') map.items = [{ key: KEY, path: 'file' }];
  if (isVolume) mapAtPath(root, c.referrer.podSpec!.split('.'), []).volumes = [{ name: VOLUME, emptyDir: {} }];
  return stringify(root);
}

function targetText(c: Case): string {
  const target = descriptorFor(c.site.target);
  assert.ok(target, `${c.label}: the target kind has a descriptor`);
  const root: Record<string, any> = { apiVersion: apiVersionOf(target), kind: target.kind, metadata: { name: TARGET } };
  if (target.keySections) root.data = { [KEY]: target.kind === 'Secret' ? 'dmFsdWU=' : 'value' };
  if (target.kind === 'Service') root.spec = { clusterIP: 'None', selector: { app: 'x' }, ports: [{ name: 'web', port: 80 }] };
  if (target.kind === 'StorageClass') root.provisioner = 'example.com/disk';
  if (target.kind === 'PersistentVolumeClaim') root.spec = { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } };
  return stringify(root);
}

function after(range: Range): Position {
  return range.end;
}

const all = cases();

test('the sweep covers every site kind, including Ingress backends and PV claimRefs', () => {
  assert.ok(all.length > 100, `${all.length} cases`);
  const vias = new Set(all.map((c) => c.site.via));
  for (const via of ['configMapKeyRef', 'secretKeyRef', 'envFrom', 'volume', 'projected', 'claimName', 'storageClassName', 'serviceName', 'volumeMount', 'claimRef', 'imagePullSecret', 'ingressBackend', 'ingressTls']) {
    assert.ok(vias.has(via), `a site with via ${via}`);
  }
});

test('definition, completion and rename agree at every declared reference site', () => {
  const service = createLanguageService({ schemas });
  const failures: string[] = [];
  all.forEach((c, n) => {
    const referrerUri = `file:///sweep/${n}/referrer.yaml`;
    const targetUri = `file:///sweep/${n}/target.yaml`;
    const text = referrerText(c);
    const isVolume = c.site.target.kind === 'Volume';
    const target = isVolume ? text : targetText(c);
    service.setDocument(referrerUri, text, 1);
    if (!isVolume) service.setDocument(targetUri, target, 1);
    try {
      const word = c.part === 'name' ? (isVolume ? VOLUME : TARGET) : KEY;
      const use = rangeOfText(text, word, 0);
      const definedAt = isVolume ? rangeOfText(text, `name: ${VOLUME}`, 1) : rangeOfText(target, c.part === 'name' ? `name: ${TARGET}` : `${KEY}:`);
      const definition: Range = isVolume
        ? { start: { line: definedAt.start.line, character: definedAt.start.character + 6 }, end: definedAt.end }
        : c.part === 'name'
          ? { start: { line: definedAt.start.line, character: definedAt.start.character + 6 }, end: definedAt.end }
          : { start: definedAt.start, end: { line: definedAt.end.line, character: definedAt.end.character - 1 } };
      const definitionUri = isVolume ? referrerUri : targetUri;

      const found = service.definition(referrerUri, after(use));
      if (found.length !== 1 || found[0].uri !== definitionUri || JSON.stringify(found[0].range) !== JSON.stringify(definition)) {
        failures.push(`${c.label}: definition ${JSON.stringify(found)}`);
      }

      const labels = service.getCompletions(referrerUri, after(use)).items.map((i) => i.label);
      if (!labels.includes(word)) failures.push(`${c.label}: completion offers ${JSON.stringify(labels)}`);

      const renamed = service.rename(definitionUri, definition.start, c.part === 'name' ? 'renamed' : 'renamed-key');
      const edits: TextEdit[] = 'edit' in renamed ? (renamed.edit.changes?.[referrerUri] ?? []) : [];
      if (!edits.some((e) => JSON.stringify(e.range) === JSON.stringify(use))) failures.push(`${c.label}: rename ${JSON.stringify(renamed)}`);
    } finally {
      service.removeDocument(referrerUri);
      service.removeDocument(targetUri);
    }
  });
  assert.deepEqual(failures, [], `${failures.length} of ${all.length} sites disagree:\n${failures.slice(0, 40).join('\n')}`);
});

test('Kustomize generated names: definition, completion and rename agree at every site naming a ConfigMap or Secret', () => {
  const service = createLanguageService({ schemas });
  const failures: string[] = [];
  const generatedCases = all.filter((c) => GENERATED_KINDS.has(kindId(c.site.target)) && c.site.namespaceKey === undefined);
  assert.ok(generatedCases.length > 30, `${generatedCases.length} cases`);
  generatedCases.forEach((c, n) => {
    const referrerUri = `file:///generated/${n}/referrer.yaml`;
    const kustomizationUri = `file:///generated/${n}/kustomization.yaml`;
    const text = referrerText(c);
    const generator = c.site.target.kind === 'Secret' ? 'secretGenerator' : 'configMapGenerator';
    const kustomization = `resources:\n  - referrer.yaml\nnamePrefix: dev-\n${generator}:\n  - name: ${TARGET}\n    literals:\n      - ${KEY}=value\n`;
    service.setDocument(referrerUri, text, 1);
    service.setDocument(kustomizationUri, kustomization, 1);
    try {
      const word = c.part === 'name' ? TARGET : KEY;
      const use = rangeOfText(text, word, 0);
      const definition = rangeOfText(kustomization, word);
      const found = service.definition(referrerUri, after(use));
      if (found.length !== 1 || found[0].uri !== kustomizationUri || JSON.stringify(found[0].range) !== JSON.stringify(definition)) {
        failures.push(`${c.label}: definition ${JSON.stringify(found)}`);
      }
      const labels = service.getCompletions(referrerUri, after(use)).items.map((i) => i.label);
      if (!labels.includes(word)) failures.push(`${c.label}: completion offers ${JSON.stringify(labels)}`);
      const renamed = service.rename(kustomizationUri, definition.start, c.part === 'name' ? 'renamed' : 'renamed-key');
      const edits: TextEdit[] = 'edit' in renamed ? (renamed.edit.changes?.[referrerUri] ?? []) : [];
      if (!edits.some((e) => JSON.stringify(e.range) === JSON.stringify(use))) failures.push(`${c.label}: rename ${JSON.stringify(renamed)}`);
    } finally {
      service.removeDocument(referrerUri);
      service.removeDocument(kustomizationUri);
    }
  });
  assert.deepEqual(failures, [], `${failures.length} of ${generatedCases.length} sites disagree:\n${failures.slice(0, 40).join('\n')}`);
});
