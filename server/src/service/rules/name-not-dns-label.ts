// Names the cluster rejects or that break DNS: metadata.name in the format its kind requires
// (DNS-1123 subdomain for most kinds, DNS-1123 label for Namespaces, DNS-1035 label for Services),
// and the names a StatefulSet derives: pod hostnames `<sts>-<ordinal>` must be DNS labels (at most 63
// characters, no "."), and claim names `<template>-<sts>-<ordinal>` must be DNS subdomains.
// The highest ordinal is ordinals.start + replicas - 1. Names over 52 characters are sts-name-too-long's.
// Which format a kind requires is its descriptor's `nameFormat` (kinds/).
import { descriptorOf, isKind, STATEFUL_SET } from '../kinds';
import { isScalar } from 'yaml';
import { nameProblem, type NameFormat } from '../k8s/names';
import { atLeast } from '../k8s/version';
import { items, nodeAt, scalarAt, seqAt, stringAt } from '../yaml/access';
import { MAX_STATEFULSET_NAME } from './sts-name-too-long';
import type { Rule, RuleContext } from './types';

const FORMAT_WORDS: Record<NameFormat, string> = {
  'dns-label': 'a DNS label (lowercase letters, digits and "-", at most 63 characters)',
  'dns-1035-label': 'a DNS-1035 label (lowercase letters, digits and "-", starting with a letter, at most 63 characters)',
  'dns-subdomain': 'a DNS subdomain (lowercase letters, digits, "-" and ".", at most 253 characters)',
};

export const nameNotDnsLabel: Rule = {
  id: 'name-not-dns-label',
  description: 'A resource name, or a pod/claim name a StatefulSet derives from it, that is not a valid DNS name.',
  defaultSeverity: 'error',
  judges: 'syntax',
  appliesToPatches: true,
  check(ctx) {
    // Since 1.27 the API server requires StatefulSet names to be DNS labels (its pods' hostnames derive from them).
    const isStatefulSet = isKind(ctx.resource, STATEFUL_SET);
    const statefulSetLabel = isStatefulSet && atLeast(ctx.settings.kubernetesVersion, '1.27');
    const format = statefulSetLabel ? 'dns-label' : descriptorOf(ctx.resource.apiVersion, ctx.resource.kind)?.nameFormat;
    const node = scalarAt(ctx.resource.root, ['metadata', 'name']);
    const name = ctx.resource.name;
    if (!format || !node || name === undefined || typeof node.value !== 'string') return;
    const problem = nameProblem(name, format);
    if (problem) {
      // A long StatefulSet name is sts-name-too-long's finding; one diagnostic per mistake.
      if (!(isStatefulSet && /characters long/.test(problem))) {
        ctx.report({ node, message: `${ctx.resource.kind} name "${name}" ${problem}; it must be ${FORMAT_WORDS[format]}` });
      }
      return;
    }
    if (isStatefulSet && name.length <= MAX_STATEFULSET_NAME) derivedNames(ctx, name);
  },
};

function derivedNames(ctx: RuleContext, name: string): void {
  const root = ctx.resource.root;
  const replicasNode = scalarAt(root, ['spec', 'replicas']);
  const replicas = replicasNode === undefined ? 1 : typeof replicasNode.value === 'number' ? replicasNode.value : undefined;
  const startNode = scalarAt(root, ['spec', 'ordinals', 'start']);
  const start = typeof startNode?.value === 'number' ? startNode.value : 0;
  if (replicas === undefined || replicas < 1 || !Number.isInteger(replicas)) return;
  const highest = start + replicas - 1;
  const hostname = `${name}-${highest}`;
  const hostProblem = nameProblem(hostname, 'dns-label');
  if (hostProblem) {
    ctx.report({
      node: scalarAt(root, ['metadata', 'name'])!,
      message: `pod hostname "${hostname}" (the highest ordinal) ${hostProblem}; StatefulSet pod names must be DNS labels, so no such pod can be created`,
    });
  }
  for (const template of items(seqAt(root, ['spec', 'volumeClaimTemplates']))) {
    const templateName = stringAt(template, ['metadata', 'name']);
    const nameNode = nodeAt(template, ['metadata', 'name']);
    if (templateName === undefined || !isScalar(nameNode)) continue;
    const claim = `${templateName}-${name}-${highest}`;
    const claimProblem = nameProblem(claim, 'dns-subdomain');
    if (claimProblem) {
      ctx.report({ node: nameNode, message: `claim name "${claim}" (template-statefulset-ordinal) ${claimProblem}; the controller cannot create it` });
    }
  }
}
