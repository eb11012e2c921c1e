/**
 * The line shapes of a KCNA dump. Every pattern is anchored and built from bounded or
 * non-overlapping pieces, so matching is linear in the line's length (no catastrophic backtracking).
 */
import { MONTH_SOURCE, isCalendarDate, isPossibleMonthDay, monthNumber, monthOfSpelling } from './dates.js';

/** Horizontal whitespace, no-break and typographic spaces included. */
const WS = '[ \\t\\u00a0\\u2000-\\u200a\\u202f\\u205f\\u3000]';
/** A place: up to eight words of letters (with . ' ’ -), one space apart, starting with a capital. */
const PLACE = "\\p{Lu}[\\p{L}\\p{M}.'’-]*(?:[ \\u00a0][\\p{L}\\p{M}.'’-]+){0,7}";
const AGENCY = '\\p{Lu}[\\p{L}\\p{N}-]{1,20}';
/** '--', an em or en dash, or a single hyphen followed by whitespace (kcna.co.jp's '(KCNA) - '). */
const SEPARATOR = `(?:--|[—–]|-(?=${WS}))`;

/**
 * 'Pyongyang, March 23 (KCNA) --'; the comma may be missing ('Pyongyang June 18 (KCNA)') or have no
 * space after it ('Pyongyang,July 9 (KCNA)'), as on kcna.co.jp's daily pages.
 */
const DATELINE = new RegExp(
  `^${WS}*((${PLACE})(?:,${WS}*|${WS}+)(${MONTH_SOURCE})${WS}+(\\d{1,2})${WS}*\\((${AGENCY})\\)${WS}*${SEPARATOR})${WS}*`,
  'u',
);
/** A Korean dateline: '(평양 5월 20일발 조선중앙통신)', place, month, day and agency. */
const KOREAN_DATELINE = new RegExp(
  `^${WS}*(\\(${WS}*(\\p{Script=Hangul}{1,12})${WS}+(\\d{1,2})월${WS}*(\\d{1,2})일발?${WS}+(\\p{Script=Hangul}{2,12})${WS}*\\))${WS}*`,
  'u',
);
/**
 * kcna.co.jp's anchor id and title glued in front of a dateline:
 * 'e091401 - Kim Jong Il's Work Published in Chile     Pyongyang, September 14 (KCNA) -- ...'.
 */
const ANCHORED = /^([a-z]\d{6})\s*-\s*(\S(?:.{0,298}\S)?)\s{2,}(?=\p{Lu})/u;
const DATE_PREFIX = new RegExp(`^${MONTH_SOURCE}${WS}+\\d{1,2},${WS}*\\d{4}`, 'u');
const HEADING = new RegExp(`^More${WS}+From${WS}+(\\S.*)$`, 'u');
const CLOSING = new RegExp(`^More${WS}+Articles$`, 'u');
const STAMP = /^(?:www\.kcna\.kp\s*)?\(\s*(Juche\s*)?(\d{1,4})\.(\d{1,2})\.(\d{1,2})\.?\s*\)$/iu;
const END_MARKER = '-0-';

export interface DatelineMatch {
  /** 'en' for 'Pyongyang, March 23 (KCNA) --', 'ko' for '(평양 5월 20일발 조선중앙통신)'. */
  language: 'en' | 'ko';
  /** The dateline as written, separator included. */
  text: string;
  place: string;
  month: number;
  day: number;
  agency: string;
  /** What follows the dateline and the whitespace after it. */
  rest: string;
}

/** A dateline at the start of a line ('Pyongyang, March 23 (KCNA) -- ...'), or undefined. */
export function matchDateline(line: string): DatelineMatch | undefined {
  // A cheap test first (this runs for every line of a page): the dateline's '(' is the line's first
  // one (no part before it holds one), and a digit, the day, stands before it.
  const paren = line.indexOf('(');
  if (paren < 4 || paren > 200) return undefined;
  let before = paren - 1;
  let code = line.charCodeAt(before);
  while (before > 0 && isSpace(code)) code = line.charCodeAt(--before);
  if (!isDigit(code)) return undefined;
  const m = DATELINE.exec(line);
  if (!m) return undefined;
  const month = monthNumber(m[3]!);
  const day = Number(m[4]);
  if (month === undefined || !isPossibleMonthDay(month, day)) return undefined;
  return { language: 'en', text: m[1]!, place: m[2]!, month, day, agency: m[5]!, rest: line.slice(m[0].length) };
}

/** A Korean dateline at the start of a line ('(평양 5월 20일발 조선중앙통신)본문...'), or undefined. */
export function matchKoreanDateline(line: string): DatelineMatch | undefined {
  const m = KOREAN_DATELINE.exec(line);
  if (!m) return undefined;
  const month = Number(m[3]);
  const day = Number(m[4]);
  if (!isPossibleMonthDay(month, day)) return undefined;
  return { language: 'ko', text: m[1]!, place: m[2]!, month, day, agency: m[5]!, rest: line.slice(m[0].length) };
}

/** Either form of dateline at the start of a line. */
export function matchAnyDateline(line: string): DatelineMatch | undefined {
  const english = matchDateline(line);
  if (english) return english;
  // A Korean dateline opens its line with '(' (after whitespace): the regular expression runs only then.
  const first = line.charCodeAt(0);
  if (first !== 0x28 && !/^\s/u.test(line)) return undefined;
  return matchKoreanDateline(line);
}

export interface AnchoredMatch {
  /** The anchor id, e.g. 'e091401'. */
  anchor: string;
  /** The title between the anchor and the dateline, trimmed. */
  title: string;
  dateline: DatelineMatch;
}

/** An anchor id and a title glued in front of a dateline on one (trimmed) line, or undefined. */
export function matchAnchored(text: string): AnchoredMatch | undefined {
  const first = text.charCodeAt(0);
  if (first < 0x61 || first > 0x7a) return undefined;
  const m = ANCHORED.exec(text);
  if (!m) return undefined;
  const dateline = matchDateline(text.slice(m[0].length));
  if (!dateline) return undefined;
  return { anchor: m[1]!, title: m[2]!, dateline };
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

export interface DateOnlyLineMatch {
  year: number;
  month: number;
  day: number;
  /** Whether the date exists in the calendar (false for 'February 30, 2026'). */
  valid: boolean;
}

/** A whole (trimmed) line that is a date such as 'March 18, 2026' or 'Sept. 16, 2025', or undefined. */
export function matchDateOnlyLine(text: string): DateOnlyLineMatch | undefined {
  // Read by hand rather than by a regular expression: teaser lists ask this of most of their lines.
  // The same language as `^(${MONTH_SOURCE})${WS}+(\d{1,2}),${WS}*(\d{4})$` (a property test
  // compares them).
  const n = text.length;
  if (n > 40 || !isDigit(text.charCodeAt(n - 1))) return undefined;
  let i = 0;
  while (i < n && isAsciiLetter(text.charCodeAt(i))) i++;
  if (text.charCodeAt(i) === 0x2e) i++;
  const month = monthOfSpelling(text.slice(0, i));
  if (month === undefined) return undefined;
  const afterMonth = i;
  while (i < n && isSpace(text.charCodeAt(i))) i++;
  if (i === afterMonth || !isDigit(text.charCodeAt(i))) return undefined;
  let day = text.charCodeAt(i++) - 0x30;
  if (isDigit(text.charCodeAt(i))) day = day * 10 + text.charCodeAt(i++) - 0x30;
  if (text.charCodeAt(i++) !== 0x2c) return undefined;
  while (i < n && isSpace(text.charCodeAt(i))) i++;
  if (n - i !== 4) return undefined;
  let year = 0;
  for (; i < n; i++) {
    const code = text.charCodeAt(i);
    if (!isDigit(code)) return undefined;
    year = year * 10 + code - 0x30;
  }
  return { year, month, day, valid: isCalendarDate(year, month, day) };
}

function isAsciiLetter(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

/** A character of WS (the expressions' horizontal whitespace). */
function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0xa0 || (code >= 0x2000 && code <= 0x200a) || code === 0x202f || code === 0x205f || code === 0x3000;
}

/** Whether a (trimmed) line starts with a full date: page furniture such as 'March 16, 2026Mar 16, 2026'. */
export function startsWithDate(text: string): boolean {
  return DATE_PREFIX.test(text);
}

/** The source named by a teaser heading ('More From KCNA.kp (En)' gives 'KCNA.kp (En)'), or undefined. */
export function matchHeading(text: string): string | undefined {
  // Asked of every line of a page: most do not start with the 'M' of 'More'.
  if (text.length > 100 || text.charCodeAt(0) !== 0x4d) return undefined;
  return HEADING.exec(text)?.[1];
}

export function isClosing(text: string): boolean {
  return text.length <= 40 && text.charCodeAt(0) === 0x4d && CLOSING.test(text);
}

export interface StampMatch {
  year: number;
  month: number;
  day: number;
  /** 'juche' for '(Juche113.2.29.)', 'gregorian' for kcna.kp's '(2025.12.14.)'. */
  calendar: 'juche' | 'gregorian';
}

/**
 * A KCNA stamp such as 'www.kcna.kp (Juche113.2.29.)', the Juche year converted (Juche 1 = 1912),
 * or a Gregorian one such as 'www.kcna.kp (2025.12.14.)' (four-digit year, no 'Juche').
 */
export function matchStamp(text: string): StampMatch | undefined {
  // A stamp ends with its ')'.
  if (text.length > 60 || text.charCodeAt(text.length - 1) !== 0x29) return undefined;
  const m = STAMP.exec(text);
  if (!m) return undefined;
  const month = Number(m[3]);
  const day = Number(m[4]);
  if (m[1] !== undefined) return m[2]!.length > 3 ? undefined : { year: Number(m[2]) + 1911, month, day, calendar: 'juche' };
  return m[2]!.length === 4 ? { year: Number(m[2]), month, day, calendar: 'gregorian' } : undefined;
}

export interface EndMarkerMatch {
  /** The text before the marker, trimmed (may be empty). */
  before: string;
  /** A stamp glued after the marker on the same line, if any. */
  stamp?: string;
}

/**
 * The end marker at the end of a (trimmed) line: ' -0-', glued to the last word ('people.-0-'), or
 * followed by a stamp on the same line ('... -0- www.kcna.kp (Juche113.2.29.)').
 */
export function matchEndMarker(text: string): EndMarkerMatch | undefined {
  if (text.endsWith(END_MARKER)) return { before: text.slice(0, -END_MARKER.length).trim() };
  const at = text.lastIndexOf(END_MARKER);
  if (at < 0) return undefined;
  const after = text.slice(at + END_MARKER.length).trim();
  if (!matchStamp(after)) return undefined;
  return { before: text.slice(0, at).trim(), stamp: after };
}
