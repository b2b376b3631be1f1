// Volume sizes written with a decimal suffix (storage: 1G = 10^9 bytes) where the binary one (1Gi = 2^30
// bytes) is almost always meant (a hint), and the classic "memory: 500m" (m is milli: half a byte; a warning).
import { BINARY_FOR_DECIMAL, formatBytes, parseQuantity } from '../k8s/quantity';
import { inSameStyle } from '../yaml/access';
import { quantityFields } from './quantityFields';
import type { Rule } from './types';

const DECIMAL = new Set(['k', 'M', 'G', 'T', 'P', 'E']);

export const quantityDecimalSuffix: Rule = {
  id: 'quantity-decimal-suffix',
  description: 'A volume size with a decimal suffix (G, M, k) where the binary one (Gi, Mi, Ki) is likely meant (hint), or memory/storage with m (milli).',
  defaultSeverity: 'warning',
  judges: 'type',
  appliesToPatches: true,
  check(ctx) {
    for (const field of quantityFields(ctx)) {
      const q = field.quantity;
      if (!field.bytes || !q || q.negative) continue;
      if (q.suffix === 'm') {
        const binary = parseQuantity(`${q.number}Mi`)!;
        ctx.report({
          node: field.node,
          message: `${field.label}: ${field.text} means ${formatBytes(q)} ("m" is milli, a thousandth); did you mean ${binary.text} (${formatBytes(binary)})?`,
          data: { replacement: inSameStyle(field.node, binary.text) },
        });
        continue;
      }
      // Decimal units are valid, and often meant for memory and ephemeral storage (`500M`): only a
      // volume's size, where sizes are nearly always binary (`storage: 1G`), gets a hint.
      if (!DECIMAL.has(q.suffix) || field.label !== 'storage') continue;
      const binary = parseQuantity(`${q.number}${BINARY_FOR_DECIMAL[q.suffix]}`)!;
      ctx.report({
        node: field.node,
        message: `${field.label}: ${field.text} is a decimal quantity: ${q.text} = ${formatBytes(q)}; ${binary.text} = ${formatBytes(binary)}. Use ${binary.text} if you meant binary units`,
        severity: 'hint',
        data: { replacement: inSameStyle(field.node, binary.text) },
      });
    }
  },
};
