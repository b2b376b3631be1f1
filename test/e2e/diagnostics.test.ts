// Diagnostics reach the editor: the language server's findings, with their ranges, for the
// example files (a scratch copy of examples/).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  activeExtension,
  formatRange,
  closeDocuments,
  openInEditor,
  rangeOf,
  sleep,
  summarize,
  waitForDiagnostics,
  workspaceFile,
} from './helpers';

suite('diagnostics', () => {
  const opened: vscode.TextDocument[] = [];

  suiteSetup(async () => {
    await activeExtension();
  });

  suiteTeardown(async () => {
    await closeDocuments(...opened);
  });

  test('statefulset-typos.yaml: replicas "three" and serviceNme, on the value and the key', async () => {
    const doc = await openInEditor(workspaceFile('mistakes/statefulset-typos.yaml'));
    opened.push(doc);
    const diagnostics = await waitForDiagnostics(doc.uri);
    assert.equal(diagnostics.length, 2, `expected exactly two diagnostics, got:\n${summarize(diagnostics)}`);

    const replicas = diagnostics.find((d) => d.message.includes('replicas must be an integer'));
    assert.ok(replicas, `no "replicas must be an integer" diagnostic in:\n${summarize(diagnostics)}`);
    const threeRange = rangeOf(doc, '"three"');
    assert.ok(
      replicas.range.isEqual(threeRange),
      `replicas diagnostic at ${formatRange(replicas.range)}, expected the value "three" at ${formatRange(threeRange)}`,
    );

    const typo = diagnostics.find((d) => d.message.includes('unknown field "serviceNme"'));
    assert.ok(typo, `no 'unknown field "serviceNme"' diagnostic in:\n${summarize(diagnostics)}`);
    assert.ok(typo.message.includes('did you mean "serviceName"'), `no suggestion in: ${typo.message}`);
    const keyRange = rangeOf(doc, 'serviceNme');
    assert.ok(
      typo.range.isEqual(keyRange),
      `serviceNme diagnostic at ${formatRange(typo.range)}, expected the key at ${formatRange(keyRange)}`,
    );
  });

  test('removed-api-version.yaml: points to apps/v1 and still reports what apps/v1 and the rules find', async () => {
    const doc = await openInEditor(workspaceFile('mistakes/removed-api-version.yaml'));
    opened.push(doc);
    const diagnostics = await waitForDiagnostics(doc.uri);
    const removed = diagnostics.filter((d) => d.code && String(typeof d.code === 'object' ? d.code.value : d.code) === 'deprecated-api-version');
    assert.equal(removed.length, 1, summarize(diagnostics));
    assert.ok(removed[0].message.includes('apps/v1'), `message does not mention apps/v1: ${removed[0].message}`);
    assert.ok(diagnostics.some((d) => d.message === 'missing required field "selector" in spec (as apps/v1, which replaces apps/v1beta1)'), summarize(diagnostics));
    // serviceName "nginx" names no Service in the workspace: a cross-file finding no longer hidden.
    assert.ok(diagnostics.some((d) => /serviceName "nginx"/.test(d.message)), summarize(diagnostics));
  });

  test('every example outside mistakes/ has no diagnostics', async () => {
    const files = await vscode.workspace.findFiles('**/*.{yaml,yml}', '**/mistakes/**');
    assert.ok(files.length > 0, 'no example files outside mistakes/');
    for (const file of files) await vscode.workspace.openTextDocument(file);
    // Zero cannot be waited for: afterwards open a new (untitled) document known to have findings
    // and wait for its diagnostics, so the server has caught up with the documents opened before
    // it, then let things settle.
    const typos = new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceFile('mistakes/statefulset-typos.yaml')));
    const marker = await vscode.workspace.openTextDocument({ language: 'yaml', content: typos });
    opened.push(marker);
    const markerDiagnostics = await waitForDiagnostics(marker.uri);
    assert.ok(markerDiagnostics.length > 0, 'the language server published nothing for an untitled copy of statefulset-typos.yaml');
    await sleep(1_000);

    const noisy = files
      .map((uri) => ({ uri, diagnostics: vscode.languages.getDiagnostics(uri) }))
      .filter((f) => f.diagnostics.length > 0);
    assert.ok(
      noisy.length === 0,
      `examples outside mistakes/ should be clean, but:\n${noisy
        .map((f) => `${vscode.workspace.asRelativePath(f.uri)}:\n${summarize(f.diagnostics)}`)
        .join('\n')}`,
    );
  });
});
