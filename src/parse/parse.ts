/**
 * The parser: text or bytes in, a Dispatch document plus diagnostics out. Pure: no file system, no
 * console, no colour; the only inputs are the arguments.
 *
 * Line accounting: every non-blank input line ends up in exactly one place of the document — the
 * title, the dateline, a paragraph, the end marker, the teaser heading or closing line, a teaser's
 * text, date or repeat line, or a warning that carries its raw text.
 */
import { createHash } from 'node:crypto';
import type { Dateline, Dispatch, Teaser, TeaserSection, Warning } from '../schema/types.js';
import { KcnaError } from '../errors.js';
import { detectBinary, findNuls } from './binary.js';
import { contentId } from './content-id.js';
import { isoDate } from './dates.js';
import { decodeBytes, encodeUtf8, type Decoded } from './decode.js';
import { lineNumbersOfOffsets, splitLines, type Line } from './lines.js';
import {
  isClosing,
  matchDateLine,
  matchDateline,
  matchEndMarker,
  matchHeading,
  matchStamp,
  startsWithDate,
  type DatelineMatch,
} from './patterns.js';
import { countWords } from './words.js';
import { resolveYear, type StampSeen } from './year.js';
import { warn } from './warnings.js';

/** The schema version every document states (schemas/*.json say the same; a test checks it). */
export const SCHEMA_VERSION = '1.0.0' as const;

/** Options of parseDispatch. */
export interface ParseOptions {
  /**
   * The input's path: recorded in source.path, and searched for a YYYY-MM-DD or YYYYMMDD date that
   * agrees with the dateline to give the lead's year.
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

/** A dispatch, parsed. */
export interface ParseSuccess {
  ok: true;
  document: Dispatch;
  /** The document's warnings (the same array as document.warnings). */
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

/**
 * Parses one KCNA page dump.
 * @param input the dump's bytes (BOM-sniffed, UTF-8 by default) or its already-decoded text.
 * @returns the document and its diagnostics, or a failure saying why the input is not a dispatch.
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
  let warnings: Warning[] = [
    ...invalidUtf8Warnings(bytes, decoded.invalidOffsets),
    ...findNuls(bytes, decoded).map((run) => warn.nulCharacter(run.line, run.byteOffset, run.count)),
  ];

  const nonBlank = lines.filter((line) => line.text !== '');
  if (nonBlank.length === 0) {
    return { ok: false, code: 'EMPTY_INPUT', message: lines.length === 0 ? 'the input is empty' : 'the input holds only blank lines', diagnostics: warnings };
  }

  const headingIndex = nonBlank.findIndex((line) => matchHeading(line.text) !== undefined);
  const lead = parseLead(headingIndex < 0 ? nonBlank : nonBlank.slice(0, headingIndex));
  const teasers = headingIndex < 0 ? undefined : parseTeasers(nonBlank.slice(headingIndex));
  // concat, not push(...): spreading a huge array into arguments overflows the stack.
  warnings = warnings.concat(lead.warnings, teasers?.warnings ?? []);

  const hasEntries = (teasers?.entries.length ?? 0) > 0;
  const [firstParagraph, ...otherParagraphs] = lead.paragraphs;
  const [firstParagraphLine, ...otherParagraphLines] = lead.paragraphLines;
  if (firstParagraph === undefined || firstParagraphLine === undefined || (!lead.dateline && lead.endMarkerLine === null && !hasEntries)) {
    return {
      ok: false,
      code: 'NOT_A_DISPATCH',
      message:
        firstParagraph === undefined
          ? 'no article text found'
          : "no dateline ('Pyongyang, March 23 (KCNA) --'), no end marker '-0-' and no teaser list found",
      diagnostics: sortByLine(warnings),
    };
  }

  let dateline: Dateline | null = null;
  let date: string | null = null;
  if (lead.dateline) {
    const { month, day } = lead.dateline;
    const year = resolveYear({ month, day, optionYear, stamps: lead.stamps, path });
    warnings.push(...year.warnings);
    dateline = toDateline(lead.dateline, year.year, year.source);
    if (year.year !== null) date = isoDate(year.year, month, day);
  }

  const sorted = sortByLine(warnings);
  const document: Dispatch = {
    schemaVersion: SCHEMA_VERSION,
    id: contentId({ place: dateline?.place ?? null, month: dateline?.month ?? null, day: dateline?.day ?? null, paragraphs: lead.paragraphs }),
    source: {
      path,
      bytes: bytes.byteLength,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      encoding: decoded.encoding,
      bom: decoded.bom,
      lineEndings,
      lines: lines.length,
    },
    lead: {
      title: lead.title?.text ?? null,
      titleLine: lead.title?.n ?? null,
      datelineLine: lead.datelineLine,
      dateline,
      date,
      paragraphs: [firstParagraph, ...otherParagraphs],
      paragraphLines: [firstParagraphLine, ...otherParagraphLines],
      endMarker: lead.endMarkerLine !== null,
      endMarkerLine: lead.endMarkerLine,
      wordCount: countWords(lead.paragraphs),
    },
    teaserSection: teasers?.section ?? null,
    teasers: teasers?.entries ?? [],
    warnings: sorted,
  };
  return { ok: true, document, diagnostics: sorted };
}

function toDateline(match: DatelineMatch, year: number | null, yearSource: Dateline['yearSource']): Dateline {
  return { text: match.text, place: match.place, month: match.month, day: match.day, year, yearSource: year === null ? null : yearSource, agency: match.agency };
}

function invalidUtf8Warnings(bytes: Uint8Array, offsets: readonly number[]): Warning[] {
  if (offsets.length === 0) return [];
  const lineOf = lineNumbersOfOffsets(bytes, offsets);
  const warnings: Warning[] = [];
  let i = 0;
  while (i < offsets.length) {
    let j = i;
    while (j + 1 < offsets.length && lineOf[j + 1] === lineOf[i]) j++;
    warnings.push(warn.invalidUtf8(lineOf[i]!, offsets[i]!, j - i + 1));
    i = j + 1;
  }
  return warnings;
}

/** Stable sort by line; whole-document warnings (line null) first. */
function sortByLine(warnings: Warning[]): Warning[] {
  return warnings
    .map((warning, index) => ({ warning, index }))
    .sort((a, b) => (a.warning.line ?? 0) - (b.warning.line ?? 0) || a.index - b.index)
    .map(({ warning }) => warning);
}

// ---------------------------------------------------------------------------------------------
// The lead article

interface LeadParts {
  title: Line | null;
  dateline: DatelineMatch | null;
  datelineLine: number | null;
  paragraphs: string[];
  paragraphLines: number[];
  endMarkerLine: number | null;
  stamps: StampSeen[];
  warnings: Warning[];
}

const TERMINAL_PUNCTUATION = /[.!?;:,…]$/u;

/** A line that may be a title: not a date, stamp or end marker, and of headline length. */
function isTitleLike(text: string): boolean {
  return text.length <= 300 && !startsWithDate(text) && !matchStamp(text) && !matchEndMarker(text);
}

/** Page furniture that can sit above an article: dates ('March 16, 2026Mar 16, 2026') and stamps. */
function isFurniture(text: string): boolean {
  return startsWithDate(text) || matchStamp(text) !== undefined;
}

function parseLead(zone: readonly Line[]): LeadParts {
  const parts: LeadParts = { title: null, dateline: null, datelineLine: null, paragraphs: [], paragraphLines: [], endMarkerLine: null, stamps: [], warnings: [] };
  let bodyStart: number;
  let junkEnd: number;
  const datelineIndex = zone.findIndex((line) => matchDateline(line.text) !== undefined);
  if (datelineIndex >= 0) {
    bodyStart = datelineIndex;
    junkEnd = datelineIndex;
    const above = zone[datelineIndex - 1];
    if (above && isTitleLike(above.text)) {
      parts.title = above;
      junkEnd--;
    }
  } else {
    junkEnd = 0;
    while (junkEnd < zone.length && isFurniture(zone[junkEnd]!.text)) junkEnd++;
    bodyStart = junkEnd;
    const first = zone[junkEnd];
    if (first && zone.length - junkEnd >= 2 && first.text.length <= 200 && isTitleLike(first.text) && !TERMINAL_PUNCTUATION.test(first.text)) {
      parts.title = first;
      bodyStart++;
    }
  }
  for (const line of zone.slice(0, junkEnd)) {
    // A stamp above the article is still a stamp: it can give the lead's year like one below it.
    const stamp = matchStamp(line.text);
    if (stamp) addStamp(parts, line.n, line.raw, stamp);
    else parts.warnings.push(warn.pageJunk(line.n, line.raw));
  }

  for (let i = bodyStart; i < zone.length; i++) {
    const line = zone[i]!;
    if (parts.endMarkerLine !== null) {
      const stamp = matchStamp(line.text);
      if (stamp) addStamp(parts, line.n, line.raw, stamp);
      else parts.warnings.push(warn.trailingText(line.n, line.raw, 'article'));
      continue;
    }
    let text = line.text;
    if (i === datelineIndex) {
      const match = matchDateline(line.text)!;
      parts.dateline = match;
      parts.datelineLine = line.n;
      text = match.rest.trim();
    } else {
      const stamp = matchStamp(text);
      if (stamp) {
        addStamp(parts, line.n, line.raw, stamp);
        continue;
      }
    }
    const end = matchEndMarker(text);
    if (end) {
      parts.endMarkerLine = line.n;
      text = end.before;
      if (end.stamp !== undefined) addStamp(parts, line.n, end.stamp, matchStamp(end.stamp)!);
    }
    if (text !== '') {
      parts.paragraphs.push(text);
      parts.paragraphLines.push(line.n);
    }
  }

  const first = parts.paragraphLines[0];
  const last = parts.paragraphLines.at(-1);
  if (parts.dateline === null && first !== undefined) parts.warnings.push(warn.noDateline(first));
  if (parts.endMarkerLine === null && last !== undefined) parts.warnings.push(warn.missingEndMarker(last));
  return parts;
}

function addStamp(parts: LeadParts, line: number, text: string, stamp: { year: number; month: number; day: number }): void {
  parts.stamps.push({ line, ...stamp });
  parts.warnings.push(warn.stampLine(line, text, stamp));
}

// ---------------------------------------------------------------------------------------------
// The teaser list

interface TeaserParts {
  section: TeaserSection;
  entries: Teaser[];
  warnings: Warning[];
}

/** Teaser text and its repeat match when they differ only in whitespace. */
function sameTeaserText(a: string, b: string): boolean {
  return a === b || a.replace(/\s+/gu, '') === b.replace(/\s+/gu, '');
}

function parseTeasers(zone: readonly Line[]): TeaserParts {
  const heading = zone[0]!;
  const section: TeaserSection = { heading: heading.text, source: matchHeading(heading.text)!, line: heading.n, closingLine: null };
  const entries: Teaser[] = [];
  const warnings: Warning[] = [];
  /** Whether a line can be an entry's text or repeat (not a closing, date or stamp line). */
  const isTextLine = (line: Line | undefined): line is Line =>
    line !== undefined && !isClosing(line.text) && !matchDateLine(line.text) && !matchStamp(line.text);

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
    const dateOnly = matchDateLine(line.text);
    if (dateOnly) {
      warnings.push(dateOnly.valid ? warn.teaserStrayDate(line.n, line.raw) : warn.teaserInvalidDate(line.n, line.raw));
      i++;
      continue;
    }
    const dateLine = zone[i + 1];
    const date = dateLine && !isClosing(dateLine.text) ? matchDateLine(dateLine.text) : undefined;
    if (!dateLine || !date?.valid) {
      warnings.push(warn.teaserMissingDate(line.n, line.raw));
      i++;
      continue;
    }

    let repeatLine: number | null = null;
    let consumed = 2;
    const repeat = zone[i + 2];
    if (isTextLine(repeat) && sameTeaserText(repeat.text, line.text)) {
      repeatLine = repeat.n;
      consumed = 3;
    } else if (isTextLine(repeat) && !(zone[i + 3] && matchDateLine(zone[i + 3]!.text))) {
      // Not followed by a date line, so it is not the next entry's text: a repeat that differs.
      // The warning carries the line, so repeatLine stays null and the line is counted once.
      warnings.push(warn.teaserRepeatMismatch(repeat.n, repeat.raw));
      consumed = 3;
    } else {
      warnings.push(warn.teaserRepeatMissing(line.n));
    }

    const dateline = matchDateline(line.text);
    const isoEntryDate = isoDate(date.year, date.month, date.day);
    entries.push({
      text: dateline ? dateline.rest.trim() : line.text,
      date: isoEntryDate,
      dateline: dateline
        ? toDateline(dateline, dateline.month === date.month && dateline.day === date.day ? date.year : null, 'teaser-date')
        : null,
      line: line.n,
      dateLine: dateLine.n,
      repeatLine,
    });
    i += consumed;
  }
  if (entries.length === 0) warnings.push(warn.teaserHeadingEmpty(heading.n));
  if (section.closingLine === null) warnings.push(warn.teaserListUnclosed(heading.n));
  return { section, entries, warnings };
}
