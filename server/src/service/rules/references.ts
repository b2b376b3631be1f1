// Shared policy and checks for references to other resources (the ref-* rules).
import { descriptorOf, kindId, type KindKey } from '../kinds';
import { closestName, editDistance } from '../schema/messages';
import { referencesOf, type Reference } from '../workspace/references';
import { hasUnknownKeys } from '../scope/scopedIndex';
import type { RuleContext, RuleSeverity } from './types';

/**
 * A reference to an object its scope never defines is probably to something made elsewhere
 * (`kubectl create secret`, an operator, another repository, the cluster): a hint, unless strict
 * references are on (then the rule's default). A near miss of a name the scope does define is
 * very likely a typo: a warning (docs/severity.md).
 */
export function missingReferenceSeverity(ctx: RuleContext, suggestion: string | undefined): RuleSeverity | undefined {
  if (ctx.settings.references.strict) return undefined;
  return suggestion ? 'warning' : 'hint';
}

/**
 * The name the scope defines that `name` is very likely a typo of: at most two edits apart (one for
 * short names), stricter than closestName's did-you-mean (a quarter of the length), because it makes
 * the finding a warning.
 */
export function likelyTypoOf(name: string, candidates: string[]): string | undefined {
  const suggestion = closestName(name, candidates);
  if (suggestion === undefined) return undefined;
  const allowed = name.length >= 8 ? 2 : 1;
  return editDistance(name.toLowerCase(), suggestion.toLowerCase(), allowed) <= allowed ? suggestion : undefined;
}

/** References a pod (or an operator's resource) makes to ConfigMaps or Secrets that must exist for it to start (image pull secrets excepted). */
function podDataReferences(ctx: RuleContext, target: KindKey): Reference[] {
  const id = kindId(target);
  return referencesOf(ctx.resource).filter((r) => r.target === id && r.via !== 'imagePullSecret');
}

/** ref-configmap-missing / ref-secret-missing: the named ConfigMap/Secret is defined nowhere in the namespace. */
export function checkMissingTarget(ctx: RuleContext, target: KindKey): void {
  const [id, kind] = [kindId(target), target.kind];
  const reported = new Set<unknown>();
  for (const ref of podDataReferences(ctx, target)) {
    // A volume with items yields one reference per key, all sharing the name scalar: report it once.
    if (ref.optional || reported.has(ref.nameNode)) continue;
    reported.add(ref.nameNode);
    if (ctx.index.find(id, ref.name, ctx.namespace).length > 0) continue;
    const all = ctx.index.ofKind(id);
    const suggestion = likelyTypoOf(ref.name, all.filter((r) => r.namespace === ctx.namespace).map((r) => r.name));
    const elsewhere = [...new Set(all.filter((r) => r.name === ref.name).map((r) => r.namespace))];
    let message = `${kind} "${ref.name}" not found in namespace ${ctx.namespace}`;
    if (suggestion) message += ` — did you mean "${suggestion}"?`;
    if (elsewhere.length > 0) message += ` (a ${kind} "${ref.name}" exists in namespace ${elsewhere.join(', ')}; references resolve in the pod's own namespace)`;
    message += descriptorOf(ctx.resource.apiVersion, ctx.resource.kind)?.podSpec
      ? `; the pod will not start unless it exists or the reference says optional: true`
      : `; the operator cannot set up this ${ctx.resource.kind} until it exists`;
    ctx.report({
      node: ref.nameNode,
      message,
      severity: missingReferenceSeverity(ctx, suggestion),
      data: { kind, name: ref.name, namespace: ctx.namespace, ...(suggestion ? { suggestion } : {}) },
    });
  }
}

/** ref-configmap-key-missing / ref-secret-key-missing: the ConfigMap/Secret exists but lacks the key. */
export function checkMissingKey(ctx: RuleContext, target: KindKey): void {
  const kind = target.kind;
  for (const ref of podDataReferences(ctx, target)) {
    if (ref.optional || ref.key === undefined || !ref.keyNode) continue;
    const targets = ctx.index.find(kindId(target), ref.name, ctx.namespace);
    // A missing target is the other rule's finding; a key of something unknown cannot be checked.
    if (targets.length === 0 || targets.some(hasUnknownKeys)) continue;
    // An operator makes it (kinds/): which keys it holds is not declared, so nothing to check.
    if (targets.some((t) => t.facts.madeBy)) continue;
    // From the index's facts: the ConfigMap/Secret may be in a closed file, which keeps no AST.
    if (targets.some((t) => t.facts.dataKeys?.some((k) => k.key === ref.key))) continue;
    const keys = [...new Set(targets.flatMap((t) => (t.facts.dataKeys ?? []).map((k) => k.key)))];
    // A Secret or ConfigMap with no keys at all (`data: {}`) is a stub whose values are filled in out
    // of band (kubectl, an operator, a CI step): its keys are not known here, so only a hint.
    const stub = keys.length === 0 && !ctx.settings.references.strict;
    const suggestion = closestName(ref.key, keys);
    let message = `key "${ref.key}" not found in ${kind} "${ref.name}" (namespace ${ctx.namespace})`;
    message += suggestion ? ` — did you mean "${suggestion}"?` : keys.length ? `; it has ${keys.map((k) => `"${k}"`).join(', ')}` : '; it has no keys';
    ctx.report({
      node: ref.keyNode,
      message,
      ...(stub ? { severity: 'hint' as const } : {}),
      data: { kind, name: ref.name, key: ref.key, namespace: ctx.namespace, targetUri: targets[0].uri, ...(suggestion ? { suggestion } : {}) },
    });
  }
}
