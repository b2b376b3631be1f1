// The string values under a Secret's `data`, decoded once per resource for the secret-* rules.
import { isScalar, type Scalar } from 'yaml';
import { decodeBase64, type Base64Result } from '../../../../common/secretData';
import type { Resource } from '../types';
import { entries, mapAt } from '../yaml/access';
import { settle } from '../parse/parseFile';

export interface SecretDataValue {
  key: string;
  keyNode: Scalar;
  node: Scalar;
  value: string;
  decoded: Base64Result;
}

const cache = new WeakMap<Resource, SecretDataValue[]>();

/** String values of `data` (numbers and booleans belong to yaml11-implicit-type, nulls to nobody). */
export function secretDataValues(resource: Resource): SecretDataValue[] {
  let values = cache.get(resource);
  if (values) {
    settle(resource); // the values hold its nodes: current offsets
    return values;
  }
  values = [];
  for (const e of entries(mapAt(resource.root, ['data']))) {
    if (!isScalar(e.value) || typeof e.value.value !== 'string') continue;
    values.push({ key: e.key, keyNode: e.keyNode, node: e.value, value: e.value.value, decoded: decodeBase64(e.value.value) });
  }
  cache.set(resource, values);
  return values;
}
