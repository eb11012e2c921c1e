/**
 * Page furniture: the lines a capture page adds around its dispatches (capture dates, mirror lines,
 * kcnawatch's 'Date: ... | Source: ...' line, share buttons, calendars, digest headers, footers,
 * table pipes). Each recogniser looks at one trimmed line; like patterns.ts, every pattern is
 * anchored and linear in the line's length.
 */
import { MONTH_SOURCE, isCalendarDate, monthNumber } from './dates.js';

/** What a furniture line is. */
export type FurnitureKind =
  | 'capture-date'
  | 'mirror'
  | 'page-date'
  | 'share'
  | 'calendar'
  | 'digest-header'
  | 'digest-section'
  | 'attribution'
  | 'pipe'
  | 'footer';

/** A full calendar date named by a furniture line. */
export interface PageDate {
  year: number;
  month: number;
  day: number;
}

export interface Furniture {
  kind: FurnitureKind;
  /** The mirror's name as printed ('KCNA.kp (En)'), for 'mirror' and 'page-date' lines. */
  mirror?: string;
  /** The date the line names: the capture date, or the page's own date. */
  date?: PageDate;
}

const WS = '[ \\t\\u00a0]';
/** 'February 03, 2026Feb 03, 2026': kcnawatch prints the capture date twice, glued. */
const CAPTURE_DATE = new RegExp(`^(${MONTH_SOURCE})${WS}+(\\d{1,2}),${WS}*(\\d{4})${WS}*(?:${MONTH_SOURCE}${WS}+\\d{1,2},${WS}*\\d{4})?$`, 'u');
/** 'KCNA KCNA.kp (En)', 'KCNA Voice of Korea (EN)': agency, space, the mirror's name. */
const MIRROR = new RegExp(`^KCNA${WS}+(\\S.{0,60}\\((?:En|EN|en)\\))$`, 'u');
/** 'Date: 13/12/2019 | Source: KCNA.kp (En) | Read original version at source' (day first). */
const PAGE_DATE = new RegExp(`^Date:${WS}*(\\d{1,2})/(\\d{1,2})/(\\d{4})${WS}*(?:\\|${WS}*Source:${WS}*([^|]{0,80}?)${WS}*(?:\\|.{0,120})?)?$`, 'u');
const SHARE = /^Share Button$/u;
/** 'calendar>>November 27. 2008 Juche 97', also 'Juch 100' and a table cell's trailing '|'. */
const CALENDAR = new RegExp(`^calendar>>${WS}*(${MONTH_SOURCE})${WS}+(\\d{1,2})\\.${WS}*(\\d{4})${WS}+Juch?e?${WS}*\\d{1,3}${WS}*\\|?$`, 'u');
/** "TODAY'S NEWS (December.02.2001 Juche 90)": a mailed digest's header. */
const DIGEST_HEADER = new RegExp(`^TODAY['’]S${WS}+NEWS${WS}*\\((${MONTH_SOURCE})${WS}*\\.?${WS}*(\\d{1,2})\\.${WS}*(\\d{4})(?:${WS}+Juch?e?${WS}*\\d{1,3})?${WS}*\\)$`, 'u');
const DIGEST_SECTION = /^For Spanish-speaking people:?$/u;
/** 'Korean Central News Agency of DPRK via Korea News Service (KNS)': a republication's credit. */
const ATTRIBUTION = /^(?:Korean Central News Agency|KCNA)\b.{0,80}\bvia\b.{0,60}$/u;
const PIPE = /^\|+$/u;
const FOOTER =
  /^(?:Copyright\s*(?:\(C\)|©)|Get North Korea headlines delivered|Subscribe to the NK News|To write your feedbacks?\b|All Rights Reserved\.?$)/iu;

function date(year: number, month: number | undefined, day: number): PageDate | undefined {
  return month !== undefined && isCalendarDate(year, month, day) ? { year, month, day } : undefined;
}

/** The furniture a trimmed line is, or undefined for an ordinary line. */
export function matchFurniture(text: string): Furniture | undefined {
  if (text.length > 200 || text === '') return undefined;
  const first = text.charCodeAt(0);
  // Cheap first-character checks keep ordinary paragraphs (most lines) off the patterns.
  if (first === 0x7c) return PIPE.test(text) ? { kind: 'pipe' } : undefined;
  let m: RegExpExecArray | null;
  switch (first) {
    case 0x44: // D
      if ((m = PAGE_DATE.exec(text))) {
        const found = date(Number(m[3]), Number(m[2]), Number(m[1]));
        if (!found) return undefined;
        return m[4] === undefined ? { kind: 'page-date', date: found } : { kind: 'page-date', date: found, mirror: m[4] };
      }
      break;
    case 0x4b: // K
      if ((m = MIRROR.exec(text))) return { kind: 'mirror', mirror: m[1]! };
      if (ATTRIBUTION.test(text)) return { kind: 'attribution' };
      break;
    case 0x53: // S
      if (SHARE.test(text)) return { kind: 'share' };
      if (FOOTER.test(text)) return { kind: 'footer' };
      break;
    case 0x63: // c
      if ((m = CALENDAR.exec(text))) {
        const found = date(Number(m[3]), monthNumber(m[1]!), Number(m[2]));
        return found ? { kind: 'calendar', date: found } : undefined;
      }
      break;
    case 0x54: // T
      if ((m = DIGEST_HEADER.exec(text))) {
        const found = date(Number(m[3]), monthNumber(m[1]!), Number(m[2]));
        return found ? { kind: 'digest-header', date: found } : undefined;
      }
      if (FOOTER.test(text)) return { kind: 'footer' };
      break;
    case 0x46: // F
      if (DIGEST_SECTION.test(text)) return { kind: 'digest-section' };
      break;
    case 0x43: // C
    case 0x47: // G
    case 0x41: // A
      if (FOOTER.test(text)) return { kind: 'footer' };
      break;
    default:
      break;
  }
  const last = text.charCodeAt(text.length - 1);
  if (first >= 0x41 && first <= 0x5a && last >= 0x30 && last <= 0x39 && (m = CAPTURE_DATE.exec(text))) {
    const found = date(Number(m[3]), monthNumber(m[1]!), Number(m[2]));
    return found ? { kind: 'capture-date', date: found } : undefined;
  }
  return undefined;
}
