// Services (what StatefulSets, Ingresses and the preview read of them) and Ingresses (the Services
// and TLS Secrets they name).
import type { Node } from 'yaml';
import { entries, items, mapAt, nodeAt, seqAt, stringAt, stringMap } from '../yaml/access';
import { SECRET, SERVICE } from './keys';
import type { KindDescriptor } from './types';

/** Offsets relative to the document's start: an open file's documents move when lines above them change. */
function offsetsOf(node: Node | undefined, documentStart: number): [number, number] | undefined {
  return node?.range ? [node.range[0] - documentStart, node.range[1] - documentStart] : undefined;
}

export const NETWORK_KINDS: KindDescriptor[] = [
  {
    group: '',
    kind: 'Service',
    symbol: 'Interface',
    nameFormat: 'dns-1035-label',
    scope: 'Namespaced',
    facts(resource) {
      const root = resource.root;
      const selector = mapAt(root, ['spec', 'selector']);
      return {
        service: {
          clusterIP: stringAt(root, ['spec', 'clusterIP']),
          type: stringAt(root, ['spec', 'type']) ?? 'ClusterIP',
          selector: selector ? stringMap(selector) : undefined,
          // Entries with null or nested values are not in `selector` but do make it non-empty.
          selectorEntries: entries(selector).length,
          nameRange: offsetsOf(nodeAt(root, ['metadata', 'name']), resource.document.start),
          ports: items(seqAt(root, ['spec', 'ports'])).flatMap((port) => {
            const name = stringAt(port, ['name']);
            return name ? [{ name, port: stringAt(port, ['port']), protocol: stringAt(port, ['protocol']), nameRange: offsetsOf(nodeAt(port, ['name']), resource.document.start) }] : [];
          }),
        },
      };
    },
    outline: ['ports'],
    purpose:
      'Gives a set of pods (chosen by `spec.selector`) one network name. With `clusterIP: None` it is *headless*: no virtual IP, and DNS returns each pod — what a StatefulSet needs for per-pod names like `db-0.db.<namespace>.svc.cluster.local`.',
    completion: { group: 'featured', order: 1 },
    schema: 'builtin',
  },
  {
    group: 'networking.k8s.io',
    legacyGroups: ['extensions'],
    kind: 'Ingress',
    nameFormat: 'dns-subdomain',
    removed: {
      'extensions/v1beta1': { removedIn: '1.22', replacement: 'networking.k8s.io/v1', note: 'backends are now service.name / service.port.number' },
      'networking.k8s.io/v1beta1': { removedIn: '1.22', replacement: 'networking.k8s.io/v1' },
    },
    scope: 'Namespaced',
    references: [
      { at: 'spec.defaultBackend.service', name: 'name', target: SERVICE, via: 'ingressBackend' },
      { at: 'spec.rules[].http.paths[].backend.service', name: 'name', target: SERVICE, via: 'ingressBackend' },
      { at: 'spec.tls[]', name: 'secretName', target: SECRET, via: 'ingressTls' },
    ],
    completion: { group: 'common', order: 7 },
    schema: 'builtin',
  },
];
