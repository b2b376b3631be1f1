// What the API server rejects in a PersistentVolumeClaim spec (ValidatePersistentVolumeClaimSpec):
// a storage request (limits alone are not enough), dataSource/dataSourceRef rules, class and
// selector formats. The same spec is checked in a StatefulSet's volumeClaimTemplates (by
// sts-spec-invalid: there the controller fails to create the claims) and in ephemeral volumes.
// Access modes are pvc-access-mode-invalid's, except in ephemeral volumes, which it does not see.
import { CLAIM } from '../kinds';
import { parseQuantity } from '../k8s/quantity';
import { dns1123Subdomain } from '../k8s/validation';
import { builtInGroup } from './builtIn';
import { Field, FieldErrors } from './fieldErrors';
import { validateLabelSelector } from './commonChecks';
import type { Rule } from './types';

export const pvcSpecInvalid: Rule = {
  id: 'pvc-spec-invalid',
  description: 'A PersistentVolumeClaim spec the API server rejects: no storage request, dataSource/dataSourceRef mistakes, invalid class or selector.',
  defaultSeverity: 'error',
  judges: 'meaning',
  kinds: [CLAIM],
  check(ctx) {
    if (builtInGroup(ctx.resource) !== '') return;
    const spec = Field.root(ctx.resource).get('spec');
    if (!spec.exists) {
      new FieldErrors(ctx).required(spec);
      return;
    }
    validatePvcSpec(new FieldErrors(ctx), spec, { accessModes: false });
  },
};

export function validatePvcSpec(errors: FieldErrors, spec: Field, options: { accessModes: boolean } = { accessModes: true }): void {
  if (!spec.map) return;
  if (options.accessModes) {
    const modes = spec.get('accessModes').items().map((m) => m.string);
    if (modes.length === 0) errors.required(spec.get('accessModes'), 'at least 1 access mode is required');
    else if (modes.includes('ReadWriteOncePod') && modes.length > 1) errors.forbidden(spec.get('accessModes'), 'may not use ReadWriteOncePod with other access modes');
  }
  const storage = spec.at('resources', 'requests', 'storage');
  if (!storage.exists) {
    errors.required(new Field(undefined, `${spec.path}.resources[storage]`, undefined, spec.get('resources').exists ? spec.get('resources') : spec));
  } else {
    const q = storage.scalar === undefined || typeof storage.scalar === 'boolean' ? undefined : parseQuantity(storage.scalar);
    if (q && (q.negative || q.numerator === 0n)) errors.invalid(storage, 'must be greater than zero', q.text);
  }
  const className = spec.get('storageClassName').string;
  if (className) errors.format(spec.get('storageClassName'), dns1123Subdomain);
  const attributesClass = spec.get('volumeAttributesClassName').string;
  if (attributesClass) errors.format(spec.get('volumeAttributesClassName'), dns1123Subdomain);
  validateLabelSelector(errors, spec.get('selector'));
  const dataSource = spec.get('dataSource');
  const dataSourceRef = spec.get('dataSourceRef');
  for (const source of [dataSource, dataSourceRef]) {
    if (!source.map) continue;
    const kind = source.get('kind');
    const name = source.get('name');
    if (!name.string) errors.required(name);
    if (!kind.string) errors.required(kind);
    const group = source.get('apiGroup').string ?? '';
    if (kind.string && group === '' && kind.string !== 'PersistentVolumeClaim') errors.invalid(kind, "must be 'PersistentVolumeClaim' when referencing the default apiGroup");
    if (source === dataSource && source.get('namespace').exists) errors.forbidden(source.get('namespace'), 'dataSource may not have a namespace');
  }
  if (dataSource.map && dataSourceRef.map && !sameSource(dataSource, dataSourceRef)) {
    errors.invalidBlock(dataSource, 'must match dataSourceRef');
  }
}

function sameSource(a: Field, b: Field): boolean {
  if (b.get('namespace').string) return false;
  return ['apiGroup', 'kind', 'name'].every((k) => (a.get(k).string ?? '') === (b.get(k).string ?? ''));
}
