// Secret `data` values must be base64; the API server rejects the Secret otherwise. This rule says
// exactly what is wrong (a stray character, missing padding, the URL-safe alphabet). Values that are
// plainly not base64 at all but text someone typed belong to secret-plaintext-in-data instead.
import { SECRET } from '../kinds';
import { looksLikePlainText } from '../../../../common/secretData';
import { secretDataValues } from './secretValues';
import type { Rule } from './types';

export const secretInvalidBase64: Rule = {
  id: 'secret-invalid-base64',
  description: 'A Secret data value that is not valid base64.',
  defaultSeverity: 'error',
  judges: 'type',
  kinds: [SECRET],
  appliesToPatches: true,
  check(ctx) {
    for (const entry of secretDataValues(ctx.resource)) {
      if (entry.decoded.ok || looksLikePlainText(entry.value)) continue;
      ctx.report({ node: entry.node, message: `data "${entry.key}" is not valid base64: it ${entry.decoded.reason}`, data: { key: entry.key } });
    }
  },
};
