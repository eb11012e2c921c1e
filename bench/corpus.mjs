#!/usr/bin/env node
/**
 * A deterministic corpus of synthetic KCNA dumps for the benchmark: an archive tree
 * YYYY/MM/YYYY-MM-DD-NNN.txt, recombined from the real lines in fixtures/*\/input.txt (lead
 * paragraphs, teasers, titles, places), with the variations real archives have: titles, dateline
 * spellings and separators, Juche stamps, other teaser sources, CRLF, BOMs and a few broken files.
 *
 * File i depends only on the seed and i (its own PRNG stream, twelve files a day from 2000-01-01),
 * so a smaller corpus is a prefix of a larger one and memory figures at 10k and 100k compare like
 * with like. A corpus is reused while its manifest's parameter hash matches.
 *
 *   node bench/corpus.mjs [--files 20000] [--seed 1] [--root DIR] [--force]
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const FILES_PER_DAY = 12;
const START_DAY = Date.UTC(2000, 0, 1) / 86_400_000;
const BROKEN_RATE = 0.01;

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_ROOT = path.join(os.tmpdir(), 'kcna-parse-bench');

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const ABBREVIATED = ['Jan.', 'Feb.', 'March', 'April', 'May', 'June', 'July', 'Aug.', 'Sept.', 'Oct.', 'Nov.', 'Dec.'];
const MONTH_WORD = '(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\\.?';
const DATELINE = new RegExp(`^(\\p{Lu}[\\p{L}.'’ -]*?),\\s*${MONTH_WORD}\\s+\\d{1,2}\\s*\\(KCNA\\)\\s*(?:--|—|–)\\s*(.*)$`, 'u');
const DATE_LINE = new RegExp(`^${MONTH_WORD}\\s+\\d{1,2},\\s*\\d{4}$`);
const NOT_FOUND = 'The requested URL was not found on this server.';

// ---------------------------------------------------------------- randomness (no Math.random)

/** mulberry32: small, fast, and good enough to pick lines. */
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One independent stream per file: a splitmix-style mix of the seed and the file's index. */
function fileRandom(seed, index) {
  let h = (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b) >>> 0;
  const next = mulberry32(h ^ (h >>> 16));
  return {
    next,
    chance: (p) => next() < p,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (list) => list[Math.floor(next() * list.length)],
  };
}

// ---------------------------------------------------------------- material from the fixtures

/** The fixtures' real lines, sorted into the parts of a dump. Sets keep the pools free of repeats. */
export function loadMaterial(repo = REPO) {
  const fixtures = path.join(repo, 'fixtures');
  const hash = createHash('sha256');
  const leads = new Set();
  const paragraphs = new Set();
  const teasers = new Set();
  const titles = new Set();
  const places = new Set(['Pyongyang']);
  const strict = new TextDecoder('utf-8', { fatal: true });

  for (const name of fs.readdirSync(fixtures).sort()) {
    // The layout cases are other page layouts (docs/layouts/); the corpus keeps the sample's.
    if (name.startsWith('layout-')) continue;
    const file = path.join(fixtures, name, 'input.txt');
    if (!fs.existsSync(file)) continue;
    const bytes = fs.readFileSync(file);
    hash.update(name).update(bytes);
    let text;
    try {
      text = strict.decode(bytes).replace(/^\uFEFF/, '');
    } catch {
      continue; // UTF-16 and deliberately broken fixtures hold no extra text
    }
    // A fixture with NUL bytes is damaged on purpose: its lines would put NULs in most dumps.
    if (text.includes('\0')) continue;
    const lines = text.split(/\r\n|\r|\n/).map((line) => line.trim().replace(/[ \t\u00a0]+/g, ' '));
    const leadAt = lines.findIndex((line, i) => DATELINE.test(line) && !DATE_LINE.test(lines[i + 1] ?? ''));
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      const dateline = DATELINE.exec(line);
      if (dateline) places.add(dateline[1]);
      const teaser = dateline ? dateline[2] : line;
      if (DATE_LINE.test(lines[i + 1] ?? '') && teaser.length > 40 && teaser.length < 160) teasers.add(teaser);
    }
    if (leadAt < 0) continue;
    // Before the lead: a title, unless it is page furniture starting with a date.
    for (const line of lines.slice(0, leadAt)) {
      if (line.length > 10 && line.length < 120 && !/^\p{Lu}\p{Ll}+\.? \d|^More\s/u.test(line)) titles.add(line);
    }
    const lead = DATELINE.exec(lines[leadAt])[2].replace(/\s*-0-$/, '');
    if (lead.length > 60) leads.add(lead);
    for (const line of lines.slice(leadAt + 1)) {
      if (/^More\s+From\b/.test(line) || /^www\.kcna|^\(Juche/.test(line)) break;
      const body = line.replace(/\s*-0-.*$/, '');
      if (body.length > 60 && !DATELINE.test(body)) paragraphs.add(body);
      if (/-0-/.test(line)) break;
    }
  }
  // Clauses of the real paragraphs, recombined into shorter paragraphs so leads vary in length.
  const clauses = new Set();
  for (const paragraph of [...leads, ...paragraphs]) {
    for (const clause of paragraph.split(/(?<=,) (?=\p{Ll})/u)) {
      const bare = clause.replace(/[,.]$/, '');
      if (bare.length >= 30) clauses.add(bare);
    }
  }
  // Only well-formed places: the dateline regex above is deliberately loose.
  const goodPlaces = [...places].filter((p) => /^\p{Lu}[\p{L}.'’-]*(?: \p{L}[\p{L}.'’-]*){0,3}$/u.test(p));
  return {
    hash: hash.digest('hex'),
    leads: [...leads].sort(),
    paragraphs: [...paragraphs].sort(),
    clauses: [...clauses].sort(),
    teasers: [...teasers].sort(),
    titles: [...titles].sort(),
    places: goodPlaces.sort(),
  };
}

// ---------------------------------------------------------------- one dump

function dayOf(index) {
  const d = new Date((START_DAY + Math.floor(index / FILES_PER_DAY)) * 86_400_000);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), epochDay: START_DAY + Math.floor(index / FILES_PER_DAY) };
}

function fromEpochDay(epochDay) {
  const d = new Date(epochDay * 86_400_000);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

const pad = (n, width = 2) => String(n).padStart(width, '0');

/** The relative path of file `index`: YYYY/MM/YYYY-MM-DD-NNN.txt. */
export function corpusPath(index) {
  const { year, month, day } = dayOf(index);
  return `${year}/${pad(month)}/${year}-${pad(month)}-${pad(day)}-${pad(index % FILES_PER_DAY, 3)}.txt`;
}

function datelineText(rnd, place, month, day) {
  const name = rnd.chance(0.2) ? ABBREVIATED[month - 1] : MONTHS[month - 1];
  const separator = rnd.chance(0.9) ? '--' : rnd.pick(['—', '–', '\t--\t']);
  return `${place}, ${name} ${day} (KCNA) ${separator} `.replace(/ \t/, '\t').replace(/\t /, '\t');
}

function paragraph(rnd, m) {
  if (rnd.chance(0.15)) return rnd.pick(m.paragraphs);
  const parts = [];
  for (let k = rnd.int(1, 2); k > 0; k--) parts.push(rnd.pick(m.clauses));
  const text = parts.join(', ');
  return `${text[0].toUpperCase()}${text.slice(1)}.`;
}

/** The text of dump `index` (before line endings and BOM are applied). */
function dumpLines(rnd, m, index) {
  const date = dayOf(index);
  const lines = [];
  if (rnd.chance(0.05)) lines.push(`${MONTHS[date.month - 1]} ${date.day}, ${date.year}${ABBREVIATED[date.month - 1].slice(0, 3)} ${date.day}, ${date.year}`);
  if (rnd.chance(0.3)) lines.push(rnd.pick(m.titles));

  const place = rnd.chance(0.85) ? 'Pyongyang' : rnd.pick(m.places);
  const body = [rnd.chance(0.5) ? rnd.pick(m.leads) : paragraph(rnd, m)];
  for (let k = rnd.int(5, 12) - 1; k > 0; k--) body.push(paragraph(rnd, m));
  body[0] = datelineText(rnd, place, date.month, date.day) + body[0];
  const ending = rnd.next();
  if (ending < 0.9) body[body.length - 1] += ' -0-';
  else if (ending < 0.95) body[body.length - 1] += '-0-';
  lines.push(...body);
  if (rnd.chance(0.03)) lines.push(`www.kcna.kp (Juche${date.year - 1911}.${date.month}.${date.day}.)`);

  const source = rnd.next();
  lines.push(source < 0.9 ? 'More From KCNA.kp (En)' : source < 0.97 ? 'More From KCNA.co.jp (En)' : 'More From Voice of Korea (EN)');
  // Teasers run back in time from the capture day, a few a day.
  let teaserDay = date.epochDay + rnd.int(0, 2);
  for (let t = rnd.int(10, 22); t > 0; t--) {
    if (rnd.chance(0.3)) teaserDay--;
    const d = fromEpochDay(teaserDay);
    const text = rnd.chance(0.6) ? datelineText(rnd, 'Pyongyang', d.month, d.day) + rnd.pick(m.teasers) : rnd.pick(m.teasers);
    lines.push(text);
    if (!rnd.chance(0.002)) lines.push(`${MONTHS[d.month - 1]} ${d.day}, ${d.year}`);
    if (!rnd.chance(0.003)) lines.push(text);
  }
  if (rnd.chance(0.95)) lines.push('More Articles');
  return lines;
}

/** The bytes of dump `index`. */
export function dumpBytes(m, seed, index) {
  const rnd = fileRandom(seed, index);
  if (rnd.chance(BROKEN_RATE)) {
    const kind = rnd.int(0, 4);
    if (kind === 0) return Buffer.alloc(0);
    if (kind === 1) return Buffer.from(`${NOT_FOUND}\n`);
    if (kind === 2) return Buffer.from(' \n\t\n\n');
    const full = Buffer.from(dumpLines(rnd, m, index).join('\n'));
    // A capture cut short, or one with a stray byte that is not UTF-8.
    if (kind === 3) return full.subarray(0, rnd.int(1, full.length - 1));
    full[rnd.int(0, full.length - 1)] = 0xff;
    return full;
  }
  const eol = rnd.chance(0.1) ? '\r\n' : '\n';
  const text = dumpLines(rnd, m, index).join(eol) + (rnd.chance(0.5) ? eol : '');
  return Buffer.from(rnd.chance(0.05) ? `\uFEFF${text}` : text);
}

// ---------------------------------------------------------------- the corpus on disk

/**
 * The corpus for these parameters, generated unless a complete one (its manifest written last) is
 * already there. Returns its manifest plus `dir` and whether it was made now.
 */
export function ensureCorpus({ files = 20_000, seed = 1, root = DEFAULT_ROOT, force = false, log = () => {} } = {}) {
  const material = loadMaterial();
  // This file's own text is a parameter too: any change to the generator makes a new corpus.
  const generator = createHash('sha256').update(fs.readFileSync(fileURLToPath(import.meta.url))).digest('hex');
  const params = { files, seed, generator, fixtures: material.hash };
  const hash = createHash('sha256').update(JSON.stringify(params)).digest('hex');
  const dir = path.join(root, `corpus-${files}-${hash.slice(0, 12)}`);
  const manifestFile = path.join(dir, 'manifest.json');
  if (!force && fs.existsSync(manifestFile)) {
    const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
    if (manifest.hash === hash) return { ...manifest, dir, created: false };
  }

  log(`generating ${files} dumps in ${dir} ...`);
  const started = performance.now();
  // Built aside and renamed into place, so an interrupted run never leaves a corpus that looks whole.
  const building = `${dir}.building-${process.pid}`;
  fs.rmSync(building, { recursive: true, force: true });
  let bytes = 0;
  let madeDir = '';
  for (let i = 0; i < files; i++) {
    const file = path.join(building, corpusPath(i));
    const parent = path.dirname(file);
    if (parent !== madeDir) fs.mkdirSync((madeDir = parent), { recursive: true });
    const content = dumpBytes(material, seed, i);
    fs.writeFileSync(file, content);
    bytes += content.length;
  }
  const manifest = { hash, params, files, bytes, generatedAt: new Date().toISOString() };
  fs.writeFileSync(path.join(building, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.renameSync(building, dir);
  // Corpora of the same size from older parameters would only fill the disk.
  for (const stale of fs.readdirSync(root)) {
    if (stale.startsWith(`corpus-${files}-`) && !stale.includes('.building-') && path.join(root, stale) !== dir) {
      fs.rmSync(path.join(root, stale), { recursive: true, force: true });
    }
  }
  log(`  ${files} files, ${(bytes / 1e6).toFixed(1)} MB in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return { ...manifest, dir, created: true };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      files: { type: 'string', default: '20000' },
      seed: { type: 'string', default: '1' },
      root: { type: 'string', default: DEFAULT_ROOT },
      force: { type: 'boolean', default: false },
    },
  });
  const corpus = ensureCorpus({
    files: Number(values.files),
    seed: Number(values.seed),
    root: path.resolve(values.root),
    force: values.force,
    log: (line) => console.error(line),
  });
  console.log(corpus.dir);
}
