/**
 * Splitting a byte stream into lines without holding more than the current line: NDJSON's
 * records. A line ends at LF; a CR before it is dropped, so CRLF files read the same.
 */

import { firstInvalidUtf8 } from '../io/utf8.js';

/** One line of the input, without its line end, with its 1-based number. */
export interface Line {
  line: number;
  text: string;
  /**
   * The byte offset in the input of the line's first byte that is not valid UTF-8 (its text has
   * U+FFFD there); absent when the line is valid UTF-8.
   */
  invalidByte?: number;
}

const LF = 0x0a;

/** An input as the readers take it: chunks of bytes (or text) that are never reused once handed over. */
export type Chunks = AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>;

/** The lines of a stream of chunks, decoded as UTF-8; a UTF-8 byte order mark at the start is skipped. */
export async function* splitLines(chunks: Chunks): AsyncGenerator<Line> {
  let pending: Buffer[] = [];
  let line = 1;
  /** The input's bytes before the pending line. */
  let offset = 0;
  for await (const chunk of chunks) {
    const bytes = toBuffer(chunk);
    let start = 0;
    for (let end = bytes.indexOf(LF, start); end !== -1; end = bytes.indexOf(LF, start)) {
      pending.push(bytes.subarray(start, end));
      const { length, ...decoded } = decodeLine(pending, line === 1, offset);
      yield { line, ...decoded };
      offset += length + 1;
      line++;
      pending = [];
      start = end + 1;
    }
    // The rest waits for the line's end; the chunk is ours (readers hand over fresh buffers).
    if (start < bytes.length) pending.push(bytes.subarray(start));
  }
  if (pending.length > 0) {
    const { length: _length, ...decoded } = decodeLine(pending, line === 1, offset);
    yield { line, ...decoded };
  }
}

function decodeLine(pieces: Buffer[], first: boolean, offset: number): { text: string; invalidByte?: number; length: number } {
  const bytes = pieces.length === 1 ? pieces[0]! : Buffer.concat(pieces);
  const end = bytes.length > 0 && bytes[bytes.length - 1] === 0x0d ? bytes.length - 1 : bytes.length;
  const text = bytes.toString('utf8', 0, end);
  // Decoding replaces invalid UTF-8 with U+FFFD, which JSON.parse takes inside a string; Python's
  // json (and any strict reader) refuses the bytes, so they are found and reported instead.
  const invalid = firstInvalidUtf8(bytes.subarray(0, end));
  const line = first && text.startsWith('\ufeff') ? text.slice(1) : text;
  return invalid < 0 ? { text: line, length: bytes.length } : { text: line, invalidByte: offset + invalid, length: bytes.length };
}

/** A chunk as a Buffer over the same bytes (no copy). */
export function toBuffer(chunk: Uint8Array | string): Buffer {
  return typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}
