/**
 * Usage errors that carry their own advice, and "did you mean" for misspelt commands, options and
 * codes (the nearest names, found as commander finds them).
 */
import { UsageError } from '../errors.js';

/**
 * A usage error whose hint is about what was wrong (what an option takes, where the codes are
 * listed), printed instead of the docs' general advice for its code.
 */
export class HintedUsageError extends UsageError {
  constructor(
    message: string,
    readonly hint: string,
    code: 'USAGE_ERROR' | 'INVALID_OPTION' = 'USAGE_ERROR',
  ) {
    super(message, code);
  }
}

/** ' (Did you mean x?)' for the nearest of `candidates`, or ''. */
export function didYouMean(word: string, candidates: readonly string[]): string {
  const near = closest(word, candidates);
  return near.length === 0 ? '' : ` (Did you mean ${near.join(' or ')}?)`;
}

/** The candidates nearest to `word`, as commander finds them: at most 2 edits, and more alike than not. */
export function closest(word: string, candidates: readonly string[]): string[] {
  let best = 3;
  let found: string[] = [];
  for (const candidate of candidates) {
    if (candidate.length <= 1) continue;
    const distance = editDistance(word, candidate);
    const length = Math.max(word.length, candidate.length);
    if ((length - distance) / length <= 0.4) continue;
    if (distance < best) {
      best = distance;
      found = [candidate];
    } else if (distance === best) found.push(candidate);
  }
  return found;
}

/** Levenshtein distance, for short words. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    previous = current;
  }
  return previous[b.length]!;
}
