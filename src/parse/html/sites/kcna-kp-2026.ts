/**
 * kcna.kp's article pages of the `/{lang}/article/detail/<hex>` scheme (from mid-2026): the title in
 * `<h1 class="text-center ...">` inside `<article>` (an empty second h1 may follow), the body's
 * `<p>`s, a gallery link (`a.gallery_button`, `a.right_button`); no date anywhere on the page, so
 * the year is null unless another source gives it. Lists (`div.article > h5 > a`) hold no article.
 * See docs/layouts/kcna-kp-2026.md.
 */
import type { BlockRole } from '../../model.js';
import { hasClass, regionsOf, toBlock, type RegionRule } from '../template.js';
import type { SitePage, SiteTemplate } from './types.js';

type Region = 'title' | 'media' | 'body';

const RULES: readonly RegionRule<Region>[] = [
  { region: 'title', test: (e) => e.name === 'h1' },
  { region: 'media', test: (e) => hasClass(e, 'gallery_button') || hasClass(e, 'right_button') },
  { region: 'body', test: (e) => e.name === 'article' },
];

/** The editions' names opening the <title>, then its bar: 'KCNA | ...', '조선중앙통신 | ...'. */
const TITLE = /^\s*(?:KCNA|조선중앙통신|朝鲜中央通讯|朝鮮中央通信|ЦТАК|ACNC)\s*\|/iu;

export const kcnaKp2026: SiteTemplate = {
  site: 'kcna.kp',
  detect(page, url) {
    const { classes, tags, title } = page.facts;
    const fromSite = (title !== null && TITLE.test(title)) || (url !== null && /^https?:\/\/(?:www\.)?kcna\.kp\/[a-z]{2}\/(?:article|gallery)\//iu.test(url));
    if (classes.has('gallery_button') && tags.has('article')) return true;
    return fromSite && (tags.has('article') || (classes.has('article') && tags.has('h5')));
  },
  read(page): SitePage {
    const regionOf = regionsOf(RULES);
    const blocks = [];
    let outside = 0;
    let body = 0;
    for (const block of page.blocks) {
      const region = regionOf(block.element);
      // A title is an h1 inside the article; an h1 elsewhere is the page's furniture.
      const inArticle = region === 'body' || (region !== null && hasAncestor(block.element, 'article'));
      let role: BlockRole | null = null;
      if (inArticle && region === 'title') role = 'title';
      else if (inArticle && region === 'body') role = 'paragraph';
      if (role === null) {
        outside++;
        continue;
      }
      if (role === 'paragraph') body++;
      blocks.push(toBlock(block, role));
    }
    if (body === 0) return { layout: 'kcna-kp-2026', blocks: [], outside: outside + blocks.length, structured: false, notArticle: 'a kcna.kp article list, no article' };
    return { layout: 'kcna-kp-2026', blocks, outside, structured: true };
  },
};

function hasAncestor(element: { name: string; parent: unknown }, name: string): boolean {
  for (let e = element as { name: string; parent: unknown } | null; e !== null; e = e.parent as typeof e) if (e.name === name) return true;
  return false;
}
