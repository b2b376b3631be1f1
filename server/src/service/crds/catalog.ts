// The custom resource kinds the workspace defines: every CustomResourceDefinition in the indexed
// documents, plus the CRD files the host read for the `k8sStateful.crds` setting / `--crds` (the
// host does the IO and hands over their text). The schema registry asks here for any kind that is
// not built in (registry.ts, CustomSchemas).
// Caches: each CRD document's kinds by the document's text; each validator by its schema's JSON
// text, compiled on first use. Both keep only what the current CRDs use. `version()` changes
// whenever a kind's schema changes, appears or goes; the findings caches compare it.
import { CONFIG_MAP, CUSTOM_RESOURCE_DEFINITION, type CustomKindScope, kindId } from '../kinds';
import type { DocumentStore } from '../documents';
import { parseFile } from '../parse/parseFile';
import { documentData } from '../schema/documentData';
import type { CustomSchemas, JsonSchema, KindEntry, SchemaRegistry, Validator } from '../schema/registry';
import type { IndexedResource, WorkspaceIndex } from '../workspace';
import { customKindsOf, isCrd, validatedSchema, withObjectMeta, type CustomKind } from './crdSchema';
import { schemaWalker } from './validator';

/** A CRD file the host read for the setting. */
export interface CrdSource {
  uri: string;
  text: string;
}

interface Defined {
  entry: KindEntry;
  custom: CustomKind;
  /** The kind's own schema as JSON: with the kind, what its validator is cached by. */
  schemaText: string;
  schema?: JsonSchema;
}

/** A CRD's aliases may expand this far before it is ignored (as for any resource). */
const MAX_ALIAS_COUNT = 1000;
/** The built-in kind whose schema lends custom resources their `metadata` (ObjectMeta): the smallest that has it. */
const OBJECT_META_CARRIER = { apiVersion: 'v1', kind: CONFIG_MAP.kind };

export class CrdCatalog implements CustomSchemas {
  private external: CustomKind[][] = [];
  private externalChanged = false;
  private seenGeneration = -1;
  private seenCrds: IndexedResource[] = [];
  private kinds = new Map<string, Defined>();
  private counter = 0;
  /** Kinds per CRD document text. */
  private byText = new Map<string, CustomKind[]>();
  /** Validators per kind and schema JSON text (validatorKeyOf). */
  private validators = new Map<string, Validator>();

  constructor(
    private readonly index: WorkspaceIndex,
    private readonly documents: DocumentStore,
    private readonly registry: SchemaRegistry,
  ) {}

  /** Replaces the CRD files named by the setting (their text, read by the host). */
  setSources(sources: CrdSource[]): void {
    this.external = sources.map((source) => {
      const file = parseFile(source.text);
      return file.documents.flatMap((document) => {
        const resource = document.resource;
        if (!resource || !isCrd(resource.apiVersion, resource.kind) || document.yaml.errors.length > 0) return [];
        return kindsOf(() => documentData(document.yaml, MAX_ALIAS_COUNT));
      });
    });
    this.externalChanged = true;
  }

  /** The kinds (with their scopes) of the setting's CRD files: the index scopes their resources by them. */
  externalKinds(): CustomKindScope[] {
    return this.external.flat().map(({ group, kind, scope }) => ({ group, kind, scope }));
  }

  entry(apiVersion: string, kind: string): KindEntry | undefined {
    return this.current().get(key(apiVersion, kind))?.entry;
  }

  schema(entry: KindEntry): JsonSchema | undefined {
    const defined = this.current().get(key(entry.apiVersion, entry.kind));
    if (!defined) return undefined;
    defined.schema ??= withObjectMeta(defined.custom, this.registry.schema(OBJECT_META_CARRIER.apiVersion, OBJECT_META_CARRIER.kind));
    return defined.schema;
  }

  validator(entry: KindEntry): Validator | undefined {
    const defined = this.current().get(key(entry.apiVersion, entry.kind));
    if (!defined) return undefined;
    const validatorKey = validatorKeyOf(defined);
    let validate = this.validators.get(validatorKey);
    if (!validate) {
      // Walked, not compiled: nothing to pay up front however big the CRD (validator.ts).
      validate = schemaWalker(validatedSchema(defined.custom, this.schema(entry)!));
      this.validators.set(validatorKey, validate);
    }
    return validate;
  }

  version(): number {
    this.current();
    return this.counter;
  }

  /** Every custom kind known now. */
  entries(): KindEntry[] {
    return [...this.current().values()].map((d) => d.entry);
  }

  /** The kinds by apiVersion|kind, brought up to date with the index and the setting's files. */
  private current(): Map<string, Defined> {
    this.index.refresh();
    if (this.index.generation === this.seenGeneration && !this.externalChanged) return this.kinds;
    this.seenGeneration = this.index.generation;
    const crds = this.index.ofKind(kindId(CUSTOM_RESOURCE_DEFINITION));
    if (!this.externalChanged && sameEntries(crds, this.seenCrds)) return this.kinds;
    this.externalChanged = false;
    this.seenCrds = crds;

    const byText = new Map<string, CustomKind[]>();
    const found: CustomKind[][] = [];
    for (const crd of crds) {
      if (!isCrd(crd.apiVersion, crd.kind)) continue;
      const text = this.documents.storedText(crd.uri)?.text.slice(crd.start, crd.end);
      if (text === undefined) continue;
      const kinds = this.kindsOfText(text, () => documentData(crd.resource.document.yaml, MAX_ALIAS_COUNT));
      byText.set(text, kinds);
      found.push(kinds);
    }
    this.byText = byText;

    // The workspace's CRDs first: when the setting's copy differs, the one being edited wins.
    const next = new Map<string, Defined>();
    for (const kinds of [...found, ...this.external]) {
      for (const custom of kinds) {
        const id = key(custom.apiVersion, custom.kind);
        if (next.has(id) || this.registry.isBuiltIn(custom.apiVersion, custom.kind)) continue;
        const schemaText = JSON.stringify(custom.schema ?? null);
        const previous = this.kinds.get(id);
        next.set(id, previous && previous.schemaText === schemaText && previous.custom.scope === custom.scope ? previous : defined(custom, schemaText));
      }
    }
    if (!sameKinds(this.kinds, next)) this.counter++;
    this.kinds = next;
    const used = new Set([...next.values()].map(validatorKeyOf));
    for (const text of this.validators.keys()) if (!used.has(text)) this.validators.delete(text);
    return next;
  }

  private kindsOfText(text: string, data: () => unknown): CustomKind[] {
    let kinds = this.byText.get(text);
    if (!kinds) {
      kinds = kindsOf(data);
      this.byText.set(text, kinds);
    }
    return kinds;
  }
}

function kindsOf(data: () => unknown): CustomKind[] {
  try {
    return customKindsOf(data());
  } catch {
    return []; // aliases expanding too far: the CRD is ignored
  }
}

function defined(custom: CustomKind, schemaText: string): Defined {
  return {
    entry: { apiVersion: custom.apiVersion, kind: custom.kind, file: `crd:${custom.apiVersion}/${custom.kind}`, description: custom.description, custom: true },
    custom,
    schemaText,
  };
}

/** Kinds of the same schema differ in their apiVersion and kind enums: each has its own validator. */
function validatorKeyOf(defined: Defined): string {
  return `${key(defined.entry.apiVersion, defined.entry.kind)}\n${defined.custom.statusSubresource ? 'status-subresource\n' : ''}${defined.schemaText}`;
}

function key(apiVersion: string, kind: string): string {
  return `${apiVersion}|${kind}`;
}

function sameEntries(a: IndexedResource[], b: IndexedResource[]): boolean {
  return a.length === b.length && a.every((entry, i) => entry === b[i]);
}

function sameKinds(a: Map<string, Defined>, b: Map<string, Defined>): boolean {
  if (a.size !== b.size) return false;
  for (const [id, defined] of a) if (b.get(id) !== defined) return false;
  return true;
}
