// Each file's last findings, kept compactly: the diagnostics and what they depend on, never the AST.
// A closed workspace file is then re-checked (re-parsed) only when its text, the settings, its
// Kustomize patch status, the scope model, the schema of one of its kinds (a CRD changed) or something its rules
// looked up in the index changed; and a file opened
// with the text the scan read shows its findings before anything is parsed.
import type { StoredText } from '../documents';
import type { SchemaRegistry } from '../schema/registry';
import type { Settings } from '../settings';
import type { Diagnostic, ParsedFile } from '../types';
import type { ScopeModel } from '../scope/model';
import type { WorkspaceIndex } from '../workspace';
import { dependenciesUnchanged, recordedVersions, type Dependencies } from './fileDiagnostics';

/** What a file's findings are judged in besides its text and the index. */
export interface FindingsContext {
  settings: Settings;
  isPatch: boolean;
  /** The scope model (a new object only when files, kustomizations or explicit scopes change). */
  scopes?: ScopeModel;
}

interface Findings extends FindingsContext {
  /** scopes.scopeKeyOf(the file): a new model that gives the same key judges the file alike. */
  scopeKey: string;
  dependencies: Dependencies;
  /** apiVersion, kind and registry.schemaToken of each resource of the file, flat. */
  schemas: Array<string | number>;
  diagnostics: Diagnostic[];
}

/** Shared by every file without findings (most of them); never mutated. */
const NONE: Diagnostic[] = Object.freeze([]) as unknown as Diagnostic[];

export class FileFindings {
  /** Keyed by the stored text: a new text (or opening/closing) is a new key, and the old entry goes with the old text. */
  private readonly byText = new WeakMap<StoredText, Findings>();

  constructor(
    private readonly index: WorkspaceIndex,
    private readonly registry: SchemaRegistry,
  ) {}

  /** The findings kept for this text, if nothing they depend on changed since. */
  current(stored: StoredText, context: FindingsContext): Diagnostic[] | undefined {
    const kept = this.byText.get(stored);
    if (!kept || kept.settings !== context.settings || kept.isPatch !== context.isPatch) return undefined;
    if (kept.scopes !== context.scopes) {
      if (scopeKey(stored.uri, context.scopes) !== kept.scopeKey) return undefined;
      kept.scopes = context.scopes;
    }
    for (let i = 0; i < kept.schemas.length; i += 3) {
      if (this.registry.schemaToken(kept.schemas[i] as string, kept.schemas[i + 1] as string) !== kept.schemas[i + 2]) return undefined;
    }
    return dependenciesUnchanged(this.index, kept.dependencies, stored.uri, context.scopes) ? kept.diagnostics : undefined;
  }

  /** Keeps findings just computed for this text; `looked` is what the rules looked up (fileDiagnostics). Returns the kept list. */
  keep(stored: StoredText, context: FindingsContext, looked: Set<string>, file: ParsedFile, diagnostics: Diagnostic[]): Diagnostic[] {
    const kept = diagnostics.length > 0 ? diagnostics : NONE;
    const schemas: Array<string | number> = [];
    for (const document of file.documents) {
      const resource = document.resource;
      // Built-in kinds' schemas never change: only other kinds are recorded (a CRD may come or go).
      if (resource && !this.registry.isBuiltIn(resource.apiVersion, resource.kind)) {
        schemas.push(resource.apiVersion, resource.kind, this.registry.schemaToken(resource.apiVersion, resource.kind));
      }
    }
    const { settings, isPatch, scopes } = context;
    this.byText.set(stored, { settings, isPatch, scopes, scopeKey: scopeKey(stored.uri, scopes), dependencies: recordedVersions(this.index, looked, stored.uri, scopes), schemas, diagnostics: kept });
    return kept;
  }
}

function scopeKey(uri: string, scopes: ScopeModel | undefined): string {
  return scopes ? scopes.scopeKeyOf(uri) : '';
}
