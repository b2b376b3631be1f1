// Computes the Stateful Preview: for each StatefulSet, the names the controller will create
// (pods, claims, DNS and SRV records), how they come and go, and what breaks their identity.
// Pure: reads the workspace index and the parsed documents, never the transport.
import { isKind, kindId, SERVICE, STATEFUL_SET } from '../kinds';
import { isScalar, type Node } from 'yaml';
import { defaultClasses } from '../workspace/storage';
import { rangeOf } from '../parse/positions';
import type { DocumentStore } from '../documents';
import type { SchemaRegistry } from '../schema/registry';
import type { Settings } from '../settings';
import type { ParsedFile, Resource } from '../types';
import type { IndexedResource, WorkspaceIndex } from '../workspace';
import { entries, items, mapAt, nodeAt, scalarAt, seqAt, stringAt } from '../yaml/access';
import { previewHoverMarkdown } from '../../../../common/previewHover';
import { identityProblems, type IdentityEnvironment } from './identity';
import { operatorDescriptor, operatorResourcePreviews } from './operators';
import type {
  ClaimTemplatePreview,
  PodPreview,
  PreviewModel,
  RetentionPreview,
  ServicePortPreview,
  ServicePreview,
  SourceLocation,
  StatefulSetPreview,
} from '../../../../common/previewModel';

export interface PreviewEnvironment {
  index: WorkspaceIndex;
  documents: DocumentStore;
  registry: SchemaRegistry;
  settings: Settings;
  docsBaseUri?: string;
}

export interface PreviewOptions {
  /** The file in the user's editor: its StatefulSets come first. */
  activeUri?: string;
  /**
   * At most this many pods are listed per StatefulSet (half from the start, half from the end);
   * `replicas: 100000` must not produce a megabyte of JSON on every keystroke.
   */
  maxListedPods?: number;
}

/** Enough to see the pattern at both ends; a workspace of 500 StatefulSets stays a few MB of JSON. */
export const DEFAULT_MAX_LISTED_PODS = 20;

export function computePreview(env: PreviewEnvironment, options: PreviewOptions = {}): PreviewModel {
  // Templates are never indexed (workspace/index.ts), so every entry is a real manifest.
  const statefulSets = [...env.index.ofKind(kindId(STATEFUL_SET))].sort(activeFirst(options.activeUri));
  const identity: IdentityEnvironment = { ...env, cache: new Map() };
  const recorders = new Map<string, LookupRecorder>();
  const operatorResources = operatorResourcePreviews(
    env.index.all().filter((entry) => operatorDescriptor(entry) !== undefined).sort(activeFirst(options.activeUri)),
    env.documents,
    env.settings.clusterDomain,
    options.maxListedPods ?? DEFAULT_MAX_LISTED_PODS,
  );
  return {
    clusterDomain: env.settings.clusterDomain,
    statefulSets: statefulSets.flatMap((entry) => {
      const preview = env.documents.isOpen(entry.uri) ? statefulSetPreview(env, entry, options, identity) : closedFilePreview(env, entry, options, recorders);
      return preview ? [preview] : [];
    }),
    ...(operatorResources.length > 0 ? { operatorResources } : {}),
  };
}

// StatefulSets of closed files: their files keep no AST (documents.ts), so computing one means
// re-parsing its file. Their text cannot change without a new index entry, so a preview is kept per
// entry while the index lookups it made (Services, StorageClasses, … by name) give the same
// entries and the settings are the same: a preview refresh while typing re-parses nothing.

interface ClosedPreview {
  settings: Settings;
  maxListedPods: number | undefined;
  lookups: Lookup[];
  preview: StatefulSetPreview | undefined;
}

const closedPreviews = new WeakMap<IndexedResource, ClosedPreview>();

function closedFilePreview(env: PreviewEnvironment, entry: IndexedResource, options: PreviewOptions, recorders: Map<string, LookupRecorder>): StatefulSetPreview | undefined {
  const cached = closedPreviews.get(entry);
  if (cached && cached.settings === env.settings && cached.maxListedPods === options.maxListedPods && sameLookups(env.index, cached.lookups)) return cached.preview;
  // One recorder per file: the identity rules run once per file and their lookups count for each of its StatefulSets.
  let recorder = recorders.get(entry.uri);
  if (!recorder) {
    recorder = recordLookups(env.index);
    recorders.set(entry.uri, recorder);
  }
  const recorded = { ...env, index: recorder.index };
  const preview = statefulSetPreview(recorded, entry, options, { ...recorded, cache: recorder.identityCache });
  closedPreviews.set(entry, { settings: env.settings, maxListedPods: options.maxListedPods, lookups: recorder.lookups, preview });
  return preview;
}

interface Lookup {
  method: 'find' | 'ofKind' | 'hasKind' | 'all' | 'entryFor' | 'namespaceOf';
  args: unknown[];
  result: unknown;
  /** Where the entries found were: a Service in an open file keeps its entry when lines above it change. */
  starts?: number[];
}

interface LookupRecorder {
  index: WorkspaceIndex;
  lookups: Lookup[];
  identityCache: Map<string, import('../types').Diagnostic[]>;
}

function recordLookups(index: WorkspaceIndex): LookupRecorder {
  const lookups: Lookup[] = [];
  const recorder = new Proxy(index, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const result = (value as (...a: unknown[]) => unknown).apply(target, args);
        lookups.push({ method: property as Lookup['method'], args, result, starts: Array.isArray(result) ? result.map(startOf) : undefined });
        return result;
      };
    },
  });
  return { index: recorder, lookups, identityCache: new Map() };
}

function startOf(entry: unknown): number {
  return (entry as Partial<IndexedResource>)?.start ?? -1;
}

/** Whether every recorded lookup still answers with the same entries, at the same places. */
function sameLookups(index: WorkspaceIndex, lookups: Lookup[]): boolean {
  for (const lookup of lookups) {
    const { method, args, result } = lookup;
    const fn = (index as unknown as Record<string, (...a: unknown[]) => unknown>)[method];
    if (typeof fn !== 'function') return false;
    const now = fn.apply(index, args);
    if (Array.isArray(result) && Array.isArray(now)) {
      if (result.length !== now.length || result.some((r, i) => r !== now[i] || startOf(r) !== lookup.starts?.[i])) return false;
    } else if (now !== result) return false;
  }
  return true;
}

/** The preview of the StatefulSet a parsed resource is (for the hover on its name), or undefined. */
export function previewOfResource(env: PreviewEnvironment, resource: Resource, options: PreviewOptions = {}): StatefulSetPreview | undefined {
  if (!isKind(resource, STATEFUL_SET)) return undefined;
  const entry = env.index.entryFor(resource);
  return entry ? statefulSetPreview(env, entry, options, { ...env, cache: new Map() }) : undefined;
}

/** The summary for the hover on a StatefulSet's `metadata.name`; undefined for any other resource. */
export function previewHoverForResource(env: PreviewEnvironment, resource: Resource): string | undefined {
  const preview = previewOfResource(env, resource);
  return preview && previewHoverMarkdown(preview);
}

function statefulSetPreview(env: PreviewEnvironment, entry: IndexedResource, options: PreviewOptions, identity: IdentityEnvironment): StatefulSetPreview | undefined {
  const file = env.documents.parsed(entry.uri);
  if (!file) return undefined;
  const { resource, uri, name, namespace } = entry;
  const root = resource.root;
  const at = locator(uri, file);
  const nameLocation = at(nodeAt(root, ['metadata', 'name'])) ?? at(root)!;
  const orName = (node: Node | undefined) => at(node) ?? nameLocation;

  const replicasNode = nodeAt(root, ['spec', 'replicas']);
  const replicas = replicasNode === undefined ? 1 : nonNegativeInteger(replicasNode);
  const ordinalsNode = nodeAt(root, ['spec', 'ordinals', 'start']);
  const ordinalsStart = (ordinalsNode && nonNegativeInteger(ordinalsNode)) ?? 0;
  const policyNode = nodeAt(root, ['spec', 'podManagementPolicy']);
  const podManagementPolicy = stringAt(root, ['spec', 'podManagementPolicy']) ?? 'OrderedReady';
  const serviceNameNode = scalarAt(root, ['spec', 'serviceName']);
  const serviceName = stringAt(root, ['spec', 'serviceName']) || undefined;
  const domain = env.settings.clusterDomain;

  const claimTemplates = claimTemplatesOf(env, root, at);
  const podName = (ordinal: number) => `${name}-${ordinal}`;
  const count = replicas ?? 0;
  const limit = Math.max(2, options.maxListedPods ?? DEFAULT_MAX_LISTED_PODS);
  const listed = count <= limit ? range(0, count) : [...range(0, Math.ceil(limit / 2)), ...range(count - Math.floor(limit / 2), count)];
  const podsLocation = orName(replicasNode);
  const pods: PodPreview[] = listed.map((i) => {
    const ordinal = ordinalsStart + i;
    const pod = podName(ordinal);
    return {
      ordinal,
      name: pod,
      dns: serviceName ? `${pod}.${serviceName}.${namespace}.svc.${domain}` : undefined,
      claims: claimTemplates.map((t) => ({ ...t, name: `${t.template}-${name}-${ordinal}` })),
      location: podsLocation,
    };
  });

  const firstPod = count > 0 ? podName(ordinalsStart) : undefined;
  const lastPod = count > 0 ? podName(ordinalsStart + count - 1) : undefined;
  return {
    name,
    namespace,
    namespaceDefaulted: resource.namespace === undefined,
    location: nameLocation,
    replicas,
    replicasDefaulted: replicasNode === undefined,
    replicasLocation: podsLocation,
    ordinalsStart,
    ordinalsLocation: orName(ordinalsNode),
    podManagementPolicy,
    podManagementNote: podManagementNote(podManagementPolicy, count, firstPod, lastPod),
    podManagementLocation: orName(policyNode),
    serviceName,
    serviceNameLocation: orName(serviceNameNode),
    pods,
    omittedPods: count - listed.length,
    claimTemplates,
    service: serviceName ? servicePreview(env, serviceName, namespace, orName(serviceNameNode)) : undefined,
    retention: retentionPreview(root, name, ordinalsStart, count, claimTemplates, orName),
    problems: identityProblems(identity, entry, file),
  };
}

function claimTemplatesOf(env: PreviewEnvironment, root: Resource['root'], at: Locator): ClaimTemplatePreview[] {
  const out: ClaimTemplatePreview[] = [];
  let workspaceDefault: string | null | undefined;
  const defaultClass = () => (workspaceDefault ??= defaultStorageClass(env.index) ?? null);
  for (const template of items(seqAt(root, ['spec', 'volumeClaimTemplates']))) {
    const templateName = stringAt(template, ['metadata', 'name']);
    if (!templateName) continue;
    const explicit = scalarAt(template, ['spec', 'storageClassName']);
    let storageClass: string | undefined;
    let storageClassSource: ClaimTemplatePreview['storageClassSource'];
    let storageClassLabel: string;
    if (explicit && explicit.value !== null && explicit.value !== undefined) {
      storageClass = String(explicit.value);
      // An empty class name asks for no class at all: only pre-provisioned PVs without a class bind.
      storageClassSource = storageClass === '' ? 'none' : 'explicit';
      storageClassLabel = storageClass === '' ? 'none (binds only PVs without a class)' : storageClass;
      if (storageClass === '') storageClass = undefined;
    } else if (defaultClass()) {
      storageClass = defaultClass()!;
      storageClassSource = 'workspace-default';
      storageClassLabel = `${storageClass} (workspace default)`;
    } else {
      storageClassSource = 'cluster-default';
      storageClassLabel = 'cluster default';
    }
    const accessModes = items(seqAt(template, ['spec', 'accessModes'])).flatMap((n) => (isScalar(n) && n.value != null ? [String(n.value)] : []));
    out.push({
      template: templateName,
      size: stringAt(template, ['spec', 'resources', 'requests', 'storage']),
      accessModes,
      storageClass,
      storageClassSource,
      storageClassLabel,
      location: at(nodeAt(template, ['metadata', 'name']))!,
    });
  }
  return out;
}

/** The workspace's default StorageClass (annotation `storageclass.kubernetes.io/is-default-class: "true"`). */
export function defaultStorageClass(index: WorkspaceIndex): string | undefined {
  return defaultClasses(index)[0]?.name;
}

function servicePreview(env: PreviewEnvironment, name: string, namespace: string, serviceNameLocation: SourceLocation): ServicePreview {
  const domain = env.settings.clusterDomain;
  const fqdn = `${name}.${namespace}.svc.${domain}`;
  const [service] = env.index.find(kindId(SERVICE), name, namespace);
  if (!service) return { name, namespace, fqdn, found: false, headless: false, ports: [], location: serviceNameLocation };
  // From the index's facts (the Service may be in a closed file, which keeps no AST); offsets to
  // positions need only the file's line starts.
  const facts = service.facts.service;
  const lines = env.documents.lineCounter(service.uri);
  const at = (offsets: [number, number] | undefined): SourceLocation | undefined =>
    offsets && lines ? { uri: service.uri, range: rangeOf(lines.lineCounter, lines.text, service.start + offsets[0], service.start + offsets[1]) } : undefined;
  const location = at(facts?.nameRange) ?? serviceNameLocation;
  const ports: ServicePortPreview[] = (facts?.ports ?? []).map((port) => {
    const protocol = port.protocol ?? 'TCP';
    const number = Number(port.port);
    return {
      name: port.name,
      port: Number.isInteger(number) ? number : undefined,
      protocol,
      srv: `_${port.name}._${protocol.toLowerCase()}.${fqdn}`,
      location: at(port.nameRange) ?? location,
    };
  });
  return { name, namespace, fqdn, found: true, headless: facts?.clusterIP === 'None', ports, location };
}

function retentionPreview(
  root: Resource['root'],
  name: string,
  ordinalsStart: number,
  count: number,
  templates: ClaimTemplatePreview[],
  orName: (node: Node | undefined) => SourceLocation,
): RetentionPreview {
  const policy = nodeAt(root, ['spec', 'persistentVolumeClaimRetentionPolicy']);
  const whenDeleted = stringAt(policy, ['whenDeleted']);
  const whenScaled = stringAt(policy, ['whenScaled']);
  const effectiveDeleted = whenDeleted ?? 'Retain';
  const effectiveScaled = whenScaled ?? 'Retain';
  const claimsOf = (ordinal: number) => templates.map((t) => `${t.template}-${name}-${ordinal}`).join(', ');
  const last = ordinalsStart + count - 1;
  let scaleDownNote: string;
  let deleteNote: string;
  if (templates.length === 0) {
    scaleDownNote = 'no volumeClaimTemplates: there are no claims to keep or delete';
    deleteNote = scaleDownNote;
  } else {
    // Scaling down removes the highest ordinal first; name it and its claims as the example.
    const removed = count > 0 ? `${name}-${last}` : 'the highest ordinal';
    const removedClaims = count > 0 ? ` (${claimsOf(last)})` : '';
    scaleDownNote =
      effectiveScaled === 'Delete'
        ? `scaling down removes ${removed} first and deletes its claims${removedClaims}`
        : effectiveScaled === 'Retain'
          ? `scaling down removes ${removed} first; its claims${removedClaims} are kept and reattached when scaling back up`
          : `unknown policy "${effectiveScaled}" (Retain or Delete)`;
    const all = count === 0 ? 'every claim' : count === 1 ? `its claims (${claimsOf(ordinalsStart)})` : `every claim (${claimsOf(ordinalsStart)} … ${claimsOf(last)})`;
    deleteNote =
      effectiveDeleted === 'Delete'
        ? `deleting the StatefulSet deletes ${all} once its pods are gone`
        : effectiveDeleted === 'Retain'
          ? `deleting the StatefulSet keeps ${all}; delete them by hand to release the volumes`
          : `unknown policy "${effectiveDeleted}" (Retain or Delete)`;
  }
  return {
    whenDeleted: effectiveDeleted,
    whenScaled: effectiveScaled,
    whenDeletedDefaulted: whenDeleted === undefined,
    whenScaledDefaulted: whenScaled === undefined,
    scaleDownNote,
    deleteNote,
    location: orName(keyNode(root, 'persistentVolumeClaimRetentionPolicy')),
  };
}

function podManagementNote(policy: string, count: number, first?: string, last?: string): string {
  if (policy === 'Parallel') return 'Parallel: all pods start at once and stop at once, without waiting for each other';
  if (policy !== 'OrderedReady') return `unknown policy "${policy}" (OrderedReady or Parallel)`;
  if (count <= 1 || !first || !last) return 'OrderedReady: pods start one at a time in ordinal order and stop in reverse order';
  return `OrderedReady: pods start one at a time (${first} first, each once the previous is Running and Ready) and stop in reverse order (${last} first)`;
}

/** The key node of `spec.<key>`, so a click lands on the key a user reads. */
function keyNode(root: Resource['root'], key: string): Node | undefined {
  return entries(mapAt(root, ['spec'])).find((e) => e.key === key)?.keyNode;
}

type Locator = (node: Node | null | undefined) => SourceLocation | undefined;

function locator(uri: string, file: ParsedFile): Locator {
  return (node) => (node?.range ? { uri, range: rangeOf(file.lineCounter, file.text, node.range[0], node.range[1]) } : undefined);
}

/** replicas and ordinals.start are int32: anything else is not a count we can list (and 1e300 would never end). */
const INT32_MAX = 2 ** 31 - 1;

function nonNegativeInteger(node: Node): number | null {
  if (!isScalar(node) || typeof node.value !== 'number') return null;
  return Number.isInteger(node.value) && node.value >= 0 && node.value <= INT32_MAX ? node.value : null;
}

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = from; i < to; i++) out.push(i);
  return out;
}

function activeFirst(activeUri: string | undefined): (a: IndexedResource, b: IndexedResource) => number {
  return (a, b) =>
    Number(b.uri === activeUri) - Number(a.uri === activeUri) ||
    (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0) ||
    a.documentIndex - b.documentIndex;
}
