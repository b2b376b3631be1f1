// Checks shared by the workload spec rules (sts-spec-invalid, workload-spec-invalid): selectors and
// template labels, the pod template's restartPolicy, int-or-percent rollout limits.
import { selectorMatches } from '../k8s/storage';
import { stringMap } from '../yaml/access';
import { Field, FieldErrors } from './fieldErrors';
import { validateLabelSelector } from './commonChecks';

/** spec.selector: not empty, well-formed, and (unless `skipMatch`) matching the template labels. */
export function validateWorkloadSelector(errors: FieldErrors, spec: Field, kindWord: string, skipMatch = false): void {
  const selector = spec.get('selector');
  // A missing selector is the schema check's finding (apps/v1 requires it).
  if (!selector.map) return;
  validateLabelSelector(errors, selector);
  const labels = selector.get('matchLabels').entries().length + selector.get('matchExpressions').items().length;
  if (labels === 0) {
    errors.invalidBlock(selector, `empty selector is invalid for ${kindWord}`);
    return;
  }
  const template = spec.get('template');
  if (skipMatch || !template.map) return;
  const templateLabels = template.at('metadata', 'labels');
  if (selectorMatches(selector.map, stringMap(templateLabels.map)) === false) {
    errors.invalidBlock(template.at('metadata', 'labels').exists ? templateLabels : template.get('metadata').exists ? template.get('metadata') : template, '`selector` does not match template `labels`');
  }
}

/** The pod template's restartPolicy must be one of `allowed`; absent means Always (the API server's default). */
export function validateTemplateRestartPolicy(errors: FieldErrors, podSpec: Field, allowed: string[]): void {
  if (!podSpec.map) return;
  const policy = podSpec.get('restartPolicy');
  const value = policy.string ?? (policy.exists ? undefined : 'Always');
  if (value === undefined || allowed.includes(value)) return;
  if (policy.exists) errors.notSupported(policy, allowed);
  else errors.required(policy, `valid values: ${allowed.map((a) => JSON.stringify(a)).join(', ')} (the default, Always, is not allowed here)`);
}

/** An int-or-string that must be a non-negative integer or a percentage ("25%"), as maxSurge/maxUnavailable. */
export function intOrPercent(errors: FieldErrors, field: Field, atMost100 = false): number | undefined {
  if (field.number !== undefined) {
    if (field.number < 0) errors.invalid(field, 'must be greater than or equal to 0');
    return field.number;
  }
  const text = field.string;
  if (text === undefined) return undefined;
  const m = /^(\d+)%$/.exec(text);
  if (!m) {
    errors.invalid(field, "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')");
    return undefined;
  }
  const percent = Number(m[1]);
  if (atMost100 && percent > 100) errors.invalid(field, 'must not be greater than 100%');
  return percent;
}
