/**
 * Bytes of a web page to text, as a browser decides (the HTML standard's encoding sniffing): a byte
 * order mark, then the charset the caller knows from the transport (an HTTP header kept in a web
 * archive), then the <meta charset> / http-equiv prescan of the first 1024 bytes, then UTF-8 when
 * the bytes are valid UTF-8, else windows-1252. The sniffing is html-encoding-sniffer's and the
 * decoders are @exodus/bytes' (the Encoding Standard's tables: Node's own TextDecoder reads
 * windows-1252 as ISO-8859-1, so curly quotes in 0x93/0x94 would become C1 controls).
 *
 * A declaration that is wrong for the bytes is not followed blindly: a page declaring a legacy
 * charset whose bytes are valid UTF-8 with text beyond ASCII (a page re-saved as UTF-8 with its old
 * <meta> kept) is read as UTF-8, and the mismatch is reported; bytes invalid in the charset used
 * become U+FFFD, each reported with its line and byte offset.
 */
import { createRequire } from 'node:module';
import type * as Encoding from '@exodus/bytes/encoding.js';
import type sniffHtmlEncodingType from 'html-encoding-sniffer';

/**
 * The decoders and the sniffer, loaded when the first web page is decoded: importing kcna-parse, or
 * reading text captures only, loads neither (the decoders' tables are large, the sniffer is
 * CommonJS). Both are required synchronously, as parseDispatch is synchronous.
 */
let libraries: { encoding: typeof Encoding; sniff: typeof sniffHtmlEncodingType } | undefined;
function load(): { encoding: typeof Encoding; sniff: typeof sniffHtmlEncodingType } {
  if (libraries === undefined) {
    const require = createRequire(import.meta.url);
    libraries = { encoding: require('@exodus/bytes/encoding.js') as typeof Encoding, sniff: require('html-encoding-sniffer') as typeof sniffHtmlEncodingType };
  }
  return libraries;
}
const sniffHTMLEncoding = (...args: Parameters<typeof sniffHtmlEncodingType>): string => load().sniff(...args);
const getBOMEncoding = (bytes: Uint8Array) => load().encoding.getBOMEncoding(bytes);
const labelToName = (label: string) => load().encoding.labelToName(label);
import { findInvalidUtf16, findInvalidUtf8 } from '../decode.js';

/** Why a page was decoded with its encoding. */
export type EncodingSource = 'bom' | 'transport' | 'meta' | 'utf-8' | 'default';

export interface HtmlDecoded {
  text: string;
  /** The Encoding Standard's name, lower-cased: 'utf-8', 'euc-kr', 'windows-1252'. */
  encoding: string;
  bom: boolean;
  source: EncodingSource;
  /** Byte offsets (from the start of the input) of the first invalid sequence of each line that has one. */
  invalid: InvalidRun[];
  /** Each declared charset that was not used, and why. */
  overruled: Overruled[];
}

/** A charset the transport or the page declared, and why it was not used. */
export interface Overruled {
  declared: string;
  source: 'transport' | 'meta';
  reason: string;
}

/** Invalid bytes on one line: how many sequences, and where the first starts. */
export interface InvalidRun {
  line: number;
  byteOffset: number;
  count: number;
}

type Decoder = InstanceType<typeof Encoding.TextDecoder>;

const decoders = new Map<string, { lenient: Decoder; fatal: Decoder }>();

function decoderFor(encoding: string): { lenient: Decoder; fatal: Decoder } {
  let pair = decoders.get(encoding);
  if (!pair) {
    const { TextDecoder } = load().encoding;
    pair = { lenient: new TextDecoder(encoding, { ignoreBOM: true }), fatal: new TextDecoder(encoding, { fatal: true, ignoreBOM: true }) };
    decoders.set(encoding, pair);
  }
  return pair;
}

/** The Encoding Standard's name of a label, lower-cased, or null for an unknown label or 'replacement'. */
export function encodingOfLabel(label: string): string | null {
  const name = labelToName(label.trim())?.toLowerCase() ?? null;
  // 'replacement' (iso-2022-kr, hz-gb-2312...) would turn the whole page into one U+FFFD.
  return name === 'replacement' ? null : name;
}

/** Why a label is not used: unknown, or one browsers decode to nothing. */
function refusal(label: string): string {
  return labelToName(label.trim())?.toLowerCase() === 'replacement' ? 'browsers decode it to nothing (the "replacement" encoding)' : 'it is not a charset a browser knows';
}

/**
 * Decodes a page.
 * @param transport the charset the caller knows for these bytes (an HTTP Content-Type's), if any.
 */
export function decodeHtml(bytes: Uint8Array, transport: string | null = null): HtmlDecoded {
  // Only the WHATWG's three byte order marks: browsers know no UTF-32, and read FF FE 00 00 as
  // UTF-16LE. A page with a UTF-32 byte order mark does not get here: parseDispatch refuses it
  // first, naming UTF-32 (detectBinary in ../binary.ts), rather than read it as the NUL-laden
  // UTF-16 a browser would show.
  const bomEncoding = getBOMEncoding(bytes);
  if (bomEncoding !== null) {
    const skip = bomEncoding === 'utf-8' ? 3 : 2;
    return decodeWith(bytes, skip, bomEncoding, 'bom', []);
  }
  const overruled: Overruled[] = [];
  if (transport !== null) {
    const encoding = encodingOfLabel(transport);
    if (encoding !== null) return checked(bytes, encoding, 'transport', overruled);
    overruled.push({ declared: transport, source: 'transport', reason: refusal(transport) });
  }
  const sniffed = sniffHTMLEncoding(bytes, { defaultEncoding: '' });
  const sniffedEncoding = sniffed === '' ? null : encodingOfLabel(sniffed);
  if (sniffedEncoding !== null) return checked(bytes, sniffedEncoding, 'meta', overruled);
  // A <meta> whose charset was refused (unknown, or one decoding to nothing), or one too malformed
  // for browsers to take (an http-equiv that is not quite Content-Type): said, under the label the
  // page wrote, then passed by.
  const declared = declaredCharset(bytes) ?? (sniffed === '' ? null : sniffed);
  const utf8 = decodeWith(bytes, 0, 'utf-8', 'utf-8', overruled);
  // Valid UTF-8, or UTF-8 with a stray byte or two of another encoding (a page pasted together):
  // read as UTF-8, each invalid sequence reported where it is. windows-1252 only for bytes that are
  // mostly not UTF-8, as an old page that declares nothing is.
  const decoded = utf8.invalid.length === 0 || mostlyUtf8(bytes, utf8.invalid) ? utf8 : decodeWith(bytes, 0, 'windows-1252', 'default', overruled);
  if (declared !== null) {
    const known = encodingOfLabel(declared);
    if (known === null) decoded.overruled = overruled.concat({ declared, source: 'meta', reason: refusal(declared) });
    else if (known !== decoded.encoding) decoded.overruled = overruled.concat({ declared, source: 'meta', reason: 'the <meta> declaring it is malformed, so browsers pass it by' });
  }
  return decoded;
}

/**
 * Decodes with a declared charset, unless the bytes say plainly that it is wrong: a legacy charset
 * declared for bytes that are valid UTF-8 and hold text beyond ASCII (a page saved again as UTF-8
 * with its old declaration kept). Text in a legacy encoding is almost never valid UTF-8 (its
 * non-ASCII bytes would have to fall in UTF-8's lead-and-continuation patterns throughout), while
 * UTF-8 read as windows-1252 or EUC-KR is always wrong.
 */
function checked(bytes: Uint8Array, encoding: string, source: 'transport' | 'meta', overruled: Overruled[]): HtmlDecoded {
  if (encoding !== 'utf-8' && encoding !== 'utf-16le' && encoding !== 'utf-16be' && !isAscii(bytes)) {
    const utf8 = decodeWith(bytes, 0, 'utf-8', 'utf-8', overruled);
    if (utf8.invalid.length === 0) {
      utf8.overruled = overruled.concat({ declared: encoding, source, reason: 'the bytes are UTF-8' });
      return utf8;
    }
  }
  return decodeWith(bytes, 0, encoding, source, overruled);
}

/**
 * Whether bytes with some invalid UTF-8 are UTF-8 all the same: their valid multi-byte sequences
 * outnumber the invalid ones four to one. A page in windows-1252 has almost no valid multi-byte
 * sequence (a lead byte followed by the right continuation bytes is rare in Latin text); a UTF-8
 * page with one stray windows-1252 quote has as many as it has non-ASCII characters.
 */
function mostlyUtf8(bytes: Uint8Array, invalid: readonly InvalidRun[]): boolean {
  let invalidCount = 0;
  for (const run of invalid) invalidCount += run.count;
  let valid = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b < 0xc2 || b > 0xf4) continue;
    const need = b < 0xe0 ? 1 : b < 0xf0 ? 2 : 3;
    let ok = true;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || c < 0x80 || c > 0xbf) {
        ok = false;
        break;
      }
    }
    if (ok) {
      valid++;
      i += need;
    }
  }
  return valid >= 4 * invalidCount;
}

function isAscii(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0x80) return false;
  return true;
}

function decodeWith(bytes: Uint8Array, skip: number, encoding: string, source: EncodingSource, overruled: Overruled[]): HtmlDecoded {
  const body = bytes.subarray(skip);
  const { lenient, fatal } = decoderFor(encoding);
  let text: string;
  let invalid: InvalidRun[] = [];
  try {
    text = fatal.decode(body);
  } catch {
    text = lenient.decode(body);
    invalid = findInvalid(bytes, skip, encoding, text);
  }
  return { text, encoding, bom: skip > 0, source, invalid, overruled };
}

/** Where the bytes are invalid in `encoding`: per line, the count and the first byte offset. */
function findInvalid(bytes: Uint8Array, skip: number, encoding: string, text: string): InvalidRun[] {
  if (encoding === 'utf-8') return runsOfOffsets(bytes, findInvalidUtf8(bytes.subarray(skip), skip), false);
  if (encoding === 'utf-16le' || encoding === 'utf-16be') return runsOfOffsets(bytes, findInvalidUtf16(bytes, encoding === 'utf-16le'), encoding === 'utf-16le' ? 'le' : 'be');
  // A legacy encoding cannot write U+FFFD: each one in the text is a sequence the decoder refused.
  // Line breaks are single ASCII bytes in every such encoding, so each line's bytes are known, and
  // the first refused sequence of a line is found by decoding growing prefixes of it (bounded).
  const runs: InvalidRun[] = [];
  let line = 1;
  let lineStartByte = skip;
  let textLineStart = 0;
  let count = 0;
  let byteCursor = skip;
  const finishLine = (lineEndByte: number, textLineEnd: number) => {
    if (count > 0) runs.push({ line, byteOffset: firstInvalidOffset(bytes, lineStartByte, lineEndByte, encoding, text.slice(textLineStart, textLineEnd)), count });
    count = 0;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xfffd) count++;
    else if (c === 0x0a || (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) {
      // The matching byte: the next LF (or lone CR) at or after the cursor.
      let b = byteCursor;
      while (b < bytes.length && bytes[b] !== c) b++;
      finishLine(b, i);
      line++;
      byteCursor = b + 1;
      lineStartByte = byteCursor;
      textLineStart = i + 1;
    }
  }
  finishLine(bytes.length, text.length);
  return runs;
}

/** Largest line searched byte by byte for its first invalid sequence; past it the line's start is given. */
const SEARCH_LIMIT = 64 * 1024;

function firstInvalidOffset(bytes: Uint8Array, start: number, end: number, encoding: string, lineText: string): number {
  const replaced = lineText.indexOf('\ufffd');
  if (end - start > SEARCH_LIMIT || replaced < 0) return start;
  const { TextDecoder } = load().encoding;
  // Whether the decoder has refused a sequence among the first `replaced + 1` characters once it
  // has read the first k bytes of the line. Decoded as a stream: a character the prefix cuts in
  // two is waited for, not refused.
  const refusedBy = (k: number, stream: boolean): boolean =>
    new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes.subarray(start, start + k), { stream }).slice(0, replaced + 1).includes('\ufffd');
  let lo = 1;
  let hi = end - start;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (refusedBy(mid, true)) hi = mid;
    else lo = mid + 1;
  }
  // The refusal came with byte lo - 1; the refused sequence starts where the bytes read so far
  // stopped making whole characters: the longest prefix that decodes, flushed, without a refusal.
  let at = lo - 1;
  while (at > 0 && refusedBy(at, false)) at--;
  return start + at;
}

function runsOfOffsets(bytes: Uint8Array, offsets: readonly number[], utf16: false | 'le' | 'be'): InvalidRun[] {
  const runs: InvalidRun[] = [];
  let line = 1;
  let pos = utf16 ? 2 : 0;
  const step = utf16 ? 2 : 1;
  const unit = (at: number): number =>
    utf16 === 'le' ? bytes[at]! | ((bytes[at + 1] ?? 0) << 8) : utf16 === 'be' ? (bytes[at]! << 8) | (bytes[at + 1] ?? 0) : bytes[at]!;
  for (const offset of offsets) {
    for (; pos < offset; pos += step) {
      const u = unit(pos);
      if (u === 0x0a || (u === 0x0d && (pos + step >= bytes.length || unit(pos + step) !== 0x0a))) line++;
    }
    const last = runs.at(-1);
    if (last && last.line === line) last.count++;
    else runs.push({ line, byteOffset: offset, count: 1 });
  }
  return runs;
}

/**
 * The charset a <meta> declares, as written, when the prescan found one it does not know (so that
 * the warning can name it): a cheap look at the first 1024 bytes.
 */
function declaredCharset(bytes: Uint8Array): string | null {
  const head = decoderFor('windows-1252').lenient.decode(bytes.subarray(0, 1024));
  const m = /<meta[^>]*?charset\s*=\s*["']?\s*([^\s"'>;/]{1,40})/iu.exec(head);
  return m ? m[1]! : null;
}
