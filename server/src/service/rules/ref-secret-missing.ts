// A pod references a Secret (env, envFrom, volume) that is not defined in its namespace.
import { kindsReferringTo, SECRET } from '../kinds';
import { checkMissingTarget } from './references';
import type { Rule } from './types';

export const refSecretMissing: Rule = {
  id: 'ref-secret-missing',
  description: 'A pod (or an operator\'s resource) references a Secret (env, envFrom, volume) that is not defined in its namespace.',
  defaultSeverity: 'error',
  judges: 'meaning',
  // Pod-bearing kinds, and operators' resources that name Secrets (a CloudNativePG Cluster's bootstrap secret).
  kinds: kindsReferringTo(SECRET),
  check(ctx) {
    checkMissingTarget(ctx, SECRET);
  },
};
