// Two definitions of one object (same API group, kind, namespace and name) in files applied
// together: one file (`kubectl apply -f` keeps the later), one Kustomize application (`kustomize
// build` refuses: nothing is applied, an error) or one explicit scope. Reported on every definition
// after the first. Files of one plain folder, copies in other folders and overlays are alternatives
// or separate applications (docs/scopes.md) and never clash.
import type { Rule } from './types';

export const duplicateResource: Rule = {
  id: 'duplicate-resource',
  description: 'The same object is defined twice in one file, Kustomize application or scope; the later definition overwrites the earlier.',
  defaultSeverity: 'warning',
  judges: 'meaning',
  check(ctx) {
    const { resource } = ctx;
    const together = ctx.appliedTogether;
    if (resource.name === undefined || !together) return;
    const self = ctx.index.entryFor(resource);
    if (!self) return;
    const earlier = ctx.index
      .find(self.kindId, resource.name, self.namespace)
      .filter((other) => other !== self && group(other.apiVersion) === group(self.apiVersion))
      .filter((other) => together(other.uri) !== undefined && (other.uri < self.uri || (other.uri === self.uri && other.start < self.start)));
    if (earlier.length === 0) return;
    const first = earlier.reduce((a, b) => (b.uri < a.uri || (b.uri === a.uri && b.start < a.start) ? b : a));
    const how = together(first.uri);
    const where = how === 'file' ? 'earlier in this file' : `in ${first.uri.slice(first.uri.lastIndexOf('/') + 1)}`;
    const consequence = how === 'kustomization' ? 'kustomize build refuses two objects with one id' : 'applying both keeps only the later one';
    ctx.report({
      node: (resource.root.getIn(['metadata', 'name'], true) ?? resource.root.get('kind', true)) as never,
      message: `${resource.kind} "${resource.name}"${self.namespace ? ` (namespace ${self.namespace})` : ''} is already defined ${where}; ${consequence}`,
      ...(how === 'kustomization' ? { severity: 'error' as const } : {}),
      data: { otherUri: first.uri },
    });
  },
};

function group(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}
