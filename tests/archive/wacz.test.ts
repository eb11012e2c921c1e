/**
 * WACZ: the WARCs read from the zip in datapackage.json's order (or by name without one), each
 * checked against its SHA-256 as it streams, revisits resolved across WARCs (re-read from a stored
 * entry, or held in memory for a deflated one), a zip naming paths outside itself refused whole,
 * and a WACZ from a stream spooled to a temporary file that is removed afterwards.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readArchive, type ArchiveItem, type ArchiveRecordInput } from '../../src/io/archive/index.js';
import { ARCHIVES, EXPECTED, chunksOf, fixtureBytes, items, printed, scratch, summary } from './support.js';

const wacz = (name: string) => path.join(ARCHIVES, 'wacz', name);
const pages = (all: ArchiveItem[]) => all.filter((item): item is ArchiveRecordInput => item.kind === 'record');
const FIRST = EXPECTED.find((e) => e.kind === 'record')!;

describe('good.wacz', () => {
  let all: ArchiveItem[];
  beforeAll(async () => {
    all = await items({ path: wacz('good.wacz') }, 'wacz');
  });

  it("reads its WARCs in datapackage.json's order, not by name", () => {
    const members = [...new Set(all.map((item) => item.member))];
    expect(members).toEqual(['archive/data.warc.gz', 'archive/0-revisits.warc.gz']);
    expect(all.every((item) => item.kind !== 'error')).toBe(true);
  });

  it('gives the records of archive/data.warc.gz as the same WARC read alone, with format wacz and the member', async () => {
    const alone = await items({ path: path.join(ARCHIVES, 'warcio', 'records.warc.gz') });
    const inZip = all.filter((item) => item.member === 'archive/data.warc.gz');
    expect(inZip.map(summary)).toEqual(alone.map(summary));
    for (const page of pages(inZip)) expect(page.format).toBe('wacz');
  });

  it('resolves the revisit in the second WARC from the first, re-read from the stored entry', () => {
    const revisit = pages(all).find((page) => page.member === 'archive/0-revisits.warc.gz')!;
    expect(revisit).toMatchObject({ offset: 0, revisitOf: FIRST.recordId, targetUri: FIRST.uri, capturedAt: '2025-12-21T10:00:00Z', contentType: 'text/html', charset: 'utf-8' });
    expect(Buffer.from(revisit.bytes).equals(Buffer.from(fixtureBytes(FIRST)))).toBe(true);
  });

  it('reads the same from a stream (spooled to a temporary file that is removed after)', async () => {
    const spooled = () => readdirSync(tmpdir()).filter((name) => name.startsWith('kcna-parse-wacz-'));
    const before = spooled();
    const streamed = await items({ stream: chunksOf(readFileSync(wacz('good.wacz')), 10_000) }, 'wacz');
    expect(streamed.map(summary)).toEqual(all.map(summary));
    expect(spooled()).toEqual(before);
  });

  it('prints nothing', async () => {
    expect(await printed(async () => void (await items({ path: wacz('good.wacz') }, 'wacz')))).toEqual([]);
  });

  it('removes its temporary file when the reader stops early, too', async () => {
    const spooled = () => readdirSync(tmpdir()).filter((name) => name.startsWith('kcna-parse-wacz-'));
    const before = spooled();
    for await (const item of readArchive({ stream: chunksOf(readFileSync(wacz('good.wacz')), 10_000) }, 'wacz', { display: 'x', maxBytes: 1 << 20 })) {
      expect(item.kind).toBe('skip');
      expect(spooled()).toHaveLength(before.length + 1);
      break;
    }
    expect(spooled()).toEqual(before);
  });
});

describe('bad-hash.wacz', () => {
  it('gives the records, then an error for the WARC whose SHA-256 disagrees with datapackage.json, at its end, and goes on', async () => {
    const all = await items({ path: wacz('bad-hash.wacz') }, 'wacz');
    const errors = all.filter((item) => item.kind === 'error');
    expect(errors).toHaveLength(1);
    const error = errors[0]!;
    expect(error).toMatchObject({ member: 'archive/data.warc.gz', fatal: false, error: { code: 'ARCHIVE_DAMAGED', path: 'test.warc' } });
    expect(error.kind === 'error' && error.error.message).toMatch(/archive\/data\.warc\.gz.*SHA-256.*datapackage\.json/);
    // At the end of that WARC: after its last record, before the next WARC's.
    const at = all.indexOf(error);
    expect(all[at - 1]!.member).toBe('archive/data.warc.gz');
    expect(all[at + 1]!.member).toBe('archive/0-revisits.warc.gz');
    expect(pages(all)).toHaveLength(pages(await items({ path: wacz('good.wacz') }, 'wacz')).length);
  });
});

describe('deflated.wacz (no datapackage.json, entries deflated)', () => {
  it('reads its WARCs by name, and resolves the revisit from the payload held in memory', async () => {
    const all = await items({ path: wacz('deflated.wacz') }, 'wacz');
    expect([...new Set(all.map((item) => item.member))]).toEqual(['archive/data.warc.gz', 'archive/revisits.warc.gz']);
    const revisit = pages(all).find((page) => page.member === 'archive/revisits.warc.gz')!;
    expect(revisit.revisitOf).toBe(FIRST.recordId);
    expect(Buffer.from(revisit.bytes).equals(Buffer.from(fixtureBytes(FIRST)))).toBe(true);
  });
});

describe('zip-slip.wacz', () => {
  it('is refused whole, before anything is read: one fatal error naming the entry', async () => {
    const all = await items({ path: wacz('zip-slip.wacz') }, 'wacz');
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ kind: 'error', fatal: true, error: { code: 'ARCHIVE_DAMAGED' } });
    expect(all[0]!.kind === 'error' && all[0]!.error.message).toContain('../evil.warc.gz');
  });

  it.each([['/etc/evil.warc.gz'], ['archive\\..\\..\\evil.warc.gz'], ['C:/evil.warc.gz']])('a zip naming %s: refused the same way', async (name) => {
    const folder = scratch();
    try {
      const file = path.join(folder.dir, 'slip.wacz');
      const script = `import zipfile\nwith zipfile.ZipFile(${JSON.stringify(file)}, 'w') as z:\n    z.writestr(zipfile.ZipInfo('archive/data.warc.gz'), open(${JSON.stringify(path.join(ARCHIVES, 'warcio', 'records.warc.gz'))}, 'rb').read())\n    z.writestr(zipfile.ZipInfo(${JSON.stringify(name)}), b'x')`;
      const made = spawnSync('python3', ['-c', script]);
      expect(made.status, String(made.stderr)).toBe(0);
      const all = await items({ path: file }, 'wacz');
      expect(all).toMatchObject([{ kind: 'error', fatal: true, error: { code: 'ARCHIVE_DAMAGED', message: expect.stringContaining('outside itself') } }]);
    } finally {
      folder.cleanup();
    }
  });

  it('writes nothing anywhere (entries are read as streams, never extracted)', async () => {
    const evil = path.resolve(ARCHIVES, 'evil.warc.gz');
    await items({ path: wacz('zip-slip.wacz') }, 'wacz');
    expect(existsSync(evil)).toBe(false);
    expect(existsSync(path.resolve(ARCHIVES, 'wacz', '..', 'evil.warc.gz'))).toBe(false);
  });
});

describe('a file that is not a readable WACZ', () => {
  it('a missing file: READ_ERROR', async () => {
    const all = await items({ path: wacz('no-such.wacz') }, 'wacz');
    expect(all).toMatchObject([{ kind: 'error', fatal: true, error: { code: 'READ_ERROR' } }]);
  });

  it('not a zip, or a zip cut short: one fatal ARCHIVE_DAMAGED', async () => {
    const folder = scratch();
    try {
      const good = readFileSync(wacz('good.wacz'));
      for (const bytes of [Buffer.from('not a zip at all'), good.subarray(0, good.length - 100)]) {
        const all = await items({ path: folder.file('x.wacz', bytes) }, 'wacz');
        expect(all).toMatchObject([{ kind: 'error', fatal: true, error: { code: 'ARCHIVE_DAMAGED' } }]);
      }
    } finally {
      folder.cleanup();
    }
  });

  it('a zip without WARCs: one fatal ARCHIVE_DAMAGED', async () => {
    const folder = scratch();
    try {
      const file = path.join(folder.dir, 'empty.wacz');
      const made = spawnSync('python3', ['-c', `import zipfile\nwith zipfile.ZipFile(${JSON.stringify(file)}, 'w') as z: z.writestr('pages/pages.jsonl', '{}')`]);
      expect(made.status, String(made.stderr)).toBe(0);
      const all = await items({ path: file }, 'wacz');
      expect(all).toMatchObject([{ kind: 'error', fatal: true, error: { code: 'ARCHIVE_DAMAGED', message: expect.stringContaining('no WARC under archive/') } }]);
    } finally {
      folder.cleanup();
    }
  });
});
