// Claims, volumes and storage classes: what a claim asks for and a volume offers (pvc-unbindable and
// the preview read these from other files), and the classes they name.
import { isMap, isScalar } from 'yaml';
import { parseQuantity } from '../k8s/quantity';
import { accessModes, isDefaultClass } from '../k8s/storage';
import { entries, items, mapAt, scalarAt, seqAt, stringAt } from '../yaml/access';
import { CLAIM, STORAGE_CLASS } from './keys';
import { removedVersions } from './removed';
import type { KindDescriptor } from './types';

const NON_SOURCE_KEYS = new Set([
  'accessModes', 'capacity', 'claimRef', 'mountOptions', 'nodeAffinity', 'persistentVolumeReclaimPolicy', 'storageClassName',
  'volumeMode', 'volumeAttributesClassName',
]);

const CLASS_SITE = { at: 'spec', name: 'storageClassName', target: STORAGE_CLASS, via: 'storageClassName' };

export const STORAGE_KINDS: KindDescriptor[] = [
  {
    group: '',
    kind: 'PersistentVolumeClaim',
    symbol: 'Struct',
    nameFormat: 'dns-subdomain',
    scope: 'Namespaced',
    references: [CLASS_SITE],
    facts(resource) {
      const spec = mapAt(resource.root, ['spec']);
      return {
        claim: {
          size: stringAt(spec, ['resources', 'requests', 'storage']),
          accessModes: items(seqAt(spec, ['accessModes'])).flatMap((n) => (isScalar(n) ? [String(n.value)] : [])),
          storageClassName: stringAt(spec, ['storageClassName']),
        },
      };
    },
    purpose:
      'A request for storage: size (`resources.requests.storage`), access modes and a StorageClass. It binds to a matching PersistentVolume, or a new volume is provisioned by the class. Pods mount it through `volumes[].persistentVolumeClaim.claimName`.',
    completion: { group: 'featured', order: 2 },
    schema: 'builtin',
  },
  {
    group: '',
    kind: 'PersistentVolume',
    symbol: 'Struct',
    nameFormat: 'dns-subdomain',
    scope: 'Cluster',
    references: [CLASS_SITE, { at: 'spec.claimRef', name: 'name', namespaceKey: 'namespace', target: CLAIM, via: 'claimRef' }],
    facts(resource) {
      const spec = mapAt(resource.root, ['spec']);
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
    },
    purpose:
      'A piece of storage in the cluster (a disk, an NFS export, a local path), provisioned by an administrator or dynamically by a StorageClass. Claims bind to it by size, access modes, class and selector; `persistentVolumeReclaimPolicy` decides what happens when the claim is deleted.',
    completion: { group: 'featured', order: 3 },
    schema: 'builtin',
  },
  {
    group: 'storage.k8s.io',
    kind: 'StorageClass',
    removed: removedVersions(['storage.k8s.io/v1beta1'], { removedIn: '1.22', replacement: 'storage.k8s.io/v1' }),
    symbol: 'Struct',
    nameFormat: 'dns-subdomain',
    scope: 'Cluster',
    facts(resource) {
      const root = resource.root;
      return {
        storageClass: {
          isDefault: isDefaultClass(resource),
          provisioner: stringAt(root, ['provisioner']),
          volumeBindingMode: stringAt(root, ['volumeBindingMode']),
          reclaimPolicy: stringAt(root, ['reclaimPolicy']),
          allowVolumeExpansion: stringAt(root, ['allowVolumeExpansion']),
        },
      };
    },
    purpose:
      'Describes a kind of storage and how to provision it (`provisioner`, `parameters`), with `reclaimPolicy` and `volumeBindingMode`. Claims name it in `storageClassName`; the one annotated `storageclass.kubernetes.io/is-default-class: "true"` serves claims that name none.',
    completion: { group: 'featured', order: 4 },
    schema: 'builtin',
  },
];
