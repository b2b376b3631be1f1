// secret-type-keys: a typed Secret the API server would reject for missing keys (tls without
// tls.key, dockerconfigjson without .dockerconfigjson...). Adds the missing keys with
// placeholder values: empty for certificates and passwords, `{"auths":{}}` for docker configs.
import { isKind, SECRET } from '../kinds';
import { CodeActionKind, type CodeAction } from 'vscode-languageserver-types';
import { encodeBase64 } from '../../../../common/secretData';
import { entries, mapAt, scalarAt, stringAt } from '../yaml/access';
import { insertUnderKey, replaceNode } from './edits';
import { dataOf, type QuickFix } from './types';

export const REQUIRED_SECRET_KEYS: Record<string, { keys: string[]; anyOf?: boolean; placeholder?: string }> = {
  'kubernetes.io/tls': { keys: ['tls.crt', 'tls.key'] },
  'kubernetes.io/dockerconfigjson': { keys: ['.dockerconfigjson'], placeholder: '{"auths":{}}' },
  'kubernetes.io/dockercfg': { keys: ['.dockercfg'], placeholder: '{}' },
  'kubernetes.io/basic-auth': { keys: ['username', 'password'], anyOf: true },
  'kubernetes.io/ssh-auth': { keys: ['ssh-privatekey'] },
};

export const secretTypeKeys: QuickFix = {
  codes: ['secret-type-keys'],
  provide(ctx) {
    const resource = ctx.document.resource;
    if (!resource || !isKind(resource, SECRET)) return [];
    const type = stringAt(resource.root, ['type']) ?? '';
    const typo = dataOf(ctx.diagnostic).replacement;
    const typeNode = scalarAt(resource.root, ['type']);
    if (typeof typo === 'string' && typeNode) {
      return [{ title: `Use type ${typo}`, kind: CodeActionKind.QuickFix, diagnostics: [ctx.diagnostic], isPreferred: true, edit: { changes: { [ctx.uri]: [replaceNode(ctx.file, typeNode, typo)] } } }];
    }
    const required = REQUIRED_SECRET_KEYS[type];
    if (!required) return [];
    const data = mapAt(resource.root, ['data']);
    const stringData = mapAt(resource.root, ['stringData']);
    const present = new Set([...entries(data), ...entries(stringData)].map((e) => e.key));
    const listed = dataOf(ctx.diagnostic).missingKeys;
    const missing = (Array.isArray(listed) ? listed.map(String) : required.keys).filter((k) => !present.has(k));
    if (missing.length === 0 || (required.anyOf && missing.length < required.keys.length)) return [];
    const useStringData = !!stringData && !data;
    const value = (required.placeholder ?? '');
    const added = Object.fromEntries(missing.map((k) => [k, useStringData ? value : encodeBase64(value)]));
    const edit = insertUnderKey(ctx.file, resource.root, useStringData ? 'stringData' : 'data', added);
    const action: CodeAction = {
      title: `Add the ${missing.map((k) => `"${k}"`).join(' and ')} key${missing.length > 1 ? 's' : ''} a ${type} Secret requires`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [ctx.diagnostic],
      isPreferred: true,
      edit: { changes: { [ctx.uri]: [edit] } },
    };
    return [action];
  },
};
