// A key may appear in data or in binaryData, not both: both become files of the same name, and the
// API server rejects the ConfigMap.
import { CONFIG_MAP } from '../kinds';
import { entries, mapAt } from '../yaml/access';
import type { Rule } from './types';

export const cmKeyDuplicated: Rule = {
  id: 'cm-key-duplicated',
  description: 'A ConfigMap key present in both data and binaryData.',
  defaultSeverity: 'error',
  judges: 'meaning',
  kinds: [CONFIG_MAP],
  check(ctx) {
    const data = new Map(entries(mapAt(ctx.resource.root, ['data'])).map((e) => [e.key, e.keyNode]));
    for (const e of entries(mapAt(ctx.resource.root, ['binaryData']))) {
      const other = data.get(e.key);
      if (!other) continue;
      const line = other.range ? ctx.file.lineCounter.linePos(other.range[0]).line : undefined;
      ctx.report({
        node: e.keyNode,
        message: `key "${e.key}" is in both data${line ? ` (line ${line})` : ''} and binaryData; a key may only be in one of them`,
        data: { key: e.key },
      });
    }
  },
};
