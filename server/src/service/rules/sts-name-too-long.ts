// The StatefulSet controller labels every pod controller-revision-hash=<name>-<hash> (a hash of up to
// 10 characters after a "-"). Label values are limited to 63 characters, so a name over 52 makes
// the label invalid and no pod is ever created, while the API server accepts the StatefulSet itself.
import { STATEFUL_SET } from '../kinds';
import { scalarAt } from '../yaml/access';
import type { Rule } from './types';

export const MAX_STATEFULSET_NAME = 52;

export const stsNameTooLong: Rule = {
  id: 'sts-name-too-long',
  description: 'A StatefulSet name over 52 characters: the controller-revision-hash label of its pods would exceed 63 characters.',
  defaultSeverity: 'error',
  judges: 'syntax',
  kinds: [STATEFUL_SET],
  appliesToPatches: true,
  check(ctx) {
    const node = scalarAt(ctx.resource.root, ['metadata', 'name']);
    const name = ctx.resource.name;
    if (!node || name === undefined || name.length <= MAX_STATEFULSET_NAME) return;
    ctx.report({
      node,
      message: `StatefulSet name is ${name.length} characters; over ${MAX_STATEFULSET_NAME}, the controller-revision-hash label it puts on each pod (<name>-<hash>) exceeds the 63-character label limit and no pod is created`,
      data: { length: name.length, limit: MAX_STATEFULSET_NAME },
    });
  },
};
