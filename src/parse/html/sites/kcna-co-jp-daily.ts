/**
 * kcna.co.jp's daily pages (1997 to September 2008, one file a day holding every story): nested
 * tables, no charset (read as windows-1252), the stories in one cell, each opened by an anchor
 * (`<a name="e091401">`, later `<a name="1">`) and a bold `<font>` title, paragraphs ended by
 * `<br>` with `&nbsp;` indents, stories apart by `<br><br>` or `<hr>`; above them, in a cell of its
 * own, a list of the day's headlines linking to the anchors. The cell holding the datelines is the
 * article and is read with the rules of the text layout (several stories, no end markers); the
 * headline list, banner and footer are counted outside. A Korean page's list is headed by the day
 * ('주체93(2004)년 5월 26일 소식'): the page's date. See docs/layouts/kcna-co-jp-daily.md.
 */
import type { Block } from '../../model.js';
import type { HtmlElement } from '../dom.js';
import { closest, commonAncestorOf, inside, opensWithDateline, pageDateOf, toBlock } from '../template.js';
import type { SitePage, SiteTemplate } from './types.js';

/** 'Korean Central News Agency of DPRK', the agency's sites' own name for themselves, or an address on kcna.co.jp. */
const SITE_TEXT = /^(?:Korean Central News Agency of DPRK|조선중앙통신사?)$/u;
const KOREAN_DAY = /^주체\s*\d{1,3}\s*\(\s*(\d{4})\s*\)\s*년\s*(\d{1,2})\s*월\s*(\d{1,2})\s*일/u;

export const kcnaCoJpDaily: SiteTemplate = {
  site: 'kcna.co.jp',
  detect(page, url) {
    const datelines = page.blocks.filter((block) => opensWithDateline(block.text)).length;
    if (datelines === 0) return false;
    const fromSite =
      (url !== null && /^https?:\/\/(?:www\.)?kcna\.co\.jp\//iu.test(url)) ||
      (page.facts.title !== null && /^\s*KCNA\s*$/u.test(page.facts.title)) ||
      page.blocks.some((block) => SITE_TEXT.test(block.text));
    return fromSite && !page.blocks.some((block) => block.text.startsWith('calendar>>'));
  },
  read(page): SitePage {
    const { blocks } = page;
    const heads = blocks.filter((block) => opensWithDateline(block.text)).map((block) => block.element);
    // The cell holding every dateline (and the titles above them).
    const common = commonAncestorOf(heads)!;
    const cell: HtmlElement = closest(common, (e) => e.name === 'td' || e.name === 'body') ?? common;
    let outside = 0;
    const article: Block[] = [];
    let pageDate: SitePage['pageDate'] = null;
    for (const block of blocks) {
      const day = KOREAN_DAY.exec(block.text);
      if (day && pageDate === null && !inside(block.element, cell)) {
        pageDate = pageDateOf(Number(day[1]), Number(day[2]), Number(day[3]), block.n);
        // The line page.date is read from: carried by a warning, as a text capture's would be.
        if (pageDate !== null) {
          article.push(toBlock(block, 'aside'));
          continue;
        }
      }
      // In the cell, a block that is only a link to an anchor is the headline list, not a story.
      const link = closest(block.element, (e) => e.name === 'a' && (e.attrs['href'] ?? '').startsWith('#'));
      if (inside(block.element, cell) && link === null) article.push(toBlock(block, null));
      else outside++;
    }
    return { layout: 'kcna-co-jp-daily', blocks: article, outside, structured: false, pageDate };
  },
};
