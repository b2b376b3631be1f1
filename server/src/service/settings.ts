// User settings the service reads (the `k8sStateful.*` configuration section).
import { NEWEST_KUBERNETES_VERSION, normalizeVersion } from './k8s/version';

export type SeverityName = 'error' | 'warning' | 'info' | 'hint' | 'off';
/** Which files get diagnostics: every Kubernetes file of the workspace, or only the open ones. */
export type DiagnosticsScope = 'workspace' | 'open';

/** A named part of the repository (an application): the files its globs match, relative to `base`. */
export interface ScopeSetting {
  name: string;
  files: string[];
  /** file: URI of the folder the globs are relative to (the config file's folder). */
  base?: string;
}

export interface Settings {
  /** Namespace of resources that do not name one (kubectl's context namespace). */
  defaultNamespace: string;
  /** Per-rule severity overrides, keyed by rule id. */
  rules: Record<string, SeverityName>;
  references: {
    /** Report references to kinds the workspace never defines as errors instead of hints. */
    strict: boolean;
  };
  /** Cluster DNS domain used for the names the preview computes. */
  clusterDomain: string;
  /** Files over this many bytes are checked for YAML syntax only; over twice this, not at all. */
  maxFileSize: number;
  /** Kubernetes minor version the manifests target ("1.36"): removed apiVersions and version-dependent checks follow it. */
  kubernetesVersion: string;
  /** Applications of the repository, from the config file's `scopes` (empty: not configured). */
  scopes: ScopeSetting[];
  diagnostics: {
    /** Read by the host (the LSP server publishes closed files' findings only for `workspace`). */
    scope: DiagnosticsScope;
  };
}

export const DEFAULT_SETTINGS: Settings = {
  defaultNamespace: 'default',
  rules: {},
  references: { strict: false },
  clusterDomain: 'cluster.local',
  maxFileSize: 3 * 1024 * 1024,
  kubernetesVersion: NEWEST_KUBERNETES_VERSION,
  scopes: [],
  diagnostics: { scope: 'workspace' },
};

/** Merges a partial (possibly malformed) settings object from a client over the defaults. */
export function normalizeSettings(input: unknown): Settings {
  const raw = (input && typeof input === 'object' ? input : {}) as Record<string, any>;
  const rules: Record<string, SeverityName> = {};
  if (raw.rules && typeof raw.rules === 'object') {
    for (const [id, value] of Object.entries(raw.rules)) {
      if (['error', 'warning', 'info', 'hint', 'off'].includes(String(value))) rules[id] = value as SeverityName;
    }
  }
  return {
    defaultNamespace: typeof raw.defaultNamespace === 'string' && raw.defaultNamespace ? raw.defaultNamespace : DEFAULT_SETTINGS.defaultNamespace,
    rules,
    references: { strict: raw.references?.strict === true },
    clusterDomain: typeof raw.clusterDomain === 'string' && raw.clusterDomain ? raw.clusterDomain : DEFAULT_SETTINGS.clusterDomain,
    maxFileSize: typeof raw.maxFileSize === 'number' && raw.maxFileSize > 0 ? raw.maxFileSize : DEFAULT_SETTINGS.maxFileSize,
    kubernetesVersion: normalizeVersion(raw.kubernetesVersion) ?? DEFAULT_SETTINGS.kubernetesVersion,
    scopes: Array.isArray(raw.scopes) ? raw.scopes.filter(isScope) : [],
    diagnostics: { scope: raw.diagnostics?.scope === 'open' ? 'open' : 'workspace' },
  };
}

function isScope(value: unknown): value is ScopeSetting {
  const scope = value as ScopeSetting;
  return typeof scope === 'object' && scope !== null && typeof scope.name === 'string' && Array.isArray(scope.files) && scope.files.every((f) => typeof f === 'string');
}
