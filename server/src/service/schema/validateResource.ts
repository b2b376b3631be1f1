// Schema diagnostics for one resource: removed apiVersions, unknown kinds, and ajv errors placed
// on the exact key or value they are about.
import { CONFIG_MAP, isKind, SECRET, takesStatusOnCreate } from '../kinds';
import type { ErrorObject } from 'ajv';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import type { Node } from 'yaml';
import { isMap } from '../yaml/guards';
import { rangeOf } from '../parse/positions';
import { SOURCE } from '../parse/syntaxDiagnostics';
import type { Diagnostic, ParsedFile, Resource } from '../types';
import { withJudgement, type ValueJudgement } from '../diagnostics/valueJudgement';
import { documentData } from './documentData';
import { rememberTypedNodes, typedCollector } from './typedNodes';
import { decodePointer, locate } from './locate';
import {
  closestName,
  enumMessage,
  formatMessage,
  genericMessage,
  requiredMessage,
  typeMessage,
  unionMessage,
  unknownFieldMessage,
} from './messages';
import { SchemaRegistry, groupOf, type JsonSchema, type Validator } from './registry';
import { checkedApiVersion, describeRemovedApi, removedApi } from './removedApis';

/** Aliases expanded per document before we refuse to materialise it (billion-laughs guard). */
const MAX_ALIAS_COUNT = 1000;

export function validateResource(file: ParsedFile, resource: Resource, registry: SchemaRegistry): Diagnostic[] {
  const { apiVersion, kind } = resource;
  const removed = removedApi(apiVersion, kind);
  // The version it was removed in travels with the diagnostic (data): an older kubernetesVersion still serves it.
  const removedDiagnostic = removed && { ...diagnosticAt(file, valueNode(resource, 'apiVersion'), describeRemovedApi(apiVersion, kind, removed), 'deprecated-api-version'), data: { apiVersion, kind } };
  // A removed apiVersion is checked as its replacement too, and both are reported.
  const schemaVersion = checkedApiVersion(apiVersion, kind);
  const validate = registry.validator(schemaVersion, kind);
  if (removedDiagnostic) {
    if (!validate) return [removedDiagnostic];
    const asReplacement = checkData(file, resource, registry, validate, schemaVersion).map((d) =>
      d.code === 'schema' ? { ...d, message: `${d.message} (as ${schemaVersion}, which replaces ${apiVersion})` } : d,
    );
    return [removedDiagnostic, ...asReplacement];
  }
  if (!validate) return unknownKindDiagnostics(file, resource, registry);
  return checkData(file, resource, registry, validate, apiVersion);
}

/** The schema check proper, against the validator of `apiVersion` (the resource's own or its replacement). */
function checkData(file: ParsedFile, resource: Resource, registry: SchemaRegistry, validate: Validator, apiVersion: string): Diagnostic[] {
  let data: unknown;
  try {
    // The rules' typed nodes come with the data, from the same walk.
    const typed = typedCollector(resource, registry);
    data = documentData(resource.document.yaml, MAX_ALIAS_COUNT, typed);
    if (typed?.complete) rememberTypedNodes(resource, typed);
  } catch (error) {
    const message = `this document cannot be checked: ${(error as Error).message} (YAML aliases expand to too many nodes)`;
    return [diagnosticAt(file, resource.root, message, 'yaml-aliases')];
  }
  // The replacement's schema only accepts its own apiVersion; the removed one is reported already.
  if (apiVersion !== resource.apiVersion && data && typeof data === 'object') data = { ...(data as object), apiVersion };
  if (validate(data)) return [];
  const statusUnvalidated = registry.isBuiltIn(apiVersion, resource.kind) && !takesStatusOnCreate(apiVersion, resource.kind);
  return schemaDiagnostics(file, resource, validate.errors ?? [], statusUnvalidated);
}

function schemaDiagnostics(file: ParsedFile, resource: Resource, errors: ErrorObject[], statusUnvalidated: boolean): Diagnostic[] {
  // anyOf unions (IntOrString, Quantity) report each branch and then the union; keep only the union.
  const unionPaths = new Set(errors.filter((e) => e.keyword === 'anyOf').map((e) => `${e.instancePath}|${e.schemaPath}`));
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    if (isUnionBranch(error, unionPaths) || ownedByRule(error, resource)) continue;
    if (statusUnvalidated && validatedOnly(error)) continue;
    // The API server treats an explicit null like an absent field.
    if (error.keyword === 'type' && error.data === null) continue;
    if (error.keyword === 'if' || error.keyword === 'allOf' || error.keyword === 'oneOf') continue;
    const diagnostic = toDiagnostic(file, resource, error);
    const id = `${diagnostic.range.start.line}:${diagnostic.range.start.character}|${diagnostic.message}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(diagnostic);
  }
  return out;
}

/**
 * Errors a rule reports better, with the source text at hand: one diagnostic per mistake.
 * - quantities (anyOf/format "quantity") -> quantity-invalid (did-you-mean "1Gi" for "1gi", "1 Gi", "1GB");
 * - Secret data that is not base64 -> secret-invalid-base64 / secret-plaintext-in-data (the exact reason);
 * - a number or boolean where a free string is expected -> yaml11-implicit-type ("1.10" became 1.1; quote it);
 * - a map or list as a ConfigMap data value -> cm-value-not-string (a file pasted without `|`).
 */
function ownedByRule(error: ErrorObject, resource: Resource): boolean {
  const scalar = error.data === null || typeof error.data !== 'object';
  const parent = error.parentSchema as JsonSchema | undefined;
  if (error.keyword === 'format' && error.params.format === 'quantity') return true;
  if (error.keyword === 'anyOf' && parent?.format === 'quantity') return scalar;
  if (error.keyword === 'format' && error.params.format === 'byte') return isKind(resource, SECRET) && /^\/data\/[^/]+$/.test(error.instancePath);
  if (error.keyword === 'type' && error.params.type === 'string' && !parent?.enum) {
    if (!scalar) return isKind(resource, CONFIG_MAP) && /^\/data\/[^/]+$/.test(error.instancePath); // cm-value-not-string
    return typeof error.data === 'number' || typeof error.data === 'boolean';
  }
  return false;
}

/**
 * Errors in a built-in object's top-level `status` that only the API server's validation would find:
 * it never validates a status sent with the object (takesStatusOnCreate). Decoding still sees it, so
 * unknown fields (strict field validation) and wrong types are kept.
 */
function validatedOnly(error: ErrorObject): boolean {
  if (error.keyword !== 'required' && error.keyword !== 'enum') return false;
  return error.instancePath === '/status' || error.instancePath.startsWith('/status/');
}

function isUnionBranch(error: ErrorObject, unionPaths: Set<string>): boolean {
  const at = error.schemaPath.lastIndexOf('/anyOf/');
  if (at < 0) return false;
  return unionPaths.has(`${error.instancePath}|${error.schemaPath.slice(0, at)}/anyOf`);
}

function toDiagnostic(file: ParsedFile, resource: Resource, error: ErrorObject): Diagnostic {
  const doc = resource.document.yaml;
  const segments = decodePointer(error.instancePath);
  switch (error.keyword) {
    case 'additionalProperties': {
      const field = String(error.params.additionalProperty);
      const located = locate(doc, [...segments, field]);
      return withData(diagnosticAt(file, located.key ?? located.value, unknownFieldMessage(field, error.parentSchema as JsonSchema)), { unknownField: field });
    }
    case 'required': {
      const located = locate(doc, segments);
      const anchor = located.key ?? firstKey(located.value) ?? located.value;
      // data.missingField lets partial resources (Kustomize patches) drop it and quick fixes add the field.
      return withData(diagnosticAt(file, anchor, requiredMessage(segments, String(error.params.missingProperty))), { missingField: String(error.params.missingProperty) });
    }
    default: {
      const located = locate(doc, segments);
      // Errors about a whole map or list sit on its key, not on the many lines below it.
      const onKey = error.data !== null && typeof error.data === 'object';
      const anchor = (onKey ? located.key : located.value) ?? located.value ?? located.key;
      return withJudgement(diagnosticAt(file, anchor, messageFor(segments, error)), judgementOf(error.keyword));
    }
  }
}

/** What an ajv error judges about its value (for placeholders); required and unknown fields judge none. */
function judgementOf(keyword: string): ValueJudgement {
  switch (keyword) {
    case 'enum':
    case 'const':
      return 'enum';
    case 'pattern':
    case 'maxLength':
    case 'minLength':
      return 'syntax';
    default:
      // type, format (byte, date-time), anyOf unions, numeric bounds.
      return 'type';
  }
}

function messageFor(segments: string[], error: ErrorObject): string {
  switch (error.keyword) {
    case 'type':
      return typeMessage(segments, error);
    case 'enum':
      return enumMessage(segments, error);
    case 'format':
      return formatMessage(segments, error);
    case 'anyOf':
      return unionMessage(segments, error);
    default:
      return genericMessage(segments, error);
  }
}

function unknownKindDiagnostics(file: ParsedFile, resource: Resource, registry: SchemaRegistry): Diagnostic[] {
  const { apiVersion, kind } = resource;
  const sameKindElsewhere = registry.allEntries().filter((e) => e.kind === kind).map((e) => e.apiVersion);
  if (sameKindElsewhere.length > 0 && (registry.knowsGroupVersion(apiVersion) || apiVersion === 'v1')) {
    const message = `${kind} is not served by ${apiVersion}; use apiVersion: ${sameKindElsewhere.join(' or ')}`;
    return [diagnosticAt(file, valueNode(resource, 'apiVersion'), message, 'schema')];
  }
  if (!registry.knowsGroupVersion(apiVersion)) return customKindDiagnostics(file, resource, registry);
  const suggestion = closestName(kind, registry.kindsInGroup(apiVersion).concat(registry.allEntries().filter((e) => e.apiVersion === apiVersion).map((e) => e.kind)));
  const group = groupOf(apiVersion) || 'core';
  const message = suggestion
    ? `unknown kind "${kind}" in ${apiVersion} — did you mean "${suggestion}"?`
    : `unknown kind "${kind}": the ${group} API group has no such kind in ${apiVersion}`;
  return [diagnosticAt(file, valueNode(resource, 'kind'), message, 'schema')];
}

/**
 * A resource of a kind no schema describes (no CRD for it in the workspace or the setting's files):
 * said once per kind and file (fileDiagnostics.ts keeps the first), as information, with how to add one.
 */
function customKindDiagnostics(file: ParsedFile, resource: Resource, registry: SchemaRegistry): Diagnostic[] {
  const { apiVersion, kind } = resource;
  const group = groupOf(apiVersion);
  // A version of a built-in group we have no schema for, or YAML that is not a cluster resource.
  if (registry.kindsInGroup(apiVersion).length > 0 || !mayBeCustomResource(group)) return [];
  const sameGroup = registry.customEntries().filter((e) => groupOf(e.apiVersion) === group);
  const servedAs = sameGroup.filter((e) => e.kind === kind).map((e) => e.apiVersion);
  let message: string;
  if (servedAs.length > 0) {
    message = `the CustomResourceDefinition of ${kind} serves ${servedAs.join(', ')}, not ${apiVersion}: this ${kind} is not checked against a schema`;
  } else if (sameGroup.length > 0) {
    const suggestion = closestName(kind, sameGroup.map((e) => e.kind));
    message = `no CustomResourceDefinition defines ${kind} in ${group}${suggestion ? ` — did you mean "${suggestion}"?` : ''}: it is not checked against a schema`;
  } else {
    message = `no schema for ${kind} (${apiVersion}): resources of this kind are not checked. Add its CustomResourceDefinition to the workspace, or name the CRD file in the k8sStateful.crds setting (--crds for the CLI)`;
  }
  return [withData(diagnosticAt(file, valueNode(resource, 'kind'), message, KIND_WITHOUT_SCHEMA, DiagnosticSeverity.Information), { kindWithoutSchema: `${apiVersion} ${kind}` })];
}

/** The diagnostic code of a resource whose kind has no schema. */
export const KIND_WITHOUT_SCHEMA = 'kind-without-schema';

/**
 * Whether an API group can be a custom resource's: a CRD's group has a dot in it, and the
 * `*.config.k8s.io` groups (Kustomization, kubelet and scheduler configuration) are files, not resources.
 */
function mayBeCustomResource(group: string): boolean {
  return group.includes('.') && !group.endsWith('.config.k8s.io') && group !== 'kubeadm.k8s.io';
}

function valueNode(resource: Resource, key: string): Node | undefined {
  return (resource.root.get(key, true) as Node | undefined) ?? resource.root;
}

function firstKey(node: Node | undefined): Node | undefined {
  if (isMap(node) && node.items.length > 0) return node.items[0].key as Node;
  return undefined;
}

function withData(diagnostic: Diagnostic, data: Record<string, unknown>): Diagnostic {
  diagnostic.data = data;
  return diagnostic;
}

function diagnosticAt(file: ParsedFile, node: Node | undefined, message: string, code = 'schema', severity: DiagnosticSeverity = DiagnosticSeverity.Error): Diagnostic {
  const [start, end] = node?.range ?? [0, 0];
  return {
    range: rangeOf(file.lineCounter, file.text, start, end),
    severity,
    source: SOURCE,
    code,
    message,
  };
}
