/** Splitting decoded text into numbered lines, and telling which line endings it used. */
import type { Block } from './model.js';

export type LineEndings = 'lf' | 'crlf' | 'cr' | 'mixed' | 'none';

export interface Line {
  /** 1-based line number. */
  n: number;
  /** The line as decoded, without its line ending. */
  raw: string;
  /** `raw` trimmed of whitespace (no-break spaces included); empty for a blank line. */
  text: string;
}

export interface SplitText {
  lines: Line[];
  lineEndings: LineEndings;
}

/** Splits on CRLF, CR and LF. */
export function splitLines(text: string): SplitText {
  const lines: Line[] = [];
  const lineEndings = eachLine(text, (from, end) => pushLine(lines, text.slice(from, end)));
  return { lines, lineEndings };
}

/**
 * Calls `visit` with the start and end of each line of `text` (CRLF, CR and LF each end one; a
 * last line without a break is a line too) and says which endings it used. Finds the breaks with
 * indexOf, which the engine runs far faster than a regular expression or a character loop, keeping
 * the next CR and the next LF in hand.
 */
function eachLine(text: string, visit: (from: number, end: number) => void): LineEndings {
  let lf = 0;
  let crlf = 0;
  let cr = 0;
  let start = 0;
  let nextCr = text.indexOf('\r');
  let nextLf = text.indexOf('\n');
  while (nextCr !== -1 || nextLf !== -1) {
    const from = start;
    let end: number;
    if (nextCr !== -1 && (nextLf === -1 || nextCr < nextLf)) {
      end = nextCr;
      if (nextLf === nextCr + 1) {
        crlf++;
        start = nextCr + 2;
        nextLf = text.indexOf('\n', start);
      } else {
        cr++;
        start = nextCr + 1;
      }
      nextCr = text.indexOf('\r', start);
    } else {
      end = nextLf;
      lf++;
      start = nextLf + 1;
      nextLf = text.indexOf('\n', start);
    }
    visit(from, end);
  }
  if (start < text.length) visit(start, text.length);
  return endingsOf(lf, crlf, cr);
}

/** The line endings a text used, from how many of each kind it has. */
function endingsOf(lf: number, crlf: number, cr: number): LineEndings {
  const kinds = (lf > 0 ? 1 : 0) + (crlf > 0 ? 1 : 0) + (cr > 0 ? 1 : 0);
  return kinds === 0 ? 'none' : kinds > 1 ? 'mixed' : lf > 0 ? 'lf' : crlf > 0 ? 'crlf' : 'cr';
}

function pushLine(lines: Line[], raw: string): void {
  lines.push({ n: lines.length + 1, raw, text: raw.trim() });
}

/**
 * Line number (1-based) of each byte offset in UTF-8 input, counting CRLF, CR and LF as one break
 * each, as splitLines does. Offsets must be ascending.
 */
export function lineNumbersOfOffsets(bytes: Uint8Array, offsets: readonly number[]): number[] {
  const result: number[] = [];
  let line = 1;
  let pos = 0;
  for (const offset of offsets) {
    for (; pos < offset; pos++) {
      const b = bytes[pos];
      if (b === 0x0a) line++;
      else if (b === 0x0d && bytes[pos + 1] !== 0x0a) line++;
    }
    result.push(line);
  }
  return result;
}

/** The number of lines of a text and its line endings, as splitLines counts them, without the lines. */
export function countLines(text: string): { lines: number; lineEndings: LineEndings } {
  let lf = 0;
  let crlf = 0;
  let cr = 0;
  for (let at = text.indexOf('\r'); at >= 0; at = text.indexOf('\r', at + 1)) {
    if (text.charCodeAt(at + 1) === 0x0a) crlf++;
    else cr++;
  }
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) lf++;
  lf -= crlf;
  const breaks = lf + crlf + cr;
  const last = text.charCodeAt(text.length - 1);
  const lines = text.length === 0 ? 0 : breaks + (last === 0x0a || last === 0x0d ? 0 : 1);
  return { lines, lineEndings: endingsOf(lf, crlf, cr) };
}

/** Whitespace as String.prototype.trim sees it. */
function isTrimmed(code: number): boolean {
  return (
    code === 0x20 || (code >= 0x09 && code <= 0x0d) || code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff
  );
}

/** The non-blank lines of a text as blocks, and what the whole text has. */
export interface TextBlocks {
  /** At most `limit` blocks: the first non-blank lines. */
  blocks: Block[];
  /** Every non-blank line, counted past the limit too. */
  nonBlank: number;
  lines: number;
  lineEndings: LineEndings;
}

/**
 * The text's non-blank lines as blocks, in one pass: a blank line costs no object (a file of
 * sixteen million line breaks is sixteen million nothings), and past `limit` non-blank lines the
 * rest are only counted, so the caller can refuse an input too large to hold before it is held.
 */
export function textBlocks(text: string, limit = Infinity): TextBlocks {
  const blocks: Block[] = [];
  let n = 0;
  let nonBlank = 0;
  let previous = 0;
  const lineEndings = eachLine(text, (from, end) => {
    n++;
    let i = from;
    while (i < end && isTrimmed(text.charCodeAt(i))) i++;
    if (i === end) return;
    nonBlank++;
    if (blocks.length < limit) {
      const raw = text.slice(from, end);
      blocks.push({ n, raw, text: raw.trim(), gap: blocks.length === 0 || previous < n - 1, role: null });
    }
    previous = n;
  });
  return { blocks, nonBlank, lines: n, lineEndings };
}
