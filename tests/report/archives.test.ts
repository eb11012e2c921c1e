/**
 * The report of web archives: the records read as pages and those skipped (by what they were), the
 * captures against the distinct dispatches they hold (how many captures collapsed into each), and
 * the capture days beside the dispatches dated those days; the page shows the same numbers.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeWorkspace, putFile, ROOT } from '../cli/helpers.js';
import { runInProcess } from '../helpers/in-process.js';
import { response, warcFile, warcRecord } from '../helpers/warc-writer.js';
import type { ArchiveReport } from '../../src/schema/types.generated.js';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = makeWorkspace()));
afterEach(() => cleanup());

const page = (name: string) => readFileSync(path.join(ROOT, 'fixtures', name, 'input.html'));
const put = (relative: string, bytes: Uint8Array) => void putFile(dir, relative, bytes);

/** Three captures of one article on two days, one of another, a redirect, a stylesheet and a request. */
function crawl(): Buffer {
  const article = page('html-kcna-kp-article');
  return warcFile(
    [
      warcRecord({ type: 'warcinfo', block: 'software: test\r\n', contentType: 'application/warc-fields' }),
      warcRecord({ type: 'request', uri: 'http://www.kcna.kp/a', contentType: 'application/http;msgtype=request', block: 'GET /a HTTP/1.1\r\nHost: www.kcna.kp\r\n\r\n' }),
      response('http://www.kcna.kp/a', article, { date: '2025-12-14T08:00:00Z' }),
      response('http://www.kcna.kp/a', article, { date: '2025-12-14T20:00:00Z' }),
      response('http://www.kcna.kp/a', article, { date: '2025-12-16T08:00:00Z' }),
      response('http://www.kcna.kp/b', page('html-kcna-kp-article-juche'), { date: '2025-12-16T09:00:00Z' }),
      response('http://www.kcna.kp/old', '', { status: '301 Moved Permanently', headers: [['Location', 'http://www.kcna.kp/a']] }),
      response('http://www.kcna.kp/s.css', 'p {}', { headers: [['Content-Type', 'text/css']] }),
    ],
    true,
  ).file;
}

describe('the report of web archives', () => {
  it('counts records read and skipped, captures per dispatch, and capture days beside news days', async () => {
    put('crawl.warc.gz', crawl());
    const run = await runInProcess(['report', 'crawl.warc.gz', '-f', 'json'], { cwd: dir });
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as ArchiveReport;
    const archives = report.archives!;
    expect(archives.records).toBe(4);
    expect(archives.skipped.total).toBe(4);
    expect(archives.skipped.byKind.entries).toEqual(
      expect.arrayContaining([
        { name: 'warcinfo', count: 1 },
        { name: 'request', count: 1 },
        { name: 'status 301', count: 1 },
        { name: 'text/css', count: 1 },
      ]),
    );
    expect(archives.captures).toMatchObject({ total: 4, dispatches: 2, byCount: [{ captures: 1, dispatches: 1 }, { captures: 3, dispatches: 1 }] });
    expect(archives.captures.mostCaptured).toEqual([{ id: expect.any(String), captures: 3, path: 'crawl.warc.gz@' + String(archives.captures.mostCaptured[0]!.path.split('@')[1]), date: '2025-12-14', title: expect.stringContaining('Vegetable Greenhouse Farm') }]);
    // The article is dated 2025-12-14, the day of its first two captures.
    expect(archives.byDay).toEqual([
      { date: '2025-12-14', captures: 2, dispatches: 3 },
      { date: '2025-12-16', captures: 2, dispatches: 0 },
    ]);
    expect(archives.moreDays).toBe(0);
    // Skipped records are not inputs, and never failures.
    expect(report.inputs).toEqual({ total: 4, converted: 4, failed: 0 });
  });

  it('is null when no archive was read', async () => {
    put('page.html', page('html-kcna-kp-article'));
    const run = await runInProcess(['report', 'page.html', '-f', 'json'], { cwd: dir });
    expect((JSON.parse(run.stdout) as ArchiveReport).archives).toBeNull();
  });

  it('shows the same numbers on the page, each tagged with its place in the JSON', async () => {
    put('crawl.warc.gz', crawl());
    const json = JSON.parse((await runInProcess(['report', 'crawl.warc.gz', '-f', 'json'], { cwd: dir, env: { SOURCE_DATE_EPOCH: '0' } })).stdout) as ArchiveReport;
    const html = (await runInProcess(['report', 'crawl.warc.gz'], { cwd: dir, env: { SOURCE_DATE_EPOCH: '0' } })).stdout;
    const section = html.slice(html.indexOf('<section id="archives">'), html.indexOf('</section>', html.indexOf('<section id="archives">')));
    expect(section).toContain('<h2>Web archives</h2>');
    const metrics = [...section.matchAll(/data-metric="([^"]+)">([\d,]+)</g)].map(([, pointer, shown]) => [pointer!, Number(shown!.replace(/,/g, ''))] as const);
    expect(metrics.length).toBeGreaterThan(10);
    for (const [pointer, shown] of metrics) {
      const value = pointer.split('/').slice(1).reduce<unknown>((at, key) => (at as Record<string, unknown>)[key], json);
      expect(shown, pointer).toBe(value);
    }
  });

  it('agrees with the conversion run on what was read, skipped and failed', async () => {
    put('crawl.warc.gz', crawl());
    const report = JSON.parse((await runInProcess(['report', 'crawl.warc.gz', '-f', 'json'], { cwd: dir })).stdout) as ArchiveReport;
    await runInProcess(['crawl.warc.gz', '-f', 'ndjson', '-q', '--report', 'run.json'], { cwd: dir });
    const run = JSON.parse(readFileSync(path.join(dir, 'run.json'), 'utf8')) as { summary: { files: number; failed: number; archives: { records: number; skipped: number; skippedBy: Record<string, number> } } };
    expect(run.summary.archives.records).toBe(report.archives!.records);
    expect(run.summary.archives.skipped).toBe(report.archives!.skipped.total);
    expect(Object.fromEntries(report.archives!.skipped.byKind.entries.map((e) => [e.name, e.count]))).toEqual(run.summary.archives.skippedBy);
    expect(run.summary.failed).toBe(report.inputs.failed);
  });
});
