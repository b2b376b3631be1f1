// What the editor smoke tests (Neovim, Emacs, Helix) share: the set-up block docs/editors.md
// shows for an editor, and the language server on PATH under its published name.
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = process.cwd();

/** The fenced block after `<!-- marker -->` in docs/editors.md: what the page tells users to paste. */
export function editorDocBlock(marker: string, language: string): string {
  const page = readFileSync(join(ROOT, 'docs/editors.md'), 'utf8');
  const block = new RegExp(`<!-- ${marker} -->\\n\`\`\`${language}\\n([\\s\\S]*?)\`\`\``).exec(page)?.[1];
  assert.ok(block, `docs/editors.md has the ${language} block after <!-- ${marker} -->`);
  return block;
}

/** A bin folder in `scratch` holding `k8s-stateful-language-server`, as `npm install -g` puts it on PATH; returns the folder. */
export function serverOnPath(scratch: string): string {
  const bin = join(scratch, 'bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'k8s-stateful-language-server'), `#!/bin/sh\nexec "${process.execPath}" "${join(ROOT, 'dist/server.js')}" "$@"\n`);
  chmodSync(join(bin, 'k8s-stateful-language-server'), 0o755);
  return bin;
}
