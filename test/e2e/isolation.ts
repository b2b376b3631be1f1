// Keeps the in-editor tests independent of each other and of their order. After every top-level
// suite it checks that the suite left the workspace as it found it: no file document left with
// unsaved edits, the files on disk unchanged, no k8sStateful setting left changed, no editor tab or
// untitled document left open (their words and active editor leak into later tests). What it finds
// is put back (so the next suite starts clean) and reported as a failure of the suite that leaked,
// so a leak is fixed where it happens instead of failing some later, innocent test.
import * as vscode from 'vscode';
import { closeDocuments, restoreDocument } from './helpers';

type DiskSnapshot = Map<string, Uint8Array>;

async function readTree(dir: vscode.Uri, out: DiskSnapshot): Promise<void> {
  for (const [name, type] of await vscode.workspace.fs.readDirectory(dir)) {
    // .vscode/settings.json is where workspace settings live: compared as settings, not as bytes
    // (VS Code leaves "{}" behind when a test resets the setting it changed).
    if (name === '.vscode') continue;
    const child = vscode.Uri.joinPath(dir, name);
    if (type & vscode.FileType.Directory) await readTree(child, out);
    else if (type & vscode.FileType.File) out.set(child.toString(), await vscode.workspace.fs.readFile(child));
  }
}

async function snapshotDisk(): Promise<DiskSnapshot> {
  const out: DiskSnapshot = new Map();
  for (const folder of vscode.workspace.workspaceFolders ?? []) await readTree(folder.uri, out);
  return out;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Every k8sStateful setting's values at each level, as one comparable string. */
function settingsFingerprint(): string {
  const config = vscode.workspace.getConfiguration('k8sStateful');
  const keys = Object.keys(config).filter((k) => typeof (config as unknown as Record<string, unknown>)[k] !== 'function');
  const levels: Record<string, unknown> = {};
  const walk = (prefix: string, value: unknown): void => {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value)) walk(prefix ? `${prefix}.${k}` : k, v);
      return;
    }
    const inspected = config.inspect(prefix);
    levels[prefix] = [inspected?.globalValue, inspected?.workspaceValue, inspected?.workspaceFolderValue];
  };
  for (const k of keys) walk(k, (config as unknown as Record<string, unknown>)[k]);
  return JSON.stringify(levels);
}

/** Where two versions of a text file first differ, as " (line N: was «…», now «…»)". */
function firstDifference(was: Uint8Array, now: Uint8Array): string {
  const a = new TextDecoder().decode(was).split('\n');
  const b = new TextDecoder().decode(now).split('\n');
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) return ` (line ${i + 1}: was ${JSON.stringify(a[i] ?? '<end>')}, now ${JSON.stringify(b[i] ?? '<end>')})`;
  }
  return ' (same text, other bytes)';
}

/** What a tab shows, as a stable key and a readable name (text editors, diffs, previews, webviews). */
function describeTab(tab: vscode.Tab): { key: string; name: string } {
  const input = tab.input;
  const uri =
    input instanceof vscode.TabInputText || input instanceof vscode.TabInputCustom || input instanceof vscode.TabInputNotebook
      ? input.uri
      : input instanceof vscode.TabInputTextDiff
        ? input.modified
        : undefined;
  if (!uri) return { key: `${tab.group.viewColumn}:${tab.label}`, name: tab.label };
  return { key: `${tab.group.viewColumn}:${uri.toString()}`, name: uri.scheme === 'file' ? vscode.workspace.asRelativePath(uri) : `${uri.scheme}:${tab.label}` };
}

function openTabs(): Map<string, vscode.Tab> {
  return new Map(vscode.window.tabGroups.all.flatMap((group) => group.tabs.map((tab) => [describeTab(tab).key, tab] as const)));
}

const untitledDocuments = (): vscode.TextDocument[] => vscode.workspace.textDocuments.filter((doc) => doc.uri.scheme === 'untitled' && !doc.isClosed);

/** The first line of an untitled document, to say which one leaked. */
const firstLine = (doc: vscode.TextDocument): string => JSON.stringify(doc.lineAt(0).text.slice(0, 40));

export interface WorkspaceState {
  disk: DiskSnapshot;
  settings: string;
  tabs: Set<string>;
  untitled: Set<string>;
}

export async function captureWorkspace(): Promise<WorkspaceState> {
  return {
    disk: await snapshotDisk(),
    settings: settingsFingerprint(),
    tabs: new Set(openTabs().keys()),
    untitled: new Set(untitledDocuments().map((doc) => doc.uri.toString())),
  };
}

/** Closes the untitled documents and editor tabs opened since `before`; one line per one closed. */
async function closeOpened(before: WorkspaceState): Promise<string[]> {
  const leaks: string[] = [];
  for (const doc of untitledDocuments()) {
    if (before.untitled.has(doc.uri.toString())) continue;
    leaks.push(`untitled document left open: ${firstLine(doc)}`);
    await closeDocuments(doc);
  }
  for (const [key, tab] of openTabs()) {
    if (before.tabs.has(key)) continue;
    leaks.push(`editor left open: ${describeTab(tab).name}`);
    // File documents were reverted above, so closing prompts for nothing.
    await vscode.window.tabGroups.close(tab).then(undefined, () => undefined);
  }
  return leaks;
}

/**
 * Puts the workspace back to `before` and returns one line per thing that had to be put back
 * (empty when the suite was clean).
 */
export async function restoreWorkspace(before: WorkspaceState): Promise<string[]> {
  const leaks: string[] = [];
  for (const doc of vscode.workspace.textDocuments) {
    if (doc.uri.scheme !== 'file' || !doc.isDirty) continue;
    leaks.push(`unsaved edits left in ${vscode.workspace.asRelativePath(doc.uri)}`);
    await restoreDocument(doc);
  }
  const after = await snapshotDisk();
  for (const [key, bytes] of before.disk) {
    const now = after.get(key);
    if (now && sameBytes(now, bytes)) continue;
    const uri = vscode.Uri.parse(key);
    leaks.push(`${now ? 'changed' : 'deleted'} on disk: ${vscode.workspace.asRelativePath(uri)}${now ? firstDifference(bytes, now) : ''}`);
    await vscode.workspace.fs.writeFile(uri, bytes);
  }
  for (const key of after.keys()) {
    if (before.disk.has(key)) continue;
    const uri = vscode.Uri.parse(key);
    leaks.push(`left on disk: ${vscode.workspace.asRelativePath(uri)}`);
    await vscode.workspace.fs.delete(uri, { useTrash: false }).then(undefined, () => undefined);
  }
  // A file put back on disk may still be open with the leaked text: reload it from disk.
  for (const doc of vscode.workspace.textDocuments) if (doc.uri.scheme === 'file' && doc.isDirty) await restoreDocument(doc);
  leaks.push(...(await closeOpened(before)));
  if (settingsFingerprint() !== before.settings) leaks.push(`k8sStateful settings left changed: ${settingsFingerprint()} (was ${before.settings})`);
  return leaks;
}
