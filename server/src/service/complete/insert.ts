// The text a completion inserts, in the YAML shape the field needs:
//   scalar            `replicas: ${1:1}`            enum  `podManagementPolicy: ${1|OrderedReady,Parallel|}`
//   object / map      `selector:\n  $0`             with required children filled in as tab stops
//   array of objects  `containers:\n  - name: $1`   array of scalars  `accessModes:\n  - ${1|...|}`
// Indentation is absolute (computed from the document), and items use InsertTextMode.asIs, so
// every client inserts exactly this text.
import type { JsonSchema } from '../schema/registry';
import type { LineShape } from './context';
import { ANY_ITEM, child, defaultOf, enumValues, properties, shapeOf, types, type Field, type PropertyInfo } from '../schema/walk';

export interface IndentStyle {
  /** Spaces per nesting level. */
  unit: number;
  /** Whether `- ` items are indented under their key (`key:\n  - a`) or not (`key:\n- a`). */
  indentSequences: boolean;
}

/** Escapes text for a snippet (outside placeholders). */
export function snippetText(text: string): string {
  return text.replace(/[\\$}]/g, (c) => `\\${c}`);
}

function choiceText(text: string): string {
  return text.replace(/[\\$}|,]/g, (c) => `\\${c}`);
}

/** What a snippet inserts when the client cannot expand snippets: defaults, first choices, no stops. */
export function snippetToPlainText(snippet: string): string {
  return snippet
    .replace(/\$\{\d+\|((?:[^,|\\]|\\.)*)(?:,(?:[^|\\]|\\.)*)?\|\}/g, '$1')
    .replace(/\$\{\d+:((?:[^}\\]|\\.)*)\}/g, '$1')
    .replace(/\$\{\d+\}|\$\d+/g, '')
    .replace(/\\([\\$},|])/g, '$1');
}

/** YAML 1.1 reads these plain scalars as something other than a string. */
const NOT_A_STRING = /^(?:~|null|Null|NULL|y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|[-+]?(?:0|[1-9][0-9_]*|0[0-7_]+|0x[0-9a-fA-F_]+|0b[01_]+)|[-+]?(?:\d[\d_]*)?\.\d*(?:[eE][-+]?\d+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|\d+(?::[0-5]?\d)+(?:\.\d*)?)$/;

/** A string as a YAML scalar: plain when it stays a string in YAML 1.1, double-quoted otherwise. */
export function yamlString(value: string): string {
  if (value === '' || NOT_A_STRING.test(value) || /^[\s\-?:,[\]{}#&*!|>'"%@`]|[\s]$|: |\s#/.test(value)) {
    return JSON.stringify(value);
  }
  return value;
}

/** A schema value (enum member, default) as YAML. */
export function yamlValue(value: unknown): string {
  if (typeof value === 'string') return yamlString(value);
  return String(value);
}

export class TabStops {
  constructor(private next = 1) {}
  take(): number {
    return this.next++;
  }
}

/** The snippet for a scalar value: enum choices, booleans, a default placeholder, or an empty tab stop. */
function scalarSnippet(root: JsonSchema, field: Field, stops: TabStops): string {
  const values = enumValues(field);
  if (values) {
    const choices = values.map((v) => choiceText(yamlValue(v)));
    return choices.length === 1 ? snippetText(yamlValue(values[0])) : `\${${stops.take()}|${choices.join(',')}|}`;
  }
  const t = types(root, field);
  if (t.length === 1 && t[0] === 'boolean') {
    const fallback = defaultOf(root, field);
    const order = fallback === 'true' ? ['true', 'false'] : ['false', 'true'];
    return `\${${stops.take()}|${order.join(',')}|}`;
  }
  // Integer defaults become the placeholder (`replicas: ${1:1}`); "30 seconds" counts, "1 hour" does not.
  const fallback = /^([-+]?\d+)(?: seconds?)?$/.exec(defaultOf(root, field) ?? '')?.[1];
  if (fallback !== undefined && (t.includes('integer') || t.includes('number'))) {
    return `\${${stops.take()}:${fallback}}`;
  }
  return `\$${stops.take()}`;
}

/** Required children of an object, as snippet lines at `indent` (depth-limited). */
function requiredBody(root: JsonSchema, field: Field, indent: number, style: IndentStyle, stops: TabStops, depth: number): string[] {
  const required = properties(root, field).filter((p) => p.required && p.name !== 'apiVersion' && p.name !== 'kind');
  if (depth > 2) return [];
  return required.flatMap((p) => fieldLines(root, p, indent, style, stops, depth + 1));
}

/** Lines for `name: ...` at `indent`, the first line without its indentation. */
function fieldLines(root: JsonSchema, prop: PropertyInfo, indent: number, style: IndentStyle, stops: TabStops, depth: number): string[] {
  const pad = ' '.repeat(indent);
  const name = snippetText(yamlString(prop.name));
  const shape = shapeOf(root, prop.field);
  switch (shape) {
    case 'object':
    case 'map': {
      const body = shape === 'object' ? requiredBody(root, prop.field, indent + style.unit, style, stops, depth) : [];
      if (body.length === 0) return [`${pad}${name}:`, `${pad}${' '.repeat(style.unit)}\$${stops.take()}`];
      return [`${pad}${name}:`, ...body];
    }
    case 'array-of-objects': {
      const item = child(root, prop.field, ANY_ITEM)!;
      const dashCol = indent + (style.indentSequences ? style.unit : 0);
      const body = requiredBody(root, item, dashCol + 2, style, stops, depth);
      if (body.length === 0) return [`${pad}${name}:`, `${' '.repeat(dashCol)}- \$${stops.take()}`];
      body[0] = `${' '.repeat(dashCol)}- ${body[0].slice(dashCol + 2)}`;
      return [`${pad}${name}:`, ...body];
    }
    case 'array-of-scalars': {
      const item = child(root, prop.field, ANY_ITEM)!;
      const dashCol = indent + (style.indentSequences ? style.unit : 0);
      return [`${pad}${name}:`, `${' '.repeat(dashCol)}- ${scalarSnippet(root, item, stops)}`];
    }
    case 'scalar':
      return [`${pad}${name}: ${scalarSnippet(root, prop.field, stops)}`];
    default:
      return [`${pad}${name}: \$${stops.take()}`];
  }
}

/** Lines for `name: ...` at column `indent` (absolute), numbering tab stops from `stops`. */
export function fieldSnippetLines(root: JsonSchema, prop: PropertyInfo, indent: number, style: IndentStyle, stops: TabStops): string[] {
  return fieldLines(root, prop, indent, style, stops, 0);
}

export interface KeyInsert {
  /** Snippet text; its first line starts at the key's column, later lines carry absolute indentation. */
  text: string;
  /** The value continues on the next lines, or is an enum: ask the client to show the next suggestions. */
  suggestNext: boolean;
}

/**
 * The snippet that completes key `prop` typed at column `col`. `keyOnly` when the line already
 * has `: value` after the key (the user is renaming a key). Child lines of a key that follows a
 * `- ` marker are indented from the key's column, which is where YAML puts them.
 */
export function keyInsert(root: JsonSchema, prop: PropertyInfo, col: number, style: IndentStyle, keyOnly: boolean): KeyInsert {
  if (keyOnly) return { text: snippetText(yamlString(prop.name)), suggestNext: false };
  const stops = new TabStops();
  const lines = fieldLines(root, prop, col, style, stops, 0);
  lines[0] = lines[0].slice(col);
  const text = lines.join('\n');
  // A lone `$1` at the end is the only stop: make it the final cursor position.
  const finalText = /\$1$/.test(text) && !/\$\{?[2-9]/.test(text) ? text.replace(/\$1$/, '$0') : text;
  return { text: finalText, suggestNext: /\n *(- )?\$0$/.test(finalText) };
}

/** Infers indentation from the document: the step between a `key:` line and its first child. */
export function indentStyle(shape: (line: number) => LineShape | undefined, first: number, last: number, limit = 400): IndentStyle {
  let unit = 0;
  let indented = 0;
  let flat = 0;
  const end = Math.min(last, first + limit);
  for (let i = first; i < end; i++) {
    const parent = shape(i);
    if (!parent || parent.key === undefined || parent.value !== 'empty' || parent.content === undefined) continue;
    let j = i + 1;
    while (j <= end && !shape(j)) j++;
    const next = j <= end ? shape(j) : undefined;
    if (!next) break;
    const keyCol = parent.content;
    if (next.items.length > 0) {
      if (next.items[0] === keyCol) flat++;
      else if (next.items[0] > keyCol) {
        indented++;
        unit ||= next.items[0] - keyCol;
      }
    } else if (next.indent > keyCol) {
      unit ||= next.indent - keyCol;
    }
    if (unit && indented + flat >= 3) break;
  }
  if (!unit || unit > 8) unit = 2;
  return { unit, indentSequences: flat <= indented };
}
