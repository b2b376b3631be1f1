// Shared helpers for the in-editor tests (bundled into each *.test.js by scripts/build.mjs).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'k8s-stateful.k8s-stateful';

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `probe` until it returns a truthy value or `timeoutMs` passes; returns the last value. */
export async function waitFor<T>(probe: () => T | Promise<T>, timeoutMs = 20_000, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await probe();
  while (!value && Date.now() < deadline) {
    await sleep(intervalMs);
    value = await probe();
  }
  return value;
}

/** The folder the editor was opened on: a scratch copy of examples/ (or E2E_WORKSPACE). */
export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the e2e tests need a workspace folder (a copy of examples/)');
  return folder.uri;
}

/**
 * The one folder for files a suite writes and deletes. VS Code keeps a closed document alive for a
 * while without telling the server, so a deleted scratch file can still count as open afterwards;
 * in a single folder, however many suites use it, it never adds more than one manifest folder to
 * the workspace root (more than four would make the root a collection of independent apps and
 * change every later suite's scopes: docs/scopes.md).
 */
export const SCRATCH_FOLDER = 'e2e-scratch';

export function workspaceFile(relativePath: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), ...relativePath.split('/'));
}

export async function openInEditor(uri: vscode.Uri): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}

/** The extension under test, activated. */
export async function activeExtension(): Promise<vscode.Extension<unknown>> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed`);
  if (!ext.isActive) await ext.activate();
  return ext;
}

/**
 * Waits until the document has diagnostics from any source, then until they stop changing
 * for `settleMs`, and returns them.
 */
export async function waitForDiagnostics(uri: vscode.Uri, timeoutMs = 20_000, settleMs = 500): Promise<vscode.Diagnostic[]> {
  const first = await waitFor(() => vscode.languages.getDiagnostics(uri).length > 0, timeoutMs);
  if (!first) return [];
  let last = JSON.stringify(vscode.languages.getDiagnostics(uri).map(describeDiagnostic));
  for (;;) {
    await sleep(settleMs);
    const now = JSON.stringify(vscode.languages.getDiagnostics(uri).map(describeDiagnostic));
    if (now === last) return vscode.languages.getDiagnostics(uri);
    last = now;
  }
}

/** One line per diagnostic, for assertion messages. */
export function describeDiagnostic(d: vscode.Diagnostic): string {
  const r = d.range;
  return `${r.start.line + 1}:${r.start.character + 1}-${r.end.line + 1}:${r.end.character + 1} ${vscode.DiagnosticSeverity[d.severity]} ${d.message}`;
}

export function summarize(diagnostics: readonly vscode.Diagnostic[]): string {
  return diagnostics.length ? diagnostics.map(describeDiagnostic).join('\n') : '(no diagnostics)';
}

/** The range of the `occurrence`-th (0-based) match of `needle` in the document. */
export function rangeOf(doc: vscode.TextDocument, needle: string, occurrence = 0): vscode.Range {
  const text = doc.getText();
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = text.indexOf(needle, at + 1);
    assert.ok(at >= 0, `"${needle}" (occurrence ${occurrence}) not found in ${doc.uri.fsPath}`);
  }
  return new vscode.Range(doc.positionAt(at), doc.positionAt(at + needle.length));
}

export function formatRange(r: vscode.Range): string {
  return `${r.start.line + 1}:${r.start.character + 1}-${r.end.line + 1}:${r.end.character + 1}`;
}

/**
 * Throws away the unsaved edits of `doc` and waits until its text is what is on disk.
 * `workbench.action.files.revert` acts on whichever editor is active, so the document is shown
 * first and the result checked; if the revert did not take, the disk text is written back
 * through an edit and saved (same bytes as on disk).
 */
export async function restoreDocument(doc: vscode.TextDocument): Promise<void> {
  if (!doc.isDirty || doc.isClosed) return;
  await vscode.window.showTextDocument(doc, { preview: false });
  await vscode.commands.executeCommand('workbench.action.files.revert');
  if (await waitFor(() => !doc.isDirty, 5_000, 50)) return;
  console.log(`restoreDocument: the revert of ${doc.uri.fsPath} did not take; writing the disk text back`);
  const disk = new TextDecoder().decode(await vscode.workspace.fs.readFile(doc.uri));
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), disk);
  await vscode.workspace.applyEdit(edit);
  await doc.save();
  assert.ok(!doc.isDirty && doc.getText() === disk, `could not put ${doc.uri.fsPath} back to its text on disk`);
}

/**
 * Closes every editor showing these documents, dropping unsaved edits (an untitled document is
 * discarded, a file keeps its text on disk): how a suite leaves no editor behind for the next one.
 */
export async function closeDocuments(...targets: (vscode.TextDocument | vscode.Uri)[]): Promise<void> {
  for (const target of targets) {
    const uri = (target instanceof vscode.Uri ? target : target.uri).toString();
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
    if (doc && !doc.isClosed && (doc.isDirty || doc.isUntitled)) {
      await vscode.window.showTextDocument(doc, { preview: false });
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
    const tabs = vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === uri);
    if (tabs.length) await vscode.window.tabGroups.close(tabs);
  }
}

/**
 * The workbench's DOM, through the code-server harness (runInCodeServer.mjs, "UI driver"): what only
 * the screen shows (context menus, the suggest widget), real key presses, and screenshots.
 * Unavailable under @vscode/test-electron: tests that need it skip themselves there.
 */
export const ui = {
  available: (): boolean => !!process.env.K8S_STATEFUL_E2E_UI,
  async request<T>(body: Record<string, unknown>): Promise<T> {
    const base = process.env.K8S_STATEFUL_E2E_UI;
    assert.ok(base, 'no UI driver (K8S_STATEFUL_E2E_UI): run under code-server');
    const res = await fetch(base, { method: 'POST', body: JSON.stringify(body) });
    const answer = (await res.json()) as T & { error?: string };
    assert.ok(res.ok, `UI driver: ${answer.error ?? res.status}`);
    return answer;
  },
  /** innerText of every visible element matching a CSS selector (shadow roots included). */
  async texts(selector: string): Promise<string[]> {
    return (await ui.request<{ texts: string[] }>({ op: 'texts', selector })).texts;
  },
  /** The same inside the workbench's frames: webviews, such as the Markdown preview. */
  async frameTexts(selector: string): Promise<string[]> {
    return (await ui.request<{ texts: string[] }>({ op: 'frameTexts', selector })).texts;
  },
  /** A real key press in the focused element of the workbench ('Tab', 'Escape'). */
  async press(key: string): Promise<void> {
    await ui.request({ op: 'press', key });
  },
  /** A real click on the first visible element matching a CSS selector. */
  async click(selector: string): Promise<void> {
    await ui.request({ op: 'click', selector });
  },
  /** A PNG of the workbench named `name`.png under E2E_SCREENSHOTS; nothing when that is unset. */
  async screenshot(name: string): Promise<void> {
    if (ui.available()) await ui.request({ op: 'screenshot', name });
  },
};

/** The labels of the editor's context menu at the cursor (opened, read, closed again). */
export async function editorContextMenu(): Promise<string[]> {
  await vscode.commands.executeCommand('editor.action.showContextMenu');
  const labels = await waitFor(async () => {
    const found = await ui.texts('.context-view .monaco-menu .action-label');
    return found.length > 0 ? found : undefined;
  }, 10_000, 200);
  await ui.press('Escape');
  await waitFor(async () => (await ui.texts('.context-view .monaco-menu .action-label')).length === 0, 5_000, 100);
  return (labels ?? []).filter((l) => l !== '');
}
