/**
 * The parser: text or bytes in, one Dispatch document per dispatch of the page plus diagnostics
 * out. Pure: no file system, no console, no colour; the only inputs are the arguments.
 *
 * The pipeline: decode; split into lines; recognise the page's layout and split it into a page
 * header, story zones and the teaser list (page.ts); read each zone with the one story core
 * (story.ts); read the teaser list (teasers.ts); give each story its year (year.ts).
 *
 * Line accounting: every non-blank input line ends up in exactly one place of exactly one of the
 * file's documents — a title, a dateline, a paragraph, an end marker, the teaser heading or closing
 * line, a teaser's title, text, date or repeat line, or a warning that carries its raw text.
 */
import type { ArchiveRecord, Dispatch, Page, Source, Warning } from '../schema/types.js';
import { invalidArgument, optionsObject } from '../arguments.js';
import { KcnaError } from '../errors.js';
import { detectBinary, findNuls } from './binary.js';
import { measureStory } from './content-id.js';
import { isCalendarDate, isoDate } from './dates.js';
import { decodeBytes, encodeUtf8, utf16LineNumbers, type Decoded } from './decode.js';
import { readHtml } from './html/index.js';
import { isHtml } from './html/sniff.js';
import { lineNumbersOfOffsets, textBlocks, type Line } from './lines.js';
import type { PageInput } from './model.js';
import { sha256Hex } from './hash.js';
import { matchHeading, matchStamp } from './patterns.js';
import { planPage } from './page.js';
import { addStamp, parseStory, type StoryParts } from './story.js';
import { parseTeasers, toDateline, type TeaserParts } from './teasers.js';
import { resolveYear, type StampSeen } from './year.js';
import { warn } from './warnings.js';

/** The schema version every document states (schemas/*.json say the same; a test checks it). */
export const SCHEMA_VERSION = '2.0.0' as const;

/** Options of parseDispatch. */
export interface ParseOptions {
  /**
   * The input's path: recorded in source.path, and searched for a YYYY-MM-DD or YYYYMMDD date, or
   * YYYY/MM[/DD] folders, that agree with the dateline to give the lead's year.
   * @default null
   */
  path?: string | null;
  /**
   * The lead's year, when the caller knows it (the CLI's --year). Wins over every other source.
   * @default undefined
   */
  year?: number;
  /**
   * The year of the datelines that no other source dates (the CLI's --default-year): unlike `year`,
   * it never overrides a stamp, the page's date or the path, and is recorded as 'default-year'.
   * @default undefined
   */
  defaultYear?: number;
  /**
   * Non-blank lines (for a web page, text blocks) the input may hold; past it the input is refused
   * with TOO_MANY_LINES before its lines are held: a whole number, at least 1.
   * @default 100000
   */
  maxLines?: number;
  /**
   * How to read the input: 'text' (a text capture), 'html' (a web page), or 'auto', which reads a
   * web page as one when its bytes sniff as HTML (a doctype, <html>, a comment... as the WHATWG
   * MIME Sniffing standard says) or its path ends in .html, .htm, .xhtml or .kcmsf and it holds
   * markup.
   * @default 'auto'
   */
  format?: 'auto' | 'text' | 'html';
  /**
   * The charset the transport declared for a web page (an HTTP Content-Type's charset, as a web
   * archive keeps it): used after a byte order mark and before the page's <meta>.
   * @default null
   */
  charset?: string | null;
  /**
   * For a page read from a web archive: the record it came from (source.archive). Its WARC-Date
   * gives page.capturedOn and its WARC-Target-URI page.url, unless the page states its own; the
   * year is then looked for in the address's host and path (as in the path of the same page
   * mirrored by `wget -m`), not in `path`, which names the archive.
   * @default null
   */
  archive?: ArchiveRecord | null;
}

/** Why an input is not a dispatch. */
export type ParseFailureCode = 'EMPTY_INPUT' | 'BINARY_INPUT' | 'NOT_A_DISPATCH' | 'TOO_MANY_LINES' | 'TOO_MANY_DISPATCHES';

/**
 * Non-blank lines (text blocks of a web page) one input may hold: a KCNA page has a few hundred, a
 * kcna.co.jp day a few hundred more. Past it an input is refused (TOO_MANY_LINES) before its lines
 * are held, which bounds a parse's memory whatever the file: every line becomes an object, a part
 * of a document and a part of its output, and 16 MB of two-letter lines are 5.6 million of them.
 */
export const DEFAULT_MAX_LINES = 100_000;

/**
 * Dispatches one input may hold: a kcna.co.jp day holds a few dozen, a listing a few hundred. Each
 * becomes a document of its own (its source, page and lead, a record in every format), so a file
 * of fifty thousand one-line stories would need gigabytes; past the limit it is refused
 * (TOO_MANY_DISPATCHES) once its stories are read, before any document is made.
 */
export const MAX_DISPATCHES = 10_000;

/** A page, parsed: one document per dispatch it holds. */
export interface ParseSuccess {
  ok: true;
  /** Every dispatch of the input, in file order (at least one). */
  documents: Dispatch[];
  /** The first dispatch: documents[0]. */
  document: Dispatch;
  /**
   * Every warning of the input, in line order (whole-input warnings first). For a one-dispatch
   * input this is the same array as document.warnings.
   */
  diagnostics: Warning[];
}

/** An input that is not a dispatch: empty, binary, or text without a dispatch's structure. */
export interface ParseFailure {
  ok: false;
  code: ParseFailureCode;
  message: string;
  /** Warnings raised before the parser gave up (e.g. INVALID_UTF8). */
  diagnostics: Warning[];
}

/** What parseDispatch returns: check `ok` first. */
export type ParseResult = ParseSuccess | ParseFailure;

const HANGUL = /[\u1100-\u11ff\u3131-\u318e\uac00-\ud7a3]/gu;
const LATIN = /[A-Za-z]/gu;

/**
 * Parses one KCNA page capture: every dispatch it holds.
 * @param input the capture's bytes (BOM-sniffed, UTF-8 by default) — a Uint8Array or Buffer, an
 *   ArrayBuffer, a DataView or another typed array — or its already-decoded text.
 * @returns one document per dispatch and the diagnostics, or a failure saying why the input is not
 *   a dispatch.
 * @throws KcnaError with code INVALID_OPTION when an argument is of the wrong type (input neither
 *   bytes nor text, options not an object) or an option is out of range; never for bad input.
 */
export function parseDispatch(input: string | Uint8Array | ArrayBuffer | ArrayBufferView, options?: ParseOptions): ParseResult {
  const capture = captureOf(input);
  const given = optionsObject(options);
  if (given.path !== undefined && given.path !== null && typeof given.path !== 'string') throw invalidArgument('option path', 'a string or null', given.path);
  return parseCapture(capture, given);
}

/**
 * The input as text or bytes: a string, or any bytes (a Uint8Array or Buffer, an ArrayBuffer, a
 * DataView or another typed array, viewed as bytes, not copied).
 * @throws KcnaError INVALID_OPTION for anything else.
 */
function captureOf(input: unknown): string | Uint8Array {
  if (typeof input === 'string' || input instanceof Uint8Array) return input;
  if (input instanceof ArrayBuffer || (typeof SharedArrayBuffer !== 'undefined' && input instanceof SharedArrayBuffer)) return new Uint8Array(input);
  if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  throw invalidArgument('argument input', "the capture's bytes (a Uint8Array, Buffer, ArrayBuffer or DataView) or its text (a string)", input);
}

function parseCapture(input: string | Uint8Array, options: ParseOptions): ParseResult {
  const path = options.path ?? null;
  const optionYear = options.year;
  if (optionYear !== undefined && (!Number.isInteger(optionYear) || optionYear < 1000 || optionYear > 9999)) {
    throw new KcnaError('INVALID_OPTION', `Invalid option year: must be an integer from 1000 to 9999, got ${String(optionYear)}`);
  }
  const defaultYear = options.defaultYear;
  if (defaultYear !== undefined && (!Number.isInteger(defaultYear) || defaultYear < 1000 || defaultYear > 9999)) {
    throw new KcnaError('INVALID_OPTION', `Invalid option defaultYear: must be an integer from 1000 to 9999, got ${String(defaultYear)}`);
  }
  const format = options.format ?? 'auto';
  if (format !== 'auto' && format !== 'text' && format !== 'html') {
    throw new KcnaError('INVALID_OPTION', `Invalid option format: must be 'auto', 'text' or 'html', got ${String(format)}`);
  }
  const maxLines = options.maxLines ?? DEFAULT_MAX_LINES;
  if (typeof maxLines !== 'number' || !Number.isSafeInteger(maxLines) || maxLines < 1) {
    throw new KcnaError('INVALID_OPTION', `Invalid option maxLines: must be a whole number, at least 1, got ${String(maxLines)}`);
  }
  const charset = options.charset ?? null;
  if (charset !== null && typeof charset !== 'string') throw new KcnaError('INVALID_OPTION', `Invalid option charset: must be a string, got ${String(charset)}`);

  const archive = options.archive ?? null;
  if (archive !== null && (typeof archive !== 'object' || typeof archive.targetUri !== 'string' || typeof archive.capturedAt !== 'string')) {
    throw new KcnaError('INVALID_OPTION', 'Invalid option archive: must be an object naming the record (targetUri, capturedAt, recordId...)');
  }
  // The path searched for the year, and for the name of a web page: the record's address, for a web archive's.
  const namePath = archive === null ? path : addressPath(archive.targetUri);

  const bytes = typeof input === 'string' ? encodeUtf8(input) : input;
  // A binary file is refused before it is decoded; a stray NUL in text is only a warning.
  const binary = detectBinary(bytes);
  if (binary !== null) return { ok: false, code: 'BINARY_INPUT', message: binary, diagnostics: [] };
  const html = format === 'html' || (format === 'auto' && isHtml(bytes, namePath));
  const page = html ? readHtml(bytes, { charset, path: namePath, text: typeof input === 'string' ? input : null, maxBlocks: maxLines }) : readText(input, bytes, maxLines);
  return assemble(page, bytes, { path, namePath, archive }, { optionYear, defaultYear });
}

/**
 * An address as a path: its host and path ('www.kcna.co.jp/item/2003/200303/news03/24.htm'), as
 * `wget -m` would lay the page out; the address itself when it is not a URL.
 */
function addressPath(uri: string): string {
  try {
    const url = new URL(uri);
    return `${url.host}${decodeURIComponentSafe(url.pathname)}`;
  } catch {
    return uri;
  }
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Where a page came from: the path recorded, the path its year and name are read from, and its web archive's record. */
interface Origin {
  path: string | null;
  namePath: string | null;
  archive: ArchiveRecord | null;
}

/** A text capture read into blocks: its lines, decoded from a byte order mark or as UTF-8. */
function readText(input: string | Uint8Array, bytes: Uint8Array, maxLines: number): PageInput {
  const decoded: Decoded =
    typeof input === 'string'
      ? { text: input.startsWith('\ufeff') ? input.slice(1) : input, encoding: 'utf-8', bom: input.startsWith('\ufeff'), invalidOffsets: [] }
      : decodeBytes(input);
  const { blocks, nonBlank, lines, lineEndings } = textBlocks(decoded.text, maxLines);
  // concat, not push(...): spreading a huge array into arguments overflows the stack.
  const fileWarnings: Warning[] = decodingWarnings(bytes, decoded).concat(findNuls(bytes, decoded).map((run) => warn.nulCharacter(run.line, run.byteOffset, run.count)));
  return {
    format: 'text',
    encoding: decoded.encoding,
    bom: decoded.bom,
    encodingSource: decoded.bom ? 'bom' : decoded.invalidOffsets.length === 0 ? 'utf-8' : 'default',
    lineEndings,
    lines,
    fileWarnings,
    blocks,
    empty: blocks.length > 0 ? null : lines === 0 ? 'the input is empty' : 'the input holds only blank lines',
    overLimit: nonBlank > maxLines ? { count: nonBlank, limit: maxLines } : null,
    site: null,
  };
}

/** The documents of a page read by either front end. */
function assemble(input: PageInput, bytes: Uint8Array, origin: Origin, years: { optionYear: number | undefined; defaultYear: number | undefined }): ParseResult {
  const { optionYear, defaultYear } = years;
  const { path, archive } = origin;
  const { blocks: nonBlank, fileWarnings, site } = input;
  if (input.empty !== null) return { ok: false, code: 'EMPTY_INPUT', message: input.empty, diagnostics: fileWarnings.concat(site?.pageWarnings ?? []) };
  if (input.overLimit !== null) {
    const { count, limit } = input.overLimit;
    const what = input.format === 'html' ? 'text blocks' : 'non-blank lines';
    return {
      ok: false,
      code: 'TOO_MANY_LINES',
      message: `has ${count.toLocaleString('en-US')} ${what}, over the limit of ${limit.toLocaleString('en-US')} one capture may hold (a KCNA page has a few hundred): not a page, or several thousand of them in one file`,
      diagnostics: fileWarnings,
    };
  }
  if (site?.notArticle) return { ok: false, code: 'NOT_A_DISPATCH', message: site.notArticle, diagnostics: sortByLine(fileWarnings.concat(site.pageWarnings)) };

  // The teaser list: read from the page's markup by its template, or found in the text.
  const headingIndex = site?.teasers ? -1 : nonBlank.findIndex((line) => line.role === null && matchHeading(line.text) !== undefined);
  const teasers: TeaserParts | undefined = site?.teasers ?? (headingIndex < 0 ? undefined : parseTeasers(nonBlank.slice(headingIndex)));
  const plan = planPage(headingIndex < 0 ? nonBlank : nonBlank.slice(0, headingIndex), teasers?.section.source ?? null, site?.layout ?? null);
  const { layout } = plan;
  const parsed = plan.stories.map((zone) => ({ zone: zone.lines, parts: parseStory(zone, layout) }));

  // Stories with no text at all are no dispatch: their lines become warnings of the story before.
  const stories: StoryParts[] = [];
  let orphans: Warning[] = [];
  for (const { zone, parts } of parsed) {
    if (parts.paragraphs.length > 0) {
      if (orphans.length > 0) parts.warnings = orphans.concat(parts.warnings);
      orphans = [];
      stories.push(parts);
    } else {
      const previous = stories.at(-1);
      append(previous ? previous.warnings : orphans, leftoverWarnings(zone, parts));
    }
  }
  if (stories.length > MAX_DISPATCHES) {
    return {
      ok: false,
      code: 'TOO_MANY_DISPATCHES',
      message: `holds ${stories.length.toLocaleString('en-US')} dispatches, over the limit of ${MAX_DISPATCHES.toLocaleString('en-US')} one capture may hold (a kcna.co.jp day holds a few dozen): split it`,
      diagnostics: fileWarnings,
    };
  }
  const hasEntries = (teasers?.entries.length ?? 0) > 0;
  const first = stories[0];
  // A page of a known site whose article the template found is a dispatch without a dateline too.
  const anyStructure =
    stories.some((s) => s.dateline !== null || s.endMarkerLine !== null || s.truncated) || hasEntries || plan.date !== null || site?.structured === true;
  if (first === undefined || !anyStructure) {
    const diagnostics = fileWarnings.concat(orphans);
    for (const { parts } of parsed) {
      append(diagnostics, parts.warnings);
      append(diagnostics, parts.pageWarnings);
    }
    if (teasers) append(diagnostics, teasers.warnings);
    for (const line of plan.header) diagnostics.push(warn.pageJunk(line.n, line.raw));
    if (site) append(diagnostics, site.pageWarnings);
    const why = first === undefined ? 'no article text found' : "no dateline ('Pyongyang, March 23 (KCNA) --'), no end marker '-0-' and no teaser list found";
    return {
      ok: false,
      code: 'NOT_A_DISPATCH',
      message: site?.site ? `a ${site.site} page with ${why.replace(/ found$/u, '')}` : why,
      diagnostics: sortByLine(diagnostics),
    };
  }

  // The page header: furniture and junk, and stamps, which date the first story as before.
  const pageWarnings: Warning[] = orphans;
  plan.header.forEach((line, i) => {
    const furniture = plan.headerFurniture[i];
    const stamp = furniture === undefined ? matchStamp(line.text) : undefined;
    if (line.role === 'aside') pageWarnings.push(warn.asideText(line.n, line.raw));
    else if (stamp) addStamp(first, line.n, line.raw, stamp);
    else if (furniture?.kind === 'footer') pageWarnings.push(warn.pageFooter(line.n, line.raw));
    else pageWarnings.push(warn.pageJunk(line.n, line.raw));
  });
  for (const story of stories) append(pageWarnings, story.pageWarnings);
  if (teasers) append(pageWarnings, teasers.warnings);
  if (site) append(pageWarnings, site.pageWarnings);

  // The page's own date: its Date:, calendar or digest line (or the date its markup holds), else
  // the first Gregorian stamp.
  let pageDate: StampSeen | null = plan.date ?? site?.pageDate ?? null;
  let publishDate: StampSeen | null = null;
  if (pageDate === null) {
    for (const story of stories) {
      publishDate = story.publishStamps.find((stamp) => isCalendarDate(stamp.year, stamp.month, stamp.day)) ?? null;
      if (publishDate) break;
    }
  }
  const shownDate = pageDate ?? publishDate;
  const page: Page = {
    layout: layout.name,
    mirror: plan.mirror,
    // What the page says of its capture wins (a Wayback Machine page kept in a crawl was captured
    // when the Wayback Machine says); else the web archive's record's date.
    capturedOn: plan.capturedOn ?? site?.capturedOn ?? archive?.capturedAt.slice(0, 10) ?? null,
    date: shownDate === null ? null : isoDate(shownDate.year, shownDate.month, shownDate.day),
    dateLineNumber: shownDate?.line ?? null,
    url: site?.url ?? archive?.targetUri ?? null,
  };

  // Decoding warnings go with the story holding their line; the rest of the page with the first.
  // Both are in line order, so one walk pairs them (no search per warning: both can be huge).
  const perStory = new Map<number, Warning[]>();
  let at = 0;
  for (const warning of sortByLine(fileWarnings)) {
    const line = warning.line ?? 0;
    while (at + 1 < stories.length && stories[at + 1]!.firstLine <= line) at++;
    const k = line >= stories[at]!.firstLine && line <= stories[at]!.lastLine ? at : 0;
    const list = perStory.get(k);
    if (list) list.push(warning);
    else perStory.set(k, [warning]);
  }

  const sha256 = sha256Hex(bytes);
  const count = stories.length;
  const documents: Dispatch[] = stories.map((story, k) => {
    let warnings = story.warnings;
    const decoding = perStory.get(k);
    if (decoding) warnings = decoding.concat(warnings);
    if (k === 0 && pageWarnings.length > 0) warnings = warnings.concat(pageWarnings);
    let dateline = null;
    let date: string | null = null;
    if (story.dateline) {
      const { month, day } = story.dateline;
      const year = resolveYear({ month, day, optionYear, defaultYear, stamps: story.stamps, pageDate, publishStamps: story.publishStamps, path: origin.namePath });
      warnings = warnings.concat(year.warnings);
      dateline = toDateline(story.dateline, year.year, year.source);
      if (year.year !== null) date = isoDate(year.year, month, day);
    } else if (site?.leadDateFromPage && pageDate !== null) {
      // A newspaper's own article has no dateline: its date is the paper's (Rodong Sinmun).
      date = isoDate(pageDate.year, pageDate.month, pageDate.day);
    }
    const { id, words } = measureStory({ place: dateline?.place ?? null, month: dateline?.month ?? null, day: dateline?.day ?? null, paragraphs: story.paragraphs });
    return {
      schemaVersion: SCHEMA_VERSION,
      id,
      source: {
        path,
        bytes: bytes.byteLength,
        sha256,
        encoding: input.encoding as Source['encoding'],
        bom: input.bom,
        lineEndings: input.lineEndings,
        lines: input.lines,
        story: { index: k + 1, count, firstLine: story.firstLine, lastLine: story.lastLine },
        format: input.format,
        encodingSource: input.encodingSource,
        archive,
      },
      page: k === 0 ? page : { ...page },
      lead: {
        title: story.title,
        titleLine: story.titleLine,
        titleEndLine: story.titleEndLine,
        anchor: story.anchor,
        datelineLine: story.datelineLine,
        dateline,
        date,
        // Every kept story has a paragraph (stories without one were folded into warnings above).
        paragraphs: story.paragraphs as [string, ...string[]],
        paragraphLines: story.paragraphLines as [number, ...number[]],
        paragraphEndLines: story.paragraphEndLines as [number, ...number[]],
        endMarker: story.endMarkerLine !== null,
        endMarkerLine: story.endMarkerLine,
        truncated: story.truncated,
        language: languageOf(story),
        wordCount: words,
      },
      teaserSection: k === 0 ? (teasers?.section ?? null) : null,
      teasers: k === 0 ? (teasers?.entries ?? []) : [],
      warnings: sortByLine(warnings),
    };
  });
  const diagnostics = documents.length === 1 ? documents[0]!.warnings : sortByLine(documents.flatMap((d) => d.warnings));
  return { ok: true, documents, document: documents[0]!, diagnostics };
}

/**
 * Appends `items` to `target` one by one: no push(...items), which passes every item as an
 * argument and overflows the stack on a huge array, and no repeated concat, which copies the
 * growing array each time.
 */
function append<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}

/** 'ko' for a Korean dateline or text that is mostly Hangul, 'en' otherwise. */
function languageOf(story: StoryParts): 'en' | 'ko' {
  if (story.dateline) return story.dateline.language;
  const sample = story.paragraphs[0]!.slice(0, 2000);
  if (!/[^\x00-\x7f]/u.test(sample)) return 'en';
  return (sample.match(HANGUL)?.length ?? 0) > (sample.match(LATIN)?.length ?? 0) ? 'ko' : 'en';
}

/** The lines of a story with no text (a title and a bare dateline, say), as warnings. */
function leftoverWarnings(zone: readonly Line[], parts: StoryParts): Warning[] {
  const carried = new Set(parts.warnings.concat(parts.pageWarnings).map((w) => (w.text === undefined ? -1 : w.line)));
  let warnings = parts.warnings.filter((w) => w.code !== 'NO_DATELINE' && w.code !== 'MISSING_END_MARKER').concat(parts.pageWarnings);
  for (const line of zone) if (!carried.has(line.n)) warnings.push(warn.trailingText(line.n, line.raw, 'article'));
  return warnings;
}

function decodingWarnings(bytes: Uint8Array, decoded: Decoded): Warning[] {
  const offsets = decoded.invalidOffsets;
  if (offsets.length === 0) return [];
  const utf16 = decoded.encoding !== 'utf-8';
  const lineOf = utf16 ? utf16LineNumbers(bytes, decoded.encoding === 'utf-16le', offsets) : lineNumbersOfOffsets(bytes, offsets);
  const warnings: Warning[] = [];
  let i = 0;
  while (i < offsets.length) {
    let j = i;
    while (j + 1 < offsets.length && lineOf[j + 1] === lineOf[i]) j++;
    warnings.push(utf16 ? warn.invalidUtf16(lineOf[i]!, offsets[i]!, j - i + 1) : warn.invalidUtf8(lineOf[i]!, offsets[i]!, j - i + 1));
    i = j + 1;
  }
  return warnings;
}

/** Stable sort by line; whole-document warnings (line null) first. */
function sortByLine(warnings: Warning[]): Warning[] {
  let sorted = true;
  for (let i = 1; i < warnings.length && sorted; i++) sorted = (warnings[i - 1]!.line ?? 0) <= (warnings[i]!.line ?? 0);
  if (sorted) return warnings;
  return warnings
    .map((warning, index) => ({ warning, index }))
    .sort((a, b) => (a.warning.line ?? 0) - (b.warning.line ?? 0) || a.index - b.index)
    .map(({ warning }) => warning);
}
