/**
 * Gzip bombs: a record whose gzip member inflates to 1 GiB, and a response whose Content-Encoding
 * gzip payload does. Under a small size limit each is a FILE_TOO_LARGE error for that record
 * alone, the reading goes on with the next record, memory stays bounded (pako is fed 16 KiB of
 * compressed input at a time; zlib stops at the limit), and it finishes in seconds.
 */
import { once } from 'node:events';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { ArchiveItem } from '../../src/io/archive/index.js';
import { gzipMember, httpMessage, response, warcRecord } from '../helpers/warc-writer.js';
import { itemsOf, printed, summary } from './support.js';

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

/** gzip of `size` zero bytes after `head` and before `tail`, made as a stream (never held whole). */
async function zeros(size: number, head: Uint8Array = new Uint8Array(0), tail: Uint8Array = new Uint8Array(0)): Promise<Buffer> {
  const gzip = zlib.createGzip({ level: 9, memLevel: 9 });
  const out: Buffer[] = [];
  gzip.on('data', (chunk: Buffer) => out.push(chunk));
  const done = once(gzip, 'end');
  const block = Buffer.alloc(4 * MiB);
  gzip.write(head);
  for (let left = size; left > 0; left -= block.length) {
    if (!gzip.write(left >= block.length ? block : block.subarray(0, left))) await once(gzip, 'drain');
  }
  gzip.end(tail);
  await done;
  return Buffer.concat(out);
}

/** Runs `read`, sampling the resident set size meanwhile; returns the result, the time and the peak growth. */
async function measured<T>(read: () => Promise<T>): Promise<{ result: T; seconds: number; growth: number }> {
  globalThis.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  const start = performance.now();
  try {
    const result = await read();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, seconds: (performance.now() - start) / 1000, growth: peak - before };
  } finally {
    clearInterval(timer);
  }
}

const info = gzipMember(warcRecord({ type: 'warcinfo', contentType: 'application/warc-fields', block: 'software: kcna-parse tests\r\n' }));
const after = gzipMember(response('http://example.com/after', '<!DOCTYPE html><html><body><p>Pyongyang, March 23 (KCNA) -- After the bomb. -0-</p></body></html>'));

describe('a gzip bomb', () => {
  it('in a WARC member (a record inflating to 1 GiB): FILE_TOO_LARGE for it, then the next record, in bounded memory', async () => {
    const http = httpMessage('HTTP/1.1 200 OK', [['Content-Type', 'text/html']]);
    const length = http.length + GiB;
    const head = Buffer.concat([
      Buffer.from(`WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-00000000b0b1>\r\nWARC-Date: 2025-12-14T08:00:00Z\r\nWARC-Target-URI: http://example.com/bomb\r\nContent-Type: application/http;msgtype=response\r\nContent-Length: ${length}\r\n\r\n`),
      http,
    ]);
    const bomb = await zeros(GiB, head, Buffer.from('\r\n\r\n'));
    expect(bomb.length).toBeLessThan(2 * MiB);
    const archive = Buffer.concat([info, bomb, after]);
    let all: ArchiveItem[] = [];
    let seconds = 0;
    let growth = 0;
    const seen = await printed(async () => {
      ({ result: all, seconds, growth } = await measured(() => itemsOf(archive, { maxBytes: MiB }, 1 << 20)));
    });
    expect(seen).toEqual([]);
    console.info(`1 GiB member bomb: ${seconds.toFixed(2)} s, resident set grew ${(growth / MiB).toFixed(0)} MiB`);
    // pako inflates about 250 MB/s here: the whole gigabyte has to be inflated to find where the
    // next member starts, so this takes seconds, not milliseconds; memory stays flat.
    expect(seconds).toBeLessThan(30);
    expect(growth).toBeLessThan(200 * MiB);
    expect(all.map(summary)).toEqual([
      'skip 0 warcinfo type null null',
      `error ${info.length} FILE_TOO_LARGE`,
      expect.stringMatching(new RegExp(`^record ${info.length + bomb.length} `)),
    ]);
    expect(all[1]).toMatchObject({ kind: 'error', fatal: false, targetUri: 'http://example.com/bomb', recordId: 'urn:uuid:00000000-0000-4000-8000-00000000b0b1' });
    expect((all[1] as { error: Error }).error.message).toMatch(/more than the limit of 1048576 bytes/);
  }, 120_000);

  it('as a Content-Encoding gzip payload inflating to 1 GiB: FILE_TOO_LARGE, stopped at the limit, at once', async () => {
    const payload = await zeros(GiB);
    const record = gzipMember(response('http://example.com/encoded-bomb', payload, { headers: [['Content-Type', 'text/html'], ['Content-Encoding', 'gzip']] }));
    const archive = Buffer.concat([info, record, after]);
    const { result: all, seconds, growth } = await measured(() => itemsOf(archive, { maxBytes: 2 * MiB }));
    expect(all.map(summary)).toEqual(['skip 0 warcinfo type null null', `error ${info.length} FILE_TOO_LARGE`, expect.stringMatching(/^record /)]);
    expect((all[1] as { error: Error }).error.message).toMatch(/Content-Encoding gzip\) expands past the limit of 2097152 bytes/);
    console.info(`1 GiB Content-Encoding bomb: ${seconds.toFixed(2)} s, resident set grew ${(growth / MiB).toFixed(0)} MiB`);
    expect(seconds).toBeLessThan(5);
    expect(growth).toBeLessThan(100 * MiB);
  }, 60_000);

  it('as a payload larger than the limit before decoding: FILE_TOO_LARGE without decoding it', async () => {
    const body = `<!DOCTYPE html><html><body>${'x'.repeat(3 * MiB)}</body></html>`;
    const archive = Buffer.concat([info, gzipMember(response('http://example.com/big', body)), after]);
    const all = await itemsOf(archive, { maxBytes: MiB });
    expect(all.map((item) => item.kind)).toEqual(['skip', 'error', 'record']);
    expect(all[1]).toMatchObject({ error: { code: 'FILE_TOO_LARGE' }, fatal: false });
  });

  it('a page exactly at the limit is kept', async () => {
    const body = Buffer.alloc(1000, 0x41);
    body.write('<html>', 0);
    const archive = Buffer.concat([info, gzipMember(response('http://example.com/exact', body))]);
    const all = await itemsOf(archive, { maxBytes: 1000 });
    expect(all.map((item) => item.kind)).toEqual(['skip', 'record']);
  });
});
