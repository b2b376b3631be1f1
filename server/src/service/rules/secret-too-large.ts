// The API server rejects a Secret whose data and stringData values add up to more than 1 MiB
// (etcd's object size limit), as it does for ConfigMaps (cm-too-large).
import { SECRET } from '../kinds';
import { isScalar } from 'yaml';
import { decodeBase64 } from '../../../../common/secretData';
import { withThousands } from '../k8s/quantity';
import { entries, mapAt } from '../yaml/access';
import { MAX_CONFIGMAP_BYTES } from './cm-too-large';
import type { Rule } from './types';

export const secretTooLarge: Rule = {
  id: 'secret-too-large',
  description: 'A Secret whose data and stringData values exceed 1 MiB.',
  defaultSeverity: 'error',
  judges: 'meaning',
  kinds: [SECRET],
  check(ctx) {
    let total = 0;
    for (const e of entries(mapAt(ctx.resource.root, ['data']))) {
      if (!isScalar(e.value) || typeof e.value.value !== 'string') continue;
      const decoded = decodeBase64(e.value.value);
      total += decoded.ok ? decoded.bytes.length : Math.floor((e.value.value.length * 3) / 4);
    }
    for (const e of entries(mapAt(ctx.resource.root, ['stringData']))) {
      if (isScalar(e.value) && e.value.value !== null) total += Buffer.byteLength(String(e.value.value), 'utf8');
    }
    if (total <= MAX_CONFIGMAP_BYTES) return;
    const anchor = (ctx.resource.root.items.find((p) => isScalar(p.key) && (p.key.value === 'data' || p.key.value === 'stringData'))?.key ?? null) as never;
    // Sizes only: the message never shows a value.
    ctx.report({
      node: anchor,
      message: `data: Too long: the Secret's values add up to ${withThousands(total)} bytes, over the 1 MiB (1,048,576 bytes) limit; the API server rejects it`,
    });
  },
};
