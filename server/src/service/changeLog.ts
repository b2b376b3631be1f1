// What recent steps of a generation counter changed, so whoever derives something from the whole
// (the index from the document store, lookup versions from the index) updates just that part.
export class ChangeLog {
  /** Contiguous steps up to the owner's generation; emptied when a step's changes are not known. */
  private steps: Array<{ generation: number; keys: Iterable<string> }> = [];

  /** `limit`: steps kept; older ones are "not known" (their readers start over). */
  constructor(private readonly limit: number) {}

  /** The step to `generation` changed `keys`. */
  record(generation: number, keys: Iterable<string>): void {
    this.steps.push({ generation, keys });
    if (this.steps.length > this.limit) this.steps.shift();
  }

  /** A step whose changes are not known: everything before it is forgotten. */
  reset(): void {
    this.steps = [];
  }

  /** The keys changed after `generation` up to `current`, or undefined when that is no longer known. */
  since(generation: number, current: number): Set<string> | undefined {
    if (generation === current) return new Set();
    const first = this.steps[0];
    if (!first || first.generation > generation + 1 || generation > current) return undefined;
    const out = new Set<string>();
    for (const step of this.steps) if (step.generation > generation) for (const key of step.keys) out.add(key);
    return out;
  }
}
