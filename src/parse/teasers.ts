/**
 * The teaser list (kcnawatch's 'More From KCNA.kp (En)' sidebar): three-line entries (text, date,
 * text again) and five-line ones (title, title again, text, date, text again).
 */
import type { Dateline, Teaser, TeaserSection, Warning } from '../schema/types.js';
import { isoDate } from './dates.js';
import type { Line } from './lines.js';
import { isClosing, matchDateOnlyLine, matchDateline, matchHeading, matchStamp, type DatelineMatch } from './patterns.js';
import { warn } from './warnings.js';

export interface TeaserParts {
  section: TeaserSection;
  entries: Teaser[];
  warnings: Warning[];
}

export function toDateline(match: DatelineMatch, year: number | null, yearSource: Dateline['yearSource']): Dateline {
  return { text: match.text, place: match.place, month: match.month, day: match.day, year, yearSource: year === null ? null : yearSource, agency: match.agency };
}

/** Teaser text and its repeat match when they differ only in whitespace. */
export function sameTeaserText(a: string, b: string): boolean {
  return a === b || a.replace(/\s+/gu, '') === b.replace(/\s+/gu, '');
}

export function parseTeasers(zone: readonly Line[]): TeaserParts {
  const heading = zone[0]!;
  const section: TeaserSection = { heading: heading.text, source: matchHeading(heading.text)!, line: heading.n, closingLine: null };
  const entries: Teaser[] = [];
  const warnings: Warning[] = [];
  /** Whether a line can be an entry's text or repeat (not a closing, date or stamp line). */
  const isTextLine = (line: Line | undefined): line is Line =>
    line !== undefined && !isClosing(line.text) && !matchDateOnlyLine(line.text) && !matchStamp(line.text);
  const dateAt = (at: number) => {
    const line = zone[at];
    return line && !isClosing(line.text) ? matchDateOnlyLine(line.text) : undefined;
  };

  let i = 1;
  while (i < zone.length) {
    const line = zone[i]!;
    if (section.closingLine !== null) {
      const stamp = matchStamp(line.text);
      warnings.push(stamp ? warn.stampLine(line.n, line.raw, stamp) : warn.trailingText(line.n, line.raw, 'teaser list'));
      i++;
      continue;
    }
    if (isClosing(line.text)) {
      section.closingLine = line.n;
      i++;
      continue;
    }
    const stamp = matchStamp(line.text);
    if (stamp) {
      warnings.push(warn.stampLine(line.n, line.raw, stamp));
      i++;
      continue;
    }
    const dateOnly = matchDateOnlyLine(line.text);
    if (dateOnly) {
      warnings.push(dateOnly.valid ? warn.teaserStrayDate(line.n, line.raw) : warn.teaserInvalidDate(line.n, line.raw, dateOnly.year));
      i++;
      continue;
    }

    // A five-line entry: title, the title again, text, date, text again.
    let title: { text: string; line: number; repeatLine: number } | null = null;
    const again = zone[i + 1];
    const text5 = zone[i + 2];
    // Cheapest test first: most entries are three lines, whose next line is a date, not a repeat.
    if (again !== undefined && again.text === line.text && isTextLine(again) && isTextLine(text5) && isEntryTitle(line.text) && dateAt(i + 3)?.valid) {
      title = { text: line.text, line: line.n, repeatLine: again.n };
      i += 2;
    }
    const textLine = zone[i]!;
    const dateLine = zone[i + 1];
    const date = dateAt(i + 1);
    if (!dateLine || !date?.valid) {
      warnings.push(warn.teaserMissingDate(textLine.n, textLine.raw));
      i++;
      continue;
    }

    let repeatLine: number | null = null;
    let consumed = 2;
    const repeat = zone[i + 2];
    if (isTextLine(repeat) && sameTeaserText(repeat.text, textLine.text)) {
      repeatLine = repeat.n;
      consumed = 3;
    } else if (isTextLine(repeat) && !(zone[i + 3] && matchDateOnlyLine(zone[i + 3]!.text)) && !startsFiveLineEntry(zone, i + 2)) {
      // Not followed by a date line, so it is not the next entry's text: a repeat that differs.
      // The warning carries the line, so repeatLine stays null and the line is counted once.
      warnings.push(warn.teaserRepeatMismatch(repeat.n, repeat.raw));
      consumed = 3;
    } else {
      warnings.push(warn.teaserRepeatMissing(textLine.n));
    }

    entries.push(makeTeaser({ title, text: textLine.text, line: textLine.n, date, dateLineNumber: dateLine.n, repeatLine }));
    i += consumed;
  }
  if (entries.length === 0) warnings.push(warn.teaserHeadingEmpty(heading.n));
  if (section.closingLine === null) warnings.push(warn.teaserListUnclosed(heading.n));
  return { section, entries, warnings };
}

/** What a teaser entry was read from, in a text capture's lines or a web page's sidebar elements. */
export interface TeaserSource {
  title: { text: string; line: number; repeatLine: number | null } | null;
  /** The entry's text as shown (its own dateline, if any, still in front). */
  text: string;
  line: number;
  date: { year: number; month: number; day: number };
  dateLineNumber: number;
  repeatLine: number | null;
}

/** One teaser entry, from either reader: its dateline taken off the text, its year from its own date. */
export function makeTeaser(source: TeaserSource): Teaser {
  const { date } = source;
  const dateline = matchDateline(source.text);
  return {
    title: source.title?.text ?? null,
    text: dateline ? dateline.rest.trim() : source.text,
    date: isoDate(date.year, date.month, date.day),
    dateline: dateline ? toDateline(dateline, dateline.month === date.month && dateline.day === date.day ? date.year : null, 'teaser-date') : null,
    line: source.line,
    dateLineNumber: source.dateLineNumber,
    repeatLine: source.repeatLine,
    titleLine: source.title?.line ?? null,
    titleRepeatLine: source.title?.repeatLine ?? null,
  };
}

/** Whether a five-line entry starts at `at`: a line printed twice, then a text line and a date. */
function startsFiveLineEntry(zone: readonly Line[], at: number): boolean {
  const a = zone[at];
  const b = zone[at + 1];
  const d = zone[at + 3];
  return a !== undefined && b !== undefined && d !== undefined && a.text === b.text && isEntryTitle(a.text) && matchDateOnlyLine(d.text)?.valid === true;
}

/**
 * A five-line entry's title is a headline: short, not a dateline's text, and in title case (most
 * words of four letters or more capitalised), unlike the sentence-case text a sidebar repeats when
 * an entry lost its date line.
 */
function isEntryTitle(text: string): boolean {
  if (text.length > 150 || matchDateline(text) !== undefined) return false;
  let long = 0;
  let capitalised = 0;
  for (const word of text.split(' ')) {
    if (word.length < 4) continue;
    long++;
    const first = word.charCodeAt(0);
    if ((first >= 0x41 && first <= 0x5a) || (first >= 0x30 && first <= 0x39) || first > 0x7f) capitalised++;
  }
  return long > 0 && capitalised * 4 >= long * 3;
}
