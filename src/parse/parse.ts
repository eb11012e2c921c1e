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
import type { Dispatch, Page, Warning } from '../schema/types.js';
import { KcnaError } from '../errors.js';
import { detectBinary, findNuls } from './binary.js';
import { measureStory } from './content-id.js';
import { isCalendarDate, isoDate } from './dates.js';
import { decodeBytes, encodeUtf8, utf16LineNumbers, type Decoded } from './decode.js';
import { lineNumbersOfOffsets, splitLines, type Line } from './lines.js';
import { sha256Hex } from './hash.js';
import { matchHeading, matchStamp } from './patterns.js';
import { planPage } from './page.js';
import { addStamp, parseStory, type StoryParts } from './story.js';
import { parseTeasers, toDateline, type TeaserParts } from './teasers.js';
import { resolveYear, type StampSeen } from './year.js';
import { warn } from './warnings.js';

/** The schema version every document states (schemas/*.json say the same; a test checks it). */
export const SCHEMA_VERSION = '1.1.0' as const;

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
}

/** Why an input is not a dispatch. */
export type ParseFailureCode = 'EMPTY_INPUT' | 'BINARY_INPUT' | 'NOT_A_DISPATCH';

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

/** Layouts whose stories carry no '-0-': a missing end marker says nothing there. */
const NO_END_MARKERS = new Set<Page['layout']>(['kcna-co-jp-daily', 'kcna-co-jp-kns', 'digest']);
const HANGUL = /[\u1100-\u11ff\u3131-\u318e\uac00-\ud7a3]/gu;
const LATIN = /[A-Za-z]/gu;

/**
 * Parses one KCNA page capture: every dispatch it holds.
 * @param input the capture's bytes (BOM-sniffed, UTF-8 by default) or its already-decoded text.
 * @returns one document per dispatch and the diagnostics, or a failure saying why the input is not
 *   a dispatch.
 * @throws KcnaError with code INVALID_OPTION when an option is out of range; never for bad input.
 */
export function parseDispatch(input: string | Uint8Array, options: ParseOptions = {}): ParseResult {
  const path = options.path ?? null;
  const optionYear = options.year;
  if (optionYear !== undefined && (!Number.isInteger(optionYear) || optionYear < 1000 || optionYear > 9999)) {
    throw new KcnaError('INVALID_OPTION', `Invalid option year: must be an integer from 1000 to 9999, got ${String(optionYear)}`);
  }

  const bytes = typeof input === 'string' ? encodeUtf8(input) : input;
  // A binary file is refused before it is decoded; a stray NUL in text is only a warning.
  const binary = detectBinary(bytes);
  if (binary !== null) return { ok: false, code: 'BINARY_INPUT', message: binary, diagnostics: [] };
  const decoded: Decoded =
    typeof input === 'string'
      ? { text: input.startsWith('\ufeff') ? input.slice(1) : input, encoding: 'utf-8', bom: input.startsWith('\ufeff'), invalidOffsets: [] }
      : decodeBytes(input);
  const { lines, lineEndings } = splitLines(decoded.text);
  // concat, not push(...): spreading a huge array into arguments overflows the stack.
  const fileWarnings: Warning[] = decodingWarnings(bytes, decoded).concat(findNuls(bytes, decoded).map((run) => warn.nulCharacter(run.line, run.byteOffset, run.count)));

  const nonBlank = lines.filter((line) => line.text !== '');
  if (nonBlank.length === 0) {
    return { ok: false, code: 'EMPTY_INPUT', message: lines.length === 0 ? 'the input is empty' : 'the input holds only blank lines', diagnostics: fileWarnings };
  }

  const headingIndex = nonBlank.findIndex((line) => matchHeading(line.text) !== undefined);
  const teasers: TeaserParts | undefined = headingIndex < 0 ? undefined : parseTeasers(nonBlank.slice(headingIndex));
  const plan = planPage(headingIndex < 0 ? nonBlank : nonBlank.slice(0, headingIndex), teasers?.section.source ?? null);
  const storyOptions = { wrapped: plan.wrapped, cells: plan.layout === 'kcna-co-jp-kns', endMarkers: !NO_END_MARKERS.has(plan.layout) };
  const parsed = plan.stories.map((zone) => ({ zone: zone.lines, parts: parseStory(zone, storyOptions) }));

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
  const hasEntries = (teasers?.entries.length ?? 0) > 0;
  const first = stories[0];
  const anyStructure = stories.some((s) => s.dateline !== null || s.endMarkerLine !== null || s.truncated) || hasEntries || plan.date !== null;
  if (first === undefined || !anyStructure) {
    const diagnostics = fileWarnings.concat(orphans);
    for (const { parts } of parsed) {
      append(diagnostics, parts.warnings);
      append(diagnostics, parts.pageWarnings);
    }
    if (teasers) append(diagnostics, teasers.warnings);
    for (const line of plan.header) diagnostics.push(warn.pageJunk(line.n, line.raw));
    return {
      ok: false,
      code: 'NOT_A_DISPATCH',
      message:
        first === undefined
          ? 'no article text found'
          : "no dateline ('Pyongyang, March 23 (KCNA) --'), no end marker '-0-' and no teaser list found",
      diagnostics: sortByLine(diagnostics),
    };
  }

  // The page header: furniture and junk, and stamps, which date the first story as before.
  const pageWarnings: Warning[] = orphans;
  plan.header.forEach((line, i) => {
    const furniture = plan.headerFurniture[i];
    const stamp = furniture === undefined ? matchStamp(line.text) : undefined;
    if (stamp) addStamp(first, line.n, line.raw, stamp);
    else if (furniture?.kind === 'footer') pageWarnings.push(warn.pageFooter(line.n, line.raw));
    else pageWarnings.push(warn.pageJunk(line.n, line.raw));
  });
  for (const story of stories) append(pageWarnings, story.pageWarnings);
  if (teasers) append(pageWarnings, teasers.warnings);

  // The page's own date: its Date:, calendar or digest line, else the first Gregorian stamp.
  let pageDate: StampSeen | null = plan.date;
  let publishDate: StampSeen | null = null;
  if (pageDate === null) {
    for (const story of stories) {
      publishDate = story.publishStamps.find((stamp) => isCalendarDate(stamp.year, stamp.month, stamp.day)) ?? null;
      if (publishDate) break;
    }
  }
  const shownDate = pageDate ?? publishDate;
  const page: Page = {
    layout: plan.layout,
    mirror: plan.mirror,
    capturedOn: plan.capturedOn,
    date: shownDate === null ? null : isoDate(shownDate.year, shownDate.month, shownDate.day),
    dateLine: shownDate?.line ?? null,
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
      const year = resolveYear({ month, day, optionYear, stamps: story.stamps, pageDate, publishStamps: story.publishStamps, path });
      warnings = warnings.concat(year.warnings);
      dateline = toDateline(story.dateline, year.year, year.source);
      if (year.year !== null) date = isoDate(year.year, month, day);
    }
    const { id, words } = measureStory({ place: dateline?.place ?? null, month: dateline?.month ?? null, day: dateline?.day ?? null, paragraphs: story.paragraphs });
    return {
      schemaVersion: SCHEMA_VERSION,
      id,
      source: {
        path,
        bytes: bytes.byteLength,
        sha256,
        encoding: decoded.encoding,
        bom: decoded.bom,
        lineEndings,
        lines: lines.length,
        story: { index: k + 1, count, firstLine: story.firstLine, lastLine: story.lastLine },
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
