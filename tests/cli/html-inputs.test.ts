/**
 * Saved web pages as inputs of the command line: folder walks take their names (.html, .htm,
 * .xhtml and wget's .kcmsf, in any case) beside .txt; a page is read as one by its bytes whatever
 * its name; --out-dir puts the format's extension in place of the page's; a page of a known site
 * that holds no article fails alone, naming what it is, and the batch goes on.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/in-process.js';
import { ROOT, fixture, makeWorkspace, putFile, runCli } from './helpers.js';

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = makeWorkspace()));
afterEach(() => cleanup());

const page = (name: string) => readFileSync(path.join(ROOT, 'fixtures', name, 'input.html'));
const put = (relative: string, bytes: Buffer) => void putFile(dir, relative, bytes);

describe('web pages on the command line', () => {
  it('walks folders for saved pages by their names, in any case, beside text captures', async () => {
    put('site/a.html', page('html-kcna-kp-article'));
    put('site/b.HTM', page('html-kcna-kp-article-juche'));
    put('site/www.kcna.kp/en/article/q/c.kcmsf', page('html-kcna-kp-press-review'));
    put('site/d.xhtml', page('html-kcna-kp-detail'));
    put('site/e.TXT', fixture('sample'));
    put('site/f.css', Buffer.from('p { color: red }'));
    const run = await runInProcess(['site', '-f', 'ndjson', '--warnings', 'none'], { cwd: dir });
    expect(run.status, run.stderr).toBe(0);
    const records = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as { source: { path: string; format: string }; page: { layout: string } });
    expect(records.map((record) => [record.source.path, record.source.format, record.page.layout])).toEqual([
      ['site/a.html', 'html', 'kcna-kp'],
      ['site/b.HTM', 'html', 'kcna-kp'],
      ['site/d.xhtml', 'html', 'kcna-kp-2026'],
      ['site/e.TXT', 'text', 'plain'],
      ['site/www.kcna.kp/en/article/q/c.kcmsf', 'html', 'kcna-kp'],
    ]);
  });

  it('reads a page as a page by its bytes, whatever its name', async () => {
    put('saved.txt', page('html-kcnawatch-kcna-kp'));
    const run = await runInProcess(['saved.txt', '--warnings', 'none'], { cwd: dir });
    expect(run.status, run.stderr).toBe(0);
    const document = JSON.parse(run.stdout) as { source: { format: string; encodingSource: string }; page: { layout: string; url: string }; lead: { title: string } };
    expect(document.source).toMatchObject({ format: 'html', encodingSource: 'meta' });
    expect(document.page).toMatchObject({ layout: 'kcnawatch-2024', url: 'https://kcnawatch.org/newstream/1765780270-538917264/premier-inspects-hungnam-fertilizer-complex/' });
    expect(document.lead.title).toBe('Premier Inspects Hungnam Fertilizer Complex');
  });

  it('gives one output per page under --out-dir, with the format extension in place of the page one', async () => {
    put('site/2025/12/a.html', page('html-kcna-kp-article'));
    put('site/2026/q/b.kcmsf', page('html-kcna-kp-article-juche'));
    const run = await runInProcess(['site', '--out-dir', 'out', '-f', 'json', '--warnings', 'none'], { cwd: dir });
    expect(run.status, run.stderr).toBe(0);
    expect(readdirSync(path.join(dir, 'out'), { recursive: true }).map(String).sort()).toEqual(['2025', '2025/12', '2025/12/a.json', '2026', '2026/q', '2026/q/b.json']);
  });

  it('fails a page that holds no article alone, naming what it is, and converts the rest', async () => {
    put('site/list.html', page('html-kcna-kp-category'));
    put('site/story.html', page('html-kcna-kp-article'));
    const run = await runInProcess(['site', '-f', 'ndjson', '--warnings', 'none'], { cwd: dir });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('site/list.html: error NOT_A_DISPATCH a kcna.kp category list, no article');
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
  });

  it('refuses an -o inside a walked folder that the walk would take as a page', async () => {
    put('site/a.html', page('html-kcna-kp-article'));
    const run = await runInProcess(['site', '-o', 'site/out.html'], { cwd: dir });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/site\/out\.html lies in the folder .*\/site this run reads, and the walk takes files named like it: it would be read as an input; write it outside the folder/);
  });

  it('converts pages with the built program, on this thread and on worker threads, to the same bytes', async () => {
    const names = ['html-kcna-kp-article', 'html-kcnawatch-kcna-kp', 'html-kcna-co-jp-korean-euc-kr', 'html-rodong-old', 'html-wayback-kcna-kp'];
    names.forEach((name, i) => put(`site/${i}.html`, page(name)));
    put('site/9.txt', fixture('sample'));
    const here = await runCli(['site', '-f', 'ndjson', '--jobs', '1'], { cwd: dir });
    const workers = await runCli(['site', '-f', 'ndjson', '--jobs', '2'], { cwd: dir });
    expect(here.status, here.stderr).toBe(0);
    expect(workers.status, workers.stderr).toBe(0);
    expect(workers.stdout).toBe(here.stdout);
    const records = here.stdout.trim().split('\n').map((line) => JSON.parse(line) as { source: { format: string; encoding: string } });
    expect(records.map((record) => `${record.source.format} ${record.source.encoding}`)).toEqual([
      'html utf-8',
      'html utf-8',
      ...Array<string>(9).fill('html euc-kr'),
      'html utf-8',
      'html utf-8',
      'text utf-8',
    ]);
  });
});
