/**
 * The most realistic capture: Debian's `wget --warc-file` against a local `python3 -m http.server`
 * serving some of the page fixtures (a redirect, a 404 and a stylesheet among them), read back.
 * Every page served comes back byte for byte with its URI; the rest is skipped for the right
 * reason; offsets are warcio's indexer's. The capture kept in fixtures/archives/wget/ (made by this
 * test with KCNA_PARSE_WRITE_WGET_FIXTURE=1) reads the same way.
 *
 * Runs where wget and python3 are installed; CI installs both (.ci/run), and there their absence
 * is a failure, not a skip.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, createReadStream, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CDXIndexer } from 'warcio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArchiveItem, ArchiveRecordInput } from '../../src/io/archive/index.js';
import { ARCHIVES, ROOT, items, printed, scratch } from './support.js';

const has = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
const missing = ['wget', 'python3'].filter((tool) => !has(tool));
const KEPT = path.join(ARCHIVES, 'wget', 'capture.warc.gz');

/** What the server serves: path → the fixture file it is a copy of. */
const SITE: Record<string, string> = {
  'a.html': 'fixtures/html-kcna-kp-article/input.html',
  'b.html': 'fixtures/html-rodong-new/input.html',
  'c.htm': 'fixtures/html-kcna-co-jp-korean-euc-kr/input.html',
  'sample.txt': 'fixtures/sample/input.txt',
  'pages/index.html': 'fixtures/html-kcnawatch-2019/input.html',
};
/** Fetched in this order; /pages redirects (301) to /pages/, and missing.html is a 404. */
const FETCHED = ['a.html', 'b.html', 'c.htm', 'sample.txt', 'style.css', 'missing.html', 'pages'];

/** Serves `dir` on a free port of 127.0.0.1; resolves with the server and its port. */
async function serve(dir: string): Promise<{ server: ChildProcess; port: number }> {
  const server = spawn('python3', ['-u', '-m', 'http.server', '0', '--bind', '127.0.0.1', '--directory', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`python3 -m http.server did not start: ${out}`)), 15_000);
    server.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const found = /port (\d+)/.exec(out);
      if (found) {
        clearTimeout(timer);
        resolve(Number(found[1]));
      }
    });
    server.on('exit', (code) => reject(new Error(`python3 -m http.server exited (${code}): ${out}`)));
  });
  // Its request log goes to stderr: read and dropped.
  server.stderr!.resume();
  return { server, port };
}

/** Captures the site with wget into `dir`/capture.warc.gz. */
async function capture(dir: string): Promise<{ warc: string; port: number }> {
  const site = path.join(dir, 'site');
  mkdirSync(path.join(site, 'pages'), { recursive: true });
  for (const [name, source] of Object.entries(SITE)) copyFileSync(path.join(ROOT, source), path.join(site, name));
  writeFileSync(path.join(site, 'style.css'), 'body { font-family: serif; }\n');
  const { server, port } = await serve(site);
  try {
    const urls = FETCHED.map((name) => `http://127.0.0.1:${port}/${name}`);
    const warc = path.join(dir, 'capture');
    const result = await new Promise<{ status: number | null; stderr: string }>((resolve) => {
      const wget = spawn('wget', ['--no-proxy', '--no-http-keep-alive', '--warc-file', warc, '--no-warc-keep-log', '--no-verbose', '--tries=1', '--timeout=20', '-O', '/dev/null', ...urls], { stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      wget.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      wget.on('exit', (status) => resolve({ status, stderr }));
    });
    // 8: the server answered an error (the 404), as intended. (Without --no-http-keep-alive, wget
    // now and then reuses a connection python's HTTP/1.0 server has closed: "No data received".)
    expect([0, 8], result.stderr).toContain(result.status);
    return { warc: `${warc}.warc.gz`, port };
  } finally {
    server.kill('SIGTERM');
  }
}

/** The capture's items, as `kind reason-or-type status type path` lines, with the port taken out. */
function shape(all: ArchiveItem[]): string[] {
  const where = (uri: string | null) => (uri ?? '').replace(/^http:\/\/127\.0\.0\.1:\d+/, '');
  return all.map((item) => {
    if (item.kind === 'record') return `record ${item.contentType} ${where(item.targetUri)}`;
    if (item.kind === 'skip') return `skip ${item.recordType} ${item.reason} ${item.status ?? '-'} ${item.contentType ?? '-'} ${where(item.targetUri)}`;
    return `error ${item.error.code} ${item.error.message}`;
  });
}

const EXPECTED_SHAPE = [
  'skip warcinfo type - - ',
  ...['a.html', 'b.html', 'c.htm'].flatMap((name) => [`skip request type - - /${name}`, `record text/html /${name}`]),
  'skip request type - - /sample.txt',
  'record text/plain /sample.txt',
  'skip request type - - /style.css',
  'skip response media 200 text/css /style.css',
  'skip request type - - /missing.html',
  'skip response status 404 text/html /missing.html',
  'skip request type - - /pages',
  'skip response status 301 - /pages',
  'skip request type - - /pages/',
  'record text/html /pages/',
  'skip metadata type - - metadata://gnu.org/software/wget/warc/MANIFEST.txt',
  'skip resource type - text/plain metadata://gnu.org/software/wget/warc/wget_arguments.txt',
];

/** Each kept page must be the served file, byte for byte. */
function expectServedBytes(all: ArchiveItem[]): void {
  const pages = all.filter((item): item is ArchiveRecordInput => item.kind === 'record');
  expect(pages).toHaveLength(5);
  for (const page of pages) {
    const name = new URL(page.targetUri).pathname.slice(1) || 'index.html';
    const source = SITE[name.endsWith('/') ? `${name}index.html` : name]!;
    expect(Buffer.from(page.bytes).equals(readFileSync(path.join(ROOT, source))), page.targetUri).toBe(true);
    expect(page.capturedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(page.payloadDigest).toMatch(/^sha1:[A-Z2-7]{32}$/);
  }
}

/** Offsets as warcio's CDX indexer gives them, in archive order. */
async function cdxOffsets(file: string): Promise<number[]> {
  const indexer = new CDXIndexer({ all: true, fields: ['offset'] } as ConstructorParameters<typeof CDXIndexer>[0]);
  const offsets: number[] = [];
  for await (const line of indexer.iterIndex([{ filename: 'capture.warc.gz', reader: createReadStream(file) }])) offsets.push(Number(line.offset));
  return offsets;
}

describe('the kept wget capture (fixtures/archives/wget/capture.warc.gz)', () => {
  it('reads as a capture of the site: pages kept byte for byte, the rest skipped for its reason', async () => {
    const all = await items({ path: KEPT });
    expect(shape(all)).toEqual(EXPECTED_SHAPE);
    expectServedBytes(all);
  });

  it('has the offsets warcio’s CDX indexer gives, and prints nothing', async () => {
    let all: ArchiveItem[] = [];
    expect(await printed(async () => void (all = await items({ path: KEPT })))).toEqual([]);
    expect(all.map((item) => item.offset)).toEqual(await cdxOffsets(KEPT));
  });
});

describe.skipIf(missing.length > 0 && !process.env.CI)(`wget --warc-file against python3 -m http.server${missing.length > 0 ? ` (skipped: ${missing.join(' and ')} not installed)` : ''}`, () => {
  const folder = scratch('kcna-parse-wget-');
  let warc: string;
  beforeAll(async () => {
    if (missing.length > 0) throw new Error(`CI must have ${missing.join(' and ')} (.ci/run installs them)`);
    ({ warc } = await capture(folder.dir));
    if (process.env.KCNA_PARSE_WRITE_WGET_FIXTURE === '1') {
      mkdirSync(path.dirname(KEPT), { recursive: true });
      copyFileSync(warc, KEPT);
    }
  }, 60_000);
  afterAll(() => folder.cleanup());

  it('captures every page byte for byte, and skips requests, the stylesheet, the 404, the redirect and wget’s own records', async () => {
    const all = await items({ path: warc });
    expect(shape(all)).toEqual(EXPECTED_SHAPE);
    expectServedBytes(all);
  });

  it('gives the offsets warcio’s CDX indexer gives', async () => {
    const all = await items({ path: warc });
    expect(all.map((item) => item.offset)).toEqual(await cdxOffsets(warc));
  });

  it('reads the same from a stream as from the file', async () => {
    const fromFile = await items({ path: warc });
    const fromStream = await items({ stream: createReadStream(warc, { highWaterMark: 3000 }) });
    expect(shape(fromStream)).toEqual(shape(fromFile));
  });
});
