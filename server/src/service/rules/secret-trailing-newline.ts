// `echo "password" | base64` encodes "password\n": the application then sees a password ending in a
// line break. Single-line text values that end in one are almost always this mistake; multi-line
// values (certificates, config files) legitimately end with a line break and are left alone.
import { encodeBase64, isUtf8Text, trailingNewline, withoutTrailingNewline } from '../../../../common/secretData';
import { inSameStyle } from '../yaml/access';
import { secretDataValues } from './secretValues';
import type { Rule } from './types';

export const secretTrailingNewline: Rule = {
  id: 'secret-trailing-newline',
  description: 'A Secret data value whose decoded single-line text ends with a line break (echo without -n).',
  defaultSeverity: 'warning',
  kinds: ['Secret'],
  appliesToPatches: true,
  check(ctx) {
    for (const entry of secretDataValues(ctx.resource)) {
      if (!entry.decoded.ok) continue;
      const bytes = entry.decoded.bytes;
      const newline = trailingNewline(bytes);
      if (!newline || !isUtf8Text(bytes)) continue;
      const body = withoutTrailingNewline(bytes);
      if (body.length === 0 || body.includes(0x0a)) continue;
      // The message never contains the decoded value.
      ctx.report({
        node: entry.node,
        message: `data "${entry.key}" decodes to text ending with a line break (${newline === '\n' ? '\\n' : '\\r\\n'}) that becomes part of the value: it was probably encoded with \`echo\` instead of \`echo -n\``,
        data: { key: entry.key, replacement: inSameStyle(entry.node, encodeBase64(body)) },
      });
    }
  },
};
