/**
 * What the front ends hand the story core: the page as blocks. A text capture gives one block per
 * non-blank line; a web page one per rendered line of its visible text (parse/html/). Either way a
 * block knows the line of the input where it starts, whether a blank line (a paragraph boundary)
 * stands above it, and, where the page's markup says so, what it is.
 */
import type { Warning } from '../schema/types.js';
import type { PageDate } from './furniture.js';
import type { LayoutName } from './layouts/index.js';
import type { Line, LineEndings } from './lines.js';
import type { TeaserParts } from './teasers.js';

/**
 * What markup says a block is: a site template's title element, body paragraph or stamp span, or
 * 'aside' for text inside the article that is not its story (a byline, a caption, a control).
 */
export type BlockRole = 'title' | 'paragraph' | 'stamp' | 'aside';

export interface Block extends Line {
  /** Whether a blank line, or a paragraph boundary, separates it from the block above (true for the first). */
  gap: boolean;
  /** What the page's markup says the block is, or null where it says nothing (every text line). */
  role: BlockRole | null;
  /** The id of an anchor (`<a name="e091401">`) standing right before the block, on a web page. */
  anchor?: string | null;
}

/** The non-blank lines of a text capture as blocks: a gap where blank lines stood between two. */
export function blocksOfLines(lines: readonly Line[]): Block[] {
  const blocks: Block[] = [];
  let previous = 0;
  for (const line of lines) {
    if (line.text === '') continue;
    blocks.push({ n: line.n, raw: line.raw, text: line.text, gap: blocks.length === 0 || previous < line.n - 1, role: null });
    previous = line.n;
  }
  return blocks;
}

/** Why the input was decoded with its encoding (source.encodingSource). */
export type EncodingSource = 'bom' | 'transport' | 'meta' | 'utf-8' | 'default';

/** What a front end (text, or a web page) hands the story core. */
export interface PageInput {
  format: 'text' | 'html';
  /** The encoding's name as the Encoding Standard spells it, lower-cased. */
  encoding: string;
  bom: boolean;
  encodingSource: EncodingSource;
  lineEndings: LineEndings;
  /** Lines of the input (of the HTML file, for a web page). */
  lines: number;
  /** Warnings about the bytes: decoding, NUL characters, a charset declaration overruled. */
  fileWarnings: Warning[];
  /** The blocks the story core reads: every non-blank line, or the article's blocks of a web page. */
  blocks: Block[];
  /** Why there is nothing to read (EMPTY_INPUT), or null. */
  empty: string | null;
  /** More non-blank lines (text blocks) than the input may hold, and the limit: TOO_MANY_LINES. */
  overLimit: { count: number; limit: number } | null;
  /** What a web page's markup said; null for text. */
  site: SiteRead | null;
}

/** What a web page's markup says beyond its blocks. */
export interface SiteRead {
  /** The site whose template read the page ('kcna.kp'), or null. */
  site: string | null;
  /** The layout its template names, or null when no template knew the page (read as text). */
  layout: LayoutName | null;
  /** Whether the template found the article's structure: a record even without a dateline or '-0-'. */
  structured: boolean;
  /** The sidebar's teaser entries, read from their elements, or null. */
  teasers: TeaserParts | null;
  url: string | null;
  capturedOn: string | null;
  /** The article's own date, from an element of the page (Rodong Sinmun's NewsDate), or null. */
  pageDate: (PageDate & { line: number }) | null;
  /** Whether an article without a dateline takes its date from pageDate (a newspaper's own article). */
  leadDateFromPage: boolean;
  /** Page-level warnings: what lay outside the article, an unknown template. */
  pageWarnings: Warning[];
  /** A recognised page that holds no article ('a kcna.kp category list, no article'), or null. */
  notArticle: string | null;
}
