/**
 * The story core: one zone of a page (a title, a dateline, paragraphs, an end marker, stamps, and
 * the furniture among them) read into its parts, whatever the page's layout. Every line of the
 * zone ends up in exactly one part, or in a warning that carries it.
 */
import type { Warning } from '../schema/types.js';
import type { Furniture } from './furniture.js';
import type { Block } from './model.js';
import { isCut, isTitleLike, type StoryZone } from './page.js';
import { matchEndMarker, matchStamp, startsWithDate, type DatelineMatch, type StampMatch } from './patterns.js';
import type { StampSeen } from './year.js';
import { warn } from './warnings.js';

export interface StoryParts {
  title: string | null;
  titleLine: number | null;
  titleEndLine: number | null;
  anchor: string | null;
  dateline: DatelineMatch | null;
  datelineLine: number | null;
  paragraphs: string[];
  paragraphLines: number[];
  paragraphEndLines: number[];
  endMarkerLine: number | null;
  truncated: boolean;
  /** Juche stamps (year sources of rank 2). */
  stamps: StampSeen[];
  /** Gregorian stamps (publish stamps). */
  publishStamps: StampSeen[];
  /** Warnings about the story's own lines. */
  warnings: Warning[];
  /** Warnings about page-level lines found in the zone (footers): they go with the first dispatch. */
  pageWarnings: Warning[];
  firstLine: number;
  lastLine: number;
}

export interface StoryOptions {
  /** Paragraphs are hard-wrapped: a line at column 0 continues the paragraph above. */
  wrapped: boolean;
  /** A table cell's closing ' |' ends body lines (kcna.co.jp's KNS pages). */
  cells: boolean;
  /** The layout closes stories with '-0-', so a story without one may be truncated. */
  endMarkers: boolean;
  /** The layout's stories open with a dateline, so a story without one has lost it. */
  datelines: boolean;
}

const TERMINAL_PUNCTUATION = /[.!?;:,…]$/u;
const CELL_END = /\s\|$/u;
const TRAILING_ELLIPSIS = /(?:\.\.\.|…)$/u;
/** The form of lead.anchor: kcna.co.jp's 'e091401'. */
const ANCHOR_ID = /^[a-z]\d{6}$/u;

/** Page furniture that can sit above an article: dates ('March 16, 2026Mar 16, 2026') and stamps. */
function isLeadingFurniture(line: Block, furniture: Furniture | undefined): boolean {
  if (line.role === 'title' || line.role === 'paragraph') return false;
  return furniture !== undefined || line.role === 'stamp' || line.role === 'aside' || startsWithDate(line.text) || matchStamp(line.text) !== undefined;
}

export function parseStory(zone: StoryZone, options: StoryOptions): StoryParts {
  const { lines, furniture } = zone;
  const parts: StoryParts = {
    title: null,
    titleLine: null,
    titleEndLine: null,
    anchor: null,
    dateline: null,
    datelineLine: null,
    paragraphs: [],
    paragraphLines: [],
    paragraphEndLines: [],
    endMarkerLine: null,
    truncated: false,
    stamps: [],
    publishStamps: [],
    warnings: [],
    pageWarnings: [],
    firstLine: lines[0]!.n,
    lastLine: lines.at(-1)!.n,
  };

  let bodyStart: number;
  if (zone.titleCount >= 0) {
    // The page plan found the title (or knows there is none) and the head.
    if (zone.titleCount > 0) setTitle(parts, lines.slice(0, zone.titleCount));
    for (let i = zone.titleCount; i < (zone.head < 0 ? zone.titleCount : zone.head); i++) junk(parts, lines[i]!, furniture[i]);
    bodyStart = zone.head < 0 ? zone.titleCount : zone.head;
  } else {
    // No dateline on the page: leading furniture is junk, then a headline-like line is the title.
    let junkEnd = 0;
    while (junkEnd < lines.length && isLeadingFurniture(lines[junkEnd]!, furniture[junkEnd])) junkEnd++;
    bodyStart = junkEnd;
    const first = lines[junkEnd];
    if (first?.role === 'title') {
      // The markup names the title: all of its lines, whatever they read like.
      let end = junkEnd;
      while (end < lines.length && lines[end]!.role === 'title') end++;
      setTitle(parts, lines.slice(junkEnd, end));
      bodyStart = end;
    } else if (first && first.role === null && lines.length - junkEnd >= 2 && first.text.length <= 200 && isTitleLike(first.text) && !TERMINAL_PUNCTUATION.test(first.text)) {
      setTitle(parts, [first]);
      bodyStart++;
    }
    for (let i = 0; i < junkEnd; i++) junk(parts, lines[i]!, furniture[i]);
    if (parts.title === null && junkEnd < lines.length) parts.firstLine = lines[junkEnd]!.n;
  }
  if (zone.titleCount === 0 && zone.head >= 0) parts.firstLine = lines[zone.head]!.n;

  let closed = false;
  /** Index of the block that ended the last paragraph (for hard-wrapped continuations). */
  let paragraphEnd = -1;
  for (let i = bodyStart; i < lines.length; i++) {
    const line = lines[i]!;
    const f = furniture[i];
    if (line.role === 'aside') {
      parts.warnings.push(warn.asideText(line.n, line.raw));
      continue;
    }
    // Below the title a date line is text (a capture date only counts above the first story).
    if (f !== undefined && f.kind !== 'capture-date') {
      if (f.kind === 'footer' || f.kind === 'pipe') {
        parts.pageWarnings.push(warn.pageFooter(line.n, line.raw));
        if (f.kind === 'footer') closed = true;
      } else {
        parts.warnings.push(warn.pageJunk(line.n, line.raw));
      }
      continue;
    }
    if (parts.endMarkerLine !== null || closed) {
      const stamp = matchStamp(line.text);
      if (stamp) addStamp(parts, line.n, line.raw, stamp);
      else parts.warnings.push(warn.trailingText(line.n, line.raw, 'article'));
      continue;
    }
    let text = line.text;
    if (i === zone.head && zone.headMatch) {
      const { dateline, anchored } = zone.headMatch;
      parts.dateline = dateline;
      parts.datelineLine = line.n;
      if (anchored) {
        parts.anchor = anchored.anchor;
        parts.title = anchored.title;
        parts.titleLine = line.n;
        parts.titleEndLine = line.n;
      }
      text = dateline.rest.trim();
    } else {
      const stamp = matchStamp(text);
      if (stamp) {
        addStamp(parts, line.n, line.raw, stamp);
        continue;
      }
      if (line.role === 'stamp') {
        // The stamp element holds something else.
        parts.warnings.push(warn.pageJunk(line.n, line.raw));
        continue;
      }
      if (line.role === 'title') {
        // A title element inside the body (a sub-heading the template took for one): not the story's title.
        parts.warnings.push(warn.asideText(line.n, line.raw));
        continue;
      }
    }
    const end = matchEndMarker(text);
    if (end) {
      parts.endMarkerLine = line.n;
      text = end.before;
      if (end.stamp !== undefined) addStamp(parts, line.n, end.stamp, matchStamp(end.stamp)!);
    } else if (options.cells && CELL_END.test(text)) {
      text = text.slice(0, -1).trimEnd();
    }
    if (text === '') continue;
    // Hard wrapping: a line at column 0 right below a paragraph's last line (no blank line between)
    // continues that paragraph.
    const continues = options.wrapped && i !== zone.head && !/^\s/u.test(line.raw) && paragraphEnd === i - 1 && !line.gap;
    if (continues) {
      parts.paragraphs[parts.paragraphs.length - 1] += ` ${text}`;
      parts.paragraphEndLines[parts.paragraphEndLines.length - 1] = line.n;
    } else {
      parts.paragraphs.push(text);
      parts.paragraphLines.push(line.n);
      parts.paragraphEndLines.push(line.n);
    }
    paragraphEnd = i;
  }

  // The story's span: from its title (or first body line) to its last own line; page-level lines
  // (footers) after it are outside.
  if (parts.titleLine !== null) parts.firstLine = parts.titleLine;
  let lastLine = Math.max(parts.paragraphEndLines.at(-1) ?? 0, parts.endMarkerLine ?? 0, parts.datelineLine ?? 0, parts.titleEndLine ?? 0);
  for (const warning of parts.warnings) if (warning.line !== null && warning.line > lastLine) lastLine = warning.line;
  parts.lastLine = Math.max(lastLine, parts.firstLine);

  const last = parts.paragraphs.at(-1);
  if (last !== undefined) parts.truncated = isCut(last) || (parts.endMarkerLine === null && TRAILING_ELLIPSIS.test(last));
  const firstParagraph = parts.paragraphLines[0];
  const lastParagraph = parts.paragraphEndLines.at(-1);
  if (parts.dateline === null && firstParagraph !== undefined && options.datelines) parts.warnings.push(warn.noDateline(firstParagraph));
  if (parts.endMarkerLine === null && lastParagraph !== undefined && !parts.truncated && options.endMarkers) parts.warnings.push(warn.missingEndMarker(lastParagraph));
  return parts;
}

function setTitle(parts: StoryParts, titleLines: readonly Block[]): void {
  parts.title = titleLines.map((line) => line.text).join(' ');
  // kcna.co.jp's anchor (<a name="e091401">) before a web page's title names the story.
  const anchor = titleLines[0]!.anchor;
  if (anchor && ANCHOR_ID.test(anchor)) parts.anchor = anchor;
  parts.titleLine = titleLines[0]!.n;
  parts.titleEndLine = titleLines.at(-1)!.n;
}

/** A line above the story's body that is not its title: a stamp (which can still date it) or junk. */
function junk(parts: StoryParts, line: Block, furniture: Furniture | undefined): void {
  if (line.role === 'aside') {
    parts.warnings.push(warn.asideText(line.n, line.raw));
    return;
  }
  const stamp = furniture === undefined ? matchStamp(line.text) : undefined;
  if (stamp) addStamp(parts, line.n, line.raw, stamp);
  else if (furniture?.kind === 'footer') parts.pageWarnings.push(warn.pageFooter(line.n, line.raw));
  else parts.warnings.push(warn.pageJunk(line.n, line.raw));
}

export function addStamp(parts: { stamps: StampSeen[]; publishStamps: StampSeen[]; warnings: Warning[] }, line: number, text: string, stamp: StampMatch): void {
  const seen = { line, year: stamp.year, month: stamp.month, day: stamp.day };
  if (stamp.calendar === 'juche') parts.stamps.push(seen);
  else parts.publishStamps.push(seen);
  parts.warnings.push(warn.stampLine(line, text, stamp));
}
