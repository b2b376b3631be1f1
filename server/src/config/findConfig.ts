// Finding and reading `.k8s-stateful.yaml` (host side: file IO), and turning it into the plain
// settings object the language service takes.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { matchesAny } from '../service/paths/glob';
import { CONFIG_FILE_NAME, parseProjectConfig, type ConfigProblem, type ProjectConfig } from './projectConfig';

export interface LoadedConfig {
  path: string;
  config: ProjectConfig;
  problems: ConfigProblem[];
  text: string;
}

/** The nearest `.k8s-stateful.yaml` in `start` (a folder, or a file's folder) or above it. */
export function findConfigFile(start: string): string | undefined {
  let dir = resolve(start);
  try {
    if (!statSync(dir).isDirectory()) dir = dirname(dir);
  } catch {
    dir = dirname(dir);
  }
  for (;;) {
    const candidate = join(dir, CONFIG_FILE_NAME);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** Reads and checks a config file; throws only when it cannot be read. */
export function loadConfigFile(path: string): LoadedConfig {
  const text = readFileSync(path, 'utf8');
  return { path, text, ...parseProjectConfig(text) };
}

/**
 * The service settings: `base` (VS Code settings, CLI flags' defaults) with the config file's keys
 * on top, rule by rule for `rules`. Scope globs carry the config folder they are relative to.
 */
export function settingsWithConfig(base: Record<string, unknown>, loaded: LoadedConfig | undefined): Record<string, unknown> {
  if (!loaded) return base;
  const { config } = loaded;
  const folder = dirname(loaded.path);
  return {
    ...base,
    rules: { ...((base.rules as Record<string, string> | undefined) ?? {}), ...config.rules },
    ...(config.kubernetesVersion ? { kubernetesVersion: config.kubernetesVersion } : {}),
    ...(config.defaultNamespace ? { defaultNamespace: config.defaultNamespace } : {}),
    ...(config.clusterDomain ? { clusterDomain: config.clusterDomain } : {}),
    ...(config.maxFileSize ? { maxFileSize: config.maxFileSize } : {}),
    ...(config.scopes ? { scopes: config.scopes.map((s) => ({ ...s, base: pathToFileURL(folder).href })) } : {}),
  };
}

/** The config's `crds` paths, absolute (they are relative to the config file's folder). */
export function configCrdPaths(loaded: LoadedConfig | undefined): string[] {
  return (loaded?.config.crds ?? []).map((path) => resolve(dirname(loaded!.path), path));
}

/** Whether the config's `exclude` globs cover this file. */
export function isExcludedByConfig(path: string, loaded: LoadedConfig | undefined): boolean {
  if (!loaded || loaded.config.exclude.length === 0) return false;
  const rel = relative(dirname(loaded.path), path);
  if (rel.startsWith('..')) return false;
  return matchesAny(rel.split(sep).join('/'), loaded.config.exclude);
}

/** `path:line:col: error message` lines for the config's problems (1-based). */
export function describeProblems(loaded: LoadedConfig, display: string): string[] {
  return loaded.problems.map((p) => {
    const before = loaded.text.slice(0, p.start);
    const line = before.split('\n').length;
    const column = p.start - before.lastIndexOf('\n');
    return `${display}:${line}:${column}: error ${p.message}`;
  });
}
