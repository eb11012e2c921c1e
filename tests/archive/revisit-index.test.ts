/**
 * The revisit index's location table (src/io/archive/revisits.ts, LocationIndex): held in typed
 * arrays with its own open-addressing table, it must answer as the plain definition does — a key
 * is found when it was remembered within the last `capacity` rememberings, with its latest
 * location — whatever the order of keys, repeats and collisions of their slots.
 */
import { describe, expect, it } from 'vitest';
import { LocationIndex, RevisitStore, idHash, recordKeys, type RecordLocation } from '../../src/io/archive/revisits.js';
// A seeded generator (mulberry32), so that a failure can be replayed.
import { seededRandom as random } from '../../scripts/lib/html-templates.mjs';

/** 16 hex digits, as recordKeys makes them; `clash` keeps the low half in few values, so that keys share home slots. */
function key(n: number, clash: boolean): string {
  const high = (Math.imul(n, 0x9e3779b1) >>> 0).toString(16).padStart(8, '0');
  const low = (clash ? n % 7 : Math.imul(n + 1, 0x85ebca6b) >>> 0).toString(16).padStart(8, '0');
  return high + low;
}

describe('LocationIndex', () => {
  it.each([
    [1, 1, false],
    [2, 5, false],
    [3, 50, false],
    [4, 50, true],
    [5, 257, true],
    [6, 1000, false],
  ])('seed %i, capacity %i (clashing slots: %s): answers as the last rememberings do', (seed, capacity, clash) => {
    const next = random(seed);
    const index = new LocationIndex(capacity);
    const log: Array<{ key: string; location: RecordLocation }> = [];
    const pool = capacity * 3;
    for (let step = 0; step < capacity * 40; step++) {
      const k = key(Math.floor(next() * pool), clash);
      if (next() < 0.6) {
        const location = { member: next() < 0.5 ? null : `archive/part-${Math.floor(next() * 3)}.warc.gz`, offset: Math.floor(next() * 2 ** 40), recordIdHash: Math.floor(next() * 2 ** 32) };
        index.set(k, location);
        log.push({ key: k, location });
      } else {
        const recent = log.slice(-capacity).filter((entry) => entry.key === k).at(-1);
        expect(index.get(k), `step ${step}`).toEqual(recent?.location);
      }
    }
    // Every key of the pool at the end.
    for (let n = 0; n < pool; n++) {
      const k = key(n, clash);
      expect(index.get(k)).toEqual(log.slice(-capacity).filter((entry) => entry.key === k).at(-1)?.location);
    }
  });

  it('keeps what a crawl asks of it: an original found by id, by capture and by digest, 100,000 keys back', () => {
    const store = new RevisitStore();
    const remember = (n: number) =>
      store.rememberLocation(recordKeys(`urn:uuid:${n}`, `http://www.kcna.kp/en/article/q/${n}.kcmsf`, '2025-01-01T00:00:00Z', `sha1:${n}`), { member: null, offset: n * 1000, recordIdHash: idHash(`urn:uuid:${n}`) });
    for (let n = 0; n < 40_000; n++) remember(n);
    // 3 keys a record: the last 33,333 records are held, the first 6,667 forgotten.
    expect(store.find(recordKeys('urn:uuid:39999', null, null, null))).toEqual({ location: { member: null, offset: 39_999_000, recordIdHash: idHash('urn:uuid:39999') } });
    expect(store.find(recordKeys(null, 'http://www.kcna.kp/en/article/q/7000.kcmsf', '2025-01-01T00:00:00Z', null))).toMatchObject({ location: { offset: 7_000_000 } });
    expect(store.find(recordKeys(null, null, null, 'sha1:6668'))).toMatchObject({ location: { offset: 6_668_000 } });
    expect(store.find(recordKeys('urn:uuid:6000', null, null, 'sha1:6000'))).toBeNull();
  });
});
