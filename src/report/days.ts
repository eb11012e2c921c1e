/** Calendar days as whole numbers (days since 1970-01-01, UTC), and back. */

const DAY_MS = 86_400_000;

/** 'YYYY-MM-DD' to its day number. */
export function dayNumber(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}

/** A day number to 'YYYY-MM-DD'. */
export function isoDate(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}
