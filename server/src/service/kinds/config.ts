// ConfigMaps and Secrets: the keys other resources refer to, and what completion shows of them
// (a Secret's key by size only: values never leave the file).
import { configMapSummary, secretSize } from '../k8s/dataSummary';
import type { Resource } from '../types';
import { entries, mapAt, stringAt } from '../yaml/access';
import type { DataKeyFacts, KeySection, KindDescriptor } from './types';

function keyFacts(resource: Resource, sections: KeySection[], summary: typeof secretSize): DataKeyFacts[] {
  const out: DataKeyFacts[] = [];
  for (const section of sections) {
    for (const e of entries(mapAt(resource.root, [section]))) out.push({ key: e.key, section, summary: summary(section, e.value) });
  }
  return out;
}

const CONFIG_MAP_SECTIONS: KeySection[] = ['data', 'binaryData'];
const SECRET_SECTIONS: KeySection[] = ['data', 'stringData'];

export const CONFIG_KINDS: KindDescriptor[] = [
  {
    group: '',
    kind: 'ConfigMap',
    scope: 'Namespaced',
    keySections: CONFIG_MAP_SECTIONS,
    facts: (resource) => ({ dataKeys: keyFacts(resource, CONFIG_MAP_SECTIONS, configMapSummary) }),
    outline: ['keys'],
    schema: 'builtin',
  },
  {
    group: '',
    kind: 'Secret',
    scope: 'Namespaced',
    keySections: SECRET_SECTIONS,
    facts: (resource) => ({ dataKeys: keyFacts(resource, SECRET_SECTIONS, secretSize), secretType: stringAt(resource.root, ['type']) ?? 'Opaque' }),
    outline: ['keys'],
    schema: 'builtin',
  },
];
