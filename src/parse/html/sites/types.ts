/** A site's template: how its web pages are recognised and read from their markup. One file per site. */
import type { LayoutName } from '../../layouts/index.js';
import type { Block } from '../../model.js';
import type { PageDate } from '../../furniture.js';
import type { TeaserParts } from '../../teasers.js';
import type { HtmlText } from '../dom.js';

export interface SiteTemplate {
  /** The site, as messages name it: 'kcna.kp'. */
  site: string;
  /** Whether the page is one of the site's (from its classes, title, address, text). */
  detect(page: HtmlText, url: string | null): boolean;
  read(page: HtmlText, url: string | null): SitePage;
}

/** A page as its template read it. */
export interface SitePage {
  layout: LayoutName;
  /** The article's blocks in page order, with the roles the markup gives them. */
  blocks: Block[];
  /** Visible blocks outside the article (menus, headers, footers, sidebars that are not teasers). */
  outside: number;
  /** Whether the article's structure was found (a title element, a body element). */
  structured: boolean;
  /** When the page holds no article: what it is ('a kcna.kp category list'). */
  notArticle?: string;
  teasers?: TeaserParts | null;
  /** The article's own date from an element (a newspaper's date line). */
  pageDate?: (PageDate & { line: number }) | null;
  /** Whether an article without a dateline is dated by pageDate (a newspaper's own article). */
  leadDateFromPage?: boolean;
  /** The date the site's header shows (a portal's today): when the page was captured. */
  capturedOn?: string | null;
}
