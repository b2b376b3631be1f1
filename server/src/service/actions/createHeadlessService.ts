// sts-service-missing: append the governing headless Service the StatefulSet names, in its
// namespace, selecting the pod template's labels and exposing the containers' ports.
import { isKind, SERVICE, STATEFUL_SET } from '../kinds';
import { CodeActionKind, type CodeAction } from 'vscode-languageserver-types';
import { isMap } from 'yaml';
import type { Resource } from '../types';
import { items, mapAt, scalarAt, seqAt, stringAt, stringMap } from '../yaml/access';
import { appendDocument } from './edits';
import { dataOf, type QuickFix } from './types';

export const createHeadlessService: QuickFix = {
  codes: ['sts-service-missing'],
  provide(ctx) {
    const resource = ctx.document.resource;
    if (!resource || !isKind(resource, STATEFUL_SET)) return [];
    const name = String(dataOf(ctx.diagnostic).serviceName ?? stringAt(resource.root, ['spec', 'serviceName']) ?? '');
    if (!name) return [];
    const service = headlessServiceFor(resource, name);
    const edit = appendDocument(ctx.file, service, ctx.document, `Headless Service governing StatefulSet ${resource.name ?? ''}: per-pod DNS names`.trimEnd());
    const action: CodeAction = {
      title: `Create headless Service "${name}"`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [ctx.diagnostic],
      isPreferred: true,
      edit: { changes: { [ctx.uri]: [edit] } },
    };
    return [action];
  },
};

export function headlessServiceFor(resource: Resource, name: string): Record<string, unknown> {
  const labels = stringMap(mapAt(resource.root, ['spec', 'template', 'metadata', 'labels']));
  const selector = Object.keys(labels).length > 0 ? labels : stringMap(mapAt(resource.root, ['spec', 'selector', 'matchLabels']));
  const metadata: Record<string, unknown> = { name };
  const namespace = stringAt(resource.root, ['metadata', 'namespace']);
  if (namespace) metadata.namespace = namespace;
  if (Object.keys(selector).length > 0) metadata.labels = selector;
  const spec: Record<string, unknown> = { clusterIP: 'None' };
  if (Object.keys(selector).length > 0) spec.selector = selector;
  const ports = servicePorts(resource);
  if (ports.length > 0) spec.ports = ports;
  return { apiVersion: 'v1', kind: SERVICE.kind, metadata, spec };
}

/** One Service port per distinct container port; names are kept (SRV records use them). */
function servicePorts(resource: Resource): Array<Record<string, unknown>> {
  const out: Array<Record<string, unknown>> = [];
  const seen = new Set<string>();
  for (const container of items(seqAt(resource.root, ['spec', 'template', 'spec', 'containers']))) {
    for (const port of items(seqAt(container, ['ports']))) {
      if (!isMap(port)) continue;
      const number = scalarAt(port, ['containerPort'])?.value;
      if (typeof number !== 'number') continue;
      const protocol = stringAt(port, ['protocol']) ?? 'TCP';
      const id = `${number}/${protocol}`;
      if (seen.has(id)) continue;
      seen.add(id);
      const portName = stringAt(port, ['name']);
      const entry: Record<string, unknown> = {};
      if (portName) entry.name = portName;
      entry.port = number;
      entry.targetPort = portName ?? number;
      if (protocol !== 'TCP') entry.protocol = protocol;
      out.push(entry);
    }
  }
  // A Service with several ports needs every one named.
  if (out.length > 1) out.forEach((p, i) => (p.name ??= `port-${i + 1}`));
  return out;
}

