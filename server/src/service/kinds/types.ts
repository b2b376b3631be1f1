// The shape of what the service knows about one kind. Everything here is data (plus one function
// for the facts other files read), so references, completion, navigation, rename, the outline, the
// index and the rules all read the same declarations and cannot drift apart.
import type { NameFormat } from '../k8s/names';
import type { Quantity } from '../k8s/quantity';
import type { Resource } from '../types';

/** A kind by API group ('' for the core group) and name. */
export interface KindKey {
  group: string;
  kind: string;
}

/** Where a kind's schema comes from: the generated built-in schemas, a CRD, or nowhere (yet). */
export type SchemaSource = 'builtin' | 'crd' | 'none';

/**
 * How a reference site is named in messages and code (`via`): configMapKeyRef, claimName, ... For
 * built-in sites these are the Kubernetes field names; operator descriptors name their own.
 */
export type ReferenceVia = string;

/** The kind a reference points at, by its id (kindId: `Secret`, `StorageClass.storage.k8s.io`), or `Volume`: a volume (or claim template) of the referring resource itself. */
export type ReferenceTarget = string;

/**
 * One place a kind names another resource. `at` is the path of the map holding the reference, from
 * the resource's root (or from the pod spec, for pod sites): dot-separated keys, `[]` after a key
 * for each item of its list, `a|b` for alternative keys.
 */
export interface ReferenceSite {
  at: string;
  /** The key in that map whose value names the target. */
  name: string;
  /** What it names: a kind (by group and kind), or `Volume`, a volume of the same pod spec. */
  target: KindKey;
  /** The key in the same map naming a key of the target (configMapKeyRef.key). */
  key?: string;
  /** `items[].key` beside the name also name keys of the target (configMap/secret volume sources). */
  itemKeys?: boolean;
  /** `optional: true` in the same map makes a missing target or key fine. */
  optional?: boolean;
  /** The key in the same map naming the target's namespace (claimRef.namespace); else the referrer's. */
  namespaceKey?: string;
  /** Only headless Services make sense here (a StatefulSet's serviceName): completion offers only them. */
  headlessService?: boolean;
  via: ReferenceVia;
}

/** Outline symbols resources are drawn with (names of LSP SymbolKinds). */
export type OutlineSymbol = 'Class' | 'Interface' | 'Struct' | 'Object' | 'Key' | 'Namespace';

/** Sections of the outline under a resource's symbol. */
export type OutlineChild = 'containers' | 'volumes' | 'claimTemplates' | 'ports' | 'keys';

/** Sections holding a ConfigMap's or Secret's keys. */
export type KeySection = 'data' | 'binaryData' | 'stringData';

/**
 * An object a resource makes in the cluster, named from the resource's name: `{name}` is the
 * resource's name, `{ordinal}` a pod ordinal, `{template}` a claim template's name.
 */
export interface MadeObject {
  kind: KindKey;
  name: string;
  /** What it is, for the preview and hovers ("read-write Service", "application user credentials"). */
  role?: string;
  /** Made only when this field (a dotted path from the root) is set and not false. */
  when?: string;
  /** A Service it makes: whether it is headless and the ports the operator gives it (what serviceName checks and the preview read). */
  service?: MadeService;
}

export interface MadeService {
  headless: boolean;
  /** Ports it always has. */
  ports?: Array<{ name: string; port: number }>;
  /**
   * Ports it has per item of a list of the resource (Strimzi's listeners): for each item of `list`
   * (a dotted path ending in `[]`) whose `when.key` has one of `when.values`, a port numbered by the
   * item's `port` and named by `name` (`{name}`: the item's name).
   */
  portsPerItem?: { list: string; name: string; port: string; when?: { key: string; values: string[] } };
}

/** The pods a resource runs (an operator's cluster), for the preview: `{name}`/`{ordinal}` templates as in MadeObject. */
export interface PodsMade {
  /** Dotted path of the replica count, and the count when it is absent. */
  replicas: string;
  defaultReplicas: number;
  firstOrdinal: number;
  name: string;
  /** Claims per pod: name templates, each made only when its `when` field is set. */
  claims?: Array<{ name: string; when?: string }>;
}

export interface KindDescriptor extends KindKey {
  /** Older groups the API server still serves (or once served) the same kind under: extensions/v1beta1 Deployments. */
  legacyGroups?: string[];
  scope: 'Namespaced' | 'Cluster';
  /** Path of the pod spec in a pod-bearing kind. */
  podSpec?: string;
  /** Path of the list of claim templates (a StatefulSet's volumeClaimTemplates): volumes its pods mount. */
  claimTemplates?: string;
  /** Sections holding keys other resources refer to (ConfigMap, Secret). */
  keySections?: KeySection[];
  /** Reference sites outside the pod spec (pod-bearing kinds get the pod sites too). */
  references?: ReferenceSite[];
  /** What other files read of a resource of this kind, taken once when it is indexed. */
  facts?: (resource: Resource) => ResourceFacts;
  outline?: OutlineChild[];
  /** How the outline draws its resources: the name of an LSP SymbolKind (absent: Module). */
  symbol?: OutlineSymbol;
  /** Values the API documents only in prose, for string fields without an enum, by dotted path: [value, Markdown]. */
  knownValues?: Record<string, Array<[value: string, documentation: string]>>;
  /** Objects it makes: those named from its name alone count as defined where referred to; the preview lists them all. */
  makes?: MadeObject[];
  /** The pods (and their claims) it runs, when an operator runs them: the preview lists them. */
  pods?: PodsMade;
  /** The format the API server requires of `metadata.name`, where we are sure of it (RBAC names may hold ":"). */
  nameFormat?: NameFormat;
  /** apiVersions of this kind the API server no longer serves, by apiVersion (legacy groups included). */
  removed?: Record<string, RemovedApi>;
  /** What the kind is *for*, in Markdown, which hover on `kind:` adds to the schema's description of what it *is*. */
  purpose?: string;
  /** Where `kind:` completion and the resource starters list it (absent: after these, alphabetically). */
  completion?: CompletionPlace;
  schema: SchemaSource;
}

/** An apiVersion of a kind that Kubernetes stopped serving. */
export interface RemovedApi {
  /** Kubernetes minor version that stopped serving it. */
  removedIn: string;
  /** The apiVersion to use instead, or undefined when the kind itself is gone. */
  replacement?: string;
  note?: string;
}

/**
 * `featured`: the stateful kinds this extension is about: listed first, their starters carry the
 * required top-level fields, their apiVersions come first. `common`: the other kinds users reach for
 * most. `order` is the place within the group.
 */
export interface CompletionPlace {
  group: 'featured' | 'common';
  order: number;
}

// What other files read of a resource (the index keeps these per resource; workspace/facts.ts): each
// kind's descriptor says which of them it has, the reference facts come from its reference sites.

/** What a PersistentVolume offers to claims. */
export interface VolumeFacts {
  /** '' when the PV has no class. */
  storageClassName: string;
  accessModes: string[];
  capacity?: Quantity;
  volumeMode: string;
  claimRef?: { name?: string; namespace?: string };
  /** The volume source key (hostPath, local, nfs, csi, ...). */
  source?: string;
}

export interface DataKeyFacts {
  key: string;
  section: KeySection;
  summary: string;
}

/** A reference this resource makes to another resource (volume mounts, which stay inside it, are left out). */
export interface ReferenceFacts {
  target: ReferenceTarget;
  name: string;
  key?: string;
  /** Explicit namespace of the target (claimRef.namespace), as Reference.namespace. */
  namespace?: string;
}

/** A custom resource kind with its scope, as its CRD declares it. */
export interface CustomKindScope extends KindKey {
  scope: 'Namespaced' | 'Cluster';
}

export interface ResourceFacts {
  /** What it refers to: find-references and rename read only the files whose facts match. */
  refs?: ReferenceFacts[];
  /**
   * ConfigMap / Secret: every key with its section, in file order (duplicates kept), and the
   * one-line summary completion shows (a Secret's is its size only).
   */
  dataKeys?: DataKeyFacts[];
  /** Secret: `type`, Opaque when absent. */
  secretType?: string;
  /** Service: `spec.clusterIP`, `spec.type` (absent: ClusterIP), `spec.selector` (undefined when absent or not a map). */
  service?: {
    clusterIP?: string;
    type: string;
    selector?: Record<string, string>;
    selectorEntries: number;
    /**
     * Offsets of `metadata.name`'s value, and the named ports with the offsets of their names (for the
     * preview's SRV records); relative to the document's start (IndexedResource.start).
     */
    nameRange?: [number, number];
    ports: Array<{ name: string; port?: string; protocol?: string; nameRange?: [number, number] }>;
  };
  /** StorageClass: marked default by annotation, provisioner and what completion describes. */
  storageClass?: { isDefault: boolean; provisioner?: string; volumeBindingMode?: string; reclaimPolicy?: string; allowVolumeExpansion?: string };
  /** PersistentVolumeClaim: requested size, access modes, class (undefined: absent, '' no class). */
  claim?: { size?: string; accessModes: string[]; storageClassName?: string };
  /** PersistentVolume. */
  volume?: VolumeFacts;
  /** CustomResourceDefinition: the kind it defines and that kind's scope (the index gives custom resources their namespace by it). */
  definesKind?: CustomKindScope;
  /** An object another resource makes (an operator's Service or Secret): it is indexed at the maker's name. */
  madeBy?: { kind: string; name: string; role?: string };
}
