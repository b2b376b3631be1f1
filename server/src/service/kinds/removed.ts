// Helpers for the `removed` entries of descriptors: the apiVersions the API server stopped serving
// (the deprecation guide's tables), declared with the kinds they served.
import type { RemovedApi } from './types';

/** The same removal for several apiVersions of a kind. */
export function removedVersions(apiVersions: string[], removal: RemovedApi): Record<string, RemovedApi> {
  return Object.fromEntries(apiVersions.map((apiVersion) => [apiVersion, removal]));
}

/** apps/v1beta1 and apps/v1beta2 (and extensions/v1beta1 for the kinds it served), gone in 1.16. */
export function removedAppsBetas(extensions: boolean): Record<string, RemovedApi> {
  return removedVersions(['apps/v1beta1', 'apps/v1beta2', ...(extensions ? ['extensions/v1beta1'] : [])], { removedIn: '1.16', replacement: 'apps/v1' });
}
