// Plain-text rendering of the preview model, for the CLI's `--preview` and for logs.
import type { OperatorResourcePreview, PreviewModel, StatefulSetPreview } from './previewModel';

export interface RenderTextOptions {
  /** Pods listed before and after the "… N more …" line when a StatefulSet has more than `head + tail + 1`. */
  head?: number;
  tail?: number;
  /** Turns a URI into what the reader should see (e.g. a path relative to the working folder). */
  describeUri?: (uri: string) => string;
}

const PROBLEM_SEVERITY = ['', 'error', 'warning', 'info', 'hint'];

export function renderPreviewText(model: PreviewModel, options: RenderTextOptions = {}): string {
  const operators = model.operatorResources ?? [];
  if (model.statefulSets.length === 0 && operators.length === 0) return 'No StatefulSet found.\n';
  return [...model.statefulSets.map((sts) => renderStatefulSetText(sts, options)), ...operators.map((r) => renderOperatorResourceText(r, options))].join('\n');
}

/** An operator's resource: the pods with their claims and the objects the operator will make. */
export function renderOperatorResourceText(resource: OperatorResourcePreview, options: RenderTextOptions = {}): string {
  const where = options.describeUri ?? ((uri: string) => uri);
  const { start } = resource.location.range;
  const lines = [`${resource.kind} ${resource.namespace}/${resource.name}  (${where(resource.location.uri)}:${start.line + 1}:${start.character + 1})`];
  const total = resource.pods.length + resource.omittedPods;
  if (total > 0) {
    lines.push(`  pods (${total}):`);
    resource.pods.forEach((pod, i) => {
      if (resource.omittedPods > 0 && i === Math.ceil(resource.pods.length / 2)) lines.push(`    … ${resource.omittedPods} more …`);
      lines.push(`    ${pod.name}${pod.claims.length ? `  claims: ${pod.claims.join(', ')}` : ''}`);
    });
  }
  if (resource.objects.length > 0) lines.push('  makes:');
  for (const o of resource.objects) lines.push(`    ${o.kind} ${o.name}${o.dns ? `  ${o.dns}` : ''}${o.role ? `  (${o.role})` : ''}`);
  return `${lines.join('\n')}\n`;
}

export function renderStatefulSetText(sts: StatefulSetPreview, options: RenderTextOptions = {}): string {
  const head = options.head ?? 3;
  const tail = options.tail ?? 2;
  const where = options.describeUri ?? ((uri: string) => uri);
  const lines: string[] = [];
  const line = (depth: number, text: string) => lines.push(`${'  '.repeat(depth)}${text}`);
  const at = (l: { uri: string; range: { start: { line: number; character: number } } }) =>
    `${where(l.uri)}:${l.range.start.line + 1}:${l.range.start.character + 1}`;

  line(0, `StatefulSet ${sts.namespace}/${sts.name}  (${at(sts.location)})`);
  line(1, `replicas: ${replicasText(sts)}${sts.ordinalsStart ? `, ordinals start at ${sts.ordinalsStart}` : ''}`);
  line(1, `pod management: ${sts.podManagementNote}`);

  line(1, `pods (${sts.replicas ?? 0}):`);
  const total = sts.pods.length + sts.omittedPods;
  const shown = total > head + tail + 1 ? [...sts.pods.slice(0, head), undefined, ...sts.pods.slice(sts.pods.length - tail)] : sts.pods;
  for (const pod of shown) {
    if (!pod) {
      line(2, `… ${total - head - tail} more …`);
      continue;
    }
    line(2, pod.name);
    if (pod.dns) line(3, `dns: ${pod.dns}`);
    for (const claim of pod.claims) line(3, `pvc: ${claim.name}  ${claimDetails(claim)}`);
  }

  if (sts.service) {
    const s = sts.service;
    const state = !s.found ? 'not found in the workspace' : s.headless ? 'headless' : 'NOT headless';
    line(1, `service: ${s.name} (${state})  fqdn ${s.fqdn}`);
    for (const port of s.ports) line(2, `srv: ${port.srv}${port.port !== undefined ? `  → port ${port.port}` : ''}`);
  } else {
    line(1, 'service: none (no serviceName: pods get no per-pod DNS names)');
  }

  const r = sts.retention;
  line(1, `on scale-down (whenScaled: ${r.whenScaled}${r.whenScaledDefaulted ? ', default' : ''}): ${r.scaleDownNote}`);
  line(1, `on delete (whenDeleted: ${r.whenDeleted}${r.whenDeletedDefaulted ? ', default' : ''}): ${r.deleteNote}`);

  if (sts.problems.length > 0) {
    line(1, `problems (${sts.problems.length}):`);
    for (const p of sts.problems) line(2, `${PROBLEM_SEVERITY[p.severity] ?? 'error'} ${p.rule}: ${p.message}  (${at(p)})`);
  }
  return `${lines.join('\n')}\n`;
}

export function replicasText(sts: StatefulSetPreview): string {
  if (sts.replicas === null) return 'invalid (not a non-negative integer)';
  return sts.replicasDefaulted ? `${sts.replicas} (default)` : String(sts.replicas);
}

export function claimDetails(claim: { size?: string; accessModes: string[]; storageClassLabel: string }): string {
  return [claim.size ?? 'no size', claim.accessModes.join(',') || 'no access mode', claim.storageClassLabel].join(' · ');
}
