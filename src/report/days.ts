/**
 * Calendar days as whole numbers (days since 1970-01-01, UTC), and back, for every year from 0000
 * to 9999: Date.UTC alone would read years 0 to 99 as 1900 to 1999, and toISOString writes years
 * past 9999 with a sign.
 */

const DAY_MS = 86_400_000;

/** 'YYYY-MM-DD' to its day number; NaN when the text is not such a date. */
export function dayNumber(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (m === null) return Number.NaN;
  const at = new Date(0);
  at.setUTCFullYear(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Math.round(at.getTime() / DAY_MS);
}

/** A day number to 'YYYY-MM-DD'. */
export function isoDate(day: number): string {
  const at = new Date(day * DAY_MS);
  return `${String(at.getUTCFullYear()).padStart(4, '0')}-${pad(at.getUTCMonth() + 1)}-${pad(at.getUTCDate())}`;
}

/** The year, month (1-12) and day of a day number. */
export function partsOf(day: number): { year: number; month: number; day: number } {
  const at = new Date(day * DAY_MS);
  return { year: at.getUTCFullYear(), month: at.getUTCMonth() + 1, day: at.getUTCDate() };
}

/** The day number of the first day of a month (1-12) of a year. */
export function monthStart(year: number, month: number): number {
  const at = new Date(0);
  at.setUTCFullYear(year, month - 1, 1);
  return Math.round(at.getTime() / DAY_MS);
}

/** Days in a month (1-12) of a year. */
export function daysInMonth(year: number, month: number): number {
  return month === 12 ? monthStart(year + 1, 1) - monthStart(year, 12) : monthStart(year, month + 1) - monthStart(year, month);
}

/** A month as a whole number (year × 12 + month − 1), which orders and subtracts. */
export function monthIndex(year: number, month: number): number {
  return year * 12 + month - 1;
}

/** 'YYYY-MM' of a month index. */
export function isoMonth(index: number): string {
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${pad((index % 12) + 1)}`;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
