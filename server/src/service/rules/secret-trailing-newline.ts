// `echo "password" | base64` encodes "password\n": the application then sees a password ending in a
// line break. Single-line text values that end in one are almost always this mistake; multi-line
// values (certificates, config files) and PEM values (tls.crt, tls.key, ca.crt, ssh-privatekey, or
// anything starting "-----BEGIN ") legitimately end with a line break and are left alone.
import { SECRET } from '../kinds';
import { encodeBase64, isUtf8Text, trailingNewline, withoutTrailingNewline } from '../../../../common/secretData';
import { inSameStyle } from '../yaml/access';
import { secretDataValues } from './secretValues';
import type { Rule } from './types';

/** Keys of the built-in Secret types that hold PEM data. */
const PEM_KEYS = new Set(['tls.crt', 'tls.key', 'ca.crt', 'ssh-privatekey']);

export const secretTrailingNewline: Rule = {
  id: 'secret-trailing-newline',
  description: 'A Secret data value whose decoded single-line text ends with a line break (echo without -n).',
  defaultSeverity: 'warning',
  judges: 'type',
  kinds: [SECRET],
  appliesToPatches: true,
  check(ctx) {
    for (const entry of secretDataValues(ctx.resource)) {
      // Certificates and keys end with a line break by format (PEM), whatever their length.
      if (!entry.decoded.ok || PEM_KEYS.has(entry.key)) continue;
      const bytes = entry.decoded.bytes;
      const newline = trailingNewline(bytes);
      if (!newline || !isUtf8Text(bytes)) continue;
      const body = withoutTrailingNewline(bytes);
      if (body.length === 0 || body.includes(0x0a) || Buffer.from(body).toString('latin1').startsWith('-----BEGIN ')) continue;
      // The message never contains the decoded value.
      ctx.report({
        node: entry.node,
        message: `data "${entry.key}" decodes to text ending with a line break (${newline === '\n' ? '\\n' : '\\r\\n'}) that becomes part of the value: it was probably encoded with \`echo\` instead of \`echo -n\``,
        data: { key: entry.key, replacement: inSameStyle(entry.node, encodeBase64(body)) },
      });
    }
  },
};
