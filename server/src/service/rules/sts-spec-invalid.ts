// What the API server rejects in a StatefulSet spec (ValidateStatefulSetSpec and
// validateRollingUpdateStatefulSet), and the volumeClaimTemplates that it accepts but its controller
// cannot create claims from (no name, no storage request, an invalid claim spec).
// Selector vs template labels is sts-selector-mismatch's; access modes are pvc-access-mode-invalid's.
import { STATEFUL_SET } from '../kinds';
import { isBuiltIn } from './builtIn';
import { Field, FieldErrors } from './fieldErrors';
import { validatePvcSpec } from './pvc-spec-invalid';
import type { Rule } from './types';
import { intOrPercent, validateTemplateRestartPolicy, validateWorkloadSelector } from './workloadChecks';

export const CLAIM_NOTE = ' (the API server accepts the StatefulSet, but its controller cannot create the claims, so no pod starts)';

export const stsSpecInvalid: Rule = {
  id: 'sts-spec-invalid',
  description: 'A StatefulSet spec the API server rejects (negative counts, update strategy, retention policy, selector, restartPolicy), or volumeClaimTemplates its controller cannot create claims from.',
  defaultSeverity: 'error',
  judges: 'meaning',
  kinds: [STATEFUL_SET],
  check(ctx) {
    if (!isBuiltIn(ctx.resource, STATEFUL_SET)) return;
    const errors = new FieldErrors(ctx);
    const spec = Field.root(ctx.resource).get('spec');
    if (!spec.map) return;
    for (const k of ['replicas', 'minReadySeconds', 'revisionHistoryLimit']) errors.nonNegative(spec.get(k));
    errors.nonNegative(new Field(spec.at('ordinals', 'start').node, `${spec.path}.ordinals.start`, spec.at('ordinals', 'start').keyNode, spec.get('ordinals')));

    const strategy = spec.get('updateStrategy');
    const type = strategy.get('type').string ?? 'RollingUpdate';
    const rolling = strategy.get('rollingUpdate');
    if (type === 'OnDelete' && rolling.exists) errors.invalidBlock(rolling, "only allowed for updateStrategy 'RollingUpdate'");
    if (type === 'RollingUpdate' && rolling.map) {
      errors.nonNegative(rolling.get('partition'));
      const maxUnavailable = rolling.get('maxUnavailable');
      const value = intOrPercent(errors, maxUnavailable, true);
      if (value === 0) errors.invalid(maxUnavailable, 'must be greater than 0');
    }
    const retention = spec.get('persistentVolumeClaimRetentionPolicy');
    for (const k of ['whenDeleted', 'whenScaled']) errors.oneOf(retention.get(k), ['Retain', 'Delete']);

    validateWorkloadSelector(errors, spec, 'statefulset', true);
    const podSpec = spec.at('template', 'spec');
    validateTemplateRestartPolicy(errors, podSpec, ['Always']);
    if (podSpec.get('activeDeadlineSeconds').exists) errors.forbidden(podSpec.get('activeDeadlineSeconds'), 'activeDeadlineSeconds in StatefulSet is not Supported');

    const claims = errors.withNote(CLAIM_NOTE);
    const names = new Set<string>();
    for (const template of spec.get('volumeClaimTemplates').items()) {
      if (!template.map) continue;
      const name = template.at('metadata', 'name');
      if (!name.exists) claims.required(name);
      else if (name.string !== undefined) {
        if (names.has(name.string)) claims.duplicate(name);
        names.add(name.string);
      }
      const claimSpec = template.get('spec');
      if (!claimSpec.exists) claims.required(claimSpec);
      else validatePvcSpec(claims, claimSpec, { accessModes: false });
    }
  },
};
