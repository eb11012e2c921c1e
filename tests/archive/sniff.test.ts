/**
 * sniffArchive: a web archive told by its first bytes (a WARC version line, a gzip member whose
 * inflated start is one, a zip holding a WACZ's entries), else by its name; and the archive module
 * kept out of the command line's bundle, its libraries loaded only when an archive is read.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { sniffArchive } from '../../src/io/archive/index.js';
import { ARCHIVES, ROOT } from './support.js';

/** Bytes that do not compress (a linear congruential sequence). */
const noise = (size: number) => {
  let x = 12345;
  return Buffer.from(Array.from({ length: size }, () => ((x = (x * 1103515245 + 12345) >>> 0), x >>> 24)));
};
const head = (file: string) => new Uint8Array(readFileSync(file)).subarray(0, 8192);
const fixture = (...parts: string[]) => path.join(ARCHIVES, ...parts);

describe('sniffArchive', () => {
  it.each([
    ['warcio/records.warc', 'warc'],
    ['warcio/records.warc.gz', 'warc'],
    ['warcio/records-whole.warc.gz', 'warc'],
    ['wacz/good.wacz', 'wacz'],
    ['wacz/deflated.wacz', 'wacz'],
  ])('%s by its bytes alone: %s', (name, format) => {
    expect(sniffArchive(head(fixture(name)), null)).toBe(format);
    expect(sniffArchive(head(fixture(name)), 'download.bin')).toBe(format);
  });

  it('a WARC/1.0 line, and the pre-standard WARC/0.17', () => {
    expect(sniffArchive(Buffer.from('WARC/1.0\r\nWARC-Type: warcinfo\r\n'), null)).toBe('warc');
    expect(sniffArchive(Buffer.from('WARC/0.17\r\n'), null)).toBe('warc');
    expect(sniffArchive(Buffer.from('WARC/2.0\r\n'), null)).toBeNull();
  });

  it('the first 8 KiB of a .warc.gz, cut in the middle of a member, is enough', () => {
    const big = zlib.gzipSync(Buffer.concat([Buffer.from('WARC/1.1\r\nWARC-Type: resource\r\n'), noise(200_000)]));
    expect(big.length).toBeGreaterThan(8192);
    expect(sniffArchive(big.subarray(0, 8192), null)).toBe('warc');
    expect(sniffArchive(big.subarray(0, 200), null)).toBe('warc');
  });

  it('not an archive: text, HTML, a gzip of HTML, an ordinary zip, nothing', () => {
    expect(sniffArchive(Buffer.from('Pyongyang, March 23 (KCNA) -- Text.'), 'x.txt')).toBeNull();
    expect(sniffArchive(Buffer.from('<!DOCTYPE html><html>'), 'x.html')).toBeNull();
    expect(sniffArchive(zlib.gzipSync('<!DOCTYPE html><html>'), 'x.html.gz')).toBeNull();
    const zip = Buffer.from('504b0304140000000000000000000000000000000000000000000900000068656c6c6f2e747874', 'hex');
    expect(sniffArchive(zip, 'x.zip')).toBeNull();
    expect(sniffArchive(new Uint8Array(0), null)).toBeNull();
    expect(sniffArchive(new Uint8Array(0), 'x.txt')).toBeNull();
  });

  it('by name when the bytes do not say (a damaged or empty archive is then read, and reported as damaged)', () => {
    expect(sniffArchive(new Uint8Array(0), 'crawl.warc')).toBe('warc');
    expect(sniffArchive(Buffer.from('garbage'), 'archive/2019/CRAWL.WARC.GZ')).toBe('warc');
    expect(sniffArchive(Buffer.from('garbage'), 'C:\\captures\\site.wacz')).toBe('wacz');
    expect(sniffArchive(Buffer.from('garbage'), 'site.warc.gz.txt')).toBeNull();
  });

  it('the bytes win over the name', () => {
    expect(sniffArchive(head(fixture('warcio/records.warc.gz')), 'mislabelled.wacz')).toBe('warc');
    expect(sniffArchive(head(fixture('wacz/good.wacz')), 'mislabelled.warc.gz')).toBe('wacz');
  });
});

describe('the command line bundle', () => {
  it('keeps warcio, pako and yauzl external (scripts/bundle-cli.mjs)', () => {
    const script = readFileSync(path.join(ROOT, 'scripts', 'bundle-cli.mjs'), 'utf8');
    const external = /external: \[([^\]]*)\]/.exec(script)?.[1] ?? '';
    expect(external).toContain("'warcio'");
    expect(external).toContain("'pako'");
    expect(external).toContain("'yauzl'");
  });

  it('imports them from the archive module only dynamically, so a run without archives never loads them', async () => {
    const result = await build({
      entryPoints: [path.join(ROOT, 'src', 'io', 'archive', 'index.ts')],
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      outdir: 'out',
      splitting: true,
      external: ['warcio', 'pako', 'yauzl', 'htmlparser2', '@exodus/bytes', 'html-encoding-sniffer'],
      metafile: true,
      logLevel: 'silent',
    });
    const imports = Object.values(result.metafile.outputs).flatMap((output) => output.imports);
    const libraries = imports.filter((i) => i.path === 'warcio' || i.path === 'pako' || i.path === 'yauzl');
    expect(libraries.map((i) => `${i.path} ${i.kind}`).sort()).toEqual(['pako dynamic-import', 'warcio dynamic-import', 'yauzl dynamic-import']);
    // Nothing of pako or warcio copied in.
    const code = result.outputFiles.map((file) => file.text).join('\n');
    expect(code).not.toMatch(/incorrect header check|invalid distance too far back|Content-Length Too Small/);
  });
});
