/**
 * The typed columns of the table formats (SQLite, Parquet): one definition of each column — its
 * name, type, whether it may be null, what it holds, and how it is read from a document — from
 * which both formats make their tables (DDL, Parquet schema), their rows and their documentation
 * (docs/fields.md). Names are snake_case and differ by more than case (case-insensitive engines).
 */
import type { Dispatch, Teaser, Warning } from '../../schema/types.js';
import type { Piece } from '../writer.js';

/**
 * A column's type, which each format maps to its own: text (TEXT, STRING), integer (INTEGER,
 * INT32), bigint (INTEGER, INT64: byte counts and offsets), boolean (INTEGER 0/1, BOOLEAN), date
 * (a YYYY-MM-DD TEXT, DATE).
 */
export type ColumnType = 'text' | 'integer' | 'bigint' | 'boolean' | 'date';

export type CellValue = string | number | boolean | null;

export interface Column<T> {
  readonly name: string;
  readonly type: ColumnType;
  readonly nullable: boolean;
  /** What the column holds, and the field of the JSON document it comes from. */
  readonly description: string;
  /** The value, as the JSON document has it (dates as YYYY-MM-DD text). */
  readonly value: (from: T) => CellValue;
}

const text = <T>(name: string, nullable: boolean, description: string, value: (from: T) => string | null): Column<T> => ({ name, type: 'text', nullable, description, value });
const integer = <T>(name: string, nullable: boolean, description: string, value: (from: T) => number | null): Column<T> => ({ name, type: 'integer', nullable, description, value });
const bigint = <T>(name: string, nullable: boolean, description: string, value: (from: T) => number | null): Column<T> => ({ name, type: 'bigint', nullable, description, value });
const boolean = <T>(name: string, description: string, value: (from: T) => boolean): Column<T> => ({ name, type: 'boolean', nullable: false, description, value });
const date = <T>(name: string, nullable: boolean, description: string, value: (from: T) => string | null): Column<T> => ({ name, type: 'date', nullable, description, value });

/** The paragraphs as one text, as CSV's `text` column has them. */
export const PARAGRAPH_JOIN = '\n\n';

/** One dispatch: the scalar facts of the document, in order (lists are each format's own). */
export const DISPATCH_COLUMNS: ReadonlyArray<Column<Dispatch>> = [
  text('id', false, 'Content id (id): the same story captured twice shares it, so it is not unique across inputs unless the run used --dedupe.', (d) => d.id),
  text('path', true, 'source.path: the input path as given; null for standard input. For a record of a web archive, the archive.', (d) => d.source.path),
  integer('story_index', false, 'source.story.index: 1-based position of the dispatch in its file.', (d) => d.source.story.index),
  integer('story_count', false, 'source.story.count: number of dispatches in the file.', (d) => d.source.story.count),
  integer('first_line', false, "source.story.firstLine: the story's first line.", (d) => d.source.story.firstLine),
  integer('last_line', false, "source.story.lastLine: the story's last line.", (d) => d.source.story.lastLine),
  text('title', true, 'lead.title; null when there is none.', (d) => d.lead.title),
  integer('title_line', true, 'lead.titleLine.', (d) => d.lead.titleLine),
  integer('title_end_line', true, 'lead.titleEndLine.', (d) => d.lead.titleEndLine),
  text('anchor', true, "lead.anchor: kcna.co.jp's anchor id, or null.", (d) => d.lead.anchor),
  text('dateline', true, 'lead.dateline.text: the dateline as written; null without a dateline.', (d) => d.lead.dateline?.text ?? null),
  integer('dateline_line', true, 'lead.datelineLine.', (d) => d.lead.datelineLine),
  text('place', true, 'lead.dateline.place; null without a dateline.', (d) => d.lead.dateline?.place ?? null),
  integer('month', true, 'lead.dateline.month (1-12); null without a dateline.', (d) => d.lead.dateline?.month ?? null),
  integer('day', true, 'lead.dateline.day (1-31); null without a dateline.', (d) => d.lead.dateline?.day ?? null),
  integer('year', true, 'lead.dateline.year; null when unknown (never guessed).', (d) => d.lead.dateline?.year ?? null),
  text('year_source', true, "lead.dateline.yearSource: where the year came from ('juche-stamp', 'path', 'default-year'...); null when there is no year.", (d) => d.lead.dateline?.yearSource ?? null),
  text('agency', true, "lead.dateline.agency ('KCNA', '조선중앙통신'); null without a dateline.", (d) => d.lead.dateline?.agency ?? null),
  date('date', true, 'lead.date; null when the year is unknown.', (d) => d.lead.date),
  text('language', false, "lead.language: 'en' or 'ko'.", (d) => d.lead.language),
  boolean('end_marker', "lead.endMarker: whether the end marker '-0-' closed the article.", (d) => d.lead.endMarker),
  integer('end_marker_line', true, 'lead.endMarkerLine.', (d) => d.lead.endMarkerLine),
  boolean('truncated', 'lead.truncated: whether the page shows only the start of the story.', (d) => d.lead.truncated),
  integer('word_count', false, 'lead.wordCount.', (d) => d.lead.wordCount),
  integer('paragraph_count', false, 'Number of lead paragraphs (at least 1).', (d) => d.lead.paragraphs.length),
  integer('teaser_count', false, 'Number of teasers.', (d) => d.teasers.length),
  integer('warning_count', false, 'Number of warnings.', (d) => d.warnings.length),
  text('text', false, 'The lead paragraphs joined by a blank line (two line feeds), as in the CSV.', (d) => d.lead.paragraphs.join(PARAGRAPH_JOIN)),
  text('layout', false, "page.layout: the page layout ('kcna-kp', 'kcnawatch-2024', 'plain'...).", (d) => d.page.layout),
  text('mirror', true, 'page.mirror; null when the page names none.', (d) => d.page.mirror),
  date('page_date', true, "page.date: the page's own date; null when it prints none.", (d) => d.page.date),
  integer('page_date_line', true, 'page.dateLineNumber: the line page.date was read from.', (d) => d.page.dateLineNumber),
  date('captured_on', true, 'page.capturedOn: the date the page was captured or saved, when the capture says so.', (d) => d.page.capturedOn),
  text('url', true, "page.url: the page's own address, when the capture states it.", (d) => d.page.url),
  text('format', false, "source.format: 'text' or 'html'.", (d) => d.source.format),
  text('encoding', false, 'source.encoding: the encoding the input was decoded from.', (d) => d.source.encoding),
  text('encoding_source', false, 'source.encodingSource: why that encoding.', (d) => d.source.encodingSource),
  boolean('bom', 'source.bom: whether the input started with a byte order mark.', (d) => d.source.bom),
  text('line_endings', false, "source.lineEndings: 'lf', 'crlf', 'cr', 'mixed' or 'none'.", (d) => d.source.lineEndings),
  integer('lines', false, 'source.lines: lines of the decoded input.', (d) => d.source.lines),
  bigint('bytes', false, 'source.bytes: size of the input in bytes.', (d) => d.source.bytes),
  text('sha256', false, "source.sha256: the SHA-256 of the input's bytes (of a web archive's record, its payload's).", (d) => d.source.sha256),
  text('archive_format', true, "source.archive.format: 'warc' or 'wacz'; null for any input but a web archive's record.", (d) => d.source.archive?.format ?? null),
  text('archive_record_id', true, "source.archive.recordId: the record's WARC-Record-ID.", (d) => d.source.archive?.recordId ?? null),
  bigint('archive_offset', true, 'source.archive.offset: where the record starts in the archive, in bytes.', (d) => d.source.archive?.offset ?? null),
  text('archive_member', true, 'source.archive.member: the WARC file inside a WACZ.', (d) => d.source.archive?.member ?? null),
  text('archive_uri', true, 'source.archive.targetUri: the address the record was captured from.', (d) => d.source.archive?.targetUri ?? null),
  text('captured_at', true, 'source.archive.capturedAt: when the record was captured, ISO 8601 in UTC as the archive wrote it (text, so that no fraction of a second is lost).', (d) => d.source.archive?.capturedAt ?? null),
  text('archive_payload_digest', true, 'source.archive.payloadDigest: the WARC-Payload-Digest as written.', (d) => d.source.archive?.payloadDigest ?? null),
  text('teaser_heading', true, "teaserSection.heading: the heading opening the page's teaser list; null without one (and on every dispatch of a file but the first).", (d) => d.teaserSection?.heading ?? null),
  text('teaser_source', true, "teaserSection.source: what the heading names ('KCNA.kp (En)').", (d) => d.teaserSection?.source ?? null),
  integer('teaser_heading_line', true, 'teaserSection.line.', (d) => d.teaserSection?.line ?? null),
  integer('teaser_closing_line', true, "teaserSection.closingLine: the line of the closing 'More Articles'.", (d) => d.teaserSection?.closingLine ?? null),
];

/** A teaser and its position in its dispatch's list. */
export interface TeaserAt {
  teaser: Teaser;
  position: number;
}

/** One teaser list entry: the scalar facts of a teaser, in order. */
export const TEASER_COLUMNS: ReadonlyArray<Column<TeaserAt>> = [
  integer('position', false, 'Position of the teaser in its dispatch\'s list, from 0 (the index of teasers[] in the JSON).', (t) => t.position),
  text('title', true, "teasers[].title: a five-line entry's title; null for a three-line entry.", (t) => t.teaser.title),
  text('text', false, 'teasers[].text: the teaser text (truncated by the source page).', (t) => t.teaser.text),
  date('date', false, "teasers[].date: the entry's date line (the date the capture page lists, not the lead's).", (t) => t.teaser.date),
  text('dateline', true, "teasers[].dateline.text: the teaser's own dateline; null when its text has none.", (t) => t.teaser.dateline?.text ?? null),
  text('place', true, 'teasers[].dateline.place.', (t) => t.teaser.dateline?.place ?? null),
  integer('month', true, 'teasers[].dateline.month.', (t) => t.teaser.dateline?.month ?? null),
  integer('day', true, 'teasers[].dateline.day.', (t) => t.teaser.dateline?.day ?? null),
  integer('year', true, 'teasers[].dateline.year.', (t) => t.teaser.dateline?.year ?? null),
  text('year_source', true, 'teasers[].dateline.yearSource.', (t) => t.teaser.dateline?.yearSource ?? null),
  text('agency', true, 'teasers[].dateline.agency.', (t) => t.teaser.dateline?.agency ?? null),
  integer('line', false, 'teasers[].line: the line of the teaser text.', (t) => t.teaser.line),
  integer('date_line_number', false, "teasers[].dateLineNumber: the line of the entry's date.", (t) => t.teaser.dateLineNumber),
  integer('repeat_line', true, 'teasers[].repeatLine: the line of the repeated text.', (t) => t.teaser.repeatLine),
  integer('title_line', true, 'teasers[].titleLine.', (t) => t.teaser.titleLine),
  integer('title_repeat_line', true, 'teasers[].titleRepeatLine.', (t) => t.teaser.titleRepeatLine),
];

/** A warning and its position in its dispatch's list. */
export interface WarningAt {
  warning: Warning;
  position: number;
}

/** One warning of a dispatch. */
export const WARNING_COLUMNS: ReadonlyArray<Column<WarningAt>> = [
  integer('position', false, "Position of the warning in its dispatch's list, from 0 (input order).", (w) => w.position),
  text('code', false, 'warnings[].code: the stable code (docs/warnings.md).', (w) => w.warning.code),
  integer('line', true, 'warnings[].line: the line it is about; null when about the whole document.', (w) => w.warning.line),
  text('message', false, 'warnings[].message: a sentence for people (match on code).', (w) => w.warning.message),
  text('text', true, 'warnings[].text: the input line the warning carries, when it carries one.', (w) => w.warning.text ?? null),
  bigint('byte_offset', true, 'warnings[].byteOffset: for invalid bytes and NUL characters, their offset in the input.', (w) => w.warning.byteOffset ?? null),
  integer('count', true, 'warnings[].count: for OUTSIDE_ARTICLE, the text blocks outside the article.', (w) => w.warning.count ?? null),
];

/** The values of a row, in column order. */
export function rowOf<T>(columns: ReadonlyArray<Column<T>>, from: T): CellValue[] {
  const row: CellValue[] = new Array(columns.length);
  for (let i = 0; i < columns.length; i++) row[i] = columns[i]!.value(from);
  return row;
}

/** The text of a rendered record (UTF-8 bytes when a worker thread rendered it). */
export function recordText(piece: Piece): string {
  return typeof piece === 'string' ? piece : Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength).toString('utf8');
}
