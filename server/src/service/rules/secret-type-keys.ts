// Built-in Secret types require certain keys, and the API server rejects a typed Secret without them
// (https://kubernetes.io/docs/concepts/configuration/secret/#secret-types):
//   kubernetes.io/tls                  tls.crt and tls.key
//   kubernetes.io/dockerconfigjson     .dockerconfigjson, holding valid JSON
//   kubernetes.io/dockercfg            .dockercfg, holding valid JSON
//   kubernetes.io/basic-auth           username or password (at least one)
//   kubernetes.io/ssh-auth             ssh-privatekey
//   kubernetes.io/service-account-token  the kubernetes.io/service-account.name annotation
// Keys count from data and stringData. A misspelt built-in type gets a did-you-mean.
import { SECRET } from '../kinds';
import { isScalar, type Node } from 'yaml';
import { decodeBase64 } from '../../../../common/secretData';
import { editDistance } from '../schema/messages';
import { entries, mapAt, scalarAt } from '../yaml/access';
import type { Rule, RuleContext } from './types';

const KNOWN_TYPES = [
  'Opaque', 'kubernetes.io/service-account-token', 'kubernetes.io/dockercfg', 'kubernetes.io/dockerconfigjson',
  'kubernetes.io/basic-auth', 'kubernetes.io/ssh-auth', 'kubernetes.io/tls', 'bootstrap.kubernetes.io/token',
];

const REQUIRED: Record<string, { all?: string[]; any?: string[]; json?: string }> = {
  'kubernetes.io/tls': { all: ['tls.crt', 'tls.key'] },
  'kubernetes.io/dockerconfigjson': { all: ['.dockerconfigjson'], json: '.dockerconfigjson' },
  'kubernetes.io/dockercfg': { all: ['.dockercfg'], json: '.dockercfg' },
  'kubernetes.io/basic-auth': { any: ['username', 'password'] },
  'kubernetes.io/ssh-auth': { all: ['ssh-privatekey'] },
};

export const secretTypeKeys: Rule = {
  id: 'secret-type-keys',
  description: 'A typed Secret (tls, dockerconfigjson, basic-auth, ssh-auth, service-account-token) without the keys its type requires.',
  defaultSeverity: 'error',
  judges: 'meaning',
  kinds: [SECRET],
  check(ctx) {
    const typeNode = scalarAt(ctx.resource.root, ['type']);
    if (!typeNode || typeof typeNode.value !== 'string') return;
    const type = typeNode.value;
    if (!KNOWN_TYPES.includes(type)) {
      // Volume plugins have types of their own (kubernetes.io/rbd, kubernetes.io/iscsi-chap): only near misses are typos.
      if (/(^|\.)kubernetes\.io\//.test(type) || type.toLowerCase() === 'opaque') {
        const suggestion = KNOWN_TYPES.find((known) => known.toLowerCase() === type.toLowerCase() || editDistance(known, type) <= 2);
        if (suggestion) {
          ctx.report({ node: typeNode, message: `unknown Secret type "${type}" — did you mean "${suggestion}"?`, severity: 'warning', data: { replacement: suggestion } });
        }
      }
      return;
    }
    if (type === 'kubernetes.io/service-account-token') {
      if (scalarAt(ctx.resource.root, ['metadata', 'annotations', 'kubernetes.io/service-account.name'])) return;
      ctx.report({ node: typeNode, message: 'a service-account-token Secret needs the annotation kubernetes.io/service-account.name naming its ServiceAccount' });
      return;
    }
    const required = REQUIRED[type];
    if (!required) return;
    const values = secretValues(ctx);
    const missing = (required.all ?? []).filter((k) => !values.has(k));
    if (missing.length) {
      ctx.report({ node: typeNode, message: `a ${type} Secret needs ${missing.map((k) => `"${k}"`).join(' and ')} under data or stringData`, data: { missingKeys: missing } });
    }
    if (required.any && !required.any.some((k) => values.has(k))) {
      ctx.report({ node: typeNode, message: `a ${type} Secret needs at least one of ${required.any.map((k) => `"${k}"`).join(' or ')}`, data: { missingKeys: required.any } });
    }
    if (required.json && values.has(required.json)) checkJson(ctx, required.json, values.get(required.json)!);
  },
};

interface SecretValue {
  node: Node;
  /** The plain text (stringData) or the decoded bytes (data); undefined when data is not base64. */
  text?: string;
}

function secretValues(ctx: RuleContext): Map<string, SecretValue> {
  const out = new Map<string, SecretValue>();
  for (const e of entries(mapAt(ctx.resource.root, ['data']))) {
    const decoded = isScalar(e.value) && typeof e.value.value === 'string' ? decodeBase64(e.value.value) : undefined;
    out.set(e.key, { node: e.value ?? e.keyNode, text: decoded?.ok ? decoded.bytes.toString('utf8') : undefined });
  }
  for (const e of entries(mapAt(ctx.resource.root, ['stringData']))) {
    out.set(e.key, { node: e.value ?? e.keyNode, text: isScalar(e.value) && typeof e.value.value === 'string' ? e.value.value : undefined });
  }
  return out;
}

/** Reports JSON problems by position only: parser messages would quote the secret's content. */
function checkJson(ctx: RuleContext, key: string, value: SecretValue): void {
  if (value.text === undefined) return; // not base64: secret-invalid-base64 says so
  let parsed: unknown;
  try {
    parsed = JSON.parse(value.text);
  } catch (error) {
    const position = /position (\d+)/.exec((error as Error).message)?.[1];
    ctx.report({ node: value.node, message: `"${key}" is not valid JSON${position ? ` (the parser stops at character ${Number(position) + 1})` : ''}; the API server rejects the Secret` });
    return;
  }
  if (key === '.dockerconfigjson' && (parsed === null || typeof parsed !== 'object' || !('auths' in parsed))) {
    ctx.report({ node: value.node, message: '".dockerconfigjson" has no "auths" object; the kubelet finds no registry credentials in it', severity: 'warning' });
  }
}

