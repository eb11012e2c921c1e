// Writes the fixture corpus: fixtures/<case>/input.txt (+ options.json), one case per variant a
// real dump can show. Inputs are cut from the real sample (fixtures/sample/input.txt, never
// rewritten) so that every fixture reads like a real page. Bytes are written exactly, so line
// endings, byte order marks, UTF-16 and invalid UTF-8 are what each case says they are.
//
// Goldens (expected.json / expected-error.json) are not written here: run
// `npm run build && node scripts/update-goldens.mjs`, then review every diff.
//
// Usage: node scripts/make-fixtures.mjs
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

const root = new URL('../fixtures/', import.meta.url);
const sample = readFileSync(new URL('sample/input.txt', root), 'utf8').split('\n');

// The sample's lead paragraphs, without the dateline prefix and the end marker.
const LEAD_DATELINE = 'Pyongyang, March 23 (KCNA) -- ';
const P = sample.slice(0, 7).map((line) => line.replace(LEAD_DATELINE, '').replace(/ -0-$/, ''));
// The sample's teaser entries (text, date line, repeat), from line 9 on.
const T = [];
for (let i = 8; i + 2 < sample.length && sample[i] !== 'More Articles'; i += 3) T.push({ text: sample[i], date: sample[i + 1] });

const DEFAULT_TEASERS = [T[0], T[1], T[11]];

/**
 * The lines of a dump. Every part can be replaced or left out (null), so each case states only what
 * it changes.
 */
function dump({
  junk = [],
  title = null,
  dateline = 'Pyongyang, March 23 (KCNA) --',
  separator = ' ',
  paragraphs = [P[0], P[1], P[6]],
  endMarker = ' -0-',
  afterEnd = [],
  heading = 'More From KCNA.kp (En)',
  teasers = DEFAULT_TEASERS,
  closing = 'More Articles',
} = {}) {
  const [first, ...rest] = paragraphs;
  const body = [dateline === null ? first : `${dateline}${separator}${first}`, ...rest];
  if (endMarker !== null) body[body.length - 1] += endMarker;
  const list = [];
  if (heading !== null) {
    list.push(heading);
    for (const { text, date, repeat = text } of teasers) {
      list.push(text);
      if (date !== null) list.push(date);
      if (repeat !== null) list.push(repeat);
    }
    if (closing !== null) list.push(closing);
  }
  return [...junk, ...(title === null ? [] : [title]), ...body, ...afterEnd, ...list];
}

const utf8 = (text) => Buffer.from(text, 'utf8');
const utf16le = (text) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
const utf16be = (text) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
// Invalid bytes cannot live in a string, so they stand in as placeholders until encoding.
const INVALID = { '<FF>': [0xff], '<E2 80>': [0xe2, 0x80] };
const utf8WithInvalid = (text) => Buffer.concat(text.split(/(<FF>|<E2 80>)/).map((part) => Buffer.from(INVALID[part] ?? utf8(part))));
/** Inserts after line i the blank line blanks[i]. */
const blankAfter = (lines, blanks) => lines.flatMap((line, i) => (i in blanks ? [line, blanks[i]] : [line]));

/**
 * One case: its lines joined by `eol` (with a final line ending unless `final` is false), turned
 * into bytes by `encode`, and the parse options it needs.
 */
function fixture(lines, { eol = '\n', final = true, encode = utf8, options } = {}) {
  const text = lines.join(eol) + (final && lines.length > 0 ? eol : '');
  return { bytes: encode(text), options };
}

// Teaser with its own dateline, rewritten with another separator.
const withSeparator = (teaser, sep) => ({ ...teaser, text: teaser.text.replace(' -- ', sep) });
const curly = (text) => text.replace(/(\w)'(\w)/g, '$1\u2019$2');
const TITLE = 'Kim Jong Un Sends Verbal Message to Xi Jinping';

const cases = {
  'separator-em-dash': fixture(dump({ dateline: 'Pyongyang, March 23 (KCNA) \u2014', teasers: [T[0], withSeparator(T[1], ' \u2014 '), T[11]] })),
  'separator-en-dash': fixture(dump({ dateline: 'Pyongyang, March 23 (KCNA) \u2013', teasers: [T[0], withSeparator(T[1], ' \u2013 '), T[11]] })),
  'separator-tabs': fixture(dump({ dateline: 'Pyongyang, March 23 (KCNA)\t--', separator: '\t', teasers: [T[0], withSeparator(T[1], '\t--\t'), T[11]] })),
  'separator-no-break-spaces': fixture(
    dump({ dateline: 'Pyongyang,\u00a0March\u00a023\u00a0(KCNA)\u00a0\u2014', separator: '\u00a0', teasers: [T[0], withSeparator(T[1], '\u00a0\u2014\u00a0'), T[11]] }),
  ),
  crlf: fixture(dump(), { eol: '\r\n' }),
  'cr-only': fixture(dump(), { eol: '\r' }),
  'utf8-bom': fixture(dump(), { encode: (text) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8(text)]) }),
  'utf16le-bom': fixture(dump({ paragraphs: [curly(P[0]), P[3], P[6]] }), { encode: utf16le }),
  'utf16be-bom': fixture(dump({ paragraphs: [curly(P[0]), P[3], P[6]] }), { encode: utf16be }),
  // A lone 0xFF in the second paragraph, and a truncated three-byte sequence (E2 80, a curly quote
  // cut short) before "Xi" in the last; the golden's byteOffset values point at them.
  'invalid-utf8': fixture(dump({ paragraphs: [P[0], P[1].replace('detail', 'de<FF>ail'), P[6].replace('Xi', '<E2 80>Xi')] }), {
    encode: utf8WithInvalid,
  }),
  // Blank and whitespace-only lines before the article, between paragraphs, after the heading,
  // between teaser entries and inside one (between its text and its date).
  'blank-lines': fixture(['', ...blankAfter(dump(), { 0: '', 1: '   ', 3: '', 6: '\t', 7: '', 12: '' })]),
  'trailing-whitespace': fixture(dump({ title: TITLE }).map((line, i) => line + [' ', '\t', '  ', ' \u00a0'][i % 4])),
  'curly-quotes': fixture(
    dump({
      title: 'Kim Jong Un\u2019s \u201cVerbal Message\u201d to Xi Jinping',
      paragraphs: [curly(P[0]), 'The message said: \u201cThe friendship will grow stronger.\u201d', curly(P[6])],
      teasers: [T[0], { ...T[7], text: curly(T[7].text) }],
    }),
  ),
  'end-marker-missing': fixture(dump({ endMarker: null })),
  'end-marker-glued': fixture(dump({ endMarker: '-0-' })),
  'stamp-line': fixture(dump({ dateline: 'Pyongyang, February 29 (KCNA) --', afterEnd: ['www.kcna.kp (Juche113.2.29.)'] })),
  'no-teasers': fixture(dump({ heading: null }), { final: false }),
  'heading-no-entries': fixture(dump({ teasers: [] })),
  'heading-kcna-co-jp': fixture(dump({ heading: 'More From KCNA.co.jp (En)' })),
  'heading-voice-of-korea': fixture(dump({ heading: 'More From Voice of Korea (EN)', teasers: [T[1], T[12]] })),
  'title-and-page-junk': fixture(dump({ junk: ['March 16, 2026Mar 16, 2026'], title: TITLE })),
  'other-place': fixture(dump({ dateline: 'Moscow, March 22 (KCNA) --' })),
  'multi-word-place': fixture(dump({ dateline: 'South Hamgyong Province, March 23 (KCNA) --' })),
  'abbreviated-month': fixture(
    dump({
      dateline: 'Pyongyang, Sept. 16 (KCNA) --',
      teasers: [
        { text: T[1].text.replace('March 18', 'Feb. 7'), date: 'February 7, 2026' },
        { text: T[2].text.replace('March 18', 'Sept. 16'), date: 'Sept. 16, 2025' },
      ],
    }),
  ),
  'no-dateline': fixture(dump({ dateline: null, title: TITLE })),
  'body-looks-like-date': fixture(
    dump({
      paragraphs: [
        P[0],
        'January 12, 2021',
        'Rodong Sinmun recalled the report that began "Pyongyang, January 12 (KCNA) -- The congress opened" and said it would go down in history.',
        P[6],
      ],
    }),
  ),
  'teaser-repeat-whitespace': fixture(dump({ teasers: [T[0], { ...T[1], repeat: T[1].text.replace(' (KCNA) -- The ', ' (KCNA)  --  The\t') }, T[11]] })),
  'teaser-repeat-missing': fixture(dump({ teasers: [T[0], { ...T[1], repeat: null }, T[11]] })),
  'teaser-repeat-different': fixture(
    dump({ teasers: [T[0], { ...T[1], repeat: 'Pyongyang, March 18 (KCNA) -- The 2026 Spring National Sports Festival opened in the DPRK.' }, T[11]] }),
  ),
  'teaser-missing-date': fixture(dump({ teasers: [T[0], { ...T[1], date: null }, T[11]] })),
  'teaser-impossible-date': fixture(dump({ teasers: [T[0], { ...T[1], date: 'February 30, 2026' }, T[11]] })),
  'year-from-path': fixture(dump(), { options: { path: 'archive/2021-03-23/x.txt' } }),
  'year-conflict': fixture(dump({ afterEnd: ['www.kcna.kp (Juche110.3.23.)'] }), { options: { year: 2020 } }),
  // The same story from two mirrors: only the title, dashes, quotes, whitespace, line endings and
  // teaser list differ, so both must get the same content id.
  'mirror-a': fixture(dump({ title: TITLE, paragraphs: [P[0], 'The message said -- as before -- that the friendship would grow.', P[6]] })),
  'mirror-b': fixture(
    dump({
      title: 'Respected Comrade Kim Jong Un Sends Verbal Message to General Secretary Xi Jinping',
      dateline: 'Pyongyang, March 23 (KCNA) \u2014',
      paragraphs: [curly(P[0]).replace('verbal message', 'verbal  message'), 'The message said \u2014 as before \u2014 that the friendship would grow.', P[6]],
      heading: 'More From KCNA.co.jp (En)',
      teasers: [T[3], T[4]],
    }),
    { eol: '\r\n' },
  ),
  // Beyond the list: one case for each remaining warning code and line shape.
  'dateline-own-line': fixture(dump({ separator: '\n' })),
  'end-marker-stamp-same-line': fixture(dump({ endMarker: ' -0- www.kcna.kp (Juche110.3.23.)' })),
  'stamp-date-mismatch': fixture(dump({ afterEnd: ['www.kcna.kp (Juche110.3.24.)'] })),
  'impossible-year': fixture(dump({ dateline: 'Pyongyang, February 29 (KCNA) --' }), { options: { year: 2021 } }),
  'trailing-text': fixture([...dump({ afterEnd: ['Share this article'] }), 'Copyright KCNA']),
  'teaser-stray-date': fixture(dump({ teasers: [T[0], { text: T[1].date, date: null, repeat: null }, T[1], T[11]] })),
  'teaser-list-unclosed': fixture(dump({ closing: null })),
  empty: fixture([]),
  'blank-only': fixture(['', '   ', '\t', '\u00a0']),
  'not-a-dispatch': fixture(['404 Not Found', 'The requested URL was not found on this server.']),
};

for (const [name, { bytes, options }] of Object.entries(cases)) {
  const dir = new URL(`${name}/`, root);
  rmSync(new URL('options.json', dir), { force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(new URL('input.txt', dir), bytes);
  if (options) writeFileSync(new URL('options.json', dir), `${JSON.stringify(options, null, 2)}\n`);
}
console.log(`wrote ${Object.keys(cases).length} fixtures`);
