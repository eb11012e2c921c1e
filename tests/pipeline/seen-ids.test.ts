/** The set of content ids met in a run (src/pipeline/seen-ids.ts: --dedupe and the report) answers as a Map of ids to paths would. */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SeenIds } from '../../src/pipeline/seen-ids.js';

const contentId = (n: number): string => createHash('sha256').update(String(n)).digest('hex').slice(0, 32);

describe('SeenIds', () => {
  it('gives back the path each of 50,000 ids was first added with, through many growths', () => {
    const seen = new SeenIds();
    for (let i = 0; i < 50_000; i++) {
      // Three ids per input, as on a page of several dispatches; every fifth input is standard input.
      const path = i % 5 === 0 ? null : `archive/${i >> 2}/${i}-ü.txt`;
      if (seen.firstPath(contentId(i)) === undefined) seen.add(contentId(i), path);
    }
    expect(seen.size).toBe(50_000);
    for (let i = 0; i < 50_000; i += 97) expect(seen.firstPath(contentId(i))).toBe(i % 5 === 0 ? null : `archive/${i >> 2}/${i}-ü.txt`);
    expect(seen.firstPath(contentId(50_001))).toBeUndefined();
  });

  it('keeps the first path of an id added twice', () => {
    const seen = new SeenIds();
    seen.add(contentId(1), 'first.txt');
    seen.add(contentId(1), 'second.txt');
    expect(seen.firstPath(contentId(1))).toBe('first.txt');
    expect(seen.size).toBe(1);
  });

  it('answers as a Map for any ids and paths: odd-shaped ids, lone surrogates, repeats', () => {
    const id = fc.oneof(fc.integer({ min: 0, max: 300 }).map(contentId), fc.string({ maxLength: 40 }), fc.constant(contentId(7).toUpperCase()));
    const path = fc.option(fc.oneof(fc.string({ unit: 'binary', maxLength: 30 }), fc.constantFrom('a.txt', 'b\ud800.txt', '\udfffc.txt', '𝔸.txt')));
    fc.assert(
      fc.property(fc.array(fc.tuple(id, path), { maxLength: 400 }), (steps) => {
        const seen = new SeenIds();
        const oracle = new Map<string, string | null>();
        for (const [key, value] of steps) {
          expect(seen.firstPath(key)).toBe(oracle.get(key));
          if (!oracle.has(key)) {
            oracle.set(key, value);
            seen.add(key, value);
          }
        }
        expect(seen.size).toBe(oracle.size);
        for (const [key, value] of oracle) expect(seen.firstPath(key)).toBe(value);
      }),
      { numRuns: 200 },
    );
  });
});
