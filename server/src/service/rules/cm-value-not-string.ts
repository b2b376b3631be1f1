// ConfigMap data values are strings. A map or a list under a key (usually a file's content pasted
// without `|`) is rejected by the API server; a key with no value is null, which ends up as an empty
// string. Unquoted numbers and booleans are yaml11-implicit-type's, which can offer "quote it".
import { CONFIG_MAP } from '../kinds';
import { isMap, isScalar, isSeq } from 'yaml';
import { entries, mapAt } from '../yaml/access';
import type { Rule } from './types';

export const cmValueNotString: Rule = {
  id: 'cm-value-not-string',
  description: 'A ConfigMap data value that is a map, a list or empty (null) instead of a string.',
  defaultSeverity: 'error',
  judges: 'type',
  kinds: [CONFIG_MAP],
  appliesToPatches: true,
  check(ctx) {
    for (const e of entries(mapAt(ctx.resource.root, ['data']))) {
      const value = e.value;
      if (isMap(value) || isSeq(value)) {
        const what = isMap(value) ? 'a map' : 'a list';
        ctx.report({
          node: e.keyNode,
          message: `data "${e.key}" is ${what}, but ConfigMap values are strings; to store a file's content, write "${e.key}: |" and indent the content below it`,
          data: { key: e.key },
        });
      } else if (value === undefined || (isScalar(value) && value.value === null)) {
        ctx.report({
          node: e.keyNode,
          message: `data "${e.key}" has no value (null); write ${e.key}: "" if an empty value is meant`,
          severity: 'warning',
          data: { key: e.key, replacement: `${e.key}: ""` },
        });
      }
    }
  },
};
