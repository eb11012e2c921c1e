/**
 * Where and when a saved page was captured, from what the page and the tool that saved it say:
 * - the page itself: `<link rel="canonical">`, then `og:url`;
 * - the Wayback Machine: its replay script `__wm.wombat("<original url>", "<14-digit time>", ...)`,
 *   the comment it appends (`FILE ARCHIVED ON 03:15:22 May 28, 2024 AND RETRIEVED FROM ...`), and the
 *   `/web/<14 digits>/` prefix it gives every address (a canonical link included, which is unwrapped);
 * - Chrome's "Save page as": `<!-- saved from url=(0091)https://... -->`;
 * - SingleFile: its header comment (` url: ...`, ` saved date: Mon Mar 02 2026 10:11:12 GMT+0900 ...`).
 * The capture date is page.capturedOn, never a source of a story's year.
 */
import { isCalendarDate, isoDate, monthNumber } from '../dates.js';
import type { HtmlFacts } from './dom.js';

export interface Capture {
  url: string | null;
  capturedOn: string | null;
}

const WOMBAT = /__wm\.wombat\(\s*"([^"]{1,4000})"\s*,\s*"(\d{14})"/u;
const ARCHIVED = /FILE ARCHIVED ON \d{1,2}:\d{2}:\d{2} ([A-Z][a-z]{2}) (\d{1,2}), (\d{4})/u;
const WAYBACK_PREFIX = /^(?:https?:)?(?:\/\/(?:web\.)?archive\.org)?\/web\/(\d{14})[a-z_]{0,4}\/(.+)$/iu;
const SAVED_FROM = /^saved from url=\(\d{4}\)(\S+)/u;
const SINGLE_FILE = /^(?:Page saved with SingleFile|Archive processed by SingleFile)\b/u;
const SINGLE_FILE_URL = /^\s*url:\s*(\S+)/mu;
const SINGLE_FILE_DATE = /^\s*saved date:\s*[A-Z][a-z]{2} ([A-Z][a-z]{2}) (\d{1,2}) (\d{4})/mu;

/** The capture's address and date, as far as the page says. */
export function captureOf(facts: HtmlFacts): Capture {
  let url: string | null = null;
  let capturedOn: string | null = null;
  let waybackTime: string | null = null;

  for (const script of facts.scripts) {
    const m = WOMBAT.exec(script);
    if (m) {
      url ??= m[1]!;
      waybackTime ??= m[2]!;
    }
  }
  let savedFrom: string | null = null;
  for (const comment of facts.comments) {
    const text = comment.text;
    let m: RegExpExecArray | null;
    if (capturedOn === null && (m = ARCHIVED.exec(text))) capturedOn = dateOf(Number(m[3]), monthNumber(m[1]!), Number(m[2]));
    else if (savedFrom === null && (m = SAVED_FROM.exec(text))) savedFrom = m[1]!.replace(/%2D/giu, '-');
    else if (SINGLE_FILE.test(text)) {
      savedFrom ??= SINGLE_FILE_URL.exec(text)?.[1] ?? null;
      const d = SINGLE_FILE_DATE.exec(text);
      if (d) capturedOn ??= dateOf(Number(d[3]), monthNumber(d[1]!), Number(d[2]));
    }
  }
  // A page saved from the Wayback Machine names the archive's address: the original is inside it.
  const canonical = facts.canonical ?? facts.ogUrl;
  for (const candidate of [canonical, savedFrom, facts.archivedLink]) {
    const m = candidate === null ? null : WAYBACK_PREFIX.exec(candidate);
    if (m) {
      waybackTime ??= m[1]!;
      if (candidate !== facts.archivedLink) url ??= m[2]!;
    }
  }
  if (canonical !== null && !WAYBACK_PREFIX.test(canonical) && isAbsolute(canonical)) url = canonical;
  if (savedFrom !== null && !WAYBACK_PREFIX.test(savedFrom)) url ??= savedFrom;
  if (capturedOn === null && waybackTime !== null) {
    capturedOn = dateOf(Number(waybackTime.slice(0, 4)), Number(waybackTime.slice(4, 6)), Number(waybackTime.slice(6, 8)));
  }
  return { url: url === null ? null : cleanUrl(url), capturedOn };
}

function dateOf(year: number, month: number | undefined, day: number): string | null {
  return month !== undefined && year >= 1000 && year <= 9999 && isCalendarDate(year, month, day) ? isoDate(year, month, day) : null;
}

function isAbsolute(url: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//iu.test(url);
}

/** The Wayback Machine writes http addresses with their port (`http://www.kcna.kp:80/...`): drop a default port. */
function cleanUrl(url: string): string {
  return url.replace(/^(http:\/\/[^/:]+):80(?=\/|$)/iu, '$1').replace(/^(https:\/\/[^/:]+):443(?=\/|$)/iu, '$1');
}
