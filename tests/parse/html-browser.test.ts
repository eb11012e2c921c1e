/**
 * What the tool reads of a web page is what a browser shows: for every HTML fixture, and for a set
 * of small pages each exercising one layout rule, the blocks the HTML front end reads
 * (src/parse/html/dom.ts) against `document.body.innerText` in headless Chromium (the system's
 * /usr/bin/chromium, driven by playwright-core, as the report's browser test does):
 * - the same words in the same order (whitespace normalised: runs of spaces, tabs, line breaks and
 *   no-break spaces as one space);
 * - every line break the browser shows is a block boundary of ours (a table row's cells, which
 *   the browser puts on one line with tabs, are blocks of their own here: that direction is free);
 * - a blank line stands above a block exactly where one stands in the browser's text.
 * Pages are opened from disk with scripts on and every network request refused; the Wayback
 * Machine's toolbar is taken out of the browser's page, as the reader skips it. Without Chromium
 * the tests are skipped with the reason printed, except under CI (process.env.CI), where they fail.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeHtml } from '../../src/parse/html/charset.js';
import { readHtmlText, type HtmlBlock } from '../../src/parse/html/dom.js';
import { listHtmlFixtures } from '../helpers/fixtures.js';

const CHROMIUM = '/usr/bin/chromium';
const missing = existsSync(CHROMIUM) ? null : `${CHROMIUM} not found (install Debian's chromium package, as .ci/run does)`;
if (missing && process.env['CI']) throw new Error(`browser tests cannot run under CI: ${missing}`);
if (missing) console.warn(`skipping the HTML reader's browser tests: ${missing}`);

let browser: Browser;
let page: Page;
const scratch = mkdtempSync(path.join(tmpdir(), 'kcna-parse-html-browser-'));

beforeAll(async () => {
  if (missing) return;
  const { chromium } = await import('playwright-core');
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  page = await browser.newPage();
  await page.route('**/*', (route) => (route.request().url().startsWith('file:') ? route.continue() : route.abort()));
});

afterAll(async () => {
  await browser?.close();
  rmSync(scratch, { recursive: true, force: true });
});

const normalise = (text: string) => text.replace(/[\s\u00a0]+/gu, ' ').trim();

/**
 * The browser's text of a page on disk. The Wayback Machine's toolbar, which the reader skips by
 * design (it is the archive's, not the page's), is taken out first: every node between its
 * BEGIN and END WAYBACK TOOLBAR INSERT comments.
 */
async function innerText(file: string): Promise<string> {
  await page.goto(pathToFileURL(file).href);
  // A script's text: the test is compiled without the DOM's types.
  return page.evaluate<string>(`(() => {
    const walker = document.createTreeWalker(document.documentElement, NodeFilter.SHOW_COMMENT);
    let begin = null;
    for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
      const text = (node.nodeValue || '').trim();
      if (text === 'BEGIN WAYBACK TOOLBAR INSERT') begin = node;
      else if (text === 'END WAYBACK TOOLBAR INSERT' && begin !== null && begin.parentNode === node.parentNode) {
        const range = document.createRange();
        range.setStartAfter(begin);
        range.setEndBefore(node);
        range.deleteContents();
        begin = null;
      }
    }
    return document.body ? document.body.innerText : '';
  })()`);
}

/** How our blocks differ from the browser's lines: [] when they agree. */
function differences(inner: string, blocks: readonly HtmlBlock[]): string[] {
  const ours = normalise(blocks.map((block) => block.text).join('\n'));
  const theirs = normalise(inner);
  if (ours !== theirs) {
    let at = 0;
    while (at < ours.length && ours[at] === theirs[at]) at++;
    return [`text differs at ${at}: browser ${JSON.stringify(theirs.slice(Math.max(0, at - 40), at + 60))}, ours ${JSON.stringify(ours.slice(Math.max(0, at - 40), at + 60))}`];
  }
  const problems: string[] = [];
  let k = 0;
  let blank = true;
  for (const raw of inner.split('\n')) {
    const line = normalise(raw);
    if (line === '') {
      blank = true;
      continue;
    }
    const start = k;
    let joined = '';
    while (k < blocks.length && joined.length < line.length) {
      joined = joined === '' ? normalise(blocks[k]!.text) : `${joined} ${normalise(blocks[k]!.text)}`;
      k++;
    }
    if (joined !== line) {
      problems.push(`the browser's line ${JSON.stringify(line.slice(0, 60))} is not whole blocks of ours (${JSON.stringify(joined.slice(0, 60))})`);
      break;
    }
    if (start > 0 && blocks[start]!.gap !== blank) problems.push(`${blank ? 'a' : 'no'} blank line above ${JSON.stringify(line.slice(0, 50))} in the browser, ${blocks[start]!.gap ? 'a' : 'no'} gap in ours`);
    blank = false;
  }
  return problems;
}

describe.skipIf(missing !== null)('the HTML reader against Chromium', () => {
  const fixtures = listHtmlFixtures();

  it('has web-page fixtures to compare', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(20);
  });

  it.each(fixtures.map((fixture) => [fixture.name, fixture] as const))('%s reads as the browser shows it', async (_name, fixture) => {
    const decoded = decodeHtml(fixture.input);
    let file = path.join(fixture.dir, fixture.file);
    if (decoded.overruled.length > 0) {
      // The reader overrules the page's declaration (its bytes are UTF-8 whatever its <meta> says),
      // where a browser follows it into mojibake: the browser gets the same text, with a byte order
      // mark, which wins over any declaration.
      file = path.join(scratch, `${fixture.name}.html`);
      writeFileSync(file, `\ufeff${decoded.text}`);
    }
    const blocks = readHtmlText(decoded.text).blocks;
    expect(blocks.length).toBeGreaterThan(0);
    expect(differences(await innerText(file), blocks)).toEqual([]);
  });

  /** One layout rule each: where text is hidden, joined, broken or spaced. */
  const RULES: Array<[string, string]> = [
    ['inline elements join their sentence', '<p>The <nobr><span class="fSpecCs">Kim Jong Un</span></nobr> visited a <b>farm</b>.</p>'],
    ['entities decode, &nbsp; is a space', '<p>&#8220;Quoted&#8221; &amp; &quot;plain&quot;&nbsp;&nbsp;text &lt;b&gt;</p>'],
    ['script, style, template, noscript and comments are not shown', '<p>A</p><script>var x = "hidden";</script><style>p{}</style><template><p>T</p></template><noscript>N</noscript><!-- C --><p>B</p>'],
    ['hidden and display:none elements are not shown', '<p>A</p><div hidden>H</div><div style="display: none">D</div><span style="visibility:hidden">V</span><p>B</p>'],
    ['<br> breaks a line, <br><br> leaves a blank one', '<font>Title</font><br><br>Pyongyang, March 2 (KCNA) -- First.<br>Second.<br><br>Next title'],
    ['paragraphs leave blank lines, divs do not', '<div>A</div><div>B</div><p>C</p><p>D</p><h1>E</h1><ul><li>F</li><li>G</li></ul>'],
    ['whitespace collapses across elements', '<p>  one\n\t two   <b> three </b>  four </p>'],
    ['<pre> keeps its lines', '<pre>line one\n  line two\n\nline four</pre><p>after</p>'],
    ['table rows break, cells are blocks', '<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table><p>d</p>'],
    ['nested tables', '<table><tr><td>A</td></tr><tr><td><table><tr><td>B</td></tr></table></td></tr></table><div>C</div>'],
    ['a trailing <br> in a block', '<div>A<br></div><div>B</div><div>C<br><br></div><div>D</div>'],
    ['images and fields between blocks', '<div>A</div><div><img src="x.png" alt="alt"> <img src="y.png"></div><div>B</div><form><input type="text"> <button><i></i></button></form><div>C</div>'],
    ['a lone no-break space line', '<div>A</div><div>&nbsp;</div><div>B</div><p>&nbsp;</p><p>C</p>'],
    ['select options and button text show', '<div>A</div><select><option>One</option><option>Two</option></select><button>Go</button><div>B</div>'],
    ['a stray <htm> and unclosed elements', '<body><htm><table border=1><tr><td><b>calendar&gt;&gt;</b><b>December</b> <b>3.</b><tr><td>Title<tr><td>Body text'],
    ['misnested formatting', '<p><b>bold <i>both</b> italic</i> plain</p><p>next</p>'],
    ['a <br /> inside a headline link', '<div class="s-i-text"><a href="#">First half<br />second half</a></div><p>After.</p>'],
  ];

  it.each(RULES)('%s', async (name, html) => {
    const file = path.join(scratch, `${name.replace(/[^a-z0-9]+/giu, '-')}.html`);
    writeFileSync(file, `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>${html}</body></html>`);
    const blocks = readHtmlText(decodeHtml(Buffer.from(`<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>${html}</body></html>`)).text).blocks;
    expect(differences(await innerText(file), blocks)).toEqual([]);
  });
});
