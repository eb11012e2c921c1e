/**
 * A second, independent WARC writer for tests, written from the WARC 1.1 specification (ISO
 * 28500:2017) rather than from warcio, byte for byte:
 *
 *   warc-record  = header CRLF block CRLF CRLF
 *   header       = version warc-fields
 *   version      = "WARC/1.1" CRLF            (or "WARC/1.0")
 *   warc-fields  = *named-field CRLF
 *   named-field  = field-name ":" [ field-value ]   each followed by CRLF; a value may be folded
 *                  onto lines that start with a space or tab
 *
 * with the mandatory fields WARC-Record-ID, Content-Length (the length of the block), WARC-Date and
 * WARC-Type, and, for a .warc.gz, each record compressed as a gzip member of its own (Annex D),
 * here with node:zlib. Every part can be bent to make damaged archives: a Content-Length that lies,
 * a missing closing CRLF CRLF, bytes between records, members cut short.
 */
import { createHash } from 'node:crypto';
import zlib from 'node:zlib';

export type Bytes = Uint8Array | string;

const bytes = (value: Bytes): Buffer => (typeof value === 'string' ? Buffer.from(value, 'utf8') : Buffer.from(value.buffer, value.byteOffset, value.byteLength));

export interface RecordSpec {
  type: 'warcinfo' | 'response' | 'resource' | 'request' | 'metadata' | 'revisit' | 'conversion' | 'continuation' | (string & {});
  /** The block: for response, request and revisit records an HTTP message (see httpMessage). */
  block: Bytes;
  version?: '1.0' | '1.1';
  /** WARC-Record-ID without angle brackets; default a made-up urn:uuid from the other fields. */
  id?: string;
  uri?: string;
  /** WARC-Date; default 2025-12-14T08:00:00Z. */
  date?: string;
  /** The record's Content-Type (for a response: application/http;msgtype=response). */
  contentType?: string;
  /** Further fields, in order, after the mandatory ones. */
  fields?: Array<[string, string]>;
  /** A Content-Length other than the block's length (a lie). */
  contentLength?: number | string | null;
  /** What follows the block, instead of CRLF CRLF. */
  trailer?: Bytes;
  /** Fold the values of `fields` longer than this many characters onto continuation lines. */
  foldAt?: number;
  /** Write a payload digest (sha1, base32, as Heritrix and wget do) of this payload. */
  payloadDigestOf?: Bytes;
}

let serial = 0;

/** A record, byte for byte as the specification lays it out. */
export function warcRecord(spec: RecordSpec): Buffer {
  const block = bytes(spec.block);
  const version = spec.version ?? '1.1';
  const id = spec.id ?? `urn:uuid:00000000-0000-4000-8000-${String(++serial).padStart(12, '0')}`;
  const fields: Array<[string, string]> = [
    ['WARC-Type', spec.type],
    ['WARC-Record-ID', `<${id}>`],
    ['WARC-Date', spec.date ?? '2025-12-14T08:00:00Z'],
  ];
  if (spec.uri !== undefined) fields.push(['WARC-Target-URI', spec.uri]);
  if (spec.contentType !== undefined) fields.push(['Content-Type', spec.contentType]);
  if (spec.payloadDigestOf !== undefined) fields.push(['WARC-Payload-Digest', payloadDigest(spec.payloadDigestOf)]);
  fields.push(...(spec.fields ?? []).map(([name, value]): [string, string] => [name, fold(value, spec.foldAt)]));
  if (spec.contentLength !== null) fields.push(['Content-Length', String(spec.contentLength ?? block.length)]);
  const lines = [`WARC/${version}`];
  for (const [name, value] of fields) lines.push(`${name}: ${value}`);
  const header = Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'utf8');
  return Buffer.concat([header, block, spec.trailer === undefined ? Buffer.from('\r\n\r\n') : bytes(spec.trailer)]);
}

function fold(value: string, at: number | undefined): string {
  if (at === undefined || value.length <= at) return value;
  const parts: string[] = [];
  for (let i = 0; i < value.length; i += at) parts.push(value.slice(i, i + at));
  return parts.join('\r\n\t');
}

/** sha1:BASE32, the payload digest form of Heritrix and wget. */
export function payloadDigest(payload: Bytes): string {
  const digest = createHash('sha1').update(bytes(payload)).digest();
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of digest) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += alphabet[(value << (5 - bits)) & 31];
  return `sha1:${out}`;
}

/** An HTTP/1.1 message: a start line, header fields, a blank line, the body (RFC 9112). */
export function httpMessage(startLine: string, headers: Array<[string, string]>, body: Bytes = ''): Buffer {
  const head = [startLine, ...headers.map(([name, value]) => `${name}: ${value}`)].join('\r\n');
  return Buffer.concat([Buffer.from(`${head}\r\n\r\n`, 'latin1'), bytes(body)]);
}

/** An HTTP response record's usual parts, in one call. */
export function response(uri: string, body: Bytes, options: { status?: string; headers?: Array<[string, string]>; id?: string; date?: string; version?: '1.0' | '1.1' } = {}): Buffer {
  return warcRecord({
    type: 'response',
    uri,
    ...(options.id !== undefined ? { id: options.id } : {}),
    ...(options.date !== undefined ? { date: options.date } : {}),
    ...(options.version !== undefined ? { version: options.version } : {}),
    contentType: 'application/http;msgtype=response',
    payloadDigestOf: body,
    block: httpMessage(`HTTP/1.1 ${options.status ?? '200 OK'}`, options.headers ?? [['Content-Type', 'text/html; charset=utf-8']], body),
  });
}

/** HTTP/1.1 chunked transfer coding of a body, in chunks of `size` bytes. */
export function chunked(body: Bytes, size: number): Buffer {
  const data = bytes(body);
  const parts: Buffer[] = [];
  for (let at = 0; at < data.length; at += size) {
    const chunk = data.subarray(at, at + size);
    parts.push(Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from('0\r\n\r\n'));
  return Buffer.concat(parts);
}

/** One gzip member (RFC 1952) holding the bytes. */
export function gzipMember(record: Bytes): Buffer {
  return zlib.gzipSync(bytes(record));
}

/** A WARC file of these records: plain, or a gzip member per record. Returns the file and each record's offset. */
export function warcFile(records: readonly Bytes[], compress: boolean): { file: Buffer; offsets: number[] } {
  const parts = records.map((record) => (compress ? gzipMember(record) : bytes(record)));
  const offsets: number[] = [];
  let at = 0;
  for (const part of parts) {
    offsets.push(at);
    at += part.length;
  }
  return { file: Buffer.concat(parts), offsets };
}
