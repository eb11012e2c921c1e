/**
 * A seeded, bounded fuzz run of the main command: random folders of random files (fixture dumps,
 * mutated dumps, dump-like soup, random bytes; saved web pages, mutated web pages and generated
 * markup) under hostile names (line breaks, ESC, spaces,
 * leading dashes, glob characters, unicode, very long), given as files, folders, glob patterns,
 * '-' or nonsense, with random sets of the real options. Whatever the input, a run
 *   - ends with status 0, 1 or 2;
 *   - prints no internal error and no stack trace;
 *   - changes nothing in its folder but the outputs it was given: the -o file, the --report file,
 *     and files with the format's extension below --out-dir (never an input, never a file of
 *     another extension, nothing removed); a usage error (status 2) writes no file at all;
 *   - leaves no temporary (*.tmp) file.
 * Most runs go through run() in this process (the same code as the binary, much faster); a few go
 * through the built binary, which also shows what main() adds (the internal-error handler, exit).
 *
 * Bounded: a fixed number of runs and a time budget. Seeded: a fixed seed by default, so CI runs
 * are repeatable. On failure fast-check prints the seed, the path and the shrunk scenario; replay:
 *   FC_SEED=<seed> FC_PATH=<path> npx vitest run tests/fuzz
 * and search further with a new seed and more time:
 *   FC_SEED=$RANDOM KCNA_FUZZ_RUNS=2000 KCNA_FUZZ_SECONDS=600 npx vitest run tests/fuzz
 */
import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDispatch } from '../../src/parse/parse.js';
import { encode, mutate, mutation, nastyBytes, nastyString, soupBytes, soupText } from '../helpers/arbitraries.js';
import { listFixtures, listHtmlFixtures } from '../helpers/fixtures.js';
import { runInProcess } from '../helpers/in-process.js';
import { runCli } from '../cli/helpers.js';

const SEED = Number(process.env['FC_SEED'] ?? 20_261_201);
const PATH = process.env['FC_PATH'];
const RUNS = Number(process.env['KCNA_FUZZ_RUNS'] ?? 200);
const SECONDS = Number(process.env['KCNA_FUZZ_SECONDS'] ?? 25);

/** The extension each format's outputs get below --out-dir (the first of its module's, src/emit/formats/). */
const EXTENSIONS: Record<string, string> = { json: '.json', ndjson: '.ndjson', csv: '.csv', ninjs: '.ninjs.json' };
/** Extensions a planted input never ends with, so that a changed file of this kind is an output. */
const OUTPUT_LIKE = /\.(json|ndjson|jsonl|csv|tmp)$/i;

// ---------------------------------------------------------------------------------------------
// Scenarios

const FIXTURES = listFixtures().map((fixture) => fixture.input);
const HTML_FIXTURES = listHtmlFixtures().map((fixture) => fixture.input);

// Web pages: the saved pages of fixtures/html-*, mutated where markup breaks readers, and pages
// generated from the elements and classes the site templates look for, with dump-like text.

/**
 * Markup that breaks readers, to splice into a page: raw-text elements left open (the rest of the
 * file is then script, comment or title), tags cut short, charset declarations a page may carry
 * wrongly, references a browser replaces, NULs, nesting, the saving tools' comments, and the
 * classes and text the templates key on.
 */
const HOSTILE_MARKUP = [
  '<script>', '<style>', '<!--', '<title>', '<textarea>', '<plaintext>', '<xmp>', '<noscript>', '<template>', '<iframe>', '<![CDATA[',
  '<svg><title>x', '<math>', '<pre>', '</pre>', '</p>', '</div></div></table>', '</body></html>', '<p', '<s', '<t', '<a href="', '<!-', '<!DOCTYPE',
  '<br>'.repeat(20), '<div>'.repeat(200), '<b>'.repeat(200), '<table><tr><td>'.repeat(40), '<font><p>'.repeat(40), '</div>'.repeat(50), '<li>'.repeat(20),
  '&#0;', '&#x110000;', '&#xD800;', '&#99999999999;', '&#150;', '&amp', '&notit;', '&nbsp;'.repeat(10), '&', '<', '>', '\0', '\r', '\u2028',
  '<meta charset="bogus">', '<meta charset="iso-2022-kr">', '<meta charset="utf-16le">', '<meta charset="euc-kr">', '<meta charset="x-user-defined">',
  '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">', '<base href="/web/20200101000000/https://www.kcna.kp/">',
  '<link rel="canonical" href="https://www.kcna.kp/en/article/q/0a.kcmsf">', '<meta property="og:url" content="https://kcnawatch.org/newstream/1/">',
  '<!-- saved from url=(0040)https://www.kcna.kp/en/article/q/0a.kcmsf -->', '<!-- BEGIN WAYBACK TOOLBAR INSERT -->', '<!-- END WAYBACK TOOLBAR INSERT -->',
  '<script>__wm.wombat("https://www.kcna.kp/","20240528031522","https:","/web","/_static/")</script>', '<div hidden>', '<div style="display:none">',
  '<a name="e091401">', '<div class="article-main-title">', '<div class="content-wrapper">', '<span class="publish-time">www.kcna.kp (Juche113.2.29.)</span>',
  '<div class="article-content">', '<div class="article-desc">', '<p class="TextP">', '<div class="NewsDate">2023.10.9.</div>', '<td>calendar>>March 5. 2011 Juche 100</td>',
  'Pyongyang, March 23 (KCNA) -- ', ' -0-', '(평양 5월 20일발 조선중앙통신)', 'More From KCNA.kp (En)', 'March 16, 2026',
];
/** Bytes that are no text: invalid UTF-8, windows-1252 quotes, an EUC-KR pair, byte order marks. */
const HOSTILE_BYTES = [[0xff], [0x93], [0x94, 0x92], [0xc3], [0xe2, 0x80], [0xb0, 0xa1], [0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xed, 0xa0, 0x80], [0x00, 0x00]];

type HtmlMutation =
  | { kind: 'splice'; at: number; piece: string | readonly number[] }
  | { kind: 'cut'; at: number }
  | { kind: 'drop'; at: number; length: number }
  | { kind: 'repeat'; at: number; length: number; times: number }
  | { kind: 'bom'; bom: readonly number[] };

const offset = fc.nat({ max: 100_000 });
const htmlMutation: fc.Arbitrary<HtmlMutation> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('splice' as const), at: offset, piece: fc.constantFrom<string | readonly number[]>(...HOSTILE_MARKUP, ...HOSTILE_BYTES) }), weight: 6 },
  { arbitrary: fc.record({ kind: fc.constant('splice' as const), at: offset, piece: nastyString.map((text) => text.slice(0, 20)) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('cut' as const), at: offset }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('drop' as const), at: offset, length: fc.integer({ min: 1, max: 400 }) }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('repeat' as const), at: offset, length: fc.integer({ min: 1, max: 200 }), times: fc.integer({ min: 2, max: 50 }) }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('bom' as const), bom: fc.constantFrom([0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff]) }), weight: 1 },
);

/** Applies byte mutations to a page (offsets wrap around its length): no decoding, so any charset stays as it is, or breaks. */
function mutateHtml(page: Uint8Array, mutations: readonly HtmlMutation[]): Uint8Array {
  let bytes = Buffer.from(page);
  for (const m of mutations) {
    const at = m.kind === 'bom' ? 0 : m.at % (bytes.length + 1);
    if (m.kind === 'splice') bytes = Buffer.concat([bytes.subarray(0, at), typeof m.piece === 'string' ? Buffer.from(m.piece, 'utf8') : Uint8Array.from(m.piece), bytes.subarray(at)]);
    else if (m.kind === 'cut') bytes = bytes.subarray(0, at);
    else if (m.kind === 'drop') bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + m.length)]);
    else if (m.kind === 'repeat') bytes = Buffer.concat([bytes.subarray(0, at), ...Array.from({ length: m.times }, () => bytes.subarray(at, at + m.length)), bytes.subarray(at)]);
    else bytes = Buffer.concat([Uint8Array.from(m.bom), bytes]);
  }
  return bytes;
}

const TAGS = ['div', 'div', 'p', 'p', 'span', 'b', 'font', 'nobr', 'strong', 'a', 'h1', 'h5', 'article', 'table', 'tr', 'td', 'ul', 'li', 'pre', 'center', 'blockquote', 'nav', 'form', 'noscript', 'script', 'style'];
const VOID_TAGS = ['br', 'br', 'hr', 'img src="x.png"', 'input type="hidden" value="x"', 'meta charset="euc-kr"'];
/** The classes and ids the site templates key on (src/parse/html/sites/), and some they do not. */
const CLASSES = [
  'article-main-title', 'content-wrapper', 'article-content-body', 'publish-time', 'media-icon', 'article-link', 'menu-block', 'gallery_button', 'text-center',
  'article-content', 'article-desc', 'articled-date', 'article-title', 'news_Title', 'NewsDate', 'ArticleContent', 'ArticleMenuDate', 'TextP', 'TitleP', 'WriterP',
  'top_date', 'block etc', 'blcgb_content', 'fSpecCs', 'x', 'menu',
];
const TITLES = ['KCNA | Article | A Title', '조선중앙통신 | 기사 | 제목', 'A Title | KCNA Watch', 'KCNA', 'Rodong Sinmun', '우리민족끼리', 'DPRK Today', 'Untitled', ''];
/** Lines of dump-like text (datelines, stamps, end markers, teaser headings...) to put in elements. */
const textPiece = soupText.map((text) => text.split(/\r\n|\r|\n/u).find((line) => line.trim() !== '') ?? text);

const { markup } = fc.letrec<{ markup: string; element: string }>((tie) => ({
  markup: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { arbitrary: textPiece, weight: 3 },
    { arbitrary: tie('element'), weight: 3 },
    { arbitrary: fc.constantFrom(...VOID_TAGS).map((tag) => `<${tag}>`), weight: 1 },
    { arbitrary: fc.constantFrom(...HOSTILE_MARKUP), weight: 1 },
  ),
  element: fc
    .record({
      tag: fc.constantFrom(...TAGS),
      cls: fc.option(fc.constantFrom(...CLASSES), { nil: null }),
      id: fc.option(fc.constantFrom('article-date', 'main', 'content'), { nil: null, freq: 8 }),
      children: fc.array(tie('markup'), { maxLength: 5 }),
      closed: fc.boolean(),
    })
    .map(({ tag, cls, id, children, closed }) => `<${tag}${cls === null ? '' : ` class="${cls}"`}${id === null ? '' : ` id="${id}"`}>${children.join('\n')}${closed ? `</${tag}>` : ''}`),
}));

/** A generated page: a doctype or not, a charset declaration or not, a title, generated markup, in UTF-8, UTF-16 (with a BOM) or bytes taken one per character. */
const htmlPage: fc.Arbitrary<Uint8Array> = fc
  .record({
    doctype: fc.constantFrom('<!DOCTYPE html>\n', '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN">\n', '<?xml version="1.0"?>\n<!DOCTYPE html>\n', ''),
    meta: fc.constantFrom('', '<meta charset="utf-8">', '<meta http-equiv="Content-Type" content="text/html; charset=euc-kr">', '<meta charset="bogus">', '<meta charset="utf-16">'),
    title: fc.constantFrom(...TITLES),
    body: fc.array(markup, { minLength: 1, maxLength: 8 }),
    encoding: fc.constantFrom('utf-8', 'utf-8', 'utf-8', 'utf-16le', 'utf-16be', 'latin1'),
  })
  .map(({ doctype, meta, title, body, encoding }) => {
    const page = `${doctype}<html><head>${meta}<title>${title}</title></head>\n<body>\n${body.join('\n')}\n</body></html>\n`;
    return encoding === 'latin1' ? Buffer.from(page, 'latin1') : encode(page, encoding as 'utf-8' | 'utf-16le' | 'utf-16be', encoding !== 'utf-8');
  });

const content: fc.Arbitrary<Uint8Array> = fc.oneof(
  { arbitrary: fc.constantFrom(...FIXTURES), weight: 4 },
  { arbitrary: fc.tuple(fc.constantFrom(...FIXTURES), fc.array(mutation, { minLength: 1, maxLength: 4 })).map(([bytes, ms]) => mutate(bytes, ms)), weight: 4 },
  { arbitrary: soupBytes, weight: 2 },
  { arbitrary: nastyBytes, weight: 1 },
  { arbitrary: fc.constant(new Uint8Array(0)), weight: 1 },
  { arbitrary: fc.constantFrom(...HTML_FIXTURES), weight: 2 },
  { arbitrary: fc.tuple(fc.constantFrom(...HTML_FIXTURES), fc.array(htmlMutation, { minLength: 1, maxLength: 4 })).map(([bytes, ms]) => mutateHtml(bytes, ms)), weight: 3 },
  { arbitrary: htmlPage, weight: 2 },
);

const NAME_PIECES = [
  'a', 'dump', 'd e', ' lead', 'trail ', '-x', '--help', '-o', '--', 'line\nbreak', 'cr\rhere', '\u001b[31mred\u001b[0m', '\u001b]0;title\u0007',
  'tab\there', 'ü', '日本語', '한', '𝔸', '\u202etxt.exe', '\u200b', '*', '?', '[ab]', '{a,b}', '!(x)', "'", '"', '\\', '$HOME', '%s', '.hidden',
  'x: error FAKE planted', 'é\u0301', 'stdin',
];
const namePiece = fc.oneof(
  { arbitrary: fc.constantFrom(...NAME_PIECES), weight: 3 },
  { arbitrary: fc.string({ unit: fc.constantFrom('a', 'Z', '0', ' ', '-', '.', '\n', '\u001b', 'ñ', '語'), minLength: 1, maxLength: 6 }), weight: 1 },
);

/** A file name Linux accepts (no '/', no NUL, at most 255 bytes), never '.' or '..', never output-like. */
function fileName(pieces: string[], extension: string, long: boolean): string {
  let name = pieces.join('').replaceAll('/', '_').replaceAll('\0', '_');
  if (long) name = name.repeat(Math.ceil(200 / Math.max(1, Buffer.byteLength(name))));
  name += extension;
  while (Buffer.byteLength(name) > 250) name = name.slice(1);
  if (name === '' || name === '.' || name === '..') name = `dot${name}.txt`;
  if (OUTPUT_LIKE.test(name)) name += '.txt';
  return name;
}

const name = fc
  .tuple(fc.array(namePiece, { minLength: 1, maxLength: 3 }), fc.constantFrom('.txt', '.txt', '.txt', '.TXT', '', '.text', '.txt.bak', '.html', '.htm', '.HTML', '.kcmsf', '.xhtml'), fc.boolean())
  .map(([pieces, extension, long]) => fileName(pieces, extension, long));

const FOLDERS = ['', '', 'a', 'a/b', 'b', 'd e', '-dir', 'line\nfolder', '日本', 'in/esc', 'deep/er/still'];

interface PlantedFile {
  folder: string;
  name: string;
  bytes: Uint8Array;
}

type Positional =
  | { kind: 'file'; index: number }
  | { kind: 'folder'; folder: string }
  | { kind: 'glob'; pattern: string }
  | { kind: 'literal'; text: string };

/** Where -o or --report points: a new file, an input, an old output, a folder, or nowhere. */
type Target = { kind: 'literal'; text: string } | { kind: 'input'; index: number };

interface Scenario {
  files: PlantedFile[];
  /** Extras on disk: old outputs, links, a folder named like an input, a link out of the output folder. */
  extras: { oldOutputs: boolean; links: boolean; folderNamedTxt: boolean; escapingLink: boolean };
  positionals: Positional[];
  options: {
    format?: string;
    records?: string;
    output?: Target;
    outDir?: string;
    report?: Target;
    year?: string;
    maxBytes?: string;
    jobs?: string;
    flags: string[];
    /** A wrong option and its value, or nothing. */
    mistake: string[];
  };
  /** '--' before the inputs, so that names with leading dashes are inputs. */
  dashDash: boolean;
  stdin: Uint8Array;
}

const positional: fc.Arbitrary<Positional> = fc.oneof(
  { arbitrary: fc.nat().map((index) => ({ kind: 'file' as const, index })), weight: 6 },
  { arbitrary: fc.constantFrom(...FOLDERS.filter(Boolean), '.', 'links', 'in').map((folder) => ({ kind: 'folder' as const, folder })), weight: 2 },
  {
    arbitrary: fc
      .constantFrom('**/*.txt', '*.txt', 'a/**/*.txt', '{a,b}/*.txt', '{a,b}/**/*', '[ad]*/*.txt', 'nothing/**/*.txt', '**/*', 'a/?/*')
      .map((pattern) => ({ kind: 'glob' as const, pattern })),
    weight: 2,
  },
  { arbitrary: fc.constantFrom('-', '', 'missing.txt', '.', 'a/../a', '/dev/null').map((text) => ({ kind: 'literal' as const, text })), weight: 1 },
);

const outDir = fc.constantFrom('out', 'out', 'a', '.', 'out/deep/er', 'missing/../out', 'old.json', 'd e', 'in');

const target: fc.Arbitrary<Target> = fc.oneof(
  {
    arbitrary: fc
      .constantFrom('out.json', 'out.ndjson', 'out.jsonl', 'out.csv', 'out.ninjs.json', 'plain', 'new.txt', 'a/new.json', 'ü ñ.csv', 'old.json', 'old.csv', '-', 'missing/out.json', 'a', 'report.json')
      .map((text) => ({ kind: 'literal' as const, text })),
    weight: 4,
  },
  { arbitrary: fc.nat().map((index) => ({ kind: 'input' as const, index })), weight: 1 },
);

/** Where the records go: standard output, -o, --out-dir, or (a usage error) both. */
const outputMode = fc.oneof(
  { arbitrary: fc.constant({}), weight: 3 },
  { arbitrary: target.map((output) => ({ output })), weight: 3 },
  { arbitrary: outDir.map((dir) => ({ outDir: dir })), weight: 3 },
  { arbitrary: fc.record({ output: target, outDir }), weight: 1 },
);

/** One option given wrongly, now and then: the run must end with status 2 and write nothing. */
const MISTAKES = [['--format', 'xml'], ['--records', 'pages'], ['--year', '21'], ['--year', '0999'], ['--max-bytes', '-5'], ['--max-bytes', '0'], ['--max-bytes', 'lots'], ['--jobs', '0'], ['--jobs', '65'], ['--no-such-option']];

const options: fc.Arbitrary<Scenario['options']> = fc
  .tuple(
    fc.record(
      {
        format: fc.constantFrom('json', 'ndjson', 'csv', 'csv', 'ninjs'),
        records: fc.constantFrom('dispatches', 'teasers'),
        report: target,
        year: fc.constantFrom('2021', '2024', '1999'),
        maxBytes: fc.constantFrom('100', '2K', '16M', '16M', '1g'),
        jobs: fc.constantFrom('1', '2', '3'),
      },
      { requiredKeys: [] },
    ),
    fc.record({ strict: fc.boolean(), dedupe: fc.boolean(), quiet: fc.boolean(), bom: fc.nat(9), excelSafe: fc.nat(9) }),
    outputMode,
    fc.oneof({ arbitrary: fc.constant(null), weight: 9 }, { arbitrary: fc.constantFrom(...MISTAKES), weight: 1 }),
  )
  .map(([values, f, mode, mistake]) => {
    // --bom and --excel-safe are usage errors without --format csv: mostly given with it.
    const csv = values.format === 'csv';
    const flags = [
      ...(f.strict ? ['--strict'] : []),
      ...(f.dedupe ? ['--dedupe'] : []),
      ...(f.quiet ? ['-q'] : []),
      ...(f.bom < (csv ? 5 : 1) ? ['--bom'] : []),
      ...(f.excelSafe < (csv ? 5 : 1) ? ['--excel-safe'] : []),
    ];
    return { ...values, ...mode, flags, mistake: mistake ?? [] };
  });

const scenario: fc.Arbitrary<Scenario> = fc.record({
  files: fc.array(fc.record({ folder: fc.constantFrom(...FOLDERS), name, bytes: content }), { minLength: 1, maxLength: 6 }),
  extras: fc.record({ oldOutputs: fc.boolean(), links: fc.boolean(), folderNamedTxt: fc.boolean(), escapingLink: fc.boolean() }),
  positionals: fc.array(positional, { minLength: 1, maxLength: 4 }),
  options,
  dashDash: fc.boolean(),
  stdin: content,
});

// ---------------------------------------------------------------------------------------------
// Staging and the command line

/** Writes the scenario's files; returns their paths, relative to `dir`, in the scenario's order. */
function plant(dir: string, s: Scenario): string[] {
  const relatives: string[] = [];
  const put = (relative: string, bytes: Uint8Array | string) => {
    const file = path.join(dir, relative);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, bytes, { flag: 'wx' });
  };
  if (s.extras.oldOutputs) {
    put('old.json', '{"previous":"output"}\n');
    put('old.csv', 'previous,output\r\n');
    put('out/old.json', '[]\n');
    put('out/a/kept.csv', 'x\r\n');
  }
  if (s.extras.folderNamedTxt) mkdirSync(path.join(dir, 'a/folder.txt'), { recursive: true });
  if (s.extras.escapingLink) {
    // An output folder with a link leading out of it, where inputs below in/esc would land.
    put('elsewhere/keep.txt', 'kept\n');
    mkdirSync(path.join(dir, 'out'), { recursive: true });
    symlinkSync('../elsewhere', path.join(dir, 'out/esc'));
  }
  s.files.forEach((file, i) => {
    // A name already taken (by a folder, or a file of the same name) moves to a folder of its own.
    for (const relative of [path.join(file.folder, file.name), path.join(`taken-${i}`, file.folder, file.name)]) {
      try {
        put(relative, file.bytes);
        relatives.push(relative);
        return;
      } catch {
        // taken: try the next place
      }
    }
    throw new Error(`cannot plant ${JSON.stringify(file.name)}`);
  });
  if (s.extras.links) {
    mkdirSync(path.join(dir, 'links'), { recursive: true });
    symlinkSync(path.join('..', relatives[0]!), path.join(dir, 'links/link.txt'));
    symlinkSync('gone.txt', path.join(dir, 'links/dangling.txt'));
  }
  return relatives;
}

function targetText(t: Target, inputs: readonly string[]): string {
  return t.kind === 'literal' ? t.text : inputs[t.index % inputs.length]!;
}

function commandLine(s: Scenario, inputs: readonly string[]): string[] {
  const args: string[] = [];
  const o = s.options;
  if (o.format !== undefined) args.push(o.format.length % 2 === 0 ? '-f' : '--format', o.format);
  if (o.records !== undefined) args.push('--records', o.records);
  if (o.output !== undefined) args.push('-o', targetText(o.output, inputs));
  if (o.outDir !== undefined) args.push('--out-dir', o.outDir);
  if (o.report !== undefined) args.push(`--report=${targetText(o.report, inputs)}`);
  if (o.year !== undefined) args.push('--year', o.year);
  if (o.maxBytes !== undefined) args.push('--max-bytes', o.maxBytes);
  if (o.jobs !== undefined) args.push('--jobs', o.jobs);
  args.push(...o.flags, ...o.mistake);
  if (s.dashDash) args.push('--');
  for (const p of s.positionals) {
    if (p.kind === 'file') args.push(inputs[p.index % inputs.length]!);
    else if (p.kind === 'folder') args.push(p.folder);
    else if (p.kind === 'glob') args.push(p.pattern);
    else args.push(p.text);
  }
  return args;
}

// ---------------------------------------------------------------------------------------------
// What a run may change

/** Every path below `dir` (not following links): a file's content hash, mode and inode, a link's target, or 'dir'. */
function snapshot(dir: string): Map<string, string> {
  const entries = new Map<string, string>();
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const file = path.join(folder, entry.name);
      const relative = path.relative(dir, file);
      if (entry.isSymbolicLink()) entries.set(relative, `link ${readlinkSync(file)}`);
      else if (entry.isDirectory()) {
        entries.set(relative, 'dir');
        walk(file);
      } else {
        const info = lstatSync(file);
        entries.set(relative, `file ${createHash('sha256').update(readFileSync(file)).digest('hex')} ${info.mode.toString(8)} ${info.ino}`);
      }
    }
  };
  walk(dir);
  return entries;
}

/** The main command's options that take a value, by every name commander accepts for them. */
const VALUE_OPTIONS: Record<string, string> = {
  '-f': 'format', '--format': 'format', '--records': 'records', '-o': 'output', '--output': 'output', '--out-dir': 'outDir',
  '--year': 'year', '--report': 'report', '--max-bytes': 'maxBytes', '--jobs': 'jobs',
};

/**
 * The command line read as commander reads it: `-o x`, `-ox`, `--output x`, `--output=x`, short
 * flags run together (`-qox`), the last value winning; after `--` everything is an input. (A name
 * with a leading dash is an option to commander: `-o.txt` among the inputs names the output '.txt'.)
 */
function readCommandLine(args: readonly string[]): { values: Record<string, string>; positionals: string[] } {
  const values: Record<string, string> = {};
  const positionals: string[] = [];
  let i = 0;
  for (; i < args.length && args[i] !== '--'; i++) {
    const arg = args[i]!;
    const equals = arg.indexOf('=');
    if (arg.startsWith('--') && equals > 0 && VALUE_OPTIONS[arg.slice(0, equals)]) values[VALUE_OPTIONS[arg.slice(0, equals)]!] = arg.slice(equals + 1);
    else if (VALUE_OPTIONS[arg] && i + 1 < args.length) values[VALUE_OPTIONS[arg]!] = args[++i]!;
    else if (/^-[^-]/.test(arg)) {
      // Short options run together: boolean ones (-q) may precede one that takes the rest as its value.
      for (let j = 1; j < arg.length; j++) {
        const option = VALUE_OPTIONS[`-${arg[j]}`];
        if (option === undefined) continue;
        if (j + 1 < arg.length) values[option] = arg.slice(j + 1);
        else if (i + 1 < args.length) values[option] = args[++i]!;
        break;
      }
    } else if (arg === '-' || !arg.startsWith('-')) positionals.push(arg);
  }
  positionals.push(...args.slice(i + 1));
  return { values, positionals };
}

/** The paths (relative to the scratch folder) the command line declares as outputs. */
function declaredOutputs(args: readonly string[]): { files: string[]; outDir: string | null; extension: string } {
  const { values } = readCommandLine(args);
  const files = [values['output'], values['report']].filter((file): file is string => file !== undefined && file !== '-').map((file) => path.normalize(file));
  const outDir = values['outDir'];
  return { files, outDir: outDir === undefined ? null : path.normalize(outDir), extension: EXTENSIONS[values['format'] ?? 'json'] ?? '.json' };
}

/**
 * Known bug, excluded here until it is fixed: glob patterns miss names with line breaks. The glob
 * library's patterns use '.', which matches no line break, for '**' and for the first character of
 * '*', so '**' does not enter a folder whose name holds a line break and '*' does not match a name
 * that starts with one: `kcna-parse '*.txt'` silently leaves out '\nb.txt', and a pattern starting
 * with '**' leaves out 'line\nfolder/a.txt' (a folder walk finds both). Such files are not inputs.
 */
function globSees(file: string): boolean {
  const parts = file.split(path.sep);
  return !parts.slice(0, -1).some((part) => /[\n\r\u2028\u2029]/.test(part)) && !parts.some((part) => /^[\n\r\u2028\u2029]/.test(part));
}

/**
 * Files that are certainly inputs of the run (a lower bound): regular files named as inputs, the
 * visible *.txt files below a folder named as input, and what the patterns for every file and for
 * the *.txt files at the top surely match. No output may ever change one of them.
 */
function sureInputs(args: readonly string[], before: ReadonlyMap<string, string>): Set<string> {
  const inputs = new Set<string>();
  const files = [...before].filter(([, what]) => what.startsWith('file')).map(([relative]) => relative);
  const visible = (relative: string) => !relative.split(path.sep).some((part) => part.startsWith('.'));
  for (const positional of readCommandLine(args).positionals) {
    const named = path.normalize(positional);
    if (positional === '' || positional === '-') continue;
    if (before.get(named)?.startsWith('file')) inputs.add(named);
    else if (before.get(named) === 'dir' || named === '.') {
      for (const file of files) if (isBelow(named, file) && file.endsWith('.txt') && visible(named === '.' ? file : path.relative(named, file))) inputs.add(file);
    } else if (positional === '**/*') {
      for (const file of files) if (visible(file) && globSees(file)) inputs.add(file);
    } else if (positional === '*.txt') {
      for (const file of files) if (!file.includes(path.sep) && file.endsWith('.txt') && visible(file) && globSees(file)) inputs.add(file);
    }
  }
  return inputs;
}

const isBelow = (folder: string, relative: string) => folder === '.' || relative === folder || relative.startsWith(`${folder}${path.sep}`);

/** What is wrong with how the scratch folder changed between `before` and `after`. */
function changeProblems(args: readonly string[], status: number, before: Map<string, string>, after: Map<string, string>): string[] {
  const problems: string[] = [];
  const declared = declaredOutputs(args);
  const inputs = sureInputs(args, before);
  for (const relative of before.keys()) {
    if (!after.has(relative)) problems.push(`removed: ${JSON.stringify(relative)}`);
  }
  for (const [relative, now] of after) {
    const was = before.get(relative);
    if (was === now) continue;
    const what = `${was === undefined ? 'created' : 'changed'}: ${JSON.stringify(relative)}`;
    if (relative.endsWith('.tmp')) {
      problems.push(`temporary file left: ${JSON.stringify(relative)}`);
      continue;
    }
    if (was !== undefined && !was.startsWith('file') && !now.startsWith('file')) {
      problems.push(what); // a folder or link replaced by something else
      continue;
    }
    if (now === 'dir') {
      // Folders: the output folder, what leads to it, and what is below it.
      const outDir = declared.outDir;
      if (outDir !== null && (isBelow(outDir, relative) || isBelow(relative, outDir))) continue;
      problems.push(what);
      continue;
    }
    if (status === 2) {
      problems.push(`${what} by a run that ended with a usage error`);
      continue;
    }
    if (inputs.has(relative)) {
      problems.push(`${what}, an input of the run`);
      continue;
    }
    if (declared.files.includes(relative)) continue;
    if (declared.outDir !== null && isBelow(declared.outDir, relative) && relative.endsWith(declared.extension)) continue;
    problems.push(what);
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// The property

interface Outcome {
  status: number | null;
  stderr: string;
}

type Runner = (args: string[], cwd: string, stdin: Uint8Array) => Promise<Outcome>;

const inProcess: Runner = async (args, cwd, stdin) => {
  try {
    return await runInProcess(args, { cwd, stdin: Buffer.from(stdin) });
  } catch (error) {
    // main() would print this as "internal error" with status 1.
    return { status: null, stderr: `run() threw, an internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}` };
  }
};

const binary: Runner = async (args, cwd, stdin) => {
  const run = await runCli(args, { cwd, stdin: Buffer.from(stdin) });
  return { status: run.status, stderr: run.stderr + (run.signal ? `\nkilled by ${run.signal}` : '') };
};

/** What one run did, for the check that the fuzzing reaches all three outcomes. */
interface Tally {
  statuses: Map<number | null, number>;
  /** Runs that wrote a declared output file or a file below --out-dir. */
  wrote: number;
}

/**
 * Scratch folders not yet removed: when the time budget runs out, fast-check stops waiting for the
 * run in flight, whose own clean-up may then never come.
 */
const scratch = new Set<string>();
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

/** Runs one scenario in a fresh folder; what is wrong with the run (empty when nothing is). */
async function problemsOf(s: Scenario, runner: Runner, tally: Tally): Promise<{ args: string[]; problems: string[] }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'kcna-parse-fuzz-'));
  scratch.add(dir);
  try {
    const inputs = plant(dir, s);
    const args = commandLine(s, inputs);
    const before = snapshot(dir);
    const { status, stderr } = await runner(args, dir, s.stdin);
    const after = snapshot(dir);
    const problems: string[] = [];
    if (status === null || ![0, 1, 2].includes(status)) problems.push(`exit status ${String(status)}`);
    if (/internal error|INTERNAL_ERROR/i.test(stderr)) problems.push(`internal error: ${stderr}`);
    if (/^\s+at .*(:\d+:\d+\)?|native\)?)$/m.test(stderr)) problems.push(`stack trace: ${stderr}`);
    problems.push(...changeProblems(args, status ?? -1, before, after));
    tally.statuses.set(status, (tally.statuses.get(status) ?? 0) + 1);
    if ([...after].some(([relative, now]) => now.startsWith('file') && before.get(relative) !== now)) tally.wrote++;
    return { args, problems };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    scratch.delete(dir);
  }
}

async function fuzz(runner: Runner, runs: number, seconds: number): Promise<void> {
  const tally: Tally = { statuses: new Map(), wrote: 0 };
  await fc.assert(
    fc.asyncProperty(scenario, async (s) => {
      const { args, problems } = await problemsOf(s, runner, tally);
      expect(problems, `kcna-parse ${JSON.stringify(args)} (seed ${SEED}; replay with FC_SEED and FC_PATH)`).toEqual([]);
    }),
    {
      seed: SEED,
      ...(PATH ? { path: PATH } : {}),
      numRuns: runs,
      interruptAfterTimeLimit: seconds * 1000,
      markInterruptAsFailure: false,
    },
  );
  // A fuzz run whose scenarios all ended in usage errors would check next to nothing: the mix must
  // reach conversions that succeed, inputs that fail, usage errors, and outputs written. (Not for
  // a replay of one case, nor a run the time budget cut very short.)
  // Status 0 needs every input of a run to convert, which a short run may not reach.
  const total = [...tally.statuses.values()].reduce((sum, n) => sum + n, 0);
  const reached = `statuses reached (status, runs): ${JSON.stringify([...tally.statuses])}`;
  if (PATH === undefined && total >= 20) {
    expect([1, 2].filter((status) => tally.statuses.has(status)), reached).toEqual([1, 2]);
    expect(tally.wrote, 'runs that wrote an output file').toBeGreaterThan(0);
  }
  if (PATH === undefined && total >= 100) expect(tally.statuses.has(0), reached).toBe(true);
}

describe('fuzzing the command line', () => {
  it('in process: status 0, 1 or 2, no internal error, only declared outputs changed, no temporary file', async () => {
    await fuzz(inProcess, RUNS, SECONDS);
  }, (SECONDS + 90) * 1000);

  it('the built binary: the same, with main() around run()', async () => {
    await fuzz(binary, Math.max(1, Math.round(RUNS / 8)), Math.max(5, Math.round(SECONDS / 2)));
  }, (SECONDS + 90) * 1000);
});

describe('the fuzz checker', () => {
  // The checker decides what counts as a bug: it must see the kinds of damage it is there for.
  const file = (hash: string, ino = 1) => `file ${hash} 100644 ${ino}`;

  it('accepts the declared outputs, and files of the format below --out-dir', () => {
    const before = new Map([['in.txt', file('a')]]);
    const after = new Map([
      ['in.txt', file('a')],
      ['o.json', file('b')],
      ['r.json', file('c')],
    ]);
    expect(changeProblems(['in.txt', '-o', 'o.json', '--report=r.json'], 1, before, after)).toEqual([]);
    const outDir = new Map([...before, ['out', 'dir'], ['out/x', 'dir'], ['out/x/in.csv', file('d')]]);
    expect(changeProblems(['-f', 'csv', '--out-dir', 'out', 'in.txt'], 0, before, outDir)).toEqual([]);
  });

  it('reports a changed input, a removed file, a stray file, a wrong extension, a temporary file and a write on a usage error', () => {
    const before = new Map([
      ['in.txt', file('a')],
      ['gone.txt', file('g')],
    ]);
    const after = new Map([
      ['in.txt', file('a', 2)],
      ['stray.json', file('s')],
      ['out', 'dir'],
      ['out/in.csv', file('c')],
      ['.o.json.123-ab.tmp', file('t')],
    ]);
    expect(changeProblems(['--out-dir', 'out', 'in.txt'], 1, before, after)).toEqual([
      'removed: "gone.txt"',
      'changed: "in.txt", an input of the run',
      'created: "stray.json"',
      'created: "out/in.csv"',
      'temporary file left: ".o.json.123-ab.tmp"',
    ]);
    expect(changeProblems(['in.txt', '-o', 'o.json'], 2, new Map(), new Map([['o.json', file('o')]]))).toEqual(['created: "o.json" by a run that ended with a usage error']);
    // An input is never an output, even when the command line names it as one.
    const input = new Map([['in.json', file('a')], ['d', 'dir'], ['d/x.txt', file('x')]]);
    const replaced = new Map([['in.json', file('b')], ['d', 'dir'], ['d/x.txt', file('y')]]);
    expect(changeProblems(['-o', 'in.json', 'in.json'], 1, input, replaced)).toEqual(['changed: "in.json", an input of the run', 'changed: "d/x.txt"']);
    expect(changeProblems(['--out-dir', '.', '-f', 'ndjson', '--', '**/*'], 1, input, replaced)).toEqual(['changed: "in.json", an input of the run', 'changed: "d/x.txt", an input of the run']);
    expect(changeProblems(['--out-dir', 'd', '--report', 'd/x.txt', 'd'], 1, input, replaced)).toEqual(['changed: "in.json"', 'changed: "d/x.txt", an input of the run']);
  });

  it('reads the outputs as commander does', () => {
    expect(declaredOutputs(['-f', 'csv', '--', '-o', 'x.txt']).files).toEqual([]);
    expect(declaredOutputs(['-o', 'a.json', 'in.txt', '-o.txt', '--report=r.json'])).toEqual({ files: ['.txt', 'r.json'], outDir: null, extension: '.json' });
    expect(declaredOutputs(['-qfcsv', '--out-dir', 'o/./p', '-qox.json'])).toEqual({ files: ['x.json'], outDir: 'o/p', extension: '.csv' });
    expect(readCommandLine(['a.txt', '-o', 'x', '-', '-q', '--', '-o', '--'])).toEqual({ values: { output: 'x' }, positionals: ['a.txt', '-', '-o', '--'] });
  });
});

describe('the web pages the fuzzing feeds', () => {
  // The page generators must reach the web-page reader and, often enough, its templates and the
  // story core; and no page they make may make the parser throw.
  const sniffed = (bytes: Uint8Array) => parseDispatch(bytes, { path: 'page.html' });

  it('mutated saved pages: the parser never throws, and many still hold a dispatch', () => {
    const pages = fc.sample(fc.tuple(fc.constantFrom(...HTML_FIXTURES), fc.array(htmlMutation, { minLength: 1, maxLength: 4 })).map(([bytes, ms]) => mutateHtml(bytes, ms)), { numRuns: 300, seed: 7 });
    const results = pages.map(sniffed);
    expect(results.filter((result) => result.ok).length).toBeGreaterThan(100);
    expect(results.filter((result) => result.ok && result.document.source.format === 'html').length).toBeGreaterThan(100);
  });

  it('generated pages: the parser never throws; some hold a dispatch, some are refused, most are read as web pages', () => {
    const results = fc.sample(htmlPage, { numRuns: 300, seed: 7 }).map(sniffed);
    const documents = results.filter((result) => result.ok);
    expect(documents.length).toBeGreaterThan(20);
    expect(results.length - documents.length).toBeGreaterThan(20);
    expect(documents.filter((result) => result.ok && result.document.source.format === 'html').length).toBeGreaterThan(documents.length / 2);
  });
});
