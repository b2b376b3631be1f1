// User settings the service reads (the `k8sStateful.*` configuration section).
export type SeverityName = 'error' | 'warning' | 'info' | 'hint' | 'off';

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
}

export const DEFAULT_SETTINGS: Settings = {
  defaultNamespace: 'default',
  rules: {},
  references: { strict: false },
  clusterDomain: 'cluster.local',
  maxFileSize: 3 * 1024 * 1024,
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
  };
}
