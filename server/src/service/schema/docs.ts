// Field documentation as Markdown, shared by hover and completion: the Kubernetes description made
// readable (links, escaped prose, the "Possible enum values" block turned into a list), the type,
// required/optional, the default and the allowed values.
import type { JsonSchema } from './registry';
import { defaultOf, enumValues, isDeprecated, type Field, typeLabel } from './walk';

export interface EnumDoc {
  value: string;
  text?: string;
}

export interface SplitDescription {
  /** The description without its "Possible enum values" block. */
  prose: string;
  /** What each enum value means, when the description says. */
  values: Map<string, string>;
}

/** Separates the "Possible enum values:\n - `"X"` means ..." block the OpenAPI descriptions end with. */
export function splitDescription(description: string | undefined): SplitDescription {
  const values = new Map<string, string>();
  if (!description) return { prose: '', values };
  const at = description.search(/\n*Possible enum values:\n/);
  if (at < 0) return { prose: description.trim(), values };
  const block = description.slice(at).replace(/^\n*Possible enum values:\n/, '');
  const item = /^ - `"((?:[^"\\]|\\.)*)"`\s*([\s\S]*?)(?=\n - `"|$)/gm;
  for (let m = item.exec(block); m; m = item.exec(block)) values.set(m[1].replace(/\\"/g, '"'), m[2].trim());
  return { prose: description.slice(0, at).trim(), values };
}

const URL = /https?:\/\/[^\s<>()"'`]+[^\s<>()"'`.,;:!?]/g;

/** Escapes Markdown syntax in prose while keeping `code spans` and turning URLs into links. */
export function markdownProse(text: string): string {
  const out: string[] = [];
  const parts = text.split(/(`[^`\n]+`)/);
  for (const part of parts) {
    if (part.startsWith('`') && part.endsWith('`') && part.length > 1) {
      out.push(part);
      continue;
    }
    let last = 0;
    for (const m of part.matchAll(URL)) {
      out.push(escapeMarkdown(part.slice(last, m.index)));
      out.push(`<${m[0]}>`);
      last = m.index! + m[0].length;
    }
    out.push(escapeMarkdown(part.slice(last)));
  }
  // Descriptions indent list items with spaces; keep them as lists, and keep hard line breaks
  // where the text has them (a single \n inside prose is a sentence break in the Go comments).
  return out
    .join('')
    .split('\n')
    .map((line) => line.replace(/^\s{0,3}(\\\*|-)\s+/, '- ').replace(/^\s+/, ''))
    .join('\n')
    .replace(/([^\n])\n(?!\n|- )/g, '$1  \n');
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\*_[\]<>#|~]/g, (c) => `\\${c}`);
}

/** `code` for a literal, with backticks inside handled. */
export function code(value: string): string {
  const fence = value.includes('`') ? '``' : '`';
  const pad = value.startsWith('`') || value.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${value}${pad}${fence}`;
}

export interface FieldDocOptions {
  name?: string;
  required?: boolean;
  /** Where the field is, as Markdown (`` `spec.replicas` in StatefulSet ``), shown at the end. */
  where?: string;
  /** Leave out the heading line (completion shows the name already). */
  omitHeading?: boolean;
  /** The enum value to highlight (hover on a value). */
  highlight?: string;
}

/** The Markdown block describing a field: heading, facts line, description, allowed values. */
export function fieldMarkdown(root: JsonSchema, field: Field, options: FieldDocOptions = {}): string {
  const sections: string[] = [];
  const facts: string[] = [code(typeLabel(root, field))];
  if (options.required !== undefined) facts.push(options.required ? '**required**' : 'optional');
  const fallback = defaultOf(root, field);
  if (fallback !== undefined) facts.push(`default ${fallback.includes(' ') ? markdownProse(fallback) : code(fallback)}`);
  if (isDeprecated(field)) facts.push('**deprecated**');
  if (options.omitHeading || !options.name) sections.push(facts.join(' · '));
  else sections.push(`**${escapeMarkdown(options.name)}** · ${facts.join(' · ')}`);

  const { prose, values } = splitDescription(field.description);
  if (prose) sections.push(markdownProse(prose));

  const allowed = enumValues(field);
  if (allowed) {
    const notes = options.name ? ENUM_NOTES[options.name] : undefined;
    const lines = allowed.map((value) => {
      const v = String(value);
      const meaning = values.get(v) ?? notes?.[v];
      const label = v === '' ? '`""` (empty)' : code(v);
      const shown = options.highlight === v ? `**${label}**` : label;
      return `- ${shown}${meaning ? `: ${markdownProse(meaning).replace(/\n+/g, ' ')}` : ''}`;
    });
    sections.push(`Allowed values:\n\n${lines.join('\n')}`);
  }
  if (options.where) sections.push(options.where);
  return sections.join('\n\n');
}

/** What enum values mean where the Kubernetes descriptions do not say (keyed by field name). */
export const ENUM_NOTES: Record<string, Record<string, string>> = {
  accessModes: {
    ReadWriteOnce: 'read-write by a single node (several pods on that node may share it).',
    ReadOnlyMany: 'read-only by many nodes.',
    ReadWriteMany: 'read-write by many nodes; needs storage that supports it (NFS, CephFS, some CSI drivers).',
    ReadWriteOncePod: 'read-write by a single pod in the whole cluster (CSI volumes only).',
  },
};

/** What an enum value means: from the description's "Possible enum values", else from ENUM_NOTES. */
export function enumMeaning(name: string | undefined, field: { description?: string }, value: string): string | undefined {
  return splitDescription(field.description).values.get(value) ?? (name ? ENUM_NOTES[name]?.[value] : undefined);
}

/** `spec.template.spec.containers[].image` from path segments. */
export function dottedPath(path: ReadonlyArray<string | number>): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += '[]';
    else out += out ? `.${segment}` : segment;
  }
  return out;
}
