// More than one StorageClass marked default: claims without storageClassName get whichever the API
// server picks (the newest since Kubernetes 1.26; before that, such claims were rejected).
import { STORAGE_CLASS } from '../kinds';
import { defaultClassAnnotation } from '../k8s/storage';
import { defaultClasses } from '../workspace/storage';
import { folderOf } from '../scope/model';
import type { Rule } from './types';

export const scMultipleDefault: Rule = {
  id: 'sc-multiple-default',
  description: 'More than one StorageClass is annotated as the default class.',
  defaultSeverity: 'warning',
  judges: 'meaning',
  kinds: [STORAGE_CLASS],
  check(ctx) {
    const annotation = defaultClassAnnotation(ctx.resource);
    if (!annotation) return;
    // Defaults of other applications (another example folder, an overlay) are another cluster's business.
    const together = ctx.appliedTogether;
    const inApplication = defaultClasses(ctx.index).filter((sc) => !together || together(sc.uri) !== undefined || folderOf(sc.uri) === folderOf(ctx.uri));
    const others = [...new Set(inApplication.map((sc) => sc.name))].filter((name) => name !== ctx.resource.name);
    if (others.length === 0) return;
    ctx.report({
      node: annotation,
      message: `StorageClass ${others.map((n) => `"${n}"`).join(", ")} ${others.length > 1 ? "are" : "is"} also marked default; with several defaults, claims without storageClassName get the newest one, which is rarely what was meant. Keep one default`,
      data: { otherDefaults: others },
    });
  },
};
