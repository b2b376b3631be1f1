// `.k8s-stateful.yaml`: the settings a team shares between the editor and CI. Parsed and checked
// here, on the host side (the CLI and the LSP server read the file; the language service only ever
// receives a plain settings object). Every problem has a position, so the CLI can print it and the
// editor can show it on the file.
import { isMap, isScalar, isSeq, parseDocument, type Node, type Pair } from 'yaml';
import { closestName } from '../service/schema/messages';
import { isKnownRuleId, unknownRuleIdMessage } from '../service/rules/ruleIds';
import type { ScopeSetting, SeverityName } from '../service/settings';

export const CONFIG_FILE_NAME = '.k8s-stateful.yaml';

export const CONFIG_SEVERITIES: readonly SeverityName[] = ['error', 'warning', 'info', 'hint', 'off'];

export interface ProjectConfig {
  rules: Record<string, SeverityName>;
  /** Globs of files never checked or indexed, relative to the config file's folder. */
  exclude: string[];
  kubernetesVersion?: string;
  defaultNamespace?: string;
  clusterDomain?: string;
  /** The editor's responsiveness guard (bytes); the CLI checks files of any size. */
  maxFileSize?: number;
  scopes?: Array<Omit<ScopeSetting, 'base'>>;
  /** CustomResourceDefinition files or folders, relative to the config file's folder (the hosts read them). */
  crds?: string[];
}

export interface ConfigProblem {
  message: string;
  /** 'unknown-rule-id' for a rule id that names no rule; 'config-file' for anything else. */
  code: 'unknown-rule-id' | 'config-file';
  /** Offsets in the config text. */
  start: number;
  end: number;
}

/** The keys of the file, with what each holds (shown in completion). */
export const CONFIG_KEYS: Record<keyof ProjectConfig, string> = {
  rules: 'Severity per rule id: error, warning, info, hint or off.',
  exclude: 'Globs of files never checked, relative to this file (`charts/**`, `*.tmpl.yaml`).',
  kubernetesVersion: 'Kubernetes version the manifests target, e.g. "1.33".',
  defaultNamespace: 'Namespace of resources that set none (default: default).',
  clusterDomain: 'Cluster DNS domain for the names the preview computes (default: cluster.local).',
  maxFileSize: 'Editor only: files over this many bytes get a syntax check only (the CLI checks every size).',
  scopes: 'Applications of this repository: a list of {name, files: [globs]}; references resolve within a scope.',
  crds: 'CustomResourceDefinition files or folders, relative to this file: their custom resources get schema checks, completion and hover.',
};

const KUBERNETES_VERSION = /^v?1\.\d{1,2}(\.\d+)?$/;
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

export function parseProjectConfig(text: string): { config: ProjectConfig; problems: ConfigProblem[] } {
  const config: ProjectConfig = { rules: {}, exclude: [] };
  const problems: ConfigProblem[] = [];
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  for (const error of doc.errors) problems.push({ message: error.message.split('\n')[0], code: 'config-file', start: error.pos[0], end: error.pos[1] });
  if (doc.errors.length > 0) return { config, problems };
  const report = (node: Node | Pair | null | undefined, message: string, code: ConfigProblem['code'] = 'config-file') => {
    const range = (node && 'range' in node ? node.range : undefined) ?? (node && 'key' in node ? (node.key as Node | null)?.range : undefined) ?? [0, 0];
    problems.push({ message, code, start: range[0], end: range[1] });
  };
  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) return { config, problems };
  if (!isMap(root)) {
    report(root, `${CONFIG_FILE_NAME} must be a map of settings (${Object.keys(CONFIG_KEYS).join(', ')})`);
    return { config, problems };
  }
  for (const pair of root.items) {
    const key = pair.key as Node | null;
    const name = isScalar(key) ? String(key.value) : '';
    const value = pair.value as Node | null;
    switch (name) {
      case 'rules':
        if (!isMap(value)) {
          report(value ?? key, 'rules must be a map of rule id to error, warning, info, hint or off');
          break;
        }
        for (const rule of value.items) {
          const idNode = rule.key as Node | null;
          const id = isScalar(idNode) ? String(idNode.value) : '';
          if (!isKnownRuleId(id)) {
            report(idNode, unknownRuleIdMessage(id), 'unknown-rule-id');
            continue;
          }
          const level = severityOf(rule.value as Node | null);
          if (!level) report((rule.value as Node | null) ?? idNode, `rules.${id} must be one of ${CONFIG_SEVERITIES.join(', ')}`);
          else config.rules[id] = level;
        }
        break;
      case 'exclude': {
        const globs = stringList(value);
        if (!globs) report(value ?? key, 'exclude must be a list of globs');
        else config.exclude = globs;
        break;
      }
      case 'kubernetesVersion': {
        const v = isScalar(value) ? String(value.value) : undefined;
        // An unquoted 1.30 is the number 1.3: ask for quotes rather than guess.
        if (isScalar(value) && typeof value.value === 'number') report(value, `kubernetesVersion must be a quoted string ("${value.source ?? value.value}"): unquoted, 1.30 reads as the number 1.3`);
        else if (!v || !KUBERNETES_VERSION.test(v)) report(value ?? key, 'kubernetesVersion must look like "1.33"');
        else config.kubernetesVersion = v.replace(/^v/, '');
        break;
      }
      case 'defaultNamespace': {
        const v = isScalar(value) && typeof value.value === 'string' ? value.value : undefined;
        if (!v || !DNS_LABEL.test(v)) report(value ?? key, 'defaultNamespace must be a namespace name (a DNS label)');
        else config.defaultNamespace = v;
        break;
      }
      case 'clusterDomain': {
        const v = isScalar(value) && typeof value.value === 'string' ? value.value : undefined;
        if (!v) report(value ?? key, 'clusterDomain must be a domain name such as cluster.local');
        else config.clusterDomain = v;
        break;
      }
      case 'maxFileSize': {
        const v = isScalar(value) ? value.value : undefined;
        if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) report(value ?? key, 'maxFileSize must be a whole number of bytes');
        else config.maxFileSize = v;
        break;
      }
      case 'crds': {
        const paths = stringList(value);
        if (!paths) report(value ?? key, 'crds must be a list of files or folders of CustomResourceDefinitions');
        else config.crds = paths;
        break;
      }
      case 'scopes': {
        const scopes = parseScopes(value, report);
        if (scopes) config.scopes = scopes;
        break;
      }
      default: {
        const suggestion = closestName(name, Object.keys(CONFIG_KEYS));
        report(key, `unknown setting "${name}"${suggestion ? ` — did you mean "${suggestion}"?` : ''} (known: ${Object.keys(CONFIG_KEYS).join(', ')})`);
      }
    }
  }
  return { config, problems };
}

function severityOf(node: Node | null): SeverityName | undefined {
  if (!isScalar(node)) return undefined;
  // A YAML 1.1 reader would take an unquoted off for false: accept both spellings.
  if (node.value === false) return 'off';
  return CONFIG_SEVERITIES.includes(node.value as SeverityName) ? (node.value as SeverityName) : undefined;
}

function stringList(node: Node | null): string[] | undefined {
  if (!isSeq(node)) return undefined;
  const out: string[] = [];
  for (const item of node.items) {
    if (!isScalar(item) || typeof item.value !== 'string' || item.value === '') return undefined;
    out.push(item.value);
  }
  return out;
}

function parseScopes(node: Node | null, report: (node: Node | null | undefined, message: string) => void): ProjectConfig['scopes'] {
  const shape = 'scopes must be a list of {name, files: [globs]}';
  if (!isSeq(node)) {
    report(node, shape);
    return undefined;
  }
  const scopes: NonNullable<ProjectConfig['scopes']> = [];
  const names = new Set<string>();
  for (const item of node.items as Array<Node | null>) {
    if (!isMap(item)) {
      report(item, shape);
      continue;
    }
    const name = item.get('name', true);
    const files = stringList((item.get('files', true) as Node | undefined) ?? null);
    const extra = item.items.find((p) => !['name', 'files'].includes(String((p.key as { value?: unknown } | null)?.value)));
    if (extra) report(extra.key as Node, `unknown scope key "${String((extra.key as { value?: unknown }).value)}" (a scope has name and files)`);
    if (!isScalar(name) || typeof name.value !== 'string' || !name.value) report(name ?? item, 'each scope needs a name');
    else if (!files || files.length === 0) report((item.get('files', true) as Node | undefined) ?? item, `scope "${name.value}" needs files: a list of globs`);
    else if (names.has(name.value)) report(name, `scope "${name.value}" is defined twice`);
    else {
      names.add(name.value);
      scopes.push({ name: name.value, files });
    }
  }
  return scopes;
}

/** Unknown ids among `--rule` / settings overrides, as messages. */
export function unknownRuleIds(rules: Record<string, unknown>): string[] {
  return Object.keys(rules).filter((id) => !isKnownRuleId(id)).map(unknownRuleIdMessage);
}
