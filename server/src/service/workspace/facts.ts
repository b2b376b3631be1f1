// What the rules, completion and the preview read of a resource when they look at it from another
// file, taken once when the resource is indexed. Files that are not open keep no AST
// (documents.ts), so these facts are what cross-file readers use on the hot paths: a diagnostics
// pass must not re-parse the workspace. Readers that need ranges in the other file (navigation,
// quick fixes editing it) still go through `resource.root`, which re-parses on demand.
import { isMap, isScalar, type Node } from 'yaml';
import { configMapSummary, secretSize } from '../k8s/dataSummary';
import { accessModes, isDefaultClass } from '../k8s/storage';
import { parseQuantity, type Quantity } from '../k8s/quantity';
import type { Resource } from '../types';
import { entries, items, mapAt, nodeAt, scalarAt, seqAt, stringAt, stringMap } from '../yaml/access';
import { keySections, referencesOf, type KeySection, type ReferenceTarget } from './references';


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
  target: Exclude<ReferenceTarget, 'Volume'>;
  name: string;
  key?: string;
  /** Explicit namespace of the target (claimRef.namespace), as Reference.namespace. */
  namespace?: string;
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
}

const NON_SOURCE_KEYS = new Set([
  'accessModes', 'capacity', 'claimRef', 'mountOptions', 'nodeAffinity', 'persistentVolumeReclaimPolicy', 'storageClassName',
  'volumeMode', 'volumeAttributesClassName',
]);

export function factsOf(resource: Resource): ResourceFacts {
  const facts = kindFactsOf(resource);
  const refs: ReferenceFacts[] = [];
  for (const ref of referencesOf(resource)) {
    if (ref.target === 'Volume') continue;
    const fact: ReferenceFacts = { target: ref.target, name: ref.name };
    if (ref.key !== undefined) fact.key = ref.key;
    if (ref.namespace !== undefined) fact.namespace = ref.namespace;
    refs.push(fact);
  }
  if (refs.length > 0) facts.refs = refs;
  return facts;
}

/** Offsets relative to the document's start: an open file's documents move when lines above them change. */
function offsetsOf(node: Node | undefined, documentStart: number): [number, number] | undefined {
  return node?.range ? [node.range[0] - documentStart, node.range[1] - documentStart] : undefined;
}

function kindFactsOf(resource: Resource): ResourceFacts {
  const root = resource.root;
  switch (resource.kind) {
    case 'ConfigMap':
    case 'Secret': {
      const dataKeys: DataKeyFacts[] = [];
      const summary = resource.kind === 'Secret' ? secretSize : configMapSummary;
      for (const section of keySections(resource.kind)) {
        for (const e of entries(mapAt(root, [section]))) dataKeys.push({ key: e.key, section, summary: summary(section, e.value) });
      }
      return resource.kind === 'Secret' ? { dataKeys, secretType: stringAt(root, ['type']) ?? 'Opaque' } : { dataKeys };
    }
    case 'Service': {
      const selector = mapAt(root, ['spec', 'selector']);
      return {
        service: {
          clusterIP: stringAt(root, ['spec', 'clusterIP']),
          type: stringAt(root, ['spec', 'type']) ?? 'ClusterIP',
          selector: selector ? stringMap(selector) : undefined,
          // Entries with null or nested values are not in `selector` but do make it non-empty.
          selectorEntries: entries(selector).length,
          nameRange: offsetsOf(nodeAt(root, ['metadata', 'name']), resource.document.start),
          ports: items(seqAt(root, ['spec', 'ports'])).flatMap((port) => {
            const name = stringAt(port, ['name']);
            return name ? [{ name, port: stringAt(port, ['port']), protocol: stringAt(port, ['protocol']), nameRange: offsetsOf(nodeAt(port, ['name']), resource.document.start) }] : [];
          }),
        },
      };
    }
    case 'StorageClass': {
      const isDefault = isDefaultClass(resource);
      return {
        storageClass: {
          isDefault,
          provisioner: stringAt(root, ['provisioner']),
          volumeBindingMode: stringAt(root, ['volumeBindingMode']),
          reclaimPolicy: stringAt(root, ['reclaimPolicy']),
          allowVolumeExpansion: stringAt(root, ['allowVolumeExpansion']),
        },
      };
    }
    case 'PersistentVolumeClaim': {
      const spec = mapAt(root, ['spec']);
      return {
        claim: {
          size: stringAt(spec, ['resources', 'requests', 'storage']),
          accessModes: items(seqAt(spec, ['accessModes'])).flatMap((n) => (isScalar(n) ? [String(n.value)] : [])),
          storageClassName: stringAt(spec, ['storageClassName']),
        },
      };
    }
    case 'PersistentVolume': {
      const spec = mapAt(root, ['spec']);
      const storage = scalarAt(spec, ['capacity', 'storage']);
      const claimRef = mapAt(spec, ['claimRef']);
      return {
        volume: {
          storageClassName: stringAt(spec, ['storageClassName']) ?? '',
          accessModes: accessModes(spec),
          capacity: storage && (typeof storage.value === 'string' || typeof storage.value === 'number') ? parseQuantity(storage.value) : undefined,
          volumeMode: stringAt(spec, ['volumeMode']) ?? 'Filesystem',
          claimRef: claimRef ? { name: stringAt(claimRef, ['name']), namespace: stringAt(claimRef, ['namespace']) } : undefined,
          source: entries(spec).find((e) => !NON_SOURCE_KEYS.has(e.key) && isMap(e.value))?.key,
        },
      };
    }
    default:
      return {};
  }
}
