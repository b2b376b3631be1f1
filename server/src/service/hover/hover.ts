// Hover on a key or value of a Kubernetes manifest: the field's description (Markdown), type,
// required/optional, default and allowed values; on kind/apiVersion, what the resource is for;
// on values, computed facts (quantities in bytes, durations, int-or-string, file modes).
import { descriptorOf, isKind, SERVICE, STATEFUL_SET } from '../kinds';
import { isMap, type Scalar } from 'yaml';
import type { Hover } from 'vscode-languageserver-types';
import { hitAt, type NodeHit } from '../parse/hitAt';
import { offsetAt, rangeOf } from '../parse/positions';
import { code, dottedPath, fieldMarkdown, markdownProse, splitDescription } from '../schema/docs';
import { entriesForKind, resourceSchema, type ResourceSchema } from '../schema/lookup';
import { groupOf, type JsonSchema, type SchemaRegistry } from '../schema/registry';
import { describeRemovedApi, removedApi } from '../schema/removedApis';
import { fieldAt, isFreeFormMap, isRequired, typeLabel, type Field } from '../schema/walk';
import type { ParsedFile, Resource } from '../types';
import { seqAt, stringAt } from '../yaml/access';
import { resourceEntryDoc } from './resourceNames';
import { valueFacts } from './values';

/**
 * `statefulSetSummary`: the Stateful Preview summary of a StatefulSet (it needs the workspace index),
 * shown above the field docs when hovering the StatefulSet's `metadata.name`.
 */
export function hover(
  file: ParsedFile,
  registry: SchemaRegistry,
  position: { line: number; character: number },
  statefulSetSummary?: (resource: Resource) => string | undefined,
): Hover | null {
  const offset = offsetAt(file.lineCounter, file.text, position);
  const hit = hitAt(file, offset);
  if (!hit) return null;
  const root = hit.document.yaml.contents;
  if (!isMap(root)) return null;
  const apiVersion = stringAt(root, ['apiVersion']);
  const kind = stringAt(root, ['kind']);
  const range = rangeOf(file.lineCounter, file.text, hit.node.range![0], hit.node.range![1]);
  const markdown = (value: string): Hover => ({ contents: { kind: 'markdown', value }, range });

  if (hit.path.length === 1 && (hit.path[0] === 'kind' || hit.path[0] === 'apiVersion')) {
    const text = identityMarkdown(registry, hit, apiVersion, kind, statefulSetSummary);
    return text ? markdown(text) : null;
  }
  const schema = resourceSchema(registry, apiVersion, kind);
  if (!schema) return null;
  const field = fieldAt(schema.root, hit.path);
  if (!field) return null;
  const parentPath = hit.path.slice(0, -1);
  const parent = fieldAt(schema.root, parentPath);
  const last = hit.path[hit.path.length - 1];
  const name = typeof last === 'string' ? last : nearestKey(hit.path);
  const required = typeof last === 'string' ? isRequired(parent, last) : undefined;
  const where = `${code(dottedPath(hit.path))} in ${schema.kind} ${code(schema.apiVersion)}`;
  const parentName = nearestKey(parentPath);
  const entryDoc = resourceEntryDoc(schema, hit.path);
  const doc = fieldDoc(schema.root, field, parent, name, parentName, required, where, hit.on === 'value' ? scalarText(hit.node) : undefined, entryDoc);

  if (hit.on === 'key') return markdown(doc);
  if (hit.document.resource && isKind(hit.document.resource, STATEFUL_SET) && statefulSetSummary && hit.path.join('.') === 'metadata.name') {
    const summary = statefulSetSummary(hit.document.resource);
    if (summary) return markdown(`${summary}\n\n---\n\n${doc}`);
  }
  const source = file.text.slice(hit.node.range![0], hit.node.range![1]);
  const facts = valueFacts({ root: schema.root, field, name, value: hit.node.value, source });
  return markdown(facts.length ? `${facts.join('\n\n')}\n\n---\n\n${doc}` : doc);
}

function scalarText(node: Scalar): string | undefined {
  return node.value === null || node.value === undefined ? undefined : String(node.value);
}

function nearestKey(path: Array<string | number>): string | undefined {
  for (let i = path.length - 1; i >= 0; i--) if (typeof path[i] === 'string') return path[i] as string;
  return undefined;
}

/** A field's documentation; an entry of a free-form map (a label, a resource name) is described by its map. */
function fieldDoc(
  root: JsonSchema,
  field: Field,
  parent: Field | undefined,
  name: string | undefined,
  parentName: string | undefined,
  required: boolean | undefined,
  where: string,
  value?: string,
  entryDoc?: string,
): string {
  if (parent && isFreeFormMap(parent) && name !== undefined) {
    const parts = [`**${escape(name)}** · ${code(typeLabel(root, field))} · entry of ${code(parentName ?? 'the map')}`];
    // An entry we can describe (a claim's `storage`) gets its own meaning instead of the map's
    // generic text ("compute resources"), which would describe the wrong thing.
    const { prose } = splitDescription(parent.description);
    if (entryDoc) parts.push(entryDoc);
    else if (prose) parts.push(markdownProse(prose));
    const own = splitDescription(field.description).prose;
    if (own && own !== prose) parts.push(markdownProse(own));
    parts.push(where);
    return parts.join('\n\n');
  }
  return fieldMarkdown(root, field, { name, required, where, highlight: value });
}

function escape(text: string): string {
  return text.replace(/[\\*_[\]<>#|~`]/g, (c) => `\\${c}`);
}

/** Hover for `apiVersion:` and `kind:` at the top of a resource. */
function identityMarkdown(
  registry: SchemaRegistry,
  hit: NodeHit,
  apiVersion: string | undefined,
  kind: string | undefined,
  statefulSetSummary?: (resource: Resource) => string | undefined,
): string | undefined {
  const sections: string[] = [];
  const removed = apiVersion && kind ? removedApi(apiVersion, kind) : undefined;
  const schema = resourceSchema(registry, apiVersion, kind);
  if (hit.path[0] === 'apiVersion' && apiVersion) {
    const group = groupOf(apiVersion);
    const version = apiVersion.slice(apiVersion.lastIndexOf('/') + 1);
    const stability = /alpha/.test(version) ? 'alpha' : /beta/.test(version) ? 'beta' : 'stable';
    sections.push(`**${escape(apiVersion)}** · API group ${group ? code(group) : 'core (no group)'}, version ${code(version)} (${stability})`);
    if (removed && kind) sections.push(`⚠️ ${markdownProse(describeRemovedApi(apiVersion, kind, removed))}`);
    else if (kind && registry.knowsGroupVersion(apiVersion) && !registry.entry(apiVersion, kind)) {
      const serving = entriesForKind(registry, kind).map((e) => code(e.apiVersion));
      sections.push(`⚠️ ${code(apiVersion)} does not serve ${code(kind)}${serving.length ? `; use ${serving.join(' or ')}` : ''}.`);
    } else if (!registry.knowsGroupVersion(apiVersion) && !removed) {
      const fromCrd = kind !== undefined && registry.entry(apiVersion, kind)?.custom === true;
      sections.push(`${code(apiVersion)} is not a built-in Kubernetes API: a custom resource, ${fromCrd ? 'checked against its CustomResourceDefinition' : 'not checked against a schema'}.`);
    }
  }
  if (schema) sections.push(kindMarkdown(schema, hit, statefulSetSummary));
  else if (kind && hit.path[0] === 'kind') sections.push(`${code(kind)} is not a built-in kind${apiVersion ? ` of ${code(apiVersion)}` : ''}: a custom resource, not checked against a schema (add its CustomResourceDefinition to the workspace or to ${code('k8sStateful.crds')}).`);
  return sections.length ? sections.join('\n\n---\n\n') : undefined;
}

function kindMarkdown(schema: ResourceSchema, hit: NodeHit, statefulSetSummary?: (resource: Resource) => string | undefined): string {
  const parts = [`**${schema.kind}** · \`${schema.apiVersion}\``];
  const purpose = descriptorOf(schema.apiVersion, schema.kind)?.purpose;
  if (purpose) parts.push(purpose);
  const description = splitDescription(schema.root.description ?? schema.entry.description).prose;
  if (description) parts.push(markdownProse(description));
  // What this document yields: the Stateful Preview's summary for a StatefulSet (pods, claims and
  // DNS names with the configured cluster domain), else what the document alone says.
  const summary = isKind(schema, STATEFUL_SET) && hit.document.resource ? statefulSetSummary?.(hit.document.resource) : undefined;
  if (summary) parts.push(summary);
  else {
    const facts = documentFacts(schema, hit);
    if (facts.length) parts.push(facts.join('  \n'));
  }
  return parts.join('\n\n');
}

/** Facts read from this document alone (no workspace): StatefulSet pod and claim names, a headless Service. */
function documentFacts(schema: ResourceSchema, hit: NodeHit): string[] {
  const root = hit.document.yaml.contents;
  if (!isMap(root)) return [];
  const name = stringAt(root, ['metadata', 'name']);
  if (isKind(schema, STATEFUL_SET) && name) {
    const replicasText = stringAt(root, ['spec', 'replicas']);
    const replicas = replicasText === undefined ? 1 : /^\d+$/.test(replicasText) ? Number(replicasText) : undefined;
    if (replicas === undefined) return [];
    const start = Number(stringAt(root, ['spec', 'ordinals', 'start']) ?? 0) || 0;
    if (replicas === 0) return ['No pods (replicas 0).'];
    const out: string[] = [];
    const pods = replicas === 1 ? code(`${name}-${start}`) : `${code(`${name}-${start}`)} … ${code(`${name}-${start + replicas - 1}`)}`;
    out.push(`Pods: ${pods} (${replicas} replica${replicas === 1 ? '' : 's'})`);
    const templates = seqAt(root, ['spec', 'volumeClaimTemplates']);
    const claimNames = (templates?.items ?? []).flatMap((item) => {
      const claim = isMap(item) ? stringAt(item, ['metadata', 'name']) : undefined;
      return claim ? [code(`${claim}-${name}-${start}`)] : [];
    });
    if (claimNames.length) out.push(`Claims of the first pod: ${claimNames.join(', ')}`);
    return out;
  }
  if (isKind(schema, SERVICE)) {
    const clusterIP = stringAt(root, ['spec', 'clusterIP']);
    const type = stringAt(root, ['spec', 'type']);
    if (clusterIP === 'None') return ['This Service is **headless** (`clusterIP: None`): each pod it selects gets its own DNS record.'];
    if (!type || type === 'ClusterIP') return ['This Service has a cluster IP; a StatefulSet needs a headless Service (`clusterIP: None`) for per-pod DNS names.'];
  }
  return [];
}
