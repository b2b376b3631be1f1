// The claims a resource makes, as the catalogue declares them: a PersistentVolumeClaim is one, and a
// kind with claim templates (a StatefulSet's volumeClaimTemplates) makes one per template and pod. The
// storage rules check them. Here, not in k8s/storage.ts, because it reads descriptors, and the
// descriptors read k8s/storage.ts.
import type { Node, YAMLMap } from 'yaml';
import type { Resource } from '../types';
import { mapAt, nodeAt, stringAt } from '../yaml/access';
import { descriptorOf, isKind, mapsAt, parsePath } from './index';
import { CLAIM } from './keys';

/** A claim a resource makes: the PVC itself, or one claim template of a kind that has them. */
export interface Claim {
  spec: YAMLMap;
  /** The node to report claim-wide problems on (the claim's or template's name, else the spec key). */
  anchor: Node;
  /** PVC name, or the template name for templated claims. */
  name: string;
  /** For claim templates: the owner's name (a StatefulSet's claims are `<template>-<sts>-<ordinal>`). */
  statefulSet?: string;
}

export function claimsOf(resource: Resource): Claim[] {
  if (isKind(resource, CLAIM)) {
    const spec = mapAt(resource.root, ['spec']);
    if (!spec) return [];
    return [{ spec, anchor: nodeAt(resource.root, ['metadata', 'name']) ?? (resource.root.get('spec', true) as Node), name: resource.name ?? '' }];
  }
  const templates = descriptorOf(resource.apiVersion, resource.kind)?.claimTemplates;
  if (!templates) return [];
  const out: Claim[] = [];
  for (const template of mapsAt(resource.root, parsePath(templates))) {
    const spec = mapAt(template, ['spec']);
    if (!spec) continue;
    out.push({ spec, anchor: nodeAt(template, ['metadata', 'name']) ?? template, name: stringAt(template, ['metadata', 'name']) ?? '', statefulSet: resource.name ?? '' });
  }
  return out;
}
