/**
 * The small helpers the benchmarks share: options, the log, medians and number formatting.
 */

/** A positive integer option, or an error naming it. */
export function positive(text, name) {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got ${text}`);
  return n;
}

/** Progress goes to standard error, so that the tables on standard output stay clean. */
export const log = (line = '') => process.stderr.write(`${line}\n`);

/** The median of the measured values (null and undefined are runs that measured nothing). */
export const median = (xs) => {
  const s = xs.filter((x) => x !== null && x !== undefined).sort((a, b) => a - b);
  if (s.length === 0) return null;
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

/** A figure with `digits` decimals, 'n/a' when nothing was measured. */
export const fmt = (x, digits = 2) => (x === null || x === undefined || Number.isNaN(x) ? 'n/a' : x.toFixed(digits));

/** KiB (GNU time's unit) as MiB. */
export const mib = (kib) => (kib === null || kib === undefined ? null : kib / 1024);
