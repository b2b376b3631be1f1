// Reads the CustomResourceDefinition files the `k8sStateful.crds` setting names (files or folders,
// made absolute per workspace folder by ProjectSettings.crdPaths) for the language service, which
// does no IO itself.
import { stat } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CrdSource } from './service';
import { readKubernetesFile, scanFolders } from './workspaceScan';

/** CRD bundles (an operator's every CRD in one file) run to several MB. */
const MAX_CRD_FILE_BYTES = 16 * 1024 * 1024;

export function mentionsCrd(text: string): boolean {
  return text.includes('CustomResourceDefinition');
}

/** The text of every YAML file under `paths` that mentions a CRD; paths that do not exist are skipped. */
export async function readCrdFiles(paths: unknown, baseFolder: string | undefined): Promise<CrdSource[]> {
  if (!Array.isArray(paths)) return [];
  const sources: CrdSource[] = [];
  const add = (path: string, text: string | undefined) => {
    if (text !== undefined && mentionsCrd(text)) sources.push({ uri: pathToFileURL(path).href, text });
  };
  for (const raw of paths) {
    if (typeof raw !== 'string' || !raw.trim()) continue;
    const path = isAbsolute(raw) ? raw : resolve(baseFolder ?? process.cwd(), raw);
    const found = await stat(path).catch(() => undefined);
    if (found?.isDirectory()) await scanFolders([path], add, { maxBytes: MAX_CRD_FILE_BYTES, maxFiles: 2_000 });
    else if (found?.isFile()) add(path, await readKubernetesFile(path, MAX_CRD_FILE_BYTES));
  }
  return sources;
}
