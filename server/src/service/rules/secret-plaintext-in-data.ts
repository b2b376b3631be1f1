// Plain text written under `data`, where values must be base64: the API server rejects it when it is
// not base64 (an error), and a short word that happens to be valid base64 ("root", "demo") silently
// decodes to binary garbage (a warning). The fix is stringData, which takes plain text.
import { SECRET } from '../kinds';
import { isUtf8Text, looksLikePlainText, looksLikeWord } from '../../../../common/secretData';
import { secretDataValues } from './secretValues';
import type { Rule } from './types';

export const secretPlaintextInData: Rule = {
  id: 'secret-plaintext-in-data',
  description: 'A Secret data value that looks like plain text rather than base64 (belongs under stringData).',
  defaultSeverity: 'error',
  judges: 'type',
  kinds: [SECRET],
  appliesToPatches: true,
  check(ctx) {
    for (const entry of secretDataValues(ctx.resource)) {
      if (!entry.decoded.ok && looksLikePlainText(entry.value)) {
        ctx.report({
          node: entry.node,
          message: `data "${entry.key}" looks like plain text, not base64; the API server rejects it. Move it under stringData (plain text) or base64-encode it`,
          data: { key: entry.key, fix: 'move-to-stringData' },
        });
      } else if (entry.decoded.ok && looksLikeWord(entry.value) && !isUtf8Text(entry.decoded.bytes)) {
        ctx.report({
          node: entry.node,
          message: `data "${entry.key}" looks like a plain word, but data values are base64: it decodes to binary bytes, not to what is written. Move it under stringData if it is plain text`,
          severity: 'warning',
          data: { key: entry.key, fix: 'move-to-stringData' },
        });
      }
    }
  },
};
