/**
 * The lead's year. A dateline names no year and the teaser dates belong to the capture page, so the
 * year comes only from sources that speak for the lead, in this order:
 *   1. the caller's year option (the command line's --year);
 *   2. a KCNA stamp line '(Juche113.2.29.)' whose month and day agree with the dateline;
 *   3. the page's own date (kcnawatch's 'Date:' line, a KNS calendar, a digest header) within three
 *      days of the dateline, taken across a New Year ('December 31' on a page of 2024-01-01 is 2023);
 *   4. a Gregorian stamp '(2025.12.14.)' whose month and day agree with the dateline;
 *   5. a YYYY-MM-DD or YYYYMMDD date, or YYYY/MM[/DD] folders, in the file path agreeing with the
 *      dateline, or kcna.co.jp's address of a day's page ('item/1999/9909/news09/14.htm') within
 *      three days of it.
 * The first usable source wins; later ones giving another year raise YEAR_CONFLICT, one for each
 * year and line, naming each source once (of a path: the file name, a folder name, the folders). A capture
 * date is never a source: a page captured in 2026 can hold a story of 2019.
 */
import type { Warning, YearSource } from '../schema/types.js';
import { isCalendarDate } from './dates.js';
import { warn } from './warnings.js';

export interface StampSeen {
  line: number;
  year: number;
  month: number;
  day: number;
}

export interface YearInputs {
  month: number;
  day: number;
  optionYear: number | undefined;
  /** The year for a dateline no other source dates (--default-year), or undefined. */
  defaultYear?: number | undefined;
  stamps: readonly StampSeen[];
  /** The page's own date and its line, or null. */
  pageDate: StampSeen | null;
  /** Gregorian stamps. */
  publishStamps: readonly StampSeen[];
  path: string | null;
}

export interface YearResult {
  year: number | null;
  source: YearSource | null;
  warnings: Warning[];
}

interface Candidate {
  year: number;
  source: YearSource;
  line: number | null;
  /** What gave the year, for messages: 'the Juche stamp', 'the file name', 'the folders'... */
  what: string;
}

const PATH_DATE = /(?<!\d)(\d{4})(-?)(\d{2})\2(\d{2})(?!\d)/g;
/** Archive folders: '.../2019/12/...' or '.../2019/12/13/...'. */
const PATH_FOLDERS = /(?:^|\/)(\d{4})\/(\d{2})\/(?:(\d{2})\/)?/g;
/**
 * kcna.co.jp's address of a day's page, kept by a mirror: 'item/1999/9909/news09/14.htm',
 * 'item/2003/200301/news01/28.htm' (year, month folder, day file). The page of a day holds that
 * day's stories and the day before's, so it dates a dateline within three days, as a page's date does.
 */
const PATH_KCNA_CO_JP_DAY = /(?:^|\/)(\d{4})\/(?:\d{2}|\d{4})(\d{2})\/news\d{2}\/(\d{2})\.html?$/u;
const DAY_MS = 86_400_000;

/** The year of month/day that lies within three days of the page's date, or undefined. */
function nearYear(page: StampSeen, month: number, day: number): number | undefined {
  const pageTime = Date.UTC(page.year, page.month - 1, page.day);
  for (const year of [page.year, page.year - 1, page.year + 1]) {
    if (!isCalendarDate(year, month, day)) continue;
    if (Math.abs(Date.UTC(year, month - 1, day) - pageTime) <= 3 * DAY_MS) return year;
  }
  return undefined;
}

export function resolveYear({ month, day, optionYear, defaultYear, stamps, pageDate, publishStamps, path }: YearInputs): YearResult {
  const warnings: Warning[] = [];
  const candidates: Candidate[] = [];
  if (optionYear !== undefined) candidates.push({ year: optionYear, source: 'option', line: null, what: describe('option') });
  for (const stamp of stamps) {
    if (stamp.month === month && stamp.day === day) {
      candidates.push({ year: stamp.year, source: 'juche-stamp', line: stamp.line, what: describe('juche-stamp') });
    } else {
      warnings.push(warn.stampDateMismatch(stamp.line, stamp, { month, day }));
    }
  }
  if (pageDate !== null) {
    const year = nearYear(pageDate, month, day);
    if (year !== undefined) candidates.push({ year, source: 'page-date', line: pageDate.line, what: describe('page-date') });
    else warnings.push(warn.pageDateMismatch(pageDate.line, pageDate, { month, day }));
  }
  for (const stamp of publishStamps) {
    if (stamp.month === month && stamp.day === day) {
      candidates.push({ year: stamp.year, source: 'publish-stamp', line: stamp.line, what: describe('publish-stamp') });
    } else {
      warnings.push(warn.stampDateMismatch(stamp.line, stamp, { month, day }));
    }
  }
  if (path !== null) {
    // Which part of the path gave a year is named in messages: the file name, a folder's name, or
    // the YYYY/MM folders (a path such as 'yr/2019/03/2021-03-02-x.txt' gives two years).
    const nameStart = path.lastIndexOf('/') + 1;
    for (const m of path.matchAll(PATH_DATE)) {
      const [y, mo, d] = [Number(m[1]), Number(m[3]), Number(m[4])];
      const what = m.index! >= nameStart ? 'the file name' : 'a folder name';
      if (mo === month && d === day && isCalendarDate(y, mo, d)) candidates.push({ year: y, source: 'path', line: null, what });
    }
    const daily = PATH_KCNA_CO_JP_DAY.exec(path);
    if (daily) {
      const page = { line: 0, year: Number(daily[1]), month: Number(daily[2]), day: Number(daily[3]) };
      const year = isCalendarDate(page.year, page.month, page.day) ? nearYear(page, month, day) : undefined;
      if (year !== undefined) candidates.push({ year, source: 'path', line: null, what: "the kcna.co.jp page's address in the path" });
    }
    if (path.includes('/')) {
      for (const m of path.matchAll(PATH_FOLDERS)) {
        const [y, mo] = [Number(m[1]), Number(m[2])];
        const d = m[3] === undefined ? day : Number(m[3]);
        if (mo === month && d === day && isCalendarDate(y, mo, d)) candidates.push({ year: y, source: 'path', line: null, what: 'the folders' });
      }
    }
  }

  let winner: Candidate | undefined;
  /** The sources that disagree with the winner, grouped by the year they give and their line: one warning each. */
  const losers = new Map<string, { line: number | null; year: number; what: string[] }>();
  for (const candidate of candidates) {
    if (!isCalendarDate(candidate.year, month, day)) {
      warnings.push(warn.impossibleDate(candidate.line, candidate.what, candidate.year, month, day));
      continue;
    }
    if (winner === undefined) winner = candidate;
    else if (candidate.year !== winner.year) {
      const key = `${candidate.year}:${candidate.line}`;
      const group = losers.get(key);
      if (group === undefined) losers.set(key, { line: candidate.line, year: candidate.year, what: [candidate.what] });
      else if (!group.what.includes(candidate.what)) group.what.push(candidate.what);
    }
  }
  for (const { line, year, what } of losers.values()) warnings.push(warn.yearConflict(line, { year: winner!.year, source: winner!.what }, { year, sources: what }));
  // The default year dates only what nothing else dates: it never outvotes a source, nor conflicts.
  if (winner === undefined && defaultYear !== undefined) {
    if (isCalendarDate(defaultYear, month, day)) return { year: defaultYear, source: 'default-year', warnings: distinct(warnings) };
    warnings.push(warn.impossibleDate(null, describe('default-year'), defaultYear, month, day));
  }
  return { year: winner?.year ?? null, source: winner?.source ?? null, warnings: distinct(warnings) };
}

/** The warnings without repeats of one already listed (the same code, line and message). */
function distinct(warnings: readonly Warning[]): Warning[] {
  const seen = new Set<string>();
  return warnings.filter((warning) => {
    const key = `${warning.code}\n${warning.line}\n${warning.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function describe(source: YearSource): string {
  switch (source) {
    case 'option':
      return 'the year option';
    case 'juche-stamp':
      return 'the Juche stamp';
    case 'page-date':
      return "the page's date";
    case 'publish-stamp':
      return 'the publish stamp';
    case 'path':
      return 'the file path'; // candidates from a path name their part instead: the file name, the folders
    case 'teaser-date':
      return "the teaser's date line";
    case 'default-year':
      return 'the default year option';
  }
}
