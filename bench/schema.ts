// Our generated schemas, assembled the way yaml-language-server takes Kubernetes schemas: ONE
// draft-07 schema associated with the manifest, which picks the kind's schema by apiVersion and
// kind. Each kind file (self-contained: root + `definitions`) becomes a definition; the root is an
// `allOf` of `if {apiVersion, kind} then {$ref kind}` branches, one per kind in index.json, so a
// document is validated against exactly its kind's schema (what our server does), with no
// "matches several schemas" ambiguity that an anyOf/oneOf union would add.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

type Schema = Record<string, any>;

export interface CombinedSchema {
  path: string;
  kinds: number;
  definitions: number;
  bytes: number;
}

export function writeCombinedSchema(schemaDir: string, outPath: string): CombinedSchema {
  const index = JSON.parse(readFileSync(join(schemaDir, 'index.json'), 'utf8')) as { kinds: Array<{ apiVersion: string; kind: string; file: string }> };
  const definitions: Record<string, Schema> = {};
  const definitionText = new Map<string, string>();
  const branches: Schema[] = [];
  const kindDefinition = new Map<string, string>();
  for (const entry of index.kinds) {
    let name = kindDefinition.get(entry.file);
    if (!name) {
      const schema = JSON.parse(readFileSync(join(schemaDir, entry.file), 'utf8')) as Schema;
      const { definitions: defs = {}, $schema: _ignored, ...root } = schema;
      for (const [key, value] of Object.entries(defs as Record<string, Schema>)) {
        const text = JSON.stringify(value);
        const existing = definitionText.get(key);
        if (existing !== undefined && existing !== text) throw new Error(`definition ${key} differs between kind files; cannot merge`);
        definitionText.set(key, text);
        definitions[key] = value;
      }
      name = `kind:${entry.file.replace(/\.json$/, '')}`;
      definitions[name] = root;
      kindDefinition.set(entry.file, name);
    }
    branches.push({
      if: { properties: { apiVersion: { const: entry.apiVersion }, kind: { const: entry.kind } }, required: ['apiVersion', 'kind'] },
      then: { $ref: `#/definitions/${name}` },
    });
  }
  const combined = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Kubernetes built-in kinds (k8s-stateful generated schemas, combined by apiVersion/kind)',
    type: 'object',
    allOf: branches,
    definitions,
  };
  const text = JSON.stringify(combined);
  writeFileSync(outPath, text);
  return { path: outPath, kinds: branches.length, definitions: Object.keys(definitions).length, bytes: text.length };
}
