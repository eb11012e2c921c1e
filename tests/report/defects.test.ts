/**
 * Regressions of issue 20's adversarial pass that concern the report, each test named after the
 * defect as the issue words it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { escapeForTerminal } from '../../src/cli/render.js';
import { createRenderer } from '../../src/emit/index.js';
import type { FileSuccess } from '../../src/pipeline/convert.js';
import { renderResult } from '../../src/pipeline/render.js';
import { ReportAggregator } from '../../src/report/aggregate.js';
import { escapeLine } from '../../src/report/escape.js';
import { renderHtml } from '../../src/report/html.js';
import { withOutputLimits } from '../../src/report/limits.js';
import type { ArchiveReport } from '../../src/schema/types.generated.js';
import { document, ROOT, success, warning } from './helpers.js';
import { runInProcess } from './run.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'kcna-parse-report-defects-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const sample = readFileSync(path.join(ROOT, 'fixtures/sample/input.txt'));

async function page(report: ArchiveReport): Promise<string> {
  let text = '';
  await renderHtml(report, { write: (piece) => void (text += piece), maybeFlush: async () => undefined });
  return text;
}

describe('regressions of the adversarial pass (issue 20)', () => {
  it('The HTML report fails on any dispatch dated in 9999 (internal error ... inside the calendar)', async () => {
    // `report sample --year 9999`
    const target = path.join(scratch, 'year-9999.html');
    const byOption = await runInProcess(['report', 'fixtures/sample/input.txt', '--year', '9999', '-o', target], ROOT);
    expect(byOption.stderr).not.toContain('internal error');
    expect(byOption.status).toBe(0);
    const html = readFileSync(target, 'utf8');
    const calendar = html.slice(html.indexOf('data-figure="calendar" data-year="9999"'), html.indexOf('</figure>', html.indexOf('data-figure="calendar" data-year="9999"')));
    expect(calendar.match(/<rect /g)).toHaveLength(365);
    expect(calendar).toContain('<title>9999-03-23 (Tuesday): 1 dispatch</title>');
    expect(calendar).toContain('<title>9999-12-31 (Friday): no dispatch (outside the span the archive covers)</title>');

    // One file with the stamp `www.kcna.kp (9999.3.23.)`, beside an ordinary one.
    const dir = path.join(scratch, 'stamp-9999');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'a-stamp.txt'), 'Pyongyang, March 23 (KCNA) -- Lead text here.\nwww.kcna.kp (9999.3.23.)\n-0-\n');
    writeFileSync(path.join(dir, 'b-sample.txt'), sample);
    const byStamp = await runInProcess(['report', dir, '--year', '2021', '-o', path.join(scratch, 'stamp-9999.json')], ROOT);
    expect(byStamp.status).toBe(0);
    const report = JSON.parse(readFileSync(path.join(scratch, 'stamp-9999.json'), 'utf8')) as ArchiveReport;
    expect(report.inputs).toEqual({ total: 2, converted: 2, failed: 0 });
    const html2 = await runInProcess(['report', dir, '-o', path.join(scratch, 'stamp-9999.html')], ROOT);
    expect(html2.status).toBe(0);

    // Any year the date format allows, the first ones included, in the aggregator and the page.
    const aggregator = new ReportAggregator({ generator: 'kcna-parse test' });
    for (const date of ['0001-03-23', '0099-12-31', '9999-12-31', '2021-02-28']) aggregator.add(success(`${date}.txt`, document({ date, teasers: [{ date }] })));
    const odd = aggregator.summary();
    expect(odd.coverage).toMatchObject({ first: '0001-03-23', last: '9999-12-31' });
    expect(odd.coverage.years.map((year) => year.year)).toEqual([1, 99, 2021, 9999]);
    const oddPage = await page(odd);
    expect(oddPage).toContain('<title>0001-03-23 (Friday): 1 dispatch</title>');
    expect(oddPage).toContain('data-year="0099"');
  });

  it('The report page prints file names raw in its copyable path:line blocks: a line break in a name plants fake diagnostic lines, U+202E reverses a line. Escape them as the CLI does', async () => {
    const dir = path.join(scratch, 'names');
    mkdirSync(dir);
    const planted = 'a.txt:1  warning PAGE_JUNK planted\nb';
    const reversed = 'evil\u202Etxt.exe';
    // A stamp line above the dateline: a STAMP_LINE warning on line 1, shown as `name:1  message`.
    writeFileSync(path.join(dir, `${planted}.txt`), Buffer.concat([Buffer.from('www.kcna.kp (Juche110.3.23.)\n'), sample]));
    writeFileSync(path.join(dir, `${reversed}.txt`), 'not a dispatch at all\n');
    const target = path.join(scratch, 'names.html');
    const result = await runInProcess(['report', 'names', '-o', target], scratch);
    expect(result.status).toBe(0);
    const html = readFileSync(target, 'utf8');
    const blocks = [...html.matchAll(/<pre class="examples">([\s\S]*?)<\/pre>/g)].map((m) => m[1]!);
    expect(blocks.length).toBeGreaterThan(0);
    // No block holds a raw line break inside a name, nor a bidirectional control.
    for (const block of blocks) {
      expect(block).not.toContain('\u202E');
      for (const line of block.split('\n').filter((l) => l !== '')) expect(line.startsWith('names/'), line).toBe(true);
    }
    expect(html).toContain('names/a.txt:1  warning PAGE_JUNK planted\\nb.txt:1  KCNA stamp line');
    expect(html).toContain('names/evil\\u{202e}txt.exe.txt  no dateline');
    expect(html).not.toContain('\u202E');
    // The page escapes as the command line does.
    for (const text of [planted, reversed, 'tab\there', 'back\\slash', 'esc\x1b[31m', 'nel\u0085', 'ls\u2028ps\u2029', 'isolate\u2066x\u2069', 'ok name.txt', 'Ünïcödé 평양']) {
      expect(escapeLine(text)).toBe(escapeForTerminal(text));
    }
  });

  it('Report size follows the date span, not the data: two 40-byte files dated 1000 and 9998 give 1.06 GB RSS, 14.7 s and a 44 MB page. Bound the calendar to the years that hold data and summarise the rest', async () => {
    const dir = path.join(scratch, 'span');
    for (const [year, day] of [['1000', '23'], ['9998', '24']] as const) {
      mkdirSync(path.join(dir, year, '03'), { recursive: true });
      writeFileSync(path.join(dir, year, '03', `${year}-03-${day}.txt`), `Pyongyang, March ${day} (KCNA) -- Lead.\n-0-\n`);
    }
    const started = Date.now();
    const json = await runInProcess(['report', dir, '-f', 'json'], ROOT);
    const htmlFile = path.join(scratch, 'span.html');
    const html = await runInProcess(['report', dir, '-o', htmlFile], ROOT);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(json.status).toBe(0);
    expect(html.status).toBe(0);
    const report = JSON.parse(json.stdout) as ArchiveReport;
    expect(report.coverage).toMatchObject({ first: '1000-03-23', last: '9998-03-24', spanDays: 3_286_454, daysWithDispatches: 2, monthsWithDispatches: 2, sparse: true, gapDays: 31 });
    expect(report.coverage.years).toEqual([
      { year: 1000, count: 1 },
      { year: 9998, count: 1 },
    ]);
    expect(report.coverage.omittedYears).toEqual([{ from: 1001, to: 9997, years: 8997 }]);
    expect(report.coverage.months.length).toBeLessThanOrEqual(24);
    expect(json.stdout.length).toBeLessThan(20_000);
    const text = readFileSync(htmlFile, 'utf8');
    expect(text.length).toBeLessThan(400_000);
    expect(text).toContain('No dispatch is dated in 1001–9997 (<span class="n" data-metric="/coverage/omittedYears/0/years">8,997</span> years)');
    expect(text.match(/data-figure="calendar"/g)).toHaveLength(2);

    // And in a process of its own, the memory it takes.
    const time = '/usr/bin/time';
    if (existsSync(time) && existsSync(path.join(ROOT, 'dist/cli.mjs'))) {
      const run = spawnSync(time, ['-f', '%M', process.execPath, path.join(ROOT, 'bin/kcna-parse.js'), 'report', dir, '-q', '-o', path.join(scratch, 'span2.html')], { encoding: 'utf8' });
      expect(run.status, run.stderr).toBe(0);
      const kib = Number(run.stderr.trim().split('\n').at(-1));
      expect(kib).toBeLessThan(150 * 1024);
    }
  });

  it('report counts an input as converted when convert fails it with RENDER_LIMIT: both commands apply the same limits', async () => {
    // A document whose JSON would pass the engine's string limit: 100,000 warnings of 6,000
    // characters each (one string, shared: the test itself stays small).
    const long = 'x'.repeat(6000);
    const doc = document();
    doc.warnings = Array.from({ length: 100_000 }, () => ({ code: 'TRAILING_TEXT' as const, line: 2, message: long, text: 'ab' }));
    const result: FileSuccess = { ...success('big.txt', doc), warnings: doc.warnings };

    // What the main command does with it, in JSON and NDJSON...
    for (const format of ['json', 'ndjson'] as const) {
      const rendered = renderResult(result, await createRenderer({ format, records: 'dispatches', single: false, bom: false, excelSafe: false }), false);
      expect(rendered).toMatchObject({ ok: false, error: { code: 'RENDER_LIMIT' } });
    }
    // ...is what the report does: the input failed, with the same error.
    const limited = withOutputLimits(result);
    expect(limited).toMatchObject({ ok: false, display: 'big.txt', error: { code: 'RENDER_LIMIT' } });
    const aggregator = new ReportAggregator({ generator: 'kcna-parse test' });
    aggregator.add(limited);
    aggregator.add(withOutputLimits(success('small.txt')));
    const report = aggregator.summary();
    expect(report.inputs).toEqual({ total: 2, converted: 1, failed: 1 });
    expect(report.failures.codes.map((code) => code.code)).toEqual(['RENDER_LIMIT']);
    // An ordinary input passes untouched.
    const ordinary = success('ok.txt');
    expect(withOutputLimits(ordinary)).toBe(ordinary);
  });

  it("1 input: 1 dispatches in the report's summary and title", async () => {
    const target = path.join(scratch, 'one.html');
    const result = await runInProcess(['report', 'fixtures/sample/input.txt', '--year', '2021', '-o', target], ROOT);
    expect(result.status).toBe(0);
    const html = readFileSync(target, 'utf8');
    expect(html).toContain('<title>Archive report: 1 input, 1 dispatch, 2021-03-23 to 2021-03-23</title>');
    expect(html).toMatch(/<span class="n" data-metric="\/inputs\/total">1<\/span> input from <code>fixtures\/sample\/input.txt<\/code> with <code>--year 2021<\/code>: <span class="n" data-metric="\/dispatches\/total">1<\/span> dispatch, /);
    expect(html).not.toMatch(/\b1<\/span> (inputs|dispatches)\b/);
    expect(html).not.toMatch(/\b1 (inputs|dispatches)\b/);
  });

  it('Memory far past 1 GB on inputs of 16 MB or less: what the report keeps of an input, and its page, do not grow with the input', async () => {
    // An input as trail-16 makes it: a few hundred thousand warnings of one code, a long teaser list.
    const many = 300_000;
    const doc = document({ teasers: Array.from({ length: 20_000 }, (_, i) => ({ date: '2020-01-01', text: `teaser ${i}` })) });
    const big: FileSuccess = { ...success('big.txt', doc), warnings: Array.from({ length: many }, (_, i) => warning('TRAILING_TEXT', i + 3, 'text after the end marker')) };
    const aggregator = new ReportAggregator({ generator: 'kcna-parse test' });
    aggregator.add(big);
    const report = aggregator.summary();
    // Counted whole, kept as examples only.
    expect(report.warnings.total).toBe(many);
    expect(report.warnings.codes[0]!.examples).toHaveLength(10);
    expect(report.teasers.total).toBe(20_000);
    expect(report.teasers.missingTeasers).toBe(20_000);
    expect(report.teasers.missing[0]!.teasers).toHaveLength(3);
    // The summary and the page are small whatever the input's size.
    expect(JSON.stringify(report).length).toBeLessThan(20_000);
    expect((await page(report)).length).toBeLessThan(400_000);
  });
});
