// What a kustomization file says about scope: the files and folders it includes (resources,
// bases, components), the name transformations it applies, and the ConfigMaps/Secrets its
// generators make. Read from the parsed file only (no IO): a folder entry is resolved to the
// kustomization file the store holds in that folder.
import { CONFIG_MAP, kindId, SECRET, type KindKey } from '../kinds';
import { isMap, isScalar, isSeq, Scalar, type Node, type YAMLMap } from 'yaml';
import type { StoredText } from '../documents';
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
  /** The namespace it lands in when known: the kustomization's (its transformer wins) or the generator's own. */
  namespace?: string;
  /**
   * The kustomization sets `namespace`: its transformer puts the application's referrers in that
   * namespace as well, so a reference from the application matches whatever its file says.
   */
  anyNamespace: boolean;
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

const KUSTOMIZATION_KIND = /^kind:[ \t]*["']?(Kustomization|Component)\b/m;

const declares = new WeakMap<StoredText, boolean>();

/**
 * Whether a stored text may be a kustomization by its kind (`kind: Kustomization`/`Component`),
 * without parsing it; once per text (the scope model and the patch finder both ask about each edit).
 */
export function mayDeclareKustomization(stored: StoredText): boolean {
  let answer = declares.get(stored);
  if (answer === undefined) declares.set(stored, (answer = KUSTOMIZATION_KIND.test(stored.text)));
  return answer;
}

/** The root map of a kustomization file (by its name, or `kind: Kustomization`/`Component`); undefined for other files. */
export function kustomizationRoot(uri: string, file: ParsedFile): YAMLMap | undefined {
  const root = file.documents.map((d) => d.yaml.contents).find(isMap) as YAMLMap | undefined;
  if (!root) return undefined;
  const kind = scalarText(root.get('kind', true) as Node | undefined);
  return isKustomizationUri(uri) || kind === 'Kustomization' || kind === 'Component' ? root : undefined;
}

export function readKustomization(uri: string, file: ParsedFile): KustomizationData | undefined {
  const root = kustomizationRoot(uri, file);
  if (!root) return undefined;
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
  const generated: GeneratedObject[] = generatorsOf(root).map((g) => {
    const full = `${namePrefix}${g.name}${nameSuffix}`;
    return {
      kind: g.kind,
      generator: g.generator,
      name: g.name,
      generatedName: g.hashSuffix ? `${full}-<hash>` : full,
      hashSuffix: g.hashSuffix,
      // Kustomize's namespace transformer wins over a generator's own namespace.
      namespace: namespace ?? g.namespace,
      anyNamespace: namespace !== undefined,
      keys: g.keys.map((k) => k.key),
      keysComplete: g.envs.length === 0,
      nameRange: g.nameNode.range ? [g.nameNode.range[0], g.nameNode.range[1]] : undefined,
    };
  });
  return { includes, namespace, namePrefix, nameSuffix, generated };
}

/** A key a generator makes, with the node it comes from. */
export interface GeneratorKey {
  key: string;
  /** The `literals` or `files` entry. */
  node: Scalar;
  from: 'literals' | 'files';
  /** Source offsets of the key inside the entry (`KEY` of `KEY=value`), when the text spells it there. */
  span?: [number, number];
  /** The key is a file's base name (`files: [conf/app.properties]`): renaming it means renaming the file. */
  fromFileName: boolean;
}

/** One `configMapGenerator`/`secretGenerator` entry with its nodes (for navigation). */
export interface GeneratorNodes {
  kind: KindKey;
  generator: GeneratedObject['generator'];
  name: string;
  nameNode: Scalar;
  namespace?: string;
  hashSuffix: boolean;
  keys: GeneratorKey[];
  /** `envs` (and the older `env`) entries: keys from files the service cannot read. */
  envs: Scalar[];
}

/** The generators of a kustomization's root map, in source order. `text`: the file's, for the keys' spans. */
export function generatorsOf(root: YAMLMap, text?: string): GeneratorNodes[] {
  const hashByDefault = !disablesHash(root.get('generatorOptions', true) as Node | undefined);
  const out: GeneratorNodes[] = [];
  for (const [list, kind] of GENERATORS) {
    for (const item of seqItems(root.get(list, true) as Node | undefined)) {
      if (!isMap(item)) continue;
      const nameNode = item.get('name', true) as Node | undefined;
      const name = scalarText(nameNode);
      if (!name || !isScalar(nameNode)) continue;
      const own = item.get('options', true) as Node | undefined;
      const hashSuffix = isMap(own) && own.has('disableNameSuffixHash') ? !disablesHash(own) : hashByDefault;
      const keys: GeneratorKey[] = [];
      for (const from of ['literals', 'files'] as const) {
        for (const entry of seqItems(item.get(from, true) as Node | undefined)) {
          const value = scalarText(entry);
          if (value === undefined || !isScalar(entry)) continue;
          const at = value.indexOf('=');
          if (from === 'literals' && at <= 0) continue;
          const fromFileName = at <= 0;
          const key = fromFileName ? value.slice(value.lastIndexOf('/') + 1) : value.slice(0, at).trim();
          if (!key) continue;
          keys.push({ key, node: entry, from, fromFileName, span: keySpan(entry, key, fromFileName ? value.length - key.length : 0, text) });
        }
      }
      const envs = [...seqItems(item.get('envs', true) as Node | undefined), item.get('env', true) as Node | undefined].filter((n): n is Scalar => isScalar(n));
      const namespace = scalarText(item.get('namespace', true) as Node | undefined);
      out.push({ kind, generator: list, name, nameNode, namespace, hashSuffix, keys, envs });
    }
  }
  return out;
}

/** Where `key` sits in the entry's source, `at` characters into its value: checked against the text (quotes, escapes). */
function keySpan(node: Scalar, key: string, at: number, text: string | undefined): [number, number] | undefined {
  if (!node.range || text === undefined) return undefined;
  const quoted = node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE ? 1 : 0;
  const start = node.range[0] + quoted + at;
  return text.slice(start, start + key.length) === key ? [start, start + key.length] : undefined;
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
