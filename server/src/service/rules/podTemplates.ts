// Where each built-in workload kind keeps its pod template, as its kind descriptor declares it.
import { descriptorOf } from '../kinds';
import type { Resource } from '../types';
import { builtInGroup } from './builtIn';

/** Path of the pod template (the map holding metadata and spec), or undefined for Pods and other kinds. */
export function podTemplatePath(resource: Pick<Resource, 'apiVersion' | 'kind'>): string[] | undefined {
  const path = podSpecPath(resource);
  return path && path.length > 1 ? path.slice(0, -1) : undefined;
}

/** Path of the pod spec of a built-in workload kind (['spec'] for a Pod). */
export function podSpecPath(resource: Pick<Resource, 'apiVersion' | 'kind'>): string[] | undefined {
  if (builtInGroup(resource) === undefined) return undefined;
  const podSpec = descriptorOf(resource.apiVersion, resource.kind)?.podSpec;
  return podSpec ? podSpec.split('.') : undefined;
}
