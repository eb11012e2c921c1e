/**
 * kcnawatch.org's article pages (NK News' KCNA Watch, a WordPress site): the article's body in
 * `div.article-content` (a `<p>` per paragraph, or one `<p>` with `<br />`-separated paragraphs);
 * above it, each in its own element, the capture date printed twice ('March 02, 2026Mar 02, 2026'),
 * 'KCNA' and the source ('KCNA.kp (En)'), the title, and the line 'Date: 15/12/2025 | Source: ... |
 * Read original version at source'; beside it the 'More From ...' sidebar, whose `.article-desc`
 * entries each hold a title link, the snippet and a date in `.articled-date > span`. The header and
 * body are read with the rules of the text layouts kcnawatch-2024 and kcnawatch-2019 (the 2019
 * template has a 'Share Button'); the sidebar from its entries' elements. See
 * docs/layouts/kcnawatch-2024.md and kcnawatch-2019.md.
 */
import type { Block } from '../../model.js';
import { matchDateOnlyLine, matchHeading, isClosing } from '../../patterns.js';
import { makeTeaser, sameTeaserText, type TeaserParts } from '../../teasers.js';
import type { Teaser, TeaserSection, Warning } from '../../../schema/types.js';
import { warn } from '../../warnings.js';
import type { HtmlBlock, HtmlElement, HtmlText } from '../dom.js';
import { closest, commonAncestorOf, hasClass, inside, toBlock } from '../template.js';
import type { SitePage, SiteTemplate } from './types.js';

const PAGE_DATE_LINE = /^Date:\s*\d{1,2}\/\d{1,2}\/\d{4}\b/u;
const HEADING_TAGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

const isBody = (e: HtmlElement) => hasClass(e, 'article-content');
const isEntry = (e: HtmlElement) => hasClass(e, 'article-desc');

export const kcnawatch: SiteTemplate = {
  site: 'kcnawatch.org',
  detect(page, url) {
    const { classes, title } = page.facts;
    if (!classes.has('article-content')) return false;
    return (
      (title !== null && /\|\s*KCNA Watch\s*$/iu.test(title)) ||
      (url !== null && /^https?:\/\/(?:www\.)?kcnawatch\.org\//iu.test(url)) ||
      classes.has('article-desc') ||
      page.blocks.some((block) => PAGE_DATE_LINE.test(block.text))
    );
  },
  read(page): SitePage {
    const blocks = page.blocks;
    const bodyIndexes: number[] = [];
    blocks.forEach((block, i) => {
      if (closest(block.element, isBody) !== null && closest(block.element, isEntry) === null) bodyIndexes.push(i);
    });
    if (bodyIndexes.length === 0) return { layout: 'kcnawatch-2024', blocks: [], outside: blocks.length, structured: false, notArticle: 'a kcnawatch.org page, no article' };
    const firstBody = bodyIndexes[0]!;
    const bodyElement = closest(blocks[firstBody]!.element, isBody)!;

    // The header: the blocks above the body in the element holding both it and the 'Date:' line
    // (or, without one, the body's <article>).
    const dateIndex = blocks.findIndex((block, i) => i < firstBody && PAGE_DATE_LINE.test(block.text));
    const header: HtmlElement =
      (dateIndex >= 0 ? commonAncestorOf([blocks[dateIndex]!.element, bodyElement]) : null) ?? closest(bodyElement, (e) => e.name === 'article') ?? bodyElement;
    const used = new Set<number>();
    const article: Block[] = [];
    for (let i = 0; i < blocks.length; i++) {
      const block = blocks[i]!;
      if (i < firstBody && inside(block.element, header) && closest(block.element, isEntry) === null) {
        const titled = closest(block.element, (e) => HEADING_TAGS.has(e.name) || hasClass(e, 'article-title')) !== null;
        article.push(toBlock(block, titled && !PAGE_DATE_LINE.test(block.text) ? 'title' : null));
        used.add(i);
      } else if (bodyIndexes.includes(i)) {
        article.push(toBlock(block, 'paragraph'));
        used.add(i);
      }
    }
    const teasers = readSidebar(page, used);
    const shared = article.some((block) => block.text === 'Share Button');
    return { layout: shared ? 'kcnawatch-2019' : 'kcnawatch-2024', blocks: article, outside: blocks.length - used.size, structured: true, teasers };
  },
};

/** The 'More From' sidebar: its heading, its entries read from their elements, its closing link. */
function readSidebar(page: HtmlText, used: Set<number>): TeaserParts | null {
  const { blocks } = page;
  const entryOf = new Map<HtmlElement, number[]>();
  const order: HtmlElement[] = [];
  blocks.forEach((block, i) => {
    if (used.has(i)) return;
    const entry = closest(block.element, isEntry);
    if (entry === null) return;
    let list = entryOf.get(entry);
    if (!list) {
      entryOf.set(entry, (list = []));
      order.push(entry);
    }
    list.push(i);
  });
  // The heading: just above the first entry, or, in a sidebar with no entry at all, the first
  // 'More From ...' block the article did not take.
  let headingIndex = -1;
  if (order.length > 0) {
    const first = entryOf.get(order[0]!)![0]!;
    for (let i = first - 1; i >= 0 && i >= first - 5; i--) {
      if (!used.has(i) && matchHeading(blocks[i]!.text) !== undefined) {
        headingIndex = i;
        break;
      }
    }
  } else {
    headingIndex = blocks.findIndex((block, i) => !used.has(i) && matchHeading(block.text) !== undefined);
  }
  if (headingIndex < 0) return null;
  const heading = blocks[headingIndex]!;
  used.add(headingIndex);
  const section: TeaserSection = { heading: heading.text, source: matchHeading(heading.text)!, line: heading.n, closingLine: null };
  const entries: Teaser[] = [];
  const warnings: Warning[] = [];
  let last = headingIndex;
  for (const entry of order) {
    const indexes = entryOf.get(entry)!;
    for (const i of indexes) used.add(i);
    last = Math.max(last, indexes.at(-1)!);
    readEntry(indexes.map((i) => blocks[i]!), entries, warnings);
  }
  for (let i = last + 1; i < blocks.length && i <= last + 3; i++) {
    if (!used.has(i) && isClosing(blocks[i]!.text)) {
      section.closingLine = blocks[i]!.n;
      used.add(i);
      break;
    }
  }
  if (entries.length === 0) warnings.push(warn.teaserHeadingEmpty(heading.n));
  if (section.closingLine === null) warnings.push(warn.teaserListUnclosed(heading.n));
  return { section, entries, warnings };
}

/**
 * One entry: a title (a heading or link element; shown again when hovered), the snippet, the date,
 * and the snippet again. Every block of the entry ends up in the teaser or in a warning.
 */
function readEntry(blocks: readonly HtmlBlock[], entries: Teaser[], warnings: Warning[]): void {
  const dateAt = blocks.findIndex((block) => matchDateOnlyLine(block.text)?.valid === true);
  const isTitle = (block: HtmlBlock) =>
    closest(block.element, (e) => HEADING_TAGS.has(e.name) || e.name === 'a') !== null && closest(block.element, (e) => e.name === 'p') === null;
  if (dateAt < 0) {
    for (const block of blocks) {
      const date = matchDateOnlyLine(block.text);
      if (date) warnings.push(warn.teaserInvalidDate(block.n, block.text, date.year));
      else warnings.push(warn.teaserMissingDate(block.n, block.text));
    }
    return;
  }
  const before = blocks.slice(0, dateAt);
  const after = blocks.slice(dateAt + 1);
  const titles = before.filter(isTitle);
  const texts = before.filter((block) => !isTitle(block));
  let title: { text: string; line: number; repeatLine: number | null } | null = null;
  const rest: HtmlBlock[] = [];
  if (titles.length > 0) {
    title = { text: titles[0]!.text, line: titles[0]!.n, repeatLine: null };
    for (const other of titles.slice(1)) {
      if (title.repeatLine === null && other.text === title.text) title.repeatLine = other.n;
      else rest.push(other);
    }
  }
  // The snippet: shown above the date (the hover box), else below it.
  let text = texts[0];
  let repeat: HtmlBlock | undefined;
  let leftAfter = after;
  if (text === undefined) {
    text = after[0];
    leftAfter = after.slice(1);
  } else {
    for (const other of texts.slice(1)) rest.push(other);
  }
  if (text === undefined) {
    // Only a title and a date: the title is the entry's text.
    if (title === null) {
      warnings.push(warn.teaserStrayDate(blocks[dateAt]!.n, blocks[dateAt]!.text));
      return;
    }
    text = titles[0]!;
    title = null;
  }
  if (leftAfter[0] !== undefined && sameTeaserText(leftAfter[0].text, text.text)) {
    repeat = leftAfter[0];
    leftAfter = leftAfter.slice(1);
  }
  const date = matchDateOnlyLine(blocks[dateAt]!.text)!;
  entries.push(makeTeaser({ title, text: text.text, line: text.n, date, dateLineNumber: blocks[dateAt]!.n, repeatLine: repeat?.n ?? null }));
  if (repeat === undefined && leftAfter[0] !== undefined) {
    warnings.push(warn.teaserRepeatMismatch(leftAfter[0].n, leftAfter[0].text));
    leftAfter = leftAfter.slice(1);
  } else if (repeat === undefined) {
    warnings.push(warn.teaserRepeatMissing(text.n));
  }
  for (const block of rest.concat(leftAfter)) warnings.push(warn.asideText(block.n, block.text));
}
