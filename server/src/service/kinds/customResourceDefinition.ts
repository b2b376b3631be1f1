// CustomResourceDefinition: cluster-scoped itself, and the one kind whose resources say what other
// kinds are. The index reads these facts to give custom resources their scope (a cluster-scoped
// custom resource lives in no namespace), without waiting for the CRD catalogue's full parse.
import { stringAt } from '../yaml/access';
import type { KindDescriptor } from './types';

export const CUSTOM_RESOURCE_DEFINITION_KIND: KindDescriptor = {
  group: 'apiextensions.k8s.io',
  kind: 'CustomResourceDefinition',
  scope: 'Cluster',
  removed: { 'apiextensions.k8s.io/v1beta1': { removedIn: '1.22', replacement: 'apiextensions.k8s.io/v1', note: 'v1 requires a structural schema per version' } },
  facts(resource) {
    const group = stringAt(resource.root, ['spec', 'group']);
    const kind = stringAt(resource.root, ['spec', 'names', 'kind']);
    if (!group || !kind) return {};
    return { definesKind: { group, kind, scope: stringAt(resource.root, ['spec', 'scope']) === 'Cluster' ? 'Cluster' : 'Namespaced' } };
  },
  schema: 'builtin',
};
