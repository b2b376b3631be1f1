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
    nameFormat: 'dns-subdomain',
    facts: (resource) => ({ dataKeys: keyFacts(resource, CONFIG_MAP_SECTIONS, configMapSummary) }),
    outline: ['keys'],
    symbol: 'Object',
    purpose:
      'Non-secret configuration as key/value pairs (`data` for text, `binaryData` for base64). Pods use it as environment variables (`envFrom`, `configMapKeyRef`) or as files (a `configMap` volume). At most 1 MiB.',
    completion: { group: 'featured', order: 5 },
    schema: 'builtin',
  },
  {
    group: '',
    kind: 'Secret',
    scope: 'Namespaced',
    keySections: SECRET_SECTIONS,
    nameFormat: 'dns-subdomain',
    facts: (resource) => ({ dataKeys: keyFacts(resource, SECRET_SECTIONS, secretSize), secretType: stringAt(resource.root, ['type']) ?? 'Opaque' }),
    outline: ['keys'],
    symbol: 'Key',
    knownValues: {
      type: [
        ['Opaque', 'Arbitrary user-defined data (the default).'],
        ['kubernetes.io/tls', 'A TLS certificate and key: requires `tls.crt` and `tls.key`.'],
        ['kubernetes.io/dockerconfigjson', 'Registry credentials: requires `.dockerconfigjson` holding a `~/.docker/config.json`.'],
        ['kubernetes.io/basic-auth', 'Credentials for basic authentication: `username` and/or `password`.'],
        ['kubernetes.io/ssh-auth', 'An SSH private key: requires `ssh-privatekey`.'],
        ['kubernetes.io/service-account-token', 'A long-lived ServiceAccount token, filled in by the control plane (annotate with `kubernetes.io/service-account.name`).'],
        ['kubernetes.io/dockercfg', 'Legacy registry credentials: requires `.dockercfg`.'],
        ['bootstrap.kubernetes.io/token', 'A bootstrap token for joining nodes.'],
      ],
    },
    purpose:
      'Sensitive values (passwords, tokens, keys). `data` values are base64-encoded — encoding, not encryption — and `stringData` takes plain text. Pods use it through `secretKeyRef`, `envFrom` or a `secret` volume; `type` (Opaque, kubernetes.io/tls, …) decides which keys are required.',
    completion: { group: 'featured', order: 6 },
    schema: 'builtin',
  },
];
