// Secret code lenses, Secret commands and quick fixes inside VS Code: through the extension's
// real language client, vscode.executeCodeLensProvider / executeCodeActionProvider and the
// commands the lenses and menus run.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeExtension, closeDocuments, openInEditor, summarize, waitFor, waitForDiagnostics, workspaceFile, restoreDocument, SCRATCH_FOLDER } from './helpers';

const MASK = '••••••';

function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

async function lensesOf(uri: vscode.Uri): Promise<vscode.CodeLens[]> {
  return (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
}

/** The reveal lens of a Secret key (the one whose command toggles reveal). */
async function revealLens(uri: vscode.Uri, key: string): Promise<vscode.CodeLens | undefined> {
  const lenses = await lensesOf(uri);
  return lenses.find((l) => l.command?.command === 'k8sStateful.secret.toggleReveal' && l.command.arguments?.[0]?.key === key);
}

const revert = restoreDocument;

suite('Secret lenses and code actions', () => {
  suiteSetup(async () => {
    await activeExtension();
  });

  suiteTeardown(async () => {
    await closeDocuments(workspaceFile('postgres/secret.yaml'));
  });

  test('the lens over password: cGFzc3dvcmQ= is masked, then reveals "password"', async () => {
    const doc = await openInEditor(workspaceFile('postgres/secret.yaml'));
    const masked = await waitFor(async () => {
      const lens = await revealLens(doc.uri, 'password');
      return lens?.command?.title.startsWith(MASK) ? lens : undefined;
    });
    assert.ok(masked, `no masked lens on password; lenses: ${(await lensesOf(doc.uri)).map((l) => l.command?.title).join(' | ')}`);
    assert.equal(masked.command!.title, `${MASK}  (8 bytes, click to reveal)`);
    assert.equal(masked.range.start.line, doc.getText().split('\n').findIndex((l) => l.includes('password: cGFzc3dvcmQ=')));
    const titles = (await lensesOf(doc.uri)).map((l) => l.command?.title ?? '');
    assert.ok(!titles.some((t) => t.includes('replicator')), 'nothing decoded before a reveal');

    await vscode.commands.executeCommand(masked.command!.command, ...(masked.command!.arguments ?? []));
    const revealed = await revealLens(doc.uri, 'password');
    assert.equal(revealed?.command?.title, 'password  (click to hide)');
    // Per value: the other entry stays masked.
    assert.ok((await revealLens(doc.uri, 'replication-password'))?.command?.title.startsWith(MASK));

    await vscode.commands.executeCommand(revealed!.command!.command, ...(revealed!.command!.arguments ?? []));
    assert.ok((await revealLens(doc.uri, 'password'))?.command?.title.startsWith(MASK), 'clicking again hides it');
  });

  test('k8sStateful.secrets.showDecoded shows every value plainly', async () => {
    const doc = await openInEditor(workspaceFile('postgres/secret.yaml'));
    const config = vscode.workspace.getConfiguration('k8sStateful');
    await config.update('secrets.showDecoded', true, vscode.ConfigurationTarget.Global);
    try {
      const lens = await waitFor(async () => {
        const l = await revealLens(doc.uri, 'replication-password');
        return l?.command?.title.startsWith('replicator') ? l : undefined;
      }, 10_000);
      assert.equal(lens?.command?.title, 'replicator  (click to hide)');
    } finally {
      await config.update('secrets.showDecoded', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  test('edit decoded writes bmV3 for "new" as one undoable edit', async () => {
    const doc = await openInEditor(workspaceFile('postgres/secret.yaml'));
    const original = doc.getText();
    try {
      const lens = await waitFor(() => revealLens(doc.uri, 'password'));
      assert.ok(lens);
      const applied = await vscode.commands.executeCommand('k8sStateful.secret.editDecoded', lens.command!.arguments![0], 'new');
      assert.equal(applied, true);
      assert.equal(doc.getText(), original.replace('password: cGFzc3dvcmQ=', 'password: bmV3'));
      await vscode.commands.executeCommand('undo');
      assert.equal(doc.getText(), original, 'one undo restores the old value');
    } finally {
      if (doc.isDirty) await revert(doc);
    }
  });

  test('data -> stringData -> data round-trips byte for byte', async () => {
    const doc = await openInEditor(workspaceFile('postgres/secret.yaml'));
    const original = doc.getText();
    const at = doc.positionAt(original.indexOf('password:'));
    try {
      assert.equal(await vscode.commands.executeCommand('k8sStateful.secret.convertToStringData', doc.uri, at), true);
      assert.match(doc.getText(), /stringData:\n  # base64 of "password"\n  password: password\n  replication-password: replicator\n/);
      assert.equal(await vscode.commands.executeCommand('k8sStateful.secret.convertToData', doc.uri, at), true);
      assert.equal(doc.getText(), original);
    } finally {
      if (doc.isDirty) await revert(doc);
    }
  });

  test('encode and decode selection', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'yaml', content: 'value: new\n' });
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(0, 7, 0, 10);
    await vscode.commands.executeCommand('k8sStateful.secret.encodeSelection');
    assert.equal(doc.getText(), 'value: bmV3\n');
    editor.selection = new vscode.Selection(0, 7, 0, 11);
    await vscode.commands.executeCommand('k8sStateful.secret.decodeSelection');
    assert.equal(doc.getText(), 'value: new\n');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('the headless-Service quick fix on a StatefulSet without one clears sts-service-missing', async () => {
    const uri = workspaceFile(`${SCRATCH_FOLDER}/quickfix/web.yaml`);
    const text = [
      '# A StatefulSet whose governing Service does not exist yet.',
      'apiVersion: apps/v1',
      'kind: StatefulSet',
      'metadata:',
      '  name: web',
      '  namespace: e2e',
      'spec:',
      '  serviceName: web # headless Service',
      '  selector:',
      '    matchLabels:',
      '      app: web',
      '  template:',
      '    metadata:',
      '      labels:',
      '        app: web',
      '    spec:',
      '      containers:',
      '        - name: nginx',
      '          image: nginx:1.27',
      '          ports:',
      '            - name: http',
      '              containerPort: 80',
      '',
    ].join('\n');
    await vscode.workspace.fs.writeFile(uri, Buffer.from(text));
    const doc = await openInEditor(uri);
    try {
      const diagnostics = await waitForDiagnostics(doc.uri);
      const missing = diagnostics.find((d) => codeOf(d) === 'sts-service-missing');
      assert.ok(missing, summarize(diagnostics));
      const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, missing.range, vscode.CodeActionKind.QuickFix.value)) ?? [];
      const fix = actions.find((a) => a.title === 'Create headless Service "web"');
      assert.ok(fix?.edit, `actions: ${actions.map((a) => a.title).join(', ')}`);
      assert.ok(await vscode.workspace.applyEdit(fix.edit));
      assert.ok(doc.getText().startsWith(text), 'the StatefulSet text and its comments are untouched');
      assert.match(doc.getText(), /---\n# Headless Service governing StatefulSet web: per-pod DNS names\napiVersion: v1\nkind: Service\n/);
      const cleared = await waitFor(() => !vscode.languages.getDiagnostics(doc.uri).some((d) => codeOf(d).startsWith('sts-service')), 20_000);
      assert.ok(cleared, summarize(vscode.languages.getDiagnostics(doc.uri)));
    } finally {
      if (doc.isDirty) await revert(doc);
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      await vscode.workspace.fs.delete(vscode.Uri.joinPath(uri, '..'), { recursive: true });
    }
  });
});
