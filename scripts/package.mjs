#!/usr/bin/env node
// `npm run package`: writes k8s-stateful-<version>.vsix from a fresh clone. vsce runs the
// `vscode:prepublish` script (the build) first; the VSIX gets the user-facing README
// (docs/marketplace/README.md), not the developer one. The bundles carry their dependencies, so no
// node_modules go in (--no-dependencies). `--out FILE` writes elsewhere.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const at = process.argv.indexOf('--out');
const out = at > 0 ? process.argv[at + 1] : join(root, `k8s-stateful-${version}.vsix`);
const vsce = join(root, 'node_modules/.bin/vsce');
const r = spawnSync(vsce, ['package', '--no-dependencies', '--readme-path', 'docs/marketplace/README.md', '--changelog-path', 'CHANGELOG.md', '--out', out], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(r.status ?? 1);
