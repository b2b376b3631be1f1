// Kubernetes minor versions ("1.36") as the `kubernetesVersion` setting names them: the newest we
// know is the default, and version-dependent checks and the removed-apiVersion table compare against it.

/** The newest Kubernetes minor the schemas and checks describe. */
export const NEWEST_KUBERNETES_VERSION = '1.36';
/** The oldest minor whose behaviour the version-dependent checks still tell apart. */
export const OLDEST_KUBERNETES_VERSION = '1.16';

/** "1.36", "v1.36", "1.36.2" -> [1, 36]; undefined when it is not a version. */
export function parseVersion(text: string): [number, number] | undefined {
  const m = /^v?(\d+)\.(\d+)(?:\.\d+)?$/.exec(text.trim());
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

/** Normalizes a version setting to "major.minor", or undefined when it cannot be read. */
export function normalizeVersion(text: unknown): string | undefined {
  if (typeof text !== 'string') return undefined;
  const v = parseVersion(text);
  return v ? `${v[0]}.${v[1]}` : undefined;
}

/** True when `version` is `minimum` or newer. */
export function atLeast(version: string, minimum: string): boolean {
  const a = parseVersion(version);
  const b = parseVersion(minimum);
  if (!a || !b) return true;
  return a[0] !== b[0] ? a[0] > b[0] : a[1] >= b[1];
}
