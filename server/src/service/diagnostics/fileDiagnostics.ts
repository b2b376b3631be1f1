// All diagnostics of one file: YAML syntax first, then each resource's schema check.
import { syntaxDiagnostics } from '../parse/syntaxDiagnostics';
import type { SchemaRegistry } from '../schema/registry';
import { validateResource } from '../schema/validateResource';
import type { Diagnostic, ParsedFile } from '../types';

export function fileDiagnostics(file: ParsedFile, registry: SchemaRegistry): Diagnostic[] {
  // Non-Kubernetes YAML (CI workflows, compose files, Helm values) and unrendered templates get no noise.
  if (!file.isKubernetes || file.isTemplate) return [];
  const out = syntaxDiagnostics(file);
  for (const document of file.documents) {
    // A document with syntax errors has a partial AST; checking it against the schema only adds noise.
    if (!document.resource || document.yaml.errors.length > 0) continue;
    out.push(...validateResource(file, document.resource, registry));
  }
  return out.sort(byPosition);
}

function byPosition(a: Diagnostic, b: Diagnostic): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}
