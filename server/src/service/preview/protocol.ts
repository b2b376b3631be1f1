// The Stateful Preview over LSP (a custom request, so any editor can render it). Plain constants
// and types only: the VS Code client imports this file without pulling in the language service.
import type { PreviewModel } from './model';

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
