// Window progress for long background work (the workspace scan and its first check), over LSP's
// window/workDoneProgress/create and $/progress. Nothing is shown for work that ends within
// `delayMs`, so small workspaces never flash a progress bar; the user can cancel it.
import type { Connection, WorkDoneProgressServerReporter } from 'vscode-languageserver/node';

export class WorkProgress {
  private reporter: WorkDoneProgressServerReporter | undefined;
  private timer: NodeJS.Timeout | undefined;
  private ended = false;
  private message = '';
  private percentage: number | undefined;
  /** True once the user cancelled from the editor's progress UI. */
  cancelled = false;

  constructor(private readonly connection: Connection, private readonly title: string, delayMs = 500) {
    this.timer = setTimeout(() => void this.show(), delayMs);
  }

  private async show(): Promise<void> {
    this.timer = undefined;
    if (this.ended) return;
    try {
      const reporter = await this.connection.window.createWorkDoneProgress();
      if (this.ended) {
        reporter.done();
        return;
      }
      this.reporter = reporter;
      reporter.token.onCancellationRequested(() => (this.cancelled = true));
      reporter.begin(this.title, this.percentage, this.message, true);
    } catch {
      // A client that refuses progress still gets the work done.
    }
  }

  /** `percentage` 0-100 when the total is known. */
  report(message: string, percentage?: number): void {
    this.message = message;
    this.percentage = percentage === undefined ? undefined : Math.min(100, Math.max(0, Math.floor(percentage)));
    if (this.reporter && !this.ended) {
      if (this.percentage === undefined) this.reporter.report(message);
      else this.reporter.report(this.percentage, message);
    }
  }

  done(): void {
    if (this.ended) return;
    this.ended = true;
    clearTimeout(this.timer);
    this.reporter?.done();
  }
}
