/**
 * Finding the article on a page no template describes element by element (a portal's article
 * page, an unknown site): the element holding the page's paragraphs (long blocks of text that are
 * not links, menus or forms) or its datelines, and the title standing above them (a heading, or an
 * element whose class or id says title). What lies outside is counted, not read.
 */
import type { Block } from '../model.js';
import type { HtmlBlock, HtmlElement, HtmlText } from './dom.js';
import { closest, commonAncestorOf, inside, opensWithDateline, toBlock } from './template.js';

/** Elements whose text is never an article's: navigation, forms, controls. */
const FURNITURE = new Set(['nav', 'footer', 'aside', 'form', 'select', 'button', 'label', 'menu']);
/** Class and id words of a page's frame rather than its article: footers, menus, sidebars, banners. */
const FRAME_NAME = /(?:^|[\s_-])(?:tail|footer|foot|copyright|copy|menu|nav|navbar|sidebar|side|banner|gnb|lnb|bottom|quick)(?:$|[\s_-]|_?bg|_?row)/iu;
/** Whether the element, or one around it, is furniture by its tag or its name. */
const isFurniture = (element: HtmlElement): boolean =>
  closest(element, (e) => FURNITURE.has(e.name) || (e.cls !== '' && FRAME_NAME.test(e.cls)) || (e.id !== '' && FRAME_NAME.test(e.id))) !== null;
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4']);
const TITLE_NAME = /(?:^|[\s_-])(?:title|subject|headline|tit|news_?title|article_?title)(?:$|[\s_-])/iu;
const HANGUL = /[\uac00-\ud7a3]/gu;

export interface FoundArticle {
  blocks: Block[];
  outside: number;
}

/** Whether the block reads as running text: long, mostly not links, and not in the page's frame. */
function isProse(block: HtmlBlock): boolean {
  const hangul = block.text.match(HANGUL)?.length ?? 0;
  const long = hangul * 2 > block.text.length ? block.text.length >= 40 : block.text.length >= 80;
  return long && block.linked * 2 < block.text.length && !isFurniture(block.element);
}

/** The article of a page, or null when the page holds no running text (a front page, a list). */
export function findArticle(page: HtmlText): FoundArticle | null {
  const { blocks } = page;
  const prose = blocks.filter((block) => opensWithDateline(block.text) || isProse(block));
  if (prose.length < 2 && !prose.some((block) => opensWithDateline(block.text))) return null;
  const container: HtmlElement = commonAncestorOf(prose.map((block) => block.element))!;
  const firstIndex = blocks.findIndex((block) => inside(block.element, container));
  // The title: the nearest heading (or element named a title) above the paragraphs, all of its
  // lines (a headline with a <br /> in it is two blocks).
  let titleStart = -1;
  let titleEnd = -1;
  for (let i = firstIndex; i >= 0 && i >= firstIndex - 8; i--) {
    const block = blocks[i]!;
    if (block.text.length > 250 || isProse(block)) continue;
    const titled = closest(block.element, (e) => HEADINGS.has(e.name) || TITLE_NAME.test(e.cls) || TITLE_NAME.test(e.id));
    if (titled !== null) {
      titleStart = titleEnd = i;
      while (titleStart > 0 && inside(blocks[titleStart - 1]!.element, titled)) titleStart--;
      break;
    }
  }
  const titleIndex = titleEnd;
  const article: Block[] = [];
  let outside = 0;
  blocks.forEach((block, i) => {
    if (titleStart >= 0 && i >= titleStart && i <= titleEnd) article.push(toBlock(block, 'title'));
    else if (i > titleIndex && inside(block.element, container) && !isFurniture(block.element)) article.push(toBlock(block, null));
    else outside++;
  });
  return { blocks: article, outside };
}

/**
 * A page no template knows, read as a text capture: its visible blocks, less what is plainly not
 * an article (navigation, forms, controls), which is counted.
 */
export function flatten(page: HtmlText): FoundArticle {
  const article: Block[] = [];
  let outside = 0;
  for (const block of page.blocks) {
    if (closest(block.element, (e) => FURNITURE.has(e.name)) !== null) outside++;
    else article.push(toBlock(block, null));
  }
  return { blocks: article, outside };
}
