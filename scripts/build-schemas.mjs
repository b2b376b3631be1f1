// Generates draft-07 JSON Schemas for the built-in Kubernetes kinds into schemas/generated/.
//
// Source: the pinned devDependencies kubernetes-models@5.1.0 and @kubernetes-models/apimachinery@3.0.2.
// Their .d.ts files are parsed with the TypeScript compiler API (syntax only, no type checker):
//   interface           -> {type: object, properties, required, additionalProperties: false}
//   "A" | "B"           -> {type: string, enum: [A, B]}
//   {[key: string]: T}  -> {type: object, additionalProperties: <T>}
//   Array<T>            -> {type: array, items: <T>}
//   reference to a type -> {$ref: "#/definitions/<OpenAPI name derived from the file's path>"}
//   JSDoc               -> description
//
// Integer/number/byte formats: the .d.ts only says `number` / `string`. The package also ships ajv
// "standalone" validators (_schemas/*.js); they are compiled code, not schema objects, so we probe them.
// Before loading them we replace every entry of @kubernetes-models/validate's shared `formats` object
// with a format that rejects everything. Then, per number/string leaf:
//   probe 1: put `true` at the leaf  -> the `type` error says "integer", "number" or "string"
//            (and proves the probe reached the leaf);
//   probe 2: put 1.5 / "x" at the leaf -> a `format` error, if any, names the format
//            (int32, int64, double, byte, ...).
// (The validators skip properties named `description` and `x-kubernetes-*`; those stay plain strings.)
// Both the .d.ts layout and those validator internals are unstable, so the versions are pinned and
// assertSpotValues() below fails the build when a known value is not recovered.
//
// $ref with a description: we emit {"$ref": "...", "description": "..."} (siblings), not an allOf wrapper.
// Draft-07 says siblings of $ref are ignored; ajv 8 evaluates them like any keyword. Either way a
// `description` is only an annotation, so validation is unaffected, hover/completion read it without
// unwrapping allOf, and error schema paths stay short. Only `description` is ever placed next to $ref.
//
// Each kind gets one self-contained file with only the definitions reachable from it, plus index.json,
// and next to it the kind's validator compiled at build time (scripts/build-validators.mjs).
// Run: node scripts/build-schemas.mjs [--pretty]
import ts from 'typescript';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { writeValidators } from './build-validators.mjs';

const startedAt = performance.now();
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const MODELS_DIR = join(ROOT, 'node_modules/kubernetes-models');
const APIMACHINERY_DIR = join(ROOT, 'node_modules/@kubernetes-models/apimachinery');
const TYPE_META_FILE = join(ROOT, 'node_modules/@kubernetes-models/base/dist/meta.d.ts');
const OUT_DIR = join(ROOT, 'schemas/generated');
const PRETTY = process.argv.includes('--pretty');

const EXPECTED_PACKAGES = { 'kubernetes-models': '5.1.0', '@kubernetes-models/apimachinery': '3.0.2' };
// The package carries no Kubernetes version string. Its upstream changelog (5.0.0, PR #258) says
// "Update to Kubernetes v1.36.0"; 5.1.0 is the next minor of that line.
const KUBERNETES_VERSION = '1.36.0';

// Stable group versions only, in index order. Alpha/beta and removed versions are handled elsewhere.
const STABLE_API_VERSIONS = [
  'v1',
  'apps/v1',
  'batch/v1',
  'storage.k8s.io/v1',
  'networking.k8s.io/v1',
  'rbac.authorization.k8s.io/v1',
  'policy/v1',
  'autoscaling/v1',
  'autoscaling/v2',
  'admissionregistration.k8s.io/v1',
  'apiextensions.k8s.io/v1',
  'scheduling.k8s.io/v1',
  'coordination.k8s.io/v1',
  'certificates.k8s.io/v1',
  'discovery.k8s.io/v1',
  'node.k8s.io/v1',
  'events.k8s.io/v1',
  'flowcontrol.apiserver.k8s.io/v1',
  'apiregistration.k8s.io/v1',
];

// Groups whose OpenAPI names do not follow io.k8s.api.<short group>.<version>.<Type>.
const SPECIAL_GROUP_PREFIXES = {
  'apiextensions.k8s.io': 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions',
  'apiregistration.k8s.io': 'io.k8s.kube-aggregator.pkg.apis.apiregistration',
};

// Formats the downstream validator knows; anything else recovered from the package fails the build.
const KNOWN_FORMATS = new Set(['int32', 'int64', 'double', 'byte', 'date-time', 'int-or-string', 'quantity']);

// Kubernetes quantity grammar (k8s.io/apimachinery/pkg/api/resource): signed decimal number with an
// optional binary-SI, decimal-SI or integer exponent suffix.
const QUANTITY_PATTERN = '^[+-]?(\\d+\\.?\\d*|\\.\\d+)(([KMGTPE]i)|[numkMGTPE]|[eE][+-]?\\d+)?$';
const QUANTITY_DESCRIPTION =
  'Quantity is a fixed-point number: a plain number, or a string with an optional suffix, either binary SI (Ki, Mi, Gi, Ti, Pi, Ei), decimal SI (n, u, m, k, M, G, T, P, E) or a decimal exponent (e3). Examples: 500m, 1.5, 128Mi, 2Gi, 1e3.';

const JSON_SCHEMA_PROPS = 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps';
const ref = (name) => ({ $ref: `#/definitions/${name}` });

// Definitions whose .d.ts shape is not what the API accepts (or which the output contract fixes).
const OVERRIDES = {
  'io.k8s.apimachinery.pkg.util.intstr.IntOrString': () => ({
    anyOf: [{ type: 'integer' }, { type: 'string' }],
    format: 'int-or-string',
  }),
  'io.k8s.apimachinery.pkg.api.resource.Quantity': () => ({
    anyOf: [{ type: 'string', pattern: QUANTITY_PATTERN }, { type: 'number' }],
    format: 'quantity',
    description: QUANTITY_DESCRIPTION,
  }),
  'io.k8s.apimachinery.pkg.apis.meta.v1.Time': () => ({ type: 'string', format: 'date-time' }),
  'io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime': () => ({ type: 'string', format: 'date-time' }),
  // The package types these three as empty interfaces (i.e. "an object"); the API accepts the unions below.
  [`${JSON_SCHEMA_PROPS}OrArray`]: () => ({ anyOf: [ref(JSON_SCHEMA_PROPS), { type: 'array', items: ref(JSON_SCHEMA_PROPS) }] }),
  [`${JSON_SCHEMA_PROPS}OrBool`]: () => ({ anyOf: [ref(JSON_SCHEMA_PROPS), { type: 'boolean' }] }),
  [`${JSON_SCHEMA_PROPS}OrStringArray`]: () => ({ anyOf: [ref(JSON_SCHEMA_PROPS), { type: 'array', items: { type: 'string' } }] }),
};

async function main() {
  assertPinnedVersions();
  const typeMeta = parseTypeMeta();
  const kinds = findStableKinds();
  const { definitions, leaves } = convertReachableDefinitions(kinds, typeMeta);
  await recoverFormatsFromPackageValidators(leaves);
  assertOnlyKnownFormats(definitions);
  const files = buildKindFiles(kinds, definitions);
  assertSpotValues(files);
  const { totalBytes, texts } = writeOutput(files, kinds);
  const schemasMs = Math.round(performance.now() - startedAt);
  const validators = await writeValidators(OUT_DIR, texts);
  const ms = Math.round(performance.now() - startedAt);
  console.log(
    `build-schemas: ${kinds.length} kinds, ${definitions.size} definitions, ${(totalBytes / 1024 / 1024).toFixed(2)} MB in ${files.size + 1} files, ${schemasMs} ms; ` +
      `validators ${(validators.bytes / 1024 / 1024).toFixed(2)} MB in ${validators.files} files, ${ms - schemasMs} ms`,
  );
}

// ---------------------------------------------------------------------------------------------
// Package layout

function assertPinnedVersions() {
  for (const [name, version] of Object.entries(EXPECTED_PACKAGES)) {
    const file = join(ROOT, 'node_modules', name, 'package.json');
    if (!existsSync(file)) throw new Error(`${name} is not installed (run npm ci)`);
    const actual = JSON.parse(readFileSync(file, 'utf8')).version;
    if (actual !== version) throw new Error(`${name} is ${actual}, expected the pinned ${version}`);
  }
}

// OpenAPI definition name from the package file layout, e.g.
//   kubernetes-models/apps/v1/StatefulSet.d.ts           -> io.k8s.api.apps.v1.StatefulSet
//   kubernetes-models/v1/Secret.d.ts                     -> io.k8s.api.core.v1.Secret
//   apimachinery/apis/meta/v1/ObjectMeta.d.ts            -> io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta
function definitionNameForFile(file) {
  const typeName = file.slice(file.lastIndexOf(sep) + 1, -'.d.ts'.length);
  if (file.startsWith(APIMACHINERY_DIR + sep)) {
    const dirs = relative(APIMACHINERY_DIR, dirname(file)).split(sep);
    return ['io.k8s.apimachinery.pkg', ...dirs, typeName].join('.');
  }
  if (file.startsWith(MODELS_DIR + sep)) {
    const dirs = relative(MODELS_DIR, dirname(file)).split(sep);
    if (dirs.length === 1) return `io.k8s.api.core.${dirs[0]}.${typeName}`;
    const [group, version] = dirs;
    const prefix = SPECIAL_GROUP_PREFIXES[group] ?? `io.k8s.api.${group.split('.')[0]}`;
    return `${prefix}.${version}.${typeName}`;
  }
  throw new Error(`unexpected declaration file outside the pinned packages: ${file}`);
}

// The package names every type after its OpenAPI name too (IoK8sApiAppsV1StatefulSet); we use that
// both as a cross-check of definitionNameForFile() and to find the type's compiled validator.
function packageTypeName(definitionName) {
  return definitionName
    .split(/[.-]/)
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join('');
}

function validatorFileFor(parsed) {
  const packageDir = parsed.file.startsWith(APIMACHINERY_DIR + sep) ? APIMACHINERY_DIR : MODELS_DIR;
  return join(packageDir, '_schemas', `${packageTypeName(parsed.definitionName)}.js`);
}

function directoryForApiVersion(apiVersion) {
  return join(MODELS_DIR, ...apiVersion.split('/'));
}

function fileNameForKind(apiVersion, kind) {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['core', apiVersion];
  return `${group}.${version}.${kind}.json`;
}

// ---------------------------------------------------------------------------------------------
// Parsing .d.ts files (syntax only)

const parsedFiles = new Map();

/** Parses one .d.ts file once: its main declaration, what its imports point to, and its OpenAPI name. */
function parseDeclarationFile(file) {
  const cached = parsedFiles.get(file);
  if (cached) return cached;
  if (!existsSync(file)) throw new Error(`missing declaration file ${relative(ROOT, file)}`);
  const sourceFile = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const imports = new Map();
  let declaration;
  let packageAliases = [];
  for (const statement of sourceFile.statements) {
    if (ts.isImportDeclaration(statement)) {
      const target = resolveImport(file, statement.moduleSpecifier.text);
      for (const element of statement.importClause?.namedBindings?.elements ?? []) imports.set(element.name.text, target);
    } else if ((ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement)) && !declaration) {
      declaration = statement; // the first one is the I-prefixed data shape; the second alias is a synonym
    } else if (ts.isExportDeclaration(statement) && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
      packageAliases = statement.exportClause.elements.map((element) => element.name.text);
    }
  }
  if (!declaration) throw new Error(`no interface or type alias in ${relative(ROOT, file)}`);
  const definitionName = definitionNameForFile(file);
  if (!packageAliases.includes(packageTypeName(definitionName))) {
    throw new Error(`${relative(ROOT, file)} does not export ${packageTypeName(definitionName)}; definition naming assumption broken`);
  }
  const parsed = { file, sourceFile, declaration, imports, definitionName };
  parsedFiles.set(file, parsed);
  return parsed;
}

function resolveImport(fromFile, specifier) {
  if (specifier.startsWith('.')) return join(dirname(fromFile), specifier.replace(/\.js$/, '.d.ts'));
  const apimachinery = '@kubernetes-models/apimachinery/';
  if (specifier.startsWith(apimachinery)) return join(APIMACHINERY_DIR, `${specifier.slice(apimachinery.length)}.d.ts`);
  if (specifier === '@kubernetes-models/base') return TYPE_META_FILE; // only TypeMeta is used from it
  throw new Error(`unexpected import "${specifier}" in ${relative(ROOT, fromFile)}`);
}

/** JSDoc text of a node, with the comment markers and the generator's `\*` / `\/` escapes removed. */
function jsDocOf(node, sourceFile) {
  const text = sourceFile.text;
  const comments = ts.getLeadingCommentRanges(text, node.pos) ?? [];
  const jsDoc = comments.filter((range) => text.startsWith('/**', range.pos)).at(-1);
  if (!jsDoc) return undefined;
  const lines = text
    .slice(jsDoc.pos + 3, jsDoc.end - 2)
    .split('\n')
    .map((line) => line.replace(/^\s*\* ?/, '').trimEnd())
    .filter((line) => !/^@\w+/.test(line)); // @deprecated and friends are tags, not prose
  const description = lines.join('\n').trim().replace(/\\\*/g, '*').replace(/\\\//g, '/');
  return description || undefined;
}

/** TypeMeta (apiVersion/kind) lives in @kubernetes-models/base; kinds inherit its descriptions. */
function parseTypeMeta() {
  const sourceFile = ts.createSourceFile(TYPE_META_FILE, readFileSync(TYPE_META_FILE, 'utf8'), ts.ScriptTarget.Latest, true);
  const typeMeta = sourceFile.statements.find((s) => ts.isInterfaceDeclaration(s) && s.name.text === 'TypeMeta');
  if (!typeMeta) throw new Error('TypeMeta not found in @kubernetes-models/base');
  const descriptions = new Map();
  for (const member of typeMeta.members) descriptions.set(propertyName(member), jsDocOf(member, sourceFile));
  if (!descriptions.get('apiVersion') || !descriptions.get('kind')) throw new Error('TypeMeta lost its apiVersion/kind docs');
  return { name: 'TypeMeta', descriptions };
}

function propertyName(member) {
  if (!ts.isPropertySignature(member)) throw new Error(`unsupported member syntax: ${ts.SyntaxKind[member.kind]}`);
  return member.name.text; // string literal or identifier
}

// ---------------------------------------------------------------------------------------------
// Kinds

/** Every interface with string-literal apiVersion and kind in the stable group-version directories. */
function findStableKinds() {
  const kinds = [];
  for (const apiVersion of STABLE_API_VERSIONS) {
    const dir = directoryForApiVersion(apiVersion);
    if (!existsSync(dir)) throw new Error(`group version directory missing: ${relative(ROOT, dir)}`);
    const before = kinds.length;
    for (const name of readdirSync(dir).sort()) {
      if (!name.endsWith('.d.ts') || name === 'index.d.ts') continue;
      const parsed = parseDeclarationFile(join(dir, name));
      const literals = typeMetaLiterals(parsed.declaration);
      if (!literals) continue;
      if (literals.apiVersion !== apiVersion) throw new Error(`${name} declares apiVersion ${literals.apiVersion} in ${apiVersion}`);
      kinds.push({
        apiVersion,
        kind: literals.kind,
        file: fileNameForKind(apiVersion, literals.kind),
        definitionName: parsed.definitionName,
        parsed,
      });
    }
    if (kinds.length === before) throw new Error(`no kinds found for ${apiVersion}`);
  }
  return kinds;
}

function typeMetaLiterals(declaration) {
  if (!ts.isInterfaceDeclaration(declaration)) return undefined;
  const literal = (name) => {
    const member = declaration.members.find((m) => ts.isPropertySignature(m) && m.name.text === name);
    const type = member?.type;
    return type && ts.isLiteralTypeNode(type) && ts.isStringLiteral(type.literal) ? type.literal.text : undefined;
  };
  const apiVersion = literal('apiVersion');
  const kind = literal('kind');
  return apiVersion && kind ? { apiVersion, kind } : undefined;
}

// ---------------------------------------------------------------------------------------------
// TypeScript types -> JSON Schema

/**
 * Converts the kinds and everything they reference. Returns the definitions by OpenAPI name and, per
 * definition, the `number`/`string` leaves whose format must be recovered from the package validators.
 */
function convertReachableDefinitions(kinds, typeMeta) {
  const definitions = new Map();
  const leaves = new Map();
  const queue = kinds.map((kind) => kind.parsed);
  while (queue.length > 0) {
    const parsed = queue.shift();
    if (definitions.has(parsed.definitionName)) continue;
    const context = { parsed, typeMeta, leaves: [], enqueue: (file) => queue.push(parseDeclarationFile(file)) };
    definitions.set(parsed.definitionName, convertDeclaration(context));
    leaves.set(parsed.definitionName, { parsed, leaves: context.leaves });
  }
  return { definitions, leaves };
}

function convertDeclaration(context) {
  const { declaration, sourceFile, definitionName } = context.parsed;
  const description = jsDocOf(declaration, sourceFile);
  const override = OVERRIDES[definitionName];
  if (override) {
    for (const target of override().anyOf ?? []) {
      const name = (target.$ref ?? target.items?.$ref)?.slice('#/definitions/'.length);
      if (name) context.enqueue(fileForDefinitionNextTo(context.parsed, name));
    }
    return withDescription(override(), description);
  }
  if (ts.isTypeAliasDeclaration(declaration)) return withDescription(convertType(declaration.type, context, []), description);
  if (declaration.members.length === 0) {
    // RawExtension, FieldsV1, apiextensions JSON: free-form values the package leaves untyped.
    return withDescription({}, description);
  }
  return withDescription(convertObject(declaration.members, context, [], inheritedDescriptions(declaration, context)), description);
}

function fileForDefinitionNextTo(parsed, definitionName) {
  return join(dirname(parsed.file), `${definitionName.slice(definitionName.lastIndexOf('.') + 1)}.d.ts`);
}

/** Descriptions of members inherited through `extends` (only TypeMeta occurs in the package). */
function inheritedDescriptions(declaration, context) {
  const inherited = new Map();
  for (const clause of declaration.heritageClauses ?? []) {
    for (const type of clause.types) {
      const name = type.expression.getText(context.parsed.sourceFile);
      if (name !== context.typeMeta.name) throw new Error(`${context.parsed.definitionName} extends unsupported ${name}`);
      for (const [key, value] of context.typeMeta.descriptions) inherited.set(key, value);
    }
  }
  return inherited;
}

function convertObject(members, context, path, inherited = new Map()) {
  const properties = {};
  const required = [];
  for (const member of members) {
    const name = propertyName(member);
    const schema = convertType(member.type, context, [...path, name]);
    properties[name] = withDescription(schema, jsDocOf(member, context.parsed.sourceFile) ?? inherited.get(name));
    if (!member.questionToken) required.push(name);
  }
  const schema = { type: 'object', properties };
  if (required.length > 0) schema.required = required;
  schema.additionalProperties = false; // catch typos such as serviceNme
  return schema;
}

/** `path` locates the value inside the definition (property names, 0 for array items, '*' for map values). */
function convertType(node, context, path) {
  switch (node.kind) {
    case ts.SyntaxKind.StringKeyword:
      return leaf('string', context, path);
    case ts.SyntaxKind.NumberKeyword:
      return leaf('number', context, path);
    case ts.SyntaxKind.BooleanKeyword:
      return { type: 'boolean' };
    case ts.SyntaxKind.LiteralType:
    case ts.SyntaxKind.UnionType:
      return { type: 'string', enum: stringLiterals(node, context) };
    case ts.SyntaxKind.TypeReference:
      return convertTypeReference(node, context, path);
    case ts.SyntaxKind.TypeLiteral:
      return convertTypeLiteral(node, context, path);
    default:
      throw unsupported(node, context);
  }
}

function leaf(primitive, context, path) {
  const schema = { type: primitive };
  context.leaves.push({ primitive, path, schema });
  return schema;
}

function stringLiterals(node, context) {
  const types = ts.isUnionTypeNode(node) ? node.types : [node];
  return types.map((type) => {
    if (!ts.isLiteralTypeNode(type) || !ts.isStringLiteral(type.literal)) throw unsupported(node, context);
    return type.literal.text;
  });
}

function convertTypeReference(node, context, path) {
  const name = node.typeName.getText(context.parsed.sourceFile);
  if (name === 'Array' && node.typeArguments?.length === 1) {
    return { type: 'array', items: convertType(node.typeArguments[0], context, [...path, 0]) };
  }
  if (node.typeArguments) throw unsupported(node, context);
  if (name === context.parsed.declaration.name.text) return ref(context.parsed.definitionName); // recursive (JSONSchemaProps)
  const file = context.parsed.imports.get(name);
  if (!file || file === TYPE_META_FILE) throw unsupported(node, context);
  context.enqueue(file);
  return ref(definitionNameForFile(file));
}

function convertTypeLiteral(node, context, path) {
  const indexSignatures = node.members.filter((member) => ts.isIndexSignatureDeclaration(member));
  if (indexSignatures.length === 0) return convertObject(node.members, context, path); // e.g. volumeClaimTemplates items
  if (indexSignatures.length !== 1 || node.members.length !== 1) throw unsupported(node, context);
  return { type: 'object', additionalProperties: convertType(indexSignatures[0].type, context, [...path, '*']) };
}

function withDescription(schema, description) {
  if (description) schema.description = description;
  return schema;
}

function unsupported(node, context) {
  const { line } = context.parsed.sourceFile.getLineAndCharacterOfPosition(node.getStart(context.parsed.sourceFile));
  return new Error(
    `unsupported type syntax ${ts.SyntaxKind[node.kind]} "${node.getText(context.parsed.sourceFile).slice(0, 80)}" at ${relative(ROOT, context.parsed.file)}:${line + 1}`,
  );
}

// ---------------------------------------------------------------------------------------------
// Formats from the package's compiled validators

async function recoverFormatsFromPackageValidators(leavesByDefinition) {
  const { formats } = await import('@kubernetes-models/validate');
  makeEveryFormatReject(formats); // must happen before any _schemas module is loaded: they capture the entries
  for (const [definitionName, { parsed, leaves }] of leavesByDefinition) {
    if (leaves.length === 0) continue;
    const validatorFile = validatorFileFor(parsed);
    if (!existsSync(validatorFile)) throw new Error(`no compiled validator for ${definitionName}: ${relative(ROOT, validatorFile)}`);
    const { validate } = await import(pathToFileURL(validatorFile).href);
    for (const leafToProbe of leaves) applyProbedType(leafToProbe, validate, definitionName);
  }
}

function makeEveryFormatReject(formats) {
  const reject = () => false;
  reject.test = reject; // RegExp formats are compiled to format.validate.test(x)
  const rejectingFormat = Object.assign(() => false, { validate: reject }); // format.validate(x) or format(x)
  for (const name of Object.keys(formats)) formats[name] = rejectingFormat;
}

function applyProbedType({ primitive, path, schema }, validate, definitionName) {
  const pointer = path.map((segment) => `/${segment === '*' ? 'key' : segment}`).join('');
  const errorsAtLeaf = (value) => {
    validate(valueAtPath(path, value));
    return (validate.errors ?? []).filter((error) => error.instancePath === pointer);
  };
  const typeError = errorsAtLeaf(true).find((error) => error.keyword === 'type');
  const expected = primitive === 'number' ? ['number', 'integer'] : ['string'];
  if (!typeError && primitive === 'string' && isPropertyTheValidatorsSkip(path)) return; // stays a plain string
  if (!typeError || !expected.includes(typeError.params.type)) {
    throw new Error(`probe of ${definitionName}${pointer} expected a ${primitive} type error, got ${JSON.stringify(typeError?.params)}`);
  }
  schema.type = typeError.params.type;
  const formatError = errorsAtLeaf(primitive === 'number' ? 1.5 : 'x').find((error) => error.keyword === 'format');
  if (formatError) schema.format = formatError.params.format;
}

// The package's validators do not check properties named `description` or `x-kubernetes-*` at all
// (apparently its generator strips those keys from schemas, property names included), so probes cannot
// reach them.
// They are plain strings in the API; any other unreachable leaf fails the build.
function isPropertyTheValidatorsSkip(path) {
  const property = path.findLast((segment) => typeof segment === 'string' && segment !== '*');
  return property === 'description' || Boolean(property?.startsWith('x-kubernetes-'));
}

/** Smallest object that puts `value` at `path` ('*' map segments become the key "key"). */
function valueAtPath(path, value) {
  return path.reduceRight((inner, segment) => {
    if (segment === 0) return [inner];
    return { [segment === '*' ? 'key' : segment]: inner };
  }, value);
}

// ---------------------------------------------------------------------------------------------
// Output

function buildKindFiles(kinds, definitions) {
  const files = new Map();
  for (const kind of kinds) {
    const { description, ...root } = definitions.get(kind.definitionName);
    const reachable = {};
    for (const name of [...collectReachable(root, definitions)].sort()) reachable[name] = definitions.get(name);
    files.set(kind.file, {
      $schema: 'http://json-schema.org/draft-07/schema#',
      title: `${kind.kind} (${kind.apiVersion})`,
      description,
      ...root,
      definitions: reachable,
    });
  }
  return files;
}

function collectReachable(schema, definitions) {
  const seen = new Set();
  const visit = (node) => {
    for (const name of referencedNames(node)) {
      if (seen.has(name)) continue;
      if (!definitions.has(name)) throw new Error(`dangling $ref to ${name}`);
      seen.add(name);
      visit(definitions.get(name));
    }
  };
  visit(schema);
  return seen;
}

/** $ref targets under a schema node; skips `properties` maps' keys (JSONSchemaProps has a property named $ref). */
function referencedNames(node, names = []) {
  if (Array.isArray(node)) {
    for (const item of node) referencedNames(item, names);
  } else if (node && typeof node === 'object') {
    if (typeof node.$ref === 'string') names.push(node.$ref.slice('#/definitions/'.length));
    for (const [key, value] of Object.entries(node)) if (key !== '$ref') referencedNames(value, names);
  }
  return names;
}

function writeOutput(files, kinds) {
  rmSync(OUT_DIR, { recursive: true, force: true });
  mkdirSync(OUT_DIR, { recursive: true });
  let totalBytes = 0;
  const texts = new Map();
  for (const [name, schema] of files) {
    const text = PRETTY ? `${JSON.stringify(schema, null, 2)}\n` : JSON.stringify(schema);
    writeFileSync(join(OUT_DIR, name), text);
    texts.set(name, text);
    totalBytes += Buffer.byteLength(text);
  }
  const index = {
    source: `kubernetes-models@${EXPECTED_PACKAGES['kubernetes-models']}`,
    kubernetesVersion: KUBERNETES_VERSION,
    kinds: kinds.map((kind) => ({
      apiVersion: kind.apiVersion,
      kind: kind.kind,
      file: kind.file,
      description: firstSentence(files.get(kind.file).description ?? ''),
    })),
  };
  const indexText = `${JSON.stringify(index, null, 2)}\n`;
  writeFileSync(join(OUT_DIR, 'index.json'), indexText);
  return { totalBytes: totalBytes + Buffer.byteLength(indexText), texts };
}

function firstSentence(text) {
  const paragraph = text.split('\n')[0];
  // A period ends the sentence unless it belongs to an abbreviation such as "e.g." or "i.e.".
  const match = /^(.*?(?<!\b(?:e\.g|i\.e|etc|vs))\.)(\s|$)/.exec(paragraph);
  return (match ? match[1] : paragraph).trim();
}

// ---------------------------------------------------------------------------------------------
// Sanity checks: fail loudly when the pinned package layout no longer yields known values

function assertOnlyKnownFormats(definitions) {
  const visit = (node, where) => {
    if (Array.isArray(node)) return node.forEach((item) => visit(item, where));
    if (!node || typeof node !== 'object') return;
    if (typeof node.format === 'string' && !KNOWN_FORMATS.has(node.format)) throw new Error(`unknown format "${node.format}" in ${where}`);
    for (const value of Object.values(node)) visit(value, where);
  };
  for (const [name, schema] of definitions) visit(schema, name);
}

function assertSpotValues(files) {
  const check = (condition, message) => {
    if (!condition) throw new Error(`sanity check failed: ${message}`);
  };
  const file = (name) => {
    const schema = files.get(name);
    check(schema, `${name} was not generated`);
    return schema;
  };
  const definition = (schema, name) => {
    const found = schema.definitions[`io.k8s.${name}`];
    check(found, `definition io.k8s.${name} missing`);
    return found;
  };
  const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

  const statefulSet = file('apps.v1.StatefulSet.json');
  check(same(statefulSet.properties.apiVersion.enum, ['apps/v1']), 'StatefulSet apiVersion enum');
  check(statefulSet.properties.spec.$ref === '#/definitions/io.k8s.api.apps.v1.StatefulSetSpec', 'StatefulSet.spec $ref');
  const spec = definition(statefulSet, 'api.apps.v1.StatefulSetSpec').properties;
  check(same(spec.podManagementPolicy?.enum, ['OrderedReady', 'Parallel']), 'podManagementPolicy enum');
  check(spec.replicas?.type === 'integer' && spec.replicas.format === 'int32', 'replicas is integer/int32');
  check(spec.ordinals && spec.persistentVolumeClaimRetentionPolicy, 'StatefulSetSpec has ordinals and persistentVolumeClaimRetentionPolicy');
  const pvcSpec = definition(statefulSet, 'api.core.v1.PersistentVolumeClaimSpec').properties;
  check(same([...pvcSpec.accessModes.items.enum].sort(), ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod']), 'accessModes enum');
  const requests = definition(statefulSet, 'api.core.v1.ResourceRequirements').properties.requests;
  check(requests.additionalProperties.$ref === '#/definitions/io.k8s.apimachinery.pkg.api.resource.Quantity', 'requests values are Quantity');
  const generation = definition(statefulSet, 'apimachinery.pkg.apis.meta.v1.ObjectMeta').properties.generation;
  check(generation.type === 'integer' && generation.format === 'int64', 'ObjectMeta.generation is int64');

  const secretData = file('core.v1.Secret.json').properties.data.additionalProperties;
  check(secretData.type === 'string' && secretData.format === 'byte', 'Secret.data values are byte');
  check(file('core.v1.ConfigMap.json').properties.binaryData.additionalProperties.format === 'byte', 'ConfigMap.binaryData values are byte');
  const service = file('core.v1.Service.json');
  const targetPort = definition(service, 'api.core.v1.ServicePort').properties.targetPort;
  check(targetPort.$ref === '#/definitions/io.k8s.apimachinery.pkg.util.intstr.IntOrString', 'ServicePort.targetPort is IntOrString');
  check(definition(service, 'apimachinery.pkg.util.intstr.IntOrString').format === 'int-or-string', 'IntOrString definition');
  const crd = file('apiextensions.k8s.io.v1.CustomResourceDefinition.json');
  const minimum = definition(crd, 'apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps').properties.minimum;
  check(minimum.type === 'number' && minimum.format === 'double', 'JSONSchemaProps.minimum is number/double (format spy works)');
  check(file('storage.k8s.io.v1.StorageClass.json').title === 'StorageClass (storage.k8s.io/v1)', 'StorageClass title');
  check(files.size > 100, `only ${files.size} kinds generated`);
}

main().catch((error) => {
  console.error(`build-schemas: FAILED: ${error.message}`);
  process.exit(1);
});
