// Would parsing in a second thread pay? Measures, in process, what the main thread would still do if
// another thread ran `yaml`'s lexer and CST parser and sent the tokens over (here as JSON):
//   node bench/index.mjs cst-transfer [DIR]   (default: the workspace of `npm run bench -- --workspace-only`)
// Prints per round: the direct parse (CST + compose) of every file, the other thread's share
// (CST + JSON.stringify), and the main thread's share (JSON.parse + compose).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Composer, Parser } from 'yaml';
import { PARSE_OPTIONS } from '../server/src/service/parse/parseFile';

const dir = process.argv[3] ?? join(__dirname, 'workspace-2000-500');
const files: string[] = [];
const queue = [dir];
while (queue.length > 0) {
  const folder = queue.shift()!;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) queue.push(path);
    else if (/\.ya?ml$/.test(entry.name)) files.push(path);
  }
}
const texts = files.map((path) => readFileSync(path, 'utf8'));
const compose = (tokens: Iterable<unknown>): number => {
  let documents = 0;
  for (const _ of new Composer(PARSE_OPTIONS).compose(tokens as never)) documents++;
  return documents;
};
const ms = (start: number) => (performance.now() - start).toFixed(0).padStart(6);
console.log(`${files.length} files, ${(texts.reduce((n, t) => n + t.length, 0) / 1e6).toFixed(1)} MB of YAML`);
for (let round = 0; round < 3; round++) {
  let start = performance.now();
  for (const text of texts) compose(new Parser().parse(text));
  const direct = ms(start);
  start = performance.now();
  const sent = texts.map((text) => JSON.stringify([...new Parser().parse(text)]));
  const other = ms(start);
  start = performance.now();
  for (const json of sent) compose(JSON.parse(json) as unknown[]);
  const main = ms(start);
  console.log(`direct parse ${direct} ms | other thread: CST + stringify ${other} ms | main thread: JSON.parse + compose ${main} ms | ${(sent.reduce((n, j) => n + j.length, 0) / 1e6).toFixed(0)} MB sent`);
}
