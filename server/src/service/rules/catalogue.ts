// Every rule of the catalogue (DESIGN §5), in one list. Each lives in its own file named by its id.
import { refConfigMapKeyMissing } from './ref-configmap-key-missing';
import { refConfigMapMissing } from './ref-configmap-missing';
import { refSecretKeyMissing } from './ref-secret-key-missing';
import { refSecretMissing } from './ref-secret-missing';
import { stsClaimTemplateUnused } from './sts-claim-template-unused';
import { stsNoAntiAffinity } from './sts-no-anti-affinity';
import { stsParallelWithQuorum } from './sts-parallel-with-quorum';
import { stsSelectorMismatch } from './sts-selector-mismatch';
import { stsServiceMissing } from './sts-service-missing';
import { stsServiceNotHeadless } from './sts-service-not-headless';
import { stsServiceSelectorMismatch } from './sts-service-selector-mismatch';
import { stsVolumeMountUnknown } from './sts-volume-mount-unknown';
import type { Rule } from './types';

export const RULES: Rule[] = [
  stsServiceMissing,
  stsServiceNotHeadless,
  stsSelectorMismatch,
  stsServiceSelectorMismatch,
  stsVolumeMountUnknown,
  stsClaimTemplateUnused,
  stsNoAntiAffinity,
  stsParallelWithQuorum,
  refConfigMapMissing,
  refConfigMapKeyMissing,
  refSecretMissing,
  refSecretKeyMissing,
];

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}
