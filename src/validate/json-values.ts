/**
 * Splitting a JSON document into the values to check, without parsing it whole: the elements of a
 * top-level array one by one, or the top-level value itself. The splitter follows only strings and
 * bracket depth, byte by byte (every structural character is ASCII, and no byte of a multi-byte
 * UTF-8 sequence is), and holds only the element being read: memory is bounded by the largest
 * record, not by the file. Each element's text is then given to JSON.parse by the caller, so an
 * element that is not valid JSON is reported on its own and the next one is still read.
 */
import { firstInvalidUtf8 } from '../io/utf8.js';
import { toBuffer, type Chunks } from './lines.js';

export type JsonPiece =
  /**
   * An element of the top-level array (or the top-level value), with the line it starts on, and
   * the byte offset in the input of its first byte that is not valid UTF-8 (absent: none).
   */
  | { kind: 'value'; line: number; text: string; invalidByte?: number }
  /** The document's structure is broken here; nothing after it is read. */
  | { kind: 'broken'; line: number; message: string };

const enum Mode {
  /** Before the first value. */
  Start,
  /** Inside the top-level array, where an element (or, first, ']') is expected. */
  Between,
  /** Reading an array element. */
  Element,
  /** Reading a top-level value that is not an array: everything up to the end. */
  Single,
  /** After the closing ']': only white space may follow. */
  After,
}

const LF = 0x0a;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;

function isSpace(c: number): boolean {
  return c === 0x20 || c === LF || c === 0x0d || c === 0x09;
}

/** The values of a JSON document read as a stream of chunks (chunks are kept until their element ends, never changed). */
export async function* splitJsonValues(chunks: Chunks): AsyncGenerator<JsonPiece> {
  let mode = Mode.Start;
  let line = 1;
  let offset = 0;
  /** In Between: whether the array has had an element (so ']' there follows a comma). */
  let hadElement = false;
  let startLine = 0;
  let pieces: Buffer[] = [];
  let depth = 0;
  let inString = false;
  let escaped = false;

  /** The byte offset in the input of the element being read. */
  let startOffset = 0;
  const take = (last: Buffer): { text: string; invalidByte?: number } => {
    pieces.push(last);
    const bytes = pieces.length === 1 ? pieces[0]! : Buffer.concat(pieces);
    pieces = [];
    // Decoding replaces invalid UTF-8 with U+FFFD, which JSON.parse takes inside a string; a
    // strict reader (Python's json) refuses the bytes, so they are found and reported instead.
    const invalid = firstInvalidUtf8(bytes);
    return invalid < 0 ? { text: bytes.toString('utf8') } : { text: bytes.toString('utf8'), invalidByte: startOffset + invalid };
  };

  for await (const chunk of chunks) {
    const bytes = toBuffer(chunk);
    if (mode === Mode.Single) {
      pieces.push(bytes);
      continue;
    }
    let pieceStart = 0;
    for (let i = 0; i < bytes.length; i++) {
      const c = bytes[i]!;
      if (mode === Mode.Element) {
        if (inString) {
          if (escaped) escaped = false;
          else if (c === BACKSLASH) escaped = true;
          else if (c === QUOTE) inString = false;
          else if (c === LF) line++;
          continue;
        }
        if (c === LF) line++;
        else if (c === QUOTE) inString = true;
        else if (c === OPEN_BRACE || c === OPEN_BRACKET) depth++;
        else if ((c === CLOSE_BRACE || c === CLOSE_BRACKET) && depth > 0) depth--;
        else if (c === COMMA && depth === 0) {
          yield { kind: 'value', line: startLine, ...take(bytes.subarray(pieceStart, i)) };
          mode = Mode.Between;
        } else if (c === CLOSE_BRACKET) {
          yield { kind: 'value', line: startLine, ...take(bytes.subarray(pieceStart, i)) };
          mode = Mode.After;
        } else if (c === CLOSE_BRACE) {
          yield { kind: 'broken', line, message: "a '}' that closes nothing" };
          return;
        }
        continue;
      }
      if (c === LF) {
        line++;
        continue;
      }
      if (isSpace(c)) continue;
      if (mode === Mode.Start) {
        // A UTF-8 byte order mark may open the file.
        if (offset + i < 3 && c === [0xef, 0xbb, 0xbf][offset + i]) continue;
        if (c === OPEN_BRACKET) {
          mode = Mode.Between;
        } else {
          mode = Mode.Single;
          startLine = line;
          pieceStart = i;
          startOffset = offset + i;
          break;
        }
      } else if (mode === Mode.Between) {
        if (c === CLOSE_BRACKET && !hadElement) {
          mode = Mode.After;
        } else if (c === CLOSE_BRACKET || c === COMMA) {
          yield { kind: 'broken', line, message: c === COMMA ? 'an array element is missing (two commas)' : "a comma before the closing ']'" };
          return;
        } else {
          mode = Mode.Element;
          hadElement = true;
          startLine = line;
          pieceStart = i;
          startOffset = offset + i;
          depth = 0;
          inString = false;
          escaped = false;
          i--; // read this byte again as the element's first
        }
      } else if (mode === Mode.After) {
        yield { kind: 'broken', line, message: "text after the end of the array (']')" };
        return;
      }
    }
    if (mode === Mode.Element || mode === Mode.Single) pieces.push(bytes.subarray(pieceStart));
    offset += bytes.length;
  }
  if (mode === Mode.Single) yield { kind: 'value', line: startLine, ...take(Buffer.alloc(0)) };
  else if (mode === Mode.Start) yield { kind: 'broken', line, message: 'no JSON value: the file is empty' };
  else if (mode !== Mode.After) yield { kind: 'broken', line, message: "the file ends inside the array (no closing ']'): cut short?" };
}
