// Build-time ajv validators: one CommonJS module per kind schema, written next to it in schemas/generated/
// (apps.v1.StatefulSet.json -> apps.v1.StatefulSet.js), loaded by server/src/service/schema/registry.ts.
// Compiling a kind's validator at run time costs 10-150 ms (StatefulSet 50+ ms), paid on the first file of
// each kind by every editor session and every CLI run; loading the generated module costs a few ms.
//
// The code is ajv's own standalone output (ajv/dist/standalone) for the exact schema text written to disk,
// with the options and formats of server/src/service/schema/formats.ts, so it reports the same errors as
// the run-time compile (test/unit/precompiled-validators.test.ts compares them). Two changes to it:
// - formats: the generated code requires ./formats.js, that same formats.ts bundled by esbuild. The VSIX
//   ships no node_modules, so the modules must need nothing else (checked below).
// - schemas: with `verbose` (errors carry parentSchema, which messages.ts reads) ajv embeds the whole
//   schema and again every definition it compiles as a function: ~2x the JSON per module, and a second
//   copy in memory next to the one hover/completion use. Instead the module exports create(schema): the
//   registry passes the schema object it already parsed, and the code points into it. To find those
//   literals we give the root and each definition a non-enumerable toJSON returning a marker, which ajv's
//   JSON.stringify of them emits; each marker is replaced by `rootSchema` or `rootSchema.definitions["X"]`.
// The module also records the SHA-1 of the schema text it was made from; the registry compiles at run
// time instead when it does not match (a schema edited or regenerated without its module).
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const FORMATS_SOURCE = join(ROOT, 'server/src/service/schema/formats.ts');
const FORMATS_MODULE = 'formats.js';
const MARKER = '__k8sStatefulSchema__';
const WORKER_TASK = 'k8s-stateful-validators';

const require = createRequire(import.meta.url);
const Ajv = require('ajv').default;
const { _ } = require('ajv');
const standaloneCode = require('ajv/dist/standalone').default;
const AJV_VERSION = require('ajv/package.json').version;

/** The validator module's file for a schema file. The registry derives it the same way. */
export function validatorFileFor(schemaFile) {
  return schemaFile.replace(/\.json$/, '.js');
}

/**
 * Writes formats.js and one validator module per schema into outDir. The schemas must already be there.
 * Compiling is CPU-bound (~2 s for all kinds on one core), so the files are shared among worker threads.
 * @param {string} outDir
 * @param {Map<string, string>} schemaTexts schema file name -> the exact text written to disk
 * @returns {Promise<{ files: number, bytes: number, workers: number }>}
 */
export async function writeValidators(outDir, schemaTexts) {
  await bundleFormats(outDir);
  // Biggest first onto the least loaded share: compile time grows with the schema's size.
  const workers = Math.max(1, Math.min(availableParallelism(), 4));
  const shares = Array.from({ length: workers }, () => ({ files: [], size: 0 }));
  for (const [file, text] of [...schemaTexts].sort((a, b) => b[1].length - a[1].length)) {
    const share = shares.reduce((least, s) => (s.size < least.size ? s : least));
    share.files.push(file);
    share.size += text.length;
  }
  const bytes = await Promise.all(shares.map((share) => inWorker(outDir, share.files)));
  return { files: schemaTexts.size + 1, bytes: bytes.reduce((a, b) => a + b, 0), workers };
}

function inWorker(outDir, files) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(fileURLToPath(import.meta.url), { workerData: { task: WORKER_TASK, outDir, files } });
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`validator worker exited with ${code}`)));
  });
}

/** In a worker: compiles the given schema files of outDir, writes their modules, returns their bytes. */
function compileFiles(outDir, files) {
  const { formats, AJV_OPTIONS } = require(join(outDir, FORMATS_MODULE));
  const ajv = new Ajv({ ...AJV_OPTIONS, formats, code: { source: true, formats: _`require(${'./' + FORMATS_MODULE}).formats` } });
  let bytes = 0;
  for (const file of files) {
    const text = readFileSync(join(outDir, file), 'utf8');
    const schema = JSON.parse(text);
    markSchemaObjects(schema);
    const code = moduleCode(standaloneCode(ajv, ajv.compile(schema)), file, text);
    writeFileSync(join(outDir, validatorFileFor(file)), code);
    bytes += Buffer.byteLength(code);
  }
  return bytes;
}

async function bundleFormats(outDir) {
  const outfile = join(outDir, FORMATS_MODULE);
  await build({ entryPoints: [FORMATS_SOURCE], outfile, bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'warning' });
  const code = readFileSync(outfile, 'utf8');
  if (/\brequire\(/.test(code)) throw new Error(`${FORMATS_MODULE} must be self-contained (the VSIX has no node_modules), but it requires something`);
}

function markSchemaObjects(schema) {
  const mark = (object, pointer) => Object.defineProperty(object, 'toJSON', { value: () => MARKER + pointer, enumerable: false });
  mark(schema, '');
  for (const [name, definition] of Object.entries(schema.definitions ?? {})) {
    if (!/^[\w.-]+$/.test(name)) throw new Error(`unexpected definition name ${JSON.stringify(name)}`);
    if (definition !== null && typeof definition === 'object') mark(definition, `/definitions/${name}`);
  }
}

function moduleCode(standalone, file, text) {
  const head = /^"use strict";\s*module\.exports = (validate\d+);\s*module\.exports\.default = \1;/.exec(standalone);
  if (!head) throw new Error(`${file}: unexpected ajv standalone output (${standalone.slice(0, 80)}…)`);
  const body = standalone
    .slice(head[0].length)
    .replace(new RegExp(`"${MARKER}([^"]*)"`, 'g'), (_match, pointer) => (pointer === '' ? 'rootSchema' : `rootSchema.definitions[${JSON.stringify(pointer.slice('/definitions/'.length))}]`));
  // Every schema ajv put in scope must now point into the passed schema; a literal would mean ajv
  // serialised a schema object we did not mark, and the module would carry its own copy.
  const literal = /\bconst schema\d+ = (?!rootSchema\b)/.exec(body);
  if (literal) throw new Error(`${file}: ajv embedded a schema literal at ${body.slice(literal.index, literal.index + 80)}…`);
  const requires = new Set([...body.matchAll(/\brequire\(([^)]*)\)/g)].map((m) => m[1]));
  for (const required of requires) {
    if (required !== JSON.stringify(`./${FORMATS_MODULE}`)) throw new Error(`${file}: generated code requires ${required}; only ./${FORMATS_MODULE} ships with the schemas`);
  }
  const sha1 = createHash('sha1').update(text).digest('hex');
  return [
    '"use strict";',
    `// Generated by scripts/build-validators.mjs from ${file} with ajv ${AJV_VERSION} (standalone). Do not edit.`,
    `exports.schemaSha1 = ${JSON.stringify(sha1)};`,
    `exports.create = function (rootSchema) {${body}`,
    `return ${head[1]};`,
    '};',
    '',
  ].join('\n');
}

if (!isMainThread && workerData?.task === WORKER_TASK) parentPort.postMessage(compileFiles(workerData.outDir, workerData.files));
