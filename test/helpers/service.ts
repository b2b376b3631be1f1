// Test helpers over the real language service and the real generated schemas.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { schemaFiles } from '../../server/src/schemaFiles';
import { createLanguageService, type LanguageService } from '../../server/src/service';
import type { Range } from 'vscode-languageserver-types';
import type { Diagnostic } from '../../server/src/service/types';
import resourceSnippetFile from '../../snippets/resources.json';

/** The whole-resource snippets the server hands the service. */
export const resourceSnippets = Object.values(resourceSnippetFile);

export const repoRoot = process.cwd();
export const schemaDir = join(repoRoot, 'schemas', 'generated');
/** The host's loader over the generated schemas, as the server and the CLI use it. */
export const schemas = schemaFiles(schemaDir);

let shared: LanguageService | undefined;

export function testService(): LanguageService {
  shared ??= createLanguageService({ schemas, resourceSnippets });
  return shared;
}

let counter = 0;

/** Diagnostics for a one-off text, through a fresh URI on the shared service. */
export function diagnosticsFor(text: string): Diagnostic[] {
  const service = testService();
  const uri = `file:///test/doc-${++counter}.yaml`;
  service.setDocument(uri, text, 1);
  try {
    return service.getDiagnostics(uri);
  } finally {
    service.removeDocument(uri);
  }
}

const SCHEMA_CODES = new Set(['schema', 'yaml-syntax', 'yaml-aliases', 'deprecated-api-version']);

/** Only the syntax and schema diagnostics of a one-off text (no workspace rules). */
export function schemaDiagnosticsFor(text: string): Diagnostic[] {
  return diagnosticsFor(text).filter((d) => SCHEMA_CODES.has(String(d.code)));
}

/** A fresh service holding every YAML file of the given folders (relative to the repo root). */
export function serviceWithFolders(...folders: string[]): { service: LanguageService; uris: string[] } {
  const service = createLanguageService({ schemas, resourceSnippets });
  const uris: string[] = [];
  for (const folder of folders) {
    for (const name of readdirSync(join(repoRoot, folder)).sort()) {
      if (!/\.ya?ml$/.test(name)) continue;
      const path = join(repoRoot, folder, name);
      const uri = pathToFileURL(path).href;
      service.setDocument(uri, readFileSync(path, 'utf8'), 1);
      uris.push(uri);
    }
  }
  return { service, uris };
}

/** The range of the `occurrence`-th match of `needle` in `text` (0-based lines/characters). */
export function rangeOfText(text: string, needle: string, occurrence = 0): Range {
  let offset = -1;
  for (let i = 0; i <= occurrence; i++) {
    offset = text.indexOf(needle, offset + 1);
    if (offset < 0) throw new Error(`"${needle}" not found in text`);
  }
  const toPosition = (o: number) => {
    const before = text.slice(0, o).split('\n');
    return { line: before.length - 1, character: before[before.length - 1].length };
  };
  return { start: toPosition(offset), end: toPosition(offset + needle.length) };
}

export function summarize(diagnostics: Diagnostic[]): string {
  return diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code} ${d.message}`).join('\n');
}

/** Every *.yaml / *.yml file below a folder (absolute path), sorted, recursively. */
export function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...yamlFiles(path));
    else if (/\.ya?ml$/.test(name)) out.push(path);
  }
  return out;
}
