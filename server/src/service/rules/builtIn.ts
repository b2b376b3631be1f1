// Whether a resource belongs to a built-in API group: the validation rules speak for the API server's
// own kinds only, never for a custom resource that happens to share a kind name.
import type { Resource } from '../types';

/** The API group of a built-in resource ('' for core v1), or undefined for anything else. */
export function builtInGroup(resource: Pick<Resource, 'apiVersion'>): string | undefined {
  const slash = resource.apiVersion.indexOf('/');
  if (slash < 0) return resource.apiVersion === 'v1' ? '' : undefined;
  const group = resource.apiVersion.slice(0, slash);
  return !group.includes('.') || group.endsWith('.k8s.io') ? group : undefined;
}

/** True when the resource is `kind` of the built-in `group`. */
export function isBuiltIn(resource: Pick<Resource, 'apiVersion' | 'kind'>, group: string, kind: string): boolean {
  return resource.kind === kind && builtInGroup(resource) === group;
}
