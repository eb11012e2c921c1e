/**
 * Telling a text dump from a binary file, and finding stray NUL characters in text. Both run in
 * time linear in the input and allocate nothing when the input is clean text: binary detection
 * looks only at the first bytes, and NULs are looked for with indexOf before any line is counted.
 */
import type { Decoded } from './decode.js';

/** How much of the input the NUL share is measured over. */
export const SNIFF_BYTES = 8 * 1024;

/** More NUL bytes than this share of the sniffed bytes make the input binary. */
export const MAX_NUL_SHARE = 0.1;

interface Signature {
  name: string;
  /** Bytes at `offset` (default 0); null matches any byte. */
  bytes: ReadonlyArray<number | null>;
  offset?: number;
  /** A further check, for signatures too short to trust alone. */
  also?: (bytes: Uint8Array) => boolean;
}

const ascii = (text: string): number[] => [...text].map((c) => c.charCodeAt(0));

/** Whether a NUL byte sits among bytes [from, to): real headers of these formats always have one. */
const nulBetween = (from: number, to: number) => (bytes: Uint8Array) => {
  const at = bytes.indexOf(0, from);
  return at >= 0 && at < to;
};

/**
 * Formats people are likely to find in a folder of downloads by mistake. None of these prefixes can
 * open a KCNA dump: each holds bytes that are not printable text (or is checked further).
 */
const SIGNATURES: readonly Signature[] = [
  { name: 'PNG image', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { name: 'JPEG image', bytes: [0xff, 0xd8, 0xff] },
  { name: 'GIF image', bytes: ascii('GIF87a') },
  { name: 'GIF image', bytes: ascii('GIF89a') },
  { name: 'TIFF image', bytes: [0x49, 0x49, 0x2a, 0x00] },
  { name: 'TIFF image', bytes: [0x4d, 0x4d, 0x00, 0x2a] },
  { name: 'WebP image', bytes: [...ascii('RIFF'), null, null, null, null, ...ascii('WEBP')] },
  { name: 'WAV audio', bytes: [...ascii('RIFF'), null, null, null, null, ...ascii('WAVE')] },
  { name: 'AVI video', bytes: [...ascii('RIFF'), null, null, null, null, ...ascii('AVI ')] },
  // The box size before 'ftyp' is a big-endian length far below 16 MiB: its first byte is 0.
  { name: 'MP4/QuickTime media', bytes: ascii('ftyp'), offset: 4, also: (b) => b[0] === 0 },
  { name: 'MP3 audio', bytes: ascii('ID3'), also: (b) => b[3] !== undefined && b[3] >= 2 && b[3] <= 4 && b[4] === 0 },
  { name: 'Ogg media', bytes: ascii('OggS') },
  { name: 'FLAC audio', bytes: ascii('fLaC') },
  { name: 'PDF document', bytes: ascii('%PDF-') },
  { name: 'ZIP archive or Office document (.docx, .xlsx, .odt, .epub)', bytes: [0x50, 0x4b, 0x03, 0x04] },
  { name: 'ZIP archive', bytes: [0x50, 0x4b, 0x05, 0x06] },
  { name: 'ZIP archive', bytes: [0x50, 0x4b, 0x07, 0x08] },
  { name: 'Microsoft Office document (.doc, .xls, .ppt)', bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] },
  { name: 'gzip archive', bytes: [0x1f, 0x8b, 0x08] },
  // 'BZh' could open a line of text; the block magic after the level digit cannot.
  { name: 'bzip2 archive', bytes: [...ascii('BZh'), null, 0x31, 0x41, 0x59, 0x26, 0x53, 0x59] },
  { name: 'bzip2 archive', bytes: [...ascii('BZh'), null, 0x17, 0x72, 0x45, 0x38, 0x50, 0x90] },
  { name: 'xz archive', bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00] },
  { name: '7z archive', bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c] },
  { name: 'zstd archive', bytes: [0x28, 0xb5, 0x2f, 0xfd] },
  { name: 'RAR archive', bytes: [...ascii('Rar!'), 0x1a, 0x07] },
  // Text could hold 'ustar' at byte 257 ('custard'); a tar header is padded with NUL bytes.
  { name: 'tar archive', bytes: ascii('ustar'), offset: 257, also: nulBetween(0, 257) },
  { name: 'SQLite database', bytes: [...ascii('SQLite format 3'), 0x00] },
  { name: 'ELF executable', bytes: [0x7f, 0x45, 0x4c, 0x46] },
  { name: 'Mach-O executable', bytes: [0xfe, 0xed, 0xfa, 0xce] },
  { name: 'Mach-O executable', bytes: [0xfe, 0xed, 0xfa, 0xcf] },
  { name: 'Mach-O executable', bytes: [0xce, 0xfa, 0xed, 0xfe] },
  { name: 'Mach-O executable', bytes: [0xcf, 0xfa, 0xed, 0xfe] },
  { name: 'Mach-O universal binary or Java class file', bytes: [0xca, 0xfe, 0xba, 0xbe] },
  // 'MZ' alone could open a line of text; a DOS header always has NUL bytes in its first 64.
  { name: 'Windows/DOS executable', bytes: ascii('MZ'), also: nulBetween(2, 64) },
  { name: 'WebAssembly module', bytes: [0x00, 0x61, 0x73, 0x6d] },
];

function matches(bytes: Uint8Array, signature: Signature): boolean {
  const offset = signature.offset ?? 0;
  if (bytes.length < offset + signature.bytes.length) return false;
  for (let i = 0; i < signature.bytes.length; i++) {
    const expected = signature.bytes[i];
    if (expected !== null && bytes[offset + i] !== expected) return false;
  }
  return signature.also?.(bytes) ?? true;
}

/**
 * Whether the input is binary rather than text: a known file signature at its start, or NUL bytes
 * in more than a tenth of its first 8 KiB. UTF-16 (told by its byte order mark) is text however
 * many NUL bytes it has: every ASCII character brings one. UTF-32 (told by its byte order mark) is
 * refused with a message naming it (utf32Bom).
 * @returns why the input is refused, ready to show ('binary file (PNG image), not a text dump'), or
 *   null for text.
 */
export function detectBinary(bytes: Uint8Array): string | null {
  const signature = SIGNATURES.find((candidate) => matches(bytes, candidate));
  if (signature) return `binary file (${signature.name}), not a text dump`;
  const utf32 = utf32Bom(bytes);
  if (utf32 !== null) {
    return `${utf32.name} text (byte order mark ${utf32.bom}), an encoding kcna-parse does not read: convert it to UTF-8 first, e.g. iconv -f UTF-32 -t UTF-8`;
  }

  const utf16 = bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
  if (utf16) return null;
  const window = bytes.subarray(0, SNIFF_BYTES);
  let nuls = 0;
  for (let at = window.indexOf(0); at >= 0; at = window.indexOf(0, at + 1)) nuls++;
  if (nuls > window.length * MAX_NUL_SHARE) {
    return `binary file (${nuls} of its first ${window.length} bytes are NUL), not a text dump; UTF-16 text needs a byte order mark`;
  }
  return null;
}

/**
 * A UTF-32 byte order mark: 00 00 FE FF (big-endian) or FF FE 00 00 (little-endian), followed by
 * whole 4-byte code points. The little-endian one also opens UTF-16LE text whose first character is
 * U+0000, as the WHATWG Encoding Standard (which knows no UTF-32, nor do browsers) reads it; it is
 * taken for UTF-32 only when the first code units after it are code points (at most U+10FFFF).
 * Neither the schema (source.encoding) nor a web page knows UTF-32: such input is refused with a
 * message that names it, instead of being misread as UTF-16 or as binary.
 */
function utf32Bom(bytes: Uint8Array): { name: string; bom: string } | null {
  if (bytes.length < 4) return null;
  const little = bytes[0] === 0xff && bytes[1] === 0xfe && bytes[2] === 0 && bytes[3] === 0;
  const big = bytes[0] === 0 && bytes[1] === 0 && bytes[2] === 0xfe && bytes[3] === 0xff;
  if (big) return { name: 'UTF-32BE', bom: '00 00 FE FF' };
  if (!little) return null;
  for (let at = 4; at + 3 < bytes.length && at < 4 + 4 * 256; at += 4) {
    if (bytes[at + 3] !== 0 || bytes[at + 2]! > 0x10) return null;
  }
  return { name: 'UTF-32LE', bom: 'FF FE 00 00' };
}

/** The NUL characters of one line: where the first is and how many there are. */
export interface NulRun {
  /** 1-based line number, as splitLines counts lines. */
  line: number;
  /** Byte offset of the line's first NUL, from the start of the input (byte order mark included). */
  byteOffset: number;
  count: number;
}

/**
 * The NUL characters left in decoded text, grouped by line. `bytes` are the input's bytes (the
 * UTF-8 encoding of text input); `decoded` is what decodeBytes made of them.
 */
export function findNuls(bytes: Uint8Array, decoded: Pick<Decoded, 'text'> & { encoding: string }): NulRun[] {
  if (decoded.encoding !== 'utf-16le' && decoded.encoding !== 'utf-16be') {
    // An invalid UTF-8 sequence never swallows a NUL or a line break, so bytes and text agree; the
    // same holds for every legacy encoding of web pages (NUL and line breaks are single bytes).
    if (bytes.indexOf(0) < 0) return [];
    return groupByLine(bytes.length, (i) => bytes[i]!, (i) => i);
  }
  const { text } = decoded;
  if (text.indexOf('\0') < 0) return [];
  // UTF-16: one code unit per two bytes, after the two-byte byte order mark.
  return groupByLine(text.length, (i) => text.charCodeAt(i), (i) => 2 + 2 * i);
}

/** One pass over the code units, counting lines as splitLines does (CRLF, CR and LF each end one). */
function groupByLine(length: number, unitAt: (i: number) => number, byteOffsetOf: (i: number) => number): NulRun[] {
  const runs: NulRun[] = [];
  let line = 1;
  let current: NulRun | undefined;
  for (let i = 0; i < length; i++) {
    const unit = unitAt(i);
    if (unit === 0x0a || (unit === 0x0d && unitAt(i + 1) !== 0x0a)) {
      line++;
    } else if (unit === 0) {
      if (current?.line === line) current.count++;
      else runs.push((current = { line, byteOffset: byteOffsetOf(i), count: 1 }));
    }
  }
  return runs;
}
