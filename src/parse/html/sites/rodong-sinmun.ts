/**
 * Rodong Sinmun's English site (rodong.rep.kp/en), the paper's own articles: no KCNA dateline, no
 * end marker, one record each, dated by the paper's date. Three templates:
 * - to 2022: every paragraph a `p.ArticleContent`; the first (centred, bold) is the title, the
 *   body the ones whose style is `justify`; a right-aligned one is the byline; the date in
 *   `div.ArticleMenuDate` ('Mar. 15, Juche 111 (2022) Tuesday');
 * - 2022 to about 2024: the title in `div.news_Title`, the date in `.NewsDate` ('2023.10.9.', often
 *   with full-width digits), the body `p.ArticleContent`;
 * - from about 2025: the date in `#article-date` ('Oct. 10, 2025 Friday'), the title `p.TitleP`
 *   (or RevoTitleP, HeadP), the body `p.TextP` and `p.MarkP`, the byline `p.WriterP`.
 * Digits are kept as written in the text and read as numbers in dates. News lists
 * (`.ListNewsLineTitle`, `.ListNewsContainer`) hold no article. See docs/layouts/rodong-sinmun.md.
 */
import type { Block, BlockRole } from '../../model.js';
import type { HtmlElement } from '../dom.js';
import { closest, hasClass, pageDateOf, readSiteDate, toBlock } from '../template.js';
import type { SitePage, SiteTemplate } from './types.js';

const TITLE_CLASSES = ['news_Title', 'TitleP', 'RevoTitleP', 'HeadP'];
const BODY_CLASSES = ['TextP', 'MarkP', 'SubTitleP'];
const DATE = (e: HtmlElement) => hasClass(e, 'NewsDate') || hasClass(e, 'ArticleMenuDate') || e.id === 'article-date';

export const rodongSinmun: SiteTemplate = {
  site: 'Rodong Sinmun',
  detect(page, url) {
    const { classes, ids, title } = page.facts;
    const named = (title !== null && /Rodong Sinmun|로동신문/u.test(title)) || (url !== null && /^https?:\/\/(?:www\.)?rodong\.rep\.kp\//iu.test(url));
    if (classes.has('news_Title') || classes.has('NewsDate') || classes.has('ArticleMenuDate') || ids.has('article-date')) return true;
    if (classes.has('ArticleContent') || classes.has('TitleP') || classes.has('TextP')) return named || classes.has('ArticleContent');
    return named && (classes.has('ListNewsLineTitle') || classes.has('ListNewsLineTitleW') || classes.has('ListNewsContainer'));
  },
  read(page): SitePage {
    const titleElements = TITLE_CLASSES.some((name) => page.facts.classes.has(name));
    let pageDate: SitePage['pageDate'] = null;
    const article: Block[] = [];
    let outside = 0;
    let body = 0;
    let title: HtmlElement | null = null;
    for (const block of page.blocks) {
      if (closest(block.first, DATE) !== null) {
        const found = readSiteDate(block.text);
        if (found && pageDate === null) {
          // The line page.date is read from: carried by a warning, as a text capture's would be.
          pageDate = pageDateOf(found.year, found.month, found.day, block.n);
          article.push(toBlock(block, 'aside'));
        } else outside++;
        continue;
      }
      let role = roleOf(block.element);
      if (role === 'content') {
        // The old site has no title element: its first ArticleContent paragraph is the title.
        const content = closest(block.element, (e) => hasClass(e, 'ArticleContent'))!;
        if (!titleElements && (title === null || title === content) && body === 0) {
          title = content;
          role = 'title';
        } else {
          role = 'aside';
        }
      }
      if (role === null) {
        outside++;
        continue;
      }
      if (role === 'paragraph') body++;
      article.push(toBlock(block, role));
    }
    if (body === 0) return { layout: 'rodong-sinmun', blocks: [], outside: outside + article.length, structured: false, notArticle: 'a Rodong Sinmun page without an article (a news list?)' };
    return { layout: 'rodong-sinmun', blocks: article, outside, structured: true, pageDate, leadDateFromPage: true };
  },
};

/** What an element's class says; 'content' for an ArticleContent paragraph styled neither as body nor byline. */
function roleOf(element: HtmlElement): BlockRole | 'content' | null {
  if (closest(element, (e) => TITLE_CLASSES.some((name) => hasClass(e, name))) !== null) return 'title';
  if (closest(element, (e) => hasClass(e, 'WriterP')) !== null) return 'aside';
  if (closest(element, (e) => BODY_CLASSES.some((name) => hasClass(e, name))) !== null) return 'paragraph';
  const content = closest(element, (e) => hasClass(e, 'ArticleContent'));
  if (content === null) return null;
  const style = (content.attrs['style'] ?? '').toLowerCase();
  const align = (content.attrs['align'] ?? '').toLowerCase();
  if (style.includes('justify') || align === 'justify') return 'paragraph';
  if (align === 'right' || /text-align\s*:\s*right/u.test(style)) return 'aside';
  // The newer site writes its body paragraphs with no style at all.
  if (style === '' && align === '') return 'paragraph';
  return 'content';
}
