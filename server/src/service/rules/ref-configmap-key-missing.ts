// A pod references a key (configMapKeyRef, volume items) that its ConfigMap does not have.
import { POD_BEARING_KINDS } from '../workspace/references';
import { checkMissingKey } from './references';
import type { Rule } from './types';

export const refConfigMapKeyMissing: Rule = {
  id: 'ref-configmap-key-missing',
  description: 'A pod references a key (configMapKeyRef, volume items) that its ConfigMap does not have.',
  defaultSeverity: 'error',
  kinds: POD_BEARING_KINDS,
  check(ctx) {
    checkMissingKey(ctx, 'ConfigMap');
  },
};
