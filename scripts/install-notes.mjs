#!/usr/bin/env node
// Runs at the end of `npm install` / `npm ci` in this folder (package.json "prepare", which npm does
// not run when the package is installed as a dependency) and explains, right under them, the
// warnings npm has just printed that look alarming but are expected.
const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  console.log(
    [
      '',
      'k8s-stateful: the "npm warn EBADENGINE ... required: { node: \'>=22\' }" lines above are expected on Node ' + process.versions.node + '.',
      '  kubernetes-models 5.1.0 (+ @kubernetes-models/*) is the only package with current (1.36) Kubernetes schemas;',
      '  it declares Node 22 but is only read at build time to generate schemas, which works on Node 20 (tested).',
      '  @vscode/test-electron declares Node 22 too; it is only used with K8S_STATEFUL_E2E=electron.',
      '  Nothing needs to be done. See README.md, "Install warnings".',
      '',
    ].join('\n'),
  );
}
