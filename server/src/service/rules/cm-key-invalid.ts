// ConfigMap and Secret keys become file names when mounted: `[-._a-zA-Z0-9]+`, at most 253
// characters, not "." or "..". The API server rejects anything else.
import { CONFIG_MAP, descriptorOf, SECRET } from '../kinds';
import { configKeyProblem } from '../k8s/names';
import { entries, mapAt } from '../yaml/access';
import type { Rule } from './types';

export const cmKeyInvalid: Rule = {
  id: 'cm-key-invalid',
  description: 'A ConfigMap or Secret key that is not a valid key ([-._a-zA-Z0-9]+, at most 253 characters).',
  defaultSeverity: 'error',
  judges: 'syntax',
  kinds: [CONFIG_MAP, SECRET],
  appliesToPatches: true,
  check(ctx) {
    for (const section of descriptorOf(ctx.resource.apiVersion, ctx.resource.kind)?.keySections ?? []) {
      for (const e of entries(mapAt(ctx.resource.root, [section]))) {
        const problem = configKeyProblem(e.key);
        if (problem) ctx.report({ node: e.keyNode, message: `key "${e.key}" ${problem}`, data: { key: e.key } });
      }
    }
  },
};
