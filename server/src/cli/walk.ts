// Finds the YAML files to check: explicit files as given, folders walked for *.yaml / *.yml.
// Deterministic (sorted), never follows a symlinked folder twice, skips node_modules and
// hidden folders (.git, .github, …) unless they are named explicitly.
import { readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { basename, join, resolve } from 'node:path';

const ALWAYS_SKIPPED = new Set(['node_modules']);
const YAML_FILE = /\.ya?ml$/i;

export class WalkError extends Error {}

export interface WalkOptions {
  /** Names or simple globs (`*`, `?`) matched against each folder/file name, or a path suffix. */
  exclude?: string[];
}

/** Absolute paths of the files to check, in a stable order, without duplicates. */
export function findYamlFiles(paths: string[], options: WalkOptions = {}): string[] {
  const excluded = (options.exclude ?? []).map(globToRegExp);
  const isExcluded = (path: string) => excluded.some((re) => re.test(basename(path)) || re.test(path.replace(/\\/g, '/')));
  const out: string[] = [];
  const seenFiles = new Set<string>();
  const seenDirs = new Set<string>();

  const addFile = (path: string) => {
    if (!seenFiles.has(path)) {
      seenFiles.add(path);
      out.push(path);
    }
  };

  const walk = (dir: string) => {
    let real: string;
    try {
      real = realpathSync(dir);
    } catch {
      return; // a dangling symlink inside a tree is not the user's input: skip it
    }
    if (seenDirs.has(real)) return;
    seenDirs.add(real);
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      throw new WalkError(`cannot read folder ${dir}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const child = join(dir, entry.name);
      if (isExcluded(child)) continue;
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const stat = statSync(child);
          isDir = stat.isDirectory();
          isFile = stat.isFile();
        } catch {
          continue;
        }
      }
      if (isDir) {
        if (!ALWAYS_SKIPPED.has(entry.name) && !entry.name.startsWith('.')) walk(child);
      } else if (isFile && YAML_FILE.test(entry.name)) {
        addFile(child);
      }
    }
  };

  for (const given of paths) {
    const path = resolve(given);
    let stat;
    try {
      stat = statSync(path);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new WalkError(code === 'ENOENT' ? `no such file or folder: ${given}` : `cannot read ${given}: ${code ?? (error as Error).message}`);
    }
    if (stat.isDirectory()) walk(path);
    else addFile(path); // an explicit file is checked whatever its extension
  }
  return out;
}

export function globToRegExp(glob: string): RegExp {
  const normalized = glob.replace(/\\/g, '/').replace(/\/+$/, '');
  const body = normalized
    .split('')
    .map((c) => (c === '*' ? '[^/]*' : c === '?' ? '[^/]' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  // A bare name matches the whole name; a pattern with a slash matches the end of the path.
  return normalized.includes('/') ? new RegExp(`(^|/)${body}$`) : new RegExp(`^${body}$`);
}
