/**
 * fast-check arbitraries for KCNA dumps: hostile text and bytes, "line soup" made of the shapes a
 * real dump is built from (so that many random inputs do parse), fixture mutations, and generated
 * dispatch structures that can be rendered to bytes and compared with what the parser reads back.
 */
import fc from 'fast-check';
import { decodeBytes } from '../../src/parse/decode.js';
import { splitLines } from '../../src/parse/lines.js';
import type { ParseOptions } from '../../src/parse/parse.js';

// ---------------------------------------------------------------------------------------------
// Encoding

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be';

/** Text to bytes; UTF-16 always gets its BOM, since a BOM is the only way the parser detects it. */
export function encode(text: string, encoding: Encoding, bom: boolean): Uint8Array {
  if (encoding === 'utf-8') return Buffer.from((bom ? '\ufeff' : '') + text, 'utf8');
  const le = Buffer.from(`\ufeff${text}`, 'utf16le');
  return encoding === 'utf-16le' ? le : le.swap16();
}

// ---------------------------------------------------------------------------------------------
// Months and dates

export const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const ABBREVIATIONS: readonly (readonly string[])[] = [['Jan'], ['Feb'], ['Mar'], ['Apr'], [], ['Jun'], ['Jul'], ['Aug'], ['Sept', 'Sep'], ['Oct'], ['Nov'], ['Dec']];
/** Days a month can have in some year (29 for February). */
const MAX_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** How a month may be written: 'March', 'Mar', 'Mar.', 'Sept.'. */
function monthText(month: number): fc.Arbitrary<string> {
  const abbreviations = ABBREVIATIONS[month - 1] ?? [];
  return fc.constantFrom(MONTH_NAMES[month - 1]!, ...abbreviations, ...abbreviations.map((a) => `${a}.`));
}

const monthDay = fc
  .integer({ min: 1, max: 12 })
  .chain((month) => fc.record({ month: fc.constant(month), day: fc.integer({ min: 1, max: MAX_DAYS[month - 1]! }), monthText: monthText(month) }));

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
  monthText: string;
}

const calendarDate: fc.Arbitrary<CalendarDate> = fc
  .date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true })
  .chain((d) =>
    monthText(d.getUTCMonth() + 1).map((text) => ({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), monthText: text })),
  );

export function renderDate(date: CalendarDate): string {
  return `${date.monthText} ${date.day}, ${date.year}`;
}

export function isoOf(date: { year: number; month: number; day: number }): string {
  return `${date.year}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

// ---------------------------------------------------------------------------------------------
// Words and datelines

const PLACES = ['Pyongyang', 'Kaesong', 'Rason', 'Sinuiju', 'Wonsan', 'Hamhung', 'South Hamgyong Province', 'North Hwanghae Province', 'Mt. Paektu'];
/** Words a sentence starts with: capitalised, never a month, 'More' or a place followed by a comma. */
const FIRST_WORDS = ['Kim', 'The', 'Officials', 'Senior', 'Youth', 'Art', 'According', 'Hundreds', 'Thanks', 'Following', 'Comrade', 'It', 'Informing', 'Stressing', 'One'];
/**
 * The rest of the alphabet, with the troublesome bits of real dispatches: the 'Kim Jong Un ,'
 * artifact, apostrophes, quotes, hyphenated words, dates and '(KCNA) --' quoted mid-sentence.
 * ASCII quotes and '--' only: restyle() turns them typographic.
 */
const WORDS = [
  'the', 'of', 'and', 'to', 'in', 'a', 'for', 'on', 'with', 'by', 'people', 'Party', "Workers'", "People's", 'WPK', '(WPK)',
  'DPRK', 'DPRK-China', 'U.S.', 'Jong', 'Un', ',', 'general', 'secretary', 'message', 'said', 'congress', 'revolution',
  'socialism', '2021', '8th', '100th', 'March', '12,', '"great"', 'in-depth', '--', '-', '...', 'Pyongyang', '(KCNA)',
  'Juche', 'Province', 'friendship.', 'times;', 'Xi', 'Jinping', 'CPC', 'all-round', '"unity,"', '(2021-2025)',
];

function sentence(minWords: number, maxWords: number): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom(...FIRST_WORDS), fc.array(fc.constantFrom(...WORDS), { minLength: minWords - 1, maxLength: maxWords - 1 }))
    .map(([first, rest]) => [first, ...rest].join(' '));
}

const SEPARATORS = ['--', '—', '–'] as const;
const SEPARATOR_SPACE = [' ', '\t', '\u00a0', '  ', ' \u00a0'];

export interface DatelineSpec {
  place: string;
  month: number;
  day: number;
  monthText: string;
  /** Whitespace between '(KCNA)' and the separator. */
  before: string;
  separator: (typeof SEPARATORS)[number];
  /** Whitespace between the separator and the text. */
  after: string;
}

export const datelineSpec: fc.Arbitrary<DatelineSpec> = fc
  .record({
    place: fc.constantFrom(...PLACES),
    date: monthDay,
    before: fc.constantFrom('', ...SEPARATOR_SPACE),
    separator: fc.constantFrom(...SEPARATORS),
    after: fc.constantFrom('', ...SEPARATOR_SPACE),
  })
  .map(({ date, ...rest }) => ({ ...rest, ...date }));

/** The dateline as written, separator included (what Dateline.text must hold). */
export function datelineText(d: DatelineSpec): string {
  return `${d.place}, ${d.monthText} ${d.day} (KCNA)${d.before}${d.separator}`;
}

// ---------------------------------------------------------------------------------------------
// Dispatch structures

export interface TeaserSpec {
  dateline: DatelineSpec | null;
  text: string;
  date: CalendarDate;
  /** The repeat line is the text again, possibly with its spaces doubled (still a match). */
  respacedRepeat: boolean;
}

export interface DispatchSpec {
  title: string | null;
  dateline: DatelineSpec;
  paragraphs: string[];
  endMarker: 'spaced' | 'glued' | 'own-line';
  teasers: { heading: string; entries: TeaserSpec[]; closing: boolean } | null;
}

const teaserSpec: fc.Arbitrary<TeaserSpec> = fc
  .record({
    dateline: fc.option(datelineSpec, { nil: null }),
    text: sentence(1, 18),
    date: calendarDate,
    respacedRepeat: fc.boolean(),
  })
  // Half of the teaser datelines agree with their date line, as real ones do, so the year is used.
  .chain((t) =>
    t.dateline === null
      ? fc.constant(t)
      : fc.boolean().map((agree) => (agree ? { ...t, dateline: { ...t.dateline!, month: t.date.month, day: t.date.day, monthText: t.date.monthText } } : t)),
  );

export const dispatchSpec: fc.Arbitrary<DispatchSpec> = fc.record({
  title: fc.option(sentence(2, 12), { nil: null }),
  dateline: datelineSpec,
  // Now and then a body line that is only a date ('January 12, 2021'): still a paragraph.
  paragraphs: fc.array(fc.oneof({ arbitrary: sentence(1, 40), weight: 9 }, { arbitrary: calendarDate.map(renderDate), weight: 1 }), { minLength: 1, maxLength: 6 }),
  endMarker: fc.constantFrom('spaced', 'glued', 'own-line'),
  teasers: fc.option(
    fc.record({
      heading: fc.constantFrom('More From KCNA.kp (En)', 'More From KCNA.co.jp (En)', 'More From Voice of Korea (EN)'),
      entries: fc.array(teaserSpec, { maxLength: 5 }),
      closing: fc.boolean(),
    }),
    { nil: null },
  ),
});

/** The non-blank lines of a dispatch, without padding or line endings. */
export function dispatchLines(spec: DispatchSpec): string[] {
  const lines: string[] = [];
  if (spec.title !== null) lines.push(spec.title);
  spec.paragraphs.forEach((paragraph, i) => {
    let line = i === 0 ? `${datelineText(spec.dateline)}${spec.dateline.after}${paragraph}` : paragraph;
    if (i === spec.paragraphs.length - 1 && spec.endMarker !== 'own-line') line += spec.endMarker === 'spaced' ? ' -0-' : '-0-';
    lines.push(line);
  });
  if (spec.endMarker === 'own-line') lines.push('-0-');
  if (spec.teasers) {
    lines.push(spec.teasers.heading);
    for (const entry of spec.teasers.entries) {
      const text = entry.dateline ? `${datelineText(entry.dateline)}${entry.dateline.after}${entry.text}` : entry.text;
      lines.push(text, renderDate(entry.date), entry.respacedRepeat ? text.replaceAll(' ', '  ') : text);
    }
    if (spec.teasers.closing) lines.push('More Articles');
  }
  return lines;
}

/**
 * Typographic variants of the same story, as mirrors serve it: '--' as an em or en dash, straight
 * quotes curled. Applied to the title and paragraphs only, so the structure is unchanged.
 */
export interface Style {
  dash: '--' | '—' | '–';
  curlyQuotes: boolean;
}

export const style: fc.Arbitrary<Style> = fc.record({ dash: fc.constantFrom('--', '—', '–'), curlyQuotes: fc.boolean() });

export function restyle(spec: DispatchSpec, { dash, curlyQuotes }: Style): DispatchSpec {
  const apply = (text: string): string => {
    let out = text.replaceAll('--', dash);
    if (curlyQuotes) {
      let open = false;
      out = out.replaceAll("'", '’').replace(/"/g, () => ((open = !open) ? '“' : '”'));
    }
    return out;
  };
  return { ...spec, title: spec.title === null ? null : apply(spec.title), paragraphs: spec.paragraphs.map(apply) };
}

// ---------------------------------------------------------------------------------------------
// Layout: how lines become bytes

export interface Layout {
  eol: '\n' | '\r\n' | '\r' | 'mixed';
  finalEol: boolean;
  encoding: Encoding;
  bom: boolean;
  /** Cycled over the lines: whitespace around a line, and whether a blank line follows it. */
  pads: string[];
  blanks: string[];
}

const PADS = ['', '', '', ' ', '\t', '\u00a0', '  ', '\u3000'];
const BLANKS = ['', '', '', '', '\n', ' \n', '\t\n', '\u00a0\n'];

export const layout: fc.Arbitrary<Layout> = fc.record({
  eol: fc.constantFrom('\n', '\r\n', '\r', 'mixed'),
  finalEol: fc.boolean(),
  encoding: fc.constantFrom('utf-8', 'utf-8', 'utf-16le', 'utf-16be'),
  bom: fc.boolean(),
  pads: fc.array(fc.constantFrom(...PADS), { minLength: 1, maxLength: 8 }),
  blanks: fc.array(fc.constantFrom(...BLANKS), { minLength: 1, maxLength: 8 }),
});

/** Plain layout: LF, UTF-8, no BOM, no padding, no blank lines. */
export const PLAIN: Layout = { eol: '\n', finalEol: true, encoding: 'utf-8', bom: false, pads: [''], blanks: [''] };

export function renderText(lines: readonly string[], l: Layout): string {
  const eols = ['\n', '\r\n', '\r'];
  let text = '';
  lines.forEach((line, i) => {
    const eol = l.eol === 'mixed' ? eols[i % 3]! : l.eol;
    const pad = l.pads[i % l.pads.length]!;
    // A blank line is whitespace only: its '\n' placeholder becomes the chosen line ending.
    const blank = l.blanks[i % l.blanks.length]!.replace('\n', eol);
    const last = i === lines.length - 1;
    text += `${pad}${line}${pad.split('').reverse().join('')}${last && !l.finalEol ? '' : eol}${last ? '' : blank}`;
  });
  return text;
}

export function render(lines: readonly string[], l: Layout): Uint8Array {
  return encode(renderText(lines, l), l.encoding, l.bom);
}

// ---------------------------------------------------------------------------------------------
// Hostile input

/** Single characters that tend to break text handling. */
const NASTY_CHARS = ['\0', '\r', '\n', '\r\n', '\t', '\ufeff', '\ufffd', '\u00a0', '\u2028', '\u2029', '\u3000', '\ud800', '\udfff', '\u0085', '\u000b', '\u000c', '-', '0', '(', ')', ',', '.', '—', '–', '’', '“', 'é', '\u0301', '𝔸', '한'];

export const nastyString: fc.Arbitrary<string> = fc.string({
  unit: fc.oneof({ arbitrary: fc.constantFrom(...NASTY_CHARS), weight: 3 }, { arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), weight: 2 }),
  maxLength: 200,
});

/** Byte values around the edges of UTF-8 and UTF-16: BOM bytes, line breaks, lead and continuation bytes. */
const NASTY_BYTES = [0x00, 0x0a, 0x0d, 0x20, 0x2d, 0x30, 0x80, 0xbf, 0xc0, 0xc2, 0xe0, 0xed, 0xa0, 0xef, 0xbb, 0xf0, 0xf4, 0x90, 0xf5, 0xfe, 0xff];

export const nastyBytes: fc.Arbitrary<Uint8Array> = fc.oneof(
  fc.uint8Array({ maxLength: 300 }),
  fc.array(fc.constantFrom(...NASTY_BYTES), { maxLength: 300 }).map((bytes) => Uint8Array.from(bytes)),
  // A BOM in front of arbitrary bytes sends them down the UTF-16 (or UTF-8 BOM) path.
  fc.tuple(fc.constantFrom([0xff, 0xfe], [0xfe, 0xff], [0xef, 0xbb, 0xbf]), fc.uint8Array({ maxLength: 300 })).map(([bom, rest]) => Uint8Array.from([...bom, ...rest])),
);

/** A whole teaser entry (text, date line, repeat), with the repeat right, respaced, missing or different. */
const teaserChunk: fc.Arbitrary<string> = fc
  .tuple(fc.option(datelineSpec, { nil: null }), sentence(1, 8), calendarDate, fc.constantFrom('same', 'respaced', 'none', 'other'))
  .map(([d, text, date, repeat]) => {
    const line = d ? `${datelineText(d)}${d.after}${text}` : text;
    const again = { same: [line], respaced: [line.replaceAll(' ', '  ')], none: [], other: [`${line} (continued)`] }[repeat];
    return [line, renderDate(date), ...again].join('\n');
  });

/** Whole lines of the kinds a dump holds, plus near misses and noise. */
const soupLine: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.tuple(datelineSpec, fc.option(sentence(1, 12), { nil: '' }), fc.constantFrom('', ' -0-', '-0-')).map(([d, s, end]) => `${datelineText(d)}${d.after}${s}${end}`), weight: 4 },
  { arbitrary: fc.tuple(sentence(1, 12), fc.constantFrom('', '', ' -0-', '-0-', ' -0- www.kcna.kp (Juche110.3.23.)', '-0-(Juche113.2.29.)')).map(([s, end]) => s + end), weight: 6 },
  { arbitrary: calendarDate.map(renderDate), weight: 3 },
  {
    arbitrary: fc.constantFrom(
      '-0-', 'www.kcna.kp (Juche110.3.23.)', '(Juche113.2.29.)', '(Juche112.2.29.)', 'Pyongyang, March 23 (KCNA) -- Text.',
      'Pyongyang, February 29 (KCNA) -- Text.', 'www.kcna.kp (Juche110.13.45.)', 'March 16, 2026Mar 16, 2026',
      'More From KCNA.kp (En)', 'More From Voice of Korea (EN)', 'More Articles', 'More  Articles', 'February 30, 2026', 'February 29, 2023',
      'Sept. 31, 2025', 'January 12, 2021', 'Pyongyang, March 23 (KCNA) --', 'Pyongyang, February 30 (KCNA) -- text', 'Kim Jong Un ,', '',
      '   ', '\t', '-0--0-', 'More From', 'More From ', ', March 3 (KCNA) --',
    ),
    weight: 5,
  },
  {
    // The furniture and datelines of the other page layouts (docs/layouts/), and near misses.
    arbitrary: fc.constantFrom(
      'KCNA KCNA.kp (En)', 'KCNA Voice of Korea (EN)', 'Date: 13/12/2019 | Source: KCNA.kp (En) | Read original version at source',
      'Date: 31/02/2019 | Source: (En) | Read original version at source', 'Date: 01/01/2024 | Source: KCNA.kp (En)', 'Share Button',
      'calendar>>November 27. 2008 Juche 97', 'calendar>> March 18. 2014 Juche 103 |', 'calendar>>March 5. 2011 Juch 100',
      "TODAY'S NEWS (December.02.2001 Juche 90)", 'For Spanish-speaking people', 'Korean Central News Agency of DPRK via Korea News Service (KNS)',
      '|', 'Body text in a table cell. |', 'Copyright (C) KOREA NEWS SERVICE(KNS) All Rights Reserved.', 'Copyright \u00a9 2019 KNS',
      'Get North Korea headlines delivered to your inbox daily', 'To write your feedbacks', 'www.kcna.kp (2025.12.14.)', '(2025.2.30.)',
      ' (평양 5월 20일발 조선중앙통신)본문이다.', '(평양 5월 20일발 조선중앙통신)', '(평양 2월 30일발 조선중앙통신)',
      'e091401 - A Title Here     Pyongyang, September 14 (KCNA) -- Text.', 'e091401 - A Title Here', 'Pyongyang June 18 (KCNA) - Text.',
      'Pyongyang,July 9 (KCNA) -- Text', 'Pyongyang, June 1 (KCNA) \u2014 An excerpt cut short [\u2026]', 'A post without a dateline [...]',
      'Kim Jong Un Sends Greetings to', 'President of Laos', '    indented paragraph', '     Pyongyang, December 1 (KCNA) -- wrapped',
      'continuation at column 0', 'February 03, 2026Feb 03, 2026', 'Text that trails off...',
    ),
    weight: 5,
  },
  { arbitrary: nastyString.map((s) => s.slice(0, 40)), weight: 1 },
);

const soupHeading = fc.constantFrom('More From KCNA.kp (En)', 'More From Voice of Korea (EN)', 'More  From\tKCNA.co.jp (En)');

/**
 * Dump-like text: soup lines, then often a teaser heading and more soup rich in teaser entries,
 * with padding and mixed line endings.
 */
export const soupText: fc.Arbitrary<string> = fc
  .tuple(
    fc.array(soupLine, { maxLength: 20 }),
    fc.option(soupHeading, { nil: null }),
    fc.array(fc.oneof({ arbitrary: teaserChunk, weight: 2 }, { arbitrary: soupLine, weight: 1 }), { maxLength: 10 }),
    fc.array(fc.tuple(fc.constantFrom(...PADS), fc.constantFrom('\n', '\n', '\r\n', '\r')), { minLength: 1, maxLength: 8 }),
    fc.boolean(),
  )
  .map(([lead, heading, tail, layouts, bom]) => {
    const lines = [...lead, ...(heading === null ? [] : [heading]), ...tail];
    const text = lines.map((line, i) => {
      const [pad, eol] = layouts[i % layouts.length]!;
      return pad + line + pad + eol;
    });
    return (bom ? '\ufeff' : '') + text.join('');
  });

/** Parser options: a --year and a path, either of which may agree with the dateline or not. */
export const parseOptions: fc.Arbitrary<ParseOptions> = fc
  .record({
    year: fc.option(fc.oneof(fc.integer({ min: 1000, max: 9999 }), fc.constantFrom(2021, 2023, 2024)), { nil: undefined }),
    path: fc.option(fc.constantFrom('a/2021-03-23.txt', 'b/20240229-x.txt', 'c/2021-03-23/2020-03-23.txt', 'plain.txt'), { nil: null }),
  })
  .map(({ year, path }) => (year === undefined ? { path } : { path, year }));

/** Dump-like text with hostile characters spliced in at random places. */
export const splicedText: fc.Arbitrary<string> = fc
  .tuple(soupText, fc.array(fc.tuple(fc.nat(), nastyString.map((s) => s.slice(0, 6))), { minLength: 1, maxLength: 5 }))
  .map(([text, splices]) =>
    splices.reduce((out, [at, piece]) => {
      const i = at % (out.length + 1);
      return out.slice(0, i) + piece + out.slice(i);
    }, text),
  );

export const soupBytes: fc.Arbitrary<Uint8Array> = fc
  .tuple(soupText, fc.constantFrom<Encoding>('utf-8', 'utf-8', 'utf-16le', 'utf-16be'))
  .map(([text, encoding]) => encode(text.replace(/^\ufeff/u, ''), encoding, text.startsWith('\ufeff')));

// ---------------------------------------------------------------------------------------------
// Fixture mutations

export type Mutation =
  | { kind: 'drop' | 'double'; at: number }
  | { kind: 'swap'; at: number; with: number }
  | { kind: 'truncate'; at: number; keep: number }
  | { kind: 'insert-line'; at: number; text: string }
  | { kind: 'line-endings'; eol: '\n' | '\r\n' | '\r' | 'mixed' }
  | { kind: 'insert-bytes'; at: number; bytes: number[] }
  | { kind: 'cut-bytes'; at: number };

const index = fc.nat({ max: 10_000 });

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constantFrom('drop', 'double'), at: index }),
  fc.record({ kind: fc.constant('swap'), at: index, with: index }),
  fc.record({ kind: fc.constant('truncate'), at: index, keep: index }),
  fc.record({ kind: fc.constant('insert-line'), at: index, text: fc.oneof(soupLine, nastyString) }),
  fc.record({ kind: fc.constant('line-endings'), eol: fc.constantFrom('\n', '\r\n', '\r', 'mixed') }),
  fc.record({ kind: fc.constant('insert-bytes'), at: index, bytes: fc.array(fc.oneof(fc.constantFrom(...NASTY_BYTES), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }) }),
  fc.record({ kind: fc.constant('cut-bytes'), at: index }),
);

/**
 * Applies mutations to a fixture's bytes. Line mutations work on decoded lines (so UTF-16 fixtures
 * stay UTF-16), byte mutations on the re-encoded bytes; indices wrap around the actual length.
 */
export function mutate(fixture: Uint8Array, mutations: readonly Mutation[]): Uint8Array {
  const decoded = decodeBytes(fixture);
  const split = splitLines(decoded.text);
  const lines = split.lines.map((line) => line.raw);
  let eol: Layout['eol'] = split.lineEndings === 'crlf' ? '\r\n' : split.lineEndings === 'cr' ? '\r' : split.lineEndings === 'mixed' ? 'mixed' : '\n';
  const lineOps = mutations.filter((m) => m.kind !== 'insert-bytes' && m.kind !== 'cut-bytes');
  for (const m of lineOps) {
    const at = lines.length === 0 ? 0 : m.kind === 'line-endings' ? 0 : m.at % lines.length;
    switch (m.kind) {
      case 'drop':
        lines.splice(at, 1);
        break;
      case 'double':
        if (lines.length > 0) lines.splice(at, 0, lines[at]!);
        break;
      case 'swap':
        if (lines.length > 1) {
          const other = m.with % lines.length;
          [lines[at], lines[other]] = [lines[other]!, lines[at]!];
        }
        break;
      case 'truncate':
        if (lines.length > 0) lines[at] = lines[at]!.slice(0, m.keep % (lines[at]!.length + 1));
        break;
      case 'insert-line':
        lines.splice(m.at % (lines.length + 1), 0, m.text);
        break;
      case 'line-endings':
        eol = m.eol;
        break;
    }
  }
  let bytes = Buffer.from(render(lines, { ...PLAIN, eol, encoding: decoded.encoding, bom: decoded.bom }));
  for (const m of mutations) {
    if (m.kind === 'insert-bytes') {
      const at = m.at % (bytes.length + 1);
      bytes = Buffer.concat([bytes.subarray(0, at), Uint8Array.from(m.bytes), bytes.subarray(at)]);
    } else if (m.kind === 'cut-bytes') {
      bytes = bytes.subarray(0, m.at % (bytes.length + 1));
    }
  }
  return bytes;
}
