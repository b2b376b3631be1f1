// Completion at any position of a Kubernetes manifest, driven by the generated schemas:
// keys allowed at the cursor (present ones left out, required ones first and marked), inserted
// in the YAML shape the field needs; enum values and booleans for values; apiVersion/kind pairs
// at the top of a document. Works on half-typed text (see context.ts).
import {
  CompletionItemKind,
  CompletionItemTag,
  InsertTextFormat,
  InsertTextMode,
  type CompletionItem,
  type CompletionList,
  type Position,
  type Range,
} from 'vscode-languageserver-types';
import { offsetAt } from '../parse/positions';
import { documentAt } from '../parse/hitAt';
import { dottedPath, enumMeaning, fieldMarkdown, splitDescription } from '../schema/docs';
import { resourceSchema, type ResourceSchema } from '../schema/lookup';
import type { JsonSchema, SchemaRegistry } from '../schema/registry';
import {
  child,
  defaultOf,
  enumValues,
  fieldAt,
  isDeprecated,
  isFreeFormMap,
  isQuantity,
  isServerPopulated,
  properties,
  shapeOf,
  typeLabel,
  types,
  type Field,
  type PathSegment,
  type PropertyInfo,
} from '../schema/walk';
import type { ParsedFile } from '../types';
import { CLAIM, descriptorOf, isKind, PERSISTENT_VOLUME, STORAGE_CLASS } from '../kinds';
import { cursorContext, Lines, shapeLine, unquote, type CursorContext, type LineContext } from './context';
import { indentStyle, keyInsert, snippetText, snippetToPlainText, yamlString, yamlValue, type IndentStyle } from './insert';
import { apiVersionValueItems, kindValueItems, resourceStarterItems } from './kinds';
import { resourceSnippetItems, type ResourceSnippet } from './resourceSnippets';
import { workspaceNameItems, type WorkspaceContext } from './workspaceNames';

export interface CompletionOptions {
  /** The character that triggered the request, when the client says (LSP CompletionContext). */
  triggerCharacter?: string;
  /** Whether the client expands snippets (`completionItem.snippetSupport`); default true. */
  snippets?: boolean;
  /** Whole-resource snippets, offered where a document starts (from the host). */
  resourceSnippets?: readonly ResourceSnippet[];
}

const EMPTY: CompletionList = { isIncomplete: false, items: [] };

const SUGGEST_COMMAND = { title: 'Suggest', command: 'editor.action.triggerSuggest' };

interface Identity {
  apiVersion?: string;
  kind?: string;
  /** The apiVersion line of the document (text), for kind completion to correct it. */
  apiVersionValue?: { value: string; range: Range };
}

/** apiVersion and kind of the document around the cursor: from the AST when it has them, else from the text. */
function identity(file: ParsedFile, ctx: LineContext, offset: number, needLines: boolean): Identity {
  const out: Identity = {};
  const resource = documentAt(file, offset)?.resource;
  const lineFirst = ctx.reader.first;
  // The AST's document must be the one the cursor is in (its range overlaps the text's `---` bounds).
  if (resource && !needLines && resource.document.end >= ctx.lines.start(lineFirst) && resource.document.start <= offset) {
    return { apiVersion: resource.apiVersion, kind: resource.kind };
  }
  for (let i = lineFirst; i < ctx.lines.count; i++) {
    const text = ctx.lines.get(i);
    if (i > lineFirst && /^(---|\.\.\.)(\s|$)/.test(text)) break;
    if (i === ctx.line) continue;
    if (!text.startsWith('apiVersion') && !text.startsWith('kind')) continue;
    const shape = shapeLine(text);
    if (!shape || shape.indent !== 0 || shape.items.length || shape.value !== 'scalar') continue;
    const value = unquote(shape.valueText!);
    if (shape.key === 'apiVersion' && out.apiVersion === undefined) {
      out.apiVersion = value;
      const start = shape.valueCol!;
      out.apiVersionValue = { value, range: { start: { line: i, character: start }, end: { line: i, character: start + shape.valueText!.length } } };
    } else if (shape.key === 'kind' && out.kind === undefined) {
      out.kind = value;
    }
    if (out.apiVersion !== undefined && out.kind !== undefined) break;
  }
  return out;
}

/** `workspace`: where the file is and the index, for names defined elsewhere (ConfigMaps, claims...). */
export function complete(file: ParsedFile, registry: SchemaRegistry, position: Position, options: CompletionOptions = {}, workspace?: WorkspaceContext): CompletionList {
  const list = completeSnippets(file, registry, position, options, workspace);
  return options.snippets === false ? plainText(list) : list;
}

/** The same items for clients without snippet support: defaults and first choices inserted as text. */
function plainText(list: CompletionList): CompletionList {
  for (const item of list.items) {
    if (item.insertTextFormat !== InsertTextFormat.Snippet) continue;
    item.insertTextFormat = InsertTextFormat.PlainText;
    if (item.textEdit) item.textEdit = { ...item.textEdit, newText: snippetToPlainText(item.textEdit.newText) };
  }
  return list;
}

function completeSnippets(file: ParsedFile, registry: SchemaRegistry, position: Position, options: CompletionOptions, workspace?: WorkspaceContext): CompletionList {
  const lines = Lines.of(file);
  if (position.line < 0 || position.line >= lines.count) return EMPTY;
  const ctx = cursorContext(lines, position.line, position.character);
  const cursor = ctx.cursor;
  if (!cursor) return EMPTY;
  // A space only asks for values (`key: ` or `- `), never for keys in the indentation; a colon
  // only right after a key (`podManagementPolicy:`), not inside values (`image: postgres:`).
  if (options.triggerCharacter === ' ' && (cursor.kind === 'key' || cursor.partial !== '')) return EMPTY;
  if (options.triggerCharacter === ':' && !(cursor.kind === 'value' && cursor.afterColon)) return EMPTY;
  const list = completeAt(file, registry, position, cursor, ctx, workspace, options.resourceSnippets);
  // After `key:` the value needs its separating space.
  if (cursor.kind === 'value' && cursor.afterColon) {
    for (const item of list.items) if (item.textEdit) item.textEdit = { ...item.textEdit, newText: ` ${item.textEdit.newText}` };
  }
  return list;
}

function completeAt(
  file: ParsedFile,
  registry: SchemaRegistry,
  position: Position,
  cursor: CursorContext,
  ctx: LineContext,
  workspace?: WorkspaceContext,
  resourceSnippets: readonly ResourceSnippet[] = [],
): CompletionList {

  const offset = offsetAt(file.lineCounter, file.text, position);
  const range: Range = { start: { line: position.line, character: cursor.from }, end: { line: position.line, character: cursor.to } };
  const rootValue = cursor.kind === 'value' && cursor.path.length === 1 && (cursor.path[0] === 'kind' || cursor.path[0] === 'apiVersion');
  const id = identity(file, ctx, offset, rootValue);
  const style = indentStyle((l) => ctx.reader.shape(l), ctx.reader.first, ctx.reader.last);

  if (rootValue && cursor.kind === 'value') {
    if (cursor.path[0] === 'kind') {
      const items = kindValueItems({
        registry,
        range,
        apiVersion: id.apiVersionValue,
        insertApiVersionAt: { line: position.line, character: 0 },
      });
      return { isIncomplete: false, items };
    }
    return { isIncomplete: false, items: apiVersionValueItems(registry, id.kind, range) };
  }

  const schema = resourceSchema(registry, id.apiVersion, id.kind);
  if (cursor.kind === 'key' && cursor.path.length === 0) return { isIncomplete: false, items: rootKeyItems(registry, schema, cursor, range, style, ctx, resourceSnippets) };
  if (!schema) {
    // A kind without a schema (an operator's resource): names still complete at its declared reference sites.
    const names =
      cursor.kind === 'value' && workspace && cursor.keyCol !== undefined && id.kind
        ? workspaceNameItems(
            { file, offset, apiVersion: id.apiVersion, kind: id.kind, path: cursor.path, line: position.line, keyCol: cursor.keyCol, partial: cursor.partial, range, reader: ctx.reader },
            workspace,
          )
        : undefined;
    return names ? { isIncomplete: false, items: names } : EMPTY;
  }

  const { root } = schema;
  switch (cursor.kind) {
    case 'key': {
      const field = fieldAt(root, cursor.path);
      if (!field) return EMPTY;
      return { isIncomplete: false, items: keyItems(root, field, cursor.path, cursor.present, cursor.col, cursor.hasValue, range, style, schema) };
    }
    case 'item': {
      const item = fieldAt(root, cursor.path);
      if (!item) return EMPTY;
      const shape = shapeOf(root, item);
      if (shape === 'object' || shape === 'map') {
        return { isIncomplete: false, items: keyItems(root, item, cursor.path, cursor.present, cursor.col, cursor.hasValue, range, style, schema) };
      }
      if (shape === 'scalar') return { isIncomplete: false, items: valueItems(root, item, cursor.path, cursor.siblingValues, range) };
      return EMPTY;
    }
    case 'value': {
      const field = fieldAt(root, cursor.path);
      if (!field) return EMPTY;
      // Names defined elsewhere in the workspace (ConfigMaps, Secrets and their keys, claims...).
      const names =
        workspace && cursor.keyCol !== undefined
          ? workspaceNameItems(
              { file, offset, apiVersion: id.apiVersion, kind: schema.kind, path: cursor.path, line: position.line, keyCol: cursor.keyCol, partial: cursor.partial, range, reader: ctx.reader },
              workspace,
            )
          : undefined;
      if (names) return { isIncomplete: false, items: names };
      const known = knownValues(schema, dottedPath(cursor.path));
      if (known && !enumValues(field)) return { isIncomplete: false, items: knownValueItems(known, range) };
      return { isIncomplete: false, items: valueItems(root, field, cursor.path, cursor.siblingValues, range) };
    }
  }
}

function markdown(value: string) {
  return { kind: 'markdown' as const, value };
}

/** What a key's item says about its field; the same for every request, so computed once per field. */
interface KeyFacts {
  type: string;
  documentation: string;
  serverSide: boolean;
  deprecated: boolean;
}
const keyFacts = new WeakMap<Field, KeyFacts>();

function factsOf(root: JsonSchema, prop: PropertyInfo, atRoot: boolean): KeyFacts {
  let facts = keyFacts.get(prop.field);
  if (!facts) {
    facts = {
      type: typeLabel(root, prop.field),
      documentation: fieldMarkdown(root, prop.field, { required: prop.required, omitHeading: true }),
      serverSide: isServerPopulated(prop.name, prop.field, atRoot),
      deprecated: isDeprecated(prop.field),
    };
    keyFacts.set(prop.field, facts);
  }
  return facts;
}

function keyItem(root: JsonSchema, prop: PropertyInfo, col: number, keyOnly: boolean, range: Range, style: IndentStyle, atRoot: boolean): CompletionItem {
  const insert = keyInsert(root, prop, col, style, keyOnly);
  const { type, serverSide, deprecated, documentation } = factsOf(root, prop, atRoot);
  const group = prop.required ? 0 : deprecated ? 3 : serverSide ? 2 : 1;
  const item: CompletionItem = {
    label: prop.name,
    labelDetails: { description: prop.required ? `required · ${type}` : serverSide ? `set by the server · ${type}` : type },
    kind: CompletionItemKind.Property,
    detail: prop.required ? `${type} (required)` : type,
    documentation: markdown(documentation),
    sortText: `${group}${prop.name}`,
    filterText: prop.name,
    insertTextFormat: InsertTextFormat.Snippet,
    insertTextMode: InsertTextMode.asIs,
    textEdit: { range, newText: insert.text },
  };
  if (deprecated) item.tags = [CompletionItemTag.Deprecated];
  if (insert.suggestNext) item.command = SUGGEST_COMMAND;
  return item;
}

function keyItems(
  root: JsonSchema,
  field: Field,
  path: PathSegment[],
  present: string[],
  col: number,
  keyOnly: boolean,
  range: Range,
  style: IndentStyle,
  schema: ResourceSchema,
): CompletionItem[] {
  const taken = new Set(present);
  if (isFreeFormMap(field)) return mapKeyItems(root, field, path, taken, keyOnly, range, schema);
  return properties(root, field)
    .filter((p) => !taken.has(p.name))
    .map((p) => {
      const item = keyItem(root, p, col, keyOnly, range, style, path.length === 0);
      // A string with documented values (Secret `type`): show them as soon as the key is in.
      if (!keyOnly && knownValues(schema, dottedPath([...path, p.name]))) item.command = SUGGEST_COMMAND;
      return item;
    });
}

function rootKeyItems(
  registry: SchemaRegistry,
  schema: ResourceSchema | undefined,
  cursor: Extract<CursorContext, { kind: 'key' }>,
  range: Range,
  style: IndentStyle,
  ctx: LineContext,
  resourceSnippets: readonly ResourceSnippet[],
): CompletionItem[] {
  const taken = new Set(cursor.present);
  if (schema) {
    return properties(schema.root, { schema: schema.root })
      .filter((p) => !taken.has(p.name))
      .map((p) => {
        const item = keyItem(schema.root, p, cursor.col, cursor.hasValue, range, style, true);
        if ((p.name === 'kind' || p.name === 'apiVersion') && !cursor.hasValue) {
          item.textEdit = { range, newText: `${p.name}: ` };
          item.command = SUGGEST_COMMAND;
        }
        if (!cursor.hasValue && knownValues(schema, p.name)) item.command = SUGGEST_COMMAND;
        return item;
      });
  }
  const items: CompletionItem[] = [];
  for (const name of ['apiVersion', 'kind']) {
    if (taken.has(name)) continue;
    items.push({
      label: name,
      labelDetails: { description: 'required · string' },
      kind: CompletionItemKind.Property,
      detail: 'string (required)',
      documentation: markdown(
        name === 'kind'
          ? 'The kind of resource (`StatefulSet`, `Service`, `PersistentVolumeClaim`…). Choosing a kind also sets its `apiVersion`.'
          : 'The API group and version that serve the kind (`apps/v1` for StatefulSet, `v1` for Service, ConfigMap, Secret and volumes).',
      ),
      sortText: `0${name}`,
      insertTextFormat: InsertTextFormat.Snippet,
      textEdit: { range, newText: cursor.hasValue ? name : `${name}: ` },
      command: cursor.hasValue ? undefined : SUGGEST_COMMAND,
    });
  }
  // A document with nothing else in it: offer whole resources.
  if (cursor.col === 0 && taken.size === 0 && !cursor.hasValue && documentIsEmpty(ctx)) {
    items.push(...resourceStarterItems(registry, range, style), ...resourceSnippetItems(resourceSnippets, range));
  }
  return items;
}

function documentIsEmpty(ctx: LineContext): boolean {
  for (let i = ctx.reader.first; i < ctx.lines.count; i++) {
    if (i === ctx.line) continue;
    const text = ctx.lines.get(i);
    if (i > ctx.reader.first && /^(---|\.\.\.)(\s|$)/.test(text)) break;
    if (shapeLine(text)) return false;
  }
  return true;
}

/** Keys people write in free-form maps: resource names, recommended labels, well-known annotations. */
function mapKeyItems(
  root: JsonSchema,
  field: Field,
  path: PathSegment[],
  taken: Set<string>,
  keyOnly: boolean,
  range: Range,
  schema: ResourceSchema,
): CompletionItem[] {
  const last = path[path.length - 1];
  const value = child(root, field, '\u0000');
  const suggestions: Array<{ name: string; doc: string; value?: string }> = [];
  if (value && isQuantity(value)) {
    const storageOnly = isKind(schema, CLAIM) || isKind(schema, PERSISTENT_VOLUME) || path.includes('volumeClaimTemplates') || last === 'capacity';
    if (storageOnly) suggestions.push({ name: 'storage', doc: 'Size of the volume, in bytes: `10Gi` (binary, 10 × 2³⁰) or `10G` (decimal, 10 × 10⁹).' });
    else {
      suggestions.push(
        { name: 'cpu', doc: 'CPU, in cores: `500m` is half a core, `2` is two cores.' },
        { name: 'memory', doc: 'Memory, in bytes: `512Mi`, `1Gi` (binary suffixes; `M`/`G` are decimal, and `m` means thousandths).' },
        { name: 'ephemeral-storage', doc: 'Local ephemeral storage (container writable layer, logs, emptyDir), in bytes: `1Gi`.' },
      );
    }
  } else if (last === 'labels' || last === 'matchLabels') {
    for (const [name, doc] of [
      ['app.kubernetes.io/name', 'The name of the application, e.g. `postgres`.'],
      ['app.kubernetes.io/instance', 'A unique name identifying this instance of the application, e.g. `postgres-main`.'],
      ['app.kubernetes.io/component', 'The component within the architecture, e.g. `database`.'],
      ['app.kubernetes.io/part-of', 'The name of a higher-level application this one is part of.'],
      ['app.kubernetes.io/version', 'The current version of the application (quote numbers: `"16.4"`).'],
      ['app.kubernetes.io/managed-by', 'The tool managing the application, e.g. `helm`.'],
    ]) {
      suggestions.push({ name, doc: `Recommended label. ${doc}` });
    }
  } else if (last === 'annotations' && path.length === 2 && isKind(schema, STORAGE_CLASS)) {
    suggestions.push({
      name: 'storageclass.kubernetes.io/is-default-class',
      doc: 'Marks this StorageClass as the cluster default: claims without `storageClassName` use it. Keep at most one default.',
      value: '"${1|true,false|}"',
    });
  }
  return suggestions
    .filter((s) => !taken.has(s.name))
    .map((s) => ({
      label: s.name,
      labelDetails: value ? { description: typeLabel(root, value) } : undefined,
      kind: CompletionItemKind.Property,
      detail: value ? typeLabel(root, value) : undefined,
      documentation: markdown(s.doc),
      sortText: `1${s.name}`,
      insertTextFormat: InsertTextFormat.Snippet,
      insertTextMode: InsertTextMode.asIs,
      textEdit: { range, newText: keyOnly ? snippetText(yamlString(s.name)) : `${snippetText(yamlString(s.name))}: ${s.value ?? '$0'}` },
    }));
}

/** Enum members and booleans for a value position. */
function valueItems(root: JsonSchema, field: Field, path: PathSegment[], siblingValues: string[], range: Range): CompletionItem[] {
  // `accessModes: ` — a list of enum values: offer one-item flow lists (`[ReadWriteOnce]`).
  if (shapeOf(root, field) === 'array-of-scalars') {
    const item = child(root, field, -1);
    if (!item) return [];
    return valueItems(root, item, [...path, -1], siblingValues, range).map((entry) => {
      const text = `[${entry.label}]`;
      return { ...entry, label: text, filterText: text, textEdit: { range, newText: text } };
    });
  }
  const target = field;
  const t = types(root, target);
  const values = enumValues(target) ?? (t.length === 1 && t[0] === 'boolean' ? [true, false] : undefined);
  if (!values) return [];
  const taken = new Set(siblingValues);
  const fallback = defaultOf(root, target);
  const { values: meanings } = splitDescription(target.description);
  const where = dottedPath(path);
  return values
    .filter((v) => !taken.has(String(v)))
    .map((v, i) => {
      const text = yamlValue(v);
      const meaning = meanings.get(String(v)) ?? enumMeaning(nearestName(path), target, String(v));
      const isDefault = fallback === String(v);
      const doc = [meaning ? `\`${String(v)}\`: ${meaning}` : undefined, fieldMarkdown(root, target, { name: nearestName(path), highlight: String(v), where: `\`${where}\`` })]
        .filter(Boolean)
        .join('\n\n---\n\n');
      return {
        label: text,
        labelDetails: isDefault ? { description: 'default' } : undefined,
        kind: typeof v === 'boolean' ? CompletionItemKind.Value : CompletionItemKind.EnumMember,
        detail: typeLabel(root, target),
        documentation: markdown(doc),
        sortText: String(i).padStart(4, '0'),
        filterText: text,
        textEdit: { range, newText: text },
      } satisfies CompletionItem;
    });
}

function nearestName(path: PathSegment[]): string | undefined {
  for (let i = path.length - 1; i >= 0; i--) if (typeof path[i] === 'string') return path[i] as string;
  return undefined;
}

/** Values the API documents only in prose for a field of a kind (its descriptor's knownValues). */
function knownValues(schema: ResourceSchema, path: string): Array<[string, string]> | undefined {
  return descriptorOf(schema.apiVersion, schema.kind)?.knownValues?.[path];
}

function knownValueItems(values: Array<[string, string]>, range: Range): CompletionItem[] {
  return values.map(([value, doc], i) => ({
    label: value,
    kind: CompletionItemKind.EnumMember,
    detail: 'string',
    documentation: markdown(doc),
    sortText: String(i).padStart(4, '0'),
    textEdit: { range, newText: yamlString(value) },
  }));
}
