// Completion of names that exist elsewhere in the workspace, at every reference site the kind
// catalogue declares (kinds/): ConfigMap and Secret names and their keys, claimName, claimRef,
// storageClassName, a StatefulSet's serviceName (headless Services only), Ingress backends,
// volumeMounts names... Navigation resolves the same sites, so the two agree. The position comes
// from the schema path of the value being typed; the sibling
// `name` of a key reference is read from the text (the line being typed is often not valid YAML);
// the candidates come from the workspace index, limited to the referrer's effective namespace, and
// sort by scope (docs/scopes.md): this file, then its own scope nearest first, then other scopes.
//
// Secrets stay secret: Secret items carry key names and byte sizes only, never values (not even
// base64). Sizes are computed from the value's length, without decoding it.
import { isMap, type Node, type YAMLMap } from 'yaml';
import { CompletionItemKind, type CompletionItem, type Range } from 'vscode-languageserver-types';
import { documentAt } from '../parse/hitAt';
import { dottedPath } from '../schema/docs';
import type { PathSegment } from '../schema/walk';
import { base64Size, configMapSummary, plural, scalarText, secretSize } from '../k8s/dataSummary';
import type { ParsedFile, Resource } from '../types';
import { CLAIM, descriptorOf, descriptorFor, isClusterScopedTarget, kindId, kindNameOf, referenceSites, SECRET, SERVICE, STORAGE_CLASS, type KindDescriptor, type PathSegmentPattern, type RootedSite } from '../kinds';
import { effectiveNamespace, type IndexedResource, type WorkspaceIndex } from '../workspace';
import { generatedInNamespace, type GeneratedDefinition, type ScopeModel } from '../scope/model';
import { generatedEntry } from '../scope/scopedIndex';
import { GENERATED_KINDS } from '../scope/kustomization';
import type { DataKeyFacts } from '../workspace/facts';
import { containersOf, dataKeys, podSpecOf, volumesOf, type DataKey } from '../workspace/references';
import { entries, items, mapAt, nodeAt, seqAt, stringAt, stringMap } from '../yaml/access';
import { unquote, type PathReader } from './context';
import { yamlString } from './insert';

/** The kinds whose names get more than name and place: Secrets (sizes only, never values) and Services. */
const SECRET_ID = kindId(SECRET);
const SERVICE_ID = kindId(SERVICE);

/** What workspace-name completion needs from the service. */
export interface WorkspaceContext {
  uri: string;
  index: WorkspaceIndex;
  defaultNamespace: string;
  /** Which files resolve this file's references; absent: the file's own folder counts as its scope. */
  scopes?: ScopeModel;
}

/** The value being typed, as completion sees it. */
export interface NamePosition {
  file: ParsedFile;
  offset: number;
  /** The resource's apiVersion and kind (from the AST or the text). */
  apiVersion?: string;
  kind: string;
  path: PathSegment[];
  /** Line of the cursor and column of the key whose value is typed. */
  line: number;
  keyCol: number;
  partial: string;
  range: Range;
  reader: PathReader;
}

/** The value being typed names a reference site's target, or (`key`) a key of it. */
interface Slot {
  site: RootedSite;
  what: 'name' | 'key';
  /** For `items[].key`: the target's name sits in the map holding `items`. */
  inParent: boolean;
}

const slotTables = new WeakMap<KindDescriptor, Array<[RegExp, Slot]>>();

/** A site's name, key and item-key positions as patterns over dotted schema paths (`a.b[].c`). */
function slotTable(descriptor: KindDescriptor): Array<[RegExp, Slot]> {
  let table = slotTables.get(descriptor);
  if (!table) {
    table = [];
    for (const site of referenceSites(descriptor)) {
      const at = pathPattern(site.path);
      const field = (name: string) => new RegExp(`^${at}${at ? '\\.' : ''}${escapeRegExp(name)}$`);
      table.push([field(site.name), { site, what: 'name', inParent: false }]);
      if (site.key !== undefined) table.push([field(site.key), { site, what: 'key', inParent: false }]);
      if (site.itemKeys) table.push([field('items[].key'), { site, what: 'key', inParent: true }]);
    }
    slotTables.set(descriptor, table);
  }
  return table;
}

function pathPattern(path: PathSegmentPattern[]): string {
  return path.map((s) => `(?:${s.keys.map(escapeRegExp).join('|')})${s.eachItem ? '\\[\\]' : ''}`).join('\\.');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function slotAt(apiVersion: string | undefined, kind: string, path: PathSegment[]): Slot | undefined {
  const descriptor = descriptorOf(apiVersion, kind);
  if (!descriptor) return undefined;
  const dotted = dottedPath(path);
  return slotTable(descriptor).find(([pattern]) => pattern.test(dotted))?.[1];
}

/**
 * Items for a value position that names something in the workspace; undefined when the position is
 * not one of them (the caller then offers schema values). An empty array means "a name goes here,
 * and the workspace has none to offer".
 */
export function workspaceNameItems(at: NamePosition, workspace: WorkspaceContext): CompletionItem[] | undefined {
  const slot = slotAt(at.apiVersion, at.kind, at.path);
  if (!slot) return undefined;
  const { site } = slot;
  const resource = resourceAt(at);
  const namespace = targetNamespaceAt(at, site, resource ? effectiveNamespace(resource, workspace.defaultNamespace) : workspace.defaultNamespace);
  const quote = at.partial.startsWith('"') || at.partial.startsWith("'") ? at.partial[0] : undefined;
  const target = kindId(site.target);
  let out: Candidate[];
  if (slot.what === 'key') out = keyNames(at, workspace, slot, namespace);
  else if (target === 'Volume') out = volumeNames(at, resource);
  else if (target === kindId(CLAIM)) out = claimNames(workspace, namespace);
  else if (target === kindId(STORAGE_CLASS)) out = storageClassNames(workspace);
  else if (target === SERVICE_ID) out = serviceNames(workspace, namespace, resource, site.headlessService === true);
  else if (descriptorFor(site.target)?.keySections) out = resourceNames(at, workspace, target, namespace, site);
  else out = otherNames(workspace, target, namespace);
  return out.map((c) => toItem(c, at.range, quote, workspace.uri, c.near ?? (c.uri === undefined ? 0 : nearness(workspace, c.uri))));
}

/**
 * How near a definition is to the file being edited, the first sort key of its item: 0 this file,
 * 1 its scope's nearest files (its folder, its Kustomize application, its explicit scope), 2 further
 * in its scope, 3 another scope (still offered: the name may be created there for this app too).
 */
function nearness(workspace: WorkspaceContext, uri: string): number {
  if (uri === workspace.uri) return 0;
  if (!workspace.scopes) return folderOf(uri) === folderOf(workspace.uri) ? 1 : 2;
  const distance = workspace.scopes.distance(workspace.uri, uri);
  return distance === 0 ? 1 : distance === Infinity ? 3 : 2;
}

/** One suggestion before it becomes a CompletionItem. */
interface Candidate {
  name: string;
  /** Lower groups sort first; within a group, `order` (source order) or the name. */
  group: number;
  order?: number;
  kind: CompletionItemKind;
  description?: string;
  detail: string;
  documentation?: string;
  /** Text to insert instead of the name (the `""` storage class). */
  insert?: string;
  /** The file defining it, shown in the detail; it also ranks the item by scope (nearness). */
  uri?: string;
  /** The scope rank for an item no file defines (default 0: this pod's own volumes). */
  near?: number;
}

function toItem(c: Candidate, range: Range, quote: string | undefined, currentUri: string, near: number): CompletionItem {
  let newText = c.insert ?? yamlString(c.name);
  let filterText = c.insert ?? c.name;
  if (quote && c.insert === undefined) {
    newText = quote === '"' ? JSON.stringify(c.name) : `'${c.name.replace(/'/g, "''")}'`;
    filterText = `${quote}${c.name}`;
  }
  const where = c.uri ? (c.uri === currentUri ? 'this file' : shortPath(c.uri)) : undefined;
  const item: CompletionItem = {
    label: c.insert ?? c.name,
    labelDetails: c.description ? { description: c.description } : undefined,
    kind: c.kind,
    detail: where ? `${c.detail} · ${where}` : c.detail,
    sortText: `${near}${c.group}${c.order === undefined ? c.name : String(c.order).padStart(5, '0')}`,
    filterText,
    textEdit: { range, newText },
  };
  if (c.documentation) item.documentation = { kind: 'markdown', value: c.documentation };
  return item;
}

/** The last folder and the file name of a URI (`postgres/configmap.yaml`). */
function shortPath(uri: string): string {
  const parts = uri.split(/[/\\]/).filter(Boolean);
  try {
    return parts.slice(-2).map(decodeURIComponent).join('/');
  } catch {
    return parts.slice(-2).join('/');
  }
}

function folderOf(uri: string): string {
  return uri.slice(0, uri.lastIndexOf('/') + 1);
}

/** The resource the cursor is in, when the AST has it. */
function resourceAt(at: NamePosition): Resource | undefined {
  const document = documentAt(at.file, at.offset);
  if (!document || at.offset < document.start || at.offset > document.end) return undefined;
  return document.resource;
}

/** Where the target is looked up: '' when cluster-scoped, the namespace the site names beside it (claimRef.namespace), else the referrer's. */
function targetNamespaceAt(at: NamePosition, site: RootedSite, referrerNamespace: string): string {
  if (isClusterScopedTarget(kindId(site.target))) return '';
  if (site.namespaceKey === undefined) return referrerNamespace;
  return mapValues(at.reader, at.line, at.keyCol).get(site.namespaceKey) || referrerNamespace;
}

/** The entries of a kind in a namespace, one per name (the nearest definition wins; the count is kept). */
function byName(workspace: WorkspaceContext, kind: string, namespace: string): Array<{ entry: IndexedResource; definitions: number; near: number; generated?: GeneratedDefinition }> {
  const found = new Map<string, { entry: IndexedResource; definitions: number; near: number; generated?: GeneratedDefinition }>();
  const add = (entry: IndexedResource, near: number, generated?: GeneratedDefinition) => {
    const seen = found.get(entry.name);
    if (!seen) found.set(entry.name, { entry, definitions: 1, near, ...(generated ? { generated } : {}) });
    else {
      seen.definitions++;
      if (near < seen.near) Object.assign(seen, { entry, near, generated });
    }
  };
  for (const entry of workspace.index.ofKind(kind)) if (entry.namespace === namespace) add(entry, nearness(workspace, entry.uri));
  for (const { entry, near, generated } of generatedOfKind(workspace, kind, namespace)) add(entry, near, generated);
  return [...found.values()];
}

/**
 * The ConfigMaps/Secrets Kustomize generators make that references from `namespace` may name, as
 * index entries placed on the generator's `name`. One made for the file's own application ranks as
 * its scope; one of another application ranks with other scopes (as for the rules, scope/model.ts).
 */
function generatedOfKind(workspace: WorkspaceContext, kind: string, namespace: string): Array<{ entry: IndexedResource; near: number; generated: GeneratedDefinition }> {
  const scopes = workspace.scopes;
  if (!scopes || !GENERATED_KINDS.has(kind)) return [];
  const out: Array<{ entry: IndexedResource; near: number; generated: GeneratedDefinition }> = [];
  for (const generated of scopes.allGenerated()) {
    if (kindId(generated.kind) !== kind || !generatedInNamespace(generated, namespace, workspace.defaultNamespace)) continue;
    const distance = scopes.generatedDistance(workspace.uri, generated);
    const near = generated.uri === workspace.uri ? 0 : distance === 0 ? 1 : distance === Infinity ? 3 : 2;
    out.push({ entry: generatedEntry(generated, workspace.defaultNamespace), near, generated });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// ConfigMap / Secret names and keys.

/** Keys with their one-line summaries, from the index's facts (the resource may be in a closed file). */
function uniqueKeys(entry: IndexedResource): DataKeyFacts[] {
  const seen = new Set<string>();
  return (entry.facts.dataKeys ?? []).filter((k) => !seen.has(k.key) && !!seen.add(k.key));
}

function resourceNames(at: NamePosition, workspace: WorkspaceContext, target: string, namespace: string, site: RootedSite): Candidate[] {
  // A key typed before the name (`key: password` above `name: ‸`): resources holding it come first.
  const wantedKey = site.key !== undefined ? mapValues(at.reader, at.line, at.keyCol).get(site.key) : undefined;
  const via = site.via;
  return byName(workspace, target, namespace).map(({ entry, definitions, near, generated }) => {
    const keys = uniqueKeys(entry);
    const type = target === SECRET_ID ? entry.facts.secretType ?? 'Opaque' : undefined;
    let group = 0;
    if (wantedKey && !keys.some((k) => k.key === wantedKey)) group += 3;
    if (via === 'imagePullSecret' && type !== 'kubernetes.io/dockerconfigjson' && type !== 'kubernetes.io/dockercfg') group += 3;
    const madeBy = entry.facts.madeBy;
    const keyCount = generated && !generated.keysComplete ? `${plural(keys.length, 'key')} + env files` : plural(keys.length, 'key');
    const counted = madeBy ? `made by ${madeBy.kind} ${madeBy.name}` : generated ? `${generated.generator} · ${keyCount}` : plural(keys.length, 'key');
    const lines = [`**${kindNameOf(target)} \`${entry.name}\`**${namespace ? ` in namespace \`${namespace}\`` : ''}${type ? ` · type \`${type}\`` : ''}`];
    if (madeBy) lines.push(`Made by ${madeBy.kind} \`${madeBy.name}\`${madeBy.role ? `: ${madeBy.role}` : ''}.`);
    if (generated) lines.push(`Made by a Kustomize \`${generated.generator}\` as \`${generated.generatedName}\`; references use the name \`${entry.name}\` and Kustomize rewrites them.`);
    if (definitions > 1) lines.push(`Defined ${definitions} times in the workspace.`);
    if (keys.length) lines.push(keys.map((k) => `- \`${k.key}\` ${target === SECRET_ID ? `(${k.summary})` : k.summary}`).join('\n'));
    return {
      name: entry.name,
      group,
      kind: CompletionItemKind.Reference,
      description: type && type !== 'Opaque' ? `${type} · ${counted}` : counted,
      detail: `${kindNameOf(target)} · ${counted}`,
      documentation: lines.join('\n\n'),
      uri: entry.uri,
      near,
    };
  });
}

function keyNames(at: NamePosition, workspace: WorkspaceContext, slot: Slot, namespace: string): Candidate[] {
  const nameField = slot.site.name;
  const name = slot.inParent ? parentMapValues(at)?.get(nameField) : mapValues(at.reader, at.line, at.keyCol).get(nameField);
  if (!name) return [];
  const target = kindId(slot.site.target);
  const out: Candidate[] = [];
  const seen = new Set<string>();
  let order = 0;
  const definitions: Array<{ entry: IndexedResource; near: number; generated?: GeneratedDefinition }> = workspace.index
    .find(target, name, namespace)
    .map((entry) => ({ entry, near: nearness(workspace, entry.uri) }));
  definitions.push(...generatedOfKind(workspace, target, namespace).filter((g) => g.entry.name === name));
  for (const { entry, near, generated } of definitions.sort((a, b) => a.near - b.near)) {
    if (generated) {
      // Keys of a generator's `literals` and `files` (the values stay in the kustomization file).
      for (const key of generated.keys) {
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({
          name: key,
          group: 0,
          order: order++,
          kind: CompletionItemKind.Field,
          uri: entry.uri,
          near,
          description: generated.generator,
          detail: `key of ${kindNameOf(target)} ${name} (${generated.generator})`,
        });
      }
      continue;
    }
    for (const key of dataKeys(entry.resource)) {
      if (seen.has(key.key)) continue;
      seen.add(key.key);
      const base = { name: key.key, group: 0, order: order++, kind: CompletionItemKind.Field, uri: entry.uri };
      if (target === SECRET_ID) {
        out.push({
          ...base,
          description: secretSize(key.section, key.value),
          detail: `key of Secret ${name} (${key.section})`,
          documentation: `Key \`${key.key}\` of Secret \`${name}\`: ${secretSize(key.section, key.value)} in \`${key.section}\`. The value is not shown here.`,
        });
      } else {
        const preview = configMapPreview(key);
        out.push({
          ...base,
          description: configMapSummary(key.section, key.value),
          detail: `key of ConfigMap ${name} (${key.section})`,
          documentation: preview === undefined ? undefined : `Key \`${key.key}\` of ConfigMap \`${name}\`:\n\n${preview}`,
        });
      }
    }
  }
  return out;
}

const DOC_LINES = 12;
const DOC_CHARS = 600;

/** The start of a ConfigMap value in a fenced block, for the item's documentation. */
function configMapPreview(key: DataKey): string | undefined {
  if (key.section === 'binaryData') return `Binary data, ${base64Size(scalarText(key.value))}.`;
  const value = scalarText(key.value);
  if (value === undefined) return undefined;
  const lines = value.replace(/\n$/, '').split('\n');
  let shown = lines.slice(0, DOC_LINES).join('\n');
  const cut = lines.length > DOC_LINES || shown.length > DOC_CHARS;
  if (shown.length > DOC_CHARS) shown = shown.slice(0, DOC_CHARS);
  const fence = shown.includes('```') ? '~~~~' : '```';
  return `${fence}\n${shown}${cut ? '\n…' : ''}\n${fence}`;
}

// ---------------------------------------------------------------------------------------------
// Claims, storage classes, Services, volumes.

function claimNames(workspace: WorkspaceContext, namespace: string): Candidate[] {
  return byName(workspace, kindId(CLAIM), namespace).map(({ entry }) => {
    const size = entry.facts.claim?.size;
    const modes = entry.facts.claim?.accessModes ?? [];
    const storageClass = entry.facts.claim?.storageClassName;
    const facts = [size, modes.join(', ') || undefined, storageClass === undefined ? undefined : storageClass === '' ? 'no class' : `class ${storageClass}`].filter(Boolean);
    return {
      name: entry.name,
      group: 0,
      kind: CompletionItemKind.Reference,
      description: facts.join(' · ') || undefined,
      detail: [CLAIM.kind, ...facts].join(' · '),
      uri: entry.uri,
    };
  });
}

function storageClassNames(workspace: WorkspaceContext): Candidate[] {
  const out: Candidate[] = byName(workspace, kindId(STORAGE_CLASS), '').map(({ entry }) => {
    const { isDefault = false, provisioner, volumeBindingMode, reclaimPolicy, allowVolumeExpansion } = entry.facts.storageClass ?? {};
    const facts = [
      provisioner && `provisioner \`${provisioner}\``,
      volumeBindingMode && `binding \`${volumeBindingMode}\``,
      reclaimPolicy && `reclaim \`${reclaimPolicy}\``,
      allowVolumeExpansion === 'true' ? 'expandable' : undefined,
    ].filter(Boolean);
    return {
      name: entry.name,
      group: isDefault ? 0 : 1,
      kind: CompletionItemKind.Reference,
      description: [isDefault ? 'default' : undefined, provisioner].filter(Boolean).join(' · ') || undefined,
      detail: `StorageClass${isDefault ? ' (default)' : ''}`,
      documentation: [
        `**StorageClass \`${entry.name}\`**${isDefault ? ' — the default class: claims without `storageClassName` use it.' : ''}`,
        facts.join(' · '),
      ]
        .filter(Boolean)
        .join('\n\n'),
      uri: entry.uri,
    };
  });
  out.push({
    name: '',
    insert: '""',
    group: 2,
    near: 9,
    kind: CompletionItemKind.Value,
    description: 'no class: bind a pre-created PV',
    detail: 'No StorageClass',
    documentation:
      'An empty class turns dynamic provisioning off: the claim binds only to a pre-created PersistentVolume without a class. (Leaving `storageClassName` out instead uses the default StorageClass.)',
  });
  return out;
}

function serviceNames(workspace: WorkspaceContext, namespace: string, referrer: Resource | undefined, headlessOnly: boolean): Candidate[] {
  if (!headlessOnly) return otherNames(workspace, SERVICE_ID, namespace);
  const podLabels = stringMap(mapAt(referrer?.root, ['spec', 'template', 'metadata', 'labels']));
  return byName(workspace, SERVICE_ID, namespace)
    .filter(({ entry }) => entry.facts.service?.clusterIP === 'None')
    .map(({ entry }) => {
      const selector = entry.facts.service?.selector ?? {};
      const pairs = Object.entries(selector);
      const selects = pairs.length > 0 && pairs.every(([k, v]) => podLabels[k] === v);
      return {
        name: entry.name,
        group: selects ? 0 : 1,
        kind: CompletionItemKind.Reference,
        description: selects ? 'headless · selects these pods' : 'headless',
        detail: 'headless Service',
        documentation: `**Service \`${entry.name}\`** (headless) in namespace \`${namespace}\`${
          pairs.length ? `, selector ${pairs.map(([k, v]) => `\`${k}=${v}\``).join(', ')}` : ', no selector'
        }.${selects ? '' : " Its selector does not match this StatefulSet's pod labels."}`,
        uri: entry.uri,
      };
    });
}

/** Resources of a kind the other lists do not describe (any Service for an Ingress backend...): name, where, namespace. */
function otherNames(workspace: WorkspaceContext, kind: string, namespace: string): Candidate[] {
  return byName(workspace, kind, namespace).map(({ entry, definitions }) => ({
    name: entry.name,
    group: 0,
    kind: CompletionItemKind.Reference,
    description: kind === SERVICE_ID ? serviceSummary(entry) : undefined,
    detail: kindNameOf(kind),
    documentation: `**${kindNameOf(kind)} \`${entry.name}\`**${namespace ? ` in namespace \`${namespace}\`` : ''}${definitions > 1 ? `\n\nDefined ${definitions} times in the workspace.` : ''}`,
    uri: entry.uri,
  }));
}

function serviceSummary(entry: IndexedResource): string | undefined {
  const service = entry.facts.service;
  if (!service) return undefined;
  const ports = service.ports.map((p) => p.name).join(', ');
  return [service.clusterIP === 'None' ? 'headless' : service.type, ports ? `ports ${ports}` : undefined].filter(Boolean).join(' · ');
}

function volumeNames(at: NamePosition, resource: Resource | undefined): Candidate[] {
  if (!resource) return [];
  const mounted = mountedHere(resource, at.offset);
  return volumesOf(resource).map((volume, order) => {
    const source = volume.source === 'claimTemplate' ? claimTemplateSummary(resource, volume.name) : volumeSource(resource, volume.name);
    const again = mounted.has(volume.name);
    return {
      name: volume.name,
      group: again ? 1 : 0,
      order,
      kind: CompletionItemKind.Reference,
      description: [source, again ? 'mounted already' : undefined].filter(Boolean).join(' · ') || undefined,
      detail: volume.source === 'claimTemplate' ? 'volumeClaimTemplate (one claim per pod)' : 'volume of this pod',
    };
  });
}

/** Names already mounted by the container the cursor is in (other than the mount being typed). */
function mountedHere(resource: Resource, offset: number): Set<string> {
  const out = new Set<string>();
  for (const container of containersOf(podSpecOf(resource))) {
    if (!covers(container, offset)) continue;
    for (const field of ['volumeMounts', 'volumeDevices']) {
      for (const mount of items(seqAt(container, [field]))) {
        if (covers(mount, offset)) continue;
        const name = stringAt(mount, ['name']);
        if (name) out.add(name);
      }
    }
  }
  return out;
}

function covers(node: Node, offset: number): boolean {
  return !!node.range && node.range[0] <= offset && offset <= node.range[2];
}

function volumeSource(resource: Resource, name: string): string | undefined {
  const volume = items(seqAt(podSpecOf(resource), ['volumes'])).find((v) => stringAt(v, ['name']) === name);
  const source = entries(isMap(volume) ? (volume as YAMLMap) : undefined).find((e) => e.key !== 'name');
  if (!source) return undefined;
  const target = stringAt(source.value, ['name']) ?? stringAt(source.value, ['secretName']) ?? stringAt(source.value, ['claimName']);
  return target ? `${source.key} ${target}` : source.key;
}

function claimTemplateSummary(resource: Resource, name: string): string {
  const template = items(seqAt(resource.root, ['spec', 'volumeClaimTemplates'])).find((t) => stringAt(t, ['metadata', 'name']) === name);
  const size = stringAt(nodeAt(template, ['spec']), ['resources', 'requests', 'storage']);
  return ['claim template', size].filter(Boolean).join(' · ');
}

// ---------------------------------------------------------------------------------------------
// Reading sibling values from the text around the cursor.

/**
 * Scalar values of the map holding the key at (`line`, `col`): its keys above and below at the
 * same column, stopping where the map ends. Also says where the map starts (its `- ` line, if any).
 */
export function mapValues(reader: PathReader, line: number, col: number): Map<string, string> & { startLine?: number; dashCol?: number } {
  const values = new Map<string, string>() as Map<string, string> & { startLine?: number; dashCol?: number };
  const take = (l: number) => {
    const shape = reader.shape(l);
    if (shape?.key !== undefined && !values.has(shape.key)) values.set(shape.key, shape.value === 'scalar' ? unquote(shape.valueText!) : '');
  };
  const own = reader.shape(line);
  values.startLine = line;
  if (own && own.items.length > 0 && own.content === col) {
    values.dashCol = own.items[own.items.length - 1];
  } else {
    for (let i = line - 1; i >= reader.first; i--) {
      const shape = reader.shape(i);
      if (!shape || shape.indent > col) continue;
      if (shape.content === col && shape.key !== undefined) {
        take(i);
        if (shape.items.length > 0) {
          values.startLine = i;
          values.dashCol = shape.items[shape.items.length - 1];
          break;
        }
        continue;
      }
      // `items:` followed by `- key: x` at the same column: a sequence of a sibling key.
      if (shape.indent === col && shape.items[0] === col) continue;
      values.startLine = i + 1;
      break;
    }
  }
  for (let i = line + 1; i <= reader.last; i++) {
    const shape = reader.shape(i);
    if (!shape || shape.indent > col) continue;
    if (shape.indent === col && shape.items.length === 0 && shape.key !== undefined) {
      take(i);
      continue;
    }
    if (shape.indent === col && shape.items[0] === col) continue;
    break;
  }
  return values;
}

/** For `items[].key`: the values of the map holding `items` (the volume source with its name). */
function parentMapValues(at: NamePosition): Map<string, string> | undefined {
  const own = mapValues(at.reader, at.line, at.keyCol);
  if (own.dashCol === undefined || own.startLine === undefined) return undefined;
  const parent = at.reader.parentOf(own.startLine, own.dashCol, 'item');
  if (parent.kind !== 'parent' || parent.parent.type !== 'key') return undefined;
  return mapValues(at.reader, parent.parent.line, parent.parent.col);
}
