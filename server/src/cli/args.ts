// Command-line parsing for `k8s-stateful`. Pure: argv in, options or a usage error out.
import { isKnownRuleId, unknownRuleIdMessage } from '../service/rules/ruleIds';
import { NEWEST_KUBERNETES_VERSION, normalizeVersion } from '../service/k8s/version';
import type { SeverityName } from '../service/settings';

export type OutputFormat = 'text' | 'json' | 'sarif' | 'github';
export type Threshold = Exclude<SeverityName, 'off'>;

export interface CheckOptions {
  command: 'check';
  /** Files and folders to check ('-' reads one document stream from stdin). */
  paths: string[];
  format: OutputFormat;
  /** Report diagnostics at this severity or above. */
  severity: Threshold;
  /** Print the Stateful Preview instead of diagnostics. */
  preview: boolean;
  /** Worker threads: undefined = decide from the number of files and CPUs; 1 = none. */
  jobs?: number;
  /** Progress on stderr: 'auto' shows it for long runs only. */
  progress: 'auto' | 'never';
  quiet: boolean;
  /** Write the report here instead of stdout. */
  output?: string;
  /** Folder/file names or simple globs (`*`) to skip while walking folders. */
  exclude: string[];
  /** CustomResourceDefinition files or folders for the custom resources' schemas (not checked themselves). */
  crds: string[];
  /** Per-rule severity overrides (`--rule id=warning`). */
  rules: Record<string, SeverityName>;
  defaultNamespace?: string;
  /** Kubernetes minor the manifests target ("1.36"): removed apiVersions and version-dependent checks follow it. */
  kubernetesVersion?: string;
  strictReferences: boolean;
  color: boolean;
  /** `--config FILE`: one config file for every input (otherwise the nearest above each file). */
  config?: string;
  /** `--no-config`: ignore config files. */
  noConfig: boolean;
  /** Fail (exit 1) when more than this many warnings are reported. */
  maxWarnings?: number;
  /** No YAML file to check is a success instead of a failure. */
  allowEmpty: boolean;
  /** SARIF URIs are relative to this folder (default: the git top level, else the working folder). */
  sarifRoot?: string;
  /** The path stdin stands for: its name in reports, and where its config file is looked up. */
  stdinFilename?: string;
}

export type ParsedArgs =
  | { kind: 'check'; options: CheckOptions }
  | { kind: 'help'; text: string }
  | { kind: 'version' }
  | { kind: 'error'; message: string };

export const SEVERITIES: Threshold[] = ['error', 'warning', 'info', 'hint'];
const FORMATS: OutputFormat[] = ['text', 'json', 'sarif', 'github'];

export const USAGE = `Usage: k8s-stateful check [options] [PATH...]

Checks Kubernetes YAML (files, or folders walked for *.yaml / *.yml) with the same engine as
the editor extension: YAML syntax, schemas of every built-in kind, and the stateful-workload
rules across all the files given. PATH defaults to the current folder; "-" reads stdin.

Settings come from the nearest .k8s-stateful.yaml above each file (rules, exclude,
kubernetesVersion, defaultNamespace, scopes...); options given here win over it.

Output (stdout):
  text    file:line:col: severity rule-id message       (default)
  json    {tool, summary, diagnostics: [...]}, 1-based lines and columns
  sarif   SARIF 2.1.0, for GitHub code scanning (upload with github/codeql-action/upload-sarif)
  github  GitHub Actions workflow commands (annotations on the pull request)

Options:
  -f, --format text|json|sarif|github  output format (default: text)
  -s, --severity LEVEL           report error|warning|info|hint and above (default: info)
      --max-warnings N           also fail (exit 1) when more than N warnings are reported
      --rule ID=LEVEL            override a rule's severity (error|warning|info|hint|off); repeatable
  -c, --config FILE              use this config file for every input
      --no-config                ignore .k8s-stateful.yaml files
      --allow-empty              finding no YAML file is not an error
      --stdin-filename PATH      the file stdin ("-") stands for, in reports and for its config
      --sarif-root DIR           SARIF paths are relative to DIR (default: the git top level)
      --default-namespace NS     namespace of resources that name none (default: default)
      --kubernetes-version V     Kubernetes minor the manifests target (default: ${NEWEST_KUBERNETES_VERSION});
                                 removed apiVersions and version-dependent checks follow it
      --strict-references        references to kinds the files never define are errors, not hints
      --crds PATH                CustomResourceDefinitions (a file or folder) that describe custom
                                 resources the checked files use; CRDs among the checked files count
                                 anyway; repeatable
      --preview                  print the Stateful Preview (pods, claims, DNS names) instead;
                                 with --format json, the preview model as JSON
  -o, --output FILE              write the report to FILE instead of stdout
      --exclude NAME             skip folders/files with this name or glob (e.g. "charts", "*.tmpl.yaml");
                                 repeatable; node_modules and hidden folders are always skipped
  -j, --jobs N                   worker threads (default: chosen from the number of files and CPUs;
                                 1 = check in the main thread)
      --no-progress              no progress lines on stderr (shown only for long runs anyway)
      --color / --no-color       colour the text output (default: when stdout is a terminal)
  -q, --quiet                    no progress and no summary on stderr
  -h, --help                     this help
  -v, --version                  the version

Exit status: 0 no errors (and at most --max-warnings warnings), 1 errors reported (or too many
warnings), 2 bad usage, a bad config file, an unknown rule id, unreadable input or no YAML file.
Examples:
  k8s-stateful check deploy/
  k8s-stateful check --format sarif -o k8s.sarif .
  kustomize build overlays/prod | k8s-stateful check -
  k8s-stateful check --preview deploy/postgres
`;

/** Parses `process.argv.slice(2)`. `isTty` decides the colour default. */
export function parseArgs(argv: string[], isTty = false): ParsedArgs {
  const options: CheckOptions = {
    command: 'check',
    paths: [],
    format: 'text',
    severity: 'info',
    preview: false,
    progress: 'auto',
    quiet: false,
    exclude: [],
    crds: [],
    rules: {},
    strictReferences: false,
    color: isTty,
    noConfig: false,
    allowEmpty: false,
  };
  let command: string | undefined;
  let endOfOptions = false;
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i];
    if (endOfOptions || raw === '-' || !raw.startsWith('-')) {
      if (command === undefined) command = raw;
      else options.paths.push(raw);
      continue;
    }
    if (raw === '--') {
      endOfOptions = true;
      continue;
    }
    // --name=value and -x value forms.
    const eq = raw.startsWith('--') ? raw.indexOf('=') : -1;
    const name = eq > 0 ? raw.slice(0, eq) : raw;
    const inline = eq > 0 ? raw.slice(eq + 1) : undefined;
    const value = (): string | undefined => {
      if (inline !== undefined) return inline;
      const next = argv[i + 1];
      if (next === undefined || (next.startsWith('-') && next !== '-')) return undefined;
      i++;
      return next;
    };
    const flag = (): boolean => inline === undefined;
    switch (name) {
      case '-h':
      case '--help':
        return { kind: 'help', text: USAGE };
      case '-v':
      case '--version':
        return { kind: 'version' };
      case '-f':
      case '--format': {
        const v = value();
        if (!v || !FORMATS.includes(v as OutputFormat)) return error(`--format expects one of ${FORMATS.join(', ')}${v ? `, got "${v}"` : ''}`);
        options.format = v as OutputFormat;
        break;
      }
      case '-s':
      case '--severity': {
        const v = value();
        if (!v || !SEVERITIES.includes(v as Threshold)) return error(`--severity expects one of ${SEVERITIES.join(', ')}${v ? `, got "${v}"` : ''}`);
        options.severity = v as Threshold;
        break;
      }
      case '--rule': {
        const v = value();
        const m = v ? /^([A-Za-z0-9._-]+)=(error|warning|info|hint|off)$/.exec(v) : null;
        if (!m) return error(`--rule expects ID=LEVEL with LEVEL one of error, warning, info, hint, off${v ? `, got "${v}"` : ''}`);
        if (!isKnownRuleId(m[1])) return error(`--rule: ${unknownRuleIdMessage(m[1])}`);
        options.rules[m[1]] = m[2] as SeverityName;
        break;
      }
      case '--default-namespace': {
        const v = value();
        if (!v) return error('--default-namespace expects a namespace');
        options.defaultNamespace = v;
        break;
      }
      case '--kubernetes-version': {
        const v = value();
        const version = v ? normalizeVersion(v) : undefined;
        if (!version) return error(`--kubernetes-version expects a version such as ${NEWEST_KUBERNETES_VERSION}${v ? `, got "${v}"` : ''}`);
        options.kubernetesVersion = version;
        break;
      }
      case '--strict-references':
        if (!flag()) return error('--strict-references takes no value');
        options.strictReferences = true;
        break;
      case '--preview':
        if (!flag()) return error('--preview takes no value');
        options.preview = true;
        break;
      case '-o':
      case '--output': {
        const v = value();
        if (!v || v === '-') return error('--output expects a file path');
        options.output = v;
        break;
      }
      case '--exclude': {
        const v = value();
        if (!v) return error('--exclude expects a name or glob');
        options.exclude.push(v);
        break;
      }
      case '--crds': {
        const v = value();
        if (!v) return error('--crds expects a file or folder of CustomResourceDefinitions');
        options.crds.push(v);
        break;
      }
      case '-j':
      case '--jobs': {
        const v = value();
        const n = v === undefined ? NaN : Number(v);
        if (!Number.isInteger(n) || n < 1 || n > 64) return error(`--jobs expects a whole number from 1 to 64${v ? `, got "${v}"` : ''}`);
        options.jobs = n;
        break;
      }
      case '-c':
      case '--config': {
        const v = value();
        if (!v) return error('--config expects a file path');
        options.config = v;
        break;
      }
      case '--no-config':
        options.noConfig = true;
        break;
      case '--allow-empty':
        options.allowEmpty = true;
        break;
      case '--max-warnings': {
        const v = value();
        const n = v === undefined ? NaN : Number(v);
        if (!Number.isInteger(n) || n < 0) return error(`--max-warnings expects a whole number${v ? `, got "${v}"` : ''}`);
        options.maxWarnings = n;
        break;
      }
      case '--sarif-root': {
        const v = value();
        if (!v) return error('--sarif-root expects a folder');
        options.sarifRoot = v;
        break;
      }
      case '--stdin-filename': {
        const v = value();
        if (!v) return error('--stdin-filename expects a path');
        options.stdinFilename = v;
        break;
      }
      case '--no-progress':
        options.progress = 'never';
        break;
      case '--color':
        options.color = true;
        break;
      case '--no-color':
        options.color = false;
        break;
      case '-q':
      case '--quiet':
        options.quiet = true;
        break;
      default:
        return error(`unknown option "${raw}"`);
    }
  }
  if (command === undefined) return error('missing command (the only command is "check")');
  if (command !== 'check') return error(`unknown command "${command}" (the only command is "check")`);
  if (options.preview && (options.format === 'sarif' || options.format === 'github')) return error(`--preview prints text or JSON, not ${options.format}`);
  if (options.config && options.noConfig) return error('--config and --no-config exclude each other');
  if (options.paths.filter((p) => p === '-').length > 1) return error('"-" (stdin) can be given once');
  if (options.paths.length === 0) options.paths.push('.');
  return { kind: 'check', options };
}

function error(message: string): ParsedArgs {
  return { kind: 'error', message };
}
