// text -> YAML documents -> resources. Kubernetes reads manifests with YAML 1.1 rules
// (`yes` is a boolean, `0777` is octal), so documents are parsed as YAML 1.1.
import { Composer, LineCounter, Parser, isMap, isScalar, type Document, type YAMLMap } from 'yaml';
import type { ParsedDocument, ParsedFile, Resource } from '../types';
import { reportDuplicateKeys } from './duplicateKeys';

export const KUBERNETES_HINT = /^\s*(apiVersion|kind)\s*:/m;
/**
 * Templates, not manifests: Helm/Go `{{ … }}`, or ytt annotations (`#@ load(…)`, `port: #@ port`,
 * `#@overlay/match …`), whose values are computed, so the plain YAML holds nulls and placeholders.
 */
export const TEMPLATE_HINT = /\{\{[\s\S]*?\}\}|(?:^|[ \t])#@/m;

export function parseFile(text: string): ParsedFile {
  const lineCounter = lineCounterOf(text);
  // What parseAllDocuments does, but each document is taken in hand as the composer hands it over,
  // while its nodes are still in the CPU caches, rather than after the whole file is composed.
  const composer = new Composer(PARSE_OPTIONS);
  const documents: ParsedDocument[] = [];
  for (const yaml of composer.compose(new Parser().parse(text))) documents.push(parsedDocument(documents.length, yaml as Document.Parsed));
  const isKubernetes = documents.some((d) => d.resource !== undefined) || KUBERNETES_HINT.test(text);
  return { text, lineCounter, documents, isKubernetes, isTemplate: TEMPLATE_HINT.test(text) };
}

/**
 * Line starts counted from the text itself. The parser's own LineCounter misses the newlines inside
 * some tokens after a stream-level error (`Unexpected scalar token in YAML stream`), which shifted
 * every position below such an error onto the wrong line.
 */
export function lineCounterOf(text: string): LineCounter {
  const lineCounter = new LineCounter();
  lineCounter.addNewLine(0);
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) lineCounter.addNewLine(at + 1);
  return lineCounter;
}

/** Parser options shared by full and incremental parses, so both build the same documents. */
export const PARSE_OPTIONS = {
  version: '1.1',
  prettyErrors: false,
  // Checked in linear time by reportDuplicateKeys: the parser's own check is quadratic.
  uniqueKeys: false,
  // Alias expansion is bounded where values are materialised; here we only build the AST.
  keepSourceTokens: false,
} as const;

/** A freshly composed YAML document as the service keeps it: duplicate keys reported (and the AST compacted), resource read. */
export function parsedDocument(index: number, yaml: Document.Parsed): ParsedDocument {
  reportDuplicateKeys(yaml);
  const [start, , end] = yaml.range;
  const document: ParsedDocument = { index, yaml, start, end };
  document.resource = resourceOf(document);
  return document;
}

function resourceOf(document: ParsedDocument): Resource | undefined {
  const root = document.yaml.contents;
  if (!isMap(root)) return undefined;
  const apiVersion = scalarString(root, 'apiVersion');
  const kind = scalarString(root, 'kind');
  if (apiVersion === undefined || kind === undefined) return undefined;
  const metadata = root.get('metadata', true);
  const name = isMap(metadata) ? scalarString(metadata, 'name') : undefined;
  const namespace = isMap(metadata) ? scalarString(metadata, 'namespace') : undefined;
  return { apiVersion, kind, name, namespace, root, document };
}

/** The string value of a scalar key of a map, or undefined when absent or not a scalar. */
export function scalarString(map: YAMLMap, key: string): string | undefined {
  const node = map.get(key, true);
  if (!isScalar(node) || node.value === null || node.value === undefined) return undefined;
  return String(node.value);
}
