// The settings the language server gives the service: the client's (VS Code settings,
// workspace/configuration or initializationOptions) with a `.k8s-stateful.yaml` on top, key by key
// (rule by rule for `rules`), so the editor agrees with CI. As in the CLI, each file gets the
// nearest config file at or above its folder (multi-root workspaces and nested projects included);
// while a config file is open, its unsaved text counts. The workspace-wide settings (the index's
// default namespace, the preview's cluster domain, the size cap, scopes) come from the nearest
// config above the first workspace folder; `crds` is read per workspace folder (crdPaths).
import { dirname, isAbsolute, join, resolve, sep } from 'node:path';
import { CONFIG_FILE_NAME, parseProjectConfig } from './config/projectConfig';
import { configCrdPaths, findConfigFile, isExcludedByConfig, loadConfigFile, settingsWithConfig, type LoadedConfig } from './config/findConfig';
import { unknownRuleIds } from './config/projectConfig';

export class ProjectSettings {
  private client: Record<string, unknown> = {};
  private folders: string[];
  private folder: string | undefined;
  /** The client's `crds` as read for each workspace folder (a resource-scoped setting); unset: the unscoped one. */
  private readonly folderCrds = new Map<string, unknown>();
  /** Config file in effect per folder (undefined: none above it); filled on demand. */
  private readonly nearest = new Map<string, string | undefined>();
  /** Config files read from disk or given by the editor, by path. */
  private readonly loaded = new Map<string, LoadedConfig | undefined>();
  /** Unsaved editor text of config files, by path: wins over the disk. */
  private readonly editorTexts = new Map<string, string>();
  /** Merged settings per config file (one object each, so the service can cache what it derives). */
  private readonly merged = new Map<string | undefined, Record<string, unknown>>();

  constructor(folders: string[]) {
    this.folders = folders;
    this.folder = folders[0];
  }

  /**
   * The workspace folders changed (workspace/didChangeWorkspaceFolders): a removed folder's `crds`
   * setting goes with it, and the first folder left gives the workspace-wide settings.
   */
  setFolders(folders: string[]): void {
    this.folders = [...folders];
    this.folder = folders[0];
    for (const folder of [...this.folderCrds.keys()]) if (!folders.includes(folder)) this.folderCrds.delete(folder);
  }

  /** Whether a file at this path is a config file (any one can be some file's nearest). */
  concerns(path: string): boolean {
    return path.endsWith(`${sep}${CONFIG_FILE_NAME}`) || path === CONFIG_FILE_NAME;
  }

  /** Forgets what was read from disk (after a config file changed, appeared or went away there). */
  reload(): void {
    this.nearest.clear();
    this.loaded.clear();
    this.merged.clear();
  }

  /** The editor's unsaved text of a config file. */
  setConfigText(path: string, text: string): void {
    this.editorTexts.set(path, text);
    this.reload();
  }

  /** The editor closed a config file: the disk text counts again. */
  dropConfigText(path: string): void {
    this.editorTexts.delete(path);
    this.reload();
  }

  /** The client's `k8sStateful` section; returns messages for rule ids that name no rule. */
  setClientSettings(settings: unknown): string[] {
    this.client = settings && typeof settings === 'object' ? (settings as Record<string, unknown>) : {};
    this.merged.clear();
    const rules = this.client.rules;
    return rules && typeof rules === 'object' ? unknownRuleIds(rules as Record<string, unknown>) : [];
  }

  /** The workspace-wide settings. */
  settings(): Record<string, unknown> {
    return this.mergedWith(this.configPathFor(this.folder));
  }

  /** The settings of a file: the client's with the nearest config file above it on top. */
  settingsFor(path: string): Record<string, unknown> {
    return this.mergedWith(this.configPathFor(dirname(path)));
  }

  /** The client's `k8sStateful` section as read for one workspace folder (workspace/configuration with its scopeUri). */
  setFolderSettings(folder: string, settings: unknown): void {
    if (settings && typeof settings === 'object') this.folderCrds.set(folder, (settings as Record<string, unknown>).crds);
    else this.folderCrds.delete(folder);
  }

  /**
   * The CRD files and folders to read, absolute. Per workspace folder: the client's `crds` setting as
   * that folder reads it, relative paths against that folder (a setting every folder shares names a
   * path in each), then the `crds` of the folder's nearest config file (relative to that file).
   * Without a folder, relative paths are taken from the current directory.
   */
  crdPaths(): string[] {
    const strings = (value: unknown) => (Array.isArray(value) ? value.filter((p): p is string => typeof p === 'string' && p.trim() !== '') : []);
    const paths: string[] = [];
    for (const folder of this.folders.length > 0 ? this.folders : [undefined]) {
      const base = folder ?? process.cwd();
      const fromClient = strings(folder !== undefined && this.folderCrds.has(folder) ? this.folderCrds.get(folder) : this.client.crds);
      paths.push(...fromClient.map((p) => (isAbsolute(p) ? p : resolve(base, p))), ...configCrdPaths(this.config(this.configPathFor(folder))));
    }
    return [...new Set(paths)];
  }

  isExcluded(path: string): boolean {
    return isExcludedByConfig(path, this.config(this.configPathFor(dirname(path))));
  }

  private mergedWith(configPath: string | undefined): Record<string, unknown> {
    let settings = this.merged.get(configPath);
    if (!settings) {
      settings = settingsWithConfig(this.client, this.config(configPath));
      this.merged.set(configPath, settings);
    }
    return settings;
  }

  /** The nearest config file at or above `folder`, an open editor's unsaved one included. */
  private configPathFor(folder: string | undefined): string | undefined {
    if (!folder) return undefined;
    if (!this.nearest.has(folder)) {
      let found: string | undefined;
      for (let dir = folder; !found; dir = dirname(dir)) {
        if (this.editorTexts.has(join(dir, CONFIG_FILE_NAME))) found = join(dir, CONFIG_FILE_NAME);
        if (dirname(dir) === dir) break;
      }
      // The disk's nearest unless an open (maybe unsaved, not yet on disk) one is nearer.
      const onDisk = findConfigFile(folder);
      this.nearest.set(folder, !found || (onDisk && onDisk.length > found.length) ? onDisk : found);
    }
    return this.nearest.get(folder);
  }

  private config(path: string | undefined): LoadedConfig | undefined {
    if (!path) return undefined;
    if (!this.loaded.has(path)) {
      const text = this.editorTexts.get(path);
      let config: LoadedConfig | undefined;
      try {
        config = text !== undefined ? { path, text, ...parseProjectConfig(text) } : loadConfigFile(path);
      } catch {
        config = undefined;
      }
      this.loaded.set(path, config);
    }
    return this.loaded.get(path);
  }
}
