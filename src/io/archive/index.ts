/**
 * Web archives as inputs: recognising a WARC or WACZ, and reading it record by record into page
 * payloads with their provenance (where and when each was captured).
 *
 * Kept, as `record` items:
 * - `response` records with a whole page's HTTP status (2xx except 204, 205 and 206) whose HTTP
 *   Content-Type is text/html, application/xhtml+xml or text/plain, or is missing or says nothing
 *   (application/octet-stream, unknown/unknown…) while the payload sniffs as HTML by the WHATWG
 *   rule the saved-page reader uses (then given as text/html);
 * - `resource` records of those types (by their WARC Content-Type);
 * - `revisit` records of the identical-payload-digest profile whose earlier payload the archive
 *   held, with the earlier payload; the revisit's own HTTP headers, when it has them, decide its
 *   status and type.
 * Skipped, as `skip` items with their reason: other record types (warcinfo, request, metadata,
 * conversion, continuation, and resource records about the crawl itself under metadata: URIs, as
 * wget writes its log), other statuses (redirects, errors), other media types (CSS, images,
 * scripts, and robots.txt though it is text/plain), records select() refuses, and revisits whose
 * original is not in reach.
 *
 * Errors, as `error` items: damage (ARCHIVE_DAMAGED), fatal — the archive cut short (an unfinished
 * gzip member, a record shorter than its Content-Length), a Content-Length that lies (a record not
 * followed by CRLF CRLF), bytes between records that are not a record, a gzip member that does not
 * inflate, a zip naming paths outside itself; or not fatal, for one record or file: a record
 * lacking its id, URI or date, a payload whose Content-Encoding is corrupt, a WACZ file that
 * disagrees with its datapackage.json hash. A payload larger than maxBytes after decoding is
 * FILE_TOO_LARGE for that record, and reading goes on with the next.
 *
 * Reading never throws for bad input, and holds one record at a time (see warc.ts for the bounds).
 * The libraries (warcio, yauzl) are loaded on the first archive (load.ts).
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { KcnaError } from '../../errors.js';
import { RevisitStore } from './revisits.js';
import type { ArchiveFormat, ArchiveItem, ArchiveOptions, ArchiveSource } from './types.js';
import { readWacz } from './wacz.js';
import { formatOffset, readWarc } from './warc.js';

export type { ArchiveFailure, ArchiveFormat, ArchiveItem, ArchiveOptions, ArchiveRecordInput, ArchiveSkip, ArchiveSource, SkipReason } from './types.js';
export { formatOffset };

/** Bytes per read of an archive file: few system calls, and one chunk is all a read holds. */
export const ARCHIVE_CHUNK_BYTES = 1 << 20;

/** A file as a stream of chunks, for readArchive's stream source (or any other use). */
export function fileChunks(file: string | Buffer, start = 0): AsyncIterable<Uint8Array> {
  return createReadStream(file, { highWaterMark: ARCHIVE_CHUNK_BYTES, start });
}

/** The names of web archives (compared without case). */
const WARC_NAME = /\.warc(\.gz)?$/i;
const WACZ_NAME = /\.wacz$/i;

/**
 * Whether these first bytes (at least the first 8 KiB when there are that many) and this name are
 * a web archive. The bytes decide when they say it: a `WARC/1.0` or `WARC/1.1` line (also the
 * pre-standard 0.17 and 0.18), a gzip member whose inflated start is such a line, a zip whose
 * first entries include datapackage.json or a WARC under archive/ (or the page list or index of a
 * WACZ). Otherwise the name: *.warc and *.warc.gz are WARCs, *.wacz a WACZ, whatever the bytes
 * (a damaged archive is then reported as damaged, not read as text).
 */
export function sniffArchive(head: Uint8Array, name: string | null): ArchiveFormat | null {
  if (isWarcStart(head)) return 'warc';
  if (head[0] === 0x1f && head[1] === 0x8b) {
    try {
      // The start of the first member is enough; a bomb cannot grow past the cap.
      const inflated = zlib.gunzipSync(head.subarray(0, 8192), { finishFlush: zlib.constants.Z_SYNC_FLUSH, maxOutputLength: 1 << 20 });
      if (isWarcStart(inflated)) return 'warc';
    } catch {
      // not a gzip'd WARC (or its start inflates past the cap): the name decides
    }
  }
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04 && zipNames(head).some(isWaczEntry)) return 'wacz';
  if (name !== null) {
    const base = name.replace(/\\/g, '/').split('/').pop()!;
    if (WARC_NAME.test(base)) return 'warc';
    if (WACZ_NAME.test(base)) return 'wacz';
  }
  return null;
}

function isWarcStart(bytes: Uint8Array): boolean {
  const text = String.fromCharCode(...bytes.subarray(0, 12));
  return /^WARC\/(1\.[01]|0\.1[78])\r?\n/.test(text);
}

/** The entries that only a WACZ has at its start. */
function isWaczEntry(name: string): boolean {
  return name === 'datapackage.json' || name === 'datapackage-digest.json' || /^archive\/.+\.warc(\.gz)?$/i.test(name) || name === 'pages/pages.jsonl' || /^indexes\/index\.(cdxj?|cdxj?\.gz|idx)$/.test(name);
}

/**
 * The names of the zip entries whose local headers fall in the head (a look at a zip's start, not a
 * zip reader: the entries' data lengths lead from one header to the next; a header that defers its
 * lengths to after the data is followed by searching for the next signature).
 */
function zipNames(head: Uint8Array): string[] {
  const names: string[] = [];
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  let at = 0;
  while (at + 30 <= head.length && view.getUint32(at, true) === 0x04034b50 && names.length < 64) {
    const flags = view.getUint16(at + 6, true);
    const compressed = view.getUint32(at + 18, true);
    const nameLength = view.getUint16(at + 26, true);
    const extraLength = view.getUint16(at + 28, true);
    if (at + 30 + nameLength > head.length) break;
    names.push(new TextDecoder().decode(head.subarray(at + 30, at + 30 + nameLength)));
    const data = at + 30 + nameLength + extraLength;
    if ((flags & 0x08) === 0) {
      at = data + compressed;
    } else {
      let next = -1;
      for (let i = data; i + 4 <= head.length; i++) {
        if (head[i] === 0x50 && head[i + 1] === 0x4b && head[i + 2] === 0x03 && head[i + 3] === 0x04) {
          next = i;
          break;
        }
      }
      if (next < 0) break;
      at = next;
    }
  }
  return names;
}

/** The chunks as they are, with a running count of their bytes told to `onRead`. */
async function* counted(chunks: AsyncIterable<Uint8Array>, onRead: ((bytes: number) => void) | null): AsyncGenerator<Uint8Array> {
  if (onRead === null) {
    yield* chunks;
    return;
  }
  let total = 0;
  for await (const chunk of chunks) {
    total += chunk.byteLength;
    onRead(total);
    yield chunk;
  }
}

/**
 * Reads an archive record by record, in archive order. Streaming: memory is bounded by the largest
 * kept record (see warc.ts). Never throws for bad input: damage is an 'error' item, and a fatal one
 * is the last item.
 *
 * From a path, a revisit's original is re-read from its offset in the file when a revisit asks for
 * it; from a stream, up to 64 MiB of earlier payloads are held for revisits (see revisits.ts). A
 * WACZ needs random access: from a stream it is first written to a temporary file (bounded by disk,
 * not memory), removed when the reading ends.
 */
export async function* readArchive(source: ArchiveSource, format: ArchiveFormat, options: ArchiveOptions): AsyncGenerator<ArchiveItem> {
  const { display, maxBytes } = options;
  const select = options.select ?? null;
  const onRead = options.onRead ?? null;
  const revisits = new RevisitStore();
  if (format === 'warc') {
    if ('path' in source) {
      const file = source.path;
      yield* readWarc(counted(fileChunks(file), onRead), {
        format,
        member: null,
        display,
        maxBytes,
        select,
        revisits,
        reopen: (member, offset) => (member === null ? Promise.resolve(fileChunks(file, offset)) : null),
      });
    } else {
      yield* readWarc(counted(source.stream, onRead), { format, member: null, display, maxBytes, select, revisits, reopen: null });
    }
    return;
  }
  if ('path' in source) {
    yield* readWacz(source.path, { display, maxBytes, select, revisits });
    return;
  }
  let folder: string | null = null;
  try {
    try {
      folder = await mkdtemp(path.join(tmpdir(), 'kcna-parse-wacz-'));
      await pipeline(source.stream, createWriteStream(path.join(folder, 'input.wacz')));
    } catch (error) {
      const errno = (error as NodeJS.ErrnoException).code ?? null;
      yield {
        kind: 'error',
        error: new KcnaError('READ_ERROR', `cannot read the archive: ${(error as Error).message}`, { path: display, errno, cause: error }),
        offset: 0,
        member: null,
        recordId: null,
        targetUri: null,
        fatal: true,
      };
      return;
    }
    yield* readWacz(path.join(folder, 'input.wacz'), { display, maxBytes, select, revisits });
  } finally {
    if (folder !== null) await rm(folder, { recursive: true, force: true });
  }
}
