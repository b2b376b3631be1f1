// apiVersions the API server no longer serves. A manifest using one is rejected by the cluster,
// so it gets one diagnostic naming the replacement; the rest of the document is checked as the
// replacement, so fixing the apiVersion does not uncover a second round of findings. A note says
// only what that check cannot (e.g. a kind that is gone); what the replacement requires (apps/v1's
// spec.selector) is reported by its schema, so it is not repeated here. Which apiVersions are gone is
// declared with each kind (descriptors' `removed`).
import { descriptorOf, type RemovedApi } from '../kinds';
import { atLeast } from '../k8s/version';

export type { RemovedApi } from '../kinds';

/** The removal of this apiVersion of the kind, as the kind's descriptor declares it (never for a custom group's kind of the same name). */
export function removedApi(apiVersion: string, kind: string): RemovedApi | undefined {
  return descriptorOf(apiVersion, kind)?.removed?.[apiVersion];
}

/**
 * The apiVersion whose schema a resource is checked against: its own, or the replacement of a
 * removed one, so the rest of the document is still checked while the apiVersion is being fixed.
 */
export function checkedApiVersion(apiVersion: string, kind: string): string {
  return removedApi(apiVersion, kind)?.replacement ?? apiVersion;
}

export function describeRemovedApi(apiVersion: string, kind: string, removed: RemovedApi): string {
  const head = `${kind} in ${apiVersion} was removed in Kubernetes ${removed.removedIn}`;
  const use = removed.replacement ? `; use apiVersion: ${removed.replacement}` : '';
  const note = removed.note ? ` (${removed.note})` : '';
  return `${head}${use}${note}`;
}

/** For a target version that still serves the apiVersion: when it goes away and what to move to. */
export function describeStillServedApi(apiVersion: string, kind: string, removed: RemovedApi, targetVersion: string): string {
  const use = removed.replacement ? `; move to apiVersion: ${removed.replacement} before upgrading` : '';
  return `${kind} in ${apiVersion} is deprecated: Kubernetes ${targetVersion} (kubernetesVersion) still serves it, ${removed.removedIn} removes it${use}`;
}

/** Whether `targetVersion` no longer serves the apiVersion (removed in it or earlier). */
export function isRemovedIn(removed: RemovedApi, targetVersion: string): boolean {
  return atLeast(targetVersion, removed.removedIn);
}
