// `check --preview`: the Stateful Preview of all the files given, as text or as the JSON model.
import { schemaFiles } from '../schemaFiles';
import { createLanguageService } from '../service';
import { renderPreviewText } from '../service/preview';
import { uriOf, STDIN_PATH } from './check';
import { readFileSync } from 'node:fs';

export interface PreviewRun {
  files: string[];
  stdinText?: string;
  /** The file stdin stands for (`--stdin-filename`). */
  stdinPath?: string;
  schemaDir: string;
  settings: unknown;
  format: 'text' | 'json';
  /** Maps a file URI to the path shown to the user. */
  describeUri: (uri: string) => string;
}

export function renderPreview(run: PreviewRun): string {
  const service = createLanguageService({ schemas: schemaFiles(run.schemaDir) });
  service.configure(run.settings);
  for (const path of run.files) service.setDocument(uriOf(path, run.stdinPath), path === STDIN_PATH ? (run.stdinText ?? '') : readFileSync(path, 'utf8'), 1);
  const model = service.getPreview();
  if (run.format === 'json') {
    const relabel = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(relabel);
      if (value && typeof value === 'object') {
        // Every `uri` gets a `file` next to it: the path as the text output shows it.
        return Object.fromEntries(
          Object.entries(value).flatMap(([k, v]) => (k === 'uri' && typeof v === 'string' ? [[k, v], ['file', run.describeUri(v)]] : [[k, relabel(v)]])),
        );
      }
      return value;
    };
    return `${JSON.stringify(relabel(model), null, 2)}\n`;
  }
  return renderPreviewText(model, { describeUri: run.describeUri });
}
