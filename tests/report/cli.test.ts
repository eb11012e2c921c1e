/**
 * `kcna-parse report`, run in-process: where the report goes, its exit statuses, and that every
 * string from the input reaches the page escaped.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';
import { runInProcess } from './run.js';
import { runInProcess as runCliInProcess } from '../cli/in-process.js';

const runCli = (args: string[], options: { cwd: string; env: Record<string, string> }) => runCliInProcess(args, options);

const scratch = mkdtempSync(path.join(tmpdir(), 'kcna-parse-report-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const sample = readFileSync(path.join(ROOT, 'fixtures/sample/input.txt'));

describe('kcna-parse report', () => {
  it('writes the HTML page to -o and exits 0 though an input failed (the failure is in the report)', async () => {
    const target = path.join(scratch, 'archive.html');
    const result = await runInProcess(['report', 'examples/archive', '-o', target], ROOT);
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`report of 12 inputs: 11 dispatches, 1 failed, 5 warnings; written to ${target}\n`);
    const html = readFileSync(target, 'utf8');
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
    expect(html).toContain('examples/archive/2021/05/2021-05-11-capture.txt');
    // Self-contained: no script, no stylesheet or image fetched, nothing but SVG's namespace URLs.
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(/i);
    expect(html.match(/https?:\/\/[^\s"'<>)]+/g)!.every((url) => url.startsWith('http://www.w3.org/'))).toBe(true);
    // Atomic: no temporary file is left beside the target.
    expect(readdirSync(scratch).filter((name) => name.startsWith('.'))).toEqual([]);
  });

  it('writes JSON when -o ends in .json, and HTML to standard output by default', async () => {
    const target = path.join(scratch, 'archive.json');
    expect((await runInProcess(['report', 'examples/archive', '-o', target], ROOT)).status).toBe(0);
    expect(JSON.parse(readFileSync(target, 'utf8'))).toMatchObject({ inputs: { total: 12 } });
    const html = await runInProcess(['report', 'examples/archive/2021/03'], ROOT);
    expect(html.stdout.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html.stderr).toBe('report of 5 inputs: 5 dispatches, 0 failed, 3 warnings\n');
  });

  it('counts a mixed archive of text captures and web pages by format and layout', async () => {
    const dir = path.join(scratch, 'mixed');
    mkdirSync(path.join(dir, 'pages'), { recursive: true });
    writeFileSync(path.join(dir, 'sample.txt'), sample);
    for (const name of ['html-kcna-kp-article', 'html-kcnawatch-kcna-kp', 'html-kcna-co-jp-daily-1999', 'html-kcna-kp-category']) {
      writeFileSync(path.join(dir, 'pages', `${name}.html`), readFileSync(path.join(ROOT, 'fixtures', name, 'input.html')));
    }
    const result = await runInProcess(['report', dir, '-f', 'json'], ROOT);
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout) as { inputs: { total: number; failed: number }; inputFormats: { entries: Array<{ name: string; count: number }> }; layouts: { entries: Array<{ name: string; count: number }> } };
    expect(report.inputs).toMatchObject({ total: 5, failed: 1 });
    expect(report.inputFormats.entries).toEqual([
      { name: 'html kcna-co-jp-daily', count: 1 },
      { name: 'html kcna-kp', count: 1 },
      { name: 'html kcnawatch-2024', count: 1 },
      { name: 'text plain', count: 1 },
    ]);
    // Dispatches, not inputs: the daily page holds seven.
    expect(report.layouts.entries[0]).toEqual({ name: 'kcna-co-jp-daily', count: 7 });
  });

  it("reads standard input for '-'", async () => {
    const result = await runInProcess(['report', '-', '-f', 'json', '--year', '2021'], ROOT, sample.toString('utf8'));
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ inputs: { total: 1, converted: 1 }, coverage: { first: '2021-03-23' }, years: { bySource: { entries: [{ name: 'option', count: 1 }] } } });
  });

  it('escapes paths and other input text in the page', async () => {
    const dir = path.join(scratch, 'hostile');
    mkdirSync(path.join(dir, '<b>bold</b>'), { recursive: true });
    writeFileSync(path.join(dir, '<b>bold</b>', '<img src=x onerror=alert(1)>.txt'), sample);
    writeFileSync(path.join(dir, '<b>bold</b>', "a&b'\".txt"), 'not a dispatch at all\n');
    const result = await runInProcess(['report', 'hostile', '-o', 'hostile.html'], scratch);
    expect(result.status).toBe(0);
    const html = readFileSync(path.join(scratch, 'hostile.html'), 'utf8');
    expect(html).toContain('hostile/&lt;b&gt;bold&lt;/b&gt;/&lt;img src=x onerror=alert(1)&gt;.txt');
    expect(html).toContain('a&amp;b&#39;&quot;.txt');
    expect(html).not.toContain('<b>bold');
    expect(html).not.toContain('<img');
  });

  it('exits 2 on usage errors: no inputs, a pattern matching nothing, an unknown format', async () => {
    const none = await runInProcess(['report'], ROOT);
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('no inputs given');
    const glob = await runInProcess(['report', 'nowhere/**/*.txt'], ROOT);
    expect(glob.status).toBe(2);
    expect(glob.stderr).toContain('nowhere/**/*.txt');
    const format = await runInProcess(['report', 'examples/archive', '-f', 'pdf'], ROOT);
    expect(format.status).toBe(2);
    expect(format.stderr).toContain("'pdf'");
  });

  it('says which inputs it was made from and when; SOURCE_DATE_EPOCH fixes the date, so the page can be made again byte for byte', async () => {
    const env = { NO_COLOR: '1', SOURCE_DATE_EPOCH: '1767225600' };
    const first = await runCli(['report', 'examples/archive', '--year', '2021'], { cwd: ROOT, env });
    const again = await runCli(['report', 'examples/archive', '--year', '2021'], { cwd: ROOT, env });
    expect(first.status).toBe(0);
    expect(first.stdout).toBe(again.stdout);
    expect(first.stdout).toContain('12</span> inputs from <code>examples/archive</code> with <code>--year 2021</code>');
    expect(first.stdout).toContain('Made 2026-01-01 00:00:00 UTC by kcna-parse ');
    const json = await runCli(['report', 'examples/archive', '-f', 'json'], { cwd: ROOT, env });
    expect(JSON.parse(json.stdout).run).toEqual({ inputs: ['examples/archive'], moreInputs: 0, year: null, maxBytes: 16 * 1024 * 1024, createdAt: '2026-01-01T00:00:00Z' });
  });

  it('exits 1 when the report cannot be written, and leaves no file', async () => {
    const target = path.join(scratch, 'no-such-dir', 'report.html');
    const result = await runInProcess(['report', 'examples/archive', '-o', target], ROOT);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`cannot write ${target}`);
    expect(existsSync(path.dirname(target))).toBe(false);
  });

  it('keeps ECharts and the page renderer out of the bundle every command loads', () => {
    const dist = path.join(ROOT, 'dist');
    const bundle = readFileSync(path.join(dist, 'cli.mjs'), 'utf8');
    expect(bundle).not.toContain('missing articles (teasers)');
    expect(bundle).not.toContain('import("echarts');
    // ECharts is imported from the installed dependency (its single-file build), on demand, and not copied into dist/.
    const chunks = readdirSync(dist).filter((name) => /^cli-.*\.mjs$/.test(name));
    const importers = chunks.filter((name) => /import\(\s*["']echarts\/dist\/echarts\.esm\.min["']\s*\)/.test(readFileSync(path.join(dist, name), 'utf8')));
    expect(importers).toHaveLength(1);
    expect(readFileSync(path.join(dist, importers[0]!), 'utf8')).toContain('missing articles (teasers)');
    // zrender's SVG painter, which ECharts renders with (it writes dominant-baseline on every label), is nowhere in dist/.
    for (const name of [...chunks, 'cli.mjs']) expect(readFileSync(path.join(dist, name), 'utf8')).not.toContain('dominant-baseline');
  });
});
