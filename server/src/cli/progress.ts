// Progress on stderr for long runs only: nothing for the first second, then a self-updating line
// on a terminal, or a plain line every few seconds in CI logs. Never on stdout. The percentage
// counts reading and parsing the files as well as checking them (the parse is most of a run).
export class Progress {
  private files = 0;
  private total = 0;
  private done = 0;
  private readonly started = Date.now();
  private lastDraw = 0;
  private drawn = false;

  constructor(
    private readonly stream: NodeJS.WriteStream,
    private readonly enabled: boolean,
    private readonly delayMs = 1000,
  ) {}

  private get tty(): boolean {
    return this.stream.isTTY === true;
  }

  /** The number of files (the steps, reading and checking them, come with each update). */
  setFiles(files: number): void {
    this.files = files;
  }

  update(done: number, total: number): void {
    this.done = done;
    this.total = total;
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.started < this.delayMs) return;
    if (now - this.lastDraw < (this.tty ? 100 : 5000)) return;
    this.lastDraw = now;
    this.draw();
  }

  private draw(): void {
    const pct = this.total ? Math.floor((100 * this.done) / this.total) : 0;
    const seconds = ((Date.now() - this.started) / 1000).toFixed(1);
    const text = `k8s-stateful: checking ${this.files} files: ${pct}% (${seconds}s)`;
    if (this.tty) this.stream.write(`\r\x1b[K${text}`);
    else this.stream.write(`${text}\n`);
    this.drawn = true;
  }

  /** Clears the self-updating line, if one was drawn. */
  end(): void {
    if (this.drawn && this.tty) this.stream.write('\r\x1b[K');
  }
}
