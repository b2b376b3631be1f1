// What a named resource (`storage`, `memory`, `cpu`...) means where it is written. The schema only
// describes the map (`requests`: "the minimum amount of compute resources required"), which reads
// wrong on a claim's `storage` and says nothing about the entry itself.
import { CLAIM, isKind, PERSISTENT_VOLUME } from '../kinds';

/** The resource's kind, as the schema describing it names it. */
type KindOf = { apiVersion: string; kind: string };

/** Where a resource map sits, which changes what its entries mean. */
type ResourceMapPlace = 'claim' | 'volume' | 'container' | 'quota' | 'other';

function placeOf(kind: KindOf, path: ReadonlyArray<string | number>): ResourceMapPlace {
  const map = path[path.length - 2];
  if (map === 'capacity' && isKind(kind, PERSISTENT_VOLUME)) return 'volume';
  if (path.includes('volumeClaimTemplates') || path.includes('volumeClaimTemplate') || isKind(kind, CLAIM)) return 'claim';
  if (map === 'hard' || map === 'used') return 'quota';
  if ((map === 'requests' || map === 'limits') && path[path.length - 3] === 'resources') return 'container';
  return 'other';
}

/**
 * The meaning of one entry of a resource map, in Markdown, or undefined for names we know nothing
 * particular about. `path` ends with the entry's name, e.g. [..., 'resources', 'requests', 'storage'].
 */
export function resourceEntryDoc(kind: KindOf, path: ReadonlyArray<string | number>): string | undefined {
  const name = path[path.length - 1];
  const map = path[path.length - 2];
  if (typeof name !== 'string' || typeof map !== 'string') return undefined;
  const place = placeOf(kind, path);
  if (place === 'claim' && name === 'storage') {
    return map === 'limits'
      ? 'The most storage the claim may grow to. Few provisioners honour a limit; the request is what sizes the volume.'
      : 'The size of volume the claim asks for, in bytes (`10Gi`). A PersistentVolume binds only if its `capacity.storage` is at least this; a StorageClass provisions at least this much. It can only grow later, and only if the class sets `allowVolumeExpansion`.';
  }
  if (place === 'volume' && name === 'storage') {
    return 'The size of this volume, in bytes (`10Gi`). A claim binds to it only if the claim requests at most this much; the claim then gets the whole volume.';
  }
  if (place === 'container') {
    const bound = map === 'requests' ? 'reserved for the container when the pod is scheduled (a node must have this much free)' : 'the most the container may use';
    if (name === 'memory') {
      return map === 'requests'
        ? `Memory ${bound}, in bytes (\`512Mi\`; \`512m\` would be half a byte).`
        : 'The most memory the container may use, in bytes (`1Gi`). Above it the container is killed (OOMKilled) and restarted.';
    }
    if (name === 'cpu') {
      return map === 'requests'
        ? `CPU ${bound}, in cores (\`1\`, \`0.5\`, \`250m\` = a quarter core).`
        : 'The most CPU the container may use, in cores (`1`, `500m`). Above it the container is throttled, not killed.';
    }
    if (name === 'ephemeral-storage') return `Local scratch disk (container writable layer, logs, \`emptyDir\`) ${bound}, in bytes. Exceeding the limit evicts the pod.`;
    if (name.startsWith('hugepages-')) return `Huge pages of size ${name.slice('hugepages-'.length)} ${bound}, in bytes; requests must equal limits.`;
  }
  if (place === 'quota') {
    if (name === 'requests.storage') return 'The total storage all claims in the namespace may request.';
    if (name === 'persistentvolumeclaims') return 'How many PersistentVolumeClaims the namespace may have.';
  }
  return undefined;
}
