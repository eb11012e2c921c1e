/**
 * Which records are pages, on archives built with the independent writer: select() decides before
 * any of a record's block is read, the edge cases of HTTP (no status line, no or unknown
 * Content-Type, codings stored decoded, bare LFs), of WARC (1.0 and 1.1, folded headers, wget's
 * bracketed URIs, dates), and revisits of every kind.
 */
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeContent, parseContentType } from '../../src/io/archive/http.js';
import type { ArchiveItem, ArchiveRecordInput } from '../../src/io/archive/index.js';
import { RevisitStore } from '../../src/io/archive/revisits.js';
import { isoTimestamp } from '../../src/io/archive/warc.js';
import { chunked, gzipMember, httpMessage, payloadDigest, response, warcFile, warcRecord } from '../helpers/warc-writer.js';
import { itemsOf, scratch, summary } from './support.js';
import { items } from './support.js';

const HTML = '<!DOCTYPE html><html><head><title>T</title></head><body><p>Pyongyang, March 23 (KCNA) -- Text. -0-</p></body></html>\n';
const archive = (records: Uint8Array[], gzip = true) => warcFile(records, gzip).file;
const only = async (record: Uint8Array, overrides = {}): Promise<ArchiveItem> => {
  const all = await itemsOf(archive([record]), overrides);
  expect(all).toHaveLength(1);
  return all[0]!;
};
const text = (item: ArchiveItem) => (item.kind === 'record' ? Buffer.from(item.bytes).toString('latin1') : null);

describe('select()', () => {
  const corrupt = Buffer.concat([Buffer.from([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 3]), Buffer.from('this is not deflate data at all, it is broken')]);
  const records = () => [
    warcRecord({ type: 'warcinfo', block: 'software: x\r\n' }),
    warcRecord({ type: 'request', uri: 'http://example.com/a', block: httpMessage('GET /a HTTP/1.1', [['Host', 'example.com']]) }),
    response('http://example.com/a', corrupt, { headers: [['Content-Type', 'text/html'], ['Content-Encoding', 'gzip']] }),
    response('http://example.com/b', HTML),
  ];

  it('skips a selected-out record whose payload is corrupt: nothing of it is decoded', async () => {
    const all = await itemsOf(archive(records()), { select: (uri) => !uri.endsWith('/a') });
    expect(all.map((item) => `${item.kind} ${item.kind === 'skip' ? item.reason : ''}`)).toEqual(['skip type', 'skip type', 'skip selected-out', 'record ']);
    expect(all[2]).toMatchObject({ status: null, contentType: null, targetUri: 'http://example.com/a' });
  });

  it('the same record selected in: an error for it alone (its payload is corrupt)', async () => {
    const all = await itemsOf(archive(records()), { select: () => true });
    expect(all.map((item) => item.kind)).toEqual(['skip', 'skip', 'error', 'record']);
    expect(all[2]).toMatchObject({ fatal: false, error: { code: 'ARCHIVE_DAMAGED', message: expect.stringMatching(/Content-Encoding gzip\) is corrupt/) } });
  });

  it('is asked about each response, resource and revisit by its target URI, never about other records', async () => {
    const asked: string[] = [];
    await itemsOf(archive(records()), { select: (uri) => (asked.push(uri), true) });
    expect(asked).toEqual(['http://example.com/a', 'http://example.com/b']);
  });

  it('skips a selected-out record larger than the limit, without an error', async () => {
    const big = response('http://example.com/big', `<html>${'x'.repeat(200_000)}</html>`);
    const all = await itemsOf(archive([big]), { select: () => false, maxBytes: 1000 });
    expect(all.map(summary)).toEqual(['skip 0 response selected-out null null']);
  });
});

describe('responses', () => {
  it.each([
    ['204 No Content', 204],
    ['206 Partial Content', 206],
    ['302 Found', 302],
    ['500 Internal Server Error', 500],
  ])('%s: skipped for its status', async (status, code) => {
    expect(await only(response('http://example.com/', HTML, { status }))).toMatchObject({ kind: 'skip', reason: 'status', status: code, contentType: 'text/html' });
  });

  it('without an HTTP status line: skipped for its status (null)', async () => {
    const record = warcRecord({ type: 'response', uri: 'http://example.com/', contentType: 'application/http;msgtype=response', block: HTML });
    expect(await only(record)).toMatchObject({ kind: 'skip', reason: 'status', status: null });
  });

  it('with a block that is not HTTP (Heritrix dns: records): skipped for its media type', async () => {
    const record = warcRecord({ type: 'response', uri: 'dns:www.kcna.kp', contentType: 'text/dns', block: '20251214080000\nwww.kcna.kp.\t300\tIN\tA\t175.45.176.71\n' });
    expect(await only(record)).toMatchObject({ kind: 'skip', reason: 'media', contentType: 'text/dns' });
  });

  it.each([
    ['application/xhtml+xml', 'application/xhtml+xml'],
    ['text/plain; charset=windows-1252', 'text/plain'],
    ['TEXT/HTML; Charset="EUC-KR"', 'text/html'],
  ])('Content-Type %s: kept as %s', async (header, type) => {
    const item = await only(response('http://example.com/', HTML, { headers: [['Content-Type', header]] }));
    expect(item).toMatchObject({ kind: 'record', contentType: type });
  });

  it('keeps the charset parameter as written, quotes removed; a repeated header’s last type wins', async () => {
    expect(await only(response('http://example.com/', HTML, { headers: [['Content-Type', 'text/html; charset="EUC-KR"']] }))).toMatchObject({ charset: 'EUC-KR' });
    expect(await only(response('http://example.com/', HTML, { headers: [['Content-Type', 'text/plain'], ['Content-Type', 'text/html; charset=Shift_JIS']] }))).toMatchObject({ contentType: 'text/html', charset: 'Shift_JIS' });
    expect(parseContentType('text/html; charset=utf-8, text/html')).toEqual({ type: 'text/html', charset: 'utf-8' });
    expect(parseContentType('nonsense')).toEqual({ type: null, charset: null });
  });

  it.each([[null], ['application/octet-stream'], ['unknown/unknown']])('Content-Type %s: kept as text/html when the payload sniffs as HTML, skipped otherwise', async (header) => {
    const headers: Array<[string, string]> = header === null ? [] : [['Content-Type', header]];
    expect(await only(response('http://example.com/', `\r\n  ${HTML}`, { headers }))).toMatchObject({ kind: 'record', contentType: 'text/html', charset: null });
    expect(await only(response('http://example.com/', '%PDF-1.4 not a page', { headers }))).toMatchObject({ kind: 'skip', reason: 'media', contentType: header });
  });

  it.each([['text/css'], ['image/png'], ['application/javascript'], ['application/json'], ['text/xml']])('%s: skipped for its media type', async (type) => {
    expect(await only(response('http://example.com/x', 'x', { headers: [['Content-Type', type]] }))).toMatchObject({ kind: 'skip', reason: 'media', status: 200, contentType: type });
  });

  it('robots.txt, though text/plain: skipped for its media type', async () => {
    expect(await only(response('http://www.kcna.kp/robots.txt', 'User-agent: *\n', { headers: [['Content-Type', 'text/plain']] }))).toMatchObject({ kind: 'skip', reason: 'media' });
  });

  it('undoes chunked coding, and passes a body marked chunked that is not', async () => {
    const body = Buffer.from(HTML.repeat(20));
    expect(text(await only(response('http://example.com/', chunked(body, 7), { headers: [['Content-Type', 'text/html'], ['Transfer-Encoding', 'chunked']] })))).toBe(body.toString('latin1'));
    expect(text(await only(response('http://example.com/', body, { headers: [['Content-Type', 'text/html'], ['Transfer-Encoding', 'chunked']] })))).toBe(body.toString('latin1'));
  });

  it('undoes every content coding: gzip, x-gzip, deflate (zlib and raw), br, chunked over gzip, two codings', async () => {
    const body = Buffer.from(HTML.repeat(50));
    const cases: Array<[string, Buffer, string?]> = [
      ['gzip', zlib.gzipSync(body)],
      ['x-gzip', zlib.gzipSync(body)],
      ['deflate', zlib.deflateSync(body)],
      ['deflate', zlib.deflateRawSync(body)],
      ['br', zlib.brotliCompressSync(body)],
      ['gzip, br', zlib.brotliCompressSync(zlib.gzipSync(body))],
      ['gzip', chunked(zlib.gzipSync(body), 100), 'chunked'],
    ];
    for (const [encoding, payload, transfer] of cases) {
      const headers: Array<[string, string]> = [['Content-Type', 'text/html'], ['Content-Encoding', encoding]];
      if (transfer) headers.push(['Transfer-Encoding', transfer]);
      expect(text(await only(response('http://example.com/', payload, { headers }))), encoding).toBe(body.toString('latin1'));
    }
  });

  it('keeps a body stored decoded under a Content-Encoding header (as some capture tools do)', async () => {
    for (const encoding of ['gzip', 'deflate', 'br']) {
      expect(text(await only(response('http://example.com/', HTML, { headers: [['Content-Type', 'text/html'], ['Content-Encoding', encoding]] }))), encoding).toBe(HTML);
    }
  });

  it('gives what a gzip payload cut short holds (a capture stopped early)', async () => {
    const body = Buffer.from(HTML.repeat(400));
    const gz = zlib.gzipSync(body);
    const item = await only(response('http://example.com/', gz.subarray(0, gz.length - 100), { headers: [['Content-Type', 'text/html'], ['Content-Encoding', 'gzip']] }));
    expect(item.kind).toBe('record');
    expect(body.toString('latin1').startsWith(text(item)!)).toBe(true);
    expect(text(item)!.length).toBeGreaterThan(1000);
  });

  it('an unknown Content-Encoding: an error for that record', async () => {
    expect(await only(response('http://example.com/', 'x', { headers: [['Content-Type', 'text/html'], ['Content-Encoding', 'compress']] }))).toMatchObject({ kind: 'error', fatal: false, error: { message: expect.stringContaining("'compress'") } });
  });

  it('HTTP headers ended by bare LFs are read; headers that do not end within 64 KiB are an error for that record', async () => {
    const lf = warcRecord({ type: 'response', uri: 'http://example.com/', contentType: 'application/http;msgtype=response', block: `HTTP/1.1 200 OK\nContent-Type: text/html\n\n${HTML}` });
    expect(text(await only(lf))).toBe(HTML);
    const endless = warcRecord({ type: 'response', uri: 'http://example.com/2', contentType: 'application/http;msgtype=response', block: `HTTP/1.1 200 OK\r\nX-Long: ${'y'.repeat(70_000)}` });
    const all = await itemsOf(archive([endless, response('http://example.com/3', HTML)]));
    expect(all.map((item) => `${item.kind} ${item.kind === 'error' ? item.fatal : ''}`)).toEqual(['error false', 'record ']);
  });
});

describe('WARC records', () => {
  it('reads WARC/1.0 and WARC/1.1, folded header values, and wget’s <bracketed> target URIs', async () => {
    const all = await itemsOf(
      archive([
        response('http://example.com/1', HTML, { version: '1.0' }),
        warcRecord({ type: 'response', uri: '<http://example.com/2>', contentType: 'application/http;msgtype=response', foldAt: 10, fields: [['WARC-Warcinfo-ID', '<urn:uuid:00000000-0000-4000-8000-000000000099>']], block: httpMessage('HTTP/1.0 200 OK', [['Content-Type', 'text/html']], HTML) }),
      ]),
    );
    expect(all.map((item) => (item.kind === 'record' ? item.targetUri : item.kind))).toEqual(['http://example.com/1', 'http://example.com/2']);
  });

  it('skips conversion, continuation and unknown record types, and resource records under metadata: URIs', async () => {
    const all = await itemsOf(
      archive([
        warcRecord({ type: 'conversion', uri: 'http://example.com/', contentType: 'text/html', block: HTML }),
        warcRecord({ type: 'continuation', uri: 'http://example.com/', block: HTML }),
        warcRecord({ type: 'x-custom', uri: 'http://example.com/', block: HTML }),
        warcRecord({ type: 'resource', uri: 'metadata://gnu.org/software/wget/warc/wget_arguments.txt', contentType: 'text/plain', block: '"wget" "http://example.com/"' }),
      ]),
    );
    expect(all.map((item) => (item.kind === 'skip' ? `${item.recordType} ${item.reason}` : item.kind))).toEqual(['conversion type', 'continuation type', 'x-custom type', 'resource type']);
  });

  it('keeps resource records of text/html and text/plain, and sniffs one without a type', async () => {
    const all = await itemsOf(
      archive([
        warcRecord({ type: 'resource', uri: 'file:///a.html', contentType: 'text/html; charset=utf-8', block: HTML }),
        warcRecord({ type: 'resource', uri: 'file:///a.txt', contentType: 'text/plain', block: 'Pyongyang, March 23 (KCNA) -- Text. -0-\n' }),
        warcRecord({ type: 'resource', uri: 'file:///b', block: HTML }),
        warcRecord({ type: 'resource', uri: 'file:///c.png', contentType: 'image/png', block: 'x' }),
      ]),
    );
    expect(all.map((item) => (item.kind === 'record' ? `${item.contentType} ${item.charset}` : `${item.kind} ${item.kind === 'skip' ? item.reason : ''}`))).toEqual(['text/html utf-8', 'text/plain null', 'text/html null', 'skip media']);
  });

  it('gives WARC-Date as an ISO timestamp in UTC', () => {
    expect(isoTimestamp('2025-12-14T08:00:00Z')).toBe('2025-12-14T08:00:00Z');
    expect(isoTimestamp('2025-12-14T08:00:00.123456Z')).toBe('2025-12-14T08:00:00.123456Z');
    expect(isoTimestamp('2025-12-14T08:00Z')).toBe('2025-12-14T08:00:00Z');
    expect(isoTimestamp('20251214080000')).toBe('2025-12-14T08:00:00Z');
    expect(isoTimestamp('2025-12-14T17:00:00+09:00')).toBe('2025-12-14T08:00:00Z');
    expect(isoTimestamp('2025-12-14 08:00:00')).toBe('2025-12-14T08:00:00Z');
    expect(isoTimestamp('2025-02-30T08:00:00Z')).toBeNull();
    expect(isoTimestamp('yesterday')).toBeNull();
    expect(isoTimestamp(null)).toBeNull();
  });
});

describe('revisits', () => {
  const original = (id: string, body: string | Buffer = HTML, headers: Array<[string, string]> = [['Content-Type', 'text/html; charset=utf-8']]) =>
    response('http://example.com/page', body, { id, date: '2025-12-14T08:00:00Z', headers });
  const revisit = (options: { id?: string; digestOf?: string | Buffer; refersTo?: string; refersToUri?: string; refersToDate?: string; http?: Buffer | null; profile?: string; uri?: string } = {}) =>
    warcRecord({
      type: 'revisit',
      uri: options.uri ?? 'http://example.com/page',
      date: '2025-12-20T08:00:00Z',
      contentType: 'application/http;msgtype=response',
      payloadDigestOf: options.digestOf ?? HTML,
      fields: [
        ['WARC-Profile', options.profile ?? 'http://netpreserve.org/warc/1.1/revisit/identical-payload-digest'],
        ...(options.refersTo ? ([['WARC-Refers-To', `<${options.refersTo}>`]] as Array<[string, string]>) : []),
        ...(options.refersToUri ? ([['WARC-Refers-To-Target-URI', options.refersToUri]] as Array<[string, string]>) : []),
        ...(options.refersToDate ? ([['WARC-Refers-To-Date', options.refersToDate]] as Array<[string, string]>) : []),
      ],
      block: options.http === null ? '' : (options.http ?? httpMessage('HTTP/1.1 200 OK', [['Content-Type', 'text/html; charset=utf-8']])),
    });
  const resolved = (all: ArchiveItem[]) => all.filter((item): item is ArchiveRecordInput => item.kind === 'record' && item.revisitOf !== null);

  it('resolves by payload digest, from a file (re-read by offset) and from a stream (held), gzip and plain', async () => {
    const folder = scratch();
    try {
      for (const gzip of [true, false]) {
        const bytes = archive([original('urn:o:1'), response('http://example.com/other', '<html>other</html>'), revisit()], gzip);
        const fromFile = await items({ path: folder.file(`a.warc${gzip ? '.gz' : ''}`, bytes) });
        const fromStream = await itemsOf(bytes);
        for (const all of [fromFile, fromStream]) {
          expect(resolved(all)).toHaveLength(1);
          expect(resolved(all)[0]).toMatchObject({ revisitOf: 'urn:o:1', capturedAt: '2025-12-20T08:00:00Z', contentType: 'text/html', charset: 'utf-8' });
          expect(text(resolved(all)[0]!)).toBe(HTML);
        }
      }
    } finally {
      folder.cleanup();
    }
  });

  it('resolves by WARC-Refers-To, or by Refers-To-Target-URI and Date, when the digests are written differently', async () => {
    const byId = await itemsOf(archive([original('urn:o:2'), revisit({ digestOf: 'other bytes', refersTo: 'urn:o:2' })]));
    expect(resolved(byId).map((item) => item.revisitOf)).toEqual(['urn:o:2']);
    const byCapture = await itemsOf(archive([original('urn:o:3'), revisit({ digestOf: 'other bytes', refersToUri: 'http://example.com/page', refersToDate: '2025-12-14T08:00:00Z' })]));
    expect(resolved(byCapture).map((item) => item.revisitOf)).toEqual(['urn:o:3']);
  });

  it("decodes the original's payload by the original's own codings", async () => {
    const gz = zlib.gzipSync(Buffer.from(HTML));
    const all = await itemsOf(archive([original('urn:o:4', gz, [['Content-Type', 'text/html'], ['Content-Encoding', 'gzip']]), revisit({ digestOf: gz })]));
    expect(resolved(all).map(text)).toEqual([HTML]);
  });

  it('without HTTP headers of its own: takes the original’s type and charset', async () => {
    const all = await itemsOf(archive([original('urn:o:5'), revisit({ http: null })]));
    expect(resolved(all)[0]).toMatchObject({ contentType: 'text/html', charset: 'utf-8' });
  });

  it("with its own status: a 304 or 404 revisit is skipped for it; another profile's is unresolved", async () => {
    const all = await itemsOf(
      archive([
        original('urn:o:6'),
        revisit({ http: httpMessage('HTTP/1.1 304 Not Modified', []) }),
        revisit({ http: httpMessage('HTTP/1.1 404 Not Found', [['Content-Type', 'text/html']]) }),
        revisit({ profile: 'http://netpreserve.org/warc/1.1/revisit/server-not-modified' }),
      ]),
    );
    expect(all.slice(1).map((item) => (item.kind === 'skip' ? `${item.reason} ${item.status}` : item.kind))).toEqual(['status 304', 'status 404', 'revisit-unresolved 200']);
  });

  it('of a record that was selected out, or of none: unresolved', async () => {
    const all = await itemsOf(archive([original('urn:o:7'), revisit({ uri: 'http://example.com/copy' })]), { select: (uri) => uri.endsWith('/copy') });
    expect(all.map((item) => (item.kind === 'skip' ? item.reason : item.kind))).toEqual(['selected-out', 'revisit-unresolved']);
    expect((await itemsOf(archive([revisit()]))).map(summary)).toEqual(['skip 0 revisit revisit-unresolved 200 text/html']);
  });

  it('the held payloads are bounded: least recently used dropped first', () => {
    const store = new RevisitStore(100);
    const payload = (id: string, size: number) => ({ recordId: id, bytes: new Uint8Array(size), contentType: 'text/html', charset: null });
    store.holdPayload(['digest a'], payload('a', 40));
    store.holdPayload(['digest b'], payload('b', 40));
    expect(store.find(['digest a'])).toMatchObject({ payload: { recordId: 'a' } });
    store.holdPayload(['digest c'], payload('c', 40));
    expect(store.find(['digest b'])).toBeNull();
    expect(store.find(['digest a'])).toMatchObject({ payload: { recordId: 'a' } });
    expect(store.find(['digest c'])).toMatchObject({ payload: { recordId: 'c' } });
    store.holdPayload(['digest big'], payload('big', 101));
    expect(store.find(['digest big'])).toBeNull();
  });

  it('uses the Heritrix and wget digest form too', () => {
    expect(payloadDigest('abc')).toBe('sha1:VGMT4NSHA2AWVOR6EVYXQUGCNSONBWE5');
  });
});

describe('decodeContent', () => {
  it('stops a bomb at the limit', async () => {
    const bomb = zlib.gzipSync(Buffer.alloc(50 * 1024 * 1024));
    await expect(decodeContent(bomb, ['gzip'], 1024 * 1024)).rejects.toMatchObject({ reason: 'too-large' });
    await expect(decodeContent(zlib.brotliCompressSync(Buffer.alloc(10 * 1024 * 1024)), ['br'], 1024 * 1024)).rejects.toMatchObject({ reason: 'too-large' });
    await expect(decodeContent(zlib.deflateSync(Buffer.alloc(10 * 1024 * 1024)), ['deflate'], 1024 * 1024)).rejects.toMatchObject({ reason: 'too-large' });
  });

  it('passes identity and an empty payload', async () => {
    expect(await decodeContent(Buffer.from('x'), [], 10)).toEqual(Buffer.from('x'));
    expect(await decodeContent(new Uint8Array(0), ['gzip'], 10)).toEqual(new Uint8Array(0));
  });

  it('gives a member-per-record writer’s bytes back (the writer is sound)', () => {
    const record = response('http://example.com/', HTML);
    expect(zlib.gunzipSync(gzipMember(record)).equals(record)).toBe(true);
    expect(record.subarray(-4).toString('latin1')).toBe('\r\n\r\n');
  });
});
