// What a kustomization file says about scope: the files and folders it includes (resources,
// bases, components), the name transformations it applies, and the ConfigMaps/Secrets its
// generators make. Read from the parsed file only (no IO): a folder entry is resolved to the
// kustomization file the store holds in that folder.
import { CONFIG_MAP, kindId, SECRET, type KindKey } from '../kinds';
import { isMap, isScalar, isSeq, type Node, type YAMLMap } from 'yaml';
import type { ParsedFile } from '../types';

export const KUSTOMIZATION_FILE = /(^|\/)(kustomization\.ya?ml|Kustomization)$/;

/** Kustomize's generators and the kinds they make. */
const GENERATORS = [['configMapGenerator', CONFIG_MAP], ['secretGenerator', SECRET]] as const;

/** Ids of the kinds generators make: lookups of any other kind skip the generated objects. */
export const GENERATED_KINDS: ReadonlySet<string> = new Set(GENERATORS.map(([, kind]) => kindId(kind)));

export interface GeneratedObject {
  kind: KindKey;
  generator: (typeof GENERATORS)[number][0];
  /** The name references use (kustomize rewrites them to the generated name). */
  name: string;
  /** The name the object gets in the cluster: prefix + name + suffix (+ `-<hash>` unless disabled). */
  generatedName: string;
  hashSuffix: boolean;
  namespace?: string;
  /** Keys known from `literals` and `files`; `envs` files add keys the service cannot read. */
  keys: string[];
  keysComplete: boolean;
  /** Offsets of the generator's `name` value in the kustomization file. */
  nameRange?: [number, number];
}

export interface KustomizationData {
  /** Entries of resources/bases/components, resolved against the kustomization's folder (file or folder URIs, no trailing slash). */
  includes: string[];
  namespace?: string;
  namePrefix: string;
  nameSuffix: string;
  generated: GeneratedObject[];
}

export function isKustomizationUri(uri: string): boolean {
  return KUSTOMIZATION_FILE.test(pathOf(uri));
}

export function readKustomization(uri: string, file: ParsedFile): KustomizationData | undefined {
  const root = file.documents.map((d) => d.yaml.contents).find(isMap) as YAMLMap | undefined;
  if (!root) return undefined;
  const kind = scalarText(root.get('kind', true) as Node | undefined);
  if (!isKustomizationUri(uri) && kind !== 'Kustomization' && kind !== 'Component') return undefined;
  const includes: string[] = [];
  for (const list of ['resources', 'bases', 'components']) {
    for (const item of seqItems(root.get(list, true) as Node | undefined)) {
      const text = scalarText(item)?.trim();
      // Remote bases (git URLs, https) are outside the workspace.
      if (!text || /^[a-z][a-z0-9+.-]*:\/\//i.test(text) || text.startsWith('github.com/') || text.includes('?ref=')) continue;
      const resolved = resolveUri(uri, text);
      if (resolved) includes.push(resolved.replace(/\/+$/, ''));
    }
  }
  const namespace = scalarText(root.get('namespace', true) as Node | undefined);
  const namePrefix = scalarText(root.get('namePrefix', true) as Node | undefined) ?? '';
  const nameSuffix = scalarText(root.get('nameSuffix', true) as Node | undefined) ?? '';
  const options = root.get('generatorOptions', true) as Node | undefined;
  const hashByDefault = !disablesHash(options);
  const generated: GeneratedObject[] = [];
  for (const [list, kind] of GENERATORS) {
    for (const item of seqItems(root.get(list, true) as Node | undefined)) {
      if (!isMap(item)) continue;
      const nameNode = item.get('name', true) as Node | undefined;
      const name = scalarText(nameNode);
      if (!name) continue;
      const own = item.get('options', true) as Node | undefined;
      const hashSuffix = isMap(own) && own.has('disableNameSuffixHash') ? !disablesHash(own) : hashByDefault;
      const keys: string[] = [];
      for (const literal of seqItems(item.get('literals', true) as Node | undefined)) {
        const text = scalarText(literal);
        const at = text?.indexOf('=') ?? -1;
        if (text && at > 0) keys.push(text.slice(0, at).trim());
      }
      for (const entry of seqItems(item.get('files', true) as Node | undefined)) {
        const text = scalarText(entry);
        if (!text) continue;
        const at = text.indexOf('=');
        keys.push(at > 0 ? text.slice(0, at).trim() : text.slice(text.lastIndexOf('/') + 1));
      }
      const hasEnvs = seqItems(item.get('envs', true) as Node | undefined).length > 0 || item.has('env');
      const generatorNamespace = scalarText(item.get('namespace', true) as Node | undefined) ?? namespace;
      const full = `${namePrefix}${name}${nameSuffix}`;
      generated.push({
        kind,
        generator: list,
        name,
        generatedName: hashSuffix ? `${full}-<hash>` : full,
        hashSuffix,
        namespace: generatorNamespace,
        keys,
        keysComplete: !hasEnvs,
        nameRange: isScalar(nameNode) && nameNode.range ? [nameNode.range[0], nameNode.range[1]] : undefined,
      });
    }
  }
  return { includes, namespace, namePrefix, nameSuffix, generated };
}

function disablesHash(options: Node | undefined): boolean {
  if (!isMap(options)) return false;
  const value = (options.get('disableNameSuffixHash', true) as Node | undefined);
  return isScalar(value) && (value.value === true || value.value === 'true');
}

function seqItems(node: Node | undefined): Node[] {
  return isSeq(node) ? (node.items as Node[]) : [];
}

function scalarText(node: Node | undefined | unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  const value = node.value;
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

export function resolveUri(base: string, relative: string): string | undefined {
  try {
    return new URL(relative, base).href;
  } catch {
    return undefined;
  }
}

export function pathOf(uri: string): string {
  try {
    return new URL(uri).pathname;
  } catch {
    return uri;
  }
}
