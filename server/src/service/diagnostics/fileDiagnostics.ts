// All diagnostics of one file: YAML syntax, each resource's schema check, then the rule catalogue.
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { sizeLimitDiagnostic } from '../parse/sizeLimit';
import { syntaxDiagnostics } from '../parse/syntaxDiagnostics';
import { isSuppressed, ruleDiagnostics, type RuleEnvironment } from '../rules/engine';
import { validateResource } from '../schema/validateResource';
import type { Diagnostic, ParsedFile } from '../types';

const SEVERITY_BY_NAME = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
} as const;

export function fileDiagnostics(uri: string, file: ParsedFile, env: RuleEnvironment): Diagnostic[] {
  // Non-Kubernetes YAML (CI workflows, compose files, Helm values) and unrendered templates get no noise.
  if (!file.isKubernetes || file.isTemplate) return [];
  // Over k8sStateful.maxFileSize: one notice at the top, plus syntax errors when the file was parsed.
  const tooLarge = sizeLimitDiagnostic(file);
  if (tooLarge) return [tooLarge, ...syntaxDiagnostics(file)].sort(byPosition);
  let schema = schemaDiagnostics(file, env);
  if (env.isPatch?.(uri)) schema = schema.filter((d) => !assumesCompleteResource(d));
  return [...schema, ...ruleDiagnostics(uri, file, env)].sort(byPosition);
}

/** In a Kustomize patch, missing required fields and `$patch`-style directives are expected. */
function assumesCompleteResource(diagnostic: Diagnostic): boolean {
  const data = diagnostic.data as { missingField?: string; unknownField?: string } | undefined;
  return data?.missingField !== undefined || (data?.unknownField?.startsWith('$') ?? false);
}

/** Syntax and schema diagnostics, cached per parsed file: they depend on nothing else. */
const schemaCache = new WeakMap<ParsedFile, Diagnostic[]>();

function schemaDiagnostics(file: ParsedFile, env: RuleEnvironment): Diagnostic[] {
  let cached = schemaCache.get(file);
  if (!cached) {
    cached = syntaxDiagnostics(file);
    for (const document of file.documents) {
      // A document with syntax errors has a partial AST; checking it against the schema only adds noise.
      if (!document.resource || document.yaml.errors.length > 0) continue;
      cached.push(...validateResource(file, document.resource, env.registry));
    }
    schemaCache.set(file, cached);
  }
  const out: Diagnostic[] = [];
  for (const diagnostic of cached) {
    const id = String(diagnostic.code);
    const configured = env.settings.rules[id];
    if (configured === 'off' || isSuppressed(file, diagnostic.range.start.line, id)) continue;
    out.push(configured ? { ...diagnostic, severity: SEVERITY_BY_NAME[configured] } : diagnostic);
  }
  return out;
}

function byPosition(a: Diagnostic, b: Diagnostic): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}
