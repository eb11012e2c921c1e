/** Month names as KCNA writes them, and calendar checks. */

const MONTHS: Record<string, number> = {
  january: 1, jan: 1,
  february: 2, feb: 2,
  march: 3, mar: 3,
  april: 4, apr: 4,
  may: 5,
  june: 6, jun: 6,
  july: 7, jul: 7,
  august: 8, aug: 8,
  september: 9, sept: 9, sep: 9,
  october: 10, oct: 10,
  november: 11, nov: 11,
  december: 12, dec: 12,
};

/**
 * Regular-expression source matching a month name or abbreviation with an optional full stop
 * ('March', 'Sept.', 'Feb'). Longest alternatives come first so that 'Sept' is not read as 'Sep'.
 */
export const MONTH_SOURCE =
  '(?:January|February|March|April|May|June|July|August|September|October|November|December|Sept|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\\.?';

/** Every spelling MONTH_SOURCE matches ('March', 'Sept.', 'Feb'), mapped once to its number. */
const SPELLINGS = new Map<string, number>(
  Object.entries(MONTHS).flatMap(([name, month]) => {
    const capitalised = name[0]!.toUpperCase() + name.slice(1);
    return [
      [capitalised, month],
      [`${capitalised}.`, month],
    ] as Array<[string, number]>;
  }),
);

/** Month number of a spelling MONTH_SOURCE matches exactly ('March', 'Sept.'), or undefined. */
export function monthOfSpelling(spelling: string): number | undefined {
  return SPELLINGS.get(spelling);
}

/** Month number of a name matched by MONTH_SOURCE, or undefined. */
export function monthNumber(name: string): number | undefined {
  // A map lookup: this runs for every dateline and date line of a batch.
  return SPELLINGS.get(name) ?? MONTHS[name.replace(/\.$/, '').toLowerCase()];
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Whether month/day can occur in some year (29 February included). */
export function isPossibleMonthDay(month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= DAYS_IN_MONTH[month - 1]!;
}

/** The years a date can have: the schema's (dateline.year), four digits. */
export const MIN_YEAR = 1000;
export const MAX_YEAR = 9999;
/** The range as messages name it. */
export const YEAR_RANGE = `${MIN_YEAR}–${MAX_YEAR}`;

/** Whether a year is one a date can have (MIN_YEAR to MAX_YEAR). */
export function isYearInRange(year: number): boolean {
  return Number.isInteger(year) && year >= MIN_YEAR && year <= MAX_YEAR;
}

/** Whether year-month-day is a real calendar date (years 1000 to 9999). */
export function isCalendarDate(year: number, month: number, day: number): boolean {
  if (!isYearInRange(year)) return false;
  if (!isPossibleMonthDay(month, day)) return false;
  return !(month === 2 && day === 29 && !isLeapYear(year));
}

export function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
