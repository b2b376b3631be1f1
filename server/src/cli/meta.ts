// The tool's identity for reports: name, version and where the rule docs live.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pkg from '../../../package.json';

export const TOOL_NAME = 'k8s-stateful';
export const TOOL_VERSION: string = pkg.version;

const manifest = pkg as { homepage?: string; repository?: string | { url?: string } };
const repository = typeof manifest.repository === 'string' ? manifest.repository : manifest.repository?.url;
const repositoryWeb = repository?.replace(/^git\+/, '').replace(/\.git$/, '');

/** Where the project lives on the web (package.json `homepage` or `repository`). */
export const INFORMATION_URI: string | undefined = manifest.homepage ?? repositoryWeb;

/**
 * Web address of the rule docs (`<base>/<rule-id>.md`): K8S_STATEFUL_DOCS_BASE_URI, else derived from
 * package.json `repository`; none otherwise. A path on the machine that ran the check would be a dead
 * link wherever the report is read (and leak the runner's folders); SARIF carries each rule's doc
 * page as help text anyway.
 */
export const DOCS_BASE_URI: string | undefined = webAddress(process.env.K8S_STATEFUL_DOCS_BASE_URI) ?? (repositoryWeb ? `${repositoryWeb}/blob/v${pkg.version}/docs/rules` : undefined);

function webAddress(uri: string | undefined): string | undefined {
  return uri && /^https?:\/\//.test(uri) ? uri.replace(/\/+$/, '') : undefined;
}

/** The Markdown doc page of a rule, shipped next to the bundle (docs/rules/<id>.md), if present. */
export function ruleDocMarkdown(id: string, bundleDir: string): string | undefined {
  const path = join(bundleDir, '..', 'docs', 'rules', `${id}.md`);
  if (!/^[A-Za-z0-9._-]+$/.test(id) || !existsSync(path)) return undefined;
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}
