/**
 * Every warning the parser raises, built in one place so that codes and wording stay consistent.
 * Codes are public API (they are in the schema's enum and documented in docs/warnings.md): never
 * rename one. Messages are for people and may be reworded.
 */
import type { Warning, WarningCode } from '../schema/types.js';
import { isoDate, isYearInRange, YEAR_RANGE } from './dates.js';

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function monthName(month: number): string {
  return MONTH_NAMES[month - 1] ?? String(month);
}

function make(code: WarningCode, line: number | null, message: string, text?: string): Warning {
  return text === undefined ? { code, line, message } : { code, line, message, text };
}

export const warn = {
  invalidUtf8: (line: number, byteOffset: number, count: number): Warning => ({
    code: 'INVALID_UTF8',
    line,
    message:
      count === 1
        ? `invalid UTF-8 byte sequence at byte offset ${byteOffset} replaced with U+FFFD`
        : `${count} invalid UTF-8 byte sequences replaced with U+FFFD, the first at byte offset ${byteOffset}`,
    byteOffset,
  }),
  nulCharacter: (line: number, byteOffset: number, count: number): Warning => ({
    code: 'NUL_CHARACTER',
    line,
    message:
      count === 1
        ? `NUL character at byte offset ${byteOffset}, kept in the text; the file may be damaged`
        : `${count} NUL characters, the first at byte offset ${byteOffset}, kept in the text; the file may be damaged`,
    byteOffset,
  }),
  invalidUtf16: (line: number, byteOffset: number, count: number): Warning => ({
    code: 'INVALID_UTF16',
    line,
    message:
      count === 1
        ? `invalid UTF-16 (a lone surrogate or a final odd byte) at byte offset ${byteOffset} replaced with U+FFFD`
        : `${count} invalid UTF-16 sequences (lone surrogates or a final odd byte) replaced with U+FFFD, the first at byte offset ${byteOffset}`,
    byteOffset,
  }),
  pageJunk: (line: number, text: string) =>
    make('PAGE_JUNK', line, 'text above the article is not part of it (page furniture); kept here', text),
  noDateline: (line: number) =>
    make('NO_DATELINE', line, "the article has no dateline such as 'Pyongyang, March 23 (KCNA) --'; place and date are unknown"),
  missingEndMarker: (line: number) =>
    make('MISSING_END_MARKER', line, "the article has no end marker '-0-'; it may be truncated"),
  stampLine: (line: number, text: string, stamp: { year: number; month: number; day: number }) =>
    make(
      'STAMP_LINE',
      line,
      isYearInRange(stamp.year)
        ? `KCNA stamp line, dated ${stamp.year}-${pad(stamp.month)}-${pad(stamp.day)}; kept here`
        : `KCNA stamp line, dated ${isoDate(stamp.year, stamp.month, stamp.day)}: the year ${stamp.year} is out of the range ${YEAR_RANGE}; kept here`,
      text,
    ),
  trailingText: (line: number, text: string, after: 'article' | 'teaser list') =>
    make('TRAILING_TEXT', line, `text after the end of the ${after} belongs to neither; kept here`, text),
  pageFooter: (line: number, text: string) =>
    make('PAGE_FOOTER', line, 'site footer or table furniture (copyright, newsletter prompt, feedback link, cell border), not part of any dispatch; kept here', text),
  /** `other.sources`: each source giving the other year, named once ('the file name', 'the folders'). */
  yearConflict: (line: number | null, kept: { year: number; source: string }, other: { year: number; sources: readonly string[] }) =>
    make(
      'YEAR_CONFLICT',
      line,
      `year sources disagree: ${kept.source} ${gives(kept.source)} ${kept.year}, ${joinAnd(other.sources)} ${other.sources.length === 1 ? gives(other.sources[0]!) : 'give'} ${other.year}; keeping ${kept.year}`,
    ),
  stampDateMismatch: (line: number, stamp: { month: number; day: number }, dateline: { month: number; day: number }) =>
    make(
      'STAMP_DATE_MISMATCH',
      line,
      `stamp is dated ${monthName(stamp.month)} ${stamp.day} but the dateline says ${monthName(dateline.month)} ${dateline.day}; its year is not used`,
    ),
  pageDateMismatch: (line: number, page: { year: number; month: number; day: number }, dateline: { month: number; day: number }) =>
    make(
      'PAGE_DATE_MISMATCH',
      line,
      `the page is dated ${page.year}-${pad(page.month)}-${pad(page.day)}, more than three days from the dateline's ${monthName(dateline.month)} ${dateline.day}; its year is not used`,
    ),
  impossibleDate: (line: number | null, source: string, year: number, month: number, day: number) =>
    make(
      'IMPOSSIBLE_DATE',
      line,
      isYearInRange(year)
        ? `${source} ${gives(source)} year ${year}, but ${monthName(month)} ${day} does not exist in ${year}; year not used`
        : `${source} ${gives(source)} year ${year}, out of the range ${YEAR_RANGE} a date's year can have; year not used`,
    ),
  teaserHeadingEmpty: (line: number) => make('TEASER_HEADING_EMPTY', line, 'the teaser heading is followed by no entries'),
  teaserListUnclosed: (line: number) => make('TEASER_LIST_UNCLOSED', line, "the teaser list is not closed by 'More Articles'; the page may be truncated"),
  teaserMissingDate: (line: number, text: string) =>
    make('TEASER_MISSING_DATE', line, 'teaser text is not followed by a valid date line, so it is not an entry; kept here', text),
  /** `year`: the year the date line names, when it is known. */
  teaserInvalidDate: (line: number, text: string, year?: number) =>
    make(
      'TEASER_INVALID_DATE',
      line,
      year === undefined || isYearInRange(year)
        ? `'${text}' is not a real calendar date, so it does not make an entry; kept here`
        : `'${text}' has the year ${year}, out of the range ${YEAR_RANGE}, so it does not make an entry; kept here`,
      text,
    ),
  teaserStrayDate: (line: number, text: string) =>
    make('TEASER_STRAY_DATE', line, 'date line with no teaser text before it; kept here', text),
  teaserRepeatMissing: (line: number) =>
    make('TEASER_REPEAT_MISSING', line, 'teaser text is not repeated after its date line; entry kept'),
  teaserRepeatMismatch: (line: number, text: string) =>
    make('TEASER_REPEAT_MISMATCH', line, 'line after the date differs from the teaser text it should repeat; entry kept, line kept here', text),
  asideText: (line: number, text: string) =>
    make('ASIDE_TEXT', line, "text inside the article's element that is not its story (a byline, a caption, a control); kept here", text),
  outsideArticle: (count: number, site: string | null): Warning => ({
    code: 'OUTSIDE_ARTICLE',
    line: null,
    message: `${count} text block${count === 1 ? '' : 's'} of the page outside the ${site === null ? '' : `${site} `}article (menus, headers, footers, sidebars) not read`,
    count,
  }),
  templateUnknown: (title: string | null): Warning =>
    make(
      'HTML_TEMPLATE_UNKNOWN',
      null,
      `no site template knows this web page${title ? ` (titled '${title.length > 80 ? `${title.slice(0, 79)}…` : title}')` : ''}; its visible text was read as a text capture`,
    ),
  charsetOverruled: (declared: string, source: 'transport' | 'meta', used: string, reason: string) =>
    make('CHARSET_MISMATCH', null, `the ${source === 'meta' ? "page's <meta>" : 'transport'} declares the charset '${declared}', but ${reason}; decoded as ${used}`),
  invalidBytes: (line: number, byteOffset: number, count: number, encoding: string): Warning => ({
    code: 'INVALID_BYTES',
    line,
    message:
      count === 1
        ? `byte sequence invalid in ${encoding} at byte offset ${byteOffset} replaced with U+FFFD`
        : `${count} byte sequences invalid in ${encoding} replaced with U+FFFD, the first at byte offset ${byteOffset}`,
    byteOffset,
  }),
  duplicateId: (id: string, firstPath: string | null) =>
    make('DUPLICATE_ID', null, `same content id ${id} as ${firstPath ?? 'an earlier input'}; document dropped by --dedupe`),
} as const;

/** 'the file name gives', 'the folders give'. */
function gives(source: string): string {
  return source === 'the folders' ? 'give' : 'gives';
}

/** 'a', 'a and b', 'a, b and c'. */
function joinAnd(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
