/**
 * Whether an input is a web page: its bytes, as the WHATWG MIME Sniffing standard tells HTML from
 * text (after whitespace, one of the tags a page opens with, or a comment), and its name when it
 * ends like a saved page's and the bytes hold markup.
 */

/** The names of saved pages: what browsers, `wget -m` (kcna.kp's .kcmsf) and servers give them. */
export const HTML_EXTENSIONS = ['.html', '.htm', '.xhtml', '.kcmsf'] as const;

/** The WHATWG sniffing patterns for text/html, upper-cased; each must be followed by a space, '>' (or, as browsers allow, other whitespace or '/'). */
const OPENERS = ['<!DOCTYPE HTML', '<HTML', '<HEAD', '<SCRIPT', '<IFRAME', '<H1', '<DIV', '<FONT', '<TABLE', '<A', '<STYLE', '<TITLE', '<B', '<BODY', '<BR', '<P'];

/** Whether the name ends like a saved page's (case-insensitive). */
export function hasHtmlName(name: string | null | undefined): boolean {
  if (!name) return false;
  const lower = name.toLowerCase();
  return HTML_EXTENSIONS.some((extension) => lower.endsWith(extension));
}

/**
 * Whether the bytes are a web page.
 * @param name the input's name, if known: a saved page's name makes markup anywhere in the first
 *   4 KB enough (a page whose doctype a saving tool dropped).
 */
export function isHtml(bytes: Uint8Array, name: string | null = null): boolean {
  const { start, step, offset } = layoutOf(bytes);
  if (sniffsAsHtml(bytes, start, step, offset)) return true;
  return hasHtmlName(name) && /<(?:[a-z][a-z0-9]*[\s>/]|!--|!doctype)/iu.test(asciiHead(bytes, start, step, offset, 4096));
}

const TAG_TERMINATING = new Set([0x20, 0x3e, 0x2f, 0x09, 0x0a, 0x0d, 0x0c]);

/** The WHATWG rule on the start of the bytes (after a byte order mark and whitespace), read from the bytes. */
function sniffsAsHtml(bytes: Uint8Array, start: number, step: number, offset: number): boolean {
  const at = (i: number): number => {
    const index = start + offset + i * step;
    if (index >= bytes.length) return -1;
    return step === 2 && bytes[index + (offset === 0 ? 1 : -1)] !== 0 ? 0xfffd : bytes[index]!;
  };
  let i = 0;
  for (let c = at(0); c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x0c; c = at(++i));
  if (at(i) !== 0x3c) return false;
  // The next sixteen characters, upper-cased ASCII: enough for every opener.
  let upper = '';
  for (let k = 0; k < 16; k++) {
    const c = at(i + k);
    if (c < 0) break;
    upper += String.fromCharCode(c >= 0x61 && c <= 0x7a ? c - 0x20 : c < 0x80 ? c : 0xfffd);
  }
  if (upper.startsWith('<!--')) return true;
  for (const opener of OPENERS) {
    if (!upper.startsWith(opener)) continue;
    const next = at(i + opener.length);
    if (next < 0 || TAG_TERMINATING.has(next)) return true;
  }
  // An XHTML page opens with its XML declaration, then an HTML doctype or root.
  return upper.startsWith('<?XML') && /<(?:!doctype\s+html|html[\s>])/iu.test(asciiHead(bytes, start, step, offset, 1024));
}

/** Where the characters start, and how they are laid out: a UTF-8 or UTF-16 byte order mark. */
function layoutOf(bytes: Uint8Array): { start: number; step: number; offset: number } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { start: 3, step: 1, offset: 0 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { start: 2, step: 2, offset: 0 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { start: 2, step: 2, offset: 1 };
  return { start: 0, step: 1, offset: 0 };
}

/**
 * The first `limit` characters as text good enough for sniffing: ASCII kept, anything else as
 * U+FFFD; read as UTF-16 when a UTF-16 byte order mark says so. Whitespace runs are read past
 * without being copied, so the usual page costs a few characters.
 */
function asciiHead(bytes: Uint8Array, start: number, step: number, offset: number, limit: number): string {
  const end = Math.min(bytes.length, start + limit * step);
  const codes: number[] = [];
  for (let i = start + offset; i < end; i += step) {
    const b = bytes[i]!;
    const other = step === 2 ? bytes[i + (offset === 0 ? 1 : -1)] : 0;
    codes.push(other !== 0 || b >= 0x80 ? 0xfffd : b);
  }
  return String.fromCharCode.apply(null, codes.length > 8192 ? codes.slice(0, 8192) : codes);
}
