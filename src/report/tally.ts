/**
 * Counts by name with a bound on memory: the first MAX_NAMES distinct names are told apart, the
 * rest are only summed. The summary lists the most frequent and sums the others.
 */
import type { Tally as TallySummary } from '../schema/types.generated.js';

/** Distinct names told apart per tally. */
export const MAX_NAMES = 1000;
/** Names listed in a summary. */
export const LISTED_NAMES = 50;

export class Tally {
  private readonly counts = new Map<string, number>();
  /** Occurrences of names beyond MAX_NAMES. */
  private untracked = 0;

  add(name: string, by = 1): void {
    const count = this.counts.get(name);
    if (count !== undefined) this.counts.set(name, count + by);
    else if (this.counts.size < MAX_NAMES) this.counts.set(detach(name), by);
    else this.untracked += by;
  }

  get total(): number {
    let sum = this.untracked;
    for (const count of this.counts.values()) sum += count;
    return sum;
  }

  summary(listed = LISTED_NAMES): TallySummary {
    const sorted = [...this.counts].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0));
    const entries = sorted.slice(0, listed).map(([name, count]) => ({ name, count }));
    let other = this.untracked;
    for (let i = listed; i < sorted.length; i++) other += sorted[i]![1];
    const otherNames = Math.max(0, sorted.length - listed) + (this.untracked > 0 ? 1 : 0);
    return { entries, other, otherNames };
  }
}

/**
 * A copy of `text` that does not share memory with a larger string. V8 represents a substring (a
 * dateline's place, a teaser's text) as a view of the string it was cut from, the whole decoded
 * dump: keeping a 40-character example would keep the dump's text alive with it. Measured before
 * this: about 1.5 KB kept per input on the benchmark corpus, from the teaser examples alone.
 */
export function detach(text: string): string {
  // A JSON round trip builds a new flat string and keeps every code unit, lone surrogates included.
  return JSON.parse(JSON.stringify(text)) as string;
}
