// Document symbols: one per resource (`StatefulSet db`, `Service db (headless)`), with children
// for what a reader looks for in it: containers, volumes and claim templates of workloads, ports
// of Services, keys of ConfigMaps and Secrets (never their values).
import { isMap, isScalar, type Node, type YAMLMap } from 'yaml';
import { SymbolKind, type DocumentSymbol, type Range } from 'vscode-languageserver-types';
import { rangeOf } from '../parse/positions';
import type { ParsedDocument, ParsedFile, Resource } from '../types';
import { descriptorOf, isKind, type OutlineChild, SERVICE } from '../kinds';
import { podSpecOf } from '../workspace/references';
import { entries, mapAt, nodeAt, seqAt, stringAt } from '../yaml/access';

class SymbolBuilder {
  constructor(private readonly file: ParsedFile) {}

  range(node: Node | null | undefined): Range | undefined {
    const r = node?.range;
    if (!r) return undefined;
    return rangeOf(this.file.lineCounter, this.file.text, r[0], this.trimEnd(r[0], r[1]));
  }

  /** The end offset without trailing whitespace (block collections end after their newline). */
  trimEnd(start: number, end: number): number {
    let e = Math.min(end, this.file.text.length);
    while (e > start && /\s/.test(this.file.text[e - 1])) e--;
    return e;
  }

  symbol(name: string, detail: string | undefined, kind: SymbolKind, whole: Node, selection: Node | undefined, children?: DocumentSymbol[]): DocumentSymbol | undefined {
    const range = this.range(whole);
    if (!range) return undefined;
    let selectionRange = this.range(selection) ?? range;
    if (!contains(range, selectionRange)) selectionRange = range;
    const symbol: DocumentSymbol = { name, kind, range, selectionRange };
    if (detail) symbol.detail = detail;
    // A syntax error can leave a map's range shorter than its nested nodes' (found by the fuzz test):
    // a child outside its parent makes VS Code reject the whole outline.
    const inside = children?.filter((child) => contains(range, child.range));
    if (inside?.length) symbol.children = inside;
    return symbol;
  }
}

function contains(outer: Range, inner: Range): boolean {
  const before = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.character <= b.character);
  return before(outer.start, inner.start) && before(inner.end, outer.end);
}

const cache = new WeakMap<ParsedFile, DocumentSymbol[]>();

/** The symbols of a parsed file, computed once per text (outline, breadcrumbs and sticky scroll all ask); shared, do not mutate. */
export function documentSymbols(file: ParsedFile): DocumentSymbol[] {
  let symbols = cache.get(file);
  if (!symbols) {
    const builder = new SymbolBuilder(file);
    symbols = [];
    for (const document of file.documents) {
      const symbol = resourceSymbol(builder, document);
      if (symbol) symbols.push(symbol);
    }
    cache.set(file, symbols);
  }
  return symbols;
}

export function isHeadlessService(resource: Resource): boolean {
  return isKind(resource, SERVICE) && stringAt(resource.root, ['spec', 'clusterIP']) === 'None';
}

/** How the outline draws a resource: as its kind's descriptor says, else as a module. */
function symbolOf(resource: Resource): SymbolKind {
  const symbol = descriptorOf(resource.apiVersion, resource.kind)?.symbol;
  return symbol ? SymbolKind[symbol] : SymbolKind.Module;
}

function resourceSymbol(builder: SymbolBuilder, document: ParsedDocument): DocumentSymbol | undefined {
  const resource = document.resource;
  if (!resource) return undefined;
  const { kind, root } = resource;
  const name = resource.name ?? stringAt(root, ['metadata', 'generateName']);
  let label = name ? `${kind} ${name}` : `${kind} (unnamed)`;
  if (isHeadlessService(resource)) label += ' (headless)';
  const details = [resource.apiVersion];
  if (resource.namespace) details.push(`namespace ${resource.namespace}`);
  const selection = nodeAt(root, ['metadata', 'name']) ?? nodeAt(root, ['kind']);
  return builder.symbol(label, details.join(' · '), symbolOf(resource), root, selection, childrenOf(builder, resource));
}

/** The outline's sections under a resource, in the order its kind's descriptor lists them. */
const CHILDREN: Record<OutlineChild, (builder: SymbolBuilder, resource: Resource) => DocumentSymbol[]> = {
  containers: (builder, resource) => {
    const podSpec = podSpecOf(resource);
    return [...containerSymbols(builder, podSpec, 'initContainers', 'init container'), ...containerSymbols(builder, podSpec, 'containers', 'container')];
  },
  volumes: (builder, resource) => volumeSymbols(builder, podSpecOf(resource)),
  claimTemplates: (builder, resource) => claimTemplateSymbols(builder, resource.root),
  ports: (builder, resource) => portSymbols(builder, resource.root),
  keys: (builder, resource) => keySymbols(builder, resource.root),
};

function childrenOf(builder: SymbolBuilder, resource: Resource): DocumentSymbol[] {
  const sections = descriptorOf(resource.apiVersion, resource.kind)?.outline ?? [];
  return sections.flatMap((section) => CHILDREN[section](builder, resource));
}

function namedItems(seq: ReturnType<typeof seqAt>): Array<{ item: YAMLMap; name: string | undefined }> {
  if (!seq) return [];
  return seq.items.filter((item): item is YAMLMap => isMap(item)).map((item) => ({ item, name: stringAt(item, ['name']) }));
}

function containerSymbols(builder: SymbolBuilder, podSpec: YAMLMap | undefined, key: string, noun: string): DocumentSymbol[] {
  return namedItems(seqAt(podSpec, [key])).flatMap(({ item, name }, i) => {
    const image = stringAt(item, ['image']);
    const s = builder.symbol(`${noun} ${name ?? `#${i + 1}`}`, image, SymbolKind.Module, item, nodeAt(item, ['name']));
    return s ? [s] : [];
  });
}

const VOLUME_SOURCES: Record<string, string[]> = {
  persistentVolumeClaim: ['claimName'],
  configMap: ['name'],
  secret: ['secretName'],
  hostPath: ['path'],
  nfs: ['server', 'path'],
};

function volumeSymbols(builder: SymbolBuilder, podSpec: YAMLMap | undefined): DocumentSymbol[] {
  return namedItems(seqAt(podSpec, ['volumes'])).flatMap(({ item, name }, i) => {
    const source = entries(item).find((e) => e.key !== 'name');
    let detail = source?.key;
    if (source && VOLUME_SOURCES[source.key] && isMap(source.value)) {
      const target = VOLUME_SOURCES[source.key].map((k) => stringAt(source.value, [k])).filter(Boolean).join(':');
      if (target) detail = `${source.key} ${target}`;
    }
    const s = builder.symbol(`volume ${name ?? `#${i + 1}`}`, detail, SymbolKind.File, item, nodeAt(item, ['name']));
    return s ? [s] : [];
  });
}

function claimTemplateSymbols(builder: SymbolBuilder, root: YAMLMap): DocumentSymbol[] {
  const templates = seqAt(root, ['spec', 'volumeClaimTemplates']);
  if (!templates) return [];
  return templates.items.flatMap((item, i) => {
    if (!isMap(item)) return [];
    const name = stringAt(item, ['metadata', 'name']);
    const facts: string[] = [];
    const storage = stringAt(item, ['spec', 'resources', 'requests', 'storage']);
    if (storage) facts.push(storage);
    const modes = seqAt(item, ['spec', 'accessModes']);
    if (modes) facts.push(modes.items.filter(isScalar).map((m) => String(m.value)).join(', '));
    const storageClass = stringAt(item, ['spec', 'storageClassName']);
    if (storageClass) facts.push(`class ${storageClass}`);
    const s = builder.symbol(`claim template ${name ?? `#${i + 1}`}`, facts.join(' · ') || undefined, SymbolKind.Struct, item, nodeAt(item, ['metadata', 'name']));
    return s ? [s] : [];
  });
}

function portSymbols(builder: SymbolBuilder, root: YAMLMap): DocumentSymbol[] {
  return namedItems(seqAt(root, ['spec', 'ports'])).flatMap(({ item, name }) => {
    const port = stringAt(item, ['port']);
    const target = stringAt(item, ['targetPort']);
    const protocol = stringAt(item, ['protocol']) ?? 'TCP';
    const detail = port ? `${port}${target && target !== port ? ` → ${target}` : ''}/${protocol}` : undefined;
    const s = builder.symbol(`port ${name ?? port ?? '?'}`, detail, SymbolKind.Field, item, nodeAt(item, ['name']) ?? nodeAt(item, ['port']));
    return s ? [s] : [];
  });
}

function keySymbols(builder: SymbolBuilder, root: YAMLMap): DocumentSymbol[] {
  const out: DocumentSymbol[] = [];
  for (const section of ['data', 'stringData', 'binaryData']) {
    for (const entry of entries(mapAt(root, [section]))) {
      const whole = entry.value ? ({ range: [entry.keyNode.range![0], entry.value.range![1], entry.value.range![2]] } as Node) : entry.keyNode;
      const s = builder.symbol(`key ${entry.key}`, section, SymbolKind.Key, whole, entry.keyNode);
      if (s) out.push(s);
    }
  }
  return out;
}
