// A Service's named targetPort resolves, per pod, to the container port of that name. When none of
// the pods the Service selects declares it, the endpoints get no port and traffic goes nowhere,
// though the API server accepts both objects. Only workloads in the same file are compared: their
// pod templates are read from the AST, which other files do not keep.
import { isKind, POD, SERVICE } from '../kinds';
import { isMap } from 'yaml';
import { selectorMatches } from '../k8s/storage';
import { ianaServiceName } from '../k8s/validation';
import { items, mapAt, seqAt, stringAt, stringMap } from '../yaml/access';
import { containersOf } from '../workspace/references';
import { isBuiltIn } from './builtIn';
import { Field } from './fieldErrors';
import { podSpecPath, podTemplatePath } from './podTemplates';
import type { Rule } from './types';

export const serviceTargetPortUnknown: Rule = {
  id: 'service-target-port-unknown',
  description: 'A Service targetPort names a port that no container of the pods it selects (in the same file) declares.',
  defaultSeverity: 'warning',
  judges: 'meaning',
  kinds: [SERVICE],
  check(ctx) {
    if (!isBuiltIn(ctx.resource, SERVICE)) return;
    const spec = Field.root(ctx.resource).get('spec');
    const selector = stringMap(spec.get('selector').map);
    if (Object.keys(selector).length === 0) return;
    // Invalid names (placeholders among them: `$`, `<`, `{`, capitals) are service-invalid's.
    const named = spec.get('ports').items().filter((p) => {
      const name = p.get('targetPort').string;
      return name !== undefined && ianaServiceName(name) === undefined;
    });
    if (named.length === 0) return;
    const declared = new Set<string>();
    let selected = 0;
    for (const document of ctx.file.documents) {
      const resource = document.resource;
      const templatePath = resource && (podTemplatePath(resource) ?? (isKind(resource, POD) ? [] : undefined));
      if (!resource || !templatePath || resource === ctx.resource) continue;
      if (ctx.index.namespaceOf(resource) !== ctx.namespace) continue;
      const labels = stringMap(mapAt(resource.root, [...templatePath, 'metadata', 'labels']));
      const matches = Object.entries(selector).every(([k, v]) => labels[k] === v);
      const workloadSelector = mapAt(resource.root, ['spec', 'selector']);
      if (!matches || (workloadSelector && !isKind(resource, POD) && selectorMatches(workloadSelector, labels) === false)) continue;
      selected++;
      for (const container of containersOf(mapAt(resource.root, podSpecPath(resource)!))) {
        for (const port of items(seqAt(container, ['ports']))) {
          const name = isMap(port) ? stringAt(port, ['name']) : undefined;
          if (name) declared.add(name);
        }
      }
    }
    if (selected === 0) return;
    for (const port of named) {
      const targetPort = port.get('targetPort');
      if (declared.has(targetPort.string!)) continue;
      ctx.report({
        node: targetPort.anchor,
        message: `${targetPort.path}: targetPort "${targetPort.string}" names no container port of the pods this Service selects (${[...declared].map((d) => `"${d}"`).join(', ') || 'they declare no named ports'}); the endpoints get no port for it and traffic to port ${port.get('port').scalar ?? '?'} goes nowhere`,
      });
    }
  },
};
