// What the rules, completion and the preview read of a resource when they look at it from another
// file, taken once when the resource is indexed. Files that are not open keep no AST
// (documents.ts), so these facts are what cross-file readers use on the hot paths: a diagnostics
// pass must not re-parse the workspace. Readers that need ranges in the other file (navigation,
// quick fixes editing it) still go through `resource.root`, which re-parses on demand.
// Each kind's descriptor (kinds/) says which facts it has; the reference facts come from its sites.
import { descriptorOf, type ReferenceFacts, type ResourceFacts } from '../kinds';
import type { Resource } from '../types';
import { referencesOf } from './references';

export type { DataKeyFacts, ReferenceFacts, ResourceFacts, VolumeFacts } from '../kinds';

export function factsOf(resource: Resource): ResourceFacts {
  const facts = descriptorOf(resource.apiVersion, resource.kind)?.facts?.(resource) ?? {};
  const refs: ReferenceFacts[] = [];
  for (const ref of referencesOf(resource)) {
    if (ref.target === 'Volume') continue;
    const fact: ReferenceFacts = { target: ref.target, name: ref.name };
    if (ref.key !== undefined) fact.key = ref.key;
    if (ref.namespace !== undefined) fact.namespace = ref.namespace;
    refs.push(fact);
  }
  if (refs.length > 0) facts.refs = refs;
  return facts;
}
