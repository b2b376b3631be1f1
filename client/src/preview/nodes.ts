// Preview model -> tree nodes. Pure data (no vscode import), so the shape of the tree is easy to
// read in one place: per StatefulSet its problems, pods (first and last few, the rest folded into
// "… N more …"), start/stop order, governing Service with FQDN and SRV names, and claim retention.
import type { OperatorResourcePreview, PodPreview, PreviewModel, SourceLocation, StatefulSetPreview } from '../../../common/protocol';
import { claimDetails } from '../../../common/previewText';

export type NodeKind =
  | 'statefulSet'
  | 'problems'
  | 'problem'
  | 'pods'
  | 'pod'
  | 'morePods'
  | 'notListed'
  | 'dns'
  | 'claim'
  | 'order'
  | 'service'
  | 'fqdn'
  | 'srv'
  | 'retention'
  | 'scaleDown'
  | 'delete'
  | 'operatorResource'
  | 'madeObject';

export interface PreviewNode {
  /** Stable across refreshes, so expansion state survives typing. */
  id: string;
  kind: NodeKind;
  label: string;
  description?: string;
  /** Plain text, or Markdown when `markdownTooltip` is set. */
  tooltip?: string;
  markdownTooltip?: boolean;
  /** A codicon id, e.g. `vm`. */
  icon: string;
  /** A theme color id for the icon. */
  iconColor?: string;
  /** What "Copy Name" copies; absent for items that name nothing. */
  copyText?: string;
  /** Where a click goes. */
  location?: SourceLocation;
  children: PreviewNode[];
  /** Initially expanded (only meaningful when there are children). */
  expanded?: boolean;
  /** The StatefulSet this node belongs to (for the hover-like tooltip of the root). */
  statefulSet?: StatefulSetPreview;
}

/** Pods shown before and after the "… N more …" node. */
export const HEAD_PODS = 3;
export const TAIL_PODS = 2;

const SEVERITY_ICON: Record<number, [string, string]> = {
  1: ['error', 'problemsErrorIcon.foreground'],
  2: ['warning', 'problemsWarningIcon.foreground'],
  3: ['info', 'problemsInfoIcon.foreground'],
  4: ['lightbulb', 'problemsInfoIcon.foreground'],
};

export function buildNodes(model: PreviewModel): PreviewNode[] {
  const used = new Set<string>();
  // Two resources of the same name in one file would collide; suffix the later ones.
  const idOf = (uri: string, what: string) => {
    let base = `${uri}#${what}`;
    for (let n = 2; used.has(base); n++) base = `${uri}#${what}#${n}`;
    used.add(base);
    return base;
  };
  return [
    ...model.statefulSets.map((sts) => statefulSetNode(sts, idOf(sts.location.uri, `${sts.namespace}/${sts.name}`))),
    ...(model.operatorResources ?? []).map((r) => operatorResourceNode(r, idOf(r.location.uri, `${r.kind}/${r.namespace}/${r.name}`))),
  ];
}

/** An operator's resource (CloudNativePG Cluster, Strimzi Kafka): the pods with their claims, then the objects it makes. */
function operatorResourceNode(resource: OperatorResourcePreview, id: string): PreviewNode {
  const total = resource.pods.length + resource.omittedPods;
  const at = resource.location;
  const pods: PreviewNode[] = resource.pods.map((pod) => ({
    id: `${id}/pod/${pod.name}`,
    kind: 'pod',
    label: pod.name,
    icon: 'vm',
    copyText: pod.name,
    location: at,
    children: pod.claims.map((claim) => ({ id: `${id}/pod/${pod.name}/${claim}`, kind: 'claim' as const, label: claim, description: 'PVC', icon: 'database', copyText: claim, location: at, children: [] })),
  }));
  if (resource.omittedPods > 0) {
    pods.splice(Math.ceil(resource.pods.length / 2), 0, { id: `${id}/more`, kind: 'morePods', label: `… ${resource.omittedPods} more …`, icon: 'ellipsis', children: [] });
  }
  const objects: PreviewNode[] = resource.objects.map((o) => ({
    id: `${id}/${o.kind}/${o.name}`,
    kind: 'madeObject',
    label: o.name,
    description: [o.kind, o.dns].filter(Boolean).join(' · '),
    tooltip: [`${o.kind} ${o.name}`, o.role, o.dns].filter(Boolean).join('\n'),
    icon: o.kind === 'Service' ? 'globe' : o.kind === 'Secret' ? 'key' : 'symbol-misc',
    copyText: o.dns ?? o.name,
    location: at,
    children: [],
  }));
  return {
    id,
    kind: 'operatorResource',
    label: resource.name,
    description: `${resource.kind} · ${resource.namespace}${total ? ` · ${total} pod${total === 1 ? '' : 's'}` : ''}`,
    tooltip: `${resource.kind} ${resource.name} (${resource.apiVersion}) in namespace ${resource.namespace}: what its operator will make`,
    icon: 'layers',
    copyText: resource.name,
    location: at,
    children: [...pods, ...objects],
    expanded: true,
  };
}

function statefulSetNode(sts: StatefulSetPreview, id: string): PreviewNode {
  const worst = Math.min(...sts.problems.map((p) => p.severity), 5);
  const [icon, iconColor] = worst <= 2 ? SEVERITY_ICON[worst] : ['layers', undefined];
  const replicas = sts.replicas === null ? 'invalid replicas' : `${sts.replicas} replica${sts.replicas === 1 ? '' : 's'}`;
  const children: PreviewNode[] = [];
  if (sts.problems.length > 0) children.push(problemsNode(sts, id));
  children.push(podsNode(sts, id), orderNode(sts, id));
  if (sts.service) children.push(serviceNode(sts, id));
  children.push(retentionNode(sts, id));
  return {
    id,
    kind: 'statefulSet',
    label: sts.name,
    description: `${sts.namespace} · ${replicas}`,
    markdownTooltip: true,
    icon,
    iconColor,
    copyText: sts.name,
    location: sts.location,
    children,
    expanded: true,
    statefulSet: sts,
  };
}

function problemsNode(sts: StatefulSetPreview, parent: string): PreviewNode {
  const id = `${parent}/problems`;
  return {
    id,
    kind: 'problems',
    label: 'Problems',
    description: String(sts.problems.length),
    tooltip: 'Problems that break the pods’ stable identity (each is also a diagnostic in the editor)',
    icon: 'warning',
    iconColor: 'problemsWarningIcon.foreground',
    expanded: true,
    children: sts.problems.map((p, i) => {
      const [icon, iconColor] = SEVERITY_ICON[p.severity] ?? SEVERITY_ICON[1];
      return {
        id: `${id}/${i}`,
        kind: 'problem' as const,
        label: p.message,
        description: p.rule,
        tooltip: `${p.rule}: ${p.message}`,
        icon,
        iconColor,
        location: { uri: p.uri, range: p.range },
        children: [],
      };
    }),
  };
}

function podsNode(sts: StatefulSetPreview, parent: string): PreviewNode {
  const id = `${parent}/pods`;
  const total = sts.pods.length + sts.omittedPods;
  const pod = (p: PodPreview) => podNode(sts, p, id);
  let children: PreviewNode[];
  if (total <= HEAD_PODS + TAIL_PODS + 1) {
    children = sts.pods.map(pod);
  } else {
    const hidden = sts.pods.slice(HEAD_PODS, sts.pods.length - TAIL_PODS);
    children = [
      ...sts.pods.slice(0, HEAD_PODS).map(pod),
      {
        id: `${id}/more`,
        kind: 'morePods',
        label: `… ${total - HEAD_PODS - TAIL_PODS} more …`,
        tooltip: `${total - HEAD_PODS - TAIL_PODS} more pods between ${sts.pods[HEAD_PODS - 1].name} and ${sts.pods[sts.pods.length - TAIL_PODS].name}`,
        icon: 'ellipsis',
        location: sts.replicasLocation,
        children: withGap(hidden, sts, id, pod),
      },
      ...sts.pods.slice(sts.pods.length - TAIL_PODS).map(pod),
    ];
  }
  const notes = [sts.replicasDefaulted ? 'replicas defaults to 1' : '', sts.ordinalsStart ? `ordinals from ${sts.ordinalsStart}` : ''].filter(Boolean);
  return {
    id,
    kind: 'pods',
    label: 'Pods',
    description: sts.replicas === null ? 'replicas is not a non-negative integer' : [String(total), ...notes].join(' · '),
    tooltip: sts.podManagementNote,
    icon: 'list-ordered',
    location: sts.replicasLocation,
    children,
    expanded: true,
  };
}

/** The hidden middle pods; where the model itself left pods out, one "not listed" leaf marks the gap. */
function withGap(pods: PodPreview[], sts: StatefulSetPreview, parent: string, pod: (p: PodPreview) => PreviewNode): PreviewNode[] {
  const out: PreviewNode[] = [];
  pods.forEach((p, i) => {
    out.push(pod(p));
    const next = pods[i + 1];
    if (sts.omittedPods > 0 && next && next.ordinal - p.ordinal > 1) {
      out.push({ id: `${parent}/not-listed`, kind: 'notListed', label: `… ${sts.omittedPods} more not listed …`, icon: 'ellipsis', location: sts.replicasLocation, children: [] });
    }
  });
  return out;
}

function podNode(sts: StatefulSetPreview, pod: PodPreview, parent: string): PreviewNode {
  const id = `${parent}/${pod.name}`;
  const children: PreviewNode[] = [];
  if (pod.dns) {
    children.push({ id: `${id}/dns`, kind: 'dns', label: pod.dns, tooltip: `DNS name of ${pod.name} (through the headless Service ${sts.serviceName})`, icon: 'globe', copyText: pod.dns, location: sts.serviceNameLocation, children: [] });
  }
  for (const claim of pod.claims) {
    children.push({
      id: `${id}/${claim.name}`,
      kind: 'claim',
      label: claim.name,
      description: claimDetails(claim),
      tooltip: `PersistentVolumeClaim ${claim.name} from volumeClaimTemplate "${claim.template}": ${claimDetails(claim)}`,
      icon: 'database',
      copyText: claim.name,
      location: claim.location,
      children: [],
    });
  }
  return {
    id,
    kind: 'pod',
    label: pod.name,
    description: pod.dns,
    tooltip: `Pod ${pod.name} (ordinal ${pod.ordinal})${pod.dns ? `\n${pod.dns}` : ''}${pod.claims.map((c) => `\n${c.name}: ${claimDetails(c)}`).join('')}`,
    icon: 'vm',
    copyText: pod.name,
    location: pod.location,
    children,
  };
}

function orderNode(sts: StatefulSetPreview, parent: string): PreviewNode {
  const note = sts.podManagementNote.replace(/^(OrderedReady|Parallel): /, '');
  return {
    id: `${parent}/order`,
    kind: 'order',
    label: sts.podManagementPolicy,
    description: note,
    tooltip: sts.podManagementNote,
    icon: sts.podManagementPolicy === 'Parallel' ? 'split-horizontal' : 'arrow-down',
    location: sts.podManagementLocation,
    children: [],
  };
}

function serviceNode(sts: StatefulSetPreview, parent: string): PreviewNode {
  const service = sts.service!;
  const id = `${parent}/service`;
  const state = !service.found ? 'not found' : service.headless ? 'headless' : 'not headless';
  const ok = service.found && service.headless;
  return {
    id,
    kind: 'service',
    label: `Service ${service.name}`,
    description: state,
    tooltip: !service.found
      ? `No Service "${service.name}" in namespace ${service.namespace}: the pods' DNS names do not resolve`
      : service.headless
        ? `Headless Service ${service.namespace}/${service.name}: governs the pods' DNS names`
        : `Service ${service.namespace}/${service.name} is not headless (clusterIP: None): no per-pod DNS records`,
    icon: ok ? 'plug' : 'warning',
    iconColor: ok ? undefined : 'problemsWarningIcon.foreground',
    copyText: service.name,
    location: service.location,
    expanded: false,
    children: [
      { id: `${id}/fqdn`, kind: 'fqdn', label: service.fqdn, description: 'FQDN', tooltip: `Service FQDN: ${service.fqdn}`, icon: 'globe', copyText: service.fqdn, location: service.location, children: [] },
      ...service.ports.map((port) => ({
        id: `${id}/srv/${port.name}`,
        kind: 'srv' as const,
        label: port.srv,
        description: `SRV${port.port !== undefined ? ` → ${port.port}` : ''}`,
        tooltip: `SRV record of port "${port.name}" (${port.protocol}): ${port.srv}`,
        icon: 'symbol-field',
        copyText: port.srv,
        location: port.location,
        children: [],
      })),
    ],
  };
}

function retentionNode(sts: StatefulSetPreview, parent: string): PreviewNode {
  const r = sts.retention;
  const id = `${parent}/retention`;
  const policy = (value: string, defaulted: boolean) => `${value}${defaulted ? ' (default)' : ''}`;
  return {
    id,
    kind: 'retention',
    label: 'Claim retention',
    description: `whenScaled: ${r.whenScaled} · whenDeleted: ${r.whenDeleted}`,
    tooltip: 'persistentVolumeClaimRetentionPolicy: what happens to the claims (Retain by default)',
    icon: 'archive',
    location: r.location,
    expanded: false,
    children: [
      { id: `${id}/scaled`, kind: 'scaleDown', label: `On scale-down: ${policy(r.whenScaled, r.whenScaledDefaulted)}`, description: r.scaleDownNote, tooltip: r.scaleDownNote, icon: 'arrow-down', location: r.location, children: [] },
      { id: `${id}/deleted`, kind: 'delete', label: `On delete: ${policy(r.whenDeleted, r.whenDeletedDefaulted)}`, description: r.deleteNote, tooltip: r.deleteNote, icon: 'trash', location: r.location, children: [] },
    ],
  };
}
