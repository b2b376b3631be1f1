// A pod references a key (secretKeyRef, volume items) that its Secret does not have.
import { kindsReferringTo, SECRET } from '../kinds';
import { checkMissingKey } from './references';
import type { Rule } from './types';

export const refSecretKeyMissing: Rule = {
  id: 'ref-secret-key-missing',
  description: 'A pod (or an operator\'s resource) references a key (secretKeyRef, volume items) that its Secret does not have.',
  defaultSeverity: 'error',
  judges: 'meaning',
  // Pod-bearing kinds, and operators' resources that name Secrets (a CloudNativePG Cluster's bootstrap secret).
  kinds: kindsReferringTo(SECRET),
  check(ctx) {
    checkMissingKey(ctx, SECRET);
  },
};
