// A pod references a ConfigMap (env, envFrom, volume) that is not defined in its namespace.
import { kindsReferringTo, CONFIG_MAP } from '../kinds';
import { checkMissingTarget } from './references';
import type { Rule } from './types';

export const refConfigMapMissing: Rule = {
  id: 'ref-configmap-missing',
  description: 'A pod (or an operator\'s resource) references a ConfigMap (env, envFrom, volume) that is not defined in its namespace.',
  defaultSeverity: 'error',
  judges: 'meaning',
  // Pod-bearing kinds, and operators' resources that name ConfigMaps (a CloudNativePG Cluster's bootstrap secret).
  kinds: kindsReferringTo(CONFIG_MAP),
  check(ctx) {
    checkMissingTarget(ctx, CONFIG_MAP);
  },
};
