// The "Stateful Preview" explorer view: asks the server for the preview model (k8sStateful/preview)
// and renders it as a tree. It refreshes when the server says documents changed (live while
// typing, before saving), when the active editor changes (its StatefulSets come first) and when
// the settings change.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { PreviewModel, SourceLocation } from '../../../common/protocol';
import { previewHoverMarkdown } from '../../../common/previewHover';
import { PREVIEW_CHANGED_NOTIFICATION, PREVIEW_REQUEST, type PreviewParams } from '../../../common/protocol';
import { buildNodes, type PreviewNode } from './nodes';

export const PREVIEW_VIEW_ID = 'k8sStateful.preview';
const COMMANDS = {
  refresh: 'k8sStateful.preview.refresh',
  copyName: 'k8sStateful.preview.copyName',
  reveal: 'k8sStateful.preview.reveal',
};
/** Context key: 'loading' until the first model arrives, then 'ready' (the welcome message waits for it). */
const STATE_CONTEXT_KEY = 'k8sStateful.preview.state';

/** What the extension exports for tests and other extensions. */
export interface PreviewApi {
  readonly provider: PreviewTreeProvider;
  /** The model the tree shows now (undefined before the first answer). */
  getPreviewModel(): PreviewModel | undefined;
  /** Asks the server again and resolves with the new model. */
  refresh(): Promise<PreviewModel | undefined>;
  readonly onDidUpdate: vscode.Event<PreviewModel>;
  /** Whether the view is on screen. */
  isVisible(): boolean;
  /** Forgets that the view was opened for a first StatefulSet in this workspace (tests). */
  resetFirstReveal(): Promise<void>;
}

/** workspaceState key: the view was opened once for a StatefulSet in this workspace. */
const REVEALED_KEY = 'k8sStateful.preview.revealedOnce';
const REVEAL_SETTING = 'preview.revealOnFirstStatefulSet';
const STATEFULSET_KIND = /^kind:\s*(["']?)StatefulSet\1\s*(?:#.*)?$/m;

/**
 * Opens the view the first time an editor shows a StatefulSet in this workspace: that is when the
 * pods, claims and DNS names it lists mean something, and a new user would not find it otherwise.
 */
function revealOnFirstStatefulSet(context: vscode.ExtensionContext, view: vscode.TreeView<PreviewNode>): vscode.Disposable {
  const check = async (editor: vscode.TextEditor | undefined) => {
    const doc = editor?.document;
    if (!doc || doc.languageId !== 'yaml' || view.visible || context.workspaceState.get(REVEALED_KEY)) return;
    if (!vscode.workspace.getConfiguration('k8sStateful').get<boolean>(REVEAL_SETTING, true)) return;
    // Only the top of a big file is read: a manifest names its kind near its start.
    if (!STATEFULSET_KIND.test(doc.getText(new vscode.Range(0, 0, Math.min(doc.lineCount, 5_000), 0)))) return;
    await context.workspaceState.update(REVEALED_KEY, true);
    await vscode.commands.executeCommand(`${PREVIEW_VIEW_ID}.focus`);
    // Keep typing where the user was.
    await vscode.window.showTextDocument(doc, editor.viewColumn);
  };
  void check(vscode.window.activeTextEditor);
  return vscode.window.onDidChangeActiveTextEditor((editor) => void check(editor));
}

export class PreviewTreeProvider implements vscode.TreeDataProvider<PreviewNode>, vscode.Disposable {
  private model: PreviewModel | undefined;
  private roots: PreviewNode[] = [];
  private readonly changed = new vscode.EventEmitter<PreviewNode | undefined>();
  private readonly updated = new vscode.EventEmitter<PreviewModel>();
  readonly onDidChangeTreeData = this.changed.event;
  readonly onDidUpdate = this.updated.event;
  private running: Promise<PreviewModel | undefined> | undefined;
  private again = false;

  constructor(private readonly client: LanguageClient) {}

  getModel(): PreviewModel | undefined {
    return this.model;
  }

  /** Re-requests the model; calls during a request coalesce into one more request after it. */
  refresh(): Promise<PreviewModel | undefined> {
    if (this.running) {
      this.again = true;
      return this.running.then(() => this.running ?? this.model);
    }
    this.running = this.fetch().finally(() => {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        void this.refresh();
      }
    });
    return this.running;
  }

  private async fetch(): Promise<PreviewModel | undefined> {
    if (!this.client.isRunning()) return this.model;
    const activeUri = vscode.window.activeTextEditor?.document.uri.toString();
    try {
      const model = await this.client.sendRequest<PreviewModel>(PREVIEW_REQUEST, { activeUri } satisfies PreviewParams);
      this.model = model;
      this.roots = buildNodes(model);
      void vscode.commands.executeCommand('setContext', STATE_CONTEXT_KEY, 'ready');
      this.changed.fire(undefined);
      this.updated.fire(model);
    } catch (error) {
      // The server restarting or shutting down: keep showing the last model.
      this.client.outputChannel.appendLine(`Stateful Preview: request failed: ${(error as Error).message ?? error}`);
    }
    return this.model;
  }

  getChildren(node?: PreviewNode): PreviewNode[] {
    return node ? node.children : this.roots;
  }

  getTreeItem(node: PreviewNode): vscode.TreeItem {
    const state =
      node.children.length === 0
        ? vscode.TreeItemCollapsibleState.None
        : node.expanded
          ? vscode.TreeItemCollapsibleState.Expanded
          : vscode.TreeItemCollapsibleState.Collapsed;
    const item = new vscode.TreeItem(node.label, state);
    item.id = node.id;
    item.description = node.description;
    // Names are long (DNS names, SRV records): every row's tooltip carries its full text.
    item.tooltip = node.statefulSet ? markdown(previewHoverMarkdown(node.statefulSet)) : node.tooltip ?? [node.label, node.description].filter(Boolean).join(' — ');
    item.iconPath = new vscode.ThemeIcon(node.icon, node.iconColor ? new vscode.ThemeColor(node.iconColor) : undefined);
    // `copyable` enables "Copy Name" in the context menu; the kind lets menus target item types.
    item.contextValue = `${node.kind}${node.copyText ? ' copyable' : ''}`;
    if (node.location) item.command = { command: COMMANDS.reveal, title: 'Reveal Source', arguments: [node.location] };
    return item;
  }

  getParent(node: PreviewNode): PreviewNode | undefined {
    const find = (nodes: PreviewNode[], parent?: PreviewNode): PreviewNode | undefined | null => {
      for (const n of nodes) {
        if (n === node) return parent ?? null;
        const found = find(n.children, n);
        if (found !== undefined) return found;
      }
      return undefined;
    };
    return find(this.roots) ?? undefined;
  }

  dispose(): void {
    this.changed.dispose();
    this.updated.dispose();
  }
}

/** Registers the view, its commands and the refresh triggers; returns the API the extension exports. */
export function registerPreview(context: vscode.ExtensionContext, client: LanguageClient): PreviewApi {
  const provider = new PreviewTreeProvider(client);
  void vscode.commands.executeCommand('setContext', STATE_CONTEXT_KEY, 'loading');
  const view = vscode.window.createTreeView(PREVIEW_VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  // While the view is hidden nothing is requested: a change only marks the model stale, and the
  // view catches up when it becomes visible again.
  let stale = false;
  const refresh = () => {
    if (view.visible) void provider.refresh();
    else stale = true;
  };
  context.subscriptions.push(
    provider,
    view,
    view.onDidChangeVisibility((e) => {
      if (e.visible && stale) {
        stale = false;
        void provider.refresh();
      }
    }),
    client.onNotification(PREVIEW_CHANGED_NOTIFICATION, refresh),
    vscode.window.onDidChangeActiveTextEditor(refresh),
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('k8sStateful') && refresh()),
    vscode.commands.registerCommand(COMMANDS.refresh, () => provider.refresh()),
    vscode.commands.registerCommand(COMMANDS.copyName, copyName),
    vscode.commands.registerCommand(COMMANDS.reveal, reveal),
    revealOnFirstStatefulSet(context, view),
  );
  void provider.refresh();
  return {
    provider,
    getPreviewModel: () => provider.getModel(),
    refresh: () => provider.refresh(),
    onDidUpdate: provider.onDidUpdate,
    isVisible: () => view.visible,
    resetFirstReveal: async () => context.workspaceState.update(REVEALED_KEY, undefined),
  };
}

async function copyName(node?: PreviewNode): Promise<void> {
  if (!node?.copyText) return;
  await vscode.env.clipboard.writeText(node.copyText);
  vscode.window.setStatusBarMessage(`Copied ${node.copyText}`, 2000);
}

async function reveal(location?: SourceLocation): Promise<void> {
  if (!location) return;
  const { start, end } = location.range;
  const selection = new vscode.Range(start.line, start.character, end.line, end.character);
  await vscode.window.showTextDocument(vscode.Uri.parse(location.uri), { selection, preserveFocus: false, preview: true });
}

function markdown(text: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString(text);
  md.supportThemeIcons = false;
  return md;
}
