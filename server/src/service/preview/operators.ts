// The preview of operators' resources (a CloudNativePG Cluster, a Strimzi Kafka): the pods, claims,
// Services and Secrets the operator will make, from what the kind's descriptor declares (kinds/).
import { isScalar } from 'yaml';
import { conditionHolds, descriptorOf, kindId, SERVICE, type KindDescriptor } from '../kinds';
import { rangeOf } from '../parse/positions';
import type { IndexedResource } from '../workspace';
import { nodeAt, scalarAt } from '../yaml/access';
import type { OperatorResourcePreview } from '../../../../common/previewModel';
import type { DocumentStore } from '../documents';

export function operatorResourcePreviews(
  entries: IndexedResource[],
  documents: DocumentStore,
  clusterDomain: string,
  maxListedPods: number,
): OperatorResourcePreview[] {
  const out: OperatorResourcePreview[] = [];
  for (const entry of entries) {
    const descriptor = operatorDescriptor(entry);
    const preview = descriptor && operatorResourcePreview(entry, descriptor, documents, clusterDomain, maxListedPods);
    if (preview) out.push(preview);
  }
  return out;
}

/** The descriptor of a resource an operator (not Kubernetes itself) turns into other objects. */
export function operatorDescriptor(entry: IndexedResource): KindDescriptor | undefined {
  if (entry.facts.madeBy) return undefined;
  const descriptor = descriptorOf(entry.apiVersion, entry.kind);
  return descriptor && descriptor.schema !== 'builtin' && (descriptor.makes || descriptor.pods) ? descriptor : undefined;
}

function operatorResourcePreview(
  entry: IndexedResource,
  descriptor: KindDescriptor,
  documents: DocumentStore,
  clusterDomain: string,
  maxListedPods: number,
): OperatorResourcePreview | undefined {
  const file = documents.parsed(entry.uri);
  const root = entry.resource.root;
  const nameNode = scalarAt(root, ['metadata', 'name']);
  if (!file || !nameNode?.range) return undefined;
  const name = entry.name;
  const fill = (template: string, ordinal?: number) => template.replaceAll('{name}', name).replaceAll('{ordinal}', String(ordinal));

  const objects: OperatorResourcePreview['objects'] = [];
  for (const made of descriptor.makes ?? []) {
    if (/\{(?!name\})[a-z]+\}/.test(made.name) || !conditionHolds(root, made.when)) continue;
    const objectName = fill(made.name);
    const dns = kindId(made.kind) === kindId(SERVICE) ? `${objectName}.${entry.namespace}.svc.${clusterDomain}` : undefined;
    objects.push({ kind: made.kind.kind, name: objectName, ...(made.role ? { role: made.role } : {}), ...(dns ? { dns } : {}) });
  }

  const pods: OperatorResourcePreview['pods'] = [];
  let omittedPods = 0;
  if (descriptor.pods) {
    const { replicas, defaultReplicas, firstOrdinal, name: podName, claims = [] } = descriptor.pods;
    const node = nodeAt(root, replicas.split('.'));
    const count = node === undefined ? defaultReplicas : isScalar(node) && Number.isInteger(node.value) && (node.value as number) >= 0 ? Math.min(node.value as number, 2 ** 31 - 1) : 0;
    const limit = Math.max(2, maxListedPods);
    const listed = count <= limit ? indices(0, count) : [...indices(0, Math.ceil(limit / 2)), ...indices(count - Math.floor(limit / 2), count)];
    const claimNames = claims.filter((c) => conditionHolds(root, c.when)).map((c) => c.name);
    for (const i of listed) {
      const ordinal = firstOrdinal + i;
      pods.push({ name: fill(podName, ordinal), claims: claimNames.map((c) => fill(c, ordinal)) });
    }
    omittedPods = count - listed.length;
  }
  return {
    kind: entry.kind,
    apiVersion: entry.apiVersion,
    name,
    namespace: entry.namespace,
    location: { uri: entry.uri, range: rangeOf(file.lineCounter, file.text, nameNode.range[0], nameNode.range[1]) },
    pods,
    omittedPods,
    objects,
  };
}

function indices(from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = from; i < to; i++) out.push(i);
  return out;
}
