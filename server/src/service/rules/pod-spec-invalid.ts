// The pod template checks of the API server (ValidatePodTemplateSpec / ValidatePodSpec) for every
// workload kind: containers, ports, env, envFrom, volumes, volume mounts, probes, lifecycle hooks,
// resources, security contexts, scheduling constraints. A Deployment, Job or Pod with one of these
// is rejected at apply time; a StatefulSet is accepted (its template is not validated at apply) and
// then its controller fails to create every pod, which only shows as FailedCreate events.
import { isKind, STATEFUL_SET } from '../kinds';
import { compareQuantities, parseQuantity, type Quantity } from '../k8s/quantity';
import { configKeyProblem } from '../k8s/names';
import {
  containerResourceName, dns1123Label, dns1123Subdomain, envVarName, ianaServiceName, ipAddress, labelValue,
  localDescendingPath, portNumber, qualifiedName,
} from '../k8s/validation';
import { atLeast } from '../k8s/version';
import { validateLabelSelector, validateNfs, validatePortNumOrName, validateRequirementValues } from './commonChecks';
import { Field, FieldErrors } from './fieldErrors';
import { podSpecPath } from './podTemplates';
import type { Rule } from './types';
import { validatePvcSpec } from './pvc-spec-invalid';

export const STATEFULSET_POD_NOTE = ' (the API server accepts the StatefulSet, but its controller cannot create the pods)';

/** In the order the API server counts them: the second one found is the one it reports. */
const VOLUME_SOURCES = [
  'hostPath', 'emptyDir', 'gitRepo', 'gcePersistentDisk', 'awsElasticBlockStore', 'secret', 'nfs', 'iscsi', 'glusterfs',
  'persistentVolumeClaim', 'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker', 'downwardAPI', 'fc', 'azureFile', 'configMap',
  'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'projected', 'portworxVolume', 'scaleIO', 'storageos', 'csi',
  'ephemeral', 'image',
];
const PROBE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'];
const LIFECYCLE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'sleep'];
const ENV_SOURCES = ['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef', 'fileKeyRef'];
const FIELD_PATHS = [
  'metadata.name', 'metadata.namespace', 'metadata.uid', 'metadata.labels', 'metadata.annotations', 'spec.nodeName',
  'spec.serviceAccountName', 'status.hostIP', 'status.hostIPs', 'status.podIP', 'status.podIPs',
];
const ENV_RESOURCES = ['limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage'];
const MAX_ID = 2147483647;

export const podSpecInvalid: Rule = {
  id: 'pod-spec-invalid',
  description: 'A pod template the API server rejects (or, in a StatefulSet, that its controller cannot create pods from): containers, ports, env, volumes, mounts, probes, resources, security context, scheduling.',
  defaultSeverity: 'error',
  judges: 'meaning',
  check(ctx) {
    const path = podSpecPath(ctx.resource);
    if (!path) return;
    const spec = Field.root(ctx.resource).at(...path);
    if (!spec.map) return;
    const errors = new FieldErrors(ctx, isKind(ctx.resource, STATEFUL_SET) ? STATEFULSET_POD_NOTE : '');
    const claimTemplates = isKind(ctx.resource, STATEFUL_SET) ? new Set(Field.root(ctx.resource).at('spec', 'volumeClaimTemplates').items().map((t) => t.at('metadata', 'name').string)) : undefined;
    validatePodSpec(errors, spec, { relaxedEnvNames: atLeast(ctx.settings.kubernetesVersion, '1.32'), claimTemplates });
  },
};

interface PodOptions {
  relaxedEnvNames: boolean;
  /** A StatefulSet's claim template names: mounts may use them, and sts-volume-mount-unknown reports the rest. */
  claimTemplates?: Set<string | undefined>;
}

function validatePodSpec(errors: FieldErrors, spec: Field, options: PodOptions): void {
  const volumes = validateVolumes(errors, spec.get('volumes'));
  const containers = spec.get('containers');
  if (containers.items().length === 0 && (containers.seq || !containers.exists)) errors.required(containers);
  const names = new Set<string>();
  const hostPorts = new Set<string>();
  const hostNetwork = spec.at('securityContext', 'hostNetwork').boolean === true || spec.get('hostNetwork').boolean === true;
  for (const kind of ['initContainers', 'containers', 'ephemeralContainers'] as const) {
    for (const container of spec.get(kind).items()) {
      validateContainer(errors, container, kind, { ...options, volumes, names, hostPorts, hostNetwork });
    }
  }
  validatePodLevel(errors, spec);
}

interface ContainerContext extends PodOptions {
  volumes: Map<string, Field>;
  names: Set<string>;
  hostPorts: Set<string>;
  hostNetwork: boolean;
}

function validateContainer(errors: FieldErrors, container: Field, kind: 'initContainers' | 'containers' | 'ephemeralContainers', c: ContainerContext): void {
  if (!container.map) return;
  const name = container.get('name');
  if (!name.exists) errors.required(name);
  else if (name.string !== undefined) {
    const problem = dns1123Label(name.string);
    if (problem) errors.invalid(name, problem);
    else if (c.names.has(name.string)) errors.duplicate(name);
    c.names.add(name.string);
  }
  const image = container.get('image');
  if (!image.exists && kind !== 'ephemeralContainers') errors.required(image);
  else if (image.string !== undefined && image.string.trim() !== image.string) errors.invalid(image, 'must not have leading or trailing whitespace');

  const portNames = new Set<string>();
  for (const port of container.get('ports').items()) {
    const containerPort = port.get('containerPort');
    if (!containerPort.exists) errors.required(containerPort);
    else if (containerPort.number !== undefined && portNumber(containerPort.number)) errors.invalid(containerPort, portNumber(containerPort.number)!);
    const hostPort = port.get('hostPort');
    if (hostPort.number !== undefined && hostPort.number !== 0 && portNumber(hostPort.number)) errors.invalid(hostPort, portNumber(hostPort.number)!);
    if (c.hostNetwork && hostPort.number !== undefined && hostPort.number !== 0 && containerPort.number !== undefined && hostPort.number !== containerPort.number) {
      errors.invalid(hostPort, 'must match `containerPort` when `hostNetwork` is true');
    }
    const portName = port.get('name');
    if (portName.string !== undefined) {
      const problem = ianaServiceName(portName.string);
      if (problem) errors.invalid(portName, problem);
      else if (portNames.has(portName.string)) errors.duplicate(portName);
      portNames.add(portName.string);
    }
    errors.format(port.get('hostIP'), ipAddress);
    const effectiveHostPort = hostPort.number || (c.hostNetwork ? containerPort.number : undefined);
    if (effectiveHostPort) {
      const key = `${effectiveHostPort}/${port.get('protocol').string ?? 'TCP'}/${port.get('hostIP').string ?? ''}`;
      if (c.hostPorts.has(key)) errors.duplicate(hostPort.exists ? hostPort : containerPort, `${effectiveHostPort}/${port.get('protocol').string ?? 'TCP'}`);
      c.hostPorts.add(key);
    }
  }

  validateEnv(errors, container.get('env'), c.relaxedEnvNames);
  for (const source of container.get('envFrom').items()) {
    const present = ['configMapRef', 'secretRef'].filter((k) => source.get(k).exists);
    if (present.length === 0 && source.map) errors.invalidBlock(source, 'must specify one of: `configMapRef` or `secretRef`');
    if (present.length > 1) errors.forbidden(source.get(present[1]), 'may not have more than one field specified at a time');
    for (const k of present) {
      const ref = source.get(k);
      if (!ref.get('name').exists) errors.required(ref.get('name'));
      else errors.format(ref.get('name'), dns1123Subdomain);
    }
    const prefix = source.get('prefix').string;
    if (prefix) {
      const problem = envVarName(prefix, c.relaxedEnvNames);
      if (problem) errors.invalid(source.get('prefix'), problem);
    }
  }

  const mountPaths = new Set<string>();
  for (const mount of container.get('volumeMounts').items()) {
    const mountName = mount.get('name');
    if (!mountName.exists) errors.required(mountName);
    else if (mountName.string !== undefined && !c.volumes.has(mountName.string) && !c.claimTemplates) errors.notFound(mountName);
    const mountPath = mount.get('mountPath');
    if (!mountPath.exists) errors.required(mountPath);
    else if (mountPath.string !== undefined) {
      if (mountPaths.has(mountPath.string)) errors.invalid(mountPath, 'must be unique');
      mountPaths.add(mountPath.string);
    }
    const subPath = mount.get('subPath');
    errors.format(subPath, localDescendingPath);
    if (subPath.string && mount.get('subPathExpr').string) errors.invalid(mount.get('subPathExpr'), 'subPathExpr and subPath are mutually exclusive');
    const propagation = mount.get('mountPropagation').string;
    if (propagation === 'Bidirectional' && container.at('securityContext', 'privileged').boolean !== true) {
      errors.forbidden(mount.get('mountPropagation'), 'Bidirectional mount propagation is available only to privileged containers');
    }
    const recursive = mount.get('recursiveReadOnly').string;
    if (recursive && recursive !== 'Disabled' && mount.get('readOnly').boolean !== true) {
      errors.forbidden(mount.get('recursiveReadOnly'), 'may only be specified when readOnly is true');
    }
  }
  for (const device of container.get('volumeDevices').items()) {
    const deviceName = device.get('name');
    if (!deviceName.exists) errors.required(deviceName);
    else if (deviceName.string !== undefined && !c.claimTemplates) {
      const volume = c.volumes.get(deviceName.string);
      if (!volume) errors.notFound(deviceName);
      else if (!volume.get('persistentVolumeClaim').exists && !volume.get('ephemeral').exists) errors.invalid(deviceName, 'can only use volume source type of PersistentVolumeClaim or Ephemeral for block mode');
    }
    if (!device.get('devicePath').exists) errors.required(device.get('devicePath'));
    const devicePath = device.get('devicePath').string;
    if (devicePath !== undefined && mountPaths.has(devicePath)) errors.invalid(device.get('devicePath'), 'devicePath cannot overlap a volumeMount mountPath');
  }

  const isSidecar = kind === 'initContainers' && container.get('restartPolicy').string === 'Always';
  for (const probeKind of ['livenessProbe', 'readinessProbe', 'startupProbe'] as const) {
    const probe = container.get(probeKind);
    if (!probe.exists) continue;
    if (kind === 'ephemeralContainers' || (kind === 'initContainers' && !isSidecar)) {
      errors.forbidden(probe, kind === 'initContainers' ? 'may not be set for init containers without restartPolicy=Always' : 'may not be set for ephemeral containers');
      continue;
    }
    validateProbe(errors, probe, probeKind, portNames);
  }
  const lifecycle = container.get('lifecycle');
  if (lifecycle.exists && kind === 'initContainers' && !isSidecar) errors.forbidden(lifecycle, 'may not be set for init containers without restartPolicy=Always');
  else {
    for (const hook of ['postStart', 'preStop']) {
      const handler = lifecycle.get(hook);
      if (handler.map) validateHandler(errors, handler, LIFECYCLE_HANDLERS, portNames, false);
    }
  }
  validateResources(errors, container.get('resources'));
  validateSecurityContext(errors, container.get('securityContext'));
}

function validateEnv(errors: FieldErrors, env: Field, relaxed: boolean): void {
  for (const item of env.items()) {
    if (!item.map) continue;
    const name = item.get('name');
    if (!name.exists) errors.required(name);
    else if (name.string !== undefined) {
      const problem = envVarName(name.string, relaxed);
      if (problem) errors.invalid(name, problem);
    }
    const valueFrom = item.get('valueFrom');
    if (!valueFrom.exists) continue;
    const value = item.get('value');
    if (value.scalar !== undefined && value.scalar !== '') errors.invalid(valueFrom, 'may not be specified when `value` is not empty', '');
    const present = ENV_SOURCES.filter((k) => valueFrom.get(k).exists);
    if (present.length === 0 && valueFrom.map) errors.invalidBlock(valueFrom, `must specify one of: ${ENV_SOURCES.slice(0, 4).map((k) => `\`${k}\``).join(', ')}`);
    if (present.length > 1) errors.invalidBlock(valueFrom.get(present[1]), 'may not have more than one field specified at a time');
    for (const k of ['configMapKeyRef', 'secretKeyRef']) {
      const ref = valueFrom.get(k);
      if (!ref.map) continue;
      const key = ref.get('key');
      if (!key.exists) errors.required(key);
      else errors.format(key, configKeyProblem);
      if (!ref.get('name').exists) errors.required(ref.get('name'));
      else errors.format(ref.get('name'), dns1123Subdomain);
    }
    const fieldRef = valueFrom.get('fieldRef');
    if (fieldRef.map) {
      const fieldPath = fieldRef.get('fieldPath');
      if (!fieldPath.exists) errors.required(fieldPath);
      else if (fieldPath.string !== undefined && !validFieldPath(fieldPath.string)) errors.notSupported(fieldPath, FIELD_PATHS);
    }
    const resourceRef = valueFrom.get('resourceFieldRef');
    if (resourceRef.map) {
      const resource = resourceRef.get('resource');
      if (!resource.exists) errors.required(resource);
      else if (resource.string !== undefined && !ENV_RESOURCES.includes(resource.string) && !/^(limits|requests)\.hugepages-/.test(resource.string)) errors.notSupported(resource, ENV_RESOURCES);
    }
  }
}

function validFieldPath(path: string): boolean {
  if (FIELD_PATHS.includes(path)) return true;
  const m = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
  return m !== null && (m[1] === 'annotations' ? qualifiedName(m[2].toLowerCase()) : qualifiedName(m[2])) === undefined;
}

function validateProbe(errors: FieldErrors, probe: Field, kind: string, portNames: Set<string>): void {
  validateHandler(errors, probe, PROBE_HANDLERS, portNames, true);
  for (const k of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold']) errors.nonNegative(probe.get(k));
  const success = probe.get('successThreshold');
  if ((kind === 'livenessProbe' || kind === 'startupProbe') && success.number !== undefined && success.number !== 1) errors.invalid(success, 'must be 1');
  const grace = probe.get('terminationGracePeriodSeconds');
  if (grace.exists && kind === 'readinessProbe') errors.invalid(grace, 'must not be set for readinessProbes');
  else if (grace.number !== undefined && grace.number <= 0) errors.invalid(grace, 'must be greater than 0');
}

function validateHandler(errors: FieldErrors, handler: Field, allowed: string[], portNames: Set<string>, probe: boolean): void {
  const present = allowed.filter((k) => handler.get(k).exists);
  if (present.length === 0) errors.required(handler, 'must specify a handler type');
  else if (present.length > 1) errors.forbidden(handler.get(present[1]), 'may not specify more than 1 handler type');
  const exec = handler.get('exec');
  if (exec.map && !exec.get('command').exists) errors.required(exec.get('command'));
  for (const k of ['httpGet', 'tcpSocket']) {
    const action = handler.get(k);
    if (!action.map) continue;
    const port = action.get('port');
    if (!port.exists) errors.required(port);
    else validatePortNumOrName(errors, port, probe ? portNames : undefined);
    if (k === 'httpGet') {
      for (const header of action.get('httpHeaders').items()) errors.format(header.get('name'), (v) => (/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(v) ? undefined : 'a valid HTTP header must consist of alphanumeric characters, \'-\', \'_\' or \'.\''));
    }
  }
  const grpc = handler.get('grpc');
  if (grpc.map) {
    const port = grpc.get('port');
    if (!port.exists) errors.required(port);
    else if (port.number !== undefined && portNumber(port.number)) errors.invalid(port, portNumber(port.number)!);
  }
  const sleep = handler.get('sleep');
  if (sleep.map && !sleep.get('seconds').exists) errors.required(sleep.get('seconds'));
  else errors.nonNegative(sleep.get('seconds'));
}


function validateResources(errors: FieldErrors, resources: Field): void {
  const limits = new Map<string, Quantity>();
  for (const section of ['limits', 'requests'] as const) {
    for (const { key, field } of resources.get(section).entries()) {
      const keyField = new Field(field.keyNode, field.path, field.keyNode, field.parent);
      const problem = containerResourceName(key);
      if (problem) errors.invalid(keyField, problem, key);
      // Negative values and requests above limits are quantity-invalid's.
      const q = field.scalar === undefined ? undefined : parseQuantity(field.scalar as string | number);
      if (!q) continue;
      if (section === 'limits') limits.set(key, q);
      else {
        const limit = limits.get(key);
        // Extended resources (device plugins) cannot be overcommitted.
        if (key.includes('/') && !key.startsWith('hugepages-')) {
          if (!limit) errors.forbidden(field, 'Limit must be set for non overcommitable resources');
          else if (compareQuantities(q, limit) !== 0) errors.invalid(field, `must be equal to ${key} limit of ${limit.text}`);
        }
      }
    }
  }
}

function validateSecurityContext(errors: FieldErrors, sc: Field, pod = false): void {
  if (!sc.map) return;
  for (const k of pod ? ['runAsUser', 'runAsGroup', 'fsGroup'] : ['runAsUser', 'runAsGroup']) {
    const n = sc.get(k).number;
    if (n !== undefined && (n < 0 || n > MAX_ID)) errors.invalid(sc.get(k), `must be between 0 and ${MAX_ID}, inclusive`);
  }
  if (pod) {
    for (const group of sc.get('supplementalGroups').items()) {
      if (group.number !== undefined && (group.number < 0 || group.number > MAX_ID)) errors.invalid(group, `must be between 0 and ${MAX_ID}, inclusive`);
    }
    for (const sysctl of sc.get('sysctls').items()) {
      const name = sysctl.get('name');
      if (!name.exists) errors.required(name);
      else errors.format(name, (v) => (/^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$/.test(v) && v.length <= 253 ? undefined : "sysctl must have at most 253 characters and match the regex ^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[\\./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$"));
    }
  } else {
    const escalation = sc.get('allowPrivilegeEscalation');
    if (escalation.boolean === false) {
      if (sc.get('privileged').boolean === true) errors.invalid(escalation, 'cannot set `allowPrivilegeEscalation` to false and `privileged` to true', false);
      const added = sc.at('capabilities', 'add').items().map((c) => c.string);
      if (added.includes('SYS_ADMIN') || added.includes('CAP_SYS_ADMIN')) errors.invalid(escalation, 'cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN', false);
    }
  }
  for (const profileKey of ['seccompProfile', 'appArmorProfile']) {
    const profile = sc.get(profileKey);
    if (!profile.map) continue;
    const type = profile.get('type').string;
    const localhost = profile.get('localhostProfile');
    if (type === 'Localhost' && !(localhost.string ?? '').trim()) errors.required(localhost, `must be set when ${profileKey === 'seccompProfile' ? 'seccomp' : 'AppArmor'} type is Localhost`);
    if (type !== undefined && type !== 'Localhost' && localhost.exists) errors.invalid(localhost, `can only be set when ${profileKey === 'seccompProfile' ? 'seccomp' : 'AppArmor'} type is Localhost`);
  }
}

/** Volume names to their fields; checks names, sources and each source's required fields. */
function validateVolumes(errors: FieldErrors, volumes: Field): Map<string, Field> {
  const byName = new Map<string, Field>();
  for (const volume of volumes.items()) {
    if (!volume.map) continue;
    const name = volume.get('name');
    if (!name.exists) errors.required(name);
    else if (name.string !== undefined) {
      const problem = dns1123Label(name.string);
      if (problem) errors.invalid(name, problem);
      else if (byName.has(name.string)) errors.duplicate(name);
      byName.set(name.string, volume);
    }
    // No source at all defaults to emptyDir; more than one is ambiguous and rejected.
    const sources = VOLUME_SOURCES.filter((k) => volume.get(k).exists);
    if (sources.length > 1) errors.forbidden(volume.get(sources[1]), 'may not specify more than 1 volume type');
    validateVolumeSource(errors, volume);
  }
  return byName;
}

function validateVolumeSource(errors: FieldErrors, volume: Field): void {
  const hostPath = volume.get('hostPath');
  if (hostPath.map && !hostPath.get('path').exists) errors.required(hostPath.get('path'));
  const secret = volume.get('secret');
  if (secret.map) {
    if (!secret.get('secretName').exists) errors.required(secret.get('secretName'));
    validateKeyItems(errors, secret);
  }
  const configMap = volume.get('configMap');
  if (configMap.map) {
    if (!configMap.get('name').exists) errors.required(configMap.get('name'));
    validateKeyItems(errors, configMap);
  }
  const pvc = volume.get('persistentVolumeClaim');
  if (pvc.map && !pvc.get('claimName').exists) errors.required(pvc.get('claimName'));
  validateNfs(errors, volume.get('nfs'));
  const csi = volume.get('csi');
  if (csi.map && !csi.get('driver').exists) errors.required(csi.get('driver'));
  const downward = volume.get('downwardAPI');
  if (downward.map) {
    validateMode(errors, downward.get('defaultMode'));
    for (const item of downward.get('items').items()) validateDownwardItem(errors, item);
  }
  const projected = volume.get('projected');
  if (projected.map) {
    validateMode(errors, projected.get('defaultMode'));
    for (const source of projected.get('sources').items()) {
      const kinds = ['secret', 'configMap', 'downwardAPI', 'serviceAccountToken', 'clusterTrustBundle', 'podCertificate'].filter((k) => source.get(k).exists);
      if (kinds.length > 1) errors.forbidden(source.get(kinds[1]), 'may not specify more than 1 volume type per source');
      for (const k of ['secret', 'configMap']) if (source.get(k).map) validateKeyItems(errors, source.get(k), false);
      for (const item of source.at('downwardAPI', 'items').items()) validateDownwardItem(errors, item);
      const token = source.get('serviceAccountToken');
      if (token.map) {
        const path = token.get('path');
        if (!path.exists) errors.required(path);
        else errors.format(path, localDescendingPath);
        const expiration = token.get('expirationSeconds').number;
        if (expiration !== undefined && expiration < 600) errors.invalid(token.get('expirationSeconds'), 'may not specify a duration less than 10 minutes');
        if (expiration !== undefined && expiration > 2 ** 32) errors.invalid(token.get('expirationSeconds'), 'may not specify a duration larger than 2^32 seconds');
      }
    }
  }
  const ephemeral = volume.get('ephemeral');
  if (ephemeral.map) {
    const template = ephemeral.get('volumeClaimTemplate');
    if (!template.exists) errors.required(template);
    else if (!template.get('spec').exists) errors.required(template.get('spec'));
    else validatePvcSpec(errors, template.get('spec'));
  }
}


function validateKeyItems(errors: FieldErrors, source: Field, withDefaultMode = true): void {
  if (withDefaultMode) validateMode(errors, source.get('defaultMode'));
  for (const item of source.get('items').items()) {
    const key = item.get('key');
    if (!key.exists) errors.required(key);
    const path = item.get('path');
    if (!path.exists) errors.required(path);
    else errors.format(path, localDescendingPath);
    validateMode(errors, item.get('mode'));
  }
}

function validateDownwardItem(errors: FieldErrors, item: Field): void {
  const path = item.get('path');
  if (!path.exists) errors.required(path);
  else errors.format(path, localDescendingPath);
  validateMode(errors, item.get('mode'));
  const refs = ['fieldRef', 'resourceFieldRef'].filter((k) => item.get(k).exists);
  if (refs.length === 0 && item.map) errors.required(item.get('fieldRef'), 'one of fieldRef and resourceFieldRef is required');
  if (refs.length > 1) errors.invalidBlock(item, 'fieldRef and resourceFieldRef can not be specified simultaneously');
}

function validateMode(errors: FieldErrors, mode: Field): void {
  const n = mode.number;
  if (n !== undefined && (n < 0 || n > 0o777)) errors.invalid(mode, 'must be a number between 0 and 0777 (octal), both inclusive');
}

function validatePodLevel(errors: FieldErrors, spec: Field): void {
  const active = spec.get('activeDeadlineSeconds').number;
  if (active !== undefined && active < 1) errors.invalid(spec.get('activeDeadlineSeconds'), 'must be between 1 and 2147483647, inclusive');
  if (spec.get('dnsPolicy').string === 'None' && !spec.get('dnsConfig').exists) errors.required(spec.get('dnsConfig'), 'must provide `dnsConfig` when `dnsPolicy` is None', spec.get('dnsPolicy'));
  const dnsConfig = spec.get('dnsConfig');
  const nameservers = dnsConfig.get('nameservers').items();
  if (nameservers.length > 3) errors.invalid(dnsConfig.get('nameservers'), 'must not have more than 3 nameservers', nameservers.map((n) => n.scalar));
  for (const server of nameservers) errors.format(server, ipAddress);
  const searches = dnsConfig.get('searches').items();
  if (searches.length > 32) errors.invalidBlock(dnsConfig.get('searches'), 'must not have more than 32 search paths');
  for (const search of searches) errors.format(search, (v) => dns1123Subdomain(v.replace(/\.$/, '')));
  for (const option of dnsConfig.get('options').items()) if (option.map && !option.get('name').exists) errors.required(option.get('name'));
  errors.format(spec.get('serviceAccountName'), dns1123Subdomain);
  errors.format(spec.get('hostname'), dns1123Label);
  errors.format(spec.get('subdomain'), dns1123Label);
  for (const { key, field } of spec.get('nodeSelector').entries()) {
    const problem = qualifiedName(key);
    if (problem) errors.invalid(new Field(field.keyNode, spec.get('nodeSelector').path, field.keyNode, field.parent), problem, key);
    const value = field.string;
    if (value !== undefined && labelValue(value)) errors.invalid(field, labelValue(value)!);
  }
  if (spec.get('shareProcessNamespace').boolean === true && spec.get('hostPID').boolean === true) {
    errors.invalid(spec.get('shareProcessNamespace'), 'ShareProcessNamespace and HostPID cannot both be enabled', true);
  }
  for (const alias of spec.get('hostAliases').items()) {
    const ip = alias.get('ip');
    if (!ip.exists) errors.required(ip);
    else errors.format(ip, ipAddress);
  }
  validateSecurityContext(errors, spec.get('securityContext'), true);
  validateTolerations(errors, spec.get('tolerations'));
  validateAffinity(errors, spec.get('affinity'));
  validateTopologySpread(errors, spec.get('topologySpreadConstraints'));
  for (const secret of spec.get('imagePullSecrets').items()) if (secret.map && !secret.get('name').exists) errors.required(secret.get('name'));
}

function validateTolerations(errors: FieldErrors, tolerations: Field): void {
  for (const toleration of tolerations.items()) {
    if (!toleration.map) continue;
    const key = toleration.get('key');
    if (key.string) {
      const problem = qualifiedName(key.string);
      if (problem) errors.invalid(key, problem);
    }
    const operator = toleration.get('operator').string ?? 'Equal';
    if (!key.string && operator !== 'Exists') errors.invalid(toleration.get('operator').exists ? toleration.get('operator') : key, 'operator must be Exists when `key` is empty, which means "match all values and all keys"', operator);
    const value = toleration.get('value');
    if (operator === 'Exists' && value.string) errors.invalid(value, 'value must be empty when `operator` is \'Exists\'');
    if (operator === 'Equal' && value.string !== undefined && labelValue(value.string)) errors.invalid(value, labelValue(value.string)!);
    if (toleration.get('tolerationSeconds').exists && toleration.get('effect').string !== 'NoExecute') {
      errors.invalid(toleration.get('effect').exists ? toleration.get('effect') : toleration.get('tolerationSeconds'), "effect must be 'NoExecute' when `tolerationSeconds` is set", toleration.get('effect').string ?? '');
    }
  }
}

function validateAffinity(errors: FieldErrors, affinity: Field): void {
  const node = affinity.get('nodeAffinity');
  const required = node.get('requiredDuringSchedulingIgnoredDuringExecution');
  if (required.map) {
    const terms = required.get('nodeSelectorTerms');
    if (terms.items().length === 0) errors.required(terms, 'must have at least one node selector term');
    for (const term of terms.items()) validateNodeSelectorTerm(errors, term);
  }
  for (const preferred of node.get('preferredDuringSchedulingIgnoredDuringExecution').items()) {
    validateWeight(errors, preferred.get('weight'));
    validateNodeSelectorTerm(errors, preferred.get('preference'));
  }
  for (const kind of ['podAffinity', 'podAntiAffinity']) {
    const block = affinity.get(kind);
    for (const term of block.get('requiredDuringSchedulingIgnoredDuringExecution').items()) validatePodAffinityTerm(errors, term);
    for (const weighted of block.get('preferredDuringSchedulingIgnoredDuringExecution').items()) {
      validateWeight(errors, weighted.get('weight'));
      if (!weighted.get('podAffinityTerm').exists && weighted.map) errors.required(weighted.get('podAffinityTerm'));
      else validatePodAffinityTerm(errors, weighted.get('podAffinityTerm'));
    }
  }
}

function validateWeight(errors: FieldErrors, weight: Field): void {
  const n = weight.number;
  if (n !== undefined && (n < 1 || n > 100)) errors.invalid(weight, 'must be in the range 1-100');
}

function validateNodeSelectorTerm(errors: FieldErrors, term: Field): void {
  for (const requirement of term.get('matchExpressions').items()) {
    const key = requirement.get('key');
    if (!key.exists) errors.required(key);
    else errors.format(key, qualifiedName);
    validateRequirementValues(errors, requirement, ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt']);
  }
  for (const requirement of term.get('matchFields').items()) {
    const key = requirement.get('key');
    if (key.string !== undefined && key.string !== 'metadata.name') errors.notSupported(key, ['metadata.name']);
    const values = requirement.get('values').items();
    if (values.length !== 1 && requirement.get('operator').string !== undefined && ['In', 'NotIn'].includes(requirement.get('operator').string!)) {
      errors.required(requirement.get('values'), 'must be only one value when `operator` is \'In\' or \'NotIn\' for node field selector');
    }
  }
}


function validatePodAffinityTerm(errors: FieldErrors, term: Field): void {
  if (!term.map) return;
  const topologyKey = term.get('topologyKey');
  if (!topologyKey.string) errors.required(topologyKey, 'can not be empty');
  else errors.format(topologyKey, qualifiedName);
  validateLabelSelector(errors, term.get('labelSelector'));
  validateLabelSelector(errors, term.get('namespaceSelector'));
}


function validateTopologySpread(errors: FieldErrors, constraints: Field): void {
  const seen = new Set<string>();
  for (const constraint of constraints.items()) {
    if (!constraint.map) continue;
    const maxSkew = constraint.get('maxSkew');
    if (!maxSkew.exists) errors.required(maxSkew);
    else if (maxSkew.number !== undefined && maxSkew.number <= 0) errors.invalid(maxSkew, 'must be greater than zero');
    const topologyKey = constraint.get('topologyKey');
    if (!topologyKey.string) errors.required(topologyKey, 'can not be empty');
    else errors.format(topologyKey, qualifiedName);
    const when = constraint.get('whenUnsatisfiable');
    if (!when.exists) errors.required(when);
    const minDomains = constraint.get('minDomains');
    if (minDomains.number !== undefined) {
      if (minDomains.number <= 0) errors.invalid(minDomains, 'must be greater than zero');
      else if (when.string !== 'DoNotSchedule') errors.invalid(minDomains, `can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ${when.string ?? ''}`);
    }
    validateLabelSelector(errors, constraint.get('labelSelector'));
    const pair = `${topologyKey.string}|${when.string}`;
    if (topologyKey.string && when.string) {
      if (seen.has(pair)) errors.duplicate(constraint.get('topologyKey'), `{${topologyKey.string}, ${when.string}}`);
      seen.add(pair);
    }
  }
}

