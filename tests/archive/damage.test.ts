/**
 * Damaged archives, built with the independent writer (tests/helpers/warc-writer.ts): each kind of
 * damage gives the records before it, then exactly one fatal ARCHIVE_DAMAGED error naming the byte
 * offset where it is, and nothing is ever printed. Both warcio implementations read past a gzip
 * member cut in the middle without an error; warcio.js prints "Content-Length Too Small" itself.
 */
import { describe, expect, it } from 'vitest';
import { WARCParser } from 'warcio';
import type { ArchiveItem } from '../../src/io/archive/index.js';
import { gzipMember, httpMessage, response, warcFile, warcRecord } from '../helpers/warc-writer.js';
import { ROOT, chunksOf, items, itemsOf, printed, summary } from './support.js';

const page = (n: number) => `<!DOCTYPE html><html><head><title>Page ${n}</title></head><body><p>Pyongyang, March ${n} (KCNA) -- Text ${'of the page '.repeat(40 * n)} -0-</p></body></html>\n`;

const info = () => warcRecord({ type: 'warcinfo', contentType: 'application/warc-fields', block: 'software: kcna-parse tests\r\n' });
const records = () => [info(), response('http://example.com/1', page(1)), response('http://example.com/2', page(2)), response('http://example.com/3', page(3))];

/** The items must be `good` non-errors, then one fatal ARCHIVE_DAMAGED at `offset`. */
function expectDamage(all: ArchiveItem[], good: number, offset: number, message?: RegExp): void {
  expect(all.slice(0, -1).map((item) => item.kind), summary(all.at(-1)!)).toEqual(all.slice(0, -1).map(() => expect.stringMatching(/record|skip/)));
  expect(all).toHaveLength(good + 1);
  const last = all.at(-1)!;
  expect(last.kind).toBe('error');
  if (last.kind !== 'error') return;
  expect({ code: last.error.code, fatal: last.fatal, offset: last.offset }).toEqual({ code: 'ARCHIVE_DAMAGED', fatal: true, offset });
  expect(last.error.message).toContain(`byte ${offset}`);
  expect(last.error.path).toBe('test.warc');
  if (message) expect(last.error.message).toMatch(message);
}

/** Reads, and checks nothing was printed meanwhile. */
async function quietly(bytes: Uint8Array, chunk?: number): Promise<ArchiveItem[]> {
  let all: ArchiveItem[] = [];
  const seen = await printed(async () => {
    all = await itemsOf(bytes, {}, chunk);
  });
  expect(seen).toEqual([]);
  return all;
}

describe.each([
  ['plain', false],
  ['gzip per record', true],
] as const)('a %s WARC', (_, gzip) => {
  it('undamaged: every record, no error', async () => {
    const { file } = warcFile(records(), gzip);
    const all = await quietly(file);
    expect(all.map((item) => item.kind)).toEqual(['skip', 'record', 'record', 'record']);
  });

  it('cut in the middle of its last record: the records before it, then the damage at that record', async () => {
    const { file, offsets } = warcFile(records(), gzip);
    const cut = file.subarray(0, offsets[3]! + Math.floor((file.length - offsets[3]!) / 2));
    expectDamage(await quietly(cut), 3, offsets[3]!, /cut short/);
  });

  it('cut in the middle of its last record, read in chunks of every size: the same', async () => {
    const { file, offsets } = warcFile(records(), gzip);
    const cut = file.subarray(0, offsets[3]! + Math.floor((file.length - offsets[3]!) / 2));
    for (const chunk of [1, 7, 512, 16_385, 1 << 20]) expectDamage(await quietly(cut, chunk), 3, offsets[3]!);
  });

  it('cut right after its last record’s block, before CRLF CRLF (or in its gzip trailer)', async () => {
    const { file, offsets } = warcFile(records(), gzip);
    expectDamage(await quietly(file.subarray(0, file.length - 3)), 3, offsets[3]!, /cut short/);
  });

  it('cut inside the headers of its last record', async () => {
    // For gzip, a whole member holding the first 40 bytes of the record.
    const list = records();
    const { file, offsets } = warcFile(list, gzip);
    const cut = Buffer.concat([file.subarray(0, offsets[3]!), gzip ? gzipMember(list[3]!.subarray(0, 40)) : list[3]!.subarray(0, 40)]);
    expectDamage(await quietly(cut), 3, offsets[3]!, /ends inside the headers/);
  });

  it('with a Content-Length that is too long: the damage at that record', async () => {
    const list = records();
    list[2] = warcRecord({ type: 'response', uri: 'http://example.com/2', contentType: 'application/http;msgtype=response', block: httpMessage('HTTP/1.1 200 OK', [['Content-Type', 'text/html']], page(2)), contentLength: httpMessage('HTTP/1.1 200 OK', [['Content-Type', 'text/html']], page(2)).length + 50 });
    const { file, offsets } = warcFile(list, gzip);
    expectDamage(await quietly(file), 2, offsets[2]!, /CRLF CRLF|Content-Length/);
  });

  it('with a Content-Length that is too long on its last record: cut short there', async () => {
    const list = records();
    const block = httpMessage('HTTP/1.1 200 OK', [['Content-Type', 'text/html']], page(3));
    list[3] = warcRecord({ type: 'response', uri: 'http://example.com/3', contentType: 'application/http;msgtype=response', block, contentLength: block.length + 100 });
    const { file, offsets } = warcFile(list, gzip);
    expectDamage(await quietly(file), 3, offsets[3]!, /cut short/);
  });

  it('with a Content-Length that is too short: the damage at that record, and nothing printed', async () => {
    const list = records();
    const block = httpMessage('HTTP/1.1 200 OK', [['Content-Type', 'text/html']], page(2));
    list[2] = warcRecord({ type: 'response', uri: 'http://example.com/2', contentType: 'application/http;msgtype=response', block, contentLength: block.length - 60 });
    const { file, offsets } = warcFile(list, gzip);
    expectDamage(await quietly(file), 2, offsets[2]!, /not followed by CRLF CRLF/);
  });

  it('without a Content-Length, or with one that is not a number: the damage at that record', async () => {
    for (const contentLength of [null, 'twelve', '-5', '1e3']) {
      const list = records();
      list[1] = warcRecord({ type: 'response', uri: 'http://example.com/1', contentType: 'application/http;msgtype=response', block: httpMessage('HTTP/1.1 200 OK', [], page(1)), contentLength });
      const { file, offsets } = warcFile(list, gzip);
      expectDamage(await quietly(file), 1, offsets[1]!, /Content-Length/);
    }
  });

  it('with garbage between two records: the damage where the garbage starts', async () => {
    const { file, offsets } = warcFile(records(), gzip);
    const garbage = Buffer.from('<html>this is not a record</html>\r\n');
    const damaged = Buffer.concat([file.subarray(0, offsets[2]!), garbage, file.subarray(offsets[2]!)]);
    expectDamage(await quietly(damaged), 2, offsets[2]!, gzip ? /not a sound gzip member/ : /not a WARC record/);
  });

  it('with garbage at its end: the records, then the damage', async () => {
    const { file } = warcFile(records(), gzip);
    expectDamage(await quietly(Buffer.concat([file, Buffer.from('\x00\x01garbage')])), 4, file.length);
  });

  it('with blank lines between records: read as warcio and pywb read them', async () => {
    const list = records().map((record) => Buffer.concat([record, Buffer.from('\r\n\r\n')]));
    const all = await quietly(warcFile(list, gzip).file);
    expect(all.map((item) => item.kind)).toEqual(['skip', 'record', 'record', 'record']);
  });

  it('with WARC headers that do not end within 64 KiB: the damage at that record', async () => {
    const list = records();
    list[2] = warcRecord({ type: 'response', uri: 'http://example.com/2', fields: [['X-Padding', 'x'.repeat(70_000)]], block: httpMessage('HTTP/1.1 200 OK', [], page(2)) });
    const { file, offsets } = warcFile(list, gzip);
    expectDamage(await quietly(file), 2, offsets[2]!, /within 65536 bytes/);
  });

  it('with LF line ends instead of CRLF (not a WARC as written): the damage, with bounded reading', async () => {
    const list = records();
    list[1] = Buffer.from(list[1]!.toString('latin1').replace(/\r\n/g, '\n'), 'latin1');
    const { file, offsets } = warcFile(list, gzip);
    const all = await quietly(file);
    expect(all.at(-1)).toMatchObject({ kind: 'error', fatal: true, offset: offsets[1] });
  });

  it('a record without WARC-Date, Record-ID or Target-URI: an error for that record alone, and the reading goes on', async () => {
    const list = records();
    list[1] = warcRecord({ type: 'response', uri: 'http://example.com/1', date: 'yesterday', contentType: 'application/http;msgtype=response', block: httpMessage('HTTP/1.1 200 OK', [['Content-Type', 'text/html']], page(1)) });
    const { file, offsets } = warcFile(list, gzip);
    const all = await quietly(file);
    expect(all.map((item) => item.kind)).toEqual(['skip', 'error', 'record', 'record']);
    expect(all[1]).toMatchObject({ kind: 'error', fatal: false, offset: offsets[1], targetUri: 'http://example.com/1' });
    expect((all[1] as { error: Error }).error.message).toMatch(/WARC-Date/);
  });
});

describe('a gzip member', () => {
  it('corrupt in the middle: the records before it, then the damage at its start', async () => {
    const { file, offsets } = warcFile(records(), true);
    const damaged = Buffer.from(file);
    const middle = offsets[2]! + Math.floor((offsets[3]! - offsets[2]!) / 2);
    for (let i = middle; i < middle + 8; i++) damaged[i] = damaged[i]! ^ 0xff;
    expectDamage(await quietly(damaged), 2, offsets[2]!, /not a sound gzip member/);
  });

  it('with a wrong checksum: the damage at its start, its record not given', async () => {
    const { file, offsets } = warcFile(records(), true);
    const damaged = Buffer.from(file);
    // The CRC-32 of member 2 is the 8 bytes before member 3's start, less the length.
    damaged[offsets[3]! - 8] = damaged[offsets[3]! - 8]! ^ 0xff;
    expectDamage(await quietly(damaged), 2, offsets[2]!, /incorrect data check/);
  });

  it('holding bytes that are not a record: the damage at that member', async () => {
    const list = [...records().map(gzipMember)];
    list.splice(2, 0, gzipMember('this is a gzip member, but no WARC record\r\n'));
    const file = Buffer.concat(list);
    const offset = list[0]!.length + list[1]!.length;
    expectDamage(await quietly(file), 2, offset, /not a WARC record/);
  });

  it('holding two records (and a whole-file gzip holding all): read, every offset that of the member', async () => {
    const list = records();
    const first = gzipMember(Buffer.concat(list.slice(0, 2)));
    const two = Buffer.concat([first, gzipMember(Buffer.concat(list.slice(2)))]);
    expect((await quietly(two)).map((item) => item.offset)).toEqual([0, 0, first.length, first.length]);
    expect((await quietly(gzipMember(Buffer.concat(list)))).map((item) => `${item.kind} ${item.offset}`)).toEqual(['skip 0', 'record 0', 'record 0', 'record 0']);
  });

  it('a whole-file gzip cut short: the records pako gave out, then the damage at 0', async () => {
    // pako gives out what it inflated 16 KiB at a time (or at the member's end): of a member cut
    // short, the last < 16 KiB inflated are never seen. So: many records, most of them readable.
    const many = [info(), ...Array.from({ length: 40 }, (_, i) => response(`http://example.com/${i}`, page(1 + (i % 3))))];
    const whole = gzipMember(warcFile(many, false).file);
    const all = await quietly(whole.subarray(0, whole.length - 200));
    expect(all.length).toBeGreaterThan(20);
    expectDamage(all, all.length - 1, 0, /cut short/);
  });
});

describe('an empty, missing or foreign file', () => {
  it('missing: one fatal READ_ERROR naming the file and the system error', async () => {
    const all = await items({ path: '/no/such/crawl.warc.gz' }, 'warc', { display: 'crawl.warc.gz' });
    expect(all).toMatchObject([{ kind: 'error', fatal: true, offset: 0, error: { code: 'READ_ERROR', errno: 'ENOENT', path: 'crawl.warc.gz' } }]);
  });

  it('a folder: one fatal READ_ERROR', async () => {
    expect(await items({ path: ROOT }, 'warc')).toMatchObject([{ kind: 'error', fatal: true, error: { code: 'READ_ERROR', errno: 'EISDIR' } }]);
  });

  it('empty: one fatal error', async () => {
    expectDamage(await quietly(new Uint8Array(0)), 0, 0, /no WARC record/);
  });

  it('an HTML page named .warc: one fatal error at 0', async () => {
    expectDamage(await quietly(Buffer.from('<!DOCTYPE html><html><body>hi</body></html>')), 0, 0, /not a WARC record/);
  });

  it('a gzip of an empty file: one fatal error', async () => {
    expectDamage(await quietly(gzipMember('')), 0, 0, /no WARC record/);
  });
});

describe('warcio on the same damage (why the reader checks for itself)', () => {
  async function warcioReads(file: Uint8Array): Promise<{ records: number; printed: string[] }> {
    let count = 0;
    const seen = await printed(async () => {
      for await (const record of new WARCParser(chunksOf(file, 1 << 16))) {
        await record.readFully();
        count++;
      }
    });
    return { records: count, printed: seen };
  }

  it('reads a .warc.gz cut in the middle of a member to an end, with no error, the cut record silently lost', async () => {
    const { file, offsets } = warcFile(records(), true);
    const result = await warcioReads(file.subarray(0, offsets[3]! + Math.floor((file.length - offsets[3]!) / 2)));
    expect(result).toEqual({ records: 3, printed: [] });
  });

  it('prints "Content-Length Too Small" with console.warn for a plain WARC whose length is too short', async () => {
    const list = records();
    const block = httpMessage('HTTP/1.1 200 OK', [['Content-Type', 'text/html']], page(2));
    list[2] = warcRecord({ type: 'response', uri: 'http://example.com/2', contentType: 'application/http;msgtype=response', block, contentLength: block.length - 60 });
    const result = await warcioReads(warcFile(list, false).file);
    expect(result.printed.join('\n')).toContain('Content-Length Too Small');
  });
});
