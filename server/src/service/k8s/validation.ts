// The value formats the API server checks (k8s.io/apimachinery/pkg/util/validation and the core
// validation that builds on it), as predicates that return the reason in the API server's words,
// or undefined when the value is valid. Written from the Kubernetes 1.36 behaviour, not copied.
const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const C_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const STRICT_ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

export function dns1123Label(value: string): string | undefined {
  if (value.length > 63) return 'must be no more than 63 characters';
  if (!DNS1123_LABEL.test(value)) return "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
  return undefined;
}

export function dns1123Subdomain(value: string): string | undefined {
  if (value.length > 253) return 'must be no more than 253 characters';
  if (!DNS1123_SUBDOMAIN.test(value)) return "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
  return undefined;
}

export function dns1035Label(value: string): string | undefined {
  if (value.length > 63) return 'must be no more than 63 characters';
  if (!DNS1035_LABEL.test(value)) return "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character";
  return undefined;
}

/** Label and annotation keys, finalizer-like names: an optional DNS subdomain prefix and "/", then a name of at most 63 characters. */
export function qualifiedName(value: string): string | undefined {
  const parts = value.split('/');
  let name: string;
  if (parts.length === 1) name = parts[0];
  else if (parts.length === 2) {
    const [prefix] = parts;
    name = parts[1];
    if (prefix.length === 0) return 'prefix part must be non-empty';
    const problem = dns1123Subdomain(prefix);
    if (problem) return `prefix part ${problem}`;
  } else {
    return "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character, with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')";
  }
  if (name.length === 0) return 'name part must be non-empty';
  if (name.length > 63) return 'name part must be no more than 63 characters';
  if (!QUALIFIED_NAME_PART.test(name)) return "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
  return undefined;
}

export function labelValue(value: string): string | undefined {
  if (value.length > 63) return 'must be no more than 63 characters';
  if (!LABEL_VALUE.test(value)) return "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
  return undefined;
}

/** Port names (IANA_SVC_NAME): at most 15 characters, lowercase letters, digits and "-", a letter somewhere, no "--", no "-" at either end. */
export function ianaServiceName(value: string): string | undefined {
  if (value.length > 15) return 'must be no more than 15 characters';
  if (!/^[-a-z0-9]+$/.test(value)) return "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)";
  if (value.includes('--')) return "must not contain consecutive hyphens";
  if (!/[a-z]/.test(value)) return 'must contain at least one letter (a-z)';
  if (value.startsWith('-') || value.endsWith('-')) return 'must not begin or end with a hyphen';
  return undefined;
}

export function portNumber(value: number): string | undefined {
  return Number.isInteger(value) && value >= 1 && value <= 65535 ? undefined : 'must be between 1 and 65535, inclusive';
}

export function cIdentifier(value: string): string | undefined {
  return C_IDENTIFIER.test(value) ? undefined : "a valid C identifier must start with alphabetic character or '_', followed by a string of alphanumeric characters or '_'";
}

/**
 * Environment variable names. Since 1.32 (RelaxedEnvironmentVariableValidation on by default) any
 * printable ASCII character except "=" is accepted; before, `[-._a-zA-Z][-._a-zA-Z0-9]*`.
 */
export function envVarName(value: string, relaxed: boolean): string | undefined {
  if (relaxed) {
    if (/^[\x20-\x7e]+$/.test(value) && !value.includes('=')) return undefined;
    return 'a valid environment variable name must consist only of printable ASCII characters other than "="';
  }
  if (value === '.' || value === '..' || value.startsWith('..')) return 'must not be "." or ".." or start with ".."';
  return STRICT_ENV_NAME.test(value) ? undefined : "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit";
}

/** A relative path that stays inside its volume: not absolute, no ".." element. */
export function localDescendingPath(value: string): string | undefined {
  if (value.startsWith('/')) return 'must be a relative path';
  if (value.split('/').includes('..')) return "must not contain '..'";
  return undefined;
}

export function ipAddress(value: string): string | undefined {
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(value);
  if (v4) {
    // The API server rejects leading zeros ("010.0.0.1") as ambiguous.
    const ok = v4.slice(1).every((part) => Number(part) <= 255 && (part === '0' || !part.startsWith('0')));
    return ok ? undefined : 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)';
  }
  if (value.includes(':') && /^[0-9a-fA-F:.]+$/.test(value) && isIpv6(value)) return undefined;
  return 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)';
}

function isIpv6(value: string): boolean {
  const halves = value.split('::');
  if (halves.length > 2) return false;
  const groups = (text: string) => (text === '' ? [] : text.split(':'));
  const all = halves.flatMap(groups);
  const last = all[all.length - 1];
  const hasV4 = last !== undefined && last.includes('.');
  if (hasV4 && ipAddress(last) !== undefined) return false;
  const hexGroups = hasV4 ? all.slice(0, -1) : all;
  if (!hexGroups.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return false;
  const count = hexGroups.length + (hasV4 ? 2 : 0);
  return halves.length === 2 ? count < 8 : count === 8;
}

/** A name in one of the DNS formats, in the API server's words. */
export function nameInFormat(value: string, format: 'dns-label' | 'dns-subdomain' | 'dns-1035-label'): string | undefined {
  if (format === 'dns-label') return dns1123Label(value);
  if (format === 'dns-1035-label') return dns1035Label(value);
  return dns1123Subdomain(value);
}

/** Names the API server accepts as a path segment (RBAC, some cluster-scoped kinds): not "." or "..", no "/" or "%". */
export function pathSegmentName(value: string): string | undefined {
  if (value === '.' || value === '..') return `may not be '${value}'`;
  if (value.includes('/')) return "may not contain '/'";
  if (value.includes('%')) return "may not contain '%'";
  return undefined;
}

/** Standard (non-prefixed) resource names a container may request, and the rule for extended ones. */
export function containerResourceName(value: string): string | undefined {
  if (['cpu', 'memory', 'ephemeral-storage'].includes(value) || value.startsWith('hugepages-')) return undefined;
  if (!value.includes('/')) return 'must be a standard resource for containers';
  const problem = qualifiedName(value);
  if (problem) return problem;
  // kubernetes.io/ is reserved for standard resources; device plugins use domains of their own.
  if (/(^|\.)kubernetes\.io\//.test(value)) return 'must be a standard resource for containers';
  return undefined;
}
