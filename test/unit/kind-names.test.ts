// ARCHITECTURE.md's invariant "one source of kind knowledge", enforced: outside service/kinds/, no
// code of the language service names a built-in kind by its bare name. A decision taken on a bare
// name (`resource.kind === 'Secret'`, a table keyed by kind names) also holds for a custom group's
// kind of the same name (a Knative `Service`, an OpenKruise `StatefulSet`); code asks `isKind` or the
// kind's descriptor instead. The few literals that are not decisions (text the user reads, the value
// of a field the API itself fixes) are allowed below, each with its reason.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { test } from 'node:test';
import ts from 'typescript';
import { allKinds, isBuiltinGroup } from '../../server/src/service/kinds';
import { typeScriptFiles } from '../helpers/importGraph';
import { repoRoot } from '../helpers/service';

const SERVICE = join(repoRoot, 'server', 'src', 'service');
const KINDS = join(SERVICE, 'kinds') + sep;

/** `file (from service/): literal` → why it is not a decision on a kind. */
const ALLOWED: Record<string, string> = {
  'rules/pvc-spec-invalid.ts: PersistentVolumeClaim': "the API server's own rule on a dataSource's `kind` value, and its message",
};

/** Built-in kind names: the catalogue's kinds in groups Kubernetes itself serves. */
const BUILTIN_NAMES = new Set(allKinds().filter((d) => isBuiltinGroup(d.group)).map((d) => d.kind));

interface Finding {
  at: string;
  literal: string;
}

/** String literals and property names equal to a built-in kind name, outside comments. */
function kindNamesIn(file: string, text: string, names: ReadonlySet<string>): Finding[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const out: Finding[] = [];
  const visit = (node: ts.Node): void => {
    let literal: string | undefined;
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) literal = node.text;
    else if ((ts.isPropertyAssignment(node) || ts.isPropertySignature(node)) && ts.isIdentifier(node.name)) literal = node.name.text;
    if (literal !== undefined && names.has(literal) && !(ts.isStringLiteral(node) && ts.isImportDeclaration(node.parent))) {
      const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
      out.push({ at: `${relative(SERVICE, file).split(sep).join('/')}:${line + 1}`, literal });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

test('outside service/kinds/, the language service names no built-in kind by its bare name', () => {
  assert.ok(BUILTIN_NAMES.has('StatefulSet') && BUILTIN_NAMES.has('Secret') && BUILTIN_NAMES.size > 30, `read ${BUILTIN_NAMES.size} names`);
  const found = typeScriptFiles(SERVICE)
    .filter((file) => !file.startsWith(KINDS))
    .flatMap((file) => kindNamesIn(file, readFileSync(file, 'utf8'), BUILTIN_NAMES))
    .filter((f) => !(`${f.at.replace(/:\d+$/, '')}: ${f.literal}` in ALLOWED))
    .map((f) => `${f.at}: '${f.literal}'`);
  assert.deepEqual(found, [], `bare kind names outside kinds/ (use isKind, kindId(KEY) or a descriptor field):\n${found.join('\n')}`);
});

test('the kind-name check finds comparisons, lists and tables, and skips comments and imports', () => {
  const text = [
    "import { x } from 'Secret';",
    '// a StatefulSet comment, and "Secret" in it',
    "if (resource.kind === 'StatefulSet') {}",
    "const KINDS = ['Service', `ConfigMap`, 'Cluster'];",
    'const TABLE = { Secret: 1, other: 2 };',
    "const message = `a Secret named ${name}`;",
  ].join('\n');
  const found = kindNamesIn(join(SERVICE, 'x.ts'), text, new Set(['StatefulSet', 'Service', 'ConfigMap', 'Secret']));
  assert.deepEqual(found.map((f) => `${f.at} ${f.literal}`), ['x.ts:3 StatefulSet', 'x.ts:4 Service', 'x.ts:4 ConfigMap', 'x.ts:5 Secret']);
});

test('every allowed literal is still there (the allow-list does not outlive the code)', () => {
  for (const entry of Object.keys(ALLOWED)) {
    const [file, literal] = entry.split(': ');
    const found = kindNamesIn(join(SERVICE, file), readFileSync(join(SERVICE, file), 'utf8'), new Set([literal]));
    assert.ok(found.length > 0, `${entry} is allowed but no longer found`);
  }
});
