/* Generated from schemas/ by scripts/gen-types.mjs (npm run gen:types). Do not edit by hand. */

/**
 * One dispatch of a KCNA page capture: its lead article (the story), the page it was read from, the page's teaser list and the warnings raised while parsing it. A file holding several dispatches gives one document per dispatch (source.story says which). Produced by kcna-parse; schemaVersion tells which version of this schema a document follows.
 */
export interface Dispatch {
  /**
   * Version of this schema the document follows (semantic versioning: a minor version only adds fields and values, a new major version may rename or remove fields).
   */
  schemaVersion: '2.0.0';
  /**
   * Content id: the first 32 hex digits of a SHA-256 over the normalised dateline place, month, day and paragraphs (recipe in docs/content-id.md). The same story captured twice, or from two mirrors, shares an id; the title is not part of it.
   */
  id: string;
  source: Source;
  page: Page;
  lead: Lead;
  /**
   * The heading that opens the page's teaser list, or null when the page has none (and on every dispatch of a file but the first).
   */
  teaserSection: TeaserSection | null;
  /**
   * The page's teaser list entries, in input order (on the first dispatch of a file only). Their dates are those of the capture page's sidebar, not of the lead article.
   */
  teasers: Teaser[];
  /**
   * Everything the parser noticed about this dispatch and every input line it could not place elsewhere, in input order; page-level warnings go with the first dispatch of a file. Each code is documented in docs/warnings.md.
   */
  warnings: Warning[];
}
/**
 * Where the document came from and how its bytes were read. bytes, sha256, encoding, bom, lineEndings, lines, format and encodingSource describe the whole file, the same for each of its dispatches.
 *
 * This interface was referenced by `Dispatch`'s JSON-Schema
 * via the `definition` "source".
 */
export interface Source {
  /**
   * The input path as given (with '/' separators), or null for standard input and in-memory text. For a record of a web archive, the archive's path (source.archive says which record).
   */
  path: string | null;
  /**
   * Size of the input in bytes, before decoding.
   */
  bytes: number;
  /**
   * Lower-case hex SHA-256 of the input bytes, before decoding.
   */
  sha256: string;
  /**
   * The character encoding the input was decoded from, named as the WHATWG Encoding Standard names it (lower-cased). A text capture: UTF-16 only when a UTF-16 byte order mark says so, UTF-8 otherwise. A web page: as a browser decides (source.encodingSource says how), e.g. 'windows-1252' for an old page that declares nothing, 'euc-kr' for kcna.co.jp's Korean pages.
   */
  encoding:
    | 'utf-8'
    | 'utf-16le'
    | 'utf-16be'
    | 'ibm866'
    | 'iso-8859-2'
    | 'iso-8859-3'
    | 'iso-8859-4'
    | 'iso-8859-5'
    | 'iso-8859-6'
    | 'iso-8859-7'
    | 'iso-8859-8'
    | 'iso-8859-8-i'
    | 'iso-8859-10'
    | 'iso-8859-13'
    | 'iso-8859-14'
    | 'iso-8859-15'
    | 'iso-8859-16'
    | 'koi8-r'
    | 'koi8-u'
    | 'macintosh'
    | 'windows-874'
    | 'windows-1250'
    | 'windows-1251'
    | 'windows-1252'
    | 'windows-1253'
    | 'windows-1254'
    | 'windows-1255'
    | 'windows-1256'
    | 'windows-1257'
    | 'windows-1258'
    | 'x-mac-cyrillic'
    | 'gbk'
    | 'gb18030'
    | 'big5'
    | 'euc-jp'
    | 'iso-2022-jp'
    | 'shift_jis'
    | 'euc-kr'
    | 'x-user-defined';
  /**
   * Whether the input started with a byte order mark (it is not part of any text).
   */
  bom: boolean;
  /**
   * The line endings found: 'lf', 'crlf' or 'cr' when only one kind occurs, 'mixed' for several, 'none' for a single unterminated line.
   */
  lineEndings: 'lf' | 'crlf' | 'cr' | 'mixed' | 'none';
  /**
   * Number of lines in the decoded input (a final line ending does not start a new line); of the HTML file for a web page.
   */
  lines: number;
  story: Story;
  /**
   * How the input was read: 'text' (a text capture, line by line) or 'html' (a web page, from its markup: docs/layouts/ says what is read from which element). Line numbers everywhere in the document are lines of the input file, of the HTML source for a web page (the line where an element's text starts).
   */
  format: 'text' | 'html';
  /**
   * Why the input was decoded with its encoding: 'bom' (a byte order mark), 'transport' (the charset the caller passed, such as a web archive's HTTP header), 'meta' (the page's <meta charset> or http-equiv declaration), 'utf-8' (the bytes are UTF-8: valid, or for a web page all but a few sequences, each reported as INVALID_UTF8), 'default' (none of these: windows-1252 for a web page, UTF-8 with its invalid bytes replaced for text).
   */
  encodingSource: 'bom' | 'transport' | 'meta' | 'utf-8' | 'default';
  /**
   * For a page read from a web archive (a WARC or WACZ file): which record it was, where it lies in the archive, and where and when it was captured; null for every other input. source.bytes, sha256, encoding and lines then describe the record's payload (its HTTP body, transfer and content codings undone), not the archive.
   */
  archive: ArchiveRecord | null;
}
/**
 * Where one dispatch sits in its file. Page-level lines (page header, footers, teaser list) are outside every story's span; they go with the first dispatch.
 *
 * This interface was referenced by `Dispatch`'s JSON-Schema
 * via the `definition` "story".
 */
export interface Story {
  /**
   * 1-based position of this dispatch in its file, in file order.
   */
  index: number;
  /**
   * Number of dispatches in the file (1 for an ordinary page).
   */
  count: number;
  /**
   * The story's first line: its title, or its first body line when it has no title.
   */
  firstLine: number;
  /**
   * The story's last line: the last line of its body, end marker or stamp (the line before the next story's title at most).
   */
  lastLine: number;
}
/**
 * A record of a web archive, as its WARC headers name it.
 *
 * This interface was referenced by `Dispatch`'s JSON-Schema
 * via the `definition` "archive".
 */
export interface ArchiveRecord {
  /**
   * The archive's container: 'warc' (a .warc file, plain or gzip'd) or 'wacz' (a WACZ zip of WARC files).
   */
  format: 'warc' | 'wacz';
  /**
   * The record's WARC-Record-ID, without its angle brackets (e.g. 'urn:uuid:…').
   */
  recordId: string;
  /**
   * Where the record starts, in bytes, as a CDX index gives it: the offset of its gzip member in a .warc.gz, of its 'WARC/' line in a plain .warc (0 for every record of a file gzip'd whole). In a WACZ, an offset in the WARC file named by member.
   */
  offset: number;
  /**
   * For a WACZ: the WARC file inside the zip holding the record (e.g. 'archive/data.warc.gz'); null for a WARC.
   */
  member: string | null;
  /**
   * The WARC-Target-URI: the address the page was captured from. It is also page.url unless the page names a canonical address.
   */
  targetUri: string;
  /**
   * The WARC-Date: when the page was captured, as an ISO 8601 timestamp in UTC (fractions of a second as the archive wrote them). Its date is page.capturedOn; it is never a source of the lead's year.
   */
  capturedAt: string;
  /**
   * The WARC-Payload-Digest as written (e.g. 'sha1:…', base32), or null when the record has none. For a revisit, the digest of the earlier payload it stands for.
   */
  payloadDigest: string | null;
}
/**
 * The capture page: which recognised layout it has (docs/layouts/) and the facts it prints about itself.
 *
 * This interface was referenced by `Dispatch`'s JSON-Schema
 * via the `definition` "page".
 */
export interface Page {
  /**
   * Stable name of the recognised page layout: 'plain' (dispatch text, optionally with a kcnawatch sidebar, as the bundled sample), 'kcnawatch-2024', 'kcnawatch-2019', 'kcna-kp', 'kcna-co-jp-daily', 'kcna-co-jp-kns', 'digest', 'listing', 'republication', and for web pages only 'kcna-kp-2026' (kcna.kp's article pages from mid-2026), 'rodong-sinmun' (the paper's English site), 'uriminzokkiri', 'dprktoday'. Text captures and web pages of one site share its name. Each is described in docs/layouts/<name>.md.
   */
  layout:
    | 'plain'
    | 'kcnawatch-2024'
    | 'kcnawatch-2019'
    | 'kcna-kp'
    | 'kcna-co-jp-daily'
    | 'kcna-co-jp-kns'
    | 'digest'
    | 'listing'
    | 'republication'
    | 'kcna-kp-2026'
    | 'rodong-sinmun'
    | 'uriminzokkiri'
    | 'dprktoday';
  /**
   * The source (mirror) name as the page prints it, e.g. 'KCNA.kp (En)', 'KCNA.co.jp (En)' or 'Voice of Korea (EN)': from kcnawatch's 'KCNA KCNA.kp (En)' line, its 'Source:' field, or else its sidebar heading; null when the page names none.
   */
  mirror: string | null;
  /**
   * The date the page was captured or saved (YYYY-MM-DD), when the capture says so: the capture date kcnawatch prints above an article ('February 03, 2026Feb 03, 2026'), the Wayback Machine's capture time, SingleFile's 'saved date', or the date a portal (uriminzokkiri, dprktoday) shows in its header; null otherwise. Never a source of the lead's year.
   */
  capturedOn: string | null;
  /**
   * The page's own full date (YYYY-MM-DD): kcnawatch's 'Date: DD/MM/YYYY' line, kcna.co.jp's 'calendar>>' line, a digest's "TODAY'S NEWS (...)" header, Rodong Sinmun's date element or, failing those, a Gregorian stamp '(2025.12.14.)'; null when the page prints none.
   */
  date: string | null;
  /**
   * Line number of the line page.date was read from (a PAGE_JUNK or STAMP_LINE warning carries its text), or null. (Named dateLine before 2.0.0: a name only the case of a letter told from the dateline's, which case-insensitive engines such as DuckDB and SQL cannot tell apart.)
   */
  dateLineNumber: number | null;
  /**
   * The page's own address, when the capture states it: a web page's <link rel="canonical"> or og:url, else the original address the Wayback Machine, Chrome's 'saved from url' comment or SingleFile's header names; null otherwise (and for every text capture).
   */
  url: string | null;
}
/**
 * The lead article: the dispatch this document is about.
 *
 * This interface was referenced by `Dispatch`'s JSON-Schema
 * via the `definition` "lead".
 */
export interface Lead {
  /**
   * The title above the dateline (or, without one, above the body), trimmed; a title broken over two lines is joined with one space. Never a 'Date:', 'Share Button', attribution or calendar line. Null when there is none.
   */
  title: string | null;
  /**
   * Line number of the title (its first line), or null.
   */
  titleLine: number | null;
  /**
   * Line number of the title's last line: titleLine for a one-line title, the second line of a title broken over two lines; null without a title.
   */
  titleEndLine: number | null;
  /**
   * kcna.co.jp's anchor id glued before the title on the dateline's line ('e091401 - Title     Pyongyang, ...'), or null.
   */
  anchor: string | null;
  /**
   * The lead's dateline (the first line of the lead that starts with one; lines above it are the title or page furniture), or null when no line does.
   */
  dateline: Dateline | null;
  /**
   * Line number of the dateline (the first paragraph's line, unless the dateline stands alone on its line), or null.
   */
  datelineLine: number | null;
  /**
   * The lead's date as YYYY-MM-DD, only when the dateline's year is known, or, for a newspaper's own article without a dateline (Rodong Sinmun), the paper's date (page.date); otherwise null.
   */
  date: string | null;
  /**
   * Body paragraphs, one per non-blank input line (or per hard-wrapped paragraph, its lines joined with one space), trimmed, with the dateline prefix, the end marker ' -0-' and a table cell's closing ' |' removed. Text is otherwise kept exactly as written (curly quotes, 'Kim Jong Un ,' spacing).
   *
   * @minItems 1
   */
  paragraphs: [string, ...string[]];
  /**
   * Line number of each paragraph (its first line), parallel to paragraphs.
   *
   * @minItems 1
   */
  paragraphLines: [number, ...number[]];
  /**
   * Line number of each paragraph's last line, parallel to paragraphs: the same as paragraphLines unless a paragraph is hard-wrapped over several lines (a mailed digest).
   *
   * @minItems 1
   */
  paragraphEndLines: [number, ...number[]];
  /**
   * Whether the wire end marker '-0-' closed the article.
   */
  endMarker: boolean;
  /**
   * Line number holding the end marker, or null when there is none.
   */
  endMarkerLine: number | null;
  /**
   * Whether the page shows only the start of the story: the last paragraph ends with '[…]' or '[...]', or, with no end marker, with '...' or '…' (a listing excerpt).
   */
  truncated: boolean;
  /**
   * The language of the text: 'ko' when the dateline is Korean or most letters are Hangul, 'en' otherwise.
   */
  language: 'en' | 'ko';
  /**
   * Number of words in the paragraphs: runs of letters and digits, joined by inner apostrophes or hyphens ('DPRK-China', 'Workers'' counts once); lone punctuation is not a word.
   */
  wordCount: number;
}
/**
 * A wire dateline such as 'Pyongyang, March 23 (KCNA) --', or its Korean form '(평양 5월 20일발 조선중앙통신)'. It names a month and day, never a year.
 *
 * This interface was referenced by `Dispatch`'s JSON-Schema
 * via the `definition` "dateline".
 */
export interface Dateline {
  /**
   * The dateline exactly as written, separator (or closing parenthesis) included, without the whitespace that follows it.
   */
  text: string;
  /**
   * The place name, e.g. 'Pyongyang', 'South Hamgyong Province' or '평양'.
   */
  place: string;
  /**
   * Month number, 1 to 12 (abbreviations such as 'Sept.' and Korean '5월' are resolved).
   */
  month: number;
  /**
   * Day of the month, 1 to 31.
   */
  day: number;
  /**
   * The year, when a trustworthy source gives it (see yearSource); otherwise null. Never guessed.
   */
  year: number | null;
  /**
   * Where the year came from: 'option' (--year), 'juche-stamp' (a KCNA stamp line such as '(Juche113.2.29.)' agreeing on month and day), 'page-date' (the page's own date within three days of the dateline, across a New Year when needed), 'publish-stamp' (a Gregorian stamp such as '(2025.12.14.)' agreeing on month and day), 'path' (a date or YYYY/MM[/DD] folders in the file path agreeing with the dateline), 'teaser-date' (a teaser's own date line agreeing on month and day; teasers only), 'default-year' (--default-year, for a dateline no other source dates); null when year is null. docs/year.md gives the order.
   */
  yearSource:
    | 'option'
    | 'juche-stamp'
    | 'page-date'
    | 'publish-stamp'
    | 'path'
    | 'teaser-date'
    | 'default-year'
    | null;
  /**
   * The agency named, e.g. 'KCNA' or '조선중앙통신'.
   */
  agency: string;
}
/**
 * The heading that opens the teaser list, e.g. 'More From KCNA.kp (En)'.
 *
 * This interface was referenced by `Dispatch`'s JSON-Schema
 * via the `definition` "teaserSection".
 */
export interface TeaserSection {
  /**
   * The heading line, trimmed.
   */
  heading: string;
  /**
   * What the heading names after 'More From', e.g. 'KCNA.kp (En)' or 'Voice of Korea (EN)'.
   */
  source: string;
  /**
   * Line number of the heading.
   */
  line: number;
  /**
   * Line number of the closing 'More Articles' line, or null when the list is not closed.
   */
  closingLine: number | null;
}
/**
 * One teaser list entry: a truncated text line, its date line, and (usually) the text line repeated; kcnawatch's five-line entries add a title, printed twice, above the text.
 *
 * This interface was referenced by `Dispatch`'s JSON-Schema
 * via the `definition` "teaser".
 */
export interface Teaser {
  /**
   * The entry's title, from a five-line entry (title, title again, text, date, text again); null for a three-line entry.
   */
  title: string | null;
  /**
   * The teaser text, trimmed, with its own dateline prefix removed (kept in dateline.text). Teasers are truncated by the source page.
   */
  text: string;
  /**
   * The entry's date line as YYYY-MM-DD (the date the capture page lists, not the lead's date).
   */
  date: string;
  /**
   * The teaser's own dateline, or null when its text has none.
   */
  dateline: Dateline | null;
  /**
   * Line number of the teaser text.
   */
  line: number;
  /**
   * Line number of the line holding the entry's date ('March 18, 2026'). (Named dateLine before 2.0.0.)
   */
  dateLineNumber: number;
  /**
   * Line number of the repeated text line, or null when the repeat is missing or differs (a TEASER_REPEAT_MISMATCH warning then carries the line).
   */
  repeatLine: number | null;
  /**
   * Line number of the title, or null.
   */
  titleLine: number | null;
  /**
   * Line number of the title printed again, or null.
   */
  titleRepeatLine: number | null;
}
/**
 * Something the parser noticed. Lines that fit nowhere else in the document are carried here, in text.
 *
 * This interface was referenced by `Dispatch`'s JSON-Schema
 * via the `definition` "warning".
 */
export interface Warning {
  /**
   * Stable code; see docs/warnings.md for each one's meaning, an example and the fix.
   */
  code:
    | 'INVALID_UTF8'
    | 'NUL_CHARACTER'
    | 'INVALID_UTF16'
    | 'PAGE_JUNK'
    | 'NO_DATELINE'
    | 'MISSING_END_MARKER'
    | 'STAMP_LINE'
    | 'TRAILING_TEXT'
    | 'PAGE_FOOTER'
    | 'YEAR_CONFLICT'
    | 'STAMP_DATE_MISMATCH'
    | 'PAGE_DATE_MISMATCH'
    | 'IMPOSSIBLE_DATE'
    | 'TEASER_HEADING_EMPTY'
    | 'TEASER_LIST_UNCLOSED'
    | 'TEASER_MISSING_DATE'
    | 'TEASER_INVALID_DATE'
    | 'TEASER_STRAY_DATE'
    | 'TEASER_REPEAT_MISSING'
    | 'TEASER_REPEAT_MISMATCH'
    | 'DUPLICATE_ID'
    | 'ASIDE_TEXT'
    | 'OUTSIDE_ARTICLE'
    | 'HTML_TEMPLATE_UNKNOWN'
    | 'CHARSET_MISMATCH'
    | 'INVALID_BYTES';
  /**
   * The line the warning is about, or null when it is about the whole document.
   */
  line: number | null;
  /**
   * A human-readable sentence. Wording may change between versions; match on code.
   */
  message: string;
  /**
   * The raw text of the line, when the warning carries a line that appears nowhere else in the document.
   */
  text?: string;
  /**
   * For INVALID_UTF8, INVALID_UTF16, INVALID_BYTES and NUL_CHARACTER: byte offset, from the start of the input, of the first invalid sequence or NUL character on the line.
   */
  byteOffset?: number;
  /**
   * For OUTSIDE_ARTICLE: how many text blocks of the web page lay outside its article and were not read.
   */
  count?: number;
}

/**
 * One teaser list entry with the dispatch it was found in: what `--records teasers` writes in JSON and NDJSON, one object per teaser.
 */
export interface TeaserRecord {
  /**
   * Version of the schemas the record follows; the same as the dispatch schema's.
   */
  schemaVersion: '2.0.0';
  /**
   * The input path of the dispatch (source.path), or null for standard input.
   */
  path: string | null;
  /**
   * The content id of the dispatch the teaser was listed in.
   */
  dispatchId: string;
  /**
   * 0-based position of the teaser in its dispatch's list.
   */
  index: number;
  /**
   * The teaser, exactly as in the dispatch document's teasers array.
   */
  teaser: Teaser;
}

/**
 * One row of `--format csv` (default `--records dispatches`), as read back by a CSV parser with the header row as keys: every cell is a string, an empty cell stands for null. The columns are these properties, in this order; each version adds its columns after the last ones (1.1.0 the five after text, 1.2.0 format, encoding_source, url, archive_uri and captured_at, 2.0.0 year_source, layout, language, agency, captured_on and sha256), so the columns of earlier versions keep their positions.
 */
export interface DispatchRow {
  /**
   * source.path; empty for standard input.
   */
  path: string;
  /**
   * The content id.
   */
  id: string;
  /**
   * lead.title; empty when there is none.
   */
  title: string;
  /**
   * lead.dateline.place; empty without a dateline.
   */
  place: string;
  /**
   * lead.dateline.year; empty when unknown.
   */
  year: string;
  /**
   * lead.dateline.month (1-12); empty without a dateline.
   */
  month: string;
  /**
   * lead.dateline.day (1-31); empty without a dateline.
   */
  day: string;
  /**
   * lead.date (YYYY-MM-DD); empty when the year is unknown.
   */
  date: string;
  /**
   * lead.endMarker.
   */
  end_marker: 'true' | 'false';
  /**
   * Number of lead paragraphs (at least 1).
   */
  paragraph_count: string;
  /**
   * lead.wordCount.
   */
  word_count: string;
  /**
   * Number of teasers.
   */
  teaser_count: string;
  /**
   * Number of warnings.
   */
  warning_count: string;
  /**
   * The lead paragraphs joined by a blank line (two line feeds).
   */
  text: string;
  /**
   * source.story.index: 1-based position of the dispatch in its file.
   */
  story_index: string;
  /**
   * source.story.count: number of dispatches in the file.
   */
  story_count: string;
  /**
   * page.date (YYYY-MM-DD); empty when the page prints no date of its own.
   */
  page_date: string;
  /**
   * page.mirror; empty when the page names none.
   */
  mirror: string;
  /**
   * lead.truncated.
   */
  truncated: 'true' | 'false';
  /**
   * source.format: 'text' or 'html'.
   */
  format: 'text' | 'html';
  /**
   * source.encodingSource: why the input was decoded with its encoding ('bom', 'transport', 'meta', 'utf-8', 'default').
   */
  encoding_source: 'bom' | 'transport' | 'meta' | 'utf-8' | 'default';
  /**
   * page.url: the page's own address when the capture states it; empty otherwise.
   */
  url: string;
  /**
   * source.archive.targetUri: the address a web archive's record was captured from; empty for any other input.
   */
  archive_uri: string;
  /**
   * source.archive.capturedAt: when a web archive's record was captured (ISO 8601, UTC); empty for any other input.
   */
  captured_at: string;
  /**
   * lead.dateline.yearSource: where the year came from ('juche-stamp', 'path', 'default-year'...); empty when there is no year.
   */
  year_source: string;
  /**
   * page.layout: the page layout the dispatch was read from ('kcna-kp', 'kcnawatch-2024', 'plain'...).
   */
  layout: string;
  /**
   * lead.language: 'en' or 'ko'.
   */
  language: string;
  /**
   * lead.dateline.agency: the agency the dateline names ('KCNA', '조선중앙통신'); empty without a dateline.
   */
  agency: string;
  /**
   * page.capturedOn: the date the page was captured or saved (YYYY-MM-DD), when the capture says so; empty otherwise.
   */
  captured_on: string;
  /**
   * source.sha256: the SHA-256 of the input's bytes (of a web archive's record, its payload's).
   */
  sha256: string;
}

/**
 * One row of `--format csv --records teasers`, as read back by a CSV parser with the header row as keys: every cell is a string, an empty cell stands for null. The columns are these properties, in this order.
 */
export interface TeaserRow {
  /**
   * source.path of the dispatch; empty for standard input.
   */
  path: string;
  /**
   * The content id of the dispatch the teaser was listed in.
   */
  dispatch_id: string;
  /**
   * 0-based position of the teaser in its dispatch's list.
   */
  index: string;
  /**
   * The teaser's date line (YYYY-MM-DD).
   */
  date: string;
  /**
   * The teaser's own dateline place; empty when it has none.
   */
  place: string;
  /**
   * The teaser's own dateline month; empty when it has none.
   */
  month: string;
  /**
   * The teaser's own dateline day; empty when it has none.
   */
  day: string;
  /**
   * Line number of the teaser text in the input.
   */
  line: string;
  /**
   * The teaser text, dateline prefix removed.
   */
  text: string;
  /**
   * teasers[].title: the entry's title, when the list gives one (kcnawatch's, kcna.kp's); empty otherwise. Added in 2.0.0, after the columns of 1.x.
   */
  title: string;
}

/**
 * A count.
 *
 * This interface was referenced by `ArchiveReport`'s JSON-Schema
 * via the `definition` "count".
 */
export type Count = number;
/**
 * A calendar date, YYYY-MM-DD.
 *
 * This interface was referenced by `ArchiveReport`'s JSON-Schema
 * via the `definition` "isoDate".
 */
export type IsoDate = string;
/**
 * A count of at least one.
 *
 * This interface was referenced by `ArchiveReport`'s JSON-Schema
 * via the `definition` "positive".
 */
export type Positive = number;

/**
 * What `kcna-parse report --format json` writes: an archive of dumps counted whole (coverage by day, year sources, undated dispatches, places, agencies, warnings, failures, duplicate ids, teaser dates). Every list is bounded: the first examples are kept and the rest counted, and nothing grows with the span of dates alone. The HTML page shows the same numbers. `kcna-parse schema report` prints this schema and `kcna-parse validate` checks a report against it.
 */
export interface ArchiveReport {
  /**
   * Version of this schema the report follows (the same as the dispatch schema's).
   */
  schemaVersion: '2.0.0';
  /**
   * The program that wrote the report and its version, e.g. 'kcna-parse 1.0.0'.
   */
  generator: string;
  /**
   * The command line the report was made from, and when; null when a program made it without one (the library's ReportAggregator without a run).
   */
  run: {
    /**
     * The inputs as given (files, folders, glob patterns, '-' for standard input), in order: the first twenty.
     */
    inputs: string[];
    moreInputs: Count;
    /**
     * The --year given, or null.
     */
    year: number | null;
    /**
     * The --max-bytes in force, in bytes.
     */
    maxBytes: number;
    /**
     * When the report was made, in UTC to the second (SOURCE_DATE_EPOCH, when set, gives it instead of the clock).
     */
    createdAt: string;
  } | null;
  /**
   * The inputs read: files, and standard input when named.
   */
  inputs: {
    total: Count;
    converted: Count;
    failed: Count;
  };
  /**
   * The dispatches found in the converted inputs.
   */
  dispatches: {
    total: Count;
    dated: Count;
    undated: Count;
    distinctIds: Count;
    /**
     * Inputs holding more than one dispatch (source.story.count above 1), or null when the documents do not carry source.story.
     */
    multiStoryPages: Count | null;
  };
  /**
   * Dated dispatches over the archive's span, from the first dated day to the last. What it lists grows with the dates that hold dispatches, not with the span: years and months are listed for the years holding a dispatch and short runs of empty years between them; longer runs of empty years are summarised in omittedYears.
   */
  coverage: {
    /**
     * The earliest lead.date, or null when no dispatch is dated.
     */
    first: IsoDate | null;
    /**
     * The latest lead.date, or null when no dispatch is dated.
     */
    last: IsoDate | null;
    spanDays: Count;
    daysWithDispatches: Count;
    emptyDays: Count;
    spanMonths: Count;
    monthsWithDispatches: Count;
    /**
     * Whether fewer than half of the span's months hold a dispatch: the archive is a sample of its span rather than a series, and only the empty days of the months holding a dispatch count as gaps (gapDays).
     */
    sparse: boolean;
    gapDays: Count;
    /**
     * Dispatches per day, for each day holding at least one, in date order (a day missing here is a gap).
     */
    days: {
      date: IsoDate;
      count: Positive;
    }[];
    /**
     * Dispatches per month, in order: every month of the span (empty months included) that falls in a year listed in years.
     */
    months: {
      /**
       * The month, YYYY-MM.
       */
      month: string;
      count: Count;
    }[];
    /**
     * Dispatches per year, in order: every year of the span holding a dispatch, and the empty years between two of them when at most ten follow each other; longer runs of empty years are in omittedYears.
     */
    years: {
      /**
       * The calendar year.
       */
      year: number;
      count: Count;
    }[];
    /**
     * Runs of more than ten years without any dispatch inside the span, in order: left out of years and months, which would otherwise grow with the span.
     */
    omittedYears: {
      /**
       * First empty year of the run.
       */
      from: number;
      /**
       * Last empty year of the run.
       */
      to: number;
      /**
       * Length of the run in years (more than ten).
       */
      years: number;
    }[];
    /**
     * The longest runs of empty days inside the span, longest first (at most ten; ties in date order).
     */
    longestGaps: {
      from: IsoDate;
      to: IsoDate;
      days: Positive;
    }[];
  };
  /**
   * Where the dispatches' years came from.
   */
  years: {
    withYear: Count;
    withoutYear: Count;
    noDateline: Count;
    bySource: Tally;
  };
  /**
   * The dispatches without a full date (dispatches.undated), which the calendar cannot show: why each has none, and the folders they are in (the folders whose inputs need --year, or a YYYY/MM folder, to be dated).
   */
  undated: {
    total: Count;
    noDateline: Count;
    noYear: Count;
    impossibleDate: Count;
    folders: Tally;
    /**
     * The first undated dispatches, in input order (at most fifty).
     */
    examples: {
      /**
       * The input as shown.
       */
      path: string;
      /**
       * The line of the dateline (without one, of the first paragraph), or null.
       */
      line: Positive | null;
      /**
       * Why it has no full date: 'no-dateline', 'no-year' or 'impossible-date', as counted above.
       */
      reason: 'no-dateline' | 'no-year' | 'impossible-date';
    }[];
    moreExamples: Count;
  };
  places: Tally;
  agencies: Tally;
  /**
   * Dispatches by page.layout, most first, or null when the documents do not carry page.layout.
   */
  layouts: Tally | null;
  /**
   * Converted inputs by how they were read (source.format: 'text' or 'html') and the layout of their page, named '<format> <layout>' ('html kcna-kp', 'text plain'), most first; null when the documents do not carry source.format (schemas before 1.2.0).
   */
  inputFormats: Tally | null;
  /**
   * Dispatches by page.mirror (null mirrors counted under the name '(none)'), most first, or null when the documents do not carry page.mirror.
   */
  mirrors: Tally | null;
  /**
   * Warnings of the converted inputs, by code.
   */
  warnings: {
    total: Count;
    /**
     * One entry per warning code that occurred, most first (ties by code).
     */
    codes: {
      /**
       * The warning code (docs/warnings.md).
       */
      code: string;
      count: Positive;
      files: Positive;
      /**
       * The first warnings of this code, in input order (at most ten).
       */
      examples: {
        /**
         * The input as shown ('-' for standard input).
         */
        path: string;
        /**
         * The line the warning is about, or null when it is about the whole document.
         */
        line: Positive | null;
        /**
         * The warning's message.
         */
        message: string;
      }[];
    }[];
  };
  /**
   * Inputs that could not be converted, by error code.
   */
  failures: {
    total: Count;
    /**
     * One entry per error code that occurred, most first (ties by code).
     */
    codes: {
      /**
       * The error code (docs/errors.md).
       */
      code: string;
      count: Positive;
      /**
       * The first inputs failing with this code, in input order (at most ten).
       */
      examples: {
        /**
         * The input as shown.
         */
        path: string;
        /**
         * The error's message.
         */
        message: string;
      }[];
    }[];
  };
  /**
   * Content ids found in more than one dispatch (the same story captured twice, or from two mirrors).
   */
  duplicates: {
    groups: Count;
    extraDispatches: Count;
    /**
     * The first groups, in the order their second dispatch was met (at most fifty).
     */
    shown: {
      /**
       * The content id.
       */
      id: string;
      /**
       * Dispatches with this id.
       */
      count: number;
      /**
       * The inputs holding them, in input order (at most ten; an input holding the id twice is listed twice).
       */
      paths: string[];
      /**
       * The dispatches of paths, in the same order, each with its date and title: captures of one story share them, while the same text on other dates is not a re-capture.
       */
      members: {
        /**
         * The input as shown.
         */
        path: string;
        /**
         * The dispatch's lead.date, or null.
         */
        date: IsoDate | null;
        /**
         * The dispatch's lead.title (cut to 160 characters), or null.
         */
        title: string | null;
      }[];
      morePaths: Count;
    }[];
    moreGroups: Count;
  };
  /**
   * The teaser lists' entries by their date line: what the archive's pages point to, and which of those days the archive holds no dispatch for.
   */
  teasers: {
    total: Count;
    /**
     * Teaser entries per date, in date order, each with whether the archive holds a dispatch dated that day.
     */
    days: {
      date: IsoDate;
      count: Positive;
      /**
       * Whether the archive holds at least one dispatch dated that day.
       */
      held: boolean;
    }[];
    missingDays: Count;
    missingTeasers: Count;
    missingEntries: Count;
    /**
     * Missing articles: per teaser date the archive holds no dispatch for, the distinct articles and the first of them met (at most three a day), latest day first (at most two hundred days).
     */
    missing: {
      date: IsoDate;
      count: Positive;
      articles: Positive;
      /**
       * The first distinct teaser texts of that day, each with the first input and line it was met at.
       */
      teasers: {
        /**
         * The teaser text as the page shows it (truncated by the page; cut to 160 characters here).
         */
        text: string;
        /**
         * The input it was first met in.
         */
        path: string;
        line: Positive;
        entries: Positive;
      }[];
    }[];
    moreMissingDays: Count;
  };
  /**
   * What the web archives (WARC, WACZ) among the inputs held, or null when none was read: their page records, the records skipped as no page, the captures of each dispatch (how many captures collapsed into one dispatch), and the captures by day beside the dispatches dated that day. Every list is bounded by the data.
   */
  archives: {
    records: Count;
    /**
     * Records that hold no page, by what they were: their WARC-Type ('request', 'warcinfo'...), 'status NNN' for a redirect or an error, their media type ('text/css', 'image/png'), 'not selected' (--accept-regex, --reject-regex), or a revisit of a record the archive does not hold. Never failures.
     */
    skipped: {
      total: Count;
      byKind: Tally;
    };
    /**
     * The documents read from archives (captures) against the distinct dispatches they hold: the Wayback Machine and daily crawls capture one article many times, and the captures of one article share its content id.
     */
    captures: {
      total: Count;
      dispatches: Count;
      /**
       * How many dispatches were captured how many times, fewest captures first.
       */
      byCount: {
        captures: Positive;
        dispatches: Positive;
      }[];
      /**
       * The dispatches captured most often (at most ten, of two captures or more), with the path, date and title of the first capture met.
       */
      mostCaptured: {
        /**
         * The dispatch's content id.
         */
        id: string;
        captures: Positive;
        /**
         * The first capture met: its archive and offset, as diagnostics show a record.
         */
        path: string;
        /**
         * Its lead.date, or null.
         */
        date: IsoDate | null;
        /**
         * Its title (the first 160 characters), or null.
         */
        title: string | null;
      }[];
    };
    /**
     * The days pages were captured on (the WARC-Date's, in UTC), in order, with the captures made that day and the dispatches dated that day (lead.date): the crawl's days beside the news days. The first 3,660 days.
     */
    byDay: {
      date: IsoDate;
      captures: Positive;
      dispatches: Count;
    }[];
    moreDays: Count;
  } | null;
}
/**
 * Counts by name, most first (ties by name), at most fifty entries; the rest summed in other.
 *
 * This interface was referenced by `ArchiveReport`'s JSON-Schema
 * via the `definition` "tally".
 */
export interface Tally {
  /**
   * The names counted, most first.
   */
  entries: {
    /**
     * The name as written in the documents.
     */
    name: string;
    count: Positive;
  }[];
  other: Count;
  otherNames: Count;
}
