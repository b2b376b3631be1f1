// A pod references a key (secretKeyRef, volume items) that its Secret does not have.
import { POD_BEARING_KINDS } from '../workspace/references';
import { checkMissingKey } from './references';
import type { Rule } from './types';

export const refSecretKeyMissing: Rule = {
  id: 'ref-secret-key-missing',
  description: 'A pod references a key (secretKeyRef, volume items) that its Secret does not have.',
  defaultSeverity: 'error',
  kinds: POD_BEARING_KINDS,
  check(ctx) {
    checkMissingKey(ctx, 'Secret');
  },
};
