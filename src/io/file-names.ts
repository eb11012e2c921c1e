/**
 * File names that are not valid UTF-8 (CP949 or EUC-KR names from Korean Windows archives, unpacked
 * on Linux, say). Node decodes a name it lists as UTF-8, each invalid byte as U+FFFD, so that the
 * name it gives back no longer opens the file. Names are read here as bytes instead, and each byte
 * that is not part of valid UTF-8 is kept as a lone surrogate, U+DC80 to U+DCFF (the
 * "surrogateescape" of Python's PEP 383): valid UTF-8 never holds a surrogate, so the string says
 * exactly which bytes the name has. Such a path is turned back into its bytes to open it (fsPath),
 * and shown with each such byte as \xHH, as `ls -b` does (escapeFileName; the command line's
 * terminal escaping does the same).
 */
import { Buffer } from 'node:buffer';
import type { Dirent } from 'node:fs';
import * as nodeFs from 'node:fs';
import { utf8SequenceLength } from './utf8.js';

/** A lone surrogate: only a name read from invalid UTF-8 holds one. */
const LONE_SURROGATE = /[\ud800-\udfff]/u;
const ESCAPED_BYTES = /[\udc80-\udcff]/gu;

/** A file name's bytes as a string: UTF-8, each byte of an invalid sequence as U+DC80 + (byte - 0x80). */
export function decodeFileName(bytes: Uint8Array): string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = buffer.toString('utf8');
  // Valid UTF-8 (the usual case) decodes without a replacement character, or round-trips.
  if (!text.includes('\ufffd') || Buffer.from(text, 'utf8').equals(buffer)) return text;
  let out = '';
  let start = 0;
  let i = 0;
  while (i < buffer.length) {
    const length = utf8SequenceLength(buffer, i);
    if (length > 0) {
      i += length;
      continue;
    }
    out += buffer.toString('utf8', start, i) + String.fromCharCode(0xdc00 + buffer[i]!);
    i++;
    start = i;
  }
  return out + buffer.toString('utf8', start, i);
}

/** The bytes of a path decoded by decodeFileName: its escaped bytes as they were, the rest as UTF-8. */
export function encodeFileName(name: string): Buffer {
  const parts: Buffer[] = [];
  let start = 0;
  for (const match of name.matchAll(ESCAPED_BYTES)) {
    parts.push(Buffer.from(name.slice(start, match.index), 'utf8'), Buffer.of(match[0].charCodeAt(0) - 0xdc00));
    start = match.index + 1;
  }
  parts.push(Buffer.from(name.slice(start), 'utf8'));
  return Buffer.concat(parts);
}

/** What to hand the file system for a path: the string itself, or its bytes when it holds escaped bytes. */
export function fsPath(file: string): string | Buffer {
  return LONE_SURROGATE.test(file) ? encodeFileName(file) : file;
}

/**
 * A path for people and for JSON (source.path, the --report file, --out-dir names): each byte of
 * an invalid UTF-8 sequence as \xHH, as `ls -b` shows it; a path without one as it is.
 */
export function escapeFileName(file: string): string {
  if (!LONE_SURROGATE.test(file)) return file;
  return file.replace(ESCAPED_BYTES, (char) => `\\x${(char.charCodeAt(0) - 0xdc00).toString(16)}`);
}

/**
 * A folder's entries with their names decoded by decodeFileName. Listed as text, as usual, and
 * listed again as bytes only when a name came back with a replacement character (a name that is
 * not valid UTF-8, or one that holds U+FFFD itself).
 */
export function readDirectorySync(folder: string): Dirent[] {
  const path = fsPath(folder);
  if (typeof path === 'string') {
    const dirents = nodeFs.readdirSync(path, { withFileTypes: true });
    if (!dirents.some((dirent) => dirent.name.includes('\ufffd'))) return dirents;
  }
  return nodeFs.readdirSync(path, { withFileTypes: true, encoding: 'buffer' }).map((dirent) => withDecodedName(dirent));
}

/** readdir for fast-glob (node:fs's callback form, with file types), names decoded by decodeFileName. */
export function readDirectory(folder: string, callback: (error: NodeJS.ErrnoException | null, entries: Dirent[]) => void): void {
  const path = fsPath(folder);
  const asBytes = () =>
    nodeFs.readdir(path, { withFileTypes: true, encoding: 'buffer' }, (error, found) =>
      error ? callback(error, []) : callback(null, found.map((dirent) => withDecodedName(dirent))),
    );
  if (typeof path !== 'string') return asBytes();
  nodeFs.readdir(path, { withFileTypes: true }, (error, found) => {
    if (error) callback(error, []);
    else if (found.some((dirent) => dirent.name.includes('\ufffd'))) asBytes();
    else callback(null, found);
  });
}

function withDecodedName(dirent: Dirent<Buffer> | Dirent): Dirent {
  const name = (dirent as { name: Buffer | string }).name;
  if (typeof name !== 'string') (dirent as unknown as { name: string }).name = decodeFileName(name);
  return dirent as Dirent;
}
