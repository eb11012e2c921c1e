/**
 * Web archives in the pipeline: an input that is a WARC or WACZ file (or standard input holding
 * one) is replaced, in the sequence of inputs, by its records, each an input of its own that
 * already holds its bytes (the payload, decompressed once, here). Records that hold no page are
 * skipped: counted through `onSkip`, never an error. Damage is an input problem naming the archive
 * and the byte offset; the records before it are converted.
 *
 * Which files are archives: those named *.warc, *.warc.gz or *.wacz (however they were found), and
 * files named by a literal path or given on standard input whose bytes say so (a `WARC/1.x` line,
 * a gzip member holding one, a zip holding a WACZ's files). A folder walk or a glob pattern goes by
 * the name alone: looking into every file of a large folder would cost a read each.
 *
 * The archive readers (src/io/archive/, with warcio and yauzl) are loaded with the first archive.
 */
import { closeSync, constants, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { Readable } from 'node:stream';
import { KcnaError, internalError, isKcnaError } from '../errors.js';
import type { ArchiveFormat, ArchiveItem, ArchiveSource } from '../io/archive/index.js';
import { hasArchiveName, type ArchiveRecordRef, type Entry, type InputRef } from '../io/inputs.js';
import { fsPath } from '../io/file-names.js';
import { readStdin } from '../io/read.js';

/** A record of an archive that holds no page, as onSkip is told of it. */
export interface SkippedRecord {
  /** The archive, as shown. */
  archive: string;
  /** The WARC-Type ('request', 'response', 'metadata'...). */
  recordType: string;
  /** The HTTP status, when the record is a response and it was read. */
  status: number | null;
  /** The media type, when it was read. */
  contentType: string | null;
  /** Why: its type, its status, its media type, the URL selection, or a revisit whose original is not in the archive. */
  reason: 'type' | 'status' | 'media' | 'selected-out' | 'revisit-unresolved';
  targetUri: string | null;
  offset: number;
}

export interface ArchiveReadingOptions {
  maxBytes: number;
  /** Standard input, asked for when '-' is read. */
  stdin: () => NodeJS.ReadableStream;
  /** Which records to read, by their WARC-Target-URI, decided before any payload is decoded; null: all. */
  select: ((uri: string) => boolean) | null;
  /** Told of each record skipped. */
  onSkip: ((skip: SkippedRecord) => void) | null;
  /** Where the reading of the current archive stands, for a progress line (kept up to date when given). */
  progress?: ArchiveProgress;
}

/** How far the reading of the current web archive has come. */
export interface ArchiveProgress {
  /** The archive being read, as shown; null between archives. */
  archive: string | null;
  /** Bytes of it read (as stored, compressed). */
  read: number;
  /** Its size in bytes; null for standard input. */
  size: number | null;
}

/** Bytes looked at to tell an archive: a WARC's version line, a gzip member's start, a zip's first entries. */
const HEAD_BYTES = 8192;

type ArchiveModule = typeof import('../io/archive/index.js');
let archiveModule: Promise<ArchiveModule> | null = null;
const loadArchives = (): Promise<ArchiveModule> => (archiveModule ??= import('../io/archive/index.js'));

/** Whether these first bytes may start an archive (the archive module then decides). */
function mayBeArchive(head: Uint8Array): boolean {
  return (
    (head[0] === 0x57 && head[1] === 0x41 && head[2] === 0x52 && head[3] === 0x43) || // WARC
    (head[0] === 0x1f && head[1] === 0x8b) || // gzip
    (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) // zip
  );
}

/** How a record is shown in diagnostics: the archive, the WARC inside a WACZ, and the offset. */
export function recordDisplay(archive: string, member: string | null, offset: number): string {
  return `${archive}${member === null ? '' : `!/${member}`}@${offset}`;
}

/**
 * The inputs, with every web archive among them replaced by its records (entries holding their
 * bytes); other entries pass through as they are, but standard input, which is read here (a stream
 * can be looked into only once) and passed on with its bytes.
 */
export async function* expandArchives(entries: AsyncIterable<Entry> | Iterable<Entry>, options: ArchiveReadingOptions): AsyncGenerator<Entry> {
  for await (const entry of entries) {
    if (!('input' in entry) || entry.bytes !== undefined) {
      yield entry;
      continue;
    }
    const { input } = entry;
    if (input.kind === 'stdin') {
      yield* readStandardInput(input, options);
    } else if (input.kind === 'file' && (input.named === true || hasArchiveName(input.display))) {
      const format = await archiveFormatOfFile(input.absolute, input.display);
      if (format === null) yield entry;
      else yield* recordsOf(input, { path: fsPath(input.absolute) }, format, options);
    } else {
      yield entry;
    }
  }
}

/** The archive format of a file, from its first bytes and its name; null when it is none (or cannot be read: the reading says why). */
async function archiveFormatOfFile(file: string, display: string): Promise<ArchiveFormat | null> {
  const head = readHead(file);
  if (head === null) return null;
  if (!mayBeArchive(head) && !hasArchiveName(display)) return null;
  return (await loadArchives()).sniffArchive(head, display);
}

/** The first bytes of a regular file; null when it is not one or cannot be read (reading it later reports why). */
function readHead(file: string): Uint8Array | null {
  let fd: number;
  try {
    fd = openSync(fsPath(file), constants.O_RDONLY | constants.O_NONBLOCK);
  } catch {
    return null;
  }
  try {
    if (!fstatSync(fd).isFile()) return null;
    const head = new Uint8Array(HEAD_BYTES);
    const read = readSync(fd, head, 0, HEAD_BYTES, 0);
    return head.subarray(0, read);
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}

/**
 * Standard input: an archive's records, or its bytes. Its start is read first, to tell; the bytes
 * read are put back in front of the rest.
 */
async function* readStandardInput(input: InputRef & { kind: 'stdin' }, options: ArchiveReadingOptions): AsyncGenerator<Entry> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  let iterator: AsyncIterator<unknown> | undefined;
  try {
    iterator = (options.stdin() as AsyncIterable<unknown>)[Symbol.asyncIterator]();
    while (size < HEAD_BYTES) {
      const step = await iterator.next();
      if (step.done) break;
      const chunk = typeof step.value === 'string' ? Buffer.from(step.value) : (step.value as Uint8Array);
      chunks.push(chunk);
      size += chunk.byteLength;
    }
  } catch (error) {
    yield { problem: { display: input.display, error: isKcnaError(error) ? error : readFailure(input.display, error) } };
    return;
  }
  const head = Buffer.concat(chunks, size);
  const rest = iterator;
  async function* whole(): AsyncGenerator<Uint8Array> {
    if (head.byteLength > 0) yield head;
    for (;;) {
      const step = await rest.next();
      if (step.done) return;
      yield typeof step.value === 'string' ? Buffer.from(step.value) : (step.value as Uint8Array);
    }
  }
  const format = mayBeArchive(head) ? (await loadArchives()).sniffArchive(head.subarray(0, HEAD_BYTES), null) : null;
  if (format !== null) {
    yield* recordsOf(input, { stream: whole() }, format, options);
    return;
  }
  try {
    yield { input, bytes: await readStdin(Readable.from(whole()), options.maxBytes, input.display) };
  } catch (error) {
    yield { problem: { display: input.display, error: isKcnaError(error) ? error : readFailure(input.display, error) } };
  }
}

function readFailure(display: string, error: unknown): KcnaError {
  const errno = (error as NodeJS.ErrnoException | undefined)?.code;
  if (typeof errno === 'string') return new KcnaError('READ_ERROR', `cannot read: ${(error as Error).message}`, { path: display, errno, cause: error });
  return internalError(display, error);
}

/** The records of one archive as entries; skips go to onSkip; damage and bad records are problems. */
async function* recordsOf(
  archive: InputRef,
  source: ArchiveSource,
  format: ArchiveFormat,
  options: ArchiveReadingOptions,
): AsyncGenerator<Entry> {
  const { readArchive } = await loadArchives();
  const absolute = archive.kind === 'file' ? archive.absolute : null;
  const { progress } = options;
  if (progress) {
    progress.archive = archive.display;
    progress.read = 0;
    progress.size = absolute === null ? null : sizeOf(absolute);
  }
  const onRead = progress ? (bytes: number) => void (progress.read = bytes) : null;
  const items: AsyncGenerator<ArchiveItem> = readArchive(source, format, { display: archive.display, maxBytes: options.maxBytes, select: options.select, onRead });
  try {
    yield* entriesOf(items, archive, absolute, options);
  } finally {
    if (progress) progress.archive = null;
  }
}

function sizeOf(file: string): number | null {
  try {
    return statSync(fsPath(file)).size;
  } catch {
    return null;
  }
}

async function* entriesOf(items: AsyncGenerator<ArchiveItem>, archive: InputRef, absolute: string | null, options: ArchiveReadingOptions): AsyncGenerator<Entry> {
  for await (const item of items) {
    if (item.kind === 'skip') {
      options.onSkip?.({
        archive: archive.display,
        recordType: item.recordType,
        status: item.status,
        contentType: item.contentType,
        reason: item.reason,
        targetUri: item.targetUri,
        offset: item.offset,
      });
      continue;
    }
    if (item.kind === 'error') {
      // Damage that ends the archive is the archive's; a record that cannot be used is the record's.
      const display = item.fatal ? archive.display : recordDisplay(archive.display, item.member, item.offset);
      const place = { archive: archive.display, offset: item.offset, member: item.member, recordId: item.recordId, targetUri: item.targetUri };
      const { code, message, path, errno, cause } = item.error;
      const error = new KcnaError(code, message, { path, errno, cause, offset: item.offset, recordId: item.recordId });
      yield { problem: { display, error, place } };
      continue;
    }
    const input: ArchiveRecordRef = {
      kind: 'archive-record',
      display: recordDisplay(archive.display, item.member, item.offset),
      base: archive.base,
      archive: { display: archive.display, absolute, format: item.format },
      record: {
        recordId: item.recordId,
        offset: item.offset,
        member: item.member,
        targetUri: item.targetUri,
        capturedAt: item.capturedAt,
        payloadDigest: item.payloadDigest,
        contentType: item.contentType,
        charset: item.charset,
      },
    };
    yield { input, bytes: item.bytes };
  }
}

/** What a skipped record was, as the run's summary and the report count it. */
export function skippedKind(skip: SkippedRecord): string {
  switch (skip.reason) {
    case 'type':
      return skip.recordType;
    case 'status':
      return skip.status === null ? 'no HTTP status' : `status ${skip.status}`;
    case 'media':
      return skip.contentType ?? 'no media type';
    case 'selected-out':
      return 'not selected';
    case 'revisit-unresolved':
      return 'revisit of a record not in the archive';
  }
}
