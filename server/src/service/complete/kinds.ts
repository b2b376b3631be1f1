// apiVersion and kind: the two values every manifest starts with. Kinds are listed with the
// stateful ones first; choosing a kind also writes (or corrects) the apiVersion that serves it.
import { CompletionItemKind, InsertTextFormat, InsertTextMode, type CompletionItem, type TextEdit } from 'vscode-languageserver-types';
import { markdownProse } from '../schema/docs';
import { entriesForKind, versionRank } from '../schema/lookup';
import { descriptorOf, groupOf } from '../kinds';
import type { KindEntry, SchemaRegistry } from '../schema/registry';
import { properties, rootField } from '../schema/walk';
import { fieldSnippetLines, TabStops, type IndentStyle } from './insert';

/** Sorts the kinds the catalogue places first (featured, then common), in their order; then the rest, `*List` kinds last. */
function rank(entry: KindEntry, preferred: boolean): string {
  const place = descriptorOf(entry.apiVersion, entry.kind)?.completion;
  const group = place ? `${place.group === 'featured' ? 0 : 1}${String(place.order).padStart(2, '0')}` : entry.kind.endsWith('List') ? '300' : '200';
  return `${group}${entry.kind}${preferred ? 0 : 1}${String(9_999_999 - versionRank(entry.apiVersion)).padStart(7, '0')}`;
}

/** The stateful kinds this extension is about (the catalogue's `featured` ones). */
function isFeatured(entry: KindEntry): boolean {
  return descriptorOf(entry.apiVersion, entry.kind)?.completion?.group === 'featured';
}

/** One entry per kind and apiVersion, each knowing whether it is the kind's preferred version: built-in kinds, then the CRDs' kinds. */
function kindEntries(registry: SchemaRegistry): Array<{ entry: KindEntry; preferred: boolean }> {
  const seen = new Set<string>();
  const out: Array<{ entry: KindEntry; preferred: boolean }> = [];
  for (const entry of registry.allEntries()) {
    if (seen.has(entry.kind)) continue;
    seen.add(entry.kind);
    entriesForKind(registry, entry.kind).forEach((e, i) => out.push({ entry: e, preferred: i === 0 }));
  }
  for (const versions of customKindVersions(registry).values()) versions.forEach((e, i) => out.push({ entry: e, preferred: i === 0 }));
  return out;
}

/** The CRDs' kinds by group and kind, each with its served versions, preferred first (as the API server orders them). */
function customKindVersions(registry: SchemaRegistry): Map<string, KindEntry[]> {
  const byKind = new Map<string, KindEntry[]>();
  for (const entry of registry.customEntries()) {
    const id = `${groupOf(entry.apiVersion)}/${entry.kind}`;
    const list = byKind.get(id) ?? [];
    list.push(entry);
    byKind.set(id, list);
  }
  for (const list of byKind.values()) list.sort((a, b) => versionRank(b.apiVersion) - versionRank(a.apiVersion));
  return byKind;
}

/** Every apiVersion serving a kind, preferred first: the built-in ones, else the CRDs'. */
function versionsOfKind(registry: SchemaRegistry, kind: string): KindEntry[] {
  const builtIn = entriesForKind(registry, kind);
  if (builtIn.length > 0) return builtIn;
  return [...customKindVersions(registry).values()].filter((list) => list[0].kind === kind).flat();
}

const docCache = new WeakMap<KindEntry, string>();

function documentation(entry: KindEntry): { kind: 'markdown'; value: string } | undefined {
  if (!entry.description) return undefined;
  let value = docCache.get(entry);
  if (value === undefined) docCache.set(entry, (value = `**${entry.kind}** · \`${entry.apiVersion}\`\n\n${markdownProse(entry.description)}`));
  return { kind: 'markdown', value };
}

export interface KindValueContext {
  registry: SchemaRegistry;
  /** The range of the partial value to replace. */
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  /** The document's apiVersion line, if any: its value range and text. */
  apiVersion?: { value: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } };
  /** Where to insert `apiVersion: ...` when the document has none (the kind line's start). */
  insertApiVersionAt: { line: number; character: number };
}

/** Values for `kind: `. Choosing one fixes the apiVersion when it does not serve that kind. */
export function kindValueItems(ctx: KindValueContext): CompletionItem[] {
  const current = ctx.apiVersion?.value;
  return kindEntries(ctx.registry).map(({ entry, preferred }) => {
    const servedByCurrent = current !== undefined && ctx.registry.entry(current, entry.kind) !== undefined;
    // Only the preferred version is offered for a kind, unless the document already names another one that serves it.
    const additionalTextEdits: TextEdit[] = [];
    if (!servedByCurrent) {
      if (ctx.apiVersion) additionalTextEdits.push({ range: ctx.apiVersion.range, newText: entry.apiVersion });
      else additionalTextEdits.push({ range: { start: ctx.insertApiVersionAt, end: ctx.insertApiVersionAt }, newText: `apiVersion: ${entry.apiVersion}\n` });
    }
    const item: CompletionItem = {
      label: entry.kind,
      labelDetails: { description: entry.apiVersion },
      kind: CompletionItemKind.Class,
      detail: servedByCurrent ? entry.apiVersion : `${entry.apiVersion} (sets apiVersion)`,
      documentation: documentation(entry),
      sortText: rank(entry, servedByCurrent || (preferred && !current)),
      filterText: entry.kind,
      textEdit: { range: ctx.range, newText: entry.kind },
      additionalTextEdits,
    };
    return { item, keep: preferred || servedByCurrent };
  }).filter((x) => x.keep).map((x) => x.item);
}

/** Values for `apiVersion: `: those serving the document's kind, or every group version. */
export function apiVersionValueItems(registry: SchemaRegistry, kind: string | undefined, range: KindValueContext['range']): CompletionItem[] {
  const entries = kind ? versionsOfKind(registry, kind) : [];
  if (entries.length > 0) {
    return entries.map((entry, i) => ({
      label: entry.apiVersion,
      kind: CompletionItemKind.Module,
      detail: `serves ${entry.kind}`,
      documentation: documentation(entry),
      sortText: String(i).padStart(3, '0'),
      textEdit: { range, newText: entry.apiVersion },
      preselect: i === 0,
    }));
  }
  const byVersion = new Map<string, string[]>();
  const featured = new Set<string>();
  for (const entry of [...registry.allEntries(), ...registry.customEntries()]) {
    if (entry.kind.endsWith('List')) continue;
    const list = byVersion.get(entry.apiVersion) ?? [];
    list.push(entry.kind);
    byVersion.set(entry.apiVersion, list);
    if (isFeatured(entry)) featured.add(entry.apiVersion);
  }
  return [...byVersion.entries()].map(([apiVersion, kinds]) => ({
    label: apiVersion,
    kind: CompletionItemKind.Module,
    detail: kinds.slice(0, 4).join(', ') + (kinds.length > 4 ? ', …' : ''),
    documentation: { kind: 'markdown', value: `Kinds in \`${apiVersion}\`: ${kinds.map((k) => `\`${k}\``).join(', ')}` },
    sortText: (featured.has(apiVersion) ? '0' : '1') + apiVersion,
    textEdit: { range, newText: apiVersion },
  }));
}

/** Starter texts per registry and indentation unit: built once, not per keystroke. */
const starterCache = new WeakMap<SchemaRegistry, Map<string, Array<{ entry: KindEntry; text: string }>>>();

function starters(registry: SchemaRegistry, style: IndentStyle): Array<{ entry: KindEntry; text: string }> {
  let byStyle = starterCache.get(registry);
  if (!byStyle) starterCache.set(registry, (byStyle = new Map()));
  const key = `${style.unit}|${style.indentSequences}`;
  let list = byStyle.get(key);
  if (list) return list;
  list = kindEntries(registry)
    .filter((k) => k.preferred)
    .map(({ entry }) => {
      const lines = starterLines(entry, style);
      // Required top-level fields (StorageClass.provisioner) for the kinds this extension is about.
      // Other kinds' schemas are not loaded just to list them: a hundred schemas cost ~100 MB.
      const root = isFeatured(entry) ? registry.schema(entry.apiVersion, entry.kind) : undefined;
      if (root) {
        const stops = new TabStops(2);
        for (const prop of properties(root, rootField(root))) {
          if (!prop.required || prop.name === 'apiVersion' || prop.name === 'kind' || prop.name === 'metadata') continue;
          lines.push(...fieldSnippetLines(root, prop, 0, style, stops));
        }
      }
      return { entry, text: `${lines.join('\n')}\n$0` };
    });
  byStyle.set(key, list);
  return list;
}

/** Starters of the CRDs' kinds (preferred versions): not cached, since CRDs come and go with the workspace. */
function customStarters(registry: SchemaRegistry, style: IndentStyle): Array<{ entry: KindEntry; text: string }> {
  return [...customKindVersions(registry).values()].map(([entry]) => ({ entry, text: `${starterLines(entry, style).join('\n')}\n$0` }));
}

function starterLines(entry: KindEntry, style: IndentStyle): string[] {
  return [`apiVersion: ${entry.apiVersion}`, `kind: ${entry.kind}`, 'metadata:', `${' '.repeat(style.unit)}name: \${1:${entry.kind.toLowerCase()}}`];
}

/**
 * Whole-resource starters at the top of an empty document: `StatefulSet` inserts
 * `apiVersion: apps/v1`, `kind: StatefulSet`, `metadata.name` (and, for the stateful kinds,
 * the required top-level fields).
 */
export function resourceStarterItems(registry: SchemaRegistry, range: KindValueContext['range'], style: IndentStyle): CompletionItem[] {
  return [...starters(registry, style), ...customStarters(registry, style)].map(({ entry, text }) => ({
    label: entry.kind,
    labelDetails: { detail: ' resource', description: entry.apiVersion },
    kind: CompletionItemKind.Class,
    detail: `apiVersion: ${entry.apiVersion}, kind: ${entry.kind}`,
    documentation: documentation(entry),
    sortText: rank(entry, true),
    filterText: entry.kind,
    insertTextFormat: InsertTextFormat.Snippet,
    insertTextMode: InsertTextMode.asIs,
    textEdit: { range, newText: text },
  }));
}
