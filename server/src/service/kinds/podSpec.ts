// What every pod spec refers to, wherever a kind keeps its pod spec (descriptor.podSpec): paths here
// are relative to the pod spec.
import { CLAIM, CONFIG_MAP, SECRET, VOLUME } from './keys';
import type { ReferenceSite } from './types';

const CONTAINERS = 'initContainers|containers|ephemeralContainers[]';

export const POD_SITES: ReferenceSite[] = [
  { at: `${CONTAINERS}.env[].valueFrom.configMapKeyRef`, name: 'name', key: 'key', target: CONFIG_MAP, optional: true, via: 'configMapKeyRef' },
  { at: `${CONTAINERS}.env[].valueFrom.secretKeyRef`, name: 'name', key: 'key', target: SECRET, optional: true, via: 'secretKeyRef' },
  { at: `${CONTAINERS}.envFrom[].configMapRef`, name: 'name', target: CONFIG_MAP, optional: true, via: 'envFrom' },
  { at: `${CONTAINERS}.envFrom[].secretRef`, name: 'name', target: SECRET, optional: true, via: 'envFrom' },
  { at: `${CONTAINERS}.volumeMounts[]`, name: 'name', target: VOLUME, via: 'volumeMount' },
  { at: `${CONTAINERS}.volumeDevices[]`, name: 'name', target: VOLUME, via: 'volumeDevice' },
  { at: 'volumes[].configMap', name: 'name', target: CONFIG_MAP, itemKeys: true, optional: true, via: 'volume' },
  { at: 'volumes[].secret', name: 'secretName', target: SECRET, itemKeys: true, optional: true, via: 'volume' },
  { at: 'volumes[].projected.sources[].configMap', name: 'name', target: CONFIG_MAP, itemKeys: true, optional: true, via: 'projected' },
  { at: 'volumes[].projected.sources[].secret', name: 'name', target: SECRET, itemKeys: true, optional: true, via: 'projected' },
  { at: 'volumes[].persistentVolumeClaim', name: 'claimName', target: CLAIM, via: 'claimName' },
  { at: 'imagePullSecrets[]', name: 'name', target: SECRET, via: 'imagePullSecret' },
];
