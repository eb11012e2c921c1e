/**
 * The page renderer on its own: it writes piece by piece, and shows the sections of the fields
 * that later documents carry (layouts, mirrors, multi-story pages) once a summary has them.
 */
import { describe, expect, it } from 'vitest';
import { ReportAggregator } from '../../src/report/aggregate.js';
import { escapeHtml, renderHtml, type PageSink } from '../../src/report/html.js';
import { document, success } from './helpers.js';

class Pieces implements PageSink {
  pieces: string[] = [];
  flushes = 0;
  write(text: string): void {
    this.pieces.push(text);
  }
  async maybeFlush(): Promise<void> {
    this.flushes++;
  }
  get page(): string {
    return this.pieces.join('');
  }
}

function summaryWithPages() {
  const aggregator = new ReportAggregator({ generator: 'kcna-parse <test>' });
  const page = (layout: string, mirror: string) => ({ extra: { page: { layout, mirror, capturedOn: null, date: null, dateLineNumber: null } } });
  aggregator.add(success('a.txt', document({ date: '2021-03-01', place: 'Pyongyang', ...page('kcnawatch-article', 'KCNA.kp (En)'), sourceExtra: { story: { index: 1, count: 2, firstLine: 1, lastLine: 5 } } })));
  aggregator.add(success('a.txt', document({ date: '2021-03-01', place: 'Wonsan', ...page('kcnawatch-article', 'KCNA.kp (En)'), sourceExtra: { story: { index: 2, count: 2, firstLine: 6, lastLine: 9 } } })));
  aggregator.add(success('b.txt', document({ date: '2022-03-04', place: 'Hamhung', yearSource: 'juche-stamp', ...page('kcna-co-jp-daily', 'KCNA.co.jp (En)'), teasers: [{ date: '2022-03-03' }] })));
  return aggregator.summary();
}

describe('renderHtml', () => {
  it('writes the page in pieces, flushing as it goes, never as one string', async () => {
    const sink = new Pieces();
    await renderHtml(summaryWithPages(), sink);
    const { page } = sink;
    expect(sink.pieces.length).toBeGreaterThan(50);
    expect(sink.flushes).toBeGreaterThan(5);
    // The largest pieces are single figures; everything else goes out a line or a row at a time.
    const figures = sink.pieces.filter((piece) => piece.startsWith('<svg'));
    expect(figures.length).toBeGreaterThanOrEqual(8);
    for (const piece of sink.pieces) if (!piece.startsWith('<svg')) expect(piece.length).toBeLessThan(8 * 1024);
    for (const piece of figures) expect(piece.length).toBeLessThan(page.length * 0.75);
    expect(page.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(page.trimEnd().endsWith('</html>')).toBe(true);
  });

  it('shows layouts, mirrors and multi-story pages once the documents carry them', async () => {
    const report = summaryWithPages();
    expect(report.dispatches.multiStoryPages).toBe(1);
    const sink = new Pieces();
    await renderHtml(report, sink);
    const { page } = sink;
    expect(page).toContain('<section id="pages">');
    expect(page).toMatch(/<figure data-figure="layouts">\n<svg/);
    expect(page).toMatch(/<figure data-figure="mirrors">\n<svg/);
    expect(page).toContain('<td><bdi>kcnawatch-article</bdi></td><td class="num"><span class="n" data-metric="/layouts/entries/0/count">2</span>');
    expect(page).toContain('<td><bdi>KCNA.co.jp (En)</bdi></td>');
    expect(page).toContain('data-metric="/dispatches/multiStoryPages">1</span>pages with several dispatches');
    // The generator string comes from outside too, and is escaped like the rest.
    expect(page).toContain('kcna-parse &lt;test&gt;');
  });

  it('leaves the section out while documents do not carry the fields (schema 1.0.0)', async () => {
    const aggregator = new ReportAggregator({ generator: 'kcna-parse test' });
    const older = document();
    delete (older as Partial<typeof older>).page;
    delete (older.source as Partial<typeof older.source>).story;
    delete (older.source as { format?: unknown }).format;
    aggregator.add(success('a.txt', older));
    const sink = new Pieces();
    await renderHtml(aggregator.summary(), sink);
    expect(sink.page).not.toContain('id="pages"');
    expect(sink.page).not.toContain('multiStoryPages');
  });

  it('escapes the five characters HTML gives meaning to', () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;');
  });
});
