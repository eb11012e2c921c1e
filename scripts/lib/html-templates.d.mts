/** Deterministic renderers of KCNA pages in each site's HTML template (see html-templates.mjs). */

/** A random number in [0, 1) per call, as Math.random gives; pass a seeded one for a deterministic corpus. */
export type Random = () => number;

export type SiteTemplate =
  | 'kcna-kp'
  | 'kcna-kp-2026'
  | 'kcnawatch-2024'
  | 'kcnawatch-2019'
  | 'kcna-co-jp-daily'
  | 'kcna-co-jp-kns'
  | 'rodong-old'
  | 'rodong-new'
  | 'rodong-2025';

export interface CalendarDay {
  year: number;
  month: number;
  day: number;
}

/** One dispatch: its title, its dateline and paragraphs, its end marker and stamp. */
export interface StoryParts {
  title: string | null;
  /** The dateline as printed, separator included ('Pyongyang, March 23 (KCNA) --'), written before the first paragraph; null for none. */
  dateline: string | null;
  /** The paragraphs, the first without its dateline. */
  paragraphs: string[];
  /** Whether the dateline is glued to the text ('(평양 5월 20일발 조선중앙통신)조선로동당...'), as Korean pages print it. */
  datelineGlued?: boolean;
  /** Glued to the last paragraph as written: ' -0-', '-0-'; 'own-line' for a paragraph of its own; null for none. */
  endMarker?: string | null;
  /** A stamp on its own ('www.kcna.kp (2025.12.14.)', '(Juche113.9.27.)'), or null. */
  stamp?: string | null;
  /** Whether the stamp follows the end marker in the last paragraph ('... -0- (Juche113.9.27.)'). */
  stampGlued?: boolean;
}

export interface TeaserEntryParts {
  /** The entry's title (its h4 link and hover heading), or null for an empty link. */
  title: string | null;
  /** The snippet, a dateline in front if it has one. */
  text: string;
  /** Printed as 'March 01, 2026' (an impossible day prints too: 'February 30, 2026'); null for an entry without one. */
  date: CalendarDay | null;
}

export interface KcnawatchPage extends StoryParts {
  /** The capture date printed twice above the title ('March 02, 2026Mar 02, 2026'), or null. */
  capturedOn?: CalendarDay | null;
  /** The mirror after 'KCNA' ('KCNA.kp (En)'); 2024 template only. */
  mirror?: string;
  /** The 'Date:' line's day (2024 template: null for a page without the line). */
  pageDate: CalendarDay | null;
  /** The 'Source:' name ('KCNA.kp (En)'; the 2019 template's '(En)'). */
  source?: string;
  /** The 'More From' sidebar (2024 template), or null for none. */
  teasers?: { heading: string; entries: TeaserEntryParts[]; closing: boolean } | null;
}

export interface DailyStory extends StoryParts {
  /** The story's first paragraph indent in &nbsp;s (1999 pages: 3 or 5). */
  indent?: number;
  /** The story's `<a name>`, else one made from `anchors` and the page's date. */
  anchor?: string;
}

export interface KcnaCoJpDailyPage {
  /** 1999: upper-case tags, a headline list, stories apart by `<BR>`; 2003: lower-case, stories apart by `<hr>`. */
  era?: 1999 | 2003;
  /** 'e' for 'e091401' anchors (month, day, number), 'numeric' for '1', '2'... */
  anchors?: 'e' | 'numeric';
  /** The page's day, for 'e' anchors. */
  date?: { month: number; day: number };
  /** Whether the page lists its headlines above the stories (default: 1999 pages do). */
  headlines?: boolean;
  stories: DailyStory[];
}

export interface KcnaCoJpKnsPage extends StoryParts {
  /** 2010: one cell per row, the calendar as text after a link; 2018: a stray `<htm>`, the calendar in `<b>`s. */
  variant?: 2010 | 2018;
  /** The calendar line's day. */
  calendar: CalendarDay;
  /** 'Juche', or 'Juch' as 2010-12 pages misspell it. */
  jucheWord?: string;
  /** 'newline': source lines with nothing between them (one paragraph in a browser); 'br': `<br>` between them. */
  bodyBreaks?: 'newline' | 'br';
}

export interface RodongPage {
  title: string | null;
  paragraphs: string[];
  /** The paper's date, printed in the template's way (see rodongDateText). */
  date: CalendarDay;
  /** The byline ('Rodong Sinmun', 'By Ri Song Il'): old and 2025 templates. */
  byline?: string | null;
  /** Indexes of paragraphs preceded by a photo. */
  images?: number[];
  /** 2025 template: indexes of paragraphs written as p.MarkP. */
  marked?: number[];
  /** 2025 template: the title's class ('TitleP', 'RevoTitleP', 'HeadP'). */
  titleClass?: string;
  /** 'new' template: the date in full-width digits ('２０２３.１０.９.'). */
  fullWidthDate?: boolean;
}

export interface SitePages {
  'kcna-kp': StoryParts;
  'kcna-kp-2026': StoryParts;
  'kcnawatch-2024': KcnawatchPage;
  'kcnawatch-2019': KcnawatchPage;
  'kcna-co-jp-daily': KcnaCoJpDailyPage;
  'kcna-co-jp-kns': KcnaCoJpKnsPage;
  'rodong-old': RodongPage;
  'rodong-new': RodongPage;
  'rodong-2025': RodongPage;
}

/** What may vary without changing what a browser shows. Every option defaults to the fixture's way. */
export interface RenderOptions {
  /** Where the choices come from (default: a fixed seed). */
  random?: Random;
  /** 0..1: how often furniture is added where the template allows it (menu links, scripts, styles, comments, hidden blocks). */
  furniture?: number;
  /** Shuffle attribute order, vary quoting ('"', "'", none) and attribute-name case, repeat an attribute now and then (the first counts). */
  attributes?: boolean;
  /** 0..1: the share of characters written as character references (named, decimal or hex). */
  entities?: number;
  /** A `<p>` per paragraph, or one `<p>` with `<br />` (or `<br /><br />`) between them, where the template's body is one container. */
  paragraphs?: 'p' | 'br' | 'brbr' | 'random';
  /** 0..1 (or a boolean): how often whitespace and newlines are put between tags where a browser shows none, and inside tags. */
  whitespace?: number | boolean;
  tagCase?: 'as-written' | 'lower' | 'upper' | 'mixed' | 'random';
  eol?: '\n' | '\r\n' | 'random';
  /** Leaders' names in `<nobr><span>`, words in `<b>`, `<font>`, `<span>`. */
  inline?: boolean;
  /**
   * Leave out end tags the HTML standard lets a page leave out (`</p>`, `</li>`, `</td>`, `</tr>`,
   * `</body>`, `</html>`): true, one at a time (an element whose last child's end tag is left out
   * keeps its own, but for a row's last cell); 'spec', wherever the standard allows, several in a
   * row too ('<td><p>text' then '<tr>', which a browser closes both of).
   */
  optionalTags?: boolean | 'spec';
  /** The bytes' charset for templates that declare none (kcna.co.jp's): what windows-1252 lacks is written as references. Others are UTF-8. */
  charset?: 'utf-8' | 'windows-1252';
}

export interface RenderedPage {
  html: string;
  /** The page's bytes, in `charset`. */
  bytes: Uint8Array;
  charset: 'utf-8' | 'windows-1252';
  /**
   * The text a browser shows for the page's article, in the order of docs/layouts/<layout>.md (one
   * line per rendered line, blank lines where paragraphs are apart), as a text capture would hold it.
   */
  text: string;
  /** The paragraph mode used ('p' where the template has no other). */
  paragraphs: 'p' | 'br' | 'brbr';
  /** kcna.co.jp daily pages: each story's `<a name>`. */
  anchors?: string[];
}

export const SITE_TEMPLATES: readonly SiteTemplate[];
/** The kcnawatch 2019 template's newsletter box, below the article. */
export const NEWSLETTER: readonly [string, string];
export const KNS_COPYRIGHT: string;

export function seededRandom(seed: number): Random;
/** The page's bytes in a charset (for windows-1252, every character must have a byte). */
export function encodePage(html: string, charset?: 'utf-8' | 'windows-1252'): Uint8Array;
/** Every variation on, its amounts drawn from `random`. */
export function randomOptions(random: Random): Required<Omit<RenderOptions, 'random'>>;
export function rodongDateText(variant: 'old' | 'new' | '2025', date: CalendarDay, options?: { fullWidth?: boolean }): string;

export function renderPageWithText<S extends SiteTemplate>(site: S, page: SitePages[S], options?: RenderOptions): RenderedPage;
export function renderPage<S extends SiteTemplate>(site: S, page: SitePages[S], options?: RenderOptions): string;

export function renderKcnaKp(page: StoryParts, options?: RenderOptions): string;
export function renderKcnaKp2026(page: StoryParts, options?: RenderOptions): string;
export function renderKcnawatch2024(page: KcnawatchPage, options?: RenderOptions): string;
export function renderKcnawatch2019(page: KcnawatchPage, options?: RenderOptions): string;
export function renderKcnaCoJpDaily(page: KcnaCoJpDailyPage, options?: RenderOptions): string;
export function renderKcnaCoJpKns(page: KcnaCoJpKnsPage, options?: RenderOptions): string;
export function renderRodongOld(page: RodongPage, options?: RenderOptions): string;
export function renderRodongNew(page: RodongPage, options?: RenderOptions): string;
export function renderRodong2025(page: RodongPage, options?: RenderOptions): string;
