// What a big CustomResourceDefinition costs the language service, in process:
//   node bench/index.mjs crd-cost CRD_FILE CR_FILE [OTHER_FILE]
// With the CRD and one of its resources loaded: the first diagnostics of another file, the first and
// a later check of the resource (the first makes its validator), and the first completion in it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { schemaFiles } from '../server/src/schemaFiles';
import { createLanguageService } from '../server/src/service';

const [crdPath, crPath, otherPath = join(process.cwd(), 'examples/postgres/statefulset.yaml')] = process.argv.slice(3);
if (!crdPath || !crPath) {
  console.error('usage: node bench/index.mjs crd-cost CRD_FILE CR_FILE [OTHER_FILE]');
  process.exit(2);
}
const uri = (path: string) => pathToFileURL(path).href;
const timed = <T>(label: string, run: () => T): T => {
  const start = process.hrtime.bigint();
  const result = run();
  console.log(`${label.padEnd(52)} ${(Number(process.hrtime.bigint() - start) / 1e6).toFixed(1).padStart(9)} ms`);
  return result;
};

const service = createLanguageService({ schemas: schemaFiles(join(process.cwd(), 'schemas', 'generated')) });
const crText = readFileSync(crPath, 'utf8');
timed('load the CRD, the resource and another file', () => {
  service.setDocument(uri(crdPath), readFileSync(crdPath, 'utf8'), 1);
  service.setDocument(uri(crPath), crText, 1);
  service.setDocument(uri(otherPath), readFileSync(otherPath, 'utf8'), 1);
});
timed('diagnostics of the other file', () => service.getDiagnostics(uri(otherPath)));
const findings = timed('diagnostics of the resource, first time', () => service.getDiagnostics(uri(crPath)));
service.setDocument(uri(crPath), `${crText}\n# edited\n`, 2);
timed('diagnostics of the resource after an edit', () => service.getDiagnostics(uri(crPath)));
const lines = crText.split('\n');
const specLine = lines.findIndex((l) => l.startsWith('spec:'));
timed('completion under spec: of the resource', () => service.getCompletions(uri(crPath), { line: specLine + 1, character: 2 }));
console.log(`${findings.length} finding(s) on the resource: ${[...new Set(findings.map((d) => d.code))].join(', ') || 'none'}`);
