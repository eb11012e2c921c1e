#!/usr/bin/env node
/**
 * A deterministic corpus of saved web pages for the benchmark: the same kind of dispatches as
 * bench/corpus.mjs (recombined from the fixtures' real lines, one archive day per twelve files),
 * each rendered into one of the sites' templates by scripts/lib/html-templates.mjs with every
 * variation a browser does not show turned on (furniture, attribute quoting, character
 * references at the rate pages use them, <p> or <br> paragraphs, whitespace, tag case, left-out
 * end tags, CRLF, windows-1252 for kcna.co.jp), and, beside each page, the text a browser shows of it: the same
 * dispatches as text captures.
 *
 *   html/YYYY/MM/YYYY-MM-DD-NNN.html   the page
 *   text/YYYY/MM/YYYY-MM-DD-NNN.txt    the text a browser shows of it
 *
 * Sites, by share: kcna.kp /article/q/ 35%, kcnawatch 2024 (with its sidebar of teasers) 30%,
 * kcna.kp 2026 10%, kcna.co.jp KNS 10%, Rodong Sinmun 10%, kcna.co.jp daily (several stories) 5%.
 * Page i depends only on the seed and i, so a smaller corpus is a prefix of a larger one.
 *
 *   node bench/html-corpus.mjs [--files 20000] [--seed 1] [--root DIR]
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { randomOptions, renderPageWithText, seededRandom } from '../scripts/lib/html-templates.mjs';
import { DEFAULT_ROOT, loadMaterial } from './corpus.mjs';

const FILES_PER_DAY = 12;
const START_DAY = Date.UTC(2000, 0, 1) / 86_400_000;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const SITES = [
  ['kcna-kp', 0.35],
  ['kcnawatch-2024', 0.3],
  ['kcna-kp-2026', 0.1],
  ['kcna-co-jp-kns', 0.1],
  ['rodong-new', 0.1],
  ['kcna-co-jp-daily', 0.05],
];

const pad = (n, width = 2) => String(n).padStart(width, '0');

function dayOf(epochDay) {
  const d = new Date(epochDay * 86_400_000);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** The page's relative path without its extension: YYYY/MM/YYYY-MM-DD-NNN. */
export function pagePath(index) {
  const { year, month, day } = dayOf(START_DAY + Math.floor(index / FILES_PER_DAY));
  return `${year}/${pad(month)}/${year}-${pad(month)}-${pad(day)}-${pad(index % FILES_PER_DAY, 3)}`;
}

function tools(random) {
  return {
    chance: (p) => random() < p,
    int: (lo, hi) => lo + Math.floor(random() * (hi - lo + 1)),
    pick: (list) => list[Math.floor(random() * list.length)],
  };
}

/** A story's parts: title, dateline, paragraphs, end marker. */
function story(rnd, m, date, { title = true } = {}) {
  const paragraphs = [rnd.chance(0.5) ? rnd.pick(m.leads) : sentence(rnd, m)];
  for (let k = rnd.int(5, 12) - 1; k > 0; k--) paragraphs.push(sentence(rnd, m));
  const place = rnd.chance(0.85) ? 'Pyongyang' : rnd.pick(m.places);
  return {
    title: title ? rnd.pick(m.titles) : null,
    dateline: `${place}, ${MONTHS[date.month - 1]} ${date.day} (KCNA) --`,
    paragraphs,
    endMarker: '-0-',
  };
}

function sentence(rnd, m) {
  if (rnd.chance(0.15)) return rnd.pick(m.paragraphs);
  const parts = [];
  for (let k = rnd.int(1, 2); k > 0; k--) parts.push(rnd.pick(m.clauses));
  const text = parts.join(', ');
  return `${text[0].toUpperCase()}${text.slice(1)}.`;
}

/** Page `index`: its site, and its HTML bytes and text. */
export function renderIndex(m, seed, index) {
  const random = seededRandom((seed * 1_000_003 + index * 7919) >>> 0);
  const rnd = tools(random);
  const epochDay = START_DAY + Math.floor(index / FILES_PER_DAY);
  const date = dayOf(epochDay);
  let x = random();
  let site = SITES[0][0];
  for (const [name, share] of SITES) {
    if (x < share) {
      site = name;
      break;
    }
    x -= share;
  }
  // Every variation the property test uses, but character references at the rate saved pages use
  // them (curly quotes, &nbsp;, &amp;: a few per page), not at its stress rates (up to every
  // character), which no site writes.
  const options = { ...randomOptions(random), random };
  options.entities = rnd.pick([0, 0, 0.01, 0.03]);
  let page;
  switch (site) {
    case 'kcna-kp':
      page = { ...story(rnd, m, date), stamp: `www.kcna.kp (${date.year}.${date.month}.${date.day}.)` };
      break;
    case 'kcna-kp-2026':
      page = story(rnd, m, date);
      break;
    case 'kcnawatch-2024': {
      const entries = [];
      let day = epochDay + rnd.int(0, 2);
      for (let t = rnd.int(3, 10); t > 0; t--) {
        if (rnd.chance(0.3)) day--;
        const d = dayOf(day);
        const text = rnd.pick(m.teasers);
        entries.push({ title: null, text: rnd.chance(0.6) ? `Pyongyang, ${MONTHS[d.month - 1]} ${d.day} (KCNA) -- ${text}` : text, date: d });
      }
      const captured = dayOf(epochDay + rnd.int(0, 3));
      page = {
        ...story(rnd, m, date),
        stamp: `www.kcna.kp (${date.year}.${date.month}.${date.day}.)`,
        capturedOn: captured,
        mirror: 'KCNA.kp (En)',
        pageDate: dayOf(epochDay + 1),
        teasers: { heading: 'More From KCNA.kp (En)', entries, closing: true },
      };
      break;
    }
    case 'kcna-co-jp-kns':
      page = { ...story(rnd, m, date), endMarker: null, calendar: dayOf(epochDay + 1), variant: rnd.chance(0.5) ? 2010 : 2018 };
      break;
    case 'rodong-new':
      page = { title: rnd.pick(m.titles), paragraphs: story(rnd, m, date).paragraphs, date };
      break;
    default: {
      const stories = [];
      for (let k = rnd.int(2, 6); k > 0; k--) stories.push({ ...story(rnd, m, date), endMarker: null });
      page = { era: rnd.chance(0.5) ? 1999 : 2003, stories, date: { month: date.month, day: date.day } };
    }
  }
  const rendered = renderPageWithText(site, page, options);
  return { site, bytes: rendered.bytes, text: rendered.text };
}

/**
 * The corpus for these parameters, generated unless a complete one (its manifest written last) is
 * already there. Returns { dir, html, text, files, sites }.
 */
export function ensureHtmlCorpus({ files = 20_000, seed = 1, root = DEFAULT_ROOT, log = () => {} } = {}) {
  const material = loadMaterial();
  const here = fileURLToPath(import.meta.url);
  const generator = createHash('sha256')
    .update(fs.readFileSync(here))
    .update(fs.readFileSync(path.join(path.dirname(here), '..', 'scripts', 'lib', 'html-templates.mjs')))
    .digest('hex');
  const key = createHash('sha256').update(JSON.stringify({ files, seed, material: material.hash, generator })).digest('hex').slice(0, 12);
  const dir = path.join(root, `html-${files}-${key}`);
  const manifestFile = path.join(dir, 'manifest.json');
  if (fs.existsSync(manifestFile)) return { dir, html: path.join(dir, 'html'), text: path.join(dir, 'text'), ...JSON.parse(fs.readFileSync(manifestFile, 'utf8')) };
  fs.rmSync(dir, { recursive: true, force: true });
  const sites = {};
  let bytes = 0;
  for (let i = 0; i < files; i++) {
    const page = renderIndex(material, seed, i);
    const relative = pagePath(i);
    for (const [kind, extension, content] of [['html', '.html', page.bytes], ['text', '.txt', `${page.text}\n`]]) {
      const file = path.join(dir, kind, `${relative}${extension}`);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, content);
    }
    sites[page.site] = (sites[page.site] ?? 0) + 1;
    bytes += page.bytes.length;
    if ((i + 1) % 5000 === 0) log(`  ${i + 1} of ${files} pages`);
  }
  const manifest = { files, seed, bytes, sites };
  fs.writeFileSync(manifestFile, JSON.stringify(manifest, null, 2));
  return { dir, html: path.join(dir, 'html'), text: path.join(dir, 'text'), ...manifest };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const { values } = parseArgs({ options: { files: { type: 'string', default: '20000' }, seed: { type: 'string', default: '1' }, root: { type: 'string', default: DEFAULT_ROOT } } });
  const corpus = ensureHtmlCorpus({ files: Number(values.files), seed: Number(values.seed), root: values.root, log: (line) => process.stderr.write(`${line}\n`) });
  process.stdout.write(`${JSON.stringify({ html: corpus.html, text: corpus.text, files: corpus.files, bytes: corpus.bytes, sites: corpus.sites })}\n`);
}
