// One timed run of the CLI in a child process: wall time, peak RSS (the child reports its own
// maxRSS on exit through a preloaded hook), exit code, the summary line and the report's line count.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface CliRun {
  label: string;
  wallMs: number;
  peakMb: number;
  /** CPU time of the child (user + system): steadier than wall time on a shared machine. */
  cpuMs: number;
  exitCode: number | null;
  summary: string;
  /** Lines the report wrote to stdout (one per finding in the text format). */
  reportLines: number;
}

export function runCli(root: string, outDir: string, label: string, args: string[], timeoutMs: number): Promise<CliRun> {
  mkdirSync(outDir, { recursive: true });
  const peakFile = join(outDir, 'peak-rss.cjs');
  writeFileSync(peakFile, "process.on('exit', () => { try { require('fs').writeSync(2, `\\nBENCH_MAXRSS_KB=${process.resourceUsage().maxRSS} BENCH_CPU_US=${process.resourceUsage().userCPUTime + process.resourceUsage().systemCPUTime}\\n`); } catch {} });\n");
  return new Promise((resolvePromise) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['-r', peakFile, join(root, 'dist', 'cli.js'), ...args], { stdio: ['ignore', 'pipe', 'pipe'], cwd: root });
    let stderr = '';
    let reportLines = 0;
    child.stdout.on('data', (d: Buffer) => {
      for (const byte of d) if (byte === 10) reportLines++;
    });
    child.stderr.on('data', (d) => (stderr += String(d)));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      const wallMs = performance.now() - started;
      const kb = Number(/BENCH_MAXRSS_KB=(\d+)/.exec(stderr)?.[1] ?? NaN);
      const cpuMs = Number(/BENCH_CPU_US=(\d+)/.exec(stderr)?.[1] ?? NaN) / 1000;
      const summary = /k8s-stateful: (\d+ files? .*checked.*)/.exec(stderr)?.[1] ?? (code === null ? 'killed (timeout)' : stderr.trim().split('\n')[0] ?? '');
      resolvePromise({ label, wallMs, peakMb: kb / 1024, cpuMs, exitCode: code, summary, reportLines });
    });
  });
}
