/**
 * kcna.kp's article pages of the `/{lang}/article/q/<hex>.kcmsf` scheme (to mid-2026; `wget -m`
 * keeps the .kcmsf name): the title in `div.article-main-title`, the body's `<p>`s in
 * `div.content-wrapper` inside `div.article-content-body`, the stamp `span.publish-time`
 * ('www.kcna.kp (2025.12.14.)', '(Juche113.3.9.)') after them inside the wrapper; photo and video
 * links in `div.media-icon`; menus, language bar and footer around. Category lists
 * (`ul.article-link`) and media pages hold no article. See docs/layouts/kcna-kp.md.
 */
import type { BlockRole } from '../../model.js';
import { hasClass, regionsOf, toBlock, within, type RegionRule } from '../template.js';
import type { SitePage, SiteTemplate } from './types.js';

type Region = 'title' | 'stamp' | 'body' | 'media';

const RULES: readonly RegionRule<Region>[] = [
  { region: 'title', test: (e) => hasClass(e, 'article-main-title') },
  { region: 'stamp', test: (e) => hasClass(e, 'publish-time') },
  { region: 'body', test: (e) => hasClass(e, 'content-wrapper') || hasClass(e, 'article-content-body') },
  { region: 'media', test: (e) => hasClass(e, 'media-icon') },
];

/** '<title>KCNA | Article | ...', '조선중앙통신 | 기사 | ...' and the other editions' names. */
const TITLE = /^\s*(?:KCNA|조선중앙통신|朝鲜中央通讯|朝鮮中央通信|ЦТАК|ACNC|Agencia Telegr[aá]fica Central de Corea)\s*\|/iu;

export const kcnaKp: SiteTemplate = {
  site: 'kcna.kp',
  detect(page, url) {
    const { classes, title } = page.facts;
    if (classes.has('article-main-title') || classes.has('article-content-body')) return true;
    if (classes.has('content-wrapper') && classes.has('publish-time')) return true;
    const fromSite = (title !== null && TITLE.test(title)) || (url !== null && /^https?:\/\/(?:www\.)?kcna\.kp\//iu.test(url));
    return fromSite && (classes.has('article-link') || classes.has('menu-block') || /\.kcmsf(?:$|[?#])/u.test(url ?? ''));
  },
  read(page): SitePage {
    const regionOf = regionsOf(RULES);
    const blocks = [];
    let outside = 0;
    let body = 0;
    let titled = 0;
    for (const block of page.blocks) {
      const region = regionOf(block.element);
      let role: BlockRole | null = null;
      if (region === 'title') role = 'title';
      else if (region === 'body') role = 'paragraph';
      // A stamp inside the article's wrapper dates it; one in a list or elsewhere is furniture.
      else if (region === 'stamp' && within(block.element, (e) => hasClass(e, 'content-wrapper') || hasClass(e, 'article-content-body'))) role = 'stamp';
      if (role === null) {
        outside++;
        continue;
      }
      if (role === 'paragraph') body++;
      if (role === 'title') titled++;
      blocks.push(toBlock(block, role));
    }
    if (body === 0) {
      const { classes } = page.facts;
      const what = classes.has('article-link') ? 'a kcna.kp category list' : classes.has('photo') || classes.has('video') ? 'a kcna.kp photo or video page' : 'a kcna.kp page';
      return { layout: 'kcna-kp', blocks: [], outside: outside + blocks.length, structured: false, notArticle: `${what}, no article` };
    }
    return { layout: 'kcna-kp', blocks, outside, structured: titled > 0 || body > 0 };
  },
};
