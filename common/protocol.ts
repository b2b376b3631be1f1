// What crosses between the language server and its clients beyond standard LSP: the Stateful
// Preview (a custom request, so any editor can render it) and the Secret lens commands. Plain
// constants and types only; the VS Code client and the server both import them from here.
import type { Range } from 'vscode-languageserver-types';
import type { PreviewModel } from './previewModel';

export type * from './previewModel';

/** Request `k8sStateful/preview`: params {@link PreviewParams}, result {@link PreviewModel}. */
export const PREVIEW_REQUEST = 'k8sStateful/preview';

/**
 * Notification `k8sStateful/previewChanged` (server → client, no params): the documents or settings
 * changed, so a shown preview is stale. Sent at most once per validation burst.
 */
export const PREVIEW_CHANGED_NOTIFICATION = 'k8sStateful/previewChanged';

export interface PreviewParams {
  /** URI of the file in the active editor: its StatefulSets come first. */
  activeUri?: string;
}

export type PreviewResult = PreviewModel;

/** Commands of the Secret `data` lenses: the server puts them on lenses, the VS Code client runs them. */
export const SECRET_COMMANDS = {
  toggleReveal: 'k8sStateful.secret.toggleReveal',
  copyDecoded: 'k8sStateful.secret.copyDecoded',
  editDecoded: 'k8sStateful.secret.editDecoded',
} as const;

/** What lens commands receive: enough to find the value again, nothing decoded. */
export interface SecretValueRef {
  uri: string;
  /** Index of the `---` document holding the Secret. */
  documentIndex: number;
  key: string;
  /** The value's range when the lens was computed (quotes included). */
  valueRange: Range;
}
