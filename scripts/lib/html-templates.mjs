/**
 * Deterministic renderers of KCNA pages as the sites serve them: a dispatch's parts (title,
 * dateline and paragraphs, end marker, stamp, and teaser entries where the site has a sidebar) in
 * and the page as HTML out, in each site's template, its markup skeleton copied from the saved
 * pages under fixtures/html-*\/input.html:
 *
 * - 'kcna-kp'          kcna.kp's /article/q/<hex>.kcmsf pages (html-kcna-kp-article)
 * - 'kcna-kp-2026'     kcna.kp's /article/detail/<hex> pages (html-kcna-kp-detail)
 * - 'kcnawatch-2024'   kcnawatch.org, 2024 template with its 'More From' sidebar (html-kcnawatch-kcna-kp)
 * - 'kcnawatch-2019'   kcnawatch.org, 2019 template (html-kcnawatch-2019)
 * - 'kcna-co-jp-daily' kcna.co.jp's daily pages, several stories (html-kcna-co-jp-daily-1999, -2003)
 * - 'kcna-co-jp-kns'   kcna.co.jp's KNS article pages (html-kcna-co-jp-kns-2010, -2018-htm)
 * - 'rodong-old', 'rodong-new', 'rodong-2025'  Rodong Sinmun's three templates (html-rodong-*)
 *
 * Each renderer also takes options that vary what a browser does not show: extra furniture (menu
 * links outside the article, scripts, styles, comments, hidden blocks and spans, empty
 * paragraphs), attribute order, quoting and repetition, entity encoding of any character (named,
 * decimal, hex, legacy names without ';', windows-1252 numbers), `<p>` per paragraph or one `<p>`
 * with `<br />`, whitespace and newlines between and inside tags, tag-name casing, end tags the
 * HTML standard lets a page leave out, leaders' names and words in inline elements, CRLF or LF,
 * and (for kcna.co.jp's pages, which declare no charset) windows-1252 bytes. Every choice is drawn
 * from the `random` function passed in (a number in [0, 1) per call, like Math.random), so a
 * seeded one gives a deterministic corpus:
 *
 *   const rnd = seededRandom(seed);
 *   const { html, bytes, text } = renderPageWithText(site, page, { ...randomOptions(rnd), random: rnd });
 *
 * With no options a page is written the fixture's way. Beside the HTML (and its bytes),
 * renderPageWithText returns the text a browser shows for the page's article, in the order of
 * docs/layouts/<layout>.md and the fixtures' text twins (fixtures/layout-*): what a text capture of
 * the same page holds. It is the same whatever the options, except that `<br />` paragraphs show
 * no blank line between them. Whitespace in it is collapsed as CSS collapses it, and a no-break
 * space shows as a space, as src/parse/html/dom.ts reads it.
 */

// ---------------------------------------------------------------------------------------------
// Randomness

/** mulberry32: a small seeded generator of numbers in [0, 1). */
export function seededRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function helpers(random) {
  const next = () => {
    const x = random();
    return x >= 0 && x < 1 ? x : Math.abs(x % 1);
  };
  return {
    next,
    chance: (p) => p > 0 && next() < p,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (list) => list[Math.floor(next() * list.length)],
    shuffle: (list) => {
      const out = list.slice();
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [out[i], out[j]] = [out[j], out[i]];
      }
      return out;
    },
  };
}

/** Every variation on, its amounts drawn from `random`: for a corpus of pages that differ in every way a browser hides. */
export function randomOptions(random) {
  const r = helpers(random);
  return {
    furniture: r.pick([0, 0.2, 0.5, 1]),
    attributes: r.chance(0.7),
    entities: r.pick([0, 0, 0.02, 0.1, 0.5, 1]),
    paragraphs: r.pick(['p', 'p', 'br', 'brbr']),
    whitespace: r.pick([0, 0.3, 1]),
    tagCase: r.pick(['as-written', 'lower', 'upper', 'mixed']),
    eol: r.pick(['\n', '\r\n']),
    inline: r.chance(0.5),
    optionalTags: r.pick([false, true, 'spec']),
    charset: r.pick(['utf-8', 'windows-1252']),
  };
}

// ---------------------------------------------------------------------------------------------
// A small document model and its serializer

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
const RAW_TEXT = new Set(['script', 'style']);
/** Elements around which whitespace in the source shows nothing (block boxes, line breaks, invisible ones). */
const BLOCKISH = new Set([
  'html', 'head', 'body', 'div', 'p', 'table', 'tbody', 'thead', 'tr', 'td', 'th', 'ul', 'ol', 'li', 'h1', 'h2', 'h3', 'h4', 'h5',
  'h6', 'header', 'footer', 'nav', 'main', 'article', 'aside', 'section', 'form', 'center', 'hr', 'br', 'script', 'style', 'link',
  'meta', 'title', 'noscript', 'template',
]);

/** An element: `attrs` as [name, value, quote?] (value null for a bare attribute). */
function el(name, attrs = [], ...children) {
  return { kind: 'el', name, attrs, children: children.flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false) };
}
const text = (value) => ({ kind: 'text', value });
/** Markup written as it is (a doctype, a script's body). */
const raw = (value) => ({ kind: 'raw', value });
const comment = (value) => ({ kind: 'comment', value });
/** A place where furniture may go: 'head', 'block' (invisible things only), 'outside' (visible too), 'menu' (list items). */
const slot = (where) => ({ kind: 'slot', where });

const NAMED = new Map([
  ['&', ['amp', 'AMP']], ['<', ['lt', 'LT']], ['>', ['gt', 'GT']], ['"', ['quot', 'QUOT']], ["'", ['apos']], ['\u00a0', ['nbsp']], ['©', ['copy', 'COPY']],
  ['—', ['mdash']], ['–', ['ndash']], ['‘', ['lsquo']], ['’', ['rsquo']], ['“', ['ldquo']], ['”', ['rdquo']], ['…', ['hellip']],
  ['é', ['eacute']], ['·', ['middot']], ['«', ['laquo']], ['»', ['raquo']], ['°', ['deg']], ['×', ['times']],
  ['.', ['period']], [',', ['comma']], ['(', ['lpar']], [')', ['rpar']], [':', ['colon']], [';', ['semi']], ['/', ['sol']],
  ['|', ['verbar', 'vert']], [' ', []], ['\t', ['Tab']], ['!', ['excl']], ['?', ['quest']], ['%', ['percnt']], ['+', ['plus']],
  ['=', ['equals']], ['[', ['lsqb', 'lbrack']], [']', ['rsqb', 'rbrack']], ['_', ['lowbar']], ['#', ['num']], ['$', ['dollar']],
  ['*', ['ast', 'midast']], ['@', ['commat']],
]);

function caseOf(name, tagCase, r) {
  if (tagCase === 'lower') return name.toLowerCase();
  if (tagCase === 'upper') return name.toUpperCase();
  if (tagCase === 'mixed') return [...name].map((c) => (r.chance(0.5) ? c.toUpperCase() : c.toLowerCase())).join('');
  return name;
}

/** The characters windows-1252 has in 0x80-0x9F, and their bytes. */
const WINDOWS_1252 = new Map(
  [...'€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ'].map((ch, i) => [ch, 0x80 + i]).filter(([ch]) => ch.charCodeAt(0) > 0x9f),
);

/** Named references a browser also reads without their ';' (the HTML standard's legacy ones). */
const LEGACY = new Set(['amp', 'AMP', 'lt', 'LT', 'gt', 'GT', 'quot', 'QUOT', 'nbsp', 'copy', 'COPY', 'eacute', 'middot', 'laquo', 'raquo', 'deg', 'times']);

/**
 * One character as a character reference: named, decimal or hex (with leading zeros now and then).
 * `next` is the character after it: in text, a legacy name or a number may then drop its ';'.
 */
function reference(ch, r, next = null) {
  const code = ch.codePointAt(0);
  const names = NAMED.get(ch) ?? [];
  const way = r.int(0, names.length > 0 ? 3 : 2);
  const zeros = r.chance(0.2) ? '0'.repeat(r.int(1, 3)) : '';
  const open = next !== null && r.chance(0.15);
  if (way === 3) {
    const name = r.pick(names);
    return `&${name}${open && LEGACY.has(name) && !/[A-Za-z0-9=;]/u.test(next) ? '' : ';'}`;
  }
  // windows-1252's characters in 0x80-0x9F, as old pages reference them ('&#146;' for '’'): a browser maps them.
  if (way === 0 && WINDOWS_1252.has(ch) && r.chance(0.5)) return `&#${zeros}${WINDOWS_1252.get(ch)}${open && !/[0-9;]/u.test(next) ? '' : ';'}`;
  if (way === 0 || way === 2) return `&#${zeros}${code}${open && !/[0-9;]/u.test(next) ? '' : ';'}`;
  const hex = code.toString(16);
  return `&#${r.chance(0.5) ? 'x' : 'X'}${zeros}${r.chance(0.5) ? hex.toUpperCase() : hex}${open && !/[0-9A-Fa-f;]/u.test(next) ? '' : ';'}`;
}

/** What must be encoded, as a page usually writes it. */
const CANONICAL = new Map([['&', '&amp;'], ['<', '&lt;'], ['>', '&gt;'], ['"', '&quot;'], ["'", '&#39;'], ['\u00a0', '&nbsp;']]);

/**
 * Text as markup: the characters in `mustEncode` (and no-break spaces, unless written raw) as
 * references, and with options.entities any other character now and then.
 */
function encodeText(value, o, r, mustEncode, inAttribute = false) {
  const chars = [...value];
  let out = '';
  chars.forEach((ch, i) => {
    // Dropping a ';' needs a known next character, and never in an attribute's value.
    const next = inAttribute || i + 1 >= chars.length ? null : chars[i + 1];
    const must = mustEncode.includes(ch) || (ch === '\u00a0' && !o.rawNbsp);
    if (ch === '\r' || ch === '\n') out += ch;
    else if (must) out += o.entities > 0 && r.chance(0.5) ? reference(ch, r, next) : CANONICAL.get(ch);
    else if (r.chance(o.entities)) out += reference(ch, r, next);
    else out += ch;
  });
  return out;
}

const UNQUOTABLE = /^[^\s"'=<>`&]+$/u;

const TAG_SPACE = [' ', ' ', ' ', '\n', '\t', '  ', '\n\t\t'];

function writeAttributes(attrs, o, r) {
  let list = o.attributes ? r.shuffle(attrs) : attrs.slice();
  // A repeated attribute is ignored by a browser: the first one counts.
  if (o.attributes && list.length > 0 && r.chance(0.1)) {
    const [name] = r.pick(list);
    list = [...list, [name, r.pick(['article-content', 'publish-time', 'x', '']), '"']];
  }
  const gap = () => (o.whitespace > 0 && r.chance(o.whitespace) ? r.pick(TAG_SPACE) : ' ');
  let out = '';
  for (const [name, value, quote = '"'] of list) {
    const n = o.attributes ? caseOf(name, r.pick(['lower', 'upper', 'mixed', 'as-written']), r) : name;
    if (value === null) {
      out += `${gap()}${n}`;
      continue;
    }
    let written = value;
    // A class list may be spaced any way: a browser splits it on whitespace.
    if (o.attributes && name.toLowerCase() === 'class' && r.chance(0.2)) written = `${r.pick(['', ' ', '\t', '\n  '])}${value.split(' ').join(r.pick([' ', '  ', '\t', '\n']))}${r.pick(['', ' ', '\n'])}`;
    let q = o.attributes ? r.pick(['"', "'", '']) : quote;
    if (q === '' && !UNQUOTABLE.test(written)) q = '"';
    const equals = o.attributes && r.chance(0.1) ? r.pick([' = ', '\n=', '= ']) : '=';
    out += `${gap()}${n}${equals}${q}${encodeText(written, o, r, q === '' ? ['&'] : ['&', q], true)}${q}`;
  }
  return out + (o.whitespace > 0 && list.length > 0 && r.chance(o.whitespace * 0.3) ? r.pick(TAG_SPACE) : '');
}

const WHITESPACE = ['\n', '\n\t', '\n\t\t', ' ', '  ', '\n    ', '\t', '\n\n', ''];

/** Elements whose start tag closes an open <p> (the HTML standard's list for omitting </p>). */
const CLOSES_P = new Set(['address', 'article', 'aside', 'blockquote', 'details', 'div', 'dl', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'table', 'ul']);
/** Parents in which a last <p> keeps its end tag. */
const KEEPS_P = new Set(['a', 'audio', 'del', 'ins', 'map', 'noscript', 'video']);

/** Whether the HTML standard lets the element's end tag be left out, given what follows it (null: nothing). */
function endTagOptional(name, next, parent) {
  const after = next === null ? null : next.kind === 'el' ? next.name.toLowerCase() : '#';
  switch (name) {
    case 'p':
      return after === null ? !KEEPS_P.has(parent) : CLOSES_P.has(after);
    case 'li':
      return after === null || after === 'li';
    case 'td':
      return after === null || after === 'td';
    case 'tr':
      return after === null || after === 'tr';
    case 'body':
    case 'html':
      return after === null;
    default:
      return false;
  }
}

/** The nodes with their furniture slots filled (or dropped). */
function expand(nodes, o, r) {
  const out = [];
  for (const node of nodes) {
    if (node.kind === 'slot') out.push(...furnitureFor(node.where, o, r));
    else out.push(node);
  }
  return out;
}

const isBr = (node) => node?.kind === 'el' && node.name.toLowerCase() === 'br';
const isBlock = (node) => node !== undefined && (node.kind === 'comment' || (node.kind === 'el' && BLOCKISH.has(node.name.toLowerCase())));

/**
 * Serialises a node list. Whitespace goes only where a browser shows none: between block boxes,
 * around line breaks, at the start and end of a block's content.
 */
/** The element whose end tag the last serialize() left out at the very end of its nodes, or null. */
let endedOpen = null;

function serialize(input, o, r, depth = 0, blockParent = true, parent = '#document') {
  const nodes = expand(input, o, r);
  let out = '';
  let open = null;
  const blockLayout = blockParent && nodes.every((node) => node.kind === 'raw' || isBlock(node));
  const indent = (d) => `\n${'\t'.repeat(Math.max(0, d))}`;
  const spaceAt = (fallback) => (o.whitespace > 0 && r.chance(o.whitespace) ? r.pick(WHITESPACE) : fallback);
  nodes.forEach((node, i) => {
    const previous = nodes[i - 1];
    const safe = i === 0 ? blockParent : isBlock(node) || isBlock(previous) || isBr(previous) || isBr(node);
    if (blockLayout && (i > 0 || depth > 0)) out += spaceAt(indent(depth));
    else if (safe) out += spaceAt(isBr(previous) ? '\n' : '');
    out += serializeNode(node, o, r, depth, nodes[i + 1] ?? null, parent);
    open = endedOpen;
  });
  endedOpen = open;
  if (blockLayout && nodes.length > 0 && depth > 0) out += spaceAt(indent(depth - 1));
  else if (blockParent && nodes.length > 0) out += spaceAt('');
  return out;
}

function serializeNode(node, o, r, depth, next, parent) {
  switch (node.kind) {
    case 'text':
      endedOpen = null;
      return encodeText(node.value, o, r, ['&', '<']);
    case 'raw':
      endedOpen = null;
      return node.value;
    case 'comment':
      endedOpen = null;
      return `<!--${node.value}-->`;
    case 'el': {
      const lower = node.name.toLowerCase();
      // A <meta>'s values are read by the encoding prescan, which decodes no character references.
      const open = `<${caseOf(node.name, o.tagCase, r)}${writeAttributes(node.attrs, lower === 'meta' ? { ...o, entities: 0 } : o, r)}`;
      if (VOID.has(lower)) {
        endedOpen = null;
        // '</br>' is a line break too, to a browser.
        if (lower === 'br' && node.attrs.length === 0 && o.tagCase !== 'as-written' && r.chance(0.05)) return `</${caseOf(node.name, o.tagCase, r)}>`;
        let close = o.attributes || o.tagCase !== 'as-written' ? r.pick(['', '/', ' /']) : (node.selfClose ?? '');
        // After an unquoted value a '/' would be part of the value.
        if (close === '/' && /=\s*[^"'\s]+$/u.test(open)) close = ' /';
        return `${open}${close}>`;
      }
      // A page saved from the DOM (a browser's 'Save page as') writes the <tbody> every table has.
      const children = lower === 'table' && o.optionalTags && r.chance(0.5) && !node.children.some((c) => c.kind === 'el' && c.name.toLowerCase() === 'tbody') ? [el('tbody', [], node.children)] : node.children;
      const inner =
        RAW_TEXT.has(lower) || lower === 'title'
          ? node.children.map((c) => (c.kind === 'text' && lower === 'title' ? encodeText(c.value, o, r, ['&', '<']) : c.value)).join('')
          : serialize(children, o, r, depth + 1, BLOCKISH.has(lower), lower);
      const inside = RAW_TEXT.has(lower) || lower === 'title' ? null : endedOpen;
      // Two end tags left out in a row ('<td><p>text' then '<tr>'): the HTML standard allows it and a
      // browser closes both, but only optionalTags 'spec' writes it (see the option).
      const nested = inside !== null && !(lower === 'tr' && inside === 'td');
      const omit = Boolean(o.optionalTags) && endTagOptional(lower, next, parent) && (o.optionalTags === 'spec' || !nested) && r.chance(0.5);
      endedOpen = omit ? lower : null;
      return `${open}>${inner}${omit ? '' : `</${caseOf(node.name, o.tagCase, r)}>`}`;
    }
    default:
      throw new Error(`unknown node ${node.kind}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Furniture: what the options add where the skeleton allows it

const MENU_WORDS = ['Home', 'Latest News', 'Top News', 'Home News', 'Documents', 'World', 'Society-Life', 'External', 'Photo', 'Video', 'Archive', 'Editorials', 'Sports', 'Culture', 'Science', 'Search', 'Contact', 'About'];
const HIDDEN_TEXT = [
  'Pyongyang, March 1 (KCNA) -- hidden text a browser never shows.',
  'More From KCNA.kp (En)',
  'March 01, 2026',
  'Share Button',
  'Create a free account to keep reading.',
  'www.kcna.kp (Juche113.3.9.)',
  'Loading... -0-',
];
const SCRIPT_BODIES = [
  'var jsLangCode = "en";',
  'if (a < b && c > d) { document.write("<p>Pyongyang, May 1 (KCNA) -- not shown</p>"); }',
  'window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);}',
  '/* <![CDATA[ */ var ajax = {"url":"https:\\/\\/example.org\\/"}; /* ]]> */',
];
const STYLE_BODIES = ['p { margin: 0 }', 'td { font-family: Arial } .hide { display: none }', 'img.emoji { display: inline !important; }'];
const COMMENTS = [' #masthead ', ' Pyongyang, May 2 (KCNA) -- a comment, not text ', '<p>markup in a comment</p>', ' / .article-content ', '[if lt IE 9]><script src="html5shiv.js"></script><![endif]'];

function furnitureFor(where, o, r) {
  if (!(o.furniture > 0)) return [];
  const nodes = [];
  const count = r.chance(o.furniture) ? r.int(1, 3) : 0;
  for (let k = 0; k < count; k++) {
    const kind = where === 'menu' ? 'link' : r.pick(where === 'head' ? ['script', 'style', 'comment', 'meta'] : where === 'outside' ? ['script', 'style', 'comment', 'hidden', 'empty', 'visible', 'noscript'] : ['script', 'style', 'comment', 'hidden', 'empty', 'noscript', 'spacer']);
    switch (kind) {
      case 'link':
        nodes.push(el('li', [], el('a', [['href', `/menu/${r.int(1, 999)}`]], text(r.pick(MENU_WORDS)))));
        break;
      case 'script':
        nodes.push(el('script', r.chance(0.5) ? [['type', 'text/javascript']] : [], raw(r.pick(SCRIPT_BODIES))));
        break;
      case 'style':
        nodes.push(el('style', [['type', 'text/css']], raw(r.pick(STYLE_BODIES))));
        break;
      case 'comment':
        nodes.push(comment(r.pick(COMMENTS)));
        break;
      case 'meta':
        nodes.push(el('meta', [['name', 'generator'], ['content', 'furniture']]));
        break;
      case 'hidden':
        nodes.push(
          r.pick([
            () => el('div', [['style', r.pick(['display:none', 'display: none;', 'visibility:hidden'])]], el('p', [], text(r.pick(HIDDEN_TEXT)))),
            () => el('div', [['hidden', null]], text(r.pick(HIDDEN_TEXT))),
            () => el('template', [], el('p', [], text(r.pick(HIDDEN_TEXT)))),
          ])(),
        );
        break;
      case 'noscript':
        nodes.push(el('noscript', [], el('img', [['src', '/pixel.gif'], ['alt', '']])));
        break;
      case 'empty':
        nodes.push(el('div', [['class', 'clearfix']]));
        break;
      case 'spacer':
        // An empty paragraph: a blank line, which is also what stands between paragraphs.
        nodes.push(r.pick([() => el('p', [], text('\u00a0')), () => el('p', []), () => el('div', [], el('br', []))])());
        break;
      case 'visible':
        nodes.push(el('div', [['class', 'ad-banner']], el('a', [['href', '/ad']], text(r.pick(MENU_WORDS)))));
        break;
    }
  }
  return nodes;
}

// ---------------------------------------------------------------------------------------------
// Text inside the article: inline markup and comments between words

const LEADERS = ['Kim Jong Un', 'Kim Jong Il', 'Kim Il Sung'];

/**
 * A run of visible text as nodes: as it is, or (with options.inline) with leaders' names in
 * `<nobr><span class="fSpecCs">` and words in `<b>`, `<font>` or `<span>`, and comments between words.
 */
function richText(value, o, r, leaderTag = 'span') {
  if (!o.inline && !(o.furniture > 0)) return [text(value)];
  const nodes = [];
  const wrapLeader = (name) =>
    leaderTag === 'august_name' ? el('nobr', [], el('august_name', [], text(name))) : el('nobr', [], el('span', [['class', 'fSpecCs', "'"]], text(name)));
  let rest = value;
  while (rest !== '') {
    let at = -1;
    let leader = '';
    if (o.inline) {
      for (const name of LEADERS) {
        const i = rest.indexOf(name);
        if (i >= 0 && (at < 0 || i < at)) {
          at = i;
          leader = name;
        }
      }
    }
    const head = at < 0 ? rest : rest.slice(0, at);
    nodes.push(...wordsWithMarkup(head, o, r));
    if (at < 0) break;
    nodes.push(wrapLeader(leader));
    rest = rest.slice(at + leader.length);
  }
  return nodes;
}

function wordsWithMarkup(value, o, r) {
  if (value === '') return [];
  const parts = value.split(/(?<= )/u);
  const nodes = [];
  let plain = '';
  for (const part of parts) {
    if (o.inline && r.chance(0.05) && part.trim() !== '') {
      if (plain !== '') nodes.push(text(plain));
      plain = '';
      const word = part.trimEnd();
      nodes.push(r.pick([() => el('b', [], text(word)), () => el('font', [['color', '#000080']], text(word)), () => el('span', [['class', 'w']], text(word))])());
      if (part.length > word.length) plain = part.slice(word.length);
    } else if (o.furniture > 0 && r.chance(0.02 * o.furniture) && part.endsWith(' ')) {
      nodes.push(text(plain + part));
      plain = '';
      // Things a browser shows nothing of, between words (after a space, so no word is split).
      nodes.push(
        r.pick([
          () => comment(r.pick([' x ', ' end of clause ', '<b>not shown</b>'])),
          () => el('script', [], raw('var shown = false;')),
          () => el('span', [['style', 'display:none']], text('hidden words')),
          () => el('span', [['hidden', null]], text('Pyongyang, May 3 (KCNA) -- hidden')),
          () => el('img', [['src', '/i.gif'], ['alt', 'a picture']]),
          () => el('wbr', []),
          () => el('input', [['type', 'hidden'], ['name', 'n'], ['value', 'v']]),
        ])(),
      );
    } else {
      plain += part;
    }
  }
  if (plain !== '') nodes.push(text(plain));
  return nodes;
}

// ---------------------------------------------------------------------------------------------
// Shared pieces of a dispatch

/**
 * The paragraphs as shown: the first with its dateline in front (glued, as Korean pages print it,
 * or after a space), the last with its end marker (or the marker as a paragraph of its own), and
 * a stamp glued after the marker when the story says so.
 */
function bodyTexts(story) {
  const paragraphs = story.paragraphs.slice();
  if (story.dateline) paragraphs[0] = paragraphs[0] === '' ? story.dateline : `${story.dateline}${story.datelineGlued ? '' : ' '}${paragraphs[0]}`;
  if (story.endMarker === 'own-line') paragraphs.push('-0-');
  else if (story.endMarker) paragraphs[paragraphs.length - 1] += story.endMarker;
  return paragraphs;
}

/** Whether the stamp is written after the end marker, in the last paragraph. */
const stampGlued = (story) => Boolean(story.stamp && story.stampGlued && story.endMarker);
/** The stamp when it stands on its own. */
const ownStamp = (story) => (story.stamp && !stampGlued(story) ? story.stamp : null);

/** Paragraphs as `<p>`s, or as one `<p>` with `<br />` (once or twice) between them; `tail` ends the last. */
function paragraphNodes(texts, mode, o, r, leaderTag, tail = null) {
  // Old pages wrap the whole body in a <font>: an inline element holding blocks, which a browser allows.
  if (mode === 'p' && o.inline && r.chance(0.2)) return [el('font', [['face', 'Arial']], paragraphNodes(texts, mode, { ...o, inline: false }, r, leaderTag, tail))];
  if (mode === 'p') return texts.map((t, i) => [slot('block'), el('p', [], richText(t, o, r, leaderTag), i === texts.length - 1 ? tail : null)]);
  const children = [];
  texts.forEach((t, i) => {
    if (i > 0) children.push(el('br', []), mode === 'brbr' ? el('br', []) : null);
    children.push(richText(t, o, r, leaderTag));
  });
  return [el('p', [], children, tail)];
}

/** The paragraphs' text with a glued stamp at the end of the last. */
function gluedText(texts, story) {
  return stampGlued(story) ? [...texts.slice(0, -1), `${texts.at(-1)} ${story.stamp}`] : texts;
}

/** The text lines of paragraphs as a browser shows them: blank lines between `<p>`s and doubled `<br>`s. */
function paragraphLines(texts, mode) {
  const lines = [];
  texts.forEach((t, i) => {
    if (i > 0 && mode !== 'br') lines.push('');
    lines.push(t);
  });
  return lines;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const pad2 = (n) => String(n).padStart(2, '0');
const weekday = ({ year, month, day }) => WEEKDAYS[new Date(Date.UTC(year, month - 1, day)).getUTCDay()];

function resolveOptions(options = {}) {
  const random = options.random ?? seededRandom(1);
  const r = helpers(random);
  const o = {
    furniture: options.furniture ?? 0,
    attributes: options.attributes ?? false,
    entities: options.entities ?? 0,
    paragraphs: options.paragraphs ?? 'p',
    whitespace: typeof options.whitespace === 'boolean' ? (options.whitespace ? 0.5 : 0) : (options.whitespace ?? 0),
    tagCase: options.tagCase ?? 'as-written',
    eol: options.eol ?? '\n',
    inline: options.inline ?? false,
    optionalTags: options.optionalTags ?? false,
    rawNbsp: false,
  };
  if (o.paragraphs === 'random') o.paragraphs = r.pick(['p', 'br', 'brbr']);
  if (o.eol === 'random') o.eol = r.pick(['\n', '\r\n']);
  if (o.tagCase === 'random') o.tagCase = r.pick(['as-written', 'lower', 'upper', 'mixed']);
  o.rawNbsp = r.chance(0.3);
  return { o, r };
}

function finish(nodes, o, r) {
  let html = serialize(nodes, o, r, 0, true).replace(/^\s+/u, '');
  if (!html.endsWith('\n')) html += '\n';
  return o.eol === '\r\n' ? html.replace(/\r?\n/gu, '\r\n') : html;
}

// ---------------------------------------------------------------------------------------------
// kcna.kp, /article/q/<hex>.kcmsf (fixtures/html-kcna-kp-article)

const KCNA_KP_MENU = ['Home', "WPK General Secretary Kim Jong Un's Revolutionary Activities", 'Revolutionary Anecdote', 'Always in Memory of People', 'Latest News', 'Top News', 'Home News', 'Documents', 'World', 'Society-Life', 'External', 'News Commentary', 'Photo', 'Video'];
const LANGUAGES = [['kp', '조선어'], ['en', 'English'], ['cn', '中国语'], ['ru', 'Русский'], ['es', 'Español'], ['jp', '日本語']];

function kcnaKp(page, o, r) {
  const mode = o.paragraphs;
  const texts = bodyTexts(page);
  const langLinks = LANGUAGES.map(([code, name]) => el('a', [['href', `/${code}`], ['class', code === 'en' ? 'lang-link active' : 'lang-link'], ['lang', code]], text(name)));
  const menu = (cls) => el('ul', cls ? [['class', cls]] : [['style', 'text-align:center']], KCNA_KP_MENU.map((item, i) => el('li', i === 0 ? [['class', 'first']] : [], el('a', [['href', i === 0 ? '/en' : `/en/category/articles/q/${(i * 7919).toString(16).padStart(32, '0')}.kcmsf`]], richText(item, o, r)))), slot('menu'));
  const body = [
    el('div', [['class', 'content-wrapper']],
      paragraphNodes(texts, mode, o, r, 'span', stampGlued(page) ? [text(' '), el('span', [['class', 'publish-time', "'"]], text(page.stamp))] : null),
      ownStamp(page) ? [text(' '), el('span', [['class', 'publish-time', "'"]], text(page.stamp))] : null,
      slot('block'),
    ),
  ];
  const html = [
    raw('<!DOCTYPE html>'),
    el('html', [],
      el('head', [],
        el('meta', [['charset', 'utf-8']]),
        el('meta', [['http-equiv', 'X-UA-Compatible'], ['content', 'IE=edge']]),
        el('title', [], text(`KCNA | Article | ${page.title ?? ''}`)),
        el('link', [['href', '/resources/css/common.css'], ['rel', 'stylesheet'], ['type', 'text/css']]),
        el('script', [['type', 'text/javascript'], ['src', '/resources/js/jquery-1.11.3.min.js']]),
        el('script', [['type', 'text/javascript']], raw('\n\tvar jsLangCode = "en";\n')),
        slot('head'),
      ),
      el('body', [['id', 'top'], ['class', 'en article']],
        el('div', [['class', 'mobile-bar col-md-12 col-sm-12']],
          el('div', [['class', 'home']], el('a', [['href', '/en'], ['class', 'kcna-link']], el('i', [['class', 'fa fa-home']]))),
          el('div', [['class', 'drop-list-lang']], el('i', [['class', 'fa fa-language']]), el('div', [['class', 'content']], langLinks)),
          el('div', [['class', 'drop-list-category']], el('i', [['class', 'fa fa-bars']]), el('div', [['class', 'content']], menu(null))),
        ),
        el('div', [['class', 'main-container']],
          el('div', [['class', 'header page-header row']],
            el('div', [['class', 'col-md-5 col-sm-12 col-xs-12']], el('a', [['href', '/en'], ['class', 'kcna-link']], el('img', [['class', 'kcna-logo'], ['src', '/resources/images/logo_en.png'], ['border', '0'], ['alt', 'KCNA']]))),
            el('div', [['class', 'col-md-7 col-sm-12 col-xs-12']],
              el('div', [['class', 'row']],
                el('div', [['class', 'text-right language-bar']], langLinks),
                el('div', [['class', 'clearfix']]),
                el('form', [['class', 'search-form form-inline'], ['method', 'post'], ['action', '/en/search/articles.kcmsf']],
                  el('div', [['class', 'search-div']], el('input', [['type', 'text'], ['class', 'search-text col-md-6'], ['name', 'query'], ['value', ''], ['placeholder', 'Search']]), el('span', [['class', 'warningtxt hide']], text('Characters not allowed: < > /'))),
                ),
                el('div', [['class', 'menu-container']], el('div', [['class', 'menu-block']], el('ul', [['class', 'nav-menu']], ['Home', 'Article', 'Photo', 'Video'].map((item) => el('li', [], el('nobr', [], el('a', [['href', '/en']], text(item))))), slot('menu')))),
                slot('outside'),
              ),
            ),
          ),
          el('div', [['class', 'col-md-12 col-sm-12 col-xs-12 article-container']],
            el('div', [['class', 'article-content-title']], el('div', [['class', 'article-main-title']], el('strong', [], richText(page.title ?? '', o, r)))),
            el('div', [['class', 'media-icon']], el('a', [['href', '/en/media/photo/q/e0cd3f4be4bb75ea.kcmsf']], el('i', [['class', 'fa fa-camera']]))),
            el('div', [['class', 'article-content-body']], body),
            el('div', [['class', 'goback-wrapper text-right']], el('a', [['class', 'goback'], ['href', '#']], el('i', [['class', 'fa fa-reply']]))),
          ),
        ),
        el('div', [['class', 'footer page-footer']],
          el('div', [['class', 'container signup-hide']], el('div', [['class', 'row footer-menu-container']], el('div', [['class', 'col-md-12']], el('div', [['class', 'col-md-12 menu-block']], menu('nav-menu first-line'))))),
          slot('outside'),
        ),
        el('div', [['class', 'footer-container']], el('div', [['class', 'container']], el('div', [['class', 'copy-right col-md-12 col-sm-12 lang-link-kp']], text('Copyright © 2000-2025 by KCNA')))),
        el('div', [['class', 'scroll-to-top']], el('i', [['class', 'fa fa-long-arrow-up']])),
        slot('block'),
      ),
    ),
  ];
  const lines = [];
  if (page.title) lines.push(page.title, '');
  lines.push(...paragraphLines(gluedText(texts, page), mode));
  if (ownStamp(page)) lines.push(page.stamp);
  return { nodes: html, lines };
}

// ---------------------------------------------------------------------------------------------
// kcna.kp, /article/detail/<hex> (fixtures/html-kcna-kp-detail)

const KCNA_KP_2026_MENU = ["WPK General Secretary Kim Jong Un's Revolutionary Activities", 'Revolutionary Anecdote', 'Always in Memory of People', 'Latest News', 'Top News', 'Home News', 'Documents', 'World', 'Social Life', 'External', 'Photo'];

function kcnaKp2026(page, o, r) {
  const mode = o.paragraphs;
  const texts = bodyTexts(page);
  const menu = (cls, item) => el('ul', [['class', cls]], KCNA_KP_2026_MENU.map((name, i) => el('li', item ? [['class', 'nav-item']] : [], el('a', item ? [['class', 'nav-link'], ['href', `/en/article/list/${(i * 104729).toString(16).padStart(32, '0')}`]] : [['href', `/en/article/list/${(i * 104729).toString(16).padStart(32, '0')}`]], richText(name, o, r, 'august_name')))), slot('menu'));
  const html = [
    raw('<!DOCTYPE html>'),
    el('html', [['lang', 'en']],
      el('head', [],
        el('meta', [['charset', 'UTF-8']]),
        el('meta', [['name', 'viewport'], ['content', 'width=device-width, initial-scale=1.0']]),
        el('title', [], text(`KCNA | ${page.title ?? ''}`)),
        el('link', [['rel', 'stylesheet'], ['href', '/css/style.css']]),
        slot('head'),
      ),
      el('body', [],
        el('header', [],
          el('div', [['class', 'container']],
            el('div', [['class', 'row']],
              el('div', [['class', 'col-md-4']], el('a', [['href', '/en']], el('img', [['src', '/images/logo_en.png'], ['alt', 'KCNA']]))),
              el('div', [['class', 'col-md-8 text-end']],
                el('div', [['class', 'lang']], LANGUAGES.map(([code, name]) => el('a', code === 'en' ? [['href', `/${code}`], ['class', 'active']] : [['href', `/${code}`]], text(name)))),
                el('form', [['action', '/en/search'], ['method', 'post']],
                  el('input', [['type', 'hidden'], ['name', '_csrf'], ['value', '3f1c9a6e-52b7-4d0e-9c41-8b2d7e6f0a95']]),
                  el('input', [['type', 'text'], ['name', 'keyword_all'], ['value', '']]),
                  el('button', [['type', 'submit']], el('i', [['class', 'fa fa-search']])),
                ),
              ),
            ),
            el('nav', [], menu('nav', true)),
            slot('outside'),
          ),
        ),
        el('main', [],
          el('article', [],
            el('div', [['class', 'container']],
              el('h1', [['class', 'text-center text-danger']], richText(page.title ?? '', o, r, 'august_name')),
              el('h1', [['class', 'text-center text-danger']]),
              paragraphNodes(texts, mode, o, r, 'august_name'),
              el('a', [['class', 'right_button gallery_button'], ['href', '/en/gallery/detail/0c845b7c01f726e8b02d2196d5ca9e95']], el('i', [['class', 'fa fa-camera']])),
              slot('block'),
            ),
          ),
        ),
        el('footer', [], el('div', [['class', 'container']], menu('footer-menu', false), el('div', [['class', 'text-center']], text('Copyright © 2000-2026 by KCNA')), slot('outside'))),
        el('script', [['src', '/js/jquery.min.js']]),
        slot('block'),
      ),
    ),
  ];
  const lines = [];
  if (page.title) lines.push(page.title, '');
  lines.push(...paragraphLines(texts, mode));
  return { nodes: html, lines };
}

// ---------------------------------------------------------------------------------------------
// kcnawatch.org, 2024 template with its sidebar (fixtures/html-kcnawatch-kcna-kp)

function kcnawatch2024(page, o, r) {
  const mode = o.paragraphs;
  const texts = bodyTexts(page);
  const captured = page.capturedOn;
  const mirror = page.mirror ?? 'KCNA.kp (En)';
  const source = page.source ?? mirror;
  const slug = (page.title ?? 'article').toLowerCase().replace(/[^a-z0-9]+/gu, '-').replace(/^-|-$/gu, '') || 'article';
  const url = `https://kcnawatch.org/newstream/1765780270-538917264/${slug}/`;
  const header = el('div', [['class', 'article-header']],
    captured
      ? el('div', [['class', 'article-top-date']], el('span', [['class', 'date-long']], text(`${MONTHS[captured.month - 1]} ${pad2(captured.day)}, ${captured.year}`)), el('span', [['class', 'date-short']], text(`${SHORT[captured.month - 1]} ${pad2(captured.day)}, ${captured.year}`)))
      : null,
    el('div', [['class', 'article-source-tag']], el('span', [['class', 'agency-tag']], text('KCNA')), text(' '), el('a', [['href', 'https://kcnawatch.org/article/163/'], ['class', 'source-tag']], text(mirror))),
    slot('block'),
    el('h1', [['class', 'article-title']], permalink(page.title, o, r)),
    slot('block'),
    page.pageDate === null ? null : el('div', [['class', 'article-source-line']], text(`Date: ${pageDateText(page.pageDate)} | Source: ${source} | `), el('a', [['href', 'http://www.kcna.kp/en/article/q/8b1f0c2e9d7a4e36.kcmsf'], ['target', '_blank'], ['rel', 'nofollow noopener']], text('Read original version at source'))),
  );
  const content = el('div', [['class', 'article-content']], paragraphNodes(texts, mode, o, r, 'span', stampGlued(page) ? text(` ${page.stamp}`) : null), ownStamp(page) ? el('p', [], text(page.stamp)) : null, slot('block'));
  const teasers = page.teasers ?? null;
  const entries = (teasers?.entries ?? []).map((entry, i) =>
    el('div', [['class', 'article-desc']],
      el('div', [['class', 'row']],
        el('div', [['class', 'col-sm-12']],
          el('h4', [], el('a', [['href', `https://kcnawatch.org/newstream/17723${i}2811-204718356/`]], entry.title ? richText(entry.title, o, r) : [])),
          el('div', [['class', 'article-hover']], el('h5', [], entry.title ? richText(entry.title, o, r) : []), el('p', [], richText(entry.text, o, r))),
          entry.date === null ? null : el('p', [['class', 'articled-date']], el('i', [['class', 'fa fa-clock-o']]), text(' '), el('span', [], text(longDate(entry.date)))),
          el('p', [['class', 'article-excerpt']], richText(entry.text, o, r)),
        ),
      ),
    ),
  );
  const sidebar = teasers
    ? el('aside', [['id', 'secondary'], ['class', 'widget-area col-md-4']],
        el('div', [['class', 'more-from']],
          el('h3', [['class', 'more-from-title']], text(teasers.heading)),
          el('div', [['id', 'more-from-list'], ['class', 'more-from-list'], ['data-source', '163']], entries.map((entry) => [slot('block'), entry])),
          teasers.closing ? el('a', [['href', '#'], ['class', 'btn btn-default more-articles'], ['data-source', '163'], ['data-from', String(entries.length)]], text('More Articles')) : null,
        ),
      )
    : null;
  const html = [
    raw('<!DOCTYPE html>'),
    el('html', [['lang', 'en-US']],
      el('head', [],
        el('meta', [['charset', 'UTF-8']]),
        el('meta', [['name', 'viewport'], ['content', 'width=device-width, initial-scale=1']]),
        comment(' This site is optimized with the Yoast SEO plugin v21.9.1 - https://yoast.com/wordpress/plugins/seo/ '),
        el('title', [], text(`${page.title ?? ''} | KCNA Watch`)),
        el('link', [['rel', 'canonical'], ['href', url]], null),
        el('meta', [['property', 'og:url'], ['content', url]]),
        el('meta', [['property', 'og:site_name'], ['content', 'KCNA Watch']]),
        el('script', [['type', 'text/javascript']], raw('\n/* <![CDATA[ */\nwindow._wpemojiSettings = {"baseUrl":"https:\\/\\/s.w.org\\/images\\/core\\/emoji\\/14.0.0\\/72x72\\/"};\n/* ]]> */\n')),
        el('style', [['id', 'wp-emoji-styles-inline-css', "'"], ['type', 'text/css', "'"]], raw('\n\timg.wp-smiley, img.emoji { display: inline !important; }\n')),
        el('link', [['rel', 'stylesheet', "'"], ['id', 'kcnawatch-style-css', "'"], ['href', 'https://kcnawatch.org/wp-content/themes/kcnawatch/style.css?ver=2.8.4', "'"], ['type', 'text/css', "'"], ['media', 'all', "'"]]),
        slot('head'),
      ),
      el('body', [['class', 'newstream-template-default single single-newstream postid-2231847 wp-embed-responsive']],
        el('div', [['id', 'page'], ['class', 'site']],
          el('a', [['class', 'skip-link screen-reader-text'], ['href', '#content']], text('Skip to content')),
          el('div', [['class', 'top-bar']],
            el('div', [['class', 'container']],
              el('ul', [['class', 'network-links']], el('li', [], el('a', [['href', 'https://www.nknews.org/'], ['target', '_blank']], text('NK News'))), el('li', [], el('a', [['href', 'https://www.nknews.org/pro/'], ['target', '_blank']], text('NK Pro'))), el('li', [['class', 'active']], el('a', [['href', 'https://kcnawatch.org/']], text('KCNA Watch'))), slot('menu')),
              el('div', [['class', 'top-bar-account']], el('a', [['href', 'https://kcnawatch.org/free-member-form/'], ['class', 'free-member-link']], text('Sign up')), text(' | '), el('a', [['href', 'https://kcnawatch.org/wp-login.php'], ['class', 'login-link']], text('Log in'))),
            ),
          ),
          el('header', [['id', 'masthead'], ['class', 'site-header']],
            el('div', [['class', 'container']],
              el('div', [['class', 'site-branding']], el('a', [['href', 'https://kcnawatch.org/'], ['rel', 'home']], el('img', [['src', 'https://kcnawatch.org/wp-content/themes/kcnawatch/images/kcnawatch-logo.png'], ['alt', 'KCNA Watch'], ['width', '260'], ['height', '48']]))),
              el('nav', [['id', 'site-navigation'], ['class', 'main-navigation']],
                el('button', [['class', 'menu-toggle'], ['aria-controls', 'primary-menu'], ['aria-expanded', 'false']], el('i', [['class', 'fa fa-bars']])),
                el('div', [['class', 'menu-main-menu-container']], el('ul', [['id', 'primary-menu'], ['class', 'menu']], ['Newstream', 'KCTV Archive', 'KCTV Livestream', 'KCNA', 'Rodong Sinmun', 'Pyongyang Times'].map((item, i) => el('li', [['id', `menu-item-${31 + i}`], ['class', `menu-item menu-item-type-custom menu-item-object-custom menu-item-${31 + i}`]], el('a', [['href', `https://kcnawatch.org/${item.toLowerCase().replace(/ /gu, '-')}/`]], text(item)))), slot('menu'))),
              ),
              el('form', [['role', 'search'], ['method', 'get'], ['class', 'search-form'], ['action', 'https://kcnawatch.org/']],
                el('label', [], el('span', [['class', 'screen-reader-text']], text('Search for:')), el('input', [['type', 'search'], ['class', 'search-field'], ['placeholder', 'Search …'], ['value', ''], ['name', 's']])),
                el('button', [['type', 'submit'], ['class', 'search-submit']], el('i', [['class', 'fa fa-search']])),
              ),
            ),
            slot('outside'),
          ),
          comment(' #masthead '),
          el('div', [['id', 'content'], ['class', 'site-content']],
            el('div', [['class', 'container']],
              el('div', [['class', 'row']],
                el('div', [['id', 'primary'], ['class', 'content-area col-md-8']],
                  el('main', [['id', 'main'], ['class', 'site-main']],
                    el('article', [['id', 'post-2231847'], ['class', 'post-2231847 newstream type-newstream status-publish hentry']],
                      header,
                      content,
                      el('div', [['class', 'article-share']],
                        el('a', [['class', 'share-twitter'], ['href', 'https://twitter.com/intent/tweet?url=x'], ['target', '_blank'], ['title', 'Share on Twitter']], el('i', [['class', 'fa fa-twitter']])),
                        el('a', [['class', 'share-facebook'], ['href', 'https://www.facebook.com/sharer/sharer.php?u=x'], ['target', '_blank'], ['title', 'Share on Facebook']], el('i', [['class', 'fa fa-facebook']])),
                      ),
                      slot('outside'),
                    ),
                    comment(' #post-2231847 '),
                  ),
                ),
                sidebar,
              ),
            ),
          ),
          el('footer', [['id', 'colophon'], ['class', 'site-footer']],
            el('div', [['class', 'container']],
              el('div', [['class', 'footer-links']], ['About', 'Terms of Use', 'Privacy Policy', 'Contact'].map((item) => el('a', [['href', `https://kcnawatch.org/${item.toLowerCase().replace(/ /gu, '-')}/`]], text(item)))),
              el('div', [['class', 'site-info']], text('© 2026 Korea Risk Group. KCNA Watch is a service of NK News and NK Pro.')),
              slot('outside'),
            ),
          ),
        ),
        el('div', [['id', 'free-member-popup'], ['class', 'free-member-popup'], ['style', 'display:none;']],
          el('div', [['class', 'free-member-popup-inner']], el('a', [['href', '#'], ['class', 'free-member-popup-close']], text('×')), el('p', [], text('Create a free account to keep reading KCNA Watch.'))),
        ),
        el('script', [['type', 'text/javascript'], ['src', 'https://kcnawatch.org/wp-content/themes/kcnawatch/js/main.js?ver=2.8.4'], ['id', 'kcnawatch-main-js']]),
        slot('block'),
      ),
    ),
  ];
  const lines = [];
  if (captured) lines.push(`${MONTHS[captured.month - 1]} ${pad2(captured.day)}, ${captured.year}${SHORT[captured.month - 1]} ${pad2(captured.day)}, ${captured.year}`);
  lines.push(`KCNA ${mirror}`, page.title ?? '');
  if (page.pageDate !== null) lines.push(`Date: ${pageDateText(page.pageDate)} | Source: ${source} | Read original version at source`);
  lines.push('');
  lines.push(...paragraphLines(gluedText(texts, page), mode));
  if (ownStamp(page)) lines.push('', page.stamp);
  if (teasers) {
    lines.push(teasers.heading);
    for (const entry of teasers.entries) {
      if (entry.title) lines.push(entry.title, entry.title);
      lines.push(entry.text, ...(entry.date === null ? [] : [longDate(entry.date)]), entry.text);
    }
    if (teasers.closing) lines.push('More Articles');
  }
  return { nodes: html, lines };
}

/** A WordPress title: its text, or (with options.inline, now and then) a link to the post holding it. */
function permalink(title, o, r) {
  const nodes = richText(title ?? '', o, r);
  return o.inline && r.chance(0.3) ? [el('a', [['href', 'https://kcnawatch.org/newstream/1765780270-538917264/'], ['rel', 'bookmark']], nodes)] : nodes;
}

function pageDateText(date) {
  return `${pad2(date.day)}/${pad2(date.month)}/${date.year}`;
}

function longDate(date) {
  return `${MONTHS[date.month - 1]} ${pad2(date.day)}, ${date.year}`;
}

// ---------------------------------------------------------------------------------------------
// kcnawatch.org, 2019 template (fixtures/html-kcnawatch-2019)

export const NEWSLETTER = ['Get North Korea headlines delivered to your inbox daily', "Subscribe to the NK News 'Daily Update' newsletter for the latest news"];

function kcnawatch2019(page, o, r) {
  const mode = o.paragraphs;
  const texts = bodyTexts(page);
  const source = page.source ?? '(En)';
  const url = 'https://kcnawatch.org/newstream/1552633417-681257243/parliamentary-delegation-of-laos-arrives/';
  const html = [
    raw('<!DOCTYPE html>'),
    el('html', [['lang', 'en-US']],
      el('head', [],
        el('meta', [['charset', 'UTF-8']]),
        el('title', [], text(`${page.title ?? ''} | KCNA Watch`)),
        el('link', [['rel', 'canonical'], ['href', url]]),
        el('meta', [['property', 'og:url'], ['content', url]]),
        el('script', [['type', 'text/javascript']], raw("\n\tvar _gaq = _gaq || [];\n\t_gaq.push(['_setAccount', 'UA-38374652-2']);\n")),
        el('style', [['type', 'text/css']], raw('\nimg.wp-smiley,\nimg.emoji {\n\tdisplay: inline !important;\n}\n')),
        slot('head'),
      ),
      el('body', [['class', 'newstream-template-default single single-newstream postid-1296528']],
        el('div', [['class', 'header']],
          el('div', [['class', 'container']],
            el('div', [['class', 'row']],
              el('div', [['class', 'col-sm-4 logo']], el('a', [['href', 'https://kcnawatch.org/']], el('img', [['src', 'https://kcnawatch.org/wp-content/themes/kcnawatch/images/logo.png'], ['alt', 'KCNA Watch']]))),
              el('div', [['class', 'col-sm-8 main-menu']], el('ul', [], ['Newstream', 'KCTV Livestream', 'KCTV Archive', 'Pyongyang Times'].map((item) => el('li', [], el('a', [['href', `https://kcnawatch.org/${item.toLowerCase().replace(/ /gu, '-')}/`]], text(item)))), slot('menu'))),
            ),
            slot('outside'),
          ),
        ),
        el('div', [['class', 'container single-article']],
          el('div', [['class', 'row']],
            el('div', [['class', 'col-md-8 col-md-offset-2 article-wrapper']],
              el('h1', [['class', 'article-title']], permalink(page.title, o, r)),
              el('p', [['class', 'article-date']], text(`Date: ${pageDateText(page.pageDate)} | Source: ${source} | `), el('a', [['href', 'http://www.kcna.co.jp/item/2019/201903/news15/20190315-03ee.html'], ['target', '_blank']], text('Read original version at source'))),
              el('div', [['class', 'share-button']],
                el('a', [['href', 'javascript:void(0);'], ['class', 'share-toggle']], text('Share Button')),
                el('div', [['class', 'share-options'], ['style', 'display:none;']], el('a', [['href', 'https://twitter.com/share?url=x'], ['target', '_blank']], el('i', [['class', 'fa fa-twitter']]))),
              ),
              el('div', [['class', 'article-content']], paragraphNodes(texts, mode, o, r), slot('block')),
              el('div', [['class', 'newsletter-box']],
                el('h4', [], text(NEWSLETTER[0])),
                el('p', [], text(NEWSLETTER[1])),
                el('form', [['action', 'https://nknews.us2.list-manage.com/subscribe/post?u=1f5c0a3b9d&id=4e2b7c9a11'], ['method', 'post'], ['target', '_blank']],
                  el('input', [['type', 'email'], ['name', 'EMAIL'], ['class', 'form-control'], ['placeholder', 'Email address']]),
                  el('input', [['type', 'submit'], ['value', 'Subscribe'], ['class', 'btn btn-primary']]),
                ),
              ),
              slot('outside'),
            ),
          ),
        ),
        el('div', [['class', 'footer']],
          el('div', [['class', 'container']],
            el('div', [['class', 'row']],
              el('div', [['class', 'col-sm-6 footer-menu']], el('ul', [], ['About KCNA Watch', 'NK News', 'NK Pro', 'Terms of Use'].map((item) => el('li', [], el('a', [['href', 'https://kcnawatch.org/about/']], text(item)))), slot('menu'))),
              el('div', [['class', 'col-sm-6 text-right']], el('p', [], text('© 2019 Korea Risk Group. All rights reserved.'))),
            ),
          ),
        ),
        el('script', [['type', 'text/javascript', "'"], ['src', 'https://kcnawatch.org/wp-content/themes/kcnawatch/js/main.js?ver=1.6.2', "'"]]),
        slot('block'),
      ),
    ),
  ];
  const lines = [page.title ?? '', `Date: ${pageDateText(page.pageDate)} | Source: ${source} | Read original version at source`, 'Share Button', ''];
  lines.push(...paragraphLines(texts, mode));
  lines.push('', ...NEWSLETTER);
  return { nodes: html, lines };
}

// ---------------------------------------------------------------------------------------------
// kcna.co.jp daily pages (fixtures/html-kcna-co-jp-daily-1999, -2003)

const NBSP = '\u00a0';

function anchorsOf(page) {
  return page.stories.map((story, i) => {
    if (story.anchor) return story.anchor;
    if (page.anchors === 'numeric') return String(i + 1);
    const { month, day } = page.date ?? { month: 9, day: 14 };
    return `e${pad2(month)}${pad2(day)}${pad2(i + 1)}`;
  });
}

function kcnaCoJpDaily(page, o, r) {
  const era = page.era ?? 1999;
  const anchors = anchorsOf(page);
  const upper = era === 1999;
  const T = (name) => (upper ? name.toUpperCase() : name);
  const A = (attrs) => attrs.map(([name, value, quote]) => [upper ? name.toUpperCase() : name, value, quote]);
  const storyNodes = [];
  const lines = [];
  page.stories.forEach((story, k) => {
    const texts = bodyTexts(story);
    if (k > 0 && era !== 1999) storyNodes.push(el(T('hr'), A([['size', '1'], ['noshade', null]])), el(T('br'), []));
    const title = el(T('b'), [], el(T('font'), A(era === 1999 ? [['size', '4'], ['color', '#000080']] : [['size', '3'], ['color', '#000066']]), richText(story.title ?? '', o, r)));
    // The anchor before the title, or (as many pages write it) around it.
    if (o.inline && r.chance(0.5)) storyNodes.push(el(T('a'), A([['name', anchors[k]]]), title));
    else storyNodes.push(el(T('a'), A([['name', anchors[k]]])), title);
    storyNodes.push(el(T('br'), []), el(T('br'), []));
    texts.forEach((t, i) => {
      const indent = era === 1999 ? (i === 0 ? (story.indent ?? 3) : 4) : 4;
      storyNodes.push(text(NBSP.repeat(indent)), richText(t, o, r), el(T('br'), []));
    });
    storyNodes.push(el(T('br'), []));
    if (k > 0) lines.push('');
    lines.push(story.title ?? '', '');
    texts.forEach((t, i) => lines.push(`${NBSP.repeat(era === 1999 ? (i === 0 ? (story.indent ?? 3) : 4) : 4)}${t}`));
  });
  const headlines = page.headlines ?? era === 1999;
  const html =
    era === 1999
      ? [
          el('HTML', [],
            el('HEAD', [], el('TITLE', [], text('KCNA')), slot('head')),
            el('BODY', [['BGCOLOR', '#FFFFFF'], ['TEXT', '#000000'], ['LINK', '#0000CC'], ['VLINK', '#660099'], ['ALINK', '#FF0000']],
              el('A', [['NAME', 'top']]),
              el('TABLE', [['WIDTH', '100%'], ['BORDER', '0'], ['CELLSPACING', '0'], ['CELLPADDING', '0']],
                el('TR', [], el('TD', [['ALIGN', 'CENTER']], el('A', [['HREF', '../../../../index-e.htm']], el('IMG', [['SRC', '../../../../images/kcna_e.gif'], ['WIDTH', '600'], ['HEIGHT', '64'], ['BORDER', '0'], ['ALT', 'Korean Central News Agency of DPRK']])))),
                el('TR', [], el('TD', [['ALIGN', 'CENTER']], el('FONT', [['FACE', 'Arial'], ['SIZE', '2']], el('A', [['HREF', '../../../../index-e.htm']], text('Home')), text(' | '), el('A', [['HREF', '../../../../index-k.htm']], text('Korean')), text(' | '), el('A', [['HREF', '../../../../item/calendar-e.htm']], text('Past news'))), slot('outside'))),
                el('TR', [],
                  el('TD', [],
                    el('TABLE', [['WIDTH', '640'], ['BORDER', '0'], ['CELLSPACING', '0'], ['CELLPADDING', '6'], ['ALIGN', 'CENTER']],
                      headlines ? el('TR', [], el('TD', [['BGCOLOR', '#EEEEEE']], el('FONT', [['FACE', 'Arial'], ['SIZE', '2']], page.stories.map((story, k) => [el('A', [['HREF', `#${anchors[k]}`]], text(story.title ?? '')), el('BR', [])])))) : null,
                      el('TR', [], el('TD', [], el('FONT', [['FACE', 'Times New Roman'], ['SIZE', '3']], storyNodes), slot('block'))),
                      el('TR', [], el('TD', [['ALIGN', 'RIGHT']], el('FONT', [['FACE', 'Arial'], ['SIZE', '2']], el('A', [['HREF', '#top']], text('Top'))))),
                    ),
                  ),
                ),
                el('TR', [], el('TD', [['ALIGN', 'CENTER']], el('HR', [['SIZE', '1'], ['WIDTH', '640'], ['NOSHADE', null]]), el('FONT', [['FACE', 'Arial'], ['SIZE', '1']], text('Korean Central News Agency of DPRK'), el('BR', []), el('A', [['HREF', 'mailto:kcna@kcna.co.jp']], text('kcna@kcna.co.jp'))))),
              ),
              slot('block'),
            ),
          ),
        ]
      : [
          comment(' saved from url=(0052)http://www.kcna.co.jp/item/2003/200301/news01/28.htm '),
          el('html', [],
            el('head', [], el('title', [], text('KCNA')), el('style', [['type', 'text/css']], raw('\n<!--\na:link { color: #0000cc; text-decoration: none }\ntd { font-family: "Times New Roman", serif; font-size: 12pt }\n-->\n')), slot('head')),
            el('body', [['bgcolor', '#ffffff'], ['text', '#000000'], ['leftmargin', '0'], ['topmargin', '0']],
              el('table', [['width', '100%'], ['border', '0'], ['cellspacing', '0'], ['cellpadding', '0']],
                el('tr', [], el('td', [['bgcolor', '#003399'], ['height', '60']], el('a', [['href', '../../../../index-e.htm']], el('img', [['src', '../../../../images/top_e.gif'], ['width', '500'], ['height', '60'], ['border', '0'], ['alt', 'KCNA']])))),
                el('tr', [], el('td', [['align', 'right'], ['bgcolor', '#ccccff']], el('font', [['face', 'Arial, Helvetica'], ['size', '2']], el('a', [['href', '../../../../index-e.htm']], text('Home')), text(' | '), el('a', [['href', '../../../../item/calendar-e.htm']], text('Past news')), text(`${NBSP}${NBSP}`)), slot('outside'))),
                el('tr', [],
                  el('td', [],
                    el('table', [['width', '680'], ['border', '0'], ['cellspacing', '0'], ['cellpadding', '8'], ['align', 'center']],
                      headlines ? el('tr', [], el('td', [['bgcolor', '#eeeeee']], page.stories.map((story, k) => [el('a', [['href', `#${anchors[k]}`]], text(story.title ?? '')), el('br', [])]))) : null,
                      el('tr', [], el('td', [], storyNodes, slot('block'))),
                    ),
                  ),
                ),
                el('tr', [], el('td', [['align', 'center']], el('hr', [['size', '1'], ['width', '680'], ['noshade', null]]), el('font', [['face', 'Arial, Helvetica'], ['size', '1']], text(`Korean Central News Agency of DPRK${NBSP}${NBSP}|${NBSP}${NBSP}`), el('a', [['href', '../../../../index-e.htm']], text('Home'))), el('br', []), el('br', []))),
              ),
              slot('block'),
            ),
          ),
        ];
  return { nodes: html, lines, anchors };
}

// ---------------------------------------------------------------------------------------------
// kcna.co.jp KNS article pages (fixtures/html-kcna-co-jp-kns-2010, -2018-htm)

export const KNS_COPYRIGHT = 'Copyright (C) KOREA NEWS SERVICE(KNS) All Rights Reserved.';

function calendarWords(page) {
  const { year, month, day } = page.calendar;
  return { month: MONTHS[month - 1], day: `${day}.`, year: `${year} ${page.jucheWord ?? 'Juche'} ${year - 1911}` };
}

function kcnaCoJpKns(page, o, r) {
  const variant = page.variant ?? 2010;
  const texts = bodyTexts(page);
  const c = calendarWords(page);
  const calendarText = `calendar>>${c.month} ${c.day} ${c.year}`;
  // The body: source lines with nothing between them (one paragraph in a browser), or <br>s.
  const breaks = page.bodyBreaks ?? 'newline';
  const body = [];
  texts.forEach((t, i) => {
    if (i > 0) body.push(breaks === 'br' ? [el('br', []), text('\n')] : text('\n'));
    body.push(richText(t, o, r));
  });
  const shownBody = breaks === 'br' ? texts : [texts.join(' ')];
  const rows =
    variant === 2010
      ? [
          el('tr', [], el('td', [], el('a', [['href', '../../../../index-e.htm']], el('img', [['src', '../../../../images/top_e.jpg'], ['width', '700'], ['height', '80'], ['border', '0'], ['alt', 'KCNA']])))),
          el('tr', [], el('td', [['class', 'date'], ['height', '24']], el('a', [['href', '../../calendar-2010e.html']], text('calendar>>')), text(`${c.month} ${c.day} ${c.year}`))),
          el('tr', [], el('td', [], el('hr', [['size', '1'], ['noshade', null]]))),
          el('tr', [], el('td', [['class', 'title']], richText(page.title ?? '', o, r), el('br', []))),
          el('tr', [], el('td', [], text(NBSP))),
          el('tr', [], el('td', [['class', 'content']], body)),
          el('tr', [], el('td', [], el('hr', [['size', '1'], ['noshade', null]]))),
          el('tr', [], el('td', [['class', 'copy'], ['align', 'center']], text(KNS_COPYRIGHT), el('br', []))),
        ]
      : [
          el('tr', [], el('td', [], el('img', [['src', '../../../../images/head_e.jpg'], ['width', '760'], ['height', '90'], ['alt', '']]))),
          el('tr', [],
            el('td', [['bgcolor', '#1f3f7f'], ['class', 'menu']],
              el('table', [['width', '100%', ''], ['border', '0', ''], ['cellspacing', '0', ''], ['cellpadding', '0', '']],
                el('tr', [],
                  el('td', [], el('a', [['href', '../../../../index-e.htm']], text('HOME')), text(`${NBSP}|${NBSP}`), el('a', [['href', '../../../../index-k.htm']], text('KOREAN')), text(`${NBSP}|${NBSP}`), el('a', [['href', '../../../../index-s.htm']], text('SPANISH'))),
                  el('td', [['align', 'right', '']], el('a', [['href', '../../calendar-2018e.html']], text('CALENDAR'))),
                ),
              ),
              slot('outside'),
            ),
          ),
          el('tr', [], el('td', [], el('a', [['href', '../../calendar-2018e.html']], el('b', [], text('calendar>>'))), el('b', [], text(c.month)), text(' '), el('b', [], text(c.day)), text(' '), el('b', [], text(c.year)))),
          el('tr', [], el('td', [], el('b', [], el('font', [['size', '4', ''], ['color', '#003366']], richText(page.title ?? '', o, r))))),
          el('tr', [], el('td', [], el('hr', [['size', '1', ''], ['noshade', null]]))),
          el('tr', [], el('td', [], text(NBSP))),
          el('tr', [], el('td', [], body)),
          el('tr', [], el('td', [], el('hr', [['size', '1', ''], ['noshade', null]]))),
          el('tr', [], el('td', [['align', 'center', '']], el('font', [['size', '1', '']], text(KNS_COPYRIGHT)))),
        ];
  const table = el('table', variant === 2010 ? [['width', '700'], ['border', '0'], ['align', 'center'], ['cellpadding', '0'], ['cellspacing', '0']] : [['border', '1', ''], ['cellspacing', '0', ''], ['cellpadding', '0', ''], ['width', '760', ''], ['align', 'center', ''], ['bordercolor', '#cccccc']], rows);
  const html = [
    el('html', [],
      el('head', [], el('title', [], text('KCNA')), el('style', [['type', 'text/css']], raw('\n<!--\ntd { font-family: Verdana, Arial, sans-serif; font-size: 10pt }\n-->\n')), slot('head')),
      el('body', [['bgcolor', '#ffffff']], variant === 2010 ? table : raw(`<htm>${serialize([table], o, r, 2, true)}`), slot('block')),
    ),
  ];
  const lines = [calendarText, page.title ?? '', '', ...shownBody, '', KNS_COPYRIGHT];
  return { nodes: html, lines };
}

// ---------------------------------------------------------------------------------------------
// Rodong Sinmun (fixtures/html-rodong-old, -new, -2025)

const FULL_WIDTH = (s) => s.replace(/[0-9]/gu, (d) => String.fromCharCode(0xff10 + Number(d)));

/** The date as each template prints it. */
export function rodongDateText(variant, date, options = {}) {
  const { year, month, day } = date;
  const abbreviation = month === 5 ? 'May' : month === 6 ? 'June' : month === 7 ? 'July' : `${SHORT[month - 1]}.`;
  if (variant === 'old') return `${abbreviation} ${day},${NBSP}Juche ${year - 1911} (${year})${NBSP}${NBSP}${weekday(date)}`;
  if (variant === 'new') return options.fullWidth ? `${FULL_WIDTH(String(year))}.${FULL_WIDTH(String(month))}.${FULL_WIDTH(String(day))}.` : `${year}.${month}.${day}.`;
  return `${abbreviation} ${day}, ${year} ${weekday(date)}`;
}

function rodong(variant) {
  return (page, o, r) => {
    const images = new Set(page.images ?? []);
    const paragraphs = page.paragraphs;
    const dateText = rodongDateText(variant, page.date, { fullWidth: page.fullWidthDate ?? false });
    let html;
    if (variant === 'old') {
      const justify = [['class', 'ArticleContent'], ['style', 'text-align:justify;text-justify:inter-ideograph']];
      const ps = [el('p', [['class', 'ArticleContent'], ['align', 'center']], el('font', [['style', 'color:#000080;font-weight:bold;font-size:18px;font-family:Verdana, Arial, sans-serif;']], richText(page.title ?? '', o, r, 'nobr')))];
      paragraphs.forEach((p, i) => {
        if (images.has(i)) ps.push(el('p', justify, text(NBSP)), el('p', [['class', 'ArticleContent'], ['style', 'text-align: center;']], el('img', [['src', `/article_contents_en/photo/${i}.jpg`], ['width', '700'], ['height', '466'], ['align', 'middle'], ['alt', '']])), el('p', justify, text(NBSP)));
        ps.push(el('p', justify, richText(p, o, r)));
      });
      if (page.byline) ps.push(el('p', [['class', 'ArticleContent'], ['align', 'right']], text(page.byline)));
      html = [
        el('html', [],
          el('head', [],
            el('meta', [['http-equiv', 'Content-Type'], ['content', 'text/html; charset=utf-8']]),
            el('title', [], text('Rodong Sinmun')),
            el('script', [['language', 'javascript']], raw(`\n\t\tvar myCalendar;\n\t\tfunction doOnLoad() { myCalendar.setDate("${page.date.year}-${pad2(page.date.month)}-${pad2(page.date.day)}"); }\n\t`)),
            slot('head'),
          ),
          el('body', [['onload', 'doOnLoad();']],
            el('center', [],
              el('div', [['class', 'ArticleHeaderContainer']],
                el('div', [['class', 'ArticleMenuContainer']], el('div', [['class', 'ArticleMenuDate']], text(dateText))),
                el('div', [['class', 'ArticleMarkContainer']], el('div', [['class', 'ArticleMark']], el('img', [['src', 'images/page_article_mark.PNG']]))),
                slot('outside'),
              ),
              el('style', [], raw('\n\tp {TEXT-INDENT: 5px;\tMARGIN-BOTTOM: 5px; MARGIN-TOP: 5px;LINE-HEIGHT: 180%;}\n')),
              el('br', []),
              el('table', [['width', '900'], ['height', '80%'], ['border', '0'], ['align', 'center'], ['cellpadding', '0'], ['cellspacing', '0']], el('tr', [], el('td', [['valign', 'top']], ps, slot('block')))),
              el('div', [['class', 'ArticleFooterContainer']], el('div', [['class', 'ArticleFooterCopy']], text(`Copyright @ ${page.date.year} by The Rodong Sinmun. All rights reserved.`))),
              el('BR', []),
            ),
          ),
        ),
      ];
    } else if (variant === 'new') {
      const ps = [];
      paragraphs.forEach((p, i) => {
        if (images.has(i)) ps.push(el('p', [['class', 'ArticleContent'], ['style', 'text-align:center;']], el('img', [['src', `./photo/${i}.jpg`], ['alt', '']])));
        ps.push(slot('block'), el('p', [['class', 'ArticleContent']], richText(p, o, r)));
      });
      html = [
        raw('<!DOCTYPE html>'),
        comment(' saved from url=(0078)http://www.rodong.rep.kp/en/index.php?MTJAMjAyMy0xMC0wOS1IMDA1QDNAMUBAMEA1QA== '),
        el('html', [['lang', 'en']],
          el('head', [], el('meta', [['http-equiv', 'Content-Type'], ['content', 'text/html; charset=UTF-8']]), el('title', [], text('Rodong Sinmun')), el('script', [['src', './js/common.js']]), slot('head')),
          el('body', [],
            el('div', [['class', 'top-bar']],
              el('div', [['class', 'container']],
                el('div', [['class', 'row']],
                  el('div', [['class', 'col-md-6 lang-links']], el('a', [['href', '../ko/index.php']], text('조선어')), text(' | '), el('a', [['href', '../en/index.php'], ['class', 'active']], text('English'))),
                  el('div', [['class', 'col-md-6 text-right']], el('form', [['class', 'search-form'], ['action', 'index.php'], ['method', 'get']], el('input', [['type', 'text'], ['name', 'keyword'], ['placeholder', 'Search']]), el('button', [['type', 'submit']], text('Search')))),
                ),
              ),
            ),
            el('div', [['class', 'container']],
              el('div', [['class', 'row header']],
                el('div', [['class', 'col-md-4']], el('a', [['href', 'index.php']], el('img', [['src', './images/logo_en.png'], ['alt', 'Rodong Sinmun']]))),
                el('div', [['class', 'col-md-8']], el('ul', [['class', 'nav main-menu']], ["Supreme Leader's Activities", 'Editorial & Articles', 'In DPRK', 'International', 'Photo', 'Video'].map((item) => el('li', [], el('a', [['href', 'index.php?MUBAMUAxQA==']], text(item)))), slot('menu'))),
              ),
              el('div', [['class', 'row']],
                el('div', [['class', 'col-md-9 article-area']],
                  el('div', [['class', 'col-sm-12 news_Title']], richText(page.title ?? '', o, r, 'nobr')),
                  el('div', [['class', 'news_Info']], el('span', [['class', 'NewsDate']], text(dateText)), text(' '), el('span', [['class', 'NewsWriter']], text('Rodong Sinmun'))),
                  el('div', [['class', 'news_Contents']], ps),
                  el('div', [['class', 'article-tools']], el('a', [['href', 'javascript:window.print();']], text('Print')), text(' | '), el('a', [['href', 'index.php?MUBAM0AxQA==']], text('List'))),
                ),
                el('div', [['class', 'col-md-3 side-area']], el('div', [['class', 'side-title']], text('Latest News')), el('div', [['id', 'NewsListDIV']], el('ul', [], el('li', [], el('a', [['href', 'index.php?x']], text('Autumn Harvest in Full Swing across Country')), el('span', [['class', 'news_date']], text('2023.10.9.'))))), slot('outside')),
              ),
            ),
            el('div', [['class', 'footer']], el('div', [['class', 'container text-center']], text('Copyright © 2023 by The Rodong Sinmun. All Rights Reserved.'))),
            slot('block'),
          ),
        ),
      ];
    } else {
      const ps = [el('p', [['class', page.titleClass ?? 'TitleP']], richText(page.title ?? '', o, r, 'nobr'))];
      paragraphs.forEach((p, i) => {
        if (images.has(i)) ps.push(el('p', [['class', 'TextP'], ['style', 'text-align:center;']], el('img', [['src', `./photo/${i}.jpg`], ['alt', '']])));
        ps.push(slot('block'), el('p', [['class', (page.marked ?? []).includes(i) ? 'MarkP' : 'TextP']], richText(p, o, r)));
      });
      if (page.byline) ps.push(el('p', [['class', 'WriterP']], text(page.byline)));
      html = [
        raw('<!DOCTYPE html>'),
        comment(' saved from url=(0074)http://www.rodong.rep.kp/en/index.php?MTJAMjAyNS0xMC0xMC0wMDZAM0AxQEAwQDNA '),
        el('html', [['lang', 'en']],
          el('head', [], el('meta', [['http-equiv', 'Content-Type'], ['content', 'text/html; charset=UTF-8']]), el('title', [], text('Rodong Sinmun')), el('script', [['src', './js/article.js']]), slot('head')),
          el('body', [],
            el('div', [['class', 'article-header']],
              el('div', [['class', 'container']],
                el('div', [['class', 'row']],
                  el('div', [['class', 'col-4']], el('a', [['href', 'index.php']], el('img', [['src', './images/logo_en.png'], ['alt', 'Rodong Sinmun']]))),
                  el('div', [['class', 'col-4 text-center']], el('div', [['id', 'article-date']], text(dateText))),
                  el('div', [['class', 'col-4 text-right lang-links']], el('a', [['href', '../ko/index.php']], text('조선어')), text(' '), el('a', [['href', '../cn/index.php']], text('中文'))),
                ),
              ),
              slot('outside'),
            ),
            el('div', [['class', 'article-control']],
              el('div', [['class', 'container']],
                el('button', [['type', 'button'], ['id', 'btnPrev'], ['class', 'btn btn-light'], ['onclick', 'goArticle(-1)']], text('<')),
                text(' '),
                el('span', [['id', 'articleNum']], text('3 / 41')),
                text(' '),
                el('button', [['type', 'button'], ['id', 'btnNext'], ['class', 'btn btn-light'], ['onclick', 'goArticle(1)']], text('>')),
              ),
            ),
            el('div', [['id', 'articleContent'], ['class', 'article-content'], ['style', 'display: block;']], el('div', [['class', 'container'], ['id', 'ContDIV']], ps)),
            el('div', [['id', 'photoContent'], ['class', 'article-content'], ['style', 'display: none;']]),
            el('div', [['class', 'article-footer text-center']], text(`Copyright © ${page.date.year} by The Rodong Sinmun. All Rights Reserved.`)),
            el('script', [], raw('\n\t\tvar curIndex = 3, totalCount = 41;\n\t')),
            slot('block'),
          ),
        ),
      ];
    }
    const lines = [dateText, page.title ?? '', ''];
    paragraphs.forEach((p, i) => lines.push(...(i > 0 ? ['', p] : [p])));
    if (page.byline) lines.push('', page.byline);
    return { nodes: html, lines };
  };
}

// ---------------------------------------------------------------------------------------------
// The registry

const RENDERERS = {
  'kcna-kp': kcnaKp,
  'kcna-kp-2026': kcnaKp2026,
  'kcnawatch-2024': kcnawatch2024,
  'kcnawatch-2019': kcnawatch2019,
  'kcna-co-jp-daily': kcnaCoJpDaily,
  'kcna-co-jp-kns': kcnaCoJpKns,
  'rodong-old': rodong('old'),
  'rodong-new': rodong('new'),
  'rodong-2025': rodong('2025'),
};

/** Every template these renderers know, by name. */
export const SITE_TEMPLATES = Object.freeze(Object.keys(RENDERERS));

/** Templates whose pages declare no charset (a browser reads them as windows-1252 unless they are UTF-8). */
const UNDECLARED = new Set(['kcna-co-jp-daily', 'kcna-co-jp-kns']);

/** The page's bytes in its charset (characters windows-1252 lacks must already be references). */
export function encodePage(html, charset = 'utf-8') {
  if (charset === 'utf-8') return new Uint8Array(Buffer.from(html, 'utf8'));
  const bytes = [];
  for (const ch of html) {
    const code = ch.codePointAt(0);
    if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) bytes.push(code);
    else if (WINDOWS_1252.has(ch)) bytes.push(WINDOWS_1252.get(ch));
    else throw new Error(`'${ch}' (U+${code.toString(16).toUpperCase()}) has no byte in windows-1252`);
  }
  return Uint8Array.from(bytes);
}

/** Which of the options a template honours for paragraphs: `<br />` mode only where the body is one container. */
const BR_SITES = new Set(['kcna-kp', 'kcna-kp-2026', 'kcnawatch-2024', 'kcnawatch-2019']);

/** The page as HTML, with the text a browser shows for its article (lines joined by '\n'). */
export function renderPageWithText(site, page, options = {}) {
  const render = RENDERERS[site];
  if (!render) throw new Error(`unknown site template '${site}' (known: ${SITE_TEMPLATES.join(', ')})`);
  const { o, r } = resolveOptions(options);
  if (!BR_SITES.has(site)) o.paragraphs = 'p';
  const { nodes, lines, anchors } = render(page, o, r);
  let html = finish(nodes, o, r);
  const charset = UNDECLARED.has(site) && options.charset === 'windows-1252' ? 'windows-1252' : 'utf-8';
  // A page in windows-1252 writes what that charset lacks as references.
  if (charset === 'windows-1252') html = [...html].map((ch) => (ch.charCodeAt(0) < 0x80 || (ch.charCodeAt(0) >= 0xa0 && ch.codePointAt(0) <= 0xff) || WINDOWS_1252.has(ch) ? ch : `&#${ch.codePointAt(0)};`)).join('');
  // Blank lines at the ends, and runs of them, are one paragraph boundary to a reader.
  // Within a line, whitespace collapses as CSS collapses it, and a no-break space shows as a space
  // (as src/parse/html/dom.ts reads it); an indent is kept.
  const shown = [];
  for (const line of lines) {
    const indent = /^[ \t\u00a0]*/u.exec(line)[0].replace(/\S/gu, ' ').replace(/[\t\u00a0]/gu, ' ');
    const tidy = line.trim() === '' ? '' : indent + line.trim().replace(/[ \t\n\r\f\u00a0]+/gu, ' ');
    if (tidy !== '' || (shown.length > 0 && shown.at(-1) !== '')) shown.push(tidy);
  }
  while (shown.at(-1) === '') shown.pop();
  return { html, bytes: encodePage(html, charset), charset, text: `${shown.join('\n')}\n`, paragraphs: o.paragraphs, ...(anchors ? { anchors } : {}) };
}

/** The page as HTML in the site's template. */
export function renderPage(site, page, options = {}) {
  return renderPageWithText(site, page, options).html;
}

export const renderKcnaKp = (page, options) => renderPage('kcna-kp', page, options);
export const renderKcnaKp2026 = (page, options) => renderPage('kcna-kp-2026', page, options);
export const renderKcnawatch2024 = (page, options) => renderPage('kcnawatch-2024', page, options);
export const renderKcnawatch2019 = (page, options) => renderPage('kcnawatch-2019', page, options);
export const renderKcnaCoJpDaily = (page, options) => renderPage('kcna-co-jp-daily', page, options);
export const renderKcnaCoJpKns = (page, options) => renderPage('kcna-co-jp-kns', page, options);
export const renderRodongOld = (page, options) => renderPage('rodong-old', page, options);
export const renderRodongNew = (page, options) => renderPage('rodong-new', page, options);
export const renderRodong2025 = (page, options) => renderPage('rodong-2025', page, options);
