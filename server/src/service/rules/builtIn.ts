// Whether a resource belongs to a built-in API group: the validation rules speak for the API server's
// own kinds only, never for a custom resource that happens to share a kind name.
import type { KindKey } from '../kinds';
import type { Resource } from '../types';

/** The API group of a built-in resource ('' for core v1), or undefined for anything else. */
export function builtInGroup(resource: Pick<Resource, 'apiVersion'>): string | undefined {
  const slash = resource.apiVersion.indexOf('/');
  if (slash < 0) return resource.apiVersion === 'v1' ? '' : undefined;
  const group = resource.apiVersion.slice(0, slash);
  return !group.includes('.') || group.endsWith('.k8s.io') ? group : undefined;
}

/** True when the resource is this built-in kind under exactly its own group (stricter than the catalogue's isKind). */
export function isBuiltIn(resource: Pick<Resource, 'apiVersion' | 'kind'>, key: KindKey): boolean {
  return resource.kind === key.kind && builtInGroup(resource) === key.group;
}
