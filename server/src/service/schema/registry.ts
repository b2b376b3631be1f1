// apiVersion + kind -> JSON Schema (for hover/completion walks) and a validator, made on first use and cached.
// The validator is normally the module scripts/build-validators.mjs generated at build time next to the
// kind's schema (loading it costs a few ms); compiling it with ajv here costs 10-150 ms per kind, so that is
// only the fallback when the host has no generated module for the schema text.
// The registry reads nothing itself: the host hands it a SchemaLoader (server/src/schemaFiles.ts reads
// the generated folder), so the service runs wherever its host can fetch the schemas.
import type Ajv from 'ajv';
import type { ErrorObject } from 'ajv';
import { AJV_OPTIONS, formats } from './formats';

export interface KindEntry {
  apiVersion: string;
  kind: string;
  file: string;
  description?: string;
  /** Set for kinds the workspace defines (a custom resource's CRD): their schema comes from CustomSchemas. */
  custom?: true;
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

/** How the service gets its schemas: provided by the host (files, a bundle, fetches in a browser worker). */
export interface SchemaLoader {
  /** The list of kinds and their schema files (the generated index.json). */
  index(): SchemaIndex;
  /** The JSON text of one schema file named by the index. */
  schemaText(file: string): string;
  /**
   * A validator generated at build time for exactly this schema text, when the host has one; the
   * registry compiles the schema with ajv otherwise.
   */
  precompiledValidator?(file: string, schemaText: string, schema: JsonSchema): Validator | undefined;
}

/**
 * Kinds known at run time, beside the built-in ones: custom resources from their CRDs (crds/catalog.ts).
 * Consulted only for an apiVersion+kind the built-in schemas do not have.
 */
export interface CustomSchemas {
  entry(apiVersion: string, kind: string): KindEntry | undefined;
  schema(entry: KindEntry): JsonSchema | undefined;
  validator(entry: KindEntry): Validator | undefined;
  /** Changes whenever any custom kind's schema changes (or appears, or goes). */
  version(): number;
  /** Every custom kind known now. */
  entries(): KindEntry[];
}

interface LoadedSchema {
  schema: JsonSchema;
  text: string;
}

export class SchemaRegistry {
  private readonly entries = new Map<string, KindEntry>();
  private readonly groupVersions = new Set<string>();
  private readonly kindsByGroup = new Map<string, Set<string>>();
  private readonly schemas = new Map<string, LoadedSchema>();
  private readonly validators = new Map<string, { validate: Validator; origin: ValidatorOrigin }>();
  private readonly usePrecompiled: boolean;
  private ajv: Ajv | undefined;
  private custom: CustomSchemas | undefined;
  readonly index: SchemaIndex;

  constructor(
    private readonly loader: SchemaLoader,
    options: RegistryOptions = {},
  ) {
    this.usePrecompiled = options.precompiled ?? true;
    this.index = loader.index();
    for (const entry of this.index.kinds) {
      this.entries.set(key(entry.apiVersion, entry.kind), entry);
      this.groupVersions.add(entry.apiVersion);
      const group = groupOf(entry.apiVersion);
      if (!this.kindsByGroup.has(group)) this.kindsByGroup.set(group, new Set());
      this.kindsByGroup.get(group)!.add(entry.kind);
    }
  }

  /** Where custom resources' schemas come from (the service wires its CRD catalogue in). */
  setCustomSchemas(custom: CustomSchemas): void {
    this.custom = custom;
  }

  entry(apiVersion: string, kind: string): KindEntry | undefined {
    return this.entries.get(key(apiVersion, kind)) ?? this.custom?.entry(apiVersion, kind);
  }

  /** Whether the kind is one of the built-in kinds (not a custom resource). */
  isBuiltIn(apiVersion: string, kind: string): boolean {
    return this.entries.has(key(apiVersion, kind));
  }

  /**
   * What a resource's schema check depends on beyond its own text: nothing for built-in kinds (0);
   * for any other kind, the custom schemas as they are now. Caches of findings compare it.
   */
  schemaToken(apiVersion: string, kind: string): number {
    return this.isBuiltIn(apiVersion, kind) ? 0 : this.customSchemasVersion();
  }

  /** Changes whenever a custom kind's schema changes, appears or goes: while it stays, no schemaToken changes. */
  customSchemasVersion(): number {
    return this.custom?.version() ?? 0;
  }

  /** Whether we ship schemas for this apiVersion (then an unknown kind in it is a mistake, not a CRD). */
  knowsGroupVersion(apiVersion: string): boolean {
    return this.groupVersions.has(apiVersion);
  }

  kindsInGroup(apiVersion: string): string[] {
    return [...(this.kindsByGroup.get(groupOf(apiVersion)) ?? [])];
  }

  /** The built-in kinds. */
  allEntries(): KindEntry[] {
    return this.index.kinds;
  }

  /** The custom resources' kinds known now (from CRDs). */
  customEntries(): KindEntry[] {
    return this.custom?.entries() ?? [];
  }

  schema(apiVersion: string, kind: string): JsonSchema | undefined {
    const entry = this.entry(apiVersion, kind);
    if (entry?.custom) return this.custom?.schema(entry);
    return entry && this.load(entry).schema;
  }

  validator(apiVersion: string, kind: string): Validator | undefined {
    const entry = this.entry(apiVersion, kind);
    if (!entry) return undefined;
    if (entry.custom) return this.custom?.validator(entry);
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
    if (entry?.custom) return 'compiled';
    return entry && this.validators.get(entry.file)?.origin;
  }

  private load(entry: KindEntry): LoadedSchema {
    let loaded = this.schemas.get(entry.file);
    if (!loaded) {
      const text = this.loader.schemaText(entry.file);
      loaded = { schema: JSON.parse(text) as JsonSchema, text };
      this.schemas.set(entry.file, loaded);
    }
    return loaded;
  }

  private loadPrecompiled(entry: KindEntry): Validator | undefined {
    const { schema, text } = this.load(entry);
    try {
      return this.loader.precompiledValidator?.(entry.file, text, schema);
    } catch {
      return undefined; // missing or broken: compile at run time instead
    }
  }

  private compile(entry: KindEntry): Validator {
    return this.compileSchema(this.load(entry).schema);
  }

  /** Compiles a schema with the same ajv options and formats as the built-in kinds' validators. */
  compileSchema(schema: JsonSchema): Validator {
    if (!this.ajv) {
      // Loaded on demand: with the generated validators, ajv itself is never needed at run time.
      const { default: AjvClass } = require('ajv') as typeof import('ajv');
      this.ajv = new AjvClass({ ...AJV_OPTIONS, formats });
    }
    return this.ajv.compile(schema);
  }
}

function key(apiVersion: string, kind: string): string {
  return `${apiVersion}|${kind}`;
}

export function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}
