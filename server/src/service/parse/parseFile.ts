// text -> YAML documents -> resources. Kubernetes reads manifests with YAML 1.1 rules
// (`yes` is a boolean, `0777` is octal), so documents are parsed as YAML 1.1.
import { Composer, LineCounter, Parser, isMap, isScalar, isSeq, type Document, type Node, type YAMLMap, type YAMLSeq } from 'yaml';
import type { ParsedDocument, ParsedFile, Resource } from '../types';
import { reportDuplicateKeys } from './duplicateKeys';
import { shiftParsed } from './shift';
import { hasUnclosedQuote, joinUnderIndentedQuoteLines, refoldJoinedScalars } from './lenientQuotes';

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
  if (documents.some((d) => hasUnclosedQuote(d.yaml))) repairUnclosedQuotes(text, documents);
  if (documents.some(isList)) unwrapLists(documents);
  const isKubernetes = documents.some((d) => d.resource !== undefined) || KUBERNETES_HINT.test(text);
  return { text, lineCounter, documents, isKubernetes, isTemplate: TEMPLATE_HINT.test(text) };
}

/** Documents go-yaml reads but the spec does not (parse/lenientQuotes.ts) take their lenient parse, when it is clean. */
function repairUnclosedQuotes(text: string, documents: ParsedDocument[]): void {
  const repair = joinUnderIndentedQuoteLines(text);
  if (!repair) return;
  const again = [...new Composer(PARSE_OPTIONS).compose(new Parser().parse(repair.text))] as Document.Parsed[];
  if (again.length !== documents.length) return;
  for (let i = 0; i < documents.length; i++) {
    const yaml = again[i];
    if (!hasUnclosedQuote(documents[i].yaml) || yaml.errors.length > 0) continue;
    refoldJoinedScalars(yaml, text, repair.joined);
    documents[i] = parsedDocument(i, yaml);
  }
}

/**
 * `kind: List` (and typed lists such as ConfigMapList) is how `kubectl get -o yaml` writes several
 * objects; kubectl applies each item. A clean List document is replaced by one document per item,
 * each a copy of the document whose contents is the item, so every feature sees the item as a
 * resource at its own position. (Such files are re-parsed whole on edits: parse/incremental.ts
 * keeps only files whose documents each start at a `---`.)
 */
function isList(document: ParsedDocument): boolean {
  const resource = document.resource;
  return !!resource && /List$/.test(resource.kind) && isSeq(resource.root.get('items', true)) && document.yaml.errors.length + document.yaml.warnings.length === 0;
}

function unwrapLists(documents: ParsedDocument[]): void {
  const out: ParsedDocument[] = [];
  for (const document of documents) {
    if (!isList(document)) {
      out.push(document);
      continue;
    }
    const count = (document.resource!.root.get('items', true) as unknown as YAMLSeq).items.length;
    for (let k = 0; k < count; k++) {
      const copy = document.yaml.clone() as Document.Parsed;
      const item = ((copy.contents as YAMLMap).get('items', true) as unknown as YAMLSeq).items[k] as Node;
      copy.contents = item as never;
      const range = item.range ?? document.yaml.range;
      out.push(keptDocument(out.length, copy, range[0], range[2]));
    }
  }
  out.forEach((d, index) => (d.index = index));
  documents.splice(0, documents.length, ...out);
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
  return keptDocument(index, yaml, start, end);
}

function keptDocument(index: number, yaml: Document.Parsed, start: number, end: number): ParsedDocument {
  const document = new KeptDocument(index, yaml, start, end);
  document.resource = resourceOf(document);
  return document;
}

/**
 * A document of a kept parse. After an edit above it, its offsets move (parse/incremental.ts):
 * `start` and `end` at once, its nodes' ranges when `yaml` is first read. A keystroke in a
 * 2,500-document file then does not walk the nodes of every document below it before diagnostics,
 * whose cached findings need only `start`; features that read the nodes pay for the move once.
 */
class KeptDocument implements ParsedDocument {
  resource?: Resource;
  /** Characters every offset inside `parsed` has yet to move by. */
  private unmoved = 0;

  constructor(
    public index: number,
    private parsed: Document.Parsed,
    public start: number,
    public end: number,
  ) {}

  get yaml(): Document.Parsed {
    if (this.unmoved !== 0) {
      shiftParsed(this.parsed, this.unmoved);
      this.unmoved = 0;
    }
    return this.parsed;
  }

  set yaml(yaml: Document.Parsed) {
    this.parsed = yaml;
    this.unmoved = 0;
  }

  /** The counts do not change with offsets: read without moving anything. */
  get errorCount(): number {
    return this.parsed.errors.length;
  }

  get warningCount(): number {
    return this.parsed.warnings.length;
  }

  moveBy(delta: number): void {
    this.start += delta;
    this.end += delta;
    this.unmoved += delta;
  }
}

/** A resource of a kept document: its root is read through the document, so the nodes' offsets are current. */
class KeptResource implements Resource {
  constructor(
    public apiVersion: string,
    public kind: string,
    public name: string | undefined,
    public namespace: string | undefined,
    public document: ParsedDocument,
  ) {}

  get root(): YAMLMap {
    return this.document.yaml.contents as YAMLMap;
  }
}

/** Moves a document kept across an edit by `delta` characters (parse/incremental.ts). */
export function moveDocument(document: ParsedDocument, delta: number): void {
  if (document instanceof KeptDocument) document.moveBy(delta);
  else {
    shiftParsed(document.yaml, delta);
    document.start += delta;
    document.end += delta;
  }
}

/**
 * Brings the offsets of a resource's nodes up to date. Call before reading nodes a cache took from
 * `resource.root` earlier (the document may have moved since); costs nothing for other resources.
 */
export function settle(resource: Resource): void {
  if (resource instanceof KeptResource) void resource.document.yaml;
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
  return new KeptResource(apiVersion, kind, name, namespace, document);
}

/** The string value of a scalar key of a map, or undefined when absent or not a scalar. */
export function scalarString(map: YAMLMap, key: string): string | undefined {
  const node = map.get(key, true);
  if (!isScalar(node) || node.value === null || node.value === undefined) return undefined;
  return String(node.value);
}
