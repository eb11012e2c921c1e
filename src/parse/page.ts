/**
 * The page: which layout a capture has, the facts it prints about itself (mirror, capture date,
 * its own date), and how its lines split into a page header, story zones and page footers.
 *
 * A layout is recognised from its furniture (furniture.ts) and its shape; the split into stories is
 * one rule for every layout: a dateline starts a story when the previous story has ended (an end
 * marker, or an excerpt cut with '[…]'), or, on pages without end markers, when a title stands
 * above it after a blank line. Each zone is then read by the one story core (story.ts).
 */
import { isoDate } from './dates.js';
import { matchFurniture, type Furniture, type FurnitureKind, type PageDate } from './furniture.js';
import { detectLayout, layoutNamed, type Layout, type LayoutName } from './layouts/index.js';
import type { Block } from './model.js';
import { matchAnchored, matchAnyDateline, matchEndMarker, matchStamp, startsWithDate, type AnchoredMatch, type DatelineMatch } from './patterns.js';

export type { LayoutName } from './layouts/index.js';

/** A dateline line, or an anchor id and title glued before one. */
export interface Head {
  dateline: DatelineMatch;
  anchored: AnchoredMatch | null;
}

/** One story's lines: title lines first (none, one or two), then its body. */
export interface StoryZone {
  /** The zone's blocks, in order. */
  lines: Block[];
  /** How many of the first lines are the title (0, 1 or 2); with an anchored head, 0. */
  titleCount: number;
  /** Index in lines of the head, or -1 when the story has no dateline. */
  head: number;
  headMatch: Head | null;
  /** Furniture of each line, parallel to lines (a capture date counts only above the first story). */
  furniture: (Furniture | undefined)[];
}

export interface PagePlan {
  layout: Layout;
  mirror: string | null;
  capturedOn: string | null;
  /** The page's own date (Date: line, calendar, digest header), before Gregorian stamps are seen. */
  date: (PageDate & { line: number }) | null;
  /** Lines above the first story. */
  header: Block[];
  headerFurniture: (Furniture | undefined)[];
  stories: StoryZone[];
}

/** '[…]', '[...]' at the end of a line: a listing excerpt cut short. */
export function isCut(text: string): boolean {
  return text.endsWith('[…]') || text.endsWith('[...]');
}

const TERMINAL_PUNCTUATION = /[.!?;:,…]$/u;
/** Words that cannot end a title, so a title ending with one continues on the next line. */
const CONTINUES = /(?:^|\s)(?:to|of|and|for|in|on|with|at|by|the|a|an|from|over|as|'s)$/iu;

/** A line that may be a title: not a date, stamp or end marker, and of headline length. */
export function isTitleLike(text: string): boolean {
  return text.length <= 300 && !startsWithDate(text) && !matchStamp(text) && !matchEndMarker(text) && !isCut(text);
}

/** A stricter title: short and without closing punctuation (a sentence is not a title). */
function isHeadline(text: string): boolean {
  return text.length <= 200 && isTitleLike(text) && !TERMINAL_PUNCTUATION.test(text);
}

/**
 * Reads the page's blocks (the teaser list excluded) into its plan.
 * @param lines the blocks above the teaser list.
 * @param heading the teaser heading's source, when the page has one (a fallback for the mirror).
 * @param known the layout, when a web page's template has named it (otherwise detected).
 */
export function planPage(lines: readonly Block[], heading: string | null, known: LayoutName | null = null): PagePlan {
  const n = lines.length;
  const furniture: (Furniture | undefined)[] = new Array(n);
  const heads: (Head | null)[] = new Array(n);
  const kinds = new Set<FurnitureKind>();
  let mirror: string | null = null;
  let capturedOn: string | null = null;
  let date: (PageDate & { line: number }) | null = null;
  let anyEndMarker = false;
  let anyAnchored = false;
  let anyCut = false;
  let anyKcnaKpStamp = false;
  for (let i = 0; i < n; i++) {
    const text = lines[i]!.text;
    const role = lines[i]!.role;
    // What the markup names (a title element, a body paragraph, a stamp span) is never furniture.
    const f = role === null ? matchFurniture(text) : undefined;
    furniture[i] = f;
    heads[i] = null;
    if (role === 'title' || role === 'stamp' || role === 'aside') continue;
    if (f) {
      kinds.add(f.kind);
      if (f.mirror !== undefined && mirror === null && !/^\(?\s*(?:En|EN|en)?\s*\)?$/u.test(f.mirror)) mirror = f.mirror;
      if (f.kind === 'capture-date' && capturedOn === null && f.date) capturedOn = isoDate(f.date.year, f.date.month, f.date.day);
      if ((f.kind === 'page-date' || f.kind === 'calendar' || f.kind === 'digest-header') && date === null && f.date) date = { ...f.date, line: lines[i]!.n };
      continue;
    }
    const dateline = matchAnyDateline(text);
    if (dateline) heads[i] = { dateline, anchored: null };
    else {
      const anchored = matchAnchored(text);
      if (anchored) {
        heads[i] = { dateline: anchored.dateline, anchored };
        anyAnchored = true;
      }
    }
    if (text.includes('-0-')) {
      const end = matchEndMarker(text);
      if (end) {
        anyEndMarker = true;
        if (end.stamp !== undefined && /kcna\.kp|^\(/iu.test(end.stamp)) anyKcnaKpStamp = true;
      }
    }
    if (!anyCut && isCut(text)) anyCut = true;
    if (!anyKcnaKpStamp && text.startsWith('www.kcna.kp') && matchStamp(text)) anyKcnaKpStamp = true;
  }
  // A capture date only counts above everything else; below, a date line is text.
  if (capturedOn !== null) {
    const first = furniture.findIndex((f) => f?.kind === 'capture-date');
    if (lines.slice(0, first).some((_, i) => furniture[i] === undefined)) capturedOn = null;
  }

  const starts = splitStories(lines, furniture, heads, anyEndMarker);
  const stories: StoryZone[] = starts.map((start, k) => {
    const end = k + 1 < starts.length ? starts[k + 1]!.at : n;
    const zoneLines = lines.slice(start.at, end);
    const zoneFurniture = furniture.slice(start.at, end);
    const head = start.head < 0 ? -1 : start.head - start.at;
    return { lines: zoneLines, titleCount: start.titleCount, head, headMatch: start.head < 0 ? null : heads[start.head]!, furniture: zoneFurniture };
  });
  if (stories.length === 0 && n > 0) {
    // No dateline anywhere: one story, whose leading furniture and title the story core finds
    // (or the markup names: a template's title element).
    stories.push({ lines: lines.slice(), titleCount: -1, head: -1, headMatch: null, furniture: furniture.slice() });
  }
  const first = stories[0];
  const headerEnd = first ? n - stories.reduce((sum, s) => sum + s.lines.length, 0) : n;

  const layout =
    known !== null
      ? layoutNamed(known)
      : detectLayout({ kinds, captured: capturedOn !== null, anyAnchored, stories: stories.length, anyEndMarker, anyCut, anyKcnaKpStamp, heading });

  return {
    layout,
    mirror: mirror ?? heading,
    capturedOn,
    date,
    header: lines.slice(0, headerEnd),
    headerFurniture: furniture.slice(0, headerEnd),
    stories,
  };
}

interface Start {
  /** Index of the story's first line (its title, or its head). */
  at: number;
  /** Index of the head, or -1 for a story without a dateline. */
  head: number;
  titleCount: number;
}

/** Where each story starts, in file order (none when the page has no dateline and no excerpt). */
function splitStories(
  lines: readonly Block[],
  furniture: readonly (Furniture | undefined)[],
  heads: readonly (Head | null)[],
  anyEndMarker: boolean,
): Start[] {
  const starts: Start[] = [];
  let ended = false;
  /** Index of the last line that belongs to the previous story for sure (its head or end). */
  let bound = -1;
  const blankBefore = (i: number): boolean => i === 0 || lines[i]!.gap || furniture[i - 1] !== undefined || i - 1 <= bound;

  /** The title lines above line i (skipping furniture), as a start index and count. */
  const titleAbove = (i: number, strict: boolean): { at: number; count: number } | null => {
    let j = i - 1;
    while (j > bound && furniture[j] !== undefined && furniture[j]!.kind !== 'capture-date' && furniture[j]!.kind !== 'footer') j--;
    if (j <= bound || furniture[j] !== undefined || heads[j] !== null) return null;
    // A title the markup names is the title, however it reads; as many lines as it spans.
    if (lines[j]!.role === 'title') {
      let k = j;
      while (k - 1 > bound && lines[k - 1]!.role === 'title') k--;
      return { at: k, count: j - k + 1 };
    }
    if (lines[j]!.role !== null) return null;
    const text = lines[j]!.text;
    if (strict ? !isHeadline(text) || !blankBeforeTitle(j) : !isTitleLike(text)) return null;
    const k = j - 1;
    if (
      k > bound &&
      furniture[k] === undefined &&
      heads[k] === null &&
      lines[k]!.role === null &&
      !lines[j]!.gap &&
      isHeadline(lines[k]!.text) &&
      (CONTINUES.test(lines[k]!.text) || /^\p{Ll}/u.test(text)) &&
      blankBefore(k)
    ) {
      return { at: k, count: 2 };
    }
    return { at: j, count: 1 };
  };
  const blankBeforeTitle = (j: number): boolean => {
    if (blankBefore(j)) return true;
    // A two-line title: its first line must have a blank above.
    const k = j - 1;
    return k > bound && !lines[j]!.gap && lines[k]!.role === null && isHeadline(lines[k]!.text) && (CONTINUES.test(lines[k]!.text) || /^\p{Ll}/u.test(lines[j]!.text)) && blankBefore(k);
  };

  /** A later story needs text: its dateline's line goes on, or an ordinary line follows it. */
  const hasText = (i: number): boolean => {
    if (heads[i]!.dateline.rest.trim() !== '') return true;
    let j = i + 1;
    while (j < lines.length && furniture[j] !== undefined) j++;
    return j < lines.length && heads[j] === null;
  };

  for (let i = 0; i < lines.length; i++) {
    if (furniture[i] !== undefined) continue;
    const head = heads[i];
    const text = lines[i]!.text;
    if (head) {
      let start: Start | null = null;
      if (head.anchored) {
        start = { at: i, head: i, titleCount: 0 };
      } else if (starts.length === 0) {
        const title = titleAbove(i, false);
        start = title ? { at: title.at, head: i, titleCount: title.count } : { at: i, head: i, titleCount: 0 };
      } else if (ended && hasText(i)) {
        const title = titleAbove(i, false);
        start = title ? { at: title.at, head: i, titleCount: title.count } : { at: i, head: i, titleCount: 0 };
      } else if (!ended && !anyEndMarker && i > bound + 1 && hasText(i)) {
        const title = titleAbove(i, true);
        if (title) start = { at: title.at, head: i, titleCount: title.count };
      }
      if (start) {
        starts.push(start);
        ended = false;
        bound = i;
      }
    } else if (isCut(text) && (starts.length === 0 || ended)) {
      // An excerpt without a dateline, after a finished story (or opening the page): a story too.
      const title = titleAbove(i, false);
      starts.push(title ? { at: title.at, head: -1, titleCount: title.count } : { at: i, head: -1, titleCount: 0 });
      ended = false;
      bound = i;
    }
    if (starts.length > 0 && !ended && (isCut(text) || (text.includes('-0-') && matchEndMarker(text) !== undefined))) {
      ended = true;
      bound = i;
    }
  }
  return starts;
}
