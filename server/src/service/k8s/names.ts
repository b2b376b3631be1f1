// Kubernetes name formats (k8s.io/apimachinery/pkg/util/validation), with reasons a person can act on.

const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export type NameFormat = 'dns-label' | 'dns-1035-label' | 'dns-subdomain';

export const NAME_FORMAT_LIMITS: Record<NameFormat, number> = { 'dns-label': 63, 'dns-1035-label': 63, 'dns-subdomain': 253 };

/** Why a name breaks the format, or undefined when it is valid. */
export function nameProblem(name: string, format: NameFormat): string | undefined {
  const limit = NAME_FORMAT_LIMITS[format];
  if (name.length === 0) return 'is empty';
  if (name.length > limit) return `is ${name.length} characters long; the limit is ${limit}`;
  if (/[A-Z]/.test(name)) return 'contains uppercase letters; only lowercase letters, digits and "-" are allowed';
  if (format !== 'dns-subdomain' && name.includes('.')) return 'contains "."; a DNS label cannot';
  if (/_/.test(name)) return 'contains "_"; use "-" instead';
  if (/[^a-z0-9.-]/.test(name)) return 'contains characters other than lowercase letters, digits, "-" and "."';
  if (format === 'dns-1035-label' && !/^[a-z]/.test(name)) return 'must start with a letter';
  if (!/^[a-z0-9]/.test(name) || !/[a-z0-9]$/.test(name)) return 'must start and end with a letter or digit';
  if (format === 'dns-subdomain' && /(^|\.)-|-(\.|$)|\.\./.test(name)) return 'has a part that is empty or starts/ends with "-"';
  const ok = format === 'dns-label' ? LABEL : format === 'dns-1035-label' ? LABEL_1035 : SUBDOMAIN;
  return ok.test(name) ? undefined : 'is not a valid DNS name';
}

/** ConfigMap and Secret keys: `[-._a-zA-Z0-9]+`, at most 253 characters, not "." or "..", not starting with "..". */
export function configKeyProblem(key: string): string | undefined {
  if (key.length === 0) return 'is empty';
  if (key.length > 253) return `is ${key.length} characters long; the limit is 253`;
  if (key === '.' || key === '..') return `may not be "${key}"`;
  if (key.startsWith('..')) return 'may not start with ".."';
  const bad = /[^-._a-zA-Z0-9]/.exec(key);
  if (bad) {
    const ch = bad[0] === ' ' ? 'a space' : bad[0] === '/' ? '"/" (keys are file names, not paths)' : `"${bad[0]}"`;
    return `contains ${ch}; keys may only use letters, digits, "-", "_" and "."`;
  }
  return undefined;
}
