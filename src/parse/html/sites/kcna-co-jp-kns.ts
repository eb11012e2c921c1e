/**
 * kcna.co.jp's KNS article pages (October 2008 to 2021, one story a file): a table whose cells hold,
 * in order, the 'calendar>>' link line with the day ('calendar>>September 17. 2010 Juche 99', later
 * split over `<b>` elements, 2018's wrapped in a stray `<htm>` element), `<hr>` rules, the title,
 * the body (source lines with no markup between them: one paragraph in a browser) and the KNS
 * copyright. Read from the calendar line to the copyright with the rules of the text layout; the
 * banner and menu rows above are counted outside. See docs/layouts/kcna-co-jp-kns.md.
 */
import type { Block } from '../../model.js';
import { closest, commonAncestorOf, inside, opensWithDateline, toBlock } from '../template.js';
import type { SitePage, SiteTemplate } from './types.js';

const CALENDAR = /^calendar>>/u;

export const kcnaCoJpKns: SiteTemplate = {
  site: 'kcna.co.jp',
  detect(page) {
    return page.blocks.some((block) => CALENDAR.test(block.text));
  },
  read(page): SitePage {
    const { blocks } = page;
    const calendar = blocks.findIndex((block) => CALENDAR.test(block.text));
    const head = blocks.findIndex((block, i) => i > calendar && opensWithDateline(block.text));
    const anchor = [blocks[calendar]!.element];
    if (head >= 0) anchor.push(blocks[head]!.element);
    const table = closest(commonAncestorOf(anchor)!, (e) => e.name === 'table') ?? commonAncestorOf(anchor)!;
    const article: Block[] = [];
    let outside = 0;
    blocks.forEach((block, i) => {
      if (i >= calendar && inside(block.element, table)) article.push(toBlock(block, null));
      else outside++;
    });
    return { layout: 'kcna-co-jp-kns', blocks: article, outside, structured: false };
  },
};
