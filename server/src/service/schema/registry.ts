// apiVersion + kind -> JSON Schema (for hover/completion walks) and a validator, made on first use and cached.
// The validator is normally the module scripts/build-validators.mjs generated at build time next to the
// kind's schema (loading it costs a few ms); compiling it with ajv here costs 10-150 ms per kind, so that is
// only the fallback when the module is missing, fails to load or was made from another schema text.
import type Ajv from 'ajv';
import type { ErrorObject } from 'ajv';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { AJV_OPTIONS, formats } from './formats';

export interface KindEntry {
  apiVersion: string;
  kind: string;
  file: string;
  description?: string;
}

export interface SchemaIndex {
  source: string;
  kubernetesVersion: string;
  kinds: KindEntry[];
}

export type JsonSchema = Record<string, any>;

/** What schema validation needs of a validator, whichever way it was made. */
export interface Validator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

export type ValidatorOrigin = 'precompiled' | 'compiled';

export interface RegistryOptions {
  /** false: always compile validators at run time (tests compare the two ways). Default true. */
  precompiled?: boolean;
}

/** The shape of a generated validator module (scripts/build-validators.mjs). */
interface PrecompiledModule {
  schemaSha1: string;
  create(rootSchema: JsonSchema): Validator;
}

interface LoadedSchema {
  schema: JsonSchema;
  sha1: string;
}

export class SchemaRegistry {
  private readonly entries = new Map<string, KindEntry>();
  private readonly groupVersions = new Set<string>();
  private readonly kindsByGroup = new Map<string, Set<string>>();
  private readonly schemas = new Map<string, LoadedSchema>();
  private readonly validators = new Map<string, { validate: Validator; origin: ValidatorOrigin }>();
  private readonly usePrecompiled: boolean;
  private ajv: Ajv | undefined;
  readonly index: SchemaIndex;

  constructor(
    private readonly schemaDir: string,
    options: RegistryOptions = {},
  ) {
    this.usePrecompiled = options.precompiled ?? true;
    this.index = JSON.parse(readFileSync(join(schemaDir, 'index.json'), 'utf8')) as SchemaIndex;
    for (const entry of this.index.kinds) {
      this.entries.set(key(entry.apiVersion, entry.kind), entry);
      this.groupVersions.add(entry.apiVersion);
      const group = groupOf(entry.apiVersion);
      if (!this.kindsByGroup.has(group)) this.kindsByGroup.set(group, new Set());
      this.kindsByGroup.get(group)!.add(entry.kind);
    }
  }

  entry(apiVersion: string, kind: string): KindEntry | undefined {
    return this.entries.get(key(apiVersion, kind));
  }

  /** Whether we ship schemas for this apiVersion (then an unknown kind in it is a mistake, not a CRD). */
  knowsGroupVersion(apiVersion: string): boolean {
    return this.groupVersions.has(apiVersion);
  }

  kindsInGroup(apiVersion: string): string[] {
    return [...(this.kindsByGroup.get(groupOf(apiVersion)) ?? [])];
  }

  allEntries(): KindEntry[] {
    return this.index.kinds;
  }

  schema(apiVersion: string, kind: string): JsonSchema | undefined {
    const entry = this.entry(apiVersion, kind);
    return entry && this.load(entry).schema;
  }

  validator(apiVersion: string, kind: string): Validator | undefined {
    const entry = this.entry(apiVersion, kind);
    if (!entry) return undefined;
    let cached = this.validators.get(entry.file);
    if (!cached) {
      const precompiled = this.usePrecompiled ? this.loadPrecompiled(entry) : undefined;
      cached = precompiled ? { validate: precompiled, origin: 'precompiled' } : { validate: this.compile(entry), origin: 'compiled' };
      this.validators.set(entry.file, cached);
    }
    return cached.validate;
  }

  /** How the kind's validator was made, once validator() has made it. */
  validatorOrigin(apiVersion: string, kind: string): ValidatorOrigin | undefined {
    const entry = this.entry(apiVersion, kind);
    return entry && this.validators.get(entry.file)?.origin;
  }

  private load(entry: KindEntry): LoadedSchema {
    let loaded = this.schemas.get(entry.file);
    if (!loaded) {
      const text = readFileSync(join(this.schemaDir, entry.file), 'utf8');
      loaded = { schema: JSON.parse(text) as JsonSchema, sha1: createHash('sha1').update(text).digest('hex') };
      this.schemas.set(entry.file, loaded);
    }
    return loaded;
  }

  private loadPrecompiled(entry: KindEntry): Validator | undefined {
    const { schema, sha1 } = this.load(entry);
    try {
      // A plain require of the file next to the schema: it is outside the esbuild bundles by design.
      const generated = createRequire(join(this.schemaDir, entry.file))(`./${entry.file.replace(/\.json$/, '.js')}`) as PrecompiledModule;
      if (generated.schemaSha1 !== sha1 || typeof generated.create !== 'function') return undefined;
      return generated.create(schema);
    } catch {
      return undefined; // missing or broken: compile at run time instead
    }
  }

  private compile(entry: KindEntry): Validator {
    if (!this.ajv) {
      // Loaded on demand: with the generated validators, ajv itself is never needed at run time.
      const { default: AjvClass } = require('ajv') as typeof import('ajv');
      this.ajv = new AjvClass({ ...AJV_OPTIONS, formats });
    }
    return this.ajv.compile(this.load(entry).schema);
  }
}

function key(apiVersion: string, kind: string): string {
  return `${apiVersion}|${kind}`;
}

export function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}
