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
  /** Byte offsets (from the start of the input, BOM included) where an invalid UTF-8 sequence starts. */
  invalidOffsets: number[];
}

const utf8Fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const utf8Lenient = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

export function decodeBytes(bytes: Uint8Array): Decoded {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le', { ignoreBOM: true }).decode(bytes.subarray(2)), encoding: 'utf-16le', bom: true, invalidOffsets: [] };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be', { ignoreBOM: true }).decode(bytes.subarray(2)), encoding: 'utf-16be', bom: true, invalidOffsets: [] };
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

const utf8Encoder = new TextEncoder();

/** UTF-8 bytes of a string: how in-memory text is measured and hashed. */
export function encodeUtf8(text: string): Uint8Array {
  return utf8Encoder.encode(text);
}
