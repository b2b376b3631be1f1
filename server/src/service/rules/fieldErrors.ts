// What the validation rules share: a cursor over the YAML that knows the kubectl field path of where
// it stands (`spec.template.spec.containers[0].ports[1].name`), and a reporter that words findings the
// way the API server does (`<path>: Required value`, `<path>: Invalid value: "x": <why>`), so people can
// search for them, with the range on the offending value, or on the parent when a field is missing.
import type { Document, Node, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import type { ValueJudgement } from '../diagnostics/valueJudgement';
import { isAlias, isMap, isScalar, isSeq } from '../yaml/guards';
import type { RuleContext, RuleSeverity } from './types';

export class Field {
  /** The node as written, which differs from `node` for an alias (`matchLabels: *labels`). */
  private readonly written: Node | undefined;
  private readonly doc: Document | undefined;
  readonly node: Node | undefined;

  constructor(
    node: Node | undefined,
    readonly path: string,
    /** The key of the pair holding this field, when it has one. */
    readonly keyNode?: Scalar,
    readonly parent?: Field,
    doc?: Document,
  ) {
    this.doc = doc ?? parent?.doc;
    this.written = node;
    let resolved: Node | undefined = node;
    for (let hops = 0; resolved && isAlias(resolved) && hops < 32; hops++) resolved = this.doc ? ((resolved.resolve(this.doc) ?? undefined) as Node | undefined) : undefined;
    this.node = resolved;
  }

  static root(resource: { root: YAMLMap; document: { yaml: Document } }): Field {
    return new Field(resource.root, '', undefined, undefined, resource.document.yaml);
  }

  get(key: string): Field {
    const path = this.path ? `${this.path}.${key}` : key;
    if (isMap(this.node)) {
      for (const pair of this.node.items) {
        const k = pair.key;
        if (isScalar(k) && k.value === key) {
          const value = pair.value as Node | null;
          // `key:` with nothing after it is absent for the API server (null).
          const present = value !== null && value !== undefined && !(isScalar(value) && value.value === null);
          return new Field(present ? value : undefined, path, k, this);
        }
      }
    }
    return new Field(undefined, path, undefined, this);
  }

  /** Walks several keys at once. */
  at(...keys: string[]): Field {
    let field: Field = this;
    for (const key of keys) field = field.get(key);
    return field;
  }

  get exists(): boolean {
    return this.node !== undefined;
  }

  get map(): YAMLMap | undefined {
    return isMap(this.node) ? this.node : undefined;
  }

  get seq(): YAMLSeq | undefined {
    return isSeq(this.node) ? this.node : undefined;
  }

  /** Items of a sequence, each with its `[i]` path. */
  items(): Field[] {
    const seq = this.seq;
    if (!seq) return [];
    return seq.items.map((item, i) => new Field((item ?? undefined) as Node | undefined, `${this.path}[${i}]`, undefined, this));
  }

  /** Entries of a map with scalar keys; paths use `[key]` like the API server's map keys. */
  entries(): Array<{ key: string; field: Field }> {
    const map = this.map;
    if (!map) return [];
    const out: Array<{ key: string; field: Field }> = [];
    for (const pair of map.items) {
      if (!isScalar(pair.key)) continue;
      const key = String(pair.key.value);
      const value = (pair.value ?? undefined) as Node | undefined;
      out.push({ key, field: new Field(value, `${this.path}[${key}]`, pair.key, this) });
    }
    return out;
  }

  /** Keys present (with any value, null included) in a map. */
  keys(): string[] {
    const map = this.map;
    if (!map) return [];
    return map.items.filter((p) => isScalar(p.key)).map((p) => String((p.key as Scalar).value));
  }

  /** The value when it is a string scalar. */
  get string(): string | undefined {
    return isScalar(this.node) && typeof this.node.value === 'string' ? this.node.value : undefined;
  }

  /** The value when it is a number scalar. */
  get number(): number | undefined {
    return isScalar(this.node) && typeof this.node.value === 'number' ? this.node.value : undefined;
  }

  get boolean(): boolean | undefined {
    return isScalar(this.node) && typeof this.node.value === 'boolean' ? this.node.value : undefined;
  }

  /** Scalar value of any type (string, number, boolean). */
  get scalar(): string | number | boolean | undefined {
    if (!isScalar(this.node)) return undefined;
    const v = this.node.value;
    return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : undefined;
  }

  /** Where to report about this field: its value, else its key, else the nearest present parent. */
  get anchor(): Node | undefined {
    // A block map or list starts on the line after its key: the key is where the field is.
    if (this.keyNode && (isMap(this.node) || isSeq(this.node))) return this.keyNode;
    return this.written ?? this.keyNode ?? this.parent?.keyAnchor;
  }

  /** Where to report a missing child of this field: its key (or the item itself for list items). */
  get keyAnchor(): Node | undefined {
    return this.keyNode ?? this.written ?? this.parent?.keyAnchor;
  }
}

/** Formats a value the way Go's field errors print it. */
function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === undefined || value === null) return 'null';
  return String(value);
}

export class FieldErrors {
  constructor(
    private readonly ctx: RuleContext,
    /** Appended to each message (e.g. that the API server accepts a StatefulSet but its pods cannot be created). */
    private readonly note = '',
    private readonly severity?: RuleSeverity,
  ) {}

  /** The same reporter with another note (pod templates of StatefulSets, claim templates). */
  withNote(note: string): FieldErrors {
    return new FieldErrors(this.ctx, note, this.severity);
  }

  /** `judges`: an Invalid value judges its form (a placeholder there folds), an Unsupported one its choice. */
  private emit(node: Node | undefined, message: string, judges: ValueJudgement = 'meaning'): void {
    this.ctx.report({ node: node ?? (this.ctx.resource.root.items[0]?.key as Node), message: message + this.note, judges, ...(this.severity ? { severity: this.severity } : {}) });
  }

  /** A missing (or empty) field: reported on its key when it is written, else on the parent's key, or on `at`. */
  required(field: Field, detail = '', at?: Field): void {
    const anchor = at?.anchor ?? field.keyNode ?? field.parent?.keyAnchor ?? field.anchor;
    this.emit(anchor, `${field.path}: Required value${detail ? `: ${detail}` : ''}`);
  }

  invalid(field: Field, detail: string, value: unknown = field.scalar): void {
    this.emit(field.anchor, `${field.path}: Invalid value: ${show(value)}: ${detail}`, 'syntax');
  }

  /** Invalid about a whole block (a map or list): no value printed. */
  invalidBlock(field: Field, detail: string): void {
    this.emit(field.keyAnchor, `${field.path}: Invalid value: ${detail}`);
  }

  notSupported(field: Field, supported: string[], value: unknown = field.scalar): void {
    this.emit(field.anchor, `${field.path}: Unsupported value: ${show(value)}: supported values: ${supported.map((s) => JSON.stringify(s)).join(', ')}`, 'enum');
  }

  duplicate(field: Field, value: unknown = field.scalar): void {
    this.emit(field.anchor, `${field.path}: Duplicate value: ${show(value)}`);
  }

  notFound(field: Field, value: unknown = field.scalar, detail = ''): void {
    this.emit(field.anchor, `${field.path}: Not found: ${show(value)}${detail ? ` (${detail})` : ''}`);
  }

  forbidden(field: Field, detail: string): void {
    this.emit(field.keyAnchor, `${field.path}: Forbidden: ${detail}`);
  }

  tooMany(field: Field, count: number, limit: number): void {
    this.emit(field.keyAnchor, `${field.path}: Too many: ${count}: must have at most ${limit} items`);
  }

  tooLong(field: Field, limit: number, unit = 'bytes'): void {
    this.emit(field.keyAnchor, `${field.path}: Too long: may not be more than ${limit} ${unit}`);
  }

  /** Value-format checks: report `invalid` when the predicate gives a reason. */
  format(field: Field, check: (value: string) => string | undefined): void {
    const value = field.string;
    if (value === undefined) return;
    const problem = check(value);
    if (problem) this.invalid(field, problem);
  }

  /** Integers that must be >= 0. */
  nonNegative(field: Field): void {
    const n = field.number;
    if (n !== undefined && n < 0) this.invalid(field, 'must be greater than or equal to 0');
  }

  positive(field: Field): void {
    const n = field.number;
    if (n !== undefined && n <= 0) this.invalid(field, 'must be greater than 0');
  }

  oneOf(field: Field, supported: string[]): void {
    const value = field.string;
    if (value !== undefined && !supported.includes(value)) this.notSupported(field, supported);
  }
}
