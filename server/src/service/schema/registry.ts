// apiVersion + kind -> JSON Schema (for hover/completion walks) and a compiled ajv validator.
// Validators are compiled on first use and cached: compiling every kind up front would cost seconds.
import Ajv, { type ValidateFunction } from 'ajv';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

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

const QUANTITY = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+|[KMGTPE]i|[numkKMGTPE])?$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export class SchemaRegistry {
  private readonly entries = new Map<string, KindEntry>();
  private readonly groupVersions = new Set<string>();
  private readonly kindsByGroup = new Map<string, Set<string>>();
  private readonly schemas = new Map<string, JsonSchema>();
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly ajv: Ajv;
  readonly index: SchemaIndex;

  constructor(private readonly schemaDir: string) {
    this.index = JSON.parse(readFileSync(join(schemaDir, 'index.json'), 'utf8')) as SchemaIndex;
    for (const entry of this.index.kinds) {
      this.entries.set(key(entry.apiVersion, entry.kind), entry);
      this.groupVersions.add(entry.apiVersion);
      const group = groupOf(entry.apiVersion);
      if (!this.kindsByGroup.has(group)) this.kindsByGroup.set(group, new Set());
      this.kindsByGroup.get(group)!.add(entry.kind);
    }
    this.ajv = new Ajv({ strict: false, allErrors: true, verbose: true, messages: false, validateSchema: false });
    this.ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 });
    this.ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
    this.ajv.addFormat('double', { type: 'number', validate: () => true });
    this.ajv.addFormat('byte', { type: 'string', validate: (s: string) => BASE64.test(s.replace(/\s+/g, '')) });
    this.ajv.addFormat('quantity', { type: 'string', validate: (s: string) => QUANTITY.test(s) });
    this.ajv.addFormat('int-or-string', true);
    // Kubernetes accepts RFC 3339 timestamps; a loose check avoids false alarms on valid offsets.
    this.ajv.addFormat('date-time', { type: 'string', validate: (s: string) => !Number.isNaN(Date.parse(s)) });
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
    if (!entry) return undefined;
    let schema = this.schemas.get(entry.file);
    if (!schema) {
      schema = JSON.parse(readFileSync(join(this.schemaDir, entry.file), 'utf8')) as JsonSchema;
      this.schemas.set(entry.file, schema);
    }
    return schema;
  }

  validator(apiVersion: string, kind: string): ValidateFunction | undefined {
    const entry = this.entry(apiVersion, kind);
    if (!entry) return undefined;
    let validate = this.validators.get(entry.file);
    if (!validate) {
      validate = this.ajv.compile(this.schema(apiVersion, kind)!);
      this.validators.set(entry.file, validate);
    }
    return validate;
  }
}

function key(apiVersion: string, kind: string): string {
  return `${apiVersion}|${kind}`;
}

export function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}
