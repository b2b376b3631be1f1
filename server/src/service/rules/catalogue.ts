// Every rule of the catalogue (DESIGN §5), in one list. Each lives in its own file named by its id.
import { cmKeyDuplicated } from './cm-key-duplicated';
import { duplicateResource } from './duplicate-resource';
import { cmKeyInvalid } from './cm-key-invalid';
import { cmTooLarge } from './cm-too-large';
import { cmValueNotString } from './cm-value-not-string';
import { nameNotDnsLabel } from './name-not-dns-label';
import { pvLocalNeedsNodeAffinity } from './pv-local-needs-node-affinity';
import { pvRecycleDeprecated } from './pv-recycle-deprecated';
import { pvcAccessModeInvalid } from './pvc-access-mode-invalid';
import { pvcStorageClassUnknown } from './pvc-storage-class-unknown';
import { pvcUnbindable } from './pvc-unbindable';
import { quantityDecimalSuffix } from './quantity-decimal-suffix';
import { quantityInvalid } from './quantity-invalid';
import { refConfigMapKeyMissing } from './ref-configmap-key-missing';
import { refConfigMapMissing } from './ref-configmap-missing';
import { refSecretKeyMissing } from './ref-secret-key-missing';
import { refSecretMissing } from './ref-secret-missing';
import { scMultipleDefault } from './sc-multiple-default';
import { secretInvalidBase64 } from './secret-invalid-base64';
import { secretPlaintextInData } from './secret-plaintext-in-data';
import { secretTrailingNewline } from './secret-trailing-newline';
import { secretTypeKeys } from './secret-type-keys';
import { stsClaimTemplateUnused } from './sts-claim-template-unused';
import { stsNoAntiAffinity } from './sts-no-anti-affinity';
import { stsParallelWithQuorum } from './sts-parallel-with-quorum';
import { stsSelectorMismatch } from './sts-selector-mismatch';
import { stsServiceMissing } from './sts-service-missing';
import { stsServiceNotHeadless } from './sts-service-not-headless';
import { stsServiceSelectorMismatch } from './sts-service-selector-mismatch';
import { stsVolumeMountUnknown } from './sts-volume-mount-unknown';
import { stsNameTooLong } from './sts-name-too-long';
import type { Rule } from './types';
import { metadataInvalid } from './metadata-invalid';
import { podSpecInvalid } from './pod-spec-invalid';
import { pvSpecInvalid } from './pv-spec-invalid';
import { pvcSpecInvalid } from './pvc-spec-invalid';
import { scInvalid } from './sc-invalid';
import { secretTooLarge } from './secret-too-large';
import { serviceTargetPortUnknown } from './service-target-port-unknown';
import { serviceInvalid } from './service-invalid';
import { stsSpecInvalid } from './sts-spec-invalid';
import { workloadSpecInvalid } from './workload-spec-invalid';
import { yaml11ImplicitType } from './yaml11-implicit-type';

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
  quantityInvalid,
  quantityDecimalSuffix,
  pvcStorageClassUnknown,
  pvcUnbindable,
  pvcAccessModeInvalid,
  pvRecycleDeprecated,
  pvLocalNeedsNodeAffinity,
  scMultipleDefault,
  secretInvalidBase64,
  secretTrailingNewline,
  secretTypeKeys,
  secretPlaintextInData,
  cmKeyInvalid,
  cmTooLarge,
  cmKeyDuplicated,
  cmValueNotString,
  stsNameTooLong,
  nameNotDnsLabel,
  yaml11ImplicitType,
  duplicateResource,
  // Validation beyond the schema: what the API server (or a StatefulSet's controller) rejects.
  metadataInvalid,
  stsSpecInvalid,
  workloadSpecInvalid,
  podSpecInvalid,
  serviceInvalid,
  serviceTargetPortUnknown,
  pvcSpecInvalid,
  pvSpecInvalid,
  scInvalid,
  secretTooLarge,
];

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}
