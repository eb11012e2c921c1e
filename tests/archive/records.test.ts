/**
 * The warcio-written fixtures (scripts/make-archive-fixtures.mjs): every kind of record kept or
 * skipped as records.json says, each page's payload equal to the page fixture it was made from
 * (chunked, gzip, deflate and br undone), provenance, revisits, offsets as warcio's own CDX indexer
 * gives them, and a stream read the same as the file.
 */
import { createReadStream, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { gunzipSync } from 'node:zlib';
import path from 'node:path';
import { CDXIndexer } from 'warcio';
import { beforeAll, describe, expect, it } from 'vitest';
import { readArchive, type ArchiveItem, type ArchiveRecordInput } from '../../src/io/archive/index.js';
import { ARCHIVES, EXPECTED, chunksOf, fixtureBytes, items, printed, summary } from './support.js';

const FILES = ['records.warc.gz', 'records.warc', 'records-whole.warc.gz'] as const;

/** Every record's id and offset, in archive order, as warcio's CDX indexer gives them (all records, one line each). */
async function cdxOffsets(file: string): Promise<Array<{ id: string; offset: number }>> {
  const indexer = new CDXIndexer({ all: true, fields: ['offset', 'warc-record-id'] } as ConstructorParameters<typeof CDXIndexer>[0]);
  const lines: Array<{ id: string; offset: number }> = [];
  for await (const line of indexer.iterIndex([{ filename: path.basename(file), reader: createReadStream(file) }])) {
    lines.push({ id: String(line['warc-record-id']).replace(/^<(.*)>$/, '$1'), offset: Number(line.offset) });
  }
  return lines;
}

describe.each(FILES)('warcio/%s', (name) => {
  const file = path.join(ARCHIVES, 'warcio', name);
  let all: ArchiveItem[];
  beforeAll(async () => {
    all = await items({ path: file });
  });

  it('gives one item per record, in archive order, kept or skipped as records.json says', () => {
    expect(all).toHaveLength(EXPECTED.length);
    all.forEach((item, i) => {
      const expected = EXPECTED[i]!;
      expect(item.kind, `record ${i} (${expected.type})`).toBe(expected.kind);
      if (item.kind === 'skip') {
        expect({ type: item.recordType, reason: item.reason, status: item.status, contentType: item.contentType }).toEqual({
          type: expected.type,
          reason: expected.reason,
          status: expected.status ?? null,
          contentType: expected.contentType ?? null,
        });
      }
    });
  });

  it('skips every record kind that is not a page, with its reason, type and status', () => {
    const skips = all.filter((item) => item.kind === 'skip').map((item) => `${item.recordType} ${item.reason} ${item.status ?? '-'} ${item.contentType ?? '-'}`);
    expect(new Set(skips)).toEqual(
      new Set([
        'warcinfo type - -',
        'request type - -',
        'response status 404 text/html',
        'response status 301 text/html',
        'response media 200 text/css',
        'response media 200 image/png',
        'response media 200 text/plain', // robots.txt
        'metadata type - -',
        'revisit revisit-unresolved 200 text/html',
      ]),
    );
  });

  it("gives each page its fixture's bytes, with chunked, gzip, br and deflate undone", () => {
    const pages = all.filter((item): item is ArchiveRecordInput => item.kind === 'record');
    const expected = EXPECTED.filter((e) => e.kind === 'record');
    expect(pages.map((page) => page.recordId)).toEqual(expected.map((e) => e.recordId));
    expect(new Set(expected.map((e) => e.encoding).filter(Boolean))).toEqual(new Set(['identity', 'chunked', 'gzip', 'br', 'deflate']));
    pages.forEach((page, i) => expect(Buffer.from(page.bytes).equals(Buffer.from(fixtureBytes(expected[i]!))), `${expected[i]!.fixture} (${expected[i]!.encoding ?? expected[i]!.type})`).toBe(true));
  });

  it('gives provenance: record id, target URI, capture time, payload digest, media type and charset as written', () => {
    const pages = all.filter((item): item is ArchiveRecordInput => item.kind === 'record');
    const expected = EXPECTED.filter((e) => e.kind === 'record');
    pages.forEach((page, i) => {
      const e = expected[i]!;
      expect({ format: page.format, member: page.member, recordId: page.recordId, targetUri: page.targetUri, capturedAt: page.capturedAt, contentType: page.contentType, charset: page.charset }).toEqual({
        format: 'warc',
        member: null,
        recordId: e.recordId,
        targetUri: e.uri,
        capturedAt: e.capturedAt,
        contentType: e.contentType,
        charset: e.charset,
      });
      expect(page.payloadDigest).toMatch(/^sha256:[0-9a-f]{64}$/);
    });
    // The page served without a Content-Type is kept because it sniffs as HTML.
    expect(pages.find((page) => page.targetUri === 'http://example.org/news/kcna-report.php')).toMatchObject({ contentType: 'text/html', charset: null });
  });

  it('resolves the revisit to the earlier payload, with its own id, date and headers', () => {
    const revisit = all.find((item): item is ArchiveRecordInput => item.kind === 'record' && item.revisitOf !== null)!;
    const original = all.find((item): item is ArchiveRecordInput => item.kind === 'record' && item.recordId === revisit.revisitOf)!;
    expect(revisit).toMatchObject({ capturedAt: '2025-12-20T09:30:00Z', targetUri: original.targetUri, payloadDigest: original.payloadDigest, contentType: 'text/html', charset: 'utf-8' });
    expect(revisit.recordId).not.toBe(original.recordId);
    expect(Buffer.from(revisit.bytes).equals(Buffer.from(original.bytes))).toBe(true);
  });

  it('reads the same items from a stream, in chunks of any size', async () => {
    const bytes = new Uint8Array(readFileSync(file));
    for (const size of [1 << 20, 65_537, 4093, 1]) {
      const streamed = await items({ stream: chunksOf(bytes, size) });
      expect(streamed.map(summary), `chunks of ${size}`).toEqual(all.map(summary));
      expect(streamed.map((item) => (item.kind === 'record' ? Buffer.from(item.bytes).toString('base64') : ''))).toEqual(all.map((item) => (item.kind === 'record' ? Buffer.from(item.bytes).toString('base64') : '')));
    }
  });

  it('prints nothing', async () => {
    expect(await printed(async () => void (await items({ path: file })))).toEqual([]);
  });

  it('closes the file when the caller stops early', async () => {
    // The archive repeated past 2 MiB, so that the file is still open at the first item however
    // far the reader reads ahead (gzip members are gathered half a megabyte at a time).
    const bytes = readFileSync(file);
    const long = path.join(mkdtempSync(path.join(tmpdir(), 'kcna-parse-early-')), name);
    writeFileSync(long, Buffer.concat(Array.from({ length: Math.ceil((2 << 20) / bytes.length) }, () => bytes)));
    const open = () => readdirSync('/proc/self/fd').filter((fd) => {
      try {
        return readlinkSync(`/proc/self/fd/${fd}`) === long;
      } catch {
        return false;
      }
    }).length;
    for await (const item of readArchive({ path: long }, 'warc', { display: name, maxBytes: 1 << 20 })) {
      expect(item.kind).toBe('skip');
      expect(open()).toBe(1);
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(open()).toBe(0);
    rmSync(path.dirname(long), { recursive: true, force: true });
  });
});

describe('offsets', () => {
  it.each([
    // warcio's indexer gives a plain WARC's record after a response without HTTP headers the offset
    // of that response: its HTTP parser reads past the empty header block into the payload and
    // swallows the record's closing CRLF CRLF, and its parser then skips updating the offset.
    ['records.warc', ['http://www.kcna.kp/en/article/q/missing.kcmsf']],
    ['records.warc.gz', []],
  ])('of %s are those of warcio’s CDX indexer (except where warcio is wrong: %j)', async (name, wrong) => {
    const file = path.join(ARCHIVES, 'warcio', name);
    const cdx = await cdxOffsets(file);
    const all = await items({ path: file });
    // One line per record, in archive order: the items' order.
    expect(all).toHaveLength(cdx.length);
    const differ = all.flatMap((item, i) => (item.offset === cdx[i]!.offset ? [] : [{ i, ours: item.offset, warcio: cdx[i]!.offset, uri: item.kind === 'error' ? null : item.targetUri }]));
    expect(differ.map((d) => d.uri)).toEqual(wrong);
    for (const d of differ) expect(d.warcio, 'warcio repeats the offset before').toBe(cdx[d.i - 1]!.offset);
    all.forEach((item, i) => {
      if (item.kind === 'record') expect(item.recordId).toBe(cdx[i]!.id);
    });
  });

  it.each(['records.warc.gz', 'records.warc'])('of %s each point at a record: its WARC/ line, or the gzip member holding it', async (name) => {
    const file = path.join(ARCHIVES, 'warcio', name);
    const bytes = readFileSync(file);
    const all = await items({ path: file });
    expect(all[0]!.offset).toBe(0);
    for (const [i, item] of all.entries()) {
      if (i > 0) expect(item.offset).toBeGreaterThan(all[i - 1]!.offset);
      const start = name.endsWith('.gz') ? gunzipSync(bytes.subarray(item.offset)) : bytes.subarray(item.offset);
      expect(start.subarray(0, 10).toString('latin1')).toBe('WARC/1.1\r\n');
      if (item.kind === 'record') expect(start.subarray(0, 2000).toString('latin1')).toContain(`WARC-Record-ID: <${item.recordId}>`);
    }
  });

  it('of a whole-file gzip are all 0, the one member every record is in (no index can address them)', async () => {
    const all = await items({ path: path.join(ARCHIVES, 'warcio', 'records-whole.warc.gz') });
    expect(new Set(all.map((item) => item.offset))).toEqual(new Set([0]));
  });
});
