// The host's schema loader over the generated folder (schemas/generated): index.json, one JSON
// Schema per kind, and next to each the validator module scripts/build-validators.mjs generated
// from it. The language service reads nothing itself (ARCHITECTURE.md, "no IO in service/").
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { JsonSchema, SchemaIndex, SchemaLoader, Validator } from './service/schema/registry';

/** The shape of a generated validator module (scripts/build-validators.mjs). */
interface PrecompiledModule {
  schemaSha1: string;
  create(rootSchema: JsonSchema): Validator;
}

export function schemaFiles(dir: string): SchemaLoader {
  return {
    index: () => JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as SchemaIndex,
    schemaText: (file) => readFileSync(join(dir, file), 'utf8'),
    precompiledValidator(file, schemaText, schema) {
      // A plain require of the file next to the schema: it is outside the esbuild bundles by design.
      const generated = createRequire(join(dir, file))(`./${file.replace(/\.json$/, '.js')}`) as PrecompiledModule;
      // Made from another schema text (a stale build): the registry compiles this one instead.
      if (generated.schemaSha1 !== createHash('sha1').update(schemaText).digest('hex') || typeof generated.create !== 'function') return undefined;
      return generated.create(schema);
    },
  };
}
