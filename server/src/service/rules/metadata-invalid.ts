// Object metadata the API server rejects (ValidateObjectMeta): label keys and values, annotation keys
// and their total size, namespace and generateName formats, finalizer names, a missing name; the same
// label and annotation checks on pod templates and claim templates, whose labels end up on real
// objects. Resource name formats per kind are name-not-dns-label's.
import { isKind, STATEFUL_SET } from '../kinds';
import { dns1123Label, dns1123Subdomain, labelValue, qualifiedName } from '../k8s/validation';
import { builtInGroup } from './builtIn';
import { Field, FieldErrors } from './fieldErrors';
import { podTemplatePath } from './podTemplates';
import type { Rule } from './types';

/** etcd keeps annotations with the object; their keys and values together may not exceed 256 KiB. */
export const MAX_ANNOTATIONS_BYTES = 256 * 1024;
const STANDARD_FINALIZERS = ['kubernetes', 'orphan', 'foregroundDeletion'];

export const metadataInvalid: Rule = {
  id: 'metadata-invalid',
  description: 'Object metadata the API server rejects: label keys and values, annotation keys and size, namespace, generateName, finalizers.',
  defaultSeverity: 'error',
  judges: 'meaning',
  check(ctx) {
    if (builtInGroup(ctx.resource) === undefined) return;
    const errors = new FieldErrors(ctx);
    const meta = Field.root(ctx.resource).get('metadata');
    validateMeta(errors, meta);
    if (!meta.get('name').exists && !meta.get('generateName').exists && meta.exists) {
      errors.required(meta.get('name'), 'name or generateName is required');
    }
    errors.format(meta.get('namespace'), dns1123Label);
    const generateName = meta.get('generateName').string;
    if (generateName !== undefined && !meta.get('name').exists) {
      // A prefix: a trailing "-" is fine since a random suffix follows.
      const problem = dns1123Subdomain(generateName.replace(/-+$/, '') || 'a');
      if (problem) errors.invalid(meta.get('generateName'), problem);
    }
    for (const item of meta.get('finalizers').items()) {
      const name = item.string;
      if (name === undefined) continue;
      const problem = qualifiedName(name);
      if (problem) errors.invalid(item, problem);
      else if (!name.includes('/') && !STANDARD_FINALIZERS.includes(name)) errors.invalid(item, 'name is neither a standard finalizer name nor is it fully qualified');
    }
    const templatePath = podTemplatePath(ctx.resource);
    if (templatePath) validateMeta(errors, Field.root(ctx.resource).at(...templatePath, 'metadata'));
    if (isKind(ctx.resource, STATEFUL_SET)) {
      for (const template of Field.root(ctx.resource).at('spec', 'volumeClaimTemplates').items()) validateMeta(errors, template.get('metadata'));
    }
  },
};

/** Labels and annotations of one metadata block. */
function validateMeta(errors: FieldErrors, meta: Field): void {
  // The API server reports label keys and values alike at the labels' path.
  const labels = meta.get('labels');
  for (const { key, field } of labels.entries()) {
    const keyProblem = qualifiedName(key);
    if (keyProblem) errors.invalid(new Field(field.keyNode, labels.path, field.keyNode, labels), keyProblem, key);
    const value = field.string;
    const problem = value === undefined ? undefined : labelValue(value);
    if (problem) errors.invalid(new Field(field.node, labels.path, field.keyNode, labels), problem, value);
  }
  let size = 0;
  const annotations = meta.get('annotations');
  for (const { key, field } of annotations.entries()) {
    const keyProblem = qualifiedName(key.toLowerCase());
    if (keyProblem) errors.invalid(new Field(field.keyNode, annotations.path, field.keyNode, annotations), keyProblem, key);
    const value = field.scalar;
    size += Buffer.byteLength(key) + (value === undefined ? 0 : Buffer.byteLength(String(value)));
  }
  if (size > MAX_ANNOTATIONS_BYTES) errors.tooLong(annotations, MAX_ANNOTATIONS_BYTES);
}
