/**
 * The HTTP side of a WARC record: its media type, which records are pages, and undoing the
 * transfer and content codings of a payload. The status line and headers themselves are parsed by
 * warcio (warc.ts); this module works on what it gives.
 *
 * Content codings are undone with Node's zlib (gzip, x-gzip, deflate in its zlib and raw forms,
 * br) through the one-shot calls, whose maxOutputLength stops a bomb at the size limit instead of
 * after it: memory stays within the limit whatever the payload expands to.
 */
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { isHtml } from '../../parse/html/sniff.js';

/** A media type read from a Content-Type value. */
export interface MediaType {
  /** type/subtype, lower case, or null when the value names none. */
  type: string | null;
  /** The charset parameter as written (quotes removed), or null. */
  charset: string | null;
}

/**
 * The media type of a Content-Type value. Repeated headers arrive joined with commas (WHATWG
 * Headers); as browsers do, the last value naming a type wins, and a charset given with an
 * earlier value of the same type is kept when the last one has none.
 */
export function parseContentType(value: string | null | undefined): MediaType {
  let result: MediaType = { type: null, charset: null };
  if (!value) return result;
  for (const part of splitOutsideQuotes(value, ',')) {
    const [essence, ...parameters] = splitOutsideQuotes(part, ';');
    const type = essence!.trim().toLowerCase();
    if (!/^[!#$%&'*+.^_`|~0-9a-z-]+\/[!#$%&'*+.^_`|~0-9a-z-]+$/.test(type)) continue;
    let charset: string | null = null;
    for (const parameter of parameters) {
      const equals = parameter.indexOf('=');
      if (equals < 0 || parameter.slice(0, equals).trim().toLowerCase() !== 'charset') continue;
      let raw = parameter.slice(equals + 1).trim();
      if (raw.startsWith('"')) raw = raw.slice(1, raw.endsWith('"') && raw.length > 1 ? -1 : undefined).replace(/\\(.)/g, '$1');
      if (raw !== '') charset = raw;
    }
    result = { type, charset: charset ?? (type === result.type ? result.charset : null) };
  }
  return result;
}

/** Splits on a separator, except inside double-quoted strings. */
function splitOutsideQuotes(value: string, separator: string): string[] {
  const parts: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '\\' && quoted) i++;
    else if (c === '"') quoted = !quoted;
    else if (c === separator && !quoted) {
      parts.push(value.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(value.slice(start));
  return parts;
}

/** The media types of pages and text, kept as records. */
const PAGE_TYPES = new Set(['text/html', 'application/xhtml+xml', 'text/plain']);

/**
 * Media types that say nothing about the payload: no Content-Type, or a server's "I don't know".
 * Such a payload is kept as text/html when its bytes sniff as HTML (the WHATWG rule, as the saved
 * page reader uses it), and skipped otherwise.
 */
const UNKNOWN_TYPES = new Set(['application/octet-stream', 'application/unknown', 'unknown/unknown', '*/*', 'text/unknown']);

/** Whether a media type is a page's (kept), unknown (sniff the payload), or anything else (skipped). */
export function mediaClass(type: string | null): 'page' | 'unknown' | 'other' {
  if (type === null || UNKNOWN_TYPES.has(type)) return 'unknown';
  return PAGE_TYPES.has(type) ? 'page' : 'other';
}

/** Whether a payload of unknown type is a web page. */
export function sniffsAsPage(bytes: Uint8Array): boolean {
  return isHtml(bytes);
}

/**
 * Whether an HTTP status is a whole page's: any 2xx except 204 and 205 (no content) and 206 (a
 * byte range, not the page).
 */
export function isPageStatus(status: number | null): boolean {
  return status !== null && status >= 200 && status <= 299 && status !== 204 && status !== 205 && status !== 206;
}

/** Whether a target URI is a crawler's robots.txt: text/plain, but not a page. */
export function isRobotsTxt(uri: string): boolean {
  try {
    return new URL(uri).pathname.toLowerCase() === '/robots.txt';
  } catch {
    return false;
  }
}

/** The codings named by a Content-Encoding or Transfer-Encoding value, lower case, in the order applied. */
export function codings(value: string | null | undefined): string[] {
  if (!value) return [];
  return value
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity');
}

/** Why a payload could not be decoded: too large (past the limit) or corrupt. */
export class PayloadError extends Error {
  constructor(
    readonly reason: 'too-large' | 'corrupt',
    message: string,
  ) {
    super(message);
  }
}

const gunzip = promisify(zlib.gunzip);
const inflate = promisify(zlib.inflate);
const inflateRaw = promisify(zlib.inflateRaw);
const brotli = promisify(zlib.brotliDecompress);

/**
 * Undoes the content codings (in reverse order of application). A payload cut short (a capture
 * stopped early, WARC-Truncated) gives what it holds, as browsers show it.
 *
 * Some capture tools store the body already decoded but keep the Content-Encoding header. So a
 * payload that is not in the coding at all is kept as it is: for gzip, one without gzip's magic
 * bytes; for deflate and br, whose bytes carry no signature, one that fails to decode and reads as
 * text. A payload that starts in the coding and then breaks is corrupt. Throws PayloadError.
 */
export async function decodeContent(payload: Uint8Array, names: readonly string[], maxBytes: number): Promise<Uint8Array> {
  let bytes = payload;
  for (const name of [...names].reverse()) bytes = await decodeOne(bytes, name, maxBytes);
  return bytes;
}

async function decodeOne(bytes: Uint8Array, name: string, maxBytes: number): Promise<Uint8Array> {
  if (bytes.length === 0) return bytes;
  // Z_SYNC_FLUSH: a stream cut short yields what it holds instead of an error.
  const options = { maxOutputLength: maxBytes, finishFlush: zlib.constants.Z_SYNC_FLUSH };
  const attempt = async (run: () => Promise<Buffer>, plainIfFails: boolean): Promise<Uint8Array> => {
    try {
      const out = await run();
      return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) {
        throw new PayloadError('too-large', `its payload (Content-Encoding ${name}) expands past the limit of ${maxBytes} bytes`);
      }
      if (plainIfFails) return bytes;
      throw new PayloadError('corrupt', `its payload (Content-Encoding ${name}) is corrupt: ${(error as Error).message}`);
    }
  };
  switch (name) {
    case 'gzip':
    case 'x-gzip':
      if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
      return attempt(() => gunzip(bytes, options), false);
    case 'deflate':
      // RFC 9110 deflate is the zlib format; servers that send raw deflate are common enough that
      // browsers accept both. The zlib header is two bytes whose value is a multiple of 31.
      if ((bytes[0]! & 0x0f) === 8 && bytes.length > 1 && ((bytes[0]! << 8) | bytes[1]!) % 31 === 0) {
        return attempt(() => inflate(bytes, options), false);
      }
      return attempt(() => inflateRaw(bytes, options), looksLikeText(bytes));
    case 'br':
      return attempt(() => brotli(bytes, { maxOutputLength: maxBytes }), looksLikeText(bytes));
    default:
      throw new PayloadError('corrupt', `its payload has a Content-Encoding the reader does not know ('${name}')`);
  }
}

/** Whether bytes read as text (no control characters but whitespace in the first KiB): a body stored decoded. */
function looksLikeText(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, 1024);
  for (let i = 0; i < end; i++) {
    const b = bytes[i]!;
    if (b < 0x09 || (b > 0x0d && b < 0x20) || b === 0x7f) return false;
  }
  return true;
}
