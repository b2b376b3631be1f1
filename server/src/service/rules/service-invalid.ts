// What the API server rejects in a Service (ValidateService): ports (required unless headless or
// ExternalName, names required when there are several, DNS-label names, unique names and
// port/protocol pairs, port ranges, targetPort numbers vs IANA names, nodePort only where a node
// port exists), `clusterIP: None` only with type ClusterIP, ExternalName's externalName, selector
// syntax, and the fields that only some types may set.
import { SERVICE } from '../kinds';
import { dns1123Label, dns1123Subdomain, ipAddress, labelValue, portNumber, qualifiedName } from '../k8s/validation';
import { isBuiltIn } from './builtIn';
import { Field, FieldErrors } from './fieldErrors';
import { validatePortNumOrName } from './commonChecks';
import type { Rule } from './types';

export const serviceInvalid: Rule = {
  id: 'service-invalid',
  description: 'A Service the API server rejects: ports (names, numbers, targetPort), clusterIP None with a non-ClusterIP type, ExternalName without externalName, selector syntax, type-specific fields.',
  defaultSeverity: 'error',
  judges: 'meaning',
  kinds: [SERVICE],
  check(ctx) {
    if (!isBuiltIn(ctx.resource, SERVICE)) return;
    const errors = new FieldErrors(ctx);
    const spec = Field.root(ctx.resource).get('spec');
    if (!spec.map) return;
    const type = spec.get('type').string ?? 'ClusterIP';
    const clusterIP = spec.get('clusterIP');
    const headless = clusterIP.string === 'None';
    validatePorts(errors, spec, type, headless);

    if (clusterIP.string !== undefined && clusterIP.string !== '' && clusterIP.string !== 'None') errors.format(clusterIP, ipAddress);
    if (headless && (type === 'NodePort' || type === 'LoadBalancer')) errors.invalid(clusterIP, `may not be set to 'None' for ${type} services`);
    const clusterIPs = spec.get('clusterIPs').items();
    if (clusterIPs.length > 2) errors.invalidBlock(spec.get('clusterIPs'), 'may only hold up to 2 values');
    if (clusterIP.string && clusterIPs[0]?.string !== undefined && clusterIPs[0].string !== clusterIP.string) {
      errors.invalid(clusterIPs[0], 'must match `clusterIP` if specified');
    }
    for (const ip of clusterIPs) {
      if (ip.string === 'None' && (type === 'NodePort' || type === 'LoadBalancer')) errors.invalid(ip, `may not be set to 'None' for ${type} services`);
      else if (ip.string && ip.string !== 'None') errors.format(ip, ipAddress);
    }
    if (type === 'ExternalName') {
      const externalName = spec.get('externalName');
      if (!externalName.string) errors.required(externalName);
      else errors.format(externalName, (v) => dns1123Subdomain(v.replace(/\.$/, '').toLowerCase()));
      if (clusterIP.string && clusterIP.string !== '') errors.forbidden(clusterIP, 'may not be set for ExternalName services');
    }
    const selector = spec.get('selector');
    for (const { key, field } of selector.entries()) {
      const keyProblem = qualifiedName(key);
      if (keyProblem) errors.invalid(new Field(field.keyNode, selector.path, field.keyNode, selector), keyProblem, key);
      if (field.string !== undefined && labelValue(field.string)) errors.invalid(new Field(field.node, selector.path, field.keyNode, selector), labelValue(field.string)!, field.string);
    }
    const nodePortTypes = type === 'NodePort' || type === 'LoadBalancer';
    if (spec.get('externalTrafficPolicy').exists && !nodePortTypes) {
      errors.invalid(spec.get('externalTrafficPolicy'), "may only be set when `type` is 'NodePort' or 'LoadBalancer'");
    }
    const healthCheck = spec.get('healthCheckNodePort');
    if (healthCheck.number !== undefined && healthCheck.number !== 0) {
      if (type !== 'LoadBalancer' || spec.get('externalTrafficPolicy').string !== 'Local') errors.invalid(healthCheck, 'may only be set when `type` is \'LoadBalancer\' and `externalTrafficPolicy` is \'Local\'');
      else if (portNumber(healthCheck.number)) errors.invalid(healthCheck, portNumber(healthCheck.number)!);
    }
    for (const k of ['loadBalancerSourceRanges', 'allocateLoadBalancerNodePorts', 'loadBalancerClass']) {
      if (spec.get(k).exists && type !== 'LoadBalancer') errors.forbidden(spec.get(k), "may only be used when `type` is 'LoadBalancer'");
    }
    for (const range of spec.get('loadBalancerSourceRanges').items()) errors.format(range, cidr);
    for (const ip of spec.get('externalIPs').items()) errors.format(ip, ipAddress);
    const affinity = spec.get('sessionAffinity').string ?? 'None';
    const timeout = spec.at('sessionAffinityConfig', 'clientIP', 'timeoutSeconds');
    if (affinity === 'ClientIP' && timeout.number !== undefined && (timeout.number <= 0 || timeout.number > 86400)) errors.invalid(timeout, 'must be greater than 0 and less than 86400');
    if (affinity === 'None' && spec.get('sessionAffinityConfig').map && spec.at('sessionAffinityConfig', 'clientIP').exists) {
      errors.invalidBlock(spec.get('sessionAffinityConfig'), 'must not be set when session affinity is None');
    }
    const families = spec.get('ipFamilies').items();
    if (families.length > 2) errors.invalidBlock(spec.get('ipFamilies'), 'may only hold up to 2 values');
    const policy = spec.get('ipFamilyPolicy').string;
    if (policy === 'SingleStack' && families.length > 1) errors.invalidBlock(spec.get('ipFamilies'), 'when multiple IP families are specified, IP family policy must be RequireDualStack or PreferDualStack');
    if (families.length === 2 && families[0].string === families[1].string && families[0].string) errors.duplicate(families[1]);
    if (type === 'ExternalName' && policy) errors.forbidden(spec.get('ipFamilyPolicy'), 'may not be set for ExternalName services');
  },
};

function validatePorts(errors: FieldErrors, spec: Field, type: string, headless: boolean): void {
  const ports = spec.get('ports');
  const items = ports.items();
  if (items.length === 0 && !headless && type !== 'ExternalName') {
    errors.required(ports);
    return;
  }
  const names = new Set<string>();
  const pairs = new Set<string>();
  const nodePorts = new Set<string>();
  const nodePortTypes = type === 'NodePort' || type === 'LoadBalancer';
  for (const port of items) {
    if (!port.map) continue;
    const name = port.get('name');
    if (items.length > 1 && !name.string) errors.required(name);
    else if (name.string !== undefined && name.string !== '') {
      const problem = dns1123Label(name.string);
      if (problem) errors.invalid(name, problem);
      else if (names.has(name.string)) errors.duplicate(name);
      names.add(name.string);
    }
    const number = port.get('port');
    if (!number.exists) errors.required(number);
    else if (number.number !== undefined && portNumber(number.number)) errors.invalid(number, portNumber(number.number)!);
    const protocol = port.get('protocol').string ?? 'TCP';
    if (number.number !== undefined) {
      const pair = `${number.number}/${protocol}`;
      if (pairs.has(pair)) errors.duplicate(port, `{${number.number}, ${protocol}}`);
      pairs.add(pair);
    }
    const targetPort = port.get('targetPort');
    if (targetPort.number === 0) errors.invalid(targetPort, 'must be between 1 and 65535, inclusive');
    else if (targetPort.exists && type !== 'ExternalName') validatePortNumOrName(errors, targetPort);
    const nodePort = port.get('nodePort');
    if (nodePort.number !== undefined && nodePort.number !== 0) {
      if (!nodePortTypes) errors.forbidden(nodePort, `may not be used when \`type\` is '${type}'`);
      else if (portNumber(nodePort.number)) errors.invalid(nodePort, portNumber(nodePort.number)!);
      else {
        const key = `${nodePort.number}/${protocol}`;
        if (nodePorts.has(key)) errors.duplicate(nodePort);
        nodePorts.add(key);
      }
    }
    const appProtocol = port.get('appProtocol').string;
    if (appProtocol) errors.format(port.get('appProtocol'), qualifiedName);
  }
}

function cidr(value: string): string | undefined {
  const [ip, bits, extra] = value.trim().split('/');
  if (extra !== undefined || bits === undefined || !/^\d+$/.test(bits)) return 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)';
  if (ipAddress(ip)) return 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)';
  return Number(bits) <= (ip.includes(':') ? 128 : 32) ? undefined : 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)';
}
