/**
 * A web page's visible text as blocks, the way a browser lays it out (the innerText algorithm of
 * the HTML standard, without CSS files): one block per rendered line, each knowing the line of the
 * HTML file where its text starts, whether a blank line stands above it (a paragraph boundary, or
 * `<br><br>`), and the innermost element holding all of its text, for the site templates.
 *
 * Read in one pass over htmlparser2's events, with no document tree: memory follows the text kept,
 * and deep nesting costs one small object per open element. What a browser does not show is not
 * read: `<head>`, `<script>`, `<style>`, `<template>`, `<noscript>`, comments, elements with the
 * `hidden` attribute or an inline `display:none` / `visibility:hidden`, and whatever the Wayback
 * Machine inserts between its toolbar comments. Entities are decoded; whitespace is collapsed as
 * CSS does outside `<pre>`, and a no-break space (`&nbsp;`) reads as a space. Block elements
 * (`<p>`, `<div>`, table cells, list items...) and `<br>` break lines; inline elements (`<b>`,
 * `<font>`, `<nobr><span>`) join their text into the sentence around them.
 *
 * Besides the text, the pass keeps the facts a page states about itself outside its text: its
 * `<title>`, canonical URL (`<link rel=canonical>`, `og:url`), `<base href>`, and the comments and
 * scripts saving tools leave (Chrome's `saved from url=`, SingleFile's header, the Wayback Machine's
 * capture stamp), read by capture.ts.
 */
import { Parser } from 'htmlparser2';

/** An element of the page, as far as the templates need it. */
export interface HtmlElement {
  /** Lower-case tag name. */
  name: string;
  id: string;
  /** The class attribute, as written (whitespace-separated names). */
  cls: string;
  /** The few other attributes templates read: style, align, href, lang. */
  attrs: Readonly<Record<string, string>>;
  parent: HtmlElement | null;
  depth: number;
  /** Set by a template while it reads the page (see template.ts); undefined until asked. */
  mark?: unknown;
}

/** One rendered line of the page. */
export interface HtmlBlock {
  /** Line of the HTML file where the block's text starts (1-based). */
  n: number;
  /** The line's text: whitespace collapsed, trimmed. */
  text: string;
  /** Whether a blank line separates it from the block above (a paragraph boundary); true for the first. */
  gap: boolean;
  /** The innermost element holding all of the block's text. */
  element: HtmlElement;
  /** The element holding the block's first text (inside `element`, or it). */
  first: HtmlElement;
  /** How many of the block's characters are inside links (`<a href>`): a menu's lines are all link. */
  linked: number;
  /** The name of an `<a name>` anchor standing right before the block's text, or null. */
  anchor: string | null;
}

/** What a page says about itself outside its visible text. */
export interface HtmlFacts {
  title: string | null;
  titleLine: number | null;
  canonical: string | null;
  ogUrl: string | null;
  base: string | null;
  /** Comments (trimmed, at most COMMENT_KEEP of them, each cut to COMMENT_CHARS). */
  comments: { text: string; line: number }[];
  /** Script text that a saving tool wrote (the Wayback Machine's __wm.wombat call), cut short. */
  scripts: string[];
  /** The first link, script or image address rewritten by the Wayback Machine (/web/<14 digits>/...). */
  archivedLink: string | null;
  /** Class names seen on elements (at most CLASS_KEEP), for templates to recognise a site. */
  classes: Set<string>;
  /** Ids seen on elements (at most CLASS_KEEP). */
  ids: Set<string>;
  /** Visible blocks the Wayback Machine's toolbar held, not read. */
  toolbarBlocks: number;
  /** Tag names seen (at most CLASS_KEEP). */
  tags: Set<string>;
}

export interface HtmlText {
  blocks: HtmlBlock[];
  /** The number of visible blocks when over the limit readHtmlText was given (the blocks past it are not kept), else null. */
  overLimit: number | null;
  facts: HtmlFacts;
  /** The root element (the document): every block's element chain ends here. */
  root: HtmlElement;
}

/** Elements whose content a browser does not render as text. */
const UNRENDERED = new Set(['head', 'title', 'script', 'style', 'template', 'noscript', 'iframe', 'textarea', 'datalist', 'video', 'audio', 'canvas', 'embed', 'desc', 'map', 'param', 'source', 'track', 'frameset', 'noframes', 'noembed', 'xml']);
/**
 * Inline boxes with no text of their own (images, form fields, frames): a line holding two of them
 * with whitespace between shows that whitespace, and so reads as a blank line between paragraphs.
 */
const REPLACED = new Set(['img', 'input', 'iframe', 'embed', 'video', 'audio', 'canvas', 'textarea', 'image', 'button']);
/** Elements laid out as blocks by the browser's default style sheet: a line break before and after. */
const BLOCKS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'center', 'dd', 'details', 'dialog', 'dir', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'html',
  'legend', 'li', 'listing', 'main', 'menu', 'nav', 'ol', 'optgroup', 'option', 'pre', 'search', 'section', 'summary', 'table',
  'ul', 'xmp', 'plaintext', 'frame',
]);
/**
 * Table cells: a browser puts a row's cells on one line (a tab between them) and ends each row but
 * the last with a line break of its own; here each cell is a block of its own, on no new line.
 */
const CELLS = new Set(['td', 'th']);
/** Attributes kept on elements (others are dropped as they are read). */
const KEPT_ATTRIBUTES = ['style', 'align', 'href', 'lang'];
/** Longest attribute value kept: a 10 MB attribute is cut, not copied around. */
const ATTRIBUTE_CHARS = 2048;
const NO_ATTRIBUTES: Readonly<Record<string, string>> = Object.freeze({});
const COMMENT_KEEP = 64;
const COMMENT_CHARS = 4096;
const CLASS_KEEP = 4096;
const SCRIPT_KEEP = 8;
const SCRIPT_CHARS = 8192;
const TITLE_CHARS = 2000;
const HIDDEN_STYLE = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\s*(?:!important\s*)?(?:;|$)/iu;
const WAYBACK_LINK = /\/web\/\d{14}[a-z_]{0,4}\/https?:\/\//iu;
const BEGIN_TOOLBAR = /^\s*BEGIN WAYBACK TOOLBAR INSERT\s*$/u;
const END_TOOLBAR = /^\s*END WAYBACK TOOLBAR INSERT\s*$/u;
const COLLAPSIBLE = /[ \t\n\r\f\u00a0]+/gu;
/** Text longer than this is collapsed a window at a time. */
const COLLAPSE_CHUNK = 64 * 1024;
/**
 * How deep elements nest: past it, an element starts beside the innermost one instead of inside
 * it, as Chromium's parser does (its limit is 512). It bounds every walk up the tree, and
 * htmlparser2's stack of open tags, which grows at its front: a page of 400,000 nested <div>s
 * would take minutes.
 */
const MAX_DEPTH = 512;

/** Reads a decoded page into its blocks and facts. */
export function readHtmlText(html: string, limit = Infinity): HtmlText {
  const root: HtmlElement = { name: '#document', id: '', cls: '', attrs: {}, parent: null, depth: 0 };
  const facts: HtmlFacts = {
    title: null,
    titleLine: null,
    canonical: null,
    ogUrl: null,
    base: null,
    comments: [],
    scripts: [],
    archivedLink: null,
    classes: new Set(),
    ids: new Set(),
    toolbarBlocks: 0,
    tags: new Set(),
  };
  const blocks: HtmlBlock[] = [];
  /** Blocks past the limit, counted and not kept. */
  let over = 0;

  // Line numbers of offsets, counted forward as the parse goes (offsets only grow).
  let lineCursor = 0;
  let line = 1;
  // Line feeds are found with indexOf; a page with a lone CR (an old Mac's line ends) is counted
  // character by character, as splitLines counts CR, LF and CRLF.
  const loneCr = /\r(?!\n)/u.test(html);
  let nextLf = html.indexOf('\n');
  const lineAt = (offset: number): number => {
    if (loneCr) {
      for (; lineCursor < offset && lineCursor < html.length; lineCursor++) {
        const c = html.charCodeAt(lineCursor);
        if (c === 0x0a || (c === 0x0d && html.charCodeAt(lineCursor + 1) !== 0x0a)) line++;
      }
      return line;
    }
    while (nextLf >= 0 && nextLf < offset) {
      line++;
      nextLf = html.indexOf('\n', nextLf + 1);
    }
    return line;
  };

  let current = root;
  /** Depth of the outermost unrendered element open (0: none), and of the outermost <pre>. */
  let hiddenDepth = 0;
  let preDepth = 0;
  let inToolbar = false;
  let titleDepth = 0;
  let titleText = '';
  let scriptDepth = 0;
  let scriptText = '';

  // The line being built: its text, where it starts, the element holding it, and the breaks
  // asked for since the last text (the innerText algorithm's required line break counts).
  let text = '';
  let start = -1;
  let startLine = 1;
  let element: HtmlElement | null = null;
  let first: HtmlElement | null = null;
  let linked = 0;
  /** Depth of the outermost link open (0: none). */
  let linkDepth = 0;
  let newlines = 0;
  let breakRun = 0;
  let anyText = false;
  /**
   * A line without text: 0 nothing on it, 1 a replaced element, 2 and whitespace after it, 3 a
   * second replaced element after that (the line shows whitespace: a blank line when it ends).
   */
  let ghost = 0;
  /** A blank-looking line stood between the last text and the next: the next block has a gap. */
  let forceGap = false;
  /** A table cell began or ended since the last text: the next text starts a block (on the same line). */
  let cellSplit = false;
  /** Per open table: whether a row has ended, whose line break is written if another row follows. */
  const rowEnded: boolean[] = [];

  /**
   * Whether the line being built ends with a space. Asked at every piece of text: reading the last
   * character of the line itself would flatten the string V8 builds it as, once per piece (a line
   * of a hundred thousand bold words would be copied a hundred thousand times).
   */
  let endsWithSpace = false;

  const flush = (): void => {
    const trimmed = text.trim();
    if (trimmed !== '' && element !== null) {
      if (inToolbar) facts.toolbarBlocks++;
      else if (blocks.length >= limit) over++;
      else blocks.push({ n: startLine, text: trimmed, gap: blocks.length === 0 || pendingGap, element, first: first ?? element, linked: Math.min(linked, trimmed.length), anchor: lineAnchor });
    }
    lineAnchor = null;
    text = '';
    endsWithSpace = false;
    element = null;
    first = null;
    linked = 0;
    start = -1;
  };
  /** Whether the block being built has a blank line above it. */
  let pendingGap = true;
  /** An <a name> anchor seen since the last text, and the one the line being built starts after. */
  let pendingAnchor: string | null = null;
  let lineAnchor: string | null = null;

  const endGhost = (): void => {
    if (ghost === 3 && anyText) forceGap = true;
    ghost = 0;
  };
  const requestBreak = (count: number): void => {
    endGhost();
    if (count > breakRun) breakRun = count;
  };
  const lineBreak = (): void => {
    endGhost();
    newlines += breakRun + 1;
    breakRun = 0;
  };

  const addText = (raw: string, offset: number): void => {
    if (hiddenDepth > 0 || raw === '') return;
    if (preDepth > 0) {
      // Whitespace kept; each line break of the source is a line break of the page.
      let from = 0;
      for (;;) {
        const nl = raw.indexOf('\n', from);
        const piece = (nl < 0 ? raw.slice(from) : raw.slice(from, nl)).replace(/\r$/u, '');
        if (piece !== '') appendPiece(piece.replace(/\u00a0/gu, ' '), offset + from, true);
        if (nl < 0) break;
        lineBreak();
        from = nl + 1;
      }
      return;
    }
    if (raw.length > COLLAPSE_CHUNK) {
      // A long text (a 16 MB paragraph): collapsed a window at a time, each window ending after
      // whitespace (or at the end), so that no second copy of the whole text is made before the
      // line is.
      let from = 0;
      while (from < raw.length) {
        let to = Math.min(raw.length, from + COLLAPSE_CHUNK);
        while (to < raw.length && !isCollapsible(raw.charCodeAt(to - 1))) to++;
        addCollapsed(to - from === raw.length ? raw : raw.slice(from, to), offset + from);
        from = to;
      }
      return;
    }
    addCollapsed(raw, offset);
  };

  /** Adds text outside <pre>: whitespace collapsed as CSS collapses it. */
  const addCollapsed = (raw: string, offset: number): void => {
    // Most pieces are a word or a sentence with single spaces, or one character of a reference:
    // those need no replacing.
    const collapsed = isAllWhitespace(raw) ? ' ' : needsCollapsing(raw) ? raw.replace(COLLAPSIBLE, ' ') : raw;
    // Whitespace alone adds one space between words on the same line, and nothing at a line's
    // start or where a line break is pending.
    if (collapsed === ' ' && (text === '' || endsWithSpace || newlines > 0 || breakRun > 0)) {
      // A no-break space is not collapsed: alone on a line, it shows a blank line.
      if (raw.includes('\u00a0') && (start < 0 || newlines > 0 || breakRun > 0)) ghost = 3;
      else if (ghost === 1) ghost = 2;
      return;
    }
    ghost = 0;
    let lead = 0;
    while (lead < raw.length && isCollapsible(raw.charCodeAt(lead))) lead++;
    appendPiece(collapsed, offset + lead, false);
  };

  const appendPiece = (piece: string, offset: number, pre: boolean): void => {
    const breaks = newlines + (anyText ? breakRun : 0);
    if ((breaks > 0 || cellSplit) && anyText) {
      flush();
      pendingGap = breaks >= 2 || forceGap;
    }
    forceGap = false;
    cellSplit = false;
    newlines = 0;
    breakRun = 0;
    if (!pre && piece.charCodeAt(0) === 0x20 && (text === '' || endsWithSpace)) piece = piece.slice(1);
    if (piece === '') return;
    const blank = pre ? piece.trim() === '' : piece === ' ';
    if (start < 0 && !blank) {
      start = offset;
      // Its line now, while the parse is here: the count only goes forward, and a comment or a
      // tag read before the block is flushed would move it past the block's start.
      startLine = lineAt(offset);
      lineAnchor = pendingAnchor;
      pendingAnchor = null;
    }
    if (start < 0 && text === '' && blank) {
      // Whitespace alone opens no line.
      text = pre ? piece : '';
      endsWithSpace = pre && piece.charCodeAt(piece.length - 1) === 0x20;
      return;
    }
    text += piece;
    endsWithSpace = piece.charCodeAt(piece.length - 1) === 0x20;
    if (linkDepth > 0) linked += piece.length;
    if (first === null && !blank) first = current;
    element = element === null ? current : element === current ? element : commonAncestor(element, current);
    anyText = true;
  };

  const parser = new Parser(
    {
      onopentag(name, attributes) {
        const element = openElement(name, attributes);
        current = element;
        if (name === 'a' && attributes['name'] !== undefined && hiddenDepth === 0) pendingAnchor = cut(attributes['name'].trim());
        if (name === 'a' && attributes['href'] !== undefined && linkDepth === 0) linkDepth = element.depth;
        if (name === 'title' && facts.title === null && titleDepth === 0) {
          titleDepth = element.depth;
          titleText = '';
          facts.titleLine = lineAt(parser.startIndex);
        }
        if (name === 'script' && scriptDepth === 0) {
          scriptDepth = element.depth;
          scriptText = '';
        }
        if (name === 'link' && /(?:^|\s)canonical(?:\s|$)/iu.test(attributes['rel'] ?? '') && facts.canonical === null) facts.canonical = address(attributes['href']);
        if (name === 'meta' && facts.ogUrl === null && (attributes['property'] ?? attributes['name'] ?? '').toLowerCase() === 'og:url') facts.ogUrl = address(attributes['content']);
        if (name === 'base' && facts.base === null) facts.base = address(attributes['href']);
        if (facts.archivedLink === null) {
          const link = attributes['href'] ?? attributes['src'];
          if (link !== undefined && link.length < 4096 && link.includes('/web/') && WAYBACK_LINK.test(link)) facts.archivedLink = link;
        }
        if (hiddenDepth === 0 && (UNRENDERED.has(name) || 'hidden' in attributes || isHiddenStyle(attributes['style']) || (name === 'input' && (attributes['type'] ?? '').toLowerCase() === 'hidden'))) {
          hiddenDepth = element.depth;
        }
        if (hiddenDepth > 0) return;
        if (REPLACED.has(name)) {
          if (start < 0 || newlines > 0 || breakRun > 0) ghost = ghost === 0 ? 1 : ghost === 2 ? 3 : ghost;
          return;
        }
        if (name === 'br') lineBreak();
        else if (name === 'p') requestBreak(2);
        else if (BLOCKS.has(name)) requestBreak(1);
        else if (CELLS.has(name)) cellSplit = true;
        else if (name === 'tr' && rowEnded.length > 0 && rowEnded[rowEnded.length - 1]) {
          rowEnded[rowEnded.length - 1] = false;
          lineBreak();
        }
        if (name === 'table') rowEnded.push(false);
        if (name === 'pre' || name === 'listing' || name === 'xmp' || name === 'plaintext') {
          if (preDepth === 0) preDepth = element.depth;
        }
      },
      onclosetag(name) {
        const element = current;
        if (element.depth === titleDepth) {
          facts.title = titleText.replace(COLLAPSIBLE, ' ').trim();
          titleDepth = -1; // one title only
        }
        if (element.depth === scriptDepth) {
          if (scriptText.includes('__wm.wombat(') && facts.scripts.length < SCRIPT_KEEP) facts.scripts.push(scriptText.slice(0, SCRIPT_CHARS));
          scriptDepth = 0;
        }
        if (hiddenDepth === 0) {
          if (name === 'p') requestBreak(2);
          else if (BLOCKS.has(name)) requestBreak(1);
          else if (CELLS.has(name)) cellSplit = true;
          else if (name === 'tr' && rowEnded.length > 0) rowEnded[rowEnded.length - 1] = true;
          if (name === 'table') rowEnded.pop();
        }
        if (element.depth === hiddenDepth) hiddenDepth = 0;
        if (element.depth === linkDepth) linkDepth = 0;
        if (element.depth === preDepth) preDepth = 0;
        if (element.parent !== null) current = element.parent;
      },
      ontext(data) {
        if (titleDepth > 0 && titleText.length < TITLE_CHARS) titleText += data;
        if (scriptDepth > 0 && scriptText.length < SCRIPT_CHARS) scriptText += data;
        addText(data, parser.startIndex);
      },
      oncomment(data) {
        if (BEGIN_TOOLBAR.test(data)) {
          flush();
          inToolbar = true;
          return;
        }
        if (END_TOOLBAR.test(data)) {
          // Text before the end marker still belongs to the toolbar.
          if (start >= 0) {
            flush();
          }
          inToolbar = false;
          return;
        }
        if (facts.comments.length < COMMENT_KEEP) facts.comments.push({ text: data.trim().slice(0, COMMENT_CHARS), line: lineAt(parser.startIndex) });
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: false },
  );

  buildAsBrowsersDo(parser);

  const classAttributes = new Set<string>();

  function openElement(name: string, attributes: Record<string, string>): HtmlElement {
    let kept: Record<string, string> | null = null;
    for (const key of KEPT_ATTRIBUTES) {
      const value = attributes[key];
      if (value !== undefined) (kept ??= {})[key] = value.length > ATTRIBUTE_CHARS ? value.slice(0, ATTRIBUTE_CHARS) : value;
    }
    const id = cut(attributes['id'] ?? '');
    const cls = cut(attributes['class'] ?? '');
    if (id !== '' && facts.ids.size < CLASS_KEEP) facts.ids.add(id);
    if (facts.tags.size < CLASS_KEEP) facts.tags.add(name);
    // Each distinct class attribute is split once: pages repeat the same few many times.
    if (cls !== '' && facts.classes.size < CLASS_KEEP && classAttributes.size < CLASS_KEEP && !classAttributes.has(cls)) {
      classAttributes.add(cls);
      for (const name of cls.split(/\s+/u)) if (name !== '' && facts.classes.size < CLASS_KEEP) facts.classes.add(name);
    }
    return { name, id, cls, attrs: kept ?? NO_ATTRIBUTES, parent: current, depth: current.depth + 1 };
  }

  // A page cut short inside a tag ('... Third <p'): a browser drops the unfinished tag, where the
  // tokenizer would give its letters as text.
  const lastOpen = html.lastIndexOf('<');
  const end = lastOpen >= 0 && html.indexOf('>', lastOpen) < 0 && /^<[A-Za-z/!?]/u.test(html.slice(lastOpen, lastOpen + 2)) ? lastOpen : html.length;
  parser.end(end === html.length ? html : html.slice(0, end));
  flush();
  return { blocks, facts, root, overLimit: over > 0 ? blocks.length + over : null };
}

/** What a table part closes when it starts: a row closes up to its table section, a cell up to its row. */
const TABLE_SCOPES: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['tr', new Set(['table', 'tbody', 'thead', 'tfoot'])],
  ['td', new Set(['tr', 'table', 'tbody', 'thead', 'tfoot'])],
  ['th', new Set(['tr', 'table', 'tbody', 'thead', 'tfoot'])],
  ['tbody', new Set(['table'])],
  ['thead', new Set(['table'])],
  ['tfoot', new Set(['table'])],
  ['caption', new Set(['table'])],
]);

/**
 * Two things browsers do when a tag opens that htmlparser2 does not:
 * - htmlparser2 closes a left-out end tag only when its element is the innermost one open; a
 *   browser starting a table row or cell closes whatever is still open in the table down to the
 *   row or section (the HTML standard's "clear the stack back to a table context"). So a page that
 *   leaves out `</p></td></tr>` before its next row, as hand-written pages of the 1990s do, would
 *   put that row's text inside the last cell;
 * - past MAX_DEPTH open elements, Chromium starts a new element beside the innermost one.
 * The parser's tag-opening step is wrapped to do both (its stack of open tag names and its pop are
 * htmlparser2's own, innermost first).
 */
function buildAsBrowsersDo(parser: Parser): void {
  const internals = parser as unknown as { stack: string[]; popElement(implied: boolean): void; emitOpenTag(name: string): void };
  if (!Array.isArray(internals.stack) || typeof internals.popElement !== 'function' || typeof internals.emitOpenTag !== 'function') return;
  const emitOpenTag = internals.emitOpenTag.bind(parser);
  internals.emitOpenTag = (name: string) => {
    if (internals.stack.length >= MAX_DEPTH) internals.popElement(true);
    const scope = TABLE_SCOPES.get(name);
    if (scope !== undefined) {
      const stack = internals.stack;
      const table = stack.indexOf('table');
      if (table > 0) for (let left = table; left > 0 && !scope.has(stack[0]!); left--) internals.popElement(true);
    }
    emitOpenTag(name);
  };
}

/** An address the page states, trimmed; none when empty or longer than any real address (2,048 characters). */
function address(value: string | undefined): string | null {
  if (value === undefined) return null;
  const trimmed = value.length > ATTRIBUTE_CHARS + 64 ? value.slice(0, ATTRIBUTE_CHARS + 64).trim() : value.trim();
  return trimmed === '' || trimmed.length > ATTRIBUTE_CHARS ? null : trimmed;
}

/** Whether an inline style hides the element (the words are looked for before the expression runs). */
function isHiddenStyle(style: string | undefined): boolean {
  return style !== undefined && (style.includes('none') || style.includes('hidden')) && HIDDEN_STYLE.test(style);
}

function cut(value: string): string {
  return value.length > ATTRIBUTE_CHARS ? value.slice(0, ATTRIBUTE_CHARS) : value;
}

/** Whether a piece is whitespace alone (the indentation between tags, mostly): it collapses to one space. */
function isAllWhitespace(raw: string): boolean {
  for (let i = 0; i < raw.length; i++) if (!isCollapsible(raw.charCodeAt(i))) return false;
  return raw.length > 0;
}

/** Whether a piece holds whitespace other than single spaces between words (which collapsing leaves as it is). */
function needsCollapsing(raw: string): boolean {
  let previousSpace = true;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 0x20) {
      if (previousSpace && i > 0) return true;
      previousSpace = true;
    } else if (c === 0x09 || c === 0x0a || c === 0x0d || c === 0x0c || c === 0xa0) return true;
    else previousSpace = false;
  }
  return false;
}

function isCollapsible(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d || code === 0x0c || code === 0xa0;
}

/** The innermost element holding both. */
function commonAncestor(a: HtmlElement, b: HtmlElement): HtmlElement {
  if (a === b) return a;
  let x: HtmlElement = a;
  let y: HtmlElement = b;
  while (x.depth > y.depth) x = x.parent!;
  while (y.depth > x.depth) y = y.parent!;
  while (x !== y) {
    x = x.parent!;
    y = y.parent!;
  }
  return x;
}

/** Whether the element has the class name `name`. */
export function hasClass(element: HtmlElement, name: string): boolean {
  const cls = element.cls;
  if (cls === '') return false;
  if (cls === name) return true;
  let at = cls.indexOf(name);
  while (at >= 0) {
    const before = at === 0 ? 32 : cls.charCodeAt(at - 1);
    const after = at + name.length >= cls.length ? 32 : cls.charCodeAt(at + name.length);
    if ((before === 32 || before === 9 || before === 10 || before === 12 || before === 13) && (after === 32 || after === 9 || after === 10 || after === 12 || after === 13)) return true;
    at = cls.indexOf(name, at + 1);
  }
  return false;
}

/** The nearest element, from `element` up, that `test` accepts, or null. */
export function closest(element: HtmlElement, test: (element: HtmlElement) => boolean): HtmlElement | null {
  for (let e: HtmlElement | null = element; e !== null; e = e.parent) if (test(e)) return e;
  return null;
}
