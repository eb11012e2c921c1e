/**
 * Reading one WARC stream (a .warc, a .warc.gz with a gzip member per record or one over the whole
 * file, or a WARC inside a WACZ) record by record, with warcio doing the WARC and HTTP parsing and
 * this module deciding what each record is and noticing damage warcio passes over.
 *
 * Memory: the reader holds one record's payload at a time (at most maxBytes of it, plus at most
 * maxBytes of its encoded form while decoding), the look ahead of a record's headers (64 KiB), and
 * what pako inflates from one 16 KiB slice of compressed input (about 16 MiB at deflate's most
 * extreme ratio). Input is cut into such slices before warcio sees it, because pako inflates all of
 * an input chunk at once: a 1 MiB chunk of a gzip bomb would be a gigabyte. Time is another
 * matter: the end of a gzip member is only found by inflating it, so a record skipped (too large,
 * not a page) still costs the time of inflating it, about 4 s a GiB for pako (a gzip bomb's
 * gigabyte from a megabyte included). Records are never held to be skipped.
 *
 * warcio is used one record at a time: a fresh WARCParser per record on the shared byte reader,
 * parsing only the WARC headers. Its own way between records (readToNextRecord) prints
 * "Content-Length Too Small" with console.warn, reads an unbounded line, and hangs in skipFully at
 * the end of a short record; here the end of each record (its block, then CRLF CRLF) is read and
 * checked by this module, and warcio's parser only ever starts at a `WARC/` line whose header block
 * has been seen to end within 64 KiB. HTTP headers are read (bounded) from the record's own block,
 * so a response without a blank line after its headers cannot read into the next record.
 */
import type { LimitReader as LimitReaderType, WARCRecord } from 'warcio';
import { KcnaError, internalError } from '../../errors.js';
import { PayloadError, codings, decodeContent, isPageStatus, isRobotsTxt, mediaClass, parseContentType, sniffsAsPage, type MediaType } from './http.js';
import { loadWarcio } from './load.js';
import { archiveByteReader, joinAll, type ArchiveByteReader } from './reader.js';
import { RevisitStore, idHash, recordKeys, type HeldPayload, type RecordLocation } from './revisits.js';
import type { ArchiveFailure, ArchiveFormat, ArchiveItem, ArchiveRecordInput, ArchiveSkip } from './types.js';

/** Compressed input is handed to pako in slices of this size (see the module comment). */
const GZIP_SLICE = 16 * 1024;
/** Uncompressed input is handed to warcio in slices of this size: it bounds the copy a look ahead makes. */
const PLAIN_SLICE = 64 * 1024;
/** The first look at a record: its WARC headers are usually well under 1 KiB. */
const HEAD_PEEK = 4096;
/** WARC headers, or HTTP headers, longer than this are damage (no real tool writes them). */
export const HEADERS_MAX = 64 * 1024;

/** What a reading of one WARC stream needs besides the bytes. */
export interface WarcContext {
  format: ArchiveFormat;
  /** For a WACZ, the WARC's path inside the zip. */
  member: string | null;
  display: string;
  maxBytes: number;
  select: ((uri: string) => boolean) | null;
  revisits: RevisitStore;
  /**
   * Opens a WARC of this archive again from a byte offset (member: the WACZ entry, null for the
   * archive itself), when the source allows it; null when it cannot be read again.
   */
  reopen: ((member: string | null, offset: number) => Promise<AsyncIterable<Uint8Array>> | null) | null;
}

/** "byte 1234", or "byte 1234 of archive/data.warc.gz" inside a WACZ. */
export function formatOffset(offset: number, member: string | null = null): string {
  return member === null ? `byte ${offset}` : `byte ${offset} of ${member}`;
}

/** Thrown inside the reading loop for damage after which nothing more can be read. */
class Damage extends Error {
  constructor(
    readonly offset: number,
    readonly what: string,
    readonly recordId: string | null = null,
    readonly targetUri: string | null = null,
  ) {
    super(what);
  }
}

/** Thrown by a source whose bytes cannot be had past some point (a zip entry that fails to inflate): damage there. */
export class SourceDamage extends Error {
  constructor(
    readonly offset: number,
    readonly what: string,
  ) {
    super(what);
  }
}

const CRLFCRLF = [0x0d, 0x0a, 0x0d, 0x0a];

/**
 * Reads a WARC stream, yielding an item per record in archive order and at most one fatal error,
 * last. Never throws for bad input.
 */
export async function* readWarc(source: AsyncIterable<Uint8Array>, context: WarcContext, base = 0): AsyncGenerator<ArchiveItem> {
  const { member, display } = context;
  const damaged = (offset: number, what: string, recordId: string | null = null, targetUri: string | null = null): ArchiveFailure => ({
    kind: 'error',
    error: new KcnaError('ARCHIVE_DAMAGED', `the archive is damaged at ${formatOffset(offset, member)}: ${what}`, { path: display }),
    offset,
    member,
    recordId,
    targetUri,
    fatal: true,
  });

  let input: SlicedSource;
  try {
    input = await slice(source);
  } catch (error) {
    yield error instanceof SourceDamage ? damaged(base + error.offset, error.what) : readFailure(context, base, error);
    return;
  }
  if (input.empty) {
    await input.chunks.return(undefined);
    yield damaged(base, 'it holds no WARC record (it is empty)');
    return;
  }
  const Reader = await archiveByteReader();
  const reader = new Reader(input.chunks, input.gzip, base);
  let records = 0;
  try {
    for (;;) {
      const item = await readRecord(reader, input.gzip, context, base, records === 0);
      if (item === null) return;
      records++;
      yield item;
    }
  } catch (error) {
    if (error instanceof Damage) {
      // The first damage in the file is reported. A member that failed to inflate at or before
      // the place explains what looked wrong there (warcio reads on past it as if the rest were
      // not compressed); one further on, met by looking ahead, does not.
      const broken = reader.broken;
      if (broken !== null && broken.rawStart <= error.offset) yield damaged(broken.rawStart, `the bytes there are not a sound gzip member (${broken.error})`, error.recordId, error.targetUri);
      else yield damaged(error.offset, error.what, error.recordId, error.targetUri);
    } else if (error instanceof SourceDamage) {
      yield damaged(base + error.offset, error.what);
    } else if (isSourceError(error)) {
      yield readFailure(context, base, error);
    } else {
      // Not expected from any input: reported as a bug, and the reading stops.
      yield { kind: 'error', error: internalError(display, error), offset: base, member, recordId: null, targetUri: null, fatal: true };
    }
  } finally {
    // Also when the caller stops early: the file or zip entry is closed now, not at collection.
    await input.chunks.return(undefined);
  }
}

/**
 * Reads one record, from its `WARC/` line to its closing CRLF CRLF (and, in a .warc.gz, to the end
 * of its member), and returns its item, or null at a clean end of the archive. Throws Damage.
 */
async function readRecord(reader: ArchiveByteReader, gzip: boolean, context: WarcContext, base: number, first: boolean): Promise<ArchiveItem | null> {
  // Where the record starts. Blank lines between records are tolerated, as warcio and pywb do.
  let position = reader.getReadOffset();
  let head = await reader.peek(HEAD_PEEK);
  for (let blank = leadingNewlines(head); blank > 0 && head.length > 0; blank = leadingNewlines(head)) {
    await reader.readSize(blank);
    position += blank;
    head = await reader.peek(HEAD_PEEK);
  }
  // Past a member that failed to inflate, warcio gives the raw bytes as if inflated: nothing
  // from there on is read. (The look ahead may have met it before the records ahead of it.)
  const brokenBy = (end: number): boolean => reader.broken !== null && reader.broken.inflatedStart < end;
  if (brokenBy(position + 1)) throw new Damage(reader.broken!.rawStart, 'a gzip member is corrupt');
  if (head.length === 0) {
    const cut = reader.unfinished();
    if (cut !== null) throw new Damage(cut.rawStart, 'its last gzip member is cut short (an interrupted download?)');
    if (first) throw new Damage(base, 'it holds no WARC record');
    return null;
  }
  // As a CDX index gives it: the start of the gzip member holding the record, or of its WARC/ line.
  const offset = gzip ? (reader.memberAt(position)?.rawStart ?? base) : base + position;
  if (!/^WARC\/\d+\.\d+\r?\n/.test(ascii(head, 16))) {
    const into = gzip ? position - (reader.memberAt(position)?.inflatedStart ?? position) : 0;
    const where = into > 0 ? ` (${into} bytes into what the member inflates to)` : '';
    throw new Damage(offset, `the bytes there${where} are not a WARC record: ${JSON.stringify(ascii(head, 24))} instead of 'WARC/1.0' or 'WARC/1.1'`);
  }
  if (indexOf(head, CRLFCRLF) < 0) {
    if (head.length === HEAD_PEEK) head = await reader.peek(HEADERS_MAX);
    if (indexOf(head, CRLFCRLF) < 0) {
      throw new Damage(offset, head.length < HEADERS_MAX ? 'the archive ends inside the headers of a record (cut short?)' : `the headers of a record do not end (CRLF CRLF) within ${HEADERS_MAX} bytes`);
    }
  }

  const warcio = await loadWarcio();
  // A parser per record, on the shared reader: it parses the WARC headers and nothing else.
  const record = await new warcio.WARCParser(reader, { parseHttp: false }).parse();
  if (record === null) throw new Damage(offset, 'a record has no headers');
  const fields = recordFields(record, warcio.latin1ToUTF);
  const declared = fields.contentLength;
  if (declared === null) throw new Damage(offset, `a record has no valid Content-Length (${JSON.stringify(header(record, 'Content-Length', warcio.latin1ToUTF) ?? '')})`, fields.recordId, fields.targetUri);
  const block = record.reader;
  if (!(block instanceof warcio.LimitReader)) throw new Error('warcio gave a record without a LimitReader');
  const blockBytes = block[Symbol.asyncIterator]();

  const item = await classify(record, fields, block, blockBytes, offset, context);
  // The rest of the block, whatever the record turned out to be.
  await drain(blockBytes);
  if (block.limit > 0) {
    const cut = reader.unfinished();
    throw new Damage(offset, `a record is cut short: it declares ${declared} bytes, the archive ends ${block.limit} bytes before${cut ? ' (in the middle of a gzip member: an interrupted download?)' : ''}`, fields.recordId, fields.targetUri);
  }
  const tail = await reader.readSize(4);
  if (!CRLFCRLF.every((b, i) => tail[i] === b)) {
    if (tail.length < 4 && tail.every((b, i) => b === CRLFCRLF[i])) {
      throw new Damage(offset, 'the archive ends right after a record, before its closing CRLF CRLF (cut short?)', fields.recordId, fields.targetUri);
    }
    throw new Damage(offset, `a record is not followed by CRLF CRLF where its Content-Length (${declared}) says it ends: the length is wrong or the record is damaged`, fields.recordId, fields.targetUri);
  }
  if (gzip) {
    // One byte ahead, so that pako reaches the end of this record's member (its checksum and
    // length come after the record) before the record is given out.
    const ahead = await reader.peek(1);
    const own = reader.memberAt(position);
    if (brokenBy(reader.getReadOffset())) throw new Damage(reader.broken!.rawStart, 'a gzip member is corrupt', fields.recordId, fields.targetUri);
    if (ahead.length === 0 && own !== null && !own.ended) {
      throw new Damage(own.rawStart, 'its last gzip member is cut short (an interrupted download?)', fields.recordId, fields.targetUri);
    }
  }

  if (item.kind === 'record' && item.revisitOf === null) {
    // Remember where the page is, for revisits later in the archive.
    const keys = recordKeys(item.recordId, item.targetUri, item.capturedAt, item.payloadDigest);
    const own = gzip ? reader.memberAt(position) : null;
    const addressable = context.reopen !== null && (!gzip || own?.inflatedStart === position);
    if (addressable) context.revisits.rememberLocation(keys, { member: context.member, offset, recordIdHash: idHash(item.recordId) });
    else context.revisits.holdPayload(keys, { recordId: item.recordId, bytes: item.bytes, contentType: item.contentType, charset: item.charset });
  }
  return item;
}

/** The WARC fields every item needs, read once. */
interface RecordFields {
  type: string;
  recordId: string | null;
  targetUri: string | null;
  capturedAt: string | null;
  payloadDigest: string | null;
  contentLength: number | null;
}

function recordFields(record: WARCRecord, latin1ToUTF: (text: string) => string): RecordFields {
  const get = (name: string) => header(record, name, latin1ToUTF);
  const id = get('WARC-Record-ID')?.trim() ?? '';
  const length = get('Content-Length')?.trim() ?? '';
  const uri = get('WARC-Target-URI')?.trim() ?? '';
  return {
    type: get('WARC-Type')?.trim() ?? '',
    recordId: id.replace(/^<(.*)>$/, '$1') || null,
    // wget writes the URI in angle brackets (warcio removes them; so does this, for other fields).
    targetUri: uri.replace(/^<(.*)>$/, '$1') || null,
    capturedAt: isoTimestamp(get('WARC-Date')),
    payloadDigest: get('WARC-Payload-Digest')?.trim() || null,
    contentLength: /^\d+$/.test(length) && Number.isSafeInteger(Number(length)) ? Number(length) : null,
  };
}

/** A WARC header as written: warcio keeps a value that is not Latin-1 re-encoded, and gives it back here. */
function header(record: WARCRecord, name: string, latin1ToUTF: (text: string) => string): string | null {
  const value = record.warcHeaders.headers.get(name);
  if (value === null || value === undefined) return null;
  return record.warcHeaders.reencodeHeaders?.has(name.toLowerCase()) ? latin1ToUTF(value) : value;
}

/**
 * A WARC-Date as an ISO 8601 UTC timestamp. The WARC forms (`2024-03-23T08:15:00Z`, with a
 * fraction in WARC 1.1) are kept as written; a date with another zone or none (taken as UTC), or in
 * the 14-digit form of ARC files and CDX indexes, is rewritten in that form. Null when it is none
 * of these.
 */
export function isoTimestamp(value: string | null | undefined): string | null {
  if (!value) return null;
  const text = value.trim();
  const warc = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?Z$/.exec(text);
  if (warc) return validDate(warc.slice(1, 7).map((part) => Number(part ?? 0))) ? (warc[6] === undefined ? text.replace(/Z$/, ':00Z') : text) : null;
  const digits = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(text);
  if (digits) {
    const parts = digits.slice(1, 7).map(Number);
    return validDate(parts) ? `${digits[1]}-${digits[2]}-${digits[3]}T${digits[4]}:${digits[5]}:${digits[6]}Z` : null;
  }
  const other = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(text);
  if (!other) return null;
  const parts = other.slice(1, 7).map((part) => Number(part ?? 0));
  if (!validDate(parts)) return null;
  const zone = other[8] ?? 'Z';
  const time = Date.parse(`${other[1]}-${other[2]}-${other[3]}T${other[4]}:${other[5]}:${other[6] ?? '00'}${other[7] ?? ''}${zone.toUpperCase() === 'Z' ? 'Z' : zone.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2')}`);
  if (Number.isNaN(time)) return null;
  const iso = new Date(time).toISOString();
  return iso.endsWith('.000Z') ? iso.replace('.000Z', 'Z') : iso;
}

function validDate([year, month, day, hour, minute, second]: number[]): boolean {
  const time = new Date(Date.UTC(year!, month! - 1, day!, hour!, minute!, second!));
  return time.getUTCFullYear() === year && time.getUTCMonth() === month! - 1 && time.getUTCDate() === day && hour! < 24 && minute! < 60 && second! < 61;
}

/**
 * What a record is: a page (its payload read and decoded), a skip, or a record-level error. Reads
 * as little of the block as the decision needs; the caller drains the rest.
 */
async function classify(
  record: WARCRecord,
  fields: RecordFields,
  block: LimitReaderType,
  blockBytes: AsyncIterator<Uint8Array>,
  offset: number,
  context: WarcContext,
): Promise<ArchiveItem> {
  const { type, targetUri } = fields;
  const skip = (reason: ArchiveSkip['reason'], status: number | null = null, contentType: string | null = null): ArchiveSkip => ({
    kind: 'skip',
    recordType: type,
    status,
    contentType,
    reason,
    targetUri,
    offset,
    member: context.member,
  });
  const failure = (error: KcnaError): ArchiveFailure => ({ kind: 'error', error, offset, member: context.member, recordId: fields.recordId, targetUri, fatal: false });
  const where = `the ${type} record at ${formatOffset(offset, context.member)}${targetUri ? ` (${targetUri})` : ''}`;
  const invalid = (what: string) => failure(new KcnaError('ARCHIVE_DAMAGED', `${where} ${what}`, { path: context.display }));

  if (type !== 'response' && type !== 'resource' && type !== 'revisit') return skip('type');
  // wget (and Heritrix) keep their log and arguments as resource records under metadata: URIs.
  if (type === 'resource' && targetUri !== null && /^metadata:/i.test(targetUri)) return skip('type', null, parseContentType(record.warcContentType).type);
  if (context.select && !context.select(targetUri ?? '')) return skip('selected-out');

  const warcType = parseContentType(record.warcContentType);
  let http: HttpHead | null = null;
  let rest: Uint8Array = new Uint8Array(0);
  if (type === 'response' || (type === 'revisit' && block.limit > 0)) {
    // A response whose block is not HTTP (Heritrix's dns: records, text/dns) is not a page.
    if (warcType.type !== null && warcType.type !== 'application/http' && warcType.type !== 'message/http') return skip('media', null, warcType.type);
    const head = await readHttpHead(blockBytes);
    if (head === 'too-long') return invalid(`has HTTP headers that do not end within ${HEADERS_MAX} bytes`);
    http = await parseHttpHead(head.head);
    rest = head.rest;
    if (http === null && type === 'response') return skip('status');
  }

  const tooLarge = (what: string) => failure(new KcnaError('FILE_TOO_LARGE', `${where} ${what}`, { path: context.display }));
  const required = (): ArchiveFailure | null => {
    if (fields.recordId === null) return invalid('has no WARC-Record-ID');
    if (targetUri === null) return invalid('has no WARC-Target-URI');
    if (fields.capturedAt === null) return invalid(`has no valid WARC-Date (${JSON.stringify(record.warcDate ?? '')})`);
    return null;
  };

  if (type === 'response' || type === 'resource') {
    const media = type === 'response' ? http!.media : warcType;
    if (type === 'response' && !isPageStatus(http!.status)) return skip('status', http!.status, media.type);
    const kind = mediaClass(media.type);
    const status = type === 'response' ? http!.status : null;
    if (kind === 'other' || (targetUri !== null && isRobotsTxt(targetUri))) return skip('media', status, media.type);
    const missing = required();
    if (missing) return missing;
    let bytes: Uint8Array;
    try {
      bytes = type === 'response' ? await readPayload(rest, blockBytes, http!, context.maxBytes) : await collect(blockBytes, context.maxBytes);
    } catch (error) {
      if (!(error instanceof PayloadError)) throw error;
      return error.reason === 'too-large' ? tooLarge(error.message) : invalid(error.message);
    }
    let contentType = media.type;
    if (kind === 'unknown') {
      if (!sniffsAsPage(bytes)) return skip('media', status, media.type);
      contentType = 'text/html';
    }
    return page(fields, offset, context, bytes, contentType!, media.charset, null);
  }

  // A revisit: its own HTTP headers (when it has them) decide status and type; the payload is the earlier record's.
  if (http !== null) {
    if (!isPageStatus(http.status)) return skip('status', http.status, http.media.type);
    if (mediaClass(http.media.type) === 'other' || (targetUri !== null && isRobotsTxt(targetUri))) return skip('media', http.status, http.media.type);
  }
  const profile = record.warcHeaders.headers.get('WARC-Profile') ?? '';
  if (!/identical-payload-digest/i.test(profile)) return skip('revisit-unresolved', http?.status ?? null, http?.media.type ?? null);
  const missing = required();
  if (missing) return missing;
  const refersTo = record.warcHeaders.headers.get('WARC-Refers-To')?.trim().replace(/^<(.*)>$/, '$1') ?? null;
  // The record it names, then the capture it names, then any page with the same payload.
  const keys = recordKeys(refersTo, record.warcRefersToTargetURI?.trim() ?? null, isoTimestamp(record.warcRefersToDate), fields.payloadDigest);
  const found = keys.length > 0 ? context.revisits.find(keys) : null;
  let original: HeldPayload | null = null;
  try {
    if (found !== null && 'payload' in found) original = found.payload;
    else if (found !== null) original = await reread(found.location, context);
  } catch (error) {
    if (!(error instanceof PayloadError)) throw error;
    return error.reason === 'too-large' ? tooLarge(error.message) : invalid(error.message);
  }
  if (original === null) return skip('revisit-unresolved', http?.status ?? null, http?.media.type ?? null);
  const own = http !== null && mediaClass(http.media.type) === 'page';
  return page(fields, offset, context, original.bytes, own ? http!.media.type! : original.contentType, own ? http!.media.charset : original.charset, original.recordId);
}

function page(fields: RecordFields, offset: number, context: WarcContext, bytes: Uint8Array, contentType: string, charset: string | null, revisitOf: string | null): ArchiveRecordInput {
  return {
    kind: 'record',
    format: context.format,
    recordId: fields.recordId!,
    offset,
    member: context.member,
    targetUri: fields.targetUri!,
    capturedAt: fields.capturedAt!,
    payloadDigest: fields.payloadDigest,
    contentType,
    charset,
    bytes,
    revisitOf,
  };
}

/** The parts of an HTTP response head that decide and decode a record. */
interface HttpHead {
  status: number | null;
  media: MediaType;
  transfer: string[];
  content: string[];
}

/**
 * The HTTP head at the start of a block: the bytes up to and including the blank line (CRLF CRLF,
 * or LF LF from servers that write bare LFs), and what followed it in the chunks read. A block that
 * ends without a blank line is all head. 'too-long' past HEADERS_MAX.
 */
async function readHttpHead(blockBytes: AsyncIterator<Uint8Array>): Promise<{ head: Uint8Array; rest: Uint8Array } | 'too-long'> {
  let buffer: Uint8Array = new Uint8Array(0);
  for (;;) {
    const end = headEnd(buffer);
    if (end >= 0) return { head: buffer.subarray(0, end), rest: buffer.subarray(end) };
    if (buffer.length > HEADERS_MAX) return 'too-long';
    const next = await blockBytes.next();
    if (next.done) return { head: buffer, rest: new Uint8Array(0) };
    buffer = buffer.length === 0 ? next.value : concat(buffer, next.value);
  }
}

/** The index just after the blank line ending a head (LF LF or LF CR LF), or -1. */
function headEnd(bytes: Uint8Array): number {
  for (let i = bytes.indexOf(0x0a); i >= 0 && i < bytes.length - 1; i = bytes.indexOf(0x0a, i + 1)) {
    if (bytes[i + 1] === 0x0a) return i + 2;
    if (bytes[i + 1] === 0x0d && bytes[i + 2] === 0x0a) return i + 3;
  }
  return -1;
}

/** Parses an HTTP head with warcio's parser: status, media type and codings; null without a status line. */
async function parseHttpHead(head: Uint8Array): Promise<HttpHead | null> {
  const { AsyncIterReader, StatusAndHeadersParser, latin1ToUTF } = await loadWarcio();
  const parsed = await new StatusAndHeadersParser().parse(new AsyncIterReader([head], null), { headersClass: Headers });
  if (parsed === null || !/^HTTP\/\d/i.test(parsed.statusline)) return null;
  const code = parsed.statusCode;
  const get = (name: string): string | null => {
    const value = parsed.headers.get(name);
    if (value === null || value === undefined) return null;
    return parsed.reencodeHeaders?.has(name) ? latin1ToUTF(value) : value;
  };
  return {
    status: typeof code === 'number' && Number.isInteger(code) && code >= 100 && code <= 999 ? code : null,
    media: parseContentType(get('content-type')),
    transfer: codings(get('transfer-encoding')),
    content: codings(get('content-encoding')),
  };
}

/**
 * An HTTP payload, transfer coding and content codings undone, at most maxBytes before and after
 * decoding. Chunked coding is undone by warcio's reader, which passes through a body that is not
 * chunked after all (tools that store bodies dechunked but keep the header). Throws PayloadError.
 */
async function readPayload(first: Uint8Array, blockBytes: AsyncIterator<Uint8Array>, http: HttpHead, maxBytes: number): Promise<Uint8Array> {
  const body = continued(first, blockBytes);
  let bytes: Uint8Array;
  if (http.transfer.includes('chunked')) {
    const { AsyncIterReader } = await loadWarcio();
    bytes = await collect(new AsyncIterReader(body, null, true)[Symbol.asyncIterator](), maxBytes);
  } else {
    bytes = await collect(body[Symbol.asyncIterator](), maxBytes);
  }
  // Content codings were applied first, then any transfer coding other than chunked.
  return decodeContent(bytes, [...http.content, ...http.transfer.filter((coding) => coding !== 'chunked')], maxBytes);
}

/** The first bytes, then the rest of an iterator, without ever closing that iterator (the caller drains it). */
async function* continued(first: Uint8Array, rest: AsyncIterator<Uint8Array>): AsyncGenerator<Uint8Array> {
  if (first.length > 0) yield first;
  for (;;) {
    const next = await rest.next();
    if (next.done) return;
    yield next.value;
  }
}

/** Collects at most maxBytes; past that a PayloadError (the rest is left to drain). */
async function collect(chunks: AsyncIterator<Uint8Array | null>, maxBytes: number): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const next = await chunks.next();
    if (next.done || next.value === null) break;
    size += next.value.length;
    if (size > maxBytes) throw new PayloadError('too-large', `holds more than the limit of ${maxBytes} bytes`);
    parts.push(next.value);
  }
  return parts.length === 1 ? parts[0]! : joinAll(parts, size);
}

/** Reads an iterator to its end, holding nothing. */
async function drain(chunks: AsyncIterator<Uint8Array>): Promise<void> {
  for (let next = await chunks.next(); !next.done; next = await chunks.next());
}

/**
 * A revisit's original, read again from where it was (its own headers decide its decoding). Null
 * when it cannot be read again or is no longer a page there. Throws PayloadError.
 */
async function reread(location: RecordLocation, context: WarcContext): Promise<HeldPayload | null> {
  const opened = context.reopen?.(location.member, location.offset) ?? null;
  if (opened === null) return null;
  // Read with its own context: nothing selected out, nothing remembered.
  const inner: WarcContext = { ...context, member: location.member, select: null, reopen: null, revisits: new RevisitStore(0) };
  let stream: AsyncIterable<Uint8Array>;
  try {
    stream = await opened;
  } catch {
    return null;
  }
  const records = readWarc(stream, inner, location.offset);
  try {
    const first = await records.next();
    if (first.done) return null;
    const item = first.value;
    if (item.kind === 'record' && idHash(item.recordId) === location.recordIdHash) return { recordId: item.recordId, bytes: item.bytes, contentType: item.contentType, charset: item.charset };
    if (item.kind === 'error' && item.error.code === 'FILE_TOO_LARGE') throw new PayloadError('too-large', item.error.message);
    return null;
  } finally {
    await records.return(undefined);
  }
}

/** The input, cut into slices, and whether it is gzip (decided from its first two bytes). */
interface SlicedSource {
  empty: boolean;
  gzip: boolean;
  chunks: AsyncGenerator<Uint8Array>;
}

async function slice(source: AsyncIterable<Uint8Array>): Promise<SlicedSource> {
  const iterator = source[Symbol.asyncIterator]();
  const start: Uint8Array[] = [];
  let have = 0;
  while (have < 2) {
    const next = await iterator.next();
    if (next.done) break;
    if (next.value.length === 0) continue;
    start.push(next.value);
    have += next.value.length;
  }
  const first = start[0];
  const gzip = first !== undefined && first[0] === 0x1f && (first.length > 1 ? first[1] : start[1]?.[0]) === 0x8b;
  const size = gzip ? GZIP_SLICE : PLAIN_SLICE;
  async function* chunks(): AsyncGenerator<Uint8Array> {
    try {
      for (const chunk of start) yield* cut(chunk, size);
      for (;;) {
        const next = await iterator.next();
        if (next.done) return;
        yield* cut(next.value, size);
      }
    } finally {
      await iterator.return?.();
    }
  }
  return { empty: have === 0, gzip, chunks: chunks() };
}

function* cut(chunk: Uint8Array, size: number): Generator<Uint8Array> {
  for (let at = 0; at < chunk.length; at += size) yield chunk.subarray(at, Math.min(chunk.length, at + size));
}

/** A source that failed to read (a file error): not damage, the archive could not be read. */
function isSourceError(error: unknown): boolean {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string' && /^E[A-Z]+$/.test((error as NodeJS.ErrnoException).code!);
}

function readFailure(context: WarcContext, offset: number, error: unknown): ArchiveFailure {
  const errno = (error as NodeJS.ErrnoException).code ?? null;
  const reason = error instanceof Error ? error.message : String(error);
  return {
    kind: 'error',
    error: new KcnaError('READ_ERROR', `cannot read the archive${context.member ? ` (${context.member})` : ''}: ${reason}`, { path: context.display, errno, cause: error }),
    offset,
    member: context.member,
    recordId: null,
    targetUri: null,
    fatal: true,
  };
}

function leadingNewlines(bytes: Uint8Array): number {
  let n = 0;
  while (n < bytes.length && (bytes[n] === 0x0d || bytes[n] === 0x0a)) n++;
  return n;
}

/** The first bytes as text for a message, a byte a character (JSON.stringify escapes the controls). */
function ascii(bytes: Uint8Array, limit: number): string {
  let text = '';
  for (let i = 0; i < Math.min(bytes.length, limit); i++) text += String.fromCharCode(bytes[i]!);
  return text;
}

function indexOf(bytes: Uint8Array, pattern: readonly number[]): number {
  outer: for (let i = bytes.indexOf(pattern[0]!); i >= 0 && i <= bytes.length - pattern.length; i = bytes.indexOf(pattern[0]!, i + 1)) {
    for (let k = 1; k < pattern.length; k++) if (bytes[i + k] !== pattern[k]) continue outer;
    return i;
  }
  return -1;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
