// Kubernetes reads manifests with YAML 1.1 rules: an unquoted yes/no/on/off/y/n/true/false is a
// boolean, 1.10 is the number 1.1, 0777 is the octal number 511, 0x1F is 31, 1e3 is 1000. Where the
// field is a string (labels, annotations, ConfigMap data, env values, ...), kubectl rejects the
// manifest, and tools that coerce it send the wrong text ("true", "1.1", "511"). The rule owns these
// type errors (the schema check defers them here) because it can show the source text and quote it.
import { isScalar } from 'yaml';
import { typedNodes } from '../schema/typedNodes';
import { sourceOf } from '../yaml/access';
import type { Rule } from './types';

/** Sexagesimal numbers ("12:30"): the `yaml` package reads them as numbers, Kubernetes' parser as strings. */
const SEXAGESIMAL = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

const SINGULAR: Record<string, string> = {
  labels: 'label',
  annotations: 'annotation',
  data: 'data key',
  stringData: 'stringData key',
  matchLabels: 'matchLabels key',
  nodeSelector: 'nodeSelector key',
  selector: 'selector key',
  parameters: 'parameter',
};

export const yaml11ImplicitType: Rule = {
  id: 'yaml11-implicit-type',
  description: 'An unquoted value that YAML 1.1 reads as a boolean or number (yes, on, 1.10, 0777) where a string is expected.',
  defaultSeverity: 'error',
  judges: 'meaning',
  appliesToPatches: true,
  check(ctx) {
    for (const { node, path } of typedNodes(ctx.resource, ctx.registry).nonStrings) {
      if (!isScalar(node) || (typeof node.value !== 'boolean' && typeof node.value !== 'number')) continue;
      const source = sourceOf(ctx.file.text, node).trim();
      if (!source || SEXAGESIMAL.test(source)) continue;
      const key = String(path[path.length - 1]);
      const parent = path[path.length - 2];
      const label = typeof parent === 'string' && SINGULAR[parent] ? `${SINGULAR[parent]} "${key}"` : typeof key === 'string' && /^\d+$/.test(key) ? `${String(parent)}[${key}]` : key;
      const quoted = JSON.stringify(source);
      ctx.report({
        node,
        message: `${label} must be a string, but unquoted ${source} is read as ${readAs(source, node.value)}; quote it: ${quoted}`,
        data: { replacement: quoted },
      });
    }
  },
};

function readAs(source: string, value: boolean | number): string {
  if (typeof value === 'boolean') return `the boolean ${value} (YAML 1.1)`;
  const shown = String(value);
  if (/^[-+]?0[0-7_]+$/.test(source)) return `the octal number ${shown}`;
  if (/^[-+]?0x/i.test(source)) return `the hexadecimal number ${shown}`;
  if (/^[-+]?0b/i.test(source)) return `the binary number ${shown}`;
  if (shown !== source) return `the number ${shown}`;
  return 'a number';
}
