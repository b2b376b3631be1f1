// Every rule of the catalogue (DESIGN §5), in one list. Each lives in its own file named by its id.
import { stsServiceMissing } from './sts-service-missing';
import { stsServiceNotHeadless } from './sts-service-not-headless';
import type { Rule } from './types';

export const RULES: Rule[] = [stsServiceMissing, stsServiceNotHeadless];

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}
