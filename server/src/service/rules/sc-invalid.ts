// What the API server rejects in a StorageClass (ValidateStorageClass): a qualified provisioner, a reclaim
// policy of Delete or Retain (Recycle is for PersistentVolumes only), a known volume binding mode,
// parameters within their limits, topology terms with keys and values.
import { STORAGE_CLASS } from '../kinds';
import { qualifiedName } from '../k8s/validation';
import { isBuiltIn } from './builtIn';
import { Field, FieldErrors } from './fieldErrors';
import type { Rule } from './types';

const MAX_PARAMETERS = 512;
const MAX_PROVISIONER_LENGTH = 63;
const MAX_PARAMETERS_BYTES = 256 * 1024;

export const scInvalid: Rule = {
  id: 'sc-invalid',
  description: 'A StorageClass the API server rejects: no provisioner, a reclaimPolicy other than Delete or Retain, an unknown volumeBindingMode, oversized parameters.',
  defaultSeverity: 'error',
  judges: 'meaning',
  kinds: [STORAGE_CLASS],
  check(ctx) {
    if (!isBuiltIn(ctx.resource, STORAGE_CLASS)) return;
    const errors = new FieldErrors(ctx);
    const root = Field.root(ctx.resource);
    const provisioner = root.get('provisioner');
    // A missing provisioner is the schema check's finding (it is a required field).
    if (provisioner.string !== undefined) {
      const problem = qualifiedName(provisioner.string.toLowerCase());
      if (problem) errors.invalid(provisioner, problem);
      else if (provisioner.string.length > MAX_PROVISIONER_LENGTH) errors.tooLong(provisioner, MAX_PROVISIONER_LENGTH);
    }
    errors.oneOf(root.get('reclaimPolicy'), ['Delete', 'Retain']);
    errors.oneOf(root.get('volumeBindingMode'), ['Immediate', 'WaitForFirstConsumer']);
    const parameters = root.get('parameters').entries();
    if (parameters.length > MAX_PARAMETERS) errors.tooMany(root.get('parameters'), parameters.length, MAX_PARAMETERS);
    let size = 0;
    for (const { key, field } of parameters) size += key.length + String(field.scalar ?? '').length;
    if (size > MAX_PARAMETERS_BYTES) errors.tooLong(root.get('parameters'), MAX_PARAMETERS_BYTES);
    for (const term of root.get('allowedTopologies').items()) {
      const expressions = term.get('matchLabelExpressions');
      if (expressions.items().length === 0 && term.map) errors.required(expressions, 'must contain at least one requirement');
      for (const requirement of expressions.items()) {
        const key = requirement.get('key');
        if (!key.exists) errors.required(key);
        else errors.format(key, qualifiedName);
        if (requirement.get('values').items().length === 0) errors.required(requirement.get('values'), 'must specify as least one value');
      }
    }
  },
};
