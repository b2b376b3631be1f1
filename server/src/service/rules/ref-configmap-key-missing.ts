// A pod references a key (configMapKeyRef, volume items) that its ConfigMap does not have.
import { kindsReferringTo, CONFIG_MAP } from '../kinds';
import { checkMissingKey } from './references';
import type { Rule } from './types';

export const refConfigMapKeyMissing: Rule = {
  id: 'ref-configmap-key-missing',
  description: 'A pod (or an operator\'s resource) references a key (configMapKeyRef, volume items) that its ConfigMap does not have.',
  defaultSeverity: 'error',
  judges: 'meaning',
  // Pod-bearing kinds, and operators' resources that name ConfigMaps (a CloudNativePG Cluster's bootstrap secret).
  kinds: kindsReferringTo(CONFIG_MAP),
  check(ctx) {
    checkMissingKey(ctx, CONFIG_MAP);
  },
};
