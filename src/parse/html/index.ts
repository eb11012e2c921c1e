/**
 * The web-page front end: bytes of a saved page to the blocks the story core reads. Decoded as a
 * browser decodes (charset.ts), laid out as a browser shows it (dom.ts), then read by the template
 * of its site (sites/), which says which blocks are the article and what each is (title, paragraph,
 * stamp); a page no template knows is read as the text a browser shows, with a warning. Blocks
 * outside the article are counted in one warning per page; the capture's address and date come
 * from what the saving tool left (capture.ts).
 */
import type { Warning } from '../../schema/types.js';
import { findNuls } from '../binary.js';
import { countLines } from '../lines.js';
import type { PageInput } from '../model.js';
import { warn } from '../warnings.js';
import { flatten } from './article.js';
import { captureOf } from './capture.js';
import { decodeHtml, type HtmlDecoded } from './charset.js';
import { readHtmlText } from './dom.js';
import { SITES } from './sites/index.js';

export { decodeHtml } from './charset.js';
export { readHtmlText } from './dom.js';
export { isHtml, HTML_EXTENSIONS } from './sniff.js';

export interface HtmlReadOptions {
  /** The charset the transport declared (an HTTP Content-Type's), or null. */
  charset: string | null;
  path: string | null;
  /** The page as text already decoded (the caller passed a string): read as it is. */
  text?: string | null;
  /** Text blocks the page may hold; past it only counted (and the page refused by the caller). */
  maxBlocks?: number;
}

/** Reads a web page into what the story core takes. */
export function readHtml(bytes: Uint8Array, options: HtmlReadOptions): PageInput {
  const decoded: HtmlDecoded =
    typeof options.text === 'string'
      ? { text: options.text.replace(/^\ufeff/u, ''), encoding: 'utf-8', bom: options.text.startsWith('\ufeff'), source: 'transport', invalid: [], overruled: [] }
      : decodeHtml(bytes, options.charset);
  const { lines, lineEndings } = countLines(decoded.text);
  const fileWarnings = decodingWarnings(bytes, decoded);
  const page = readHtmlText(decoded.text, options.maxBlocks ?? Infinity);
  const capture = captureOf(page.facts);
  const base = {
    format: 'html' as const,
    encoding: decoded.encoding,
    bom: decoded.bom,
    encodingSource: decoded.source,
    lineEndings,
    lines,
    fileWarnings,
    empty: null,
    overLimit: page.overLimit === null ? null : { count: page.overLimit, limit: options.maxBlocks ?? Infinity },
  };
  const site = {
    site: null as string | null,
    layout: null,
    structured: false,
    teasers: null,
    url: capture.url,
    capturedOn: capture.capturedOn,
    pageDate: null,
    leadDateFromPage: false,
    pageWarnings: [] as Warning[],
    notArticle: null as string | null,
  };

  const template = SITES.find((candidate) => candidate.detect(page, capture.url));
  if (template === undefined) {
    const read = flatten(page);
    site.pageWarnings.push(warn.templateUnknown(page.facts.title));
    if (read.outside > 0) site.pageWarnings.push(warn.outsideArticle(read.outside, null));
    if (read.blocks.length === 0) site.notArticle = page.blocks.length === 0 ? 'the web page shows no text' : 'the web page shows no text outside its menus and forms';
    return { ...base, blocks: read.blocks, site };
  }
  const read = template.read(page, capture.url);
  if (read.outside > 0) site.pageWarnings.push(warn.outsideArticle(read.outside, template.site));
  return {
    ...base,
    blocks: read.blocks,
    site: {
      ...site,
      site: template.site,
      layout: read.layout,
      structured: read.structured,
      teasers: read.teasers ?? null,
      capturedOn: capture.capturedOn ?? read.capturedOn ?? null,
      pageDate: read.pageDate ?? null,
      leadDateFromPage: read.leadDateFromPage ?? false,
      notArticle: read.notArticle ?? null,
    },
  };
}

function decodingWarnings(bytes: Uint8Array, decoded: HtmlDecoded): Warning[] {
  const warnings: Warning[] = [];
  for (const { declared, source, reason } of decoded.overruled) warnings.push(warn.charsetOverruled(declared, source, decoded.encoding, reason));
  for (const run of decoded.invalid) {
    if (decoded.encoding === 'utf-8') warnings.push(warn.invalidUtf8(run.line, run.byteOffset, run.count));
    else if (decoded.encoding === 'utf-16le' || decoded.encoding === 'utf-16be') warnings.push(warn.invalidUtf16(run.line, run.byteOffset, run.count));
    else warnings.push(warn.invalidBytes(run.line, run.byteOffset, run.count, decoded.encoding));
  }
  for (const run of findNuls(bytes, decoded)) warnings.push(warn.nulCharacter(run.line, run.byteOffset, run.count));
  return warnings;
}
