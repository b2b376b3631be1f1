// Runs the rule catalogue over a file's resources and turns findings into diagnostics:
// severity from settings (or off), `# k8s-stateful-disable-next-line <id>` suppression,
// and the rule id as `code` with a link to its doc page.
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { rangeOf } from '../parse/positions';
import { SOURCE } from '../parse/syntaxDiagnostics';
import type { SchemaRegistry } from '../schema/registry';
import type { Settings } from '../settings';
import type { Diagnostic, ParsedDocument, ParsedFile, Resource } from '../types';
import { descriptorFor, descriptorOf, type KindDescriptor } from '../kinds';
import type { WorkspaceIndex } from '../workspace';
import type { ScopeModel } from '../scope/model';
import { withJudgement } from '../diagnostics/valueJudgement';
import { ScopedIndex } from '../scope/scopedIndex';
import { RULES } from './catalogue';
import type { Finding, Rule, RuleContext, RuleSeverity } from './types';

export const SEVERITIES: Record<RuleSeverity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

const SUPPRESSION = /#\s*k8s-stateful-disable-next-line\b([^\n]*)/;

export interface RuleEnvironment {
  index: WorkspaceIndex;
  registry: SchemaRegistry;
  settings: Settings;
  /** Base URI of the rule docs (`<base>/<id>.md`), when known. */
  docsBaseUri?: string;
  /** Whether the file is a Kustomize patch (a partial resource): only rules with appliesToPatches run. */
  isPatch?: (uri: string) => boolean;
  /** Which files each file's rules may judge it against (docs/scopes.md); absent: the whole index. */
  scopes?: ScopeModel;
}

export function ruleDiagnostics(uri: string, file: ParsedFile, env: RuleEnvironment, rules: Rule[] = RULES): Diagnostic[] {
  if (!file.isKubernetes || file.isTemplate) return [];
  const out: Diagnostic[] = [];
  const active = rulesFor(env.isPatch?.(uri) ?? false, rules);
  for (const document of file.documents) documentRuleDiagnostics(uri, file, document, env, active, out);
  return out;
}

/** The rules that run on a file: on a Kustomize patch (a partial resource), only those with appliesToPatches. */
export function rulesFor(isPatch: boolean, rules: Rule[] = RULES): Rule[] {
  if (!isPatch) return rules;
  let forPatches = patchRules.get(rules);
  if (!forPatches) patchRules.set(rules, (forPatches = rules.filter((rule) => rule.appliesToPatches)));
  return forPatches;
}

const patchRules = new WeakMap<Rule[], Rule[]>();

/** Per list of rules, the rules each kind gets (most rules are about one or two kinds), by the kind's descriptor. */
const byKind = new WeakMap<Rule[], Map<KindDescriptor | undefined, Rule[]>>();

/** The rules a resource gets: those of its kind as the catalogue resolves it (by group and kind), and those for every kind. */
function rulesOfKind(rules: Rule[], resource: Resource): Rule[] {
  const descriptor = descriptorOf(resource.apiVersion, resource.kind);
  let kinds = byKind.get(rules);
  if (!kinds) byKind.set(rules, (kinds = new Map()));
  let list = kinds.get(descriptor);
  if (!list) kinds.set(descriptor, (list = rules.filter((rule) => !rule.kinds || (descriptor !== undefined && rule.kinds.some((key) => descriptorFor(key) === descriptor)))));
  return list;
}

/**
 * Appends the diagnostics of one document's resource to `out` (`rules` as given by rulesFor).
 * One context per resource, shared by its rules: a 2,500-resource file runs ~30 rules on each.
 */
export function documentRuleDiagnostics(uri: string, file: ParsedFile, document: ParsedDocument, env: RuleEnvironment, rules: Rule[], out: Diagnostic[]): void {
  const resource = document.resource;
  // Removed apiVersions are checked too (as their replacement): fixing the apiVersion must not uncover more.
  if (!resource || document.yaml.errors.length > 0) return;
  const findings: Finding[] = [];
  let context: RuleContext | undefined;
  for (const rule of rulesOfKind(rules, resource)) {
    const configured = env.settings.rules[rule.id];
    if (configured === 'off') continue;
    context ??= {
      file,
      uri,
      resource,
      index: env.scopes ? new ScopedIndex(env.index, env.scopes, uri) : env.index,
      appliedTogether: env.scopes ? (other: string) => env.scopes!.appliedTogether(uri, other) : undefined,
      registry: env.registry,
      settings: env.settings,
      namespace: env.index.namespaceOf(resource),
      report: (finding) => {
        findings.push(finding);
      },
    };
    findings.length = 0;
    try {
      rule.check(context);
    } catch (error) {
      // A rule bug must not take the other diagnostics down with it.
      findings.push({ node: resource.root.get('kind', true) as never, message: `internal error in rule ${rule.id}: ${(error as Error).message}`, severity: 'hint' });
    }
    for (const finding of findings) {
      const diagnostic = toDiagnostic(file, rule, finding, configured ?? finding.severity ?? rule.defaultSeverity, env.docsBaseUri);
      if (!isSuppressed(file, diagnostic.range.start.line, rule.id)) out.push(diagnostic);
    }
  }
}

function toDiagnostic(file: ParsedFile, rule: Rule, finding: Finding, severity: RuleSeverity, docsBaseUri?: string): Diagnostic {
  const [start, end] = finding.offsets ?? (finding.node?.range ? [finding.node.range[0], finding.node.range[1]] : [0, 0]);
  const diagnostic: Diagnostic = {
    range: rangeOf(file.lineCounter, file.text, start, end),
    severity: SEVERITIES[severity],
    source: SOURCE,
    code: rule.id,
    message: finding.message,
  };
  if (docsBaseUri) diagnostic.codeDescription = { href: `${docsBaseUri}/${rule.id}.md` };
  if (finding.data) diagnostic.data = { rule: rule.id, ...finding.data };
  return withJudgement(diagnostic, finding.judges ?? rule.judges);
}

/** `# k8s-stateful-disable-next-line id1, id2` on the line above (no ids: every rule). */
export function isSuppressed(file: ParsedFile, line: number, ruleId: string): boolean {
  if (line === 0) return false;
  const starts = file.lineCounter.lineStarts;
  const previous = file.text.slice(starts[line - 1], starts[line]);
  const match = SUPPRESSION.exec(previous);
  if (!match) return false;
  const ids = match[1].split(/[\s,]+/).filter(Boolean);
  return ids.length === 0 || ids.includes(ruleId);
}
