// Stateful Preview: what each StatefulSet will create (pods, claims, DNS/SRV names, retention,
// identity problems), computed from the workspace index; rendered as a tree (client), Markdown
// (hover) or plain text (CLI `--preview`).
export { computePreview, defaultStorageClass, previewHoverForResource, previewOfResource, DEFAULT_MAX_LISTED_PODS, type PreviewEnvironment, type PreviewOptions } from './compute';
export { previewHoverMarkdown } from '../../../../common/previewHover';
export { IDENTITY_RULES } from './identity';
export type * from '../../../../common/previewModel';
export { PREVIEW_CHANGED_NOTIFICATION, PREVIEW_REQUEST, type PreviewParams, type PreviewResult } from '../../../../common/protocol';
export { renderPreviewText, renderStatefulSetText, type RenderTextOptions } from '../../../../common/previewText';
