/**
 * What reading a web archive yields, item by item (see index.ts for the reading itself). A record
 * is an input for the page readers; a skip is a record that is not a page, counted and never an
 * error; an error is damage, or a record that cannot be used.
 */
import type { KcnaError } from '../../errors.js';
import type { ArchiveRecord } from '../../schema/types.js';

/** The two container formats: a WARC (plain, gzip per record, or one gzip over all), and a WACZ zip of WARCs. */
export type ArchiveFormat = ArchiveRecord['format'];

/**
 * One record to hand to the page reader: its payload, decoded, and where and when it was captured
 * (the schema's ArchiveRecord, which becomes the document's source.archive).
 */
export interface ArchiveRecordInput extends ArchiveRecord {
  kind: 'record';
  /** The HTTP (or, for a resource record, the WARC) media type, lower case, without parameters. */
  contentType: string;
  /** The charset parameter of that Content-Type as written (quotes removed), or null. */
  charset: string | null;
  /** The payload: chunked transfer coding and Content-Encoding undone. */
  bytes: Uint8Array;
  /** For a resolved revisit: the id of the record whose payload this is; otherwise null. */
  revisitOf: string | null;
}

/** Why a record is not a page. */
export type SkipReason =
  /** Its WARC-Type holds no page: warcinfo, request, metadata, conversion, continuation, or a resource about the crawl itself. */
  | 'type'
  /** An HTTP status other than a whole page's: redirects, errors, 204/205/206, no status line. */
  | 'status'
  /** A media type that is not a page or text: CSS, images, scripts, robots.txt… */
  | 'media'
  /** The caller's select() refused its WARC-Target-URI. */
  | 'selected-out'
  /** A revisit whose earlier payload the archive does not hold (or no longer held in reach). */
  | 'revisit-unresolved';

/** A record that is not a page: counted by type and status, never an error. */
export interface ArchiveSkip {
  kind: 'skip';
  /** The WARC-Type as written ('response', 'request'…). */
  recordType: string;
  /** The HTTP status, when the record is an HTTP response and it was read. */
  status: number | null;
  /** The media type (lower case, no parameters), when it was read. */
  contentType: string | null;
  reason: SkipReason;
  targetUri: string | null;
  offset: number;
  /** For a WACZ, the WARC inside the zip; otherwise null. */
  member: string | null;
}

/** Damage, or a record that cannot be used. */
export interface ArchiveFailure {
  kind: 'error';
  /**
   * ARCHIVE_DAMAGED for damage, FILE_TOO_LARGE for a record past the size limit, READ_ERROR when
   * the archive cannot be read (missing, a folder, unreadable), INTERNAL_ERROR for a bug. The
   * error's path is the archive's display name; its message names the byte offset.
   */
  error: KcnaError;
  offset: number;
  /** For a WACZ, the WARC inside the zip the error is in, if any; otherwise null. */
  member: string | null;
  recordId: string | null;
  targetUri: string | null;
  /** True: nothing more is read from this archive (this is its last item). */
  fatal: boolean;
}

export type ArchiveItem = ArchiveRecordInput | ArchiveSkip | ArchiveFailure;

export interface ArchiveOptions {
  /** How the archive is named in errors (the path as the user gave it). */
  display: string;
  /** A record payload (after decoding) larger than this is a FILE_TOO_LARGE error, never held whole. */
  maxBytes: number;
  /** Applied to WARC-Target-URI before any of the record's block is read: false skips it ('selected-out'). */
  select?: ((uri: string) => boolean) | null;
  /** Told how many bytes of the archive (as stored: compressed) the reading has taken so far, as it goes: for a progress line. */
  onRead?: ((bytes: number) => void) | null;
}

/** Where the bytes come from: a file (seekable: revisits re-read their original from it), or a stream. */
export type ArchiveSource = { path: string | Buffer } | { stream: AsyncIterable<Uint8Array> };
