// The API server rejects a ConfigMap whose data and binaryData values add up to more than 1 MiB
// (etcd's object size limit); mount large files from a volume instead.
import { CONFIG_MAP } from '../kinds';
import { isScalar } from 'yaml';
import { decodeBase64 } from '../../../../common/secretData';
import { withThousands } from '../k8s/quantity';
import { entries, mapAt } from '../yaml/access';
import type { Rule } from './types';

export const MAX_CONFIGMAP_BYTES = 1024 * 1024;

export const cmTooLarge: Rule = {
  id: 'cm-too-large',
  description: 'A ConfigMap whose data and binaryData values exceed 1 MiB.',
  defaultSeverity: 'error',
  judges: 'meaning',
  kinds: [CONFIG_MAP],
  check(ctx) {
    let total = 0;
    for (const e of entries(mapAt(ctx.resource.root, ['data']))) {
      if (isScalar(e.value) && e.value.value !== null) total += Buffer.byteLength(String(e.value.value), 'utf8');
    }
    for (const e of entries(mapAt(ctx.resource.root, ['binaryData']))) {
      if (!isScalar(e.value) || typeof e.value.value !== 'string') continue;
      const decoded = decodeBase64(e.value.value);
      total += decoded.ok ? decoded.bytes.length : Math.floor((e.value.value.length * 3) / 4);
    }
    if (total <= MAX_CONFIGMAP_BYTES) return;
    const anchor = (ctx.resource.root.items.find((p) => isScalar(p.key) && (p.key.value === 'data' || p.key.value === 'binaryData'))?.key ?? null) as never;
    ctx.report({
      node: anchor,
      message: `the ConfigMap's values add up to ${withThousands(total)} bytes, over the 1 MiB (1,048,576 bytes) limit; the API server rejects it. Split it, or ship large files another way`,
      data: { bytes: total },
    });
  },
};
