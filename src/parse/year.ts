/**
 * The lead's year. A dateline names no year and the teaser dates belong to the capture page, so the
 * year comes only from sources that speak for the lead, in this order:
 *   1. the caller's option (--year);
 *   2. a KCNA stamp line '(Juche113.2.29.)' whose month and day agree with the dateline;
 *   3. a YYYY-MM-DD or YYYYMMDD date in the file path whose month and day agree with the dateline.
 * The first usable source wins; a later one giving another year raises YEAR_CONFLICT.
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
  stamps: readonly StampSeen[];
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
}

const PATH_DATE = /(?<!\d)(\d{4})(-?)(\d{2})\2(\d{2})(?!\d)/g;

export function resolveYear({ month, day, optionYear, stamps, path }: YearInputs): YearResult {
  const warnings: Warning[] = [];
  const candidates: Candidate[] = [];
  if (optionYear !== undefined) candidates.push({ year: optionYear, source: 'option', line: null });
  for (const stamp of stamps) {
    if (stamp.month === month && stamp.day === day) {
      candidates.push({ year: stamp.year, source: 'juche-stamp', line: stamp.line });
    } else {
      warnings.push(warn.stampDateMismatch(stamp.line, stamp, { month, day }));
    }
  }
  if (path !== null) {
    for (const m of path.matchAll(PATH_DATE)) {
      const [y, mo, d] = [Number(m[1]), Number(m[3]), Number(m[4])];
      if (mo === month && d === day && isCalendarDate(y, mo, d)) candidates.push({ year: y, source: 'path', line: null });
    }
  }

  let winner: Candidate | undefined;
  for (const candidate of candidates) {
    if (!isCalendarDate(candidate.year, month, day)) {
      warnings.push(warn.impossibleDate(candidate.line, describe(candidate.source), candidate.year, month, day));
      continue;
    }
    if (winner === undefined) winner = candidate;
    else if (candidate.year !== winner.year) {
      warnings.push(
        warn.yearConflict(candidate.line, { year: winner.year, source: describe(winner.source) }, { year: candidate.year, source: describe(candidate.source) }),
      );
    }
  }
  return { year: winner?.year ?? null, source: winner?.source ?? null, warnings };
}

function describe(source: YearSource): string {
  switch (source) {
    case 'option':
      return '--year';
    case 'juche-stamp':
      return 'the Juche stamp';
    case 'path':
      return 'the file path';
    case 'teaser-date':
      return "the teaser's date line";
  }
}
