// What a rule is: a stable id, a documented default severity, and a check over one resource
// that may consult the workspace index. Rules report findings; the engine turns them into
// diagnostics (severity from settings, suppression comments, links to the rule's doc page).
import type { KindKey } from '../kinds';
import type { Node } from 'yaml';
import type { SchemaRegistry } from '../schema/registry';
import type { Settings, SeverityName } from '../settings';
import type { ParsedFile, Resource } from '../types';
import type { IndexView } from '../scope/scopedIndex';
import type { ValueJudgement } from '../diagnostics/valueJudgement';

export type RuleSeverity = Exclude<SeverityName, 'off'>;

export interface Finding {
  /** The key or value the finding is about; its range becomes the diagnostic's range. */
  node?: Node | null;
  /** Or an explicit offset range in the file text. */
  offsets?: [number, number];
  message: string;
  /** Overrides the rule's severity for this finding (e.g. a hint for references to undefined kinds). */
  severity?: RuleSeverity;
  /** Extra data code actions need (kept on the diagnostic's `data`). */
  data?: Record<string, unknown>;
  /** What this finding judges about its value, when it differs from the rule's `judges`. */
  judges?: ValueJudgement;
}

export interface RuleContext {
  file: ParsedFile;
  uri: string;
  resource: Resource;
  /** The index as seen from this file's scope, nearest definitions first (docs/scopes.md). */
  index: IndexView;
  registry: SchemaRegistry;
  settings: Settings;
  /** How another file is applied together with this one (docs/scopes.md), if it is; absent without a scope model. */
  appliedTogether?: (uri: string) => 'file' | 'scope' | 'kustomization' | undefined;
  /** Effective namespace of the resource being checked. */
  namespace: string;
  report(finding: Finding): void;
}

export interface Rule {
  id: string;
  /** One line shown in settings and docs. */
  description: string;
  defaultSeverity: RuleSeverity;
  /**
   * What the rule's findings judge about the value they sit on: whether a placeholder there
   * (`${PORT}`, `PV_NAME`, `PORT`) makes a finding meaningless, so it folds into the file's
   * template-placeholder hint (diagnostics/placeholders.ts). Required, so no rule can forget it.
   */
  judges: ValueJudgement;
  /** Kinds the rule looks at, by group and kind as the catalogue resolves them (kinds/); omitted means every resource. */
  kinds?: KindKey[];
  /**
   * Whether the rule also runs on Kustomize patches, which are partial resources. Only rules about
   * single values (quantities, base64, names) should: the rest assume a complete resource.
   */
  appliesToPatches?: boolean;
  check(context: RuleContext): void;
}
