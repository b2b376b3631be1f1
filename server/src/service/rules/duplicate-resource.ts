// Two definitions of one object (same kind, namespace and name) in one application: `kubectl apply`
// makes the later one overwrite the earlier, and Kustomize refuses to build. Reported once, on every
// definition after the first (in file order); copies of an app in other folders or overlays are
// separate applications (docs/scopes.md) and never clash.
import type { Rule } from './types';

export const duplicateResource: Rule = {
  id: 'duplicate-resource',
  description: 'The same kind, namespace and name is defined twice in one application; the later definition overwrites the earlier.',
  defaultSeverity: 'warning',
  check(ctx) {
    const { resource } = ctx;
    if (resource.name === undefined || !ctx.sameApplication) return;
    const self = ctx.index.entryFor(resource);
    if (!self) return;
    const earlier = ctx.index
      .find(resource.kind, resource.name, self.namespace)
      .filter((other) => other !== self && group(other.apiVersion) === group(self.apiVersion))
      .filter((other) => ctx.sameApplication!(other.uri) && (other.uri < self.uri || (other.uri === self.uri && other.start < self.start)));
    if (earlier.length === 0) return;
    const first = earlier.reduce((a, b) => (b.uri < a.uri || (b.uri === a.uri && b.start < a.start) ? b : a));
    const where = first.uri === ctx.uri ? 'earlier in this file' : `in ${first.uri.slice(first.uri.lastIndexOf('/') + 1)}`;
    ctx.report({
      node: resource.root.get('metadata', true) ? (resource.root.getIn(['metadata', 'name'], true) as never) : (resource.root.get('kind', true) as never),
      message: `${resource.kind} "${resource.name}"${self.namespace ? ` (namespace ${self.namespace})` : ''} is already defined ${where}; applying both keeps only the later one`,
      data: { otherUri: first.uri },
    });
  },
};

function group(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}
