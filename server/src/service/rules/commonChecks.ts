// Checks several validation rules share: label selectors and their requirements, int-or-string
// ports, NFS sources. Kept apart from the rule modules so that those import it, not each other.
import { ianaServiceName, labelValue, portNumber, qualifiedName } from '../k8s/validation';
import { Field, FieldErrors } from './fieldErrors';

/** An int-or-string port: a number in 1..65535, or a port name; a named probe port must be one of the container's. */
export function validatePortNumOrName(errors: FieldErrors, port: Field, declared?: Set<string>): void {
  if (port.number !== undefined) {
    const problem = portNumber(port.number);
    if (problem) errors.invalid(port, problem);
    return;
  }
  const name = port.string;
  if (name === undefined) return;
  const problem = ianaServiceName(name);
  if (problem) errors.invalid(port, problem);
  else if (declared && !declared.has(name)) errors.notFound(port, name, 'no port of this container has that name');
}

/** An NFS source (pod volume or PersistentVolume): a server and an absolute path. */
export function validateNfs(errors: FieldErrors, nfs: Field): void {
  if (!nfs.map) return;
  if (!nfs.get('server').exists) errors.required(nfs.get('server'));
  const path = nfs.get('path');
  if (!path.exists) errors.required(path);
  else if (path.string !== undefined && !path.string.startsWith('/')) errors.invalid(path, 'must be an absolute path');
}

/** Values of a selector requirement against its operator (node selectors and label selectors). */
export function validateRequirementValues(errors: FieldErrors, requirement: Field, operators: string[]): void {
  const operator = requirement.get('operator');
  const values = requirement.get('values');
  const count = values.items().length;
  const op = operator.string;
  if (!operator.exists) {
    errors.required(operator);
    return;
  }
  if (op === undefined) return;
  if (!operators.includes(op)) errors.notSupported(operator, operators);
  else if ((op === 'In' || op === 'NotIn') && count === 0) errors.required(values, "must be specified when `operator` is 'In' or 'NotIn'");
  else if ((op === 'Exists' || op === 'DoesNotExist') && count > 0) errors.forbidden(values, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'");
  else if (op === 'Gt' || op === 'Lt') {
    if (count !== 1) errors.required(values, "must be specified single value when `operator` is 'Lt' or 'Gt'");
    else {
      const v = values.items()[0];
      if (v.scalar !== undefined && !/^-?\d+$/.test(String(v.scalar))) errors.invalid(v, 'must be an integer');
    }
  }
}

/** metav1.LabelSelector: matchLabels keys and values, matchExpressions operators and values. */
export function validateLabelSelector(errors: FieldErrors, selector: Field): void {
  if (!selector.map) return;
  const matchLabels = selector.get('matchLabels');
  for (const { key, field } of matchLabels.entries()) {
    const problem = qualifiedName(key);
    if (problem) errors.invalid(new Field(field.keyNode, matchLabels.path, field.keyNode, matchLabels), problem, key);
    const value = field.string;
    if (value !== undefined && labelValue(value)) errors.invalid(new Field(field.node, matchLabels.path, field.keyNode, matchLabels), labelValue(value)!, value);
  }
  for (const requirement of selector.get('matchExpressions').items()) {
    const key = requirement.get('key');
    if (!key.exists) errors.required(key);
    else errors.format(key, qualifiedName);
    validateRequirementValues(errors, requirement, ['In', 'NotIn', 'Exists', 'DoesNotExist']);
    for (const value of requirement.get('values').items()) errors.format(value, labelValue);
  }
}
