// A pod references a ConfigMap (env, envFrom, volume) that is not defined in its namespace.
import { POD_BEARING_KINDS } from '../workspace/references';
import { checkMissingTarget } from './references';
import type { Rule } from './types';

export const refConfigMapMissing: Rule = {
  id: 'ref-configmap-missing',
  description: 'A pod references a ConfigMap (env, envFrom, volume) that is not defined in its namespace.',
  defaultSeverity: 'error',
  kinds: POD_BEARING_KINDS,
  check(ctx) {
    checkMissingTarget(ctx, 'ConfigMap');
  },
};
