/**
 * The DPRK's web portals, uriminzokkiri.com and dprktoday.com (UTF-8, XHTML doctypes, odd
 * http-equiv metas): the date the portal shows in its header (`div.block.etc` '주체108(2019)년 6월
 * 20일', `div.top_date` 'June 20, Juche108(2019)') is the day the page was served, the capture's
 * date, never the article's; leaders' names in `<nobr><strong>`; feedback, CAPTCHA and copyright
 * furniture. Their article pages are found by their running text (article.ts); a front page or a
 * list holds no article. See docs/layouts/uriminzokkiri.md and dprktoday.md.
 */
import type { LayoutName } from '../../layouts/index.js';
import { findArticle } from '../article.js';
import type { HtmlElement, HtmlText } from '../dom.js';
import { closest, dateOrNull, hasClass, readSiteDate } from '../template.js';
import type { SitePage, SiteTemplate } from './types.js';

function portal(options: {
  site: string;
  layout: LayoutName;
  host: RegExp;
  title: RegExp;
  classes: readonly string[];
  date: (element: HtmlElement) => boolean;
}): SiteTemplate {
  return {
    site: options.site,
    detect(page, url) {
      if (url !== null && options.host.test(url)) return true;
      if (page.facts.title !== null && options.title.test(page.facts.title)) return true;
      return options.classes.some((name) => page.facts.classes.has(name));
    },
    read(page): SitePage {
      const capturedOn = siteDate(page, options.date);
      const found = findArticle(page);
      if (found === null) {
        return { layout: options.layout, blocks: [], outside: page.blocks.length, structured: false, capturedOn, notArticle: `a ${options.site} front page or list, no article` };
      }
      return { layout: options.layout, blocks: found.blocks, outside: found.outside, structured: found.blocks.some((block) => block.role === 'title'), capturedOn };
    },
  };
}

function siteDate(page: HtmlText, test: (element: HtmlElement) => boolean): string | null {
  for (const block of page.blocks) {
    if (closest(block.element, test) === null) continue;
    const date = readSiteDate(block.text);
    if (date) return dateOrNull(date.year, date.month, date.day);
  }
  return null;
}

export const uriminzokkiri = portal({
  site: 'uriminzokkiri.com',
  layout: 'uriminzokkiri',
  host: /^https?:\/\/(?:www\.)?uriminzokkiri\.com\//iu,
  title: /우리\s*민족끼리|Uriminzokkiri/iu,
  classes: ['top_right_guide', 'blcgb_content', 'blcgbc_title'],
  date: (e) => hasClass(e, 'block') && hasClass(e, 'etc'),
});

export const dprktoday = portal({
  site: 'dprktoday.com',
  layout: 'dprktoday',
  host: /^https?:\/\/(?:www\.)?dprktoday\.com\//iu,
  title: /DPRK\s*Today|오늘의\s*조선/iu,
  classes: ['top_date', 'top_date_time', 's-i-text'],
  date: (e) => hasClass(e, 'top_date'),
});
