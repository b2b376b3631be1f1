// `npm run bench -- --copies 25,50,100,200`: the CLI on N copies of examples/ side by side (a
// monorepo of identical apps: every resource defined N times, every finding repeated per copy), one
// run per N, printing wall and CPU time (CPU is steadier on a shared machine), peak RSS and reported
// lines per N. A run has a fixed cost (start-up, schema compilation) that the smallest N pays too, so
// the "per extra copy" columns (the difference to the smallest run divided by the extra copies) are
// the ones that must stay flat as N grows for time and memory to be linear.
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { runCli, type CliRun } from './cliRun';

interface CopiesOptions {
  copies: number[];
  jobs: string;
  timeoutMs: number;
}

function parseCopiesOptions(argv: string[]): CopiesOptions {
  const options: CopiesOptions = { copies: [25, 50, 100, 200], jobs: '1', timeoutMs: 1_200_000 };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].includes('=') ? argv[i].split('=', 2) : [argv[i], undefined];
    const value = () => inline ?? argv[++i];
    if (flag === '--copies') options.copies = value().split(',').map(Number).filter((n) => n > 0).sort((a, b) => a - b);
    else if (flag === '--jobs') options.jobs = value();
    else if (flag === '--timeout') options.timeoutMs = Number(value()) * 1000;
    else throw new Error(`--copies mode: unknown option ${argv[i]} (--copies LIST, --jobs N, --timeout S)`);
  }
  if (options.copies.length === 0) throw new Error('--copies needs a list of copy counts, e.g. 25,50,100,200');
  return options;
}

/** N copies of examples/ under `dir` (copy-001/…), kept between runs by a marker file. */
function writeCopies(root: string, dir: string, copies: number): void {
  const marker = join(dir, `.complete-${copies}`);
  if (existsSync(marker)) return;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (let i = 1; i <= copies; i++) cpSync(join(root, 'examples'), join(dir, `copy-${String(i).padStart(3, '0')}`), { recursive: true });
  writeFileSync(marker, '');
}

export async function runCopies(root: string, outDir: string, argv: string[]): Promise<void> {
  const options = parseCopiesOptions(argv);
  const runs: Array<{ copies: number; run: CliRun }> = [];
  process.stdout.write(`# CLI on N copies of examples/ — ${new Date().toISOString()}\n\n`);
  process.stdout.write(`Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}. \`check -q -s hint --no-config --jobs ${options.jobs}\`, one run per N.\n\n`);
  for (const copies of options.copies) {
    const dir = join(outDir, `copies-${copies}`);
    writeCopies(root, dir, copies);
    process.stderr.write(`bench: ${copies} copies…\n`);
    const run = await runCli(root, outDir, `${copies} copies`, ['check', '--no-progress', '-s', 'hint', '--no-config', '--jobs', options.jobs, dir], options.timeoutMs);
    runs.push({ copies, run });
  }
  const base = runs[0];
  const rows = runs.map(({ copies, run }) => {
    const extra = (value: (r: CliRun) => number, unit: string, digits: number) =>
      copies === base.copies ? '—' : `${((value(run) - value(base.run)) / (copies - base.copies)).toFixed(digits)} ${unit}`;
    return `| ${copies} | ${(run.wallMs / 1000).toFixed(1)} s | ${(run.cpuMs / 1000).toFixed(1)} s | ${extra((r) => r.cpuMs, 'ms', 0)} | ${(run.cpuMs / base.run.cpuMs).toFixed(2)} (${copies / base.copies}×) | ${Math.round(run.peakMb)} MB | ${extra((r) => r.peakMb, 'MB', 2)} | ${run.reportLines} | ${(run.reportLines / copies).toFixed(1)} | ${run.exitCode} |`;
  });
  process.stdout.write(
    [
      '| copies | wall | CPU | CPU per extra copy | CPU ratio (input ratio) | peak RSS | RSS per extra copy | findings | per copy | exit |',
      '|---|---|---|---|---|---|---|---|---|---|',
      ...rows,
      '',
      `Summary lines: ${runs.map(({ copies, run }) => `${copies}: ${run.summary}`).join('; ')}`,
      '',
    ].join('\n'),
  );
  writeFileSync(join(outDir, 'copies.json'), JSON.stringify({ date: new Date().toISOString(), options, runs }, null, 2));
  process.stderr.write(`bench: results in ${join(outDir, 'copies.json')}\n`);
}
