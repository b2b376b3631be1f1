// What the API server rejects in a PersistentVolume (ValidatePersistentVolumeSpec): a capacity with
// a storage size, exactly one volume source, the source's required fields, a class name format.
// Access modes, local volumes' node affinity and Recycle are rules of their own.
import { PERSISTENT_VOLUME } from '../kinds';
import { parseQuantity } from '../k8s/quantity';
import { dns1123Subdomain } from '../k8s/validation';
import { builtInGroup } from './builtIn';
import { Field, FieldErrors } from './fieldErrors';
import { validateNfs } from './commonChecks';
import type { Rule } from './types';

export const PV_SOURCES = [
  'gcePersistentDisk', 'awsElasticBlockStore', 'hostPath', 'glusterfs', 'nfs', 'rbd', 'quobyte', 'cinder', 'cephfs', 'fc',
  'flocker', 'flexVolume', 'azureFile', 'vsphereVolume', 'azureDisk', 'photonPersistentDisk', 'portworxVolume', 'scaleIO',
  'local', 'storageos', 'csi', 'iscsi',
];

export const pvSpecInvalid: Rule = {
  id: 'pv-spec-invalid',
  description: 'A PersistentVolume the API server rejects: no capacity or storage size, no volume source or more than one, a source missing its required fields.',
  defaultSeverity: 'error',
  judges: 'meaning',
  kinds: [PERSISTENT_VOLUME],
  check(ctx) {
    if (builtInGroup(ctx.resource) !== '') return;
    const errors = new FieldErrors(ctx);
    const spec = Field.root(ctx.resource).get('spec');
    if (!spec.map) {
      errors.required(spec);
      return;
    }
    const capacity = spec.get('capacity');
    if (!capacity.exists) errors.required(capacity);
    else {
      const storage = capacity.get('storage');
      if (!storage.exists) errors.required(new Field(undefined, `${capacity.path}[storage]`, undefined, capacity));
      const q = storage.scalar === undefined || typeof storage.scalar === 'boolean' ? undefined : parseQuantity(storage.scalar);
      if (q && (q.negative || q.numerator === 0n)) errors.invalid(storage, 'must be greater than zero', q.text);
      for (const { key, field } of capacity.entries()) {
        if (key !== 'storage') errors.notSupported(new Field(field.keyNode, capacity.path, field.keyNode, capacity), ['storage'], key);
      }
    }
    const sources = PV_SOURCES.filter((k) => spec.get(k).exists);
    if (sources.length === 0) errors.required(spec, 'must specify a volume type');
    if (sources.length > 1) errors.forbidden(spec.get(sources[1]), 'may not specify more than 1 volume type');
    const className = spec.get('storageClassName').string;
    if (className) errors.format(spec.get('storageClassName'), dns1123Subdomain);
    // Only NFS and hostPath volumes can be recycled (pv-recycle-deprecated warns about Recycle itself).
    const policy = spec.get('persistentVolumeReclaimPolicy');
    if (policy.string === 'Recycle' && sources.length === 1 && !['nfs', 'hostPath'].includes(sources[0])) {
      errors.forbidden(policy, `may not be 'Recycle' for a ${sources[0]} volume: only NFS and hostPath volumes support recycling`);
    }
    if (policy.string === 'Recycle' && spec.at('hostPath', 'path').string === '/') errors.forbidden(spec.at('hostPath', 'path'), "may not be '/' when the reclaim policy is 'Recycle'");
    validateSource(errors, spec);
  },
};

function validateSource(errors: FieldErrors, spec: Field): void {
  const hostPath = spec.get('hostPath');
  if (hostPath.map) {
    const path = hostPath.get('path');
    if (!path.exists) errors.required(path);
    else if (path.string?.split('/').includes('..')) errors.invalid(path, "must not contain '..'");
  }
  const local = spec.get('local');
  if (local.map) {
    const path = local.get('path');
    if (!path.exists) errors.required(path);
    else if (path.string?.split('/').includes('..')) errors.invalid(path, "must not contain '..'");
  }
  validateNfs(errors, spec.get('nfs'));
  const csi = spec.get('csi');
  if (csi.map) {
    if (!csi.get('driver').exists) errors.required(csi.get('driver'));
    if (!csi.get('volumeHandle').exists) errors.required(csi.get('volumeHandle'));
  }
  const required = spec.at('nodeAffinity', 'required');
  if (required.map && required.get('nodeSelectorTerms').items().length === 0) errors.required(required.get('nodeSelectorTerms'), 'must have at least one node selector term');
}
