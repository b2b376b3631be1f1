// The language server's own command line: `--help`, `--version`, and a clear message instead of a
// stack trace when it is started without a transport (someone trying `k8s-stateful-language-server`
// in a terminal, or an editor configured without `--stdio`).
import pkg from '../../package.json';

export const SERVER_USAGE = `Usage: k8s-stateful-language-server --stdio

The k8s-stateful language server (LSP) for Kubernetes StatefulSets, Services, PVCs, PVs,
StorageClasses, ConfigMaps and Secrets. Editors start it and talk to it; see docs/editors.md for
Neovim, Helix and Emacs (eglot) set-ups. For CI, use the k8s-stateful CLI instead.

Transports (one is required):
  --stdio              JSON-RPC over stdin/stdout (what most editors use)
  --node-ipc           Node IPC (the VS Code extension)
  --socket=PORT        a TCP socket on localhost
  --pipe=NAME          a named pipe

Settings: workspace/configuration (section "k8sStateful"), else initializationOptions
({"k8sStateful": {...}}), then the nearest .k8s-stateful.yaml above the workspace folder.

Options:
  -h, --help           this help
  -v, --version        the version
`;

const TRANSPORT = /^--(stdio|node-ipc|socket=.+|pipe=.+)$/;

/** Exits after answering --help/--version, or with status 2 when no transport is given. */
export function checkCommandLine(argv: string[]): void {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(SERVER_USAGE);
    process.exit(0);
  }
  if (argv.includes('--version') || argv.includes('-v')) {
    process.stdout.write(`${pkg.version}\n`);
    process.exit(0);
  }
  if (!argv.some((arg) => TRANSPORT.test(arg))) {
    process.stderr.write(`k8s-stateful-language-server: no transport given; an editor starts this server with --stdio.\n\n${SERVER_USAGE}`);
    process.exit(2);
  }
}
