// Custom resources inside VS Code: the workspace's CRD (crds/backup-crd.yaml) gives its resources
// schema diagnostics and hover from its openAPIV3Schema.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeExtension, closeDocuments, openInEditor, rangeOf, restoreDocument, summarize, waitFor, waitForDiagnostics, workspaceFile } from './helpers';

function hoverText(hovers: vscode.Hover[] | undefined): string {
  return (hovers ?? [])
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}

suite('custom resources', () => {
  suiteSetup(async () => {
    await activeExtension();
  });

  suiteTeardown(async () => {
    await closeDocuments(workspaceFile('mistakes/custom-resource.yaml'), workspaceFile('crds/backup.yaml'));
  });

  test('mistakes/custom-resource.yaml: the misspelt field, the enum and the missing field, from the CRD', async () => {
    const doc = await openInEditor(workspaceFile('mistakes/custom-resource.yaml'));
    const diagnostics = await waitForDiagnostics(doc.uri);
    assert.equal(diagnostics.length, 3, summarize(diagnostics));
    const typo = diagnostics.find((d) => d.message.includes('unknown field "retentionDay"'));
    assert.ok(typo, summarize(diagnostics));
    assert.ok(typo.message.includes('did you mean "retentionDays"'), typo.message);
    assert.ok(typo.range.isEqual(rangeOf(doc, 'retentionDay')), summarize(diagnostics));
    assert.equal(typo.severity, vscode.DiagnosticSeverity.Error);
    assert.ok(diagnostics.some((d) => d.message.includes('method must be one of pg_dump, basebackup, snapshot')), summarize(diagnostics));
  });

  test('a typo typed into a valid custom resource is flagged, and clears when undone', async () => {
    const doc = await openInEditor(workspaceFile('crds/backup.yaml'));
    try {
      const edit = new vscode.WorkspaceEdit();
      edit.replace(doc.uri, rangeOf(doc, 'bucket'), 'bukcet');
      assert.ok(await vscode.workspace.applyEdit(edit));
      const flagged = await waitFor(() => vscode.languages.getDiagnostics(doc.uri).find((d) => d.message.includes('unknown field "bukcet"')));
      assert.ok(flagged, summarize(vscode.languages.getDiagnostics(doc.uri)));
      assert.ok(flagged.message.includes('did you mean "bucket"'), flagged.message);
    } finally {
      await restoreDocument(doc);
    }
    assert.ok(await waitFor(() => vscode.languages.getDiagnostics(doc.uri).length === 0), summarize(vscode.languages.getDiagnostics(doc.uri)));
  });

  test('hover on a custom resource field shows the CRD description', async () => {
    const doc = await openInEditor(workspaceFile('crds/backup.yaml'));
    const at = rangeOf(doc, 'retentionDays').start.translate(0, 2);
    const text = await waitFor(async () => {
      const t = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, at));
      return t.includes('Days a backup is kept') ? t : undefined;
    });
    assert.ok(text, 'no hover with the CRD description of retentionDays');
    assert.match(text, /retentionDays/);
  });
});
