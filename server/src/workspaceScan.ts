// Finds the Kubernetes YAML files of workspace folders without blocking: directories are walked
// asynchronously, the caller's callback runs in small batches with a yield to the event loop in
// between (so requests keep being answered), and files that cannot be Kubernetes manifests are
// dropped cheaply — by name, by size, and by a text check before anything is parsed.
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isKustomizationUri } from './service/scope/kustomization';

/** Directories never scanned: dependencies, VCS data, and hidden folders (caches, tool state). */
export function isSkippedDirectory(name: string): boolean {
  return name === 'node_modules' || name.startsWith('.');
}

/** Whether a path (any separator) runs through a skipped directory. */
export function isInSkippedDirectory(path: string): boolean {
  return path.split(/[\\/]/).slice(0, -1).some((segment) => segment !== '' && segment !== '.' && segment !== '..' && isSkippedDirectory(segment));
}

export const YAML_FILE = /\.ya?ml$/i;
/** Files read at once (libuv's thread pool has 4 threads; more in flight keeps them busy). */
const CONCURRENT_READS = 16;
/** The scan stops after this many Kubernetes files (a safety net for huge monorepos). */
export const MAX_FILES = 20_000;
/** Bigger files are generated dumps more often than manifests someone edits. */
export const MAX_FILE_BYTES = 4 * 1024 * 1024;
/** A Kubernetes manifest has a top-level (or list item) apiVersion or kind line. */
const KUBERNETES_TEXT = /^[ \t]*(?:-[ \t]+)?(?:apiVersion|kind)[ \t]*:/m;

export function looksLikeKubernetes(text: string): boolean {
  return KUBERNETES_TEXT.test(text);
}

/** A file's text when it is a YAML file small enough that mentions apiVersion/kind (or a kustomization file); otherwise undefined. */
export async function readKubernetesFile(path: string, maxBytes = MAX_FILE_BYTES): Promise<string | undefined> {
  if (!YAML_FILE.test(path)) return undefined;
  try {
    const stat = await fs.stat(path);
    if (!stat.isFile() || stat.size > maxBytes) return undefined;
    const text = await fs.readFile(path, 'utf8');
    // A kustomization file often has neither apiVersion nor kind, yet it decides scopes and
    // generated names (service/scope/): read it like a manifest, as the CLI does.
    return looksLikeKubernetes(text) || isKustomizationUri(pathToFileURL(path).href) ? text : undefined;
  } catch {
    return undefined; // gone or unreadable: nothing to index
  }
}

export interface ScanOptions {
  /** Files handled between two yields to the event loop. */
  batchSize?: number;
  /** Stop after this many Kubernetes files (a safety net for huge monorepos). */
  maxFiles?: number;
  maxBytes?: number;
  /** Checked between batches; true stops the scan (e.g. the server is shutting down). */
  cancelled?: () => boolean;
}

export interface ScanResult {
  files: number;
  /** True when maxFiles stopped the scan early. */
  truncated: boolean;
}

/** Walks the folders and calls `onFile(path, text)` for every Kubernetes YAML file. */
export async function scanFolders(folders: string[], onFile: (path: string, text: string) => void, options: ScanOptions = {}): Promise<ScanResult> {
  const batchSize = options.batchSize ?? 25;
  const maxFiles = options.maxFiles ?? MAX_FILES;
  let files = 0;
  let sinceYield = 0;
  const queue = [...folders];
  while (queue.length > 0) {
    if (options.cancelled?.()) break;
    const dir = queue.shift()!;
    let children;
    try {
      children = await fs.readdir(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    children.sort((a, b) => a.name.localeCompare(b.name));
    const yamlFiles: string[] = [];
    for (const child of children) {
      const path = join(dir, child.name);
      // Symbolic links are not followed: they can loop, and their targets are usually scanned anyway.
      if (child.isDirectory()) {
        if (!isSkippedDirectory(child.name)) queue.push(path);
      } else if (child.isFile() && YAML_FILE.test(child.name)) yamlFiles.push(path);
    }
    // Several reads at a time: one by one, the scan mostly waits on the file system.
    for (let at = 0; at < yamlFiles.length; at += CONCURRENT_READS) {
      const chunk = yamlFiles.slice(at, at + CONCURRENT_READS);
      const texts = await Promise.all(chunk.map((path) => readKubernetesFile(path, options.maxBytes)));
      for (let i = 0; i < chunk.length; i++) {
        const text = texts[i];
        if (text === undefined) continue;
        if (files >= maxFiles) return { files, truncated: true };
        onFile(chunk[i], text);
        files++;
        if (++sinceYield >= batchSize) {
          sinceYield = 0;
          await new Promise<void>((resolve) => setImmediate(resolve));
          if (options.cancelled?.()) return { files, truncated: false };
        }
      }
    }
  }
  return { files, truncated: false };
}

/**
 * Sorts file URIs by folder depth, deepest first, then by path (in place): the order the scan
 * indexes and checks in, so a file's own folder and those below it are indexed before it is checked.
 */
export function deepestFirst(uris: string[]): void {
  const depth = new Map(uris.map((uri) => [uri, uri.split('/').length]));
  uris.sort((a, b) => depth.get(b)! - depth.get(a)! || (a < b ? -1 : a > b ? 1 : 0));
}
