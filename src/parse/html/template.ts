/**
 * What the site templates share: sorting a page's blocks into the regions their markup marks (the
 * title element, the body element...), blocks as the story core takes them, and the dates sites print.
 */
import { isCalendarDate, isoDate, monthNumber } from '../dates.js';
import type { PageDate } from '../furniture.js';
import type { Block, BlockRole } from '../model.js';
import { matchAnyDateline } from '../patterns.js';
import { closest, hasClass, type HtmlBlock, type HtmlElement } from './dom.js';

export { closest, hasClass };

/** A region of a page and the elements that open it. */
export interface RegionRule<R extends string> {
  region: R;
  test: (element: HtmlElement) => boolean;
}

interface Mark {
  rules: unknown;
  region: string | null;
}

/**
 * The region of each element: that of its nearest ancestor (or itself) some rule accepts, or null.
 * Each element is decided once (memoised on it, and found by walking up only as far as the first
 * element already decided), so a page of any depth is sorted in time linear in its elements.
 */
export function regionsOf<R extends string>(rules: readonly RegionRule<R>[]): (element: HtmlElement) => R | null {
  const decide = (element: HtmlElement): R | null => {
    for (const rule of rules) if (rule.test(element)) return rule.region;
    return null;
  };
  return (element) => {
    const path: HtmlElement[] = [];
    let e: HtmlElement | null = element;
    let found: R | null = null;
    while (e !== null) {
      const mark = e.mark as Mark | undefined;
      if (mark !== undefined && mark.rules === rules) {
        found = mark.region as R | null;
        break;
      }
      const own = decide(e);
      if (own !== null) {
        e.mark = { rules, region: own } satisfies Mark;
        found = own;
        break;
      }
      path.push(e);
      e = e.parent;
    }
    for (const walked of path) walked.mark = { rules, region: found } satisfies Mark;
    return found;
  };
}

/** A rendered block as the story core takes it. */
export function toBlock(block: HtmlBlock, role: BlockRole | null): Block {
  return { n: block.n, raw: block.text, text: block.text, gap: block.gap, role, anchor: block.anchor };
}

/** An element test: tag name (or '*') and class names it must all have. */
export function is(tag: string, ...classes: string[]): (element: HtmlElement) => boolean {
  return (element) => (tag === '*' || element.name === tag) && classes.every((name) => hasClass(element, name));
}

/** Whether the element lies inside one that `test` accepts (itself included). */
export function within(element: HtmlElement, test: (element: HtmlElement) => boolean): boolean {
  return closest(element, test) !== null;
}

/** Whether the block's text opens with a dateline, English or Korean. */
export function opensWithDateline(text: string): boolean {
  return matchAnyDateline(text) !== undefined;
}

/** The innermost element holding every one of `elements`. */
export function commonAncestorOf(elements: readonly HtmlElement[]): HtmlElement | null {
  let common: HtmlElement | null = null;
  for (const element of elements) {
    if (common === null) {
      common = element;
      continue;
    }
    let x: HtmlElement = common;
    let y: HtmlElement = element;
    while (x.depth > y.depth) x = x.parent!;
    while (y.depth > x.depth) y = y.parent!;
    while (x !== y) {
      x = x.parent!;
      y = y.parent!;
    }
    common = x;
  }
  return common;
}

/** Whether `element` is `ancestor` or lies inside it. */
export function inside(element: HtmlElement, ancestor: HtmlElement): boolean {
  for (let e: HtmlElement | null = element; e !== null && e.depth >= ancestor.depth; e = e.parent) if (e === ancestor) return true;
  return false;
}

/** Full-width digits (１５) as ASCII, for reading numbers; the text itself keeps them as written. */
export function asciiDigits(text: string): string {
  return text.replace(/[\uff10-\uff19]/gu, (digit) => String.fromCharCode(digit.charCodeAt(0) - 0xff10 + 0x30));
}

/** A date as 'YYYY-MM-DD', when it is a real one of a plausible year. */
export function dateOrNull(year: number, month: number | undefined, day: number): string | null {
  return month !== undefined && year >= 1000 && year <= 9999 && isCalendarDate(year, month, day) ? isoDate(year, month, day) : null;
}

/** A page date with its line, when the parts make a real date. */
export function pageDateOf(year: number, month: number | undefined, day: number, line: number): (PageDate & { line: number }) | null {
  return dateOrNull(year, month, day) === null ? null : { year, month: month!, day, line };
}

const MONTH_FIRST = /\b([A-Z][a-z]{2,8})\.?\s+(\d{1,2}),?\s+(?:Juche\s*\d{1,3}\s*\(\s*)?(\d{4})/u;
const NUMERIC = /(?<!\d)(\d{4})\.\s*(\d{1,2})\.\s*(\d{1,2})\.?/u;
const KOREAN = /(?:주체\s*\d{1,3}\s*\(\s*)?(\d{4})\s*\)?\s*년\s*(\d{1,2})\s*월\s*(\d{1,2})\s*일/u;
const JUCHE_ENGLISH = /\b([A-Z][a-z]{2,8})\.?\s+(\d{1,2}),?\s+Juche\s*\d{1,3}\s*\(\s*(\d{4})\s*\)/u;

/**
 * A date as the DPRK's sites print it: 'Oct. 10, 2025', 'Feb. 11, Juche 111 (2022)', '2023.10.9.',
 * '주체108(2019)년 6월 20일', 'June 20, Juche108(2019)' (full-width digits read as digits).
 */
export function readSiteDate(text: string): { year: number; month: number; day: number } | null {
  const ascii = asciiDigits(text);
  let m = JUCHE_ENGLISH.exec(ascii);
  if (m) return checked(Number(m[3]), monthNumber(m[1]!), Number(m[2]));
  m = MONTH_FIRST.exec(ascii);
  if (m) return checked(Number(m[3]), monthNumber(m[1]!), Number(m[2]));
  m = NUMERIC.exec(ascii);
  if (m) return checked(Number(m[1]), Number(m[2]), Number(m[3]));
  m = KOREAN.exec(ascii);
  if (m) return checked(Number(m[1]), Number(m[2]), Number(m[3]));
  return null;
}

function checked(year: number, month: number | undefined, day: number): { year: number; month: number; day: number } | null {
  return dateOrNull(year, month, day) === null ? null : { year, month: month!, day };
}
