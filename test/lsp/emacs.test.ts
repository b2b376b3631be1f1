// Emacs with eglot (Debian's Emacs 28 and elpa-eglot 1.9) as a real LSP client: the Emacs set-up of
// docs/editors.md, taken from the page itself, is the init file; Emacs opens a manifest, eglot starts
// the server from PATH, and flymake gets the server's findings, one of them raised to a warning by
// the page's eglot-workspace-configuration. scripts/setup-code-server.sh installs emacs-nox,
// elpa-eglot and elpa-yaml-mode; without emacs the test is skipped, except on CI where it fails.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { editorDocBlock, serverOnPath } from '../helpers/editors';

const ROOT = process.cwd();
const scratch = mkdtempSync(join(tmpdir(), 'k8s-stateful-emacs-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

const emacsVersion = spawnSync('emacs', ['--version'], { encoding: 'utf8' });
const haveEmacs = emacsVersion.status === 0;

test('Emacs (eglot) with the docs/editors.md set-up shows the server\'s findings in flymake and sends its settings', { skip: !haveEmacs && !process.env.CI ? 'emacs is not installed (bash scripts/setup-code-server.sh installs it)' : false }, () => {
  assert.ok(haveEmacs, 'emacs is not installed: scripts/setup-code-server.sh installs emacs-nox, elpa-eglot and elpa-yaml-mode');

  const config = editorDocBlock('emacs-config', 'elisp');

  // The server on PATH under its published name, as `npm install -g` puts it there.
  const bin = serverOnPath(scratch);

  // Three findings: a ConfigMap no file defines (info), three replicas without anti-affinity (info
  // by default), an unmounted claim template (warning).
  const project = join(scratch, 'project');
  mkdirSync(project);
  const manifest = join(project, 'sts.yaml');
  writeFileSync(manifest, readFileSync(join(ROOT, 'test/fixtures/cli/warnings/statefulset.yaml')));
  const init = join(scratch, 'init.el');
  writeFileSync(init, config);
  const out = join(scratch, 'diagnostics.txt');

  // The test's part. Interactive start-up activates the installed packages before the init file;
  // --batch does not, so do it here. --batch has no command loop either: run its post-command-hook,
  // where eglot-ensure connects and flymake starts, while waiting for the findings.
  const harness = `
(require (quote cl-lib))
(package-activate-all)
(load ${JSON.stringify(init)} nil t)
(defvar k8s-test-buffer (find-file ${JSON.stringify(manifest)}))
(defun k8s-test-done ()
  (with-current-buffer k8s-test-buffer
    (let ((d (flymake-diagnostics)))
      (and (= (length d) 3)
           (cl-some (lambda (x) (and (string-match-p "sts-no-anti-affinity" (flymake-diagnostic-text x))
                                     (eq (flymake-diagnostic-type x) 'eglot-warning)))
                    d)))))
(let ((i 0))
  (while (and (< i 600) (not (k8s-test-done)))
    (with-current-buffer k8s-test-buffer (run-hooks 'post-command-hook))
    (accept-process-output nil 0.05)
    (setq i (1+ i))))
(let ((lines (with-current-buffer k8s-test-buffer
               (cons (format "%s %s %s" (if (k8s-test-done) "ok" "timeout") major-mode (bound-and-true-p eglot--managed-mode))
                     (mapcar (lambda (d) (format "%d %s %s" (line-number-at-pos (flymake-diagnostic-beg d))
                                                 (flymake-diagnostic-type d) (flymake-diagnostic-text d)))
                             (flymake-diagnostics))))))
  (with-temp-file ${JSON.stringify(out)} (insert (mapconcat #'identity lines "\n") "\n")))
(kill-emacs 0)
`;
  const harnessFile = join(scratch, 'harness.el');
  writeFileSync(harnessFile, harness);
  const home = join(scratch, 'home');
  mkdirSync(home);
  const r = spawnSync('emacs', ['--batch', '-l', harnessFile], {
    cwd: project,
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, HOME: home },
  });
  assert.equal(r.status, 0, `emacs exited ${r.status} ${r.signal ?? ''}: ${r.stderr}`);
  const [status, ...lines] = readFileSync(out, 'utf8').trim().split('\n');
  assert.equal(status, 'ok yaml-mode t', `${status}\n${lines.join('\n')}\n${r.stderr}`);
  // eglot shows "source [code]: message"; flymake's type follows the LSP severity.
  const summary = lines.map((l) => /^(\d+) (eglot-\w+) k8s-stateful \[([\w-]+)\]: /.exec(l)?.slice(1, 4).join(' ') ?? l).sort();
  assert.deepEqual(summary, ['26 eglot-note ref-configmap-missing', '30 eglot-warning sts-claim-template-unused', '9 eglot-warning sts-no-anti-affinity']);
  assert.match(lines.join('\n'), /ConfigMap "rabbit-config" not found/);
});
