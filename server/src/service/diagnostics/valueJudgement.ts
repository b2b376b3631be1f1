// What a finding judges about the value it points at. A value can be a placeholder that a
// substitution step (envsubst, sed) fills in before apply; whether such a finding is then
// meaningless, and folds into the file's one `template-placeholder` hint, depends on what it
// judges (docs/severity.md, "Placeholders"). Every rule declares it, and may override it per finding.
import type { Diagnostic } from '../types';

export type ValueJudgement =
  /** The value's type or encoding (an integer, base64 bytes, a quantity): no word is right there, so any placeholder-like value folds. */
  | 'type'
  /** The characters of a name or string (a DNS label, a port name): a bare capital word is also a plausible mistake (`HTTP`). */
  | 'syntax'
  /** One of a fixed set of values: a bare capital word is a typo (`TCPP`), never a placeholder. */
  | 'enum'
  /** What the value means (a reference, a relation between fields, structure, advice): only `${…}` marks a placeholder. */
  | 'meaning';

/** Kept on the diagnostic under a symbol: copied by object spread (caches move diagnostics), never serialised. */
const JUDGES = Symbol('judges');

type Judged = Diagnostic & { [JUDGES]?: ValueJudgement };

export function withJudgement<D extends Diagnostic>(diagnostic: D, judgement: ValueJudgement): D {
  if (judgement !== 'meaning') (diagnostic as Judged)[JUDGES] = judgement;
  return diagnostic;
}

export function judgementOf(diagnostic: Diagnostic): ValueJudgement {
  return (diagnostic as Judged)[JUDGES] ?? 'meaning';
}
