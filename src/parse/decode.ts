/**
 * Bytes to text. Encodings are told apart only by a byte order mark: UTF-16 LE/BE when one says so,
 * UTF-8 otherwise. Invalid UTF-8 never refuses the input: each invalid sequence becomes U+FFFD and
 * its byte offset is reported so the caller can warn about it.
 */

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be';

export interface Decoded {
  text: string;
  encoding: Encoding;
  bom: boolean;
  /**
   * Byte offsets (from the start of the input, BOM included) where an invalid sequence starts: for
   * UTF-8 an invalid byte sequence, for UTF-16 a lone surrogate or a final odd byte.
   */
  invalidOffsets: number[];
}

const utf8Fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const utf8Lenient = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

export function decodeBytes(bytes: Uint8Array): Decoded {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le', { ignoreBOM: true }).decode(bytes.subarray(2)), encoding: 'utf-16le', bom: true, invalidOffsets: findInvalidUtf16(bytes, true) };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be', { ignoreBOM: true }).decode(bytes.subarray(2)), encoding: 'utf-16be', bom: true, invalidOffsets: findInvalidUtf16(bytes, false) };
  }
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const start = bom ? 3 : 0;
  const body = bytes.subarray(start);
  try {
    return { text: utf8Fatal.decode(body), encoding: 'utf-8', bom, invalidOffsets: [] };
  } catch {
    return { text: utf8Lenient.decode(body), encoding: 'utf-8', bom, invalidOffsets: findInvalidUtf8(body, start) };
  }
}

/**
 * Start offsets of the invalid sequences in `bytes` (each plus `base`), following the same
 * boundaries as the WHATWG decoder: a sequence ends at the first byte that cannot continue it.
 */
export function findInvalidUtf8(bytes: Uint8Array, base = 0): number[] {
  const offsets: number[] = [];
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lower = 0x80;
    let upper = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lower = 0xa0;
      if (b === 0xed) upper = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lower = 0x90;
      if (b === 0xf4) upper = 0x8f;
    } else {
      offsets.push(base + i);
      i++;
      continue;
    }
    let j = 1;
    for (; j <= need; j++) {
      const c = bytes[i + j];
      const lo = j === 1 ? lower : 0x80;
      const hi = j === 1 ? upper : 0xbf;
      if (c === undefined || c < lo || c > hi) break;
    }
    if (j <= need) {
      offsets.push(base + i);
      i += j; // the valid prefix is consumed with the lead byte, as the WHATWG decoder does
    } else {
      i += need + 1;
    }
  }
  return offsets;
}

/**
 * Byte offsets of damage in UTF-16 after a 2-byte BOM: each lone surrogate (a high one not followed
 * by a low one, or a low one on its own) and a final odd byte. The decoder turns each into U+FFFD.
 */
export function findInvalidUtf16(bytes: Uint8Array, littleEndian: boolean): number[] {
  const offsets: number[] = [];
  const end = bytes.length - ((bytes.length - 2) % 2);
  const unit = (at: number): number => (littleEndian ? bytes[at]! | (bytes[at + 1]! << 8) : (bytes[at]! << 8) | bytes[at + 1]!);
  for (let i = 2; i < end; i += 2) {
    const u = unit(i);
    if (u < 0xd800 || u > 0xdfff) continue;
    if (u <= 0xdbff && i + 2 < end) {
      const next = unit(i + 2);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i += 2;
        continue;
      }
    }
    offsets.push(i);
  }
  if (end < bytes.length) offsets.push(end);
  return offsets;
}

/**
 * Line number (1-based) of each byte offset in UTF-16 input (after its 2-byte BOM), counting CRLF,
 * CR and LF as one break each, as splitLines does. Offsets must be ascending.
 */
export function utf16LineNumbers(bytes: Uint8Array, littleEndian: boolean, offsets: readonly number[]): number[] {
  const result: number[] = [];
  const unit = (at: number): number => (at + 1 >= bytes.length ? -1 : littleEndian ? bytes[at]! | (bytes[at + 1]! << 8) : (bytes[at]! << 8) | bytes[at + 1]!);
  let line = 1;
  let pos = 2;
  for (const offset of offsets) {
    for (; pos < offset; pos += 2) {
      const u = unit(pos);
      if (u === 0x0a) line++;
      else if (u === 0x0d && unit(pos + 2) !== 0x0a) line++;
    }
    result.push(line);
  }
  return result;
}

const utf8Encoder = new TextEncoder();

/** UTF-8 bytes of a string: how in-memory text is measured and hashed. */
export function encodeUtf8(text: string): Uint8Array {
  return utf8Encoder.encode(text);
}
