/**
 * Web archives on the command line: a WARC or WACZ (by its name, or by its bytes when named by a
 * path or given on standard input) is read record by record, one input per page record; the
 * records that hold no page are counted, never errors; damage is one error naming the archive and
 * the byte offset, after the records before it; provenance in the documents, the CSV and --report;
 * --out-dir writes one file per archive; --accept-regex/--reject-regex select records by URL
 * before their payloads are read; --shard takes a share of the inputs; --jobs changes nothing.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runInProcess } from '../helpers/in-process.js';
import { gzipMember, response, warcFile, warcRecord } from '../helpers/warc-writer.js';
import { ROOT, makeWorkspace, putFile, runCli } from './helpers.js';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = makeWorkspace()));
afterEach(() => cleanup());

const ARCHIVES = path.join(ROOT, 'fixtures', 'archives');
const page = (name: string) => readFileSync(path.join(ROOT, 'fixtures', name, 'input.html'));
const put = (relative: string, bytes: Uint8Array) => void putFile(dir, relative, bytes);
const copy = (from: string, to: string) => {
  mkdirSync(path.dirname(path.join(dir, to)), { recursive: true });
  copyFileSync(path.join(ARCHIVES, from), path.join(dir, to));
};

interface Doc {
  id: string;
  source: { path: string | null; archive: { format: string; recordId: string; offset: number; member: string | null; targetUri: string; capturedAt: string; payloadDigest: string | null } | null };
  page: { url: string | null; capturedOn: string | null };
  lead: { title: string | null; date: string | null };
  warnings: Array<{ code: string }>;
}
const ndjson = (text: string): Doc[] => text.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as Doc);

/** The page records of fixtures/archives/warcio/records.json, in archive order. */
const RECORDS = (JSON.parse(readFileSync(path.join(ARCHIVES, 'warcio', 'records.json'), 'utf8')) as Array<{ kind: string; uri?: string }>).filter((r) => r.kind === 'record');

/** A small archive of two pages, a 404 and a stylesheet, written by the project's WARC writer. */
function smallArchive(compress = true): Buffer {
  return warcFile(
    [
      warcRecord({ type: 'warcinfo', block: 'software: test\r\n', contentType: 'application/warc-fields' }),
      response('http://www.kcna.kp/en/article/q/one.kcmsf', page('html-kcna-kp-article'), { date: '2024-03-23T08:15:00Z' }),
      response('http://www.kcna.kp/missing', '<html><body>Not found</body></html>', { status: '404 Not Found' }),
      response('http://www.kcna.kp/style.css', 'p { color: red }', { headers: [['Content-Type', 'text/css']] }),
      response('http://www.kcna.kp/en/article/q/two.kcmsf', page('html-kcna-kp-article-juche'), { date: '2024-03-24T09:00:00Z' }),
    ],
    compress,
  ).file;
}

describe('web archives on the command line', () => {
  it('reads each page record of a WARC as an input, with where and when it was captured', async () => {
    put('crawl.warc.gz', smallArchive());
    const run = await runInProcess(['crawl.warc.gz', '-f', 'ndjson', '--warnings', 'none'], { cwd: dir });
    expect(run.status, run.stderr).toBe(0);
    const docs = ndjson(run.stdout);
    expect(docs.map((d) => [d.source.path, d.source.archive?.targetUri, d.source.archive?.capturedAt, d.page.capturedOn, d.page.url])).toEqual([
      ['crawl.warc.gz', 'http://www.kcna.kp/en/article/q/one.kcmsf', '2024-03-23T08:15:00Z', '2024-03-23', 'http://www.kcna.kp/en/article/q/one.kcmsf'],
      ['crawl.warc.gz', 'http://www.kcna.kp/en/article/q/two.kcmsf', '2024-03-24T09:00:00Z', '2024-03-24', 'http://www.kcna.kp/en/article/q/two.kcmsf'],
    ]);
    expect(docs.every((d) => d.source.archive?.format === 'warc' && /^urn:uuid:/.test(d.source.archive.recordId))).toBe(true);
    // The capture date is never a source of the year: the dateline's year comes from the page.
    expect(docs.map((d) => d.lead.date)).not.toContain('2024-03-23');
    expect(run.stderr).toBe(
      'skipped 3 records of web archives that hold no page: status 404 1, text/css 1, warcinfo 1\n' +
        'converted 2 of 2 inputs, 0 failed: 2 dispatches to standard output in 0.12s; 4 warnings: OUTSIDE_ARTICLE 2, STAMP_LINE 2\n',
    );
  });

  it('gives the offsets a CDX index gives: each record where its gzip member starts', async () => {
    const { file, offsets } = warcFile(
      [response('http://a.example/1.html', page('html-kcna-kp-article')), response('http://a.example/2.html', page('html-rodong-new'))],
      true,
    );
    put('two.warc.gz', file);
    const run = await runInProcess(['two.warc.gz', '-f', 'ndjson', '-q'], { cwd: dir });
    expect(ndjson(run.stdout).map((d) => d.source.archive!.offset)).toEqual(offsets);
  });

  it('reads the same records from a .warc, a .warc.gz, a whole-file gzip, a WACZ and standard input', async () => {
    const strip = (docs: Doc[]) => docs.map(({ id, lead }) => ({ id, title: lead.title }));
    const runs: Record<string, Doc[]> = {};
    for (const name of ['warcio/records.warc', 'warcio/records.warc.gz', 'warcio/records-whole.warc.gz', 'wacz/good.wacz']) {
      const run = await runInProcess([path.join(ARCHIVES, name), '-f', 'ndjson', '-q'], { cwd: dir });
      expect(run.status, `${name}: ${run.stderr}`).toBe(0);
      runs[name] = ndjson(run.stdout);
    }
    const stdin = await runInProcess(['-', '-f', 'ndjson', '-q'], { cwd: dir, stdin: readFileSync(path.join(ARCHIVES, 'warcio/records.warc.gz')) });
    expect(stdin.status, stdin.stderr).toBe(0);
    const fromStdin = ndjson(stdin.stdout);
    expect(fromStdin.every((d) => d.source.path === null && d.source.archive !== null)).toBe(true);
    const reference = strip(runs['warcio/records.warc.gz']!);
    expect(reference.length).toBeGreaterThan(RECORDS.length - 1);
    expect(strip(runs['warcio/records.warc']!)).toEqual(reference);
    expect(strip(runs['warcio/records-whole.warc.gz']!)).toEqual(reference);
    expect(strip(fromStdin)).toEqual(reference);
    // The WACZ holds the same WARC and, listed after it in datapackage.json, a revisit of the first page.
    const wacz = strip(runs['wacz/good.wacz']!);
    expect(wacz.slice(0, reference.length)).toEqual(reference);
    expect(wacz.slice(reference.length)).toEqual([reference[0]]);
    expect(runs['wacz/good.wacz']!.every((d) => d.source.archive?.format === 'wacz' && d.source.archive.member !== null)).toBe(true);
  });

  it('reads a file named like text as an archive when it is named by a path and its bytes say so', async () => {
    put('crawl-export.dat', smallArchive());
    const run = await runInProcess(['crawl-export.dat', '-f', 'ndjson', '-q'], { cwd: dir });
    expect(run.status, run.stderr).toBe(0);
    expect(ndjson(run.stdout)).toHaveLength(2);
  });

  it('walks folders for *.warc, *.warc.gz and *.wacz (in any case) beside pages and text', async () => {
    put('collection/a.WARC.GZ', smallArchive());
    put('collection/b.warc', smallArchive(false));
    copy('wacz/good.wacz', 'collection/c.wacz');
    put('collection/d.gz', smallArchive());
    const run = await runInProcess(['collection', '-f', 'ndjson', '-q'], { cwd: dir });
    expect(run.status, run.stderr).toBe(0);
    expect([...new Set(ndjson(run.stdout).map((d) => d.source.path))]).toEqual(['collection/a.WARC.GZ', 'collection/b.warc', 'collection/c.wacz']);
  });

  it('writes a JSON array for a single archive, even of one page or of none', async () => {
    put('one.warc.gz', warcFile([response('http://a.example/1.html', page('html-kcna-kp-article'))], true).file);
    put('none.warc.gz', warcFile([response('http://a.example/s.css', 'p {}', { headers: [['Content-Type', 'text/css']] })], true).file);
    const one = await runInProcess(['one.warc.gz', '-q'], { cwd: dir });
    expect(one.status).toBe(0);
    const parsed = JSON.parse(one.stdout) as unknown[];
    expect(Array.isArray(parsed) && parsed.length).toBe(1);
    const none = await runInProcess(['none.warc.gz', '-q'], { cwd: dir });
    expect(none.status).toBe(0);
    expect(JSON.parse(none.stdout)).toEqual([]);
    // And from standard input, where the bytes alone say it is an archive.
    const piped = await runInProcess(['-', '-q'], { cwd: dir, stdin: readFileSync(path.join(dir, 'one.warc.gz')) });
    expect(JSON.parse(piped.stdout)).toHaveLength(1);
  });

  it('writes one output per archive with --out-dir, an array of its dispatches', async () => {
    put('in/2024/crawl.warc.gz', smallArchive());
    put('in/page.html', page('html-rodong-new'));
    const run = await runInProcess(['in', '--out-dir', 'out', '-q'], { cwd: dir });
    expect(run.status, run.stderr).toBe(0);
    expect(readdirSync(path.join(dir, 'out'), { recursive: true }).map(String).sort()).toEqual(['2024', '2024/crawl.json', 'page.json']);
    const archive = JSON.parse(readFileSync(path.join(dir, 'out/2024/crawl.json'), 'utf8')) as Doc[];
    expect(archive.map((d) => d.source.archive!.targetUri)).toEqual(['http://www.kcna.kp/en/article/q/one.kcmsf', 'http://www.kcna.kp/en/article/q/two.kcmsf']);
    expect(Array.isArray(JSON.parse(readFileSync(path.join(dir, 'out/page.json'), 'utf8')))).toBe(false);
  });

  it('converts the records before damage, reports the damage once with the byte offset, goes on with the next input, exits 1', async () => {
    const { file, offsets } = warcFile(
      [response('http://a.example/1.html', page('html-kcna-kp-article')), response('http://a.example/2.html', page('html-rodong-new')), response('http://a.example/3.html', page('html-rodong-old'))],
      true,
    );
    // Cut in the middle of the third record's gzip member, as an interrupted download leaves it.
    put('a-cut.warc.gz', file.subarray(0, offsets[2]! + 200));
    put('b.html', page('html-uriminzokkiri-article'));
    const run = await runInProcess(['a-cut.warc.gz', 'b.html', '-f', 'ndjson', '--warnings', 'none', '--report', 'report.json'], { cwd: dir });
    expect(run.status).toBe(1);
    expect(ndjson(run.stdout).map((d) => d.source.archive?.targetUri ?? d.source.path)).toEqual(['http://a.example/1.html', 'http://a.example/2.html', 'b.html']);
    const errors = run.stderr.split('\n').filter((line) => line.includes(' error '));
    expect(errors).toEqual([expect.stringMatching(new RegExp(`^a-cut\\.warc\\.gz: error ARCHIVE_DAMAGED .*byte ${offsets[2]}\\b`))]);
    const report = JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8')) as { files: Array<{ path: string; status: string; archive?: Record<string, unknown> }> };
    expect(report.files.map((f) => [f.path, f.status, f.archive?.['offset'], f.archive?.['targetUri']])).toEqual([
      [`a-cut.warc.gz@${offsets[0]}`, 'converted', offsets[0], 'http://a.example/1.html'],
      [`a-cut.warc.gz@${offsets[1]}`, 'converted', offsets[1], 'http://a.example/2.html'],
      ['a-cut.warc.gz', 'failed', offsets[2], null],
      ['b.html', 'converted', undefined, undefined],
    ]);
  });

  it('lists in --report each record that failed, with its archive, offset, record id and URL', async () => {
    const { file, offsets } = warcFile(
      [response('http://a.example/empty.html', '<html><body><p>   </p></body></html>', { id: 'urn:uuid:11111111-1111-4111-8111-111111111111' }), response('http://a.example/1.html', page('html-kcna-kp-article'))],
      true,
    );
    put('crawl.warc.gz', file);
    const run = await runInProcess(['crawl.warc.gz', '-f', 'ndjson', '-q', '--report', 'report.json'], { cwd: dir });
    expect(run.status).toBe(1);
    const report = JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8')) as { files: Array<Record<string, unknown>>; summary: Record<string, unknown> };
    expect(report.files[0]).toMatchObject({
      path: `crawl.warc.gz@${offsets[0]}`,
      status: 'failed',
      error: { code: 'NOT_A_DISPATCH' },
      archive: { archive: 'crawl.warc.gz', offset: offsets[0], member: null, recordId: 'urn:uuid:11111111-1111-4111-8111-111111111111', targetUri: 'http://a.example/empty.html' },
    });
    expect(report.summary).toMatchObject({ files: 2, converted: 1, failed: 1, archives: { records: 2, skipped: 0 } });
  });

  it('selects records by URL with --accept-regex and --reject-regex before reading their payloads', async () => {
    // A gzip body broken in its middle: decoding it fails.
    const broken = zlib.gzipSync(page('html-kcna-kp-list'));
    broken.fill(0xff, 40, 80);
    const corrupt = response('http://www.kcna.kp/en/category/list.kcmsf', broken, {
      headers: [
        ['Content-Type', 'text/html'],
        ['Content-Encoding', 'gzip'],
      ],
    });
    put('crawl.warc.gz', Buffer.concat([smallArchive(), gzipMember(corrupt)]));
    const accepted = await runInProcess(['crawl.warc.gz', '-f', 'ndjson', '--warnings', 'none', '--accept-regex', '/article/'], { cwd: dir });
    expect(accepted.status, accepted.stderr).toBe(0);
    expect(ndjson(accepted.stdout)).toHaveLength(2);
    expect(accepted.stderr).toMatch(/^skipped 4 records of web archives that hold no page: not selected 3, warcinfo 1$/m);
    const rejected = await runInProcess(['crawl.warc.gz', '-f', 'ndjson', '--warnings', 'none', '--accept-regex', '/article/', '--reject-regex', 'two'], { cwd: dir });
    expect(ndjson(rejected.stdout).map((d) => d.source.archive!.targetUri)).toEqual(['http://www.kcna.kp/en/article/q/one.kcmsf']);
    // Without the selection, the corrupt payload is that record's error.
    const all = await runInProcess(['crawl.warc.gz', '-f', 'ndjson', '-q'], { cwd: dir });
    expect(all.status).toBe(1);
    expect(all.stderr).toMatch(/crawl\.warc\.gz@\d+: error ARCHIVE_DAMAGED/);
  });

  it('refuses a regular expression that does not compile, with what --accept-regex takes', async () => {
    put('crawl.warc.gz', smallArchive());
    const run = await runInProcess(['crawl.warc.gz', '--accept-regex', '(article'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^kcna-parse: error: invalid value '\(article' for --accept-regex: /);
    expect(run.stdout).toBe('');
  });

  it('takes with --shard K/N disjoint shares of the inputs that together are the whole run, the same on every run', async () => {
    for (let i = 0; i < 12; i++) put(`many/${String(i).padStart(2, '0')}.html`, page(i % 2 === 0 ? 'html-kcna-kp-article' : 'html-rodong-new'));
    put('many/crawl.warc.gz', smallArchive());
    const whole = await runInProcess(['many', '-f', 'ndjson', '-q'], { cwd: dir });
    const paths = (run: { stdout: string }) => ndjson(run.stdout).map((d) => `${d.source.path}#${d.source.archive?.offset ?? ''}`);
    const shares: string[][] = [];
    for (const k of [1, 2, 3]) {
      const run = await runInProcess(['many', '-f', 'ndjson', '-q', '--shard', `${k}/3`], { cwd: dir });
      expect(run.status, run.stderr).toBe(0);
      shares.push(paths(run));
      const again = await runInProcess(['many', '-f', 'ndjson', '-q', '--shard', `${k}/3`], { cwd: dir });
      expect(paths(again)).toEqual(paths(run));
    }
    expect(shares.flat().sort()).toEqual(paths(whole).sort());
    expect(new Set(shares.flat()).size).toBe(shares.flat().length);
    expect(shares.filter((share) => share.length > 0).length).toBeGreaterThan(1);
    // An archive is one input: its records stay together in one share.
    expect(shares.filter((share) => share.some((p) => p.startsWith('many/crawl.warc.gz'))).length).toBe(1);
  });

  it.each([
    [['-', '--shard', '1/2'], /--shard shares files by their paths; standard input/],
    [['x.html', '--shard', '3/2'], /invalid value '3\/2' for --shard/],
    [['x.html', '--shard', '0/2'], /invalid value '0\/2' for --shard/],
  ])('refuses --shard that cannot share: %j', async (args, message) => {
    put('x.html', page('html-kcna-kp-article'));
    const run = await runInProcess(args, { cwd: dir, stdin: '' });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
  });

  it('writes the same bytes with --jobs 1, --jobs 2 and the default handing records to workers', async () => {
    copy('warcio/records.warc.gz', 'a.warc.gz');
    copy('wget/capture.warc.gz', 'b.warc.gz');
    const outputs: string[] = [];
    for (const [args, env] of [
      [['--jobs', '1'], {}],
      [['--jobs', '2'], {}],
      [[], { KCNA_PARSE_TEST_AUTO_THREADS_AFTER: '1' }],
    ] as const) {
      const run = await runCli(['a.warc.gz', 'b.warc.gz', '-f', 'ndjson', '-q', ...args], { cwd: dir, env });
      expect(run.status, run.stderr).toBe(0);
      outputs.push(run.stdout);
    }
    expect(outputs[1]).toBe(outputs[0]);
    expect(outputs[2]).toBe(outputs[0]);
    expect(ndjson(outputs[0]!).length).toBeGreaterThan(10);
  });

  it('adds archive_uri and captured_at to the CSV, as Python reads it', async () => {
    put('crawl.warc.gz', smallArchive());
    put('page.html', page('html-rodong-new'));
    const run = await runInProcess(['crawl.warc.gz', 'page.html', '-o', 'out.csv', '-q'], { cwd: dir });
    expect(run.status, run.stderr).toBe(0);
    const rows = JSON.parse(
      execFileSync('python3', ['-c', 'import csv, json, sys; print(json.dumps([[r["path"], r["archive_uri"], r["captured_at"]] for r in csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8"))]))', path.join(dir, 'out.csv')], { encoding: 'utf8' }),
    ) as string[][];
    expect(rows).toEqual([
      ['crawl.warc.gz', 'http://www.kcna.kp/en/article/q/one.kcmsf', '2024-03-23T08:15:00Z'],
      ['crawl.warc.gz', 'http://www.kcna.kp/en/article/q/two.kcmsf', '2024-03-24T09:00:00Z'],
      ['page.html', '', ''],
    ]);
  });

  it('gives captures of one article that differ in furniture, toolbar and date one content id; --dedupe keeps the first', async () => {
    const wayback = page('html-wayback-kcna-kp').toString('utf8');
    // The same capture without the Wayback Machine's toolbar, as a crawler of the live site saw it.
    const bare = wayback.replace(/<!-- BEGIN WAYBACK TOOLBAR INSERT -->[\s\S]*?<!-- END WAYBACK TOOLBAR INSERT -->/u, '');
    expect(bare.length).toBeLessThan(wayback.length);
    const article = page('html-kcna-kp-article').toString('utf8');
    // The live article page again a day later, with a different menu and language bar.
    const refurnished = article.replace('<a href="/jp" class="lang-link" lang="jp">日本語</a>', '<a href="/de" class="lang-link" lang="de">Deutsch</a>');
    expect(refurnished).not.toBe(article);
    const { file } = warcFile(
      [
        response('http://web.archive.org/web/20240101000000/http://www.kcna.kp/a', wayback, { date: '2024-01-01T00:00:00Z' }),
        response('http://www.kcna.kp/a', bare, { date: '2024-06-01T00:00:00Z' }),
        response('http://www.kcna.kp/b', article, { date: '2025-12-14T08:00:00Z' }),
        response('http://www.kcna.kp/b', refurnished, { date: '2025-12-15T08:00:00Z' }),
        response('http://www.kcna.kp/b', article, { date: '2025-12-16T08:00:00Z' }),
      ],
      true,
    );
    put('captures.warc.gz', file);
    const all = ndjson((await runInProcess(['captures.warc.gz', '-f', 'ndjson', '-q'], { cwd: dir })).stdout);
    expect(all).toHaveLength(5);
    expect(new Set(all.slice(0, 2).map((d) => d.id)).size).toBe(1);
    expect(new Set(all.slice(2).map((d) => d.id)).size).toBe(1);
    expect(all[0]!.id).not.toBe(all[2]!.id);
    const deduped = await runInProcess(['captures.warc.gz', '-f', 'ndjson', '--dedupe', '--warnings', 'none'], { cwd: dir });
    expect(deduped.status, deduped.stderr).toBe(0);
    expect(ndjson(deduped.stdout).map((d) => d.source.archive!.capturedAt)).toEqual(['2024-01-01T00:00:00Z', '2025-12-14T08:00:00Z']);
    expect(deduped.stderr).toMatch(/3 duplicates dropped/);
  });

  it('counts the bytes of the archive read on the progress line', async () => {
    put('crawl.warc.gz', smallArchive());
    const size = readFileSync(path.join(dir, 'crawl.warc.gz')).length;
    // Every call of Date.now a second after the one before: the line is drawn for each input.
    let now = 1_000_000;
    vi.spyOn(Date, 'now').mockImplementation(() => (now += 1000));
    try {
      const run = await runInProcess(['crawl.warc.gz', '-o', 'out.ndjson'], { cwd: dir, tty: { stderr: true } });
      expect(run.status, run.stderr).toBe(0);
      expect(run.stderr).toMatch(new RegExp(`\\r\\u001b\\[2Kconverting: \\d+ inputs?, [\\d.]+/s; crawl\\.warc\\.gz: [\\d.]+ KiB of ${(size / 1024).toFixed(1)} KiB \\(\\d+%\\)`));
    } finally {
      vi.restoreAllMocks();
    }
  });
});
