/**
 * The two ways a .warc.gz member is inflated (src/io/archive/reader.ts): natively by zlib when the
 * whole member is at hand, by pako as a stream otherwise. Whichever takes a member, the items are
 * the same: the same records, bytes, offsets and damage, in chunks of any size. The limits that
 * decide between them are lowered here so that both paths meet in one archive.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ArchiveItem } from '../../src/io/archive/index.js';
import { INFLATE_LIMITS, memberHeaderLength } from '../../src/io/archive/reader.js';
import { gzipMember, response, warcFile, warcRecord } from '../helpers/warc-writer.js';
import { ARCHIVES, itemsOf, printed, summary } from './support.js';

const DEFAULTS = { ...INFLATE_LIMITS };
afterEach(() => Object.assign(INFLATE_LIMITS, DEFAULTS));

const page = (n: number) => `<!DOCTYPE html><html><head><title>Page ${n}</title></head><body><p>Pyongyang, March ${n} (KCNA) -- Text ${'of the page '.repeat(40 * n)} -0-</p></body></html>\n`;
const info = () => warcRecord({ type: 'warcinfo', contentType: 'application/warc-fields', block: 'software: kcna-parse tests\r\n' });
const many = () => [info(), ...Array.from({ length: 30 }, (_, i) => response(`http://example.com/${i}`, page(1 + (i % 5))))];

/** Everything an item says, its bytes included, for comparing two readings. */
function full(all: ArchiveItem[]): string[] {
  return all.map((item) => (item.kind === 'record' ? `${summary(item)} ${Buffer.from(item.bytes).toString('base64')}` : item.kind === 'error' ? `${summary(item)} ${item.error.message}` : summary(item)));
}

/** The items of `bytes` with the limits given, in chunks of `chunk` bytes, checking nothing is printed. */
async function read(bytes: Uint8Array, limits: Partial<typeof INFLATE_LIMITS>, chunk: number): Promise<string[]> {
  Object.assign(INFLATE_LIMITS, DEFAULTS, limits);
  let all: ArchiveItem[] = [];
  expect(await printed(async () => void (all = await itemsOf(bytes, {}, chunk)))).toEqual([]);
  return full(all);
}

/** A gzip member with the optional header fields RFC 1952 allows (name, comment, extra field, header CRC). */
function memberWithFields(content: Uint8Array): Buffer {
  const extra = Buffer.from([0x41, 0x70, 0x02, 0x00, 0x01, 0x02]);
  const fixed = Buffer.from([0x1f, 0x8b, 8, 0x04 | 0x08 | 0x10 | 0x02, 0, 0, 0, 0, 0, 3]);
  const head = Buffer.concat([fixed, Buffer.from([extra.length, 0]), extra, Buffer.from('crawl.warc\0comment\0', 'latin1')]);
  const headerCrc = Buffer.alloc(2);
  headerCrc.writeUInt16LE(zlib.crc32(head) & 0xffff);
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(zlib.crc32(content), 0);
  trailer.writeUInt32LE(content.length, 4);
  return Buffer.concat([head, headerCrc, zlib.deflateRawSync(content), trailer]);
}

const archives: Array<[string, () => Uint8Array]> = [
  ['the warcio fixture (a member per record)', () => readFileSync(path.join(ARCHIVES, 'warcio', 'records.warc.gz'))],
  ['the warcio fixture as one whole-file member', () => readFileSync(path.join(ARCHIVES, 'warcio', 'records-whole.warc.gz'))],
  ['thirty pages, a member each', () => warcFile(many(), true).file],
  ['members with a name, a comment, an extra field and a header CRC', () => Buffer.concat(many().map((record) => memberWithFields(record)))],
  ['a member holding no bytes between two records', () => Buffer.concat([gzipMember(info()), gzipMember(Buffer.alloc(0)), gzipMember(response('http://example.com/x', page(2)))])],
];

describe.each(archives)('%s', (_, make) => {
  it('gives the same items natively, by pako alone and with both in turn, in chunks of any size', async () => {
    const bytes = make();
    const pako = await read(bytes, { native: false }, 64 * 1024);
    expect(pako.length).toBeGreaterThan(1);
    expect(pako.filter((line) => line.startsWith('error'))).toEqual([]);
    for (const chunk of [1 << 20, 4093, 1]) {
      expect(await read(bytes, {}, chunk), `native, chunks of ${chunk}`).toEqual(pako);
      // A window and an output this small send the larger members to pako, the rest to zlib.
      expect(await read(bytes, { window: 3000, output: 6000 }, chunk), `both, chunks of ${chunk}`).toEqual(pako);
    }
  });
});

describe('damage, whichever path meets it', () => {
  const { file, offsets } = warcFile(many(), true);
  const cases: Array<[string, () => Uint8Array]> = [
    ['a wrong CRC-32', () => {
      const bytes = Buffer.from(file);
      bytes[offsets[3]! - 8] = bytes[offsets[3]! - 8]! ^ 0xff;
      return bytes;
    }],
    ['a wrong length in the trailer', () => {
      const bytes = Buffer.from(file);
      bytes[offsets[3]! - 4] = bytes[offsets[3]! - 4]! ^ 0x01;
      return bytes;
    }],
    ['corrupt deflate data', () => {
      const bytes = Buffer.from(file);
      const middle = offsets[5]! + Math.floor((offsets[6]! - offsets[5]!) / 2);
      for (let i = middle; i < middle + 8; i++) bytes[i] = bytes[i]! ^ 0xff;
      return bytes;
    }],
    ['a header that is no gzip header', () => {
      const bytes = Buffer.from(file);
      bytes[offsets[4]! + 2] = 7; // compression method 7: reserved
      return bytes;
    }],
    ['the file cut inside a member', () => file.subarray(0, offsets[7]! + 40)],
    ['the file cut inside a trailer', () => file.subarray(0, offsets[7]! - 3)],
    ['zeros after the last member', () => Buffer.concat([file, Buffer.alloc(64)])],
  ];
  it.each(cases)('%s: the same items and the same ARCHIVE_DAMAGED as pako alone gives', async (_, make) => {
    const bytes = make();
    const pako = await read(bytes, { native: false }, 64 * 1024);
    expect(pako.at(-1)).toMatch(/^error \d+ ARCHIVE_DAMAGED fatal/);
    for (const chunk of [1 << 20, 4093]) {
      expect(await read(bytes, {}, chunk), `native, chunks of ${chunk}`).toEqual(pako);
      expect(await read(bytes, { window: 3000, output: 6000 }, chunk), `both, chunks of ${chunk}`).toEqual(pako);
    }
  });
});

describe('the native path', () => {
  it('is the one taken for a crawler’s archive: zlib inflates every member, pako none', async () => {
    const { file } = warcFile(many(), true);
    const spy = vi.spyOn(zlib, 'inflateRawSync');
    try {
      await read(file, {}, 16 * 1024);
      // One call a member; a call more for a member whose end was not yet at hand.
      expect(spy.mock.calls.length).toBeGreaterThanOrEqual(many().length);
      expect(spy.mock.results.every((result) => result.type === 'return' || (result.value as NodeJS.ErrnoException).code === 'Z_BUF_ERROR')).toBe(true);
    } finally {
      spy.mockRestore();
    }
  });

  it('reads the gzip member header as RFC 1952 lays it out', () => {
    const member = memberWithFields(Buffer.from('WARC/1.1\r\n'));
    const expected = member.length - zlib.deflateRawSync(Buffer.from('WARC/1.1\r\n')).length - 8;
    expect(memberHeaderLength(member)).toBe(expected);
    expect(memberHeaderLength(gzipMember(Buffer.from('x')))).toBe(10);
    // Cut inside the header, or nothing yet: more is needed.
    expect(memberHeaderLength(member.subarray(0, 5))).toBe('short');
    expect(memberHeaderLength(member.subarray(0, 20))).toBe('short');
    expect(memberHeaderLength(member.subarray(0, expected))).toBe('short');
    expect(memberHeaderLength(new Uint8Array(0))).toBe('short');
    // Not a member zlib would take: pako says what is wrong.
    expect(memberHeaderLength(Buffer.from('WARC/1.1\r\n'))).toBeNull();
    expect(memberHeaderLength(Buffer.from([0x1f, 0x8b, 7, 0, 0, 0, 0, 0, 0, 3, 1]))).toBeNull();
    expect(memberHeaderLength(Buffer.from([0x1f, 0x8b, 8, 0x20, 0, 0, 0, 0, 0, 3, 1]))).toBeNull();
    expect(memberHeaderLength(Buffer.from([0x1f, 0x00]))).toBeNull();
  });
});
