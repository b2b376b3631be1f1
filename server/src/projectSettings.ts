// The settings the language server gives the service: the client's (VS Code settings,
// workspace/configuration or initializationOptions) with the workspace's `.k8s-stateful.yaml` on
// top, key by key (rule by rule for `rules`), so the editor agrees with CI. The config file is the
// nearest one at or above the first workspace folder; while it is open, its unsaved text counts.
import { dirname, join } from 'node:path';
import { CONFIG_FILE_NAME, parseProjectConfig } from './config/projectConfig';
import { findConfigFile, isExcludedByConfig, loadConfigFile, settingsWithConfig, type LoadedConfig } from './config/findConfig';
import { unknownRuleIds } from './config/projectConfig';

export class ProjectSettings {
  private client: Record<string, unknown> = {};
  private config: LoadedConfig | undefined;
  private readonly folder: string | undefined;

  constructor(folders: string[]) {
    this.folder = folders[0];
    this.reload();
  }

  /** The config file in use, or where one would be picked up (the first folder's root). */
  get configPath(): string | undefined {
    return this.config?.path ?? (this.folder ? join(this.folder, CONFIG_FILE_NAME) : undefined);
  }

  /** Whether a file at this path could be (or stop being) the workspace's config file. */
  concerns(path: string): boolean {
    if (!this.folder || !path.endsWith(CONFIG_FILE_NAME)) return false;
    const folder = dirname(path);
    return this.folder === folder || this.folder.startsWith(folder.endsWith('/') ? folder : `${folder}/`);
  }

  /** Reads the config file from disk again (after a change on disk, or when its editor closes). */
  reload(): void {
    const path = this.folder ? findConfigFile(this.folder) : undefined;
    try {
      this.config = path ? loadConfigFile(path) : undefined;
    } catch {
      this.config = undefined;
    }
  }

  /** The editor's unsaved text of the config file. */
  setConfigText(path: string, text: string): void {
    this.config = { path, text, ...parseProjectConfig(text) };
  }

  /** The client's `k8sStateful` section; returns messages for rule ids that name no rule. */
  setClientSettings(settings: unknown): string[] {
    this.client = settings && typeof settings === 'object' ? (settings as Record<string, unknown>) : {};
    const rules = this.client.rules;
    return rules && typeof rules === 'object' ? unknownRuleIds(rules as Record<string, unknown>) : [];
  }

  settings(): Record<string, unknown> {
    return settingsWithConfig(this.client, this.config);
  }

  isExcluded(path: string): boolean {
    return isExcludedByConfig(path, this.config);
  }
}
