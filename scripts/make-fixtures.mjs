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

// ---------------------------------------------------------------------------------------------
// Page layouts (docs/layouts/). The text is paraphrased; the line structure is that of real public
// captures, each defect included. One case per layout, plus one per named defect.

const KCNAWATCH_2024 = [
  'February 03, 2026Feb 03, 2026',
  'KCNA KCNA.kp (En)',
  'Kim Jong Un Visits Newly Built Regional Hospital',
  'Date: 28/05/2024 | Source: KCNA.kp (En) | Read original version at source',
  '',
  'Pyongyang, May 27 (KCNA) -- General Secretary Kim Jong Un visited a newly built regional hospital on Monday.',
  '',
  'He looked round the wards, the operating rooms and the pharmacy, and praised the builders for their speed.',
  '',
  'He said the hospital would serve the health of the people of the province for a long time to come. -0-',
  '',
  'www.kcna.kp (Juche113.5.27.)',
  'More From KCNA.kp (En)',
  'Delegation Leaves for Laos',
  'Delegation Leaves for Laos',
  'Pyongyang, March 1 (KCNA) -- A government delegation left here for Vientiane on Sunday to attend',
  'March 01, 2026',
  'Pyongyang, March 1 (KCNA) -- A government delegation left here for Vientiane on Sunday to attend',
  'Farmers Finish Spring Ploughing',
  'Farmers Finish Spring Ploughing',
  'Farmers in South Hwanghae Province have finished the spring ploughing ahead of schedule, according to',
  'February 28, 2026',
  'Farmers in South Hwanghae Province have finished the spring ploughing ahead of schedule, according to',
  'One day in May the respected Comrade Kim Jong Un visited a farm and gave detailed tasks for',
  'February 27, 2026',
  'One day in May the respected Comrade Kim Jong Un visited a farm and gave detailed tasks for',
  'More Articles',
];

const layoutCases = {
  'layout-kcnawatch-2024': fixture(KCNAWATCH_2024),
  // The Date: line lags the dateline by a day, and the page date gives the year (no stamp).
  'layout-kcnawatch-2024-date-lag': fixture([
    'March 05, 2026Mar 05, 2026',
    'KCNA KCNA.co.jp (En)',
    'Anniversary of Educational Theses Marked',
    'Date: 04/03/2005 | Source: KCNA.co.jp (En) | Read original version at source',
    '',
    'Pyongyang, March 3 (KCNA) -- A meeting was held at the Grand People\'s Study House on Thursday to mark the anniversary of a work on education.',
    '',
    'Speakers said the work showed the way to train talents for the country. -0-',
    'More From KCNA.co.jp (En)',
    'Pyongyang, March 4 (KCNA) -- Schools across the country opened their spring term with new textbooks and',
    'March 04, 2026',
    'Pyongyang, March 4 (KCNA) -- Schools across the country opened their spring term with new textbooks and',
    'More Articles',
  ]),
  // Dateline December 31, page dated January 1: the story is of the year before.
  'layout-kcnawatch-2024-new-year': fixture([
    'January 02, 2026Jan 02, 2026',
    'KCNA KCNA.kp (En)',
    'New Year Celebrations Held Across Country',
    'Date: 01/01/2024 | Source: KCNA.kp (En) | Read original version at source',
    '',
    'Pyongyang, December 31 (KCNA) -- People across the country gathered in squares on the last evening of the year to see the New Year in.',
    '',
    'Fireworks lit up the sky over the Taedong River at midnight. -0-',
  ]),
  // A Voice of Korea item: no dateline and no end marker.
  'layout-kcnawatch-2024-voice-of-korea': fixture([
    'January 10, 2026Jan 10, 2026',
    'KCNA Voice of Korea (EN)',
    'Song of Spring Echoes in Factories',
    'Date: 09/01/2026 | Source: Voice of Korea (EN) | Read original version at source',
    '',
    'Workers of many factories are singing a new song about the spring of labour as they start the new year\'s production.',
    '',
    'The song was composed last month and has quickly become popular among young workers.',
    'More From Voice of Korea (EN)',
    'Youth Volunteers Head for Construction Sites',
    'Youth Volunteers Head for Construction Sites',
    'Thousands of young people volunteered to work at construction sites in the countryside this',
    'January 09, 2026',
    'Thousands of young people volunteered to work at construction sites in the countryside this',
    'More Articles',
  ]),
  // The page date is far from the dateline: no year from it, and a warning.
  'layout-kcnawatch-2024-date-mismatch': fixture([
    'KCNA KCNA.kp (En)',
    'Exhibition of Industrial Products Opens',
    'Date: 20/03/2021 | Source: KCNA.kp (En) | Read original version at source',
    '',
    'Pyongyang, March 10 (KCNA) -- An exhibition of light industry products opened at the Three-Revolution Exhibition House. -0-',
  ]),
  'layout-kcnawatch-2019': fixture([
    'Kim Yong Nam Meets Visiting Delegation',
    'Date: 15/03/2019 | Source: (En) | Read original version at source',
    'Share Button',
    '',
    'Pyongyang, March 15 (KCNA) -- Kim Yong Nam met a visiting parliamentary delegation at the Mansudae Assembly Hall on Friday.',
    '',
    'They had a friendly talk on developing relations between the two parliaments. -0-',
    '',
    'Get North Korea headlines delivered to your inbox daily',
    'Subscribe to the NK News \'Daily Update\' newsletter for the latest news',
  ]),
  // The stamp glued after the end marker.
  'layout-kcna-kp': fixture([
    'Kim Jong Un Sends Greetings to Vietnamese Leader',
    'Pyongyang, September 27 (KCNA) -- Kim Jong Un sent a message of greetings to the general secretary of the Communist Party of Viet Nam.',
    'The message wished the Vietnamese people fresh success in building a prosperous country. -0- (Juche113.9.27.)',
  ]),
  // A Gregorian stamp on its own line: the publish date.
  'layout-kcna-kp-gregorian': fixture([
    'Cabinet Plenary Meeting Held',
    'Pyongyang, December 14 (KCNA) -- An enlarged plenary meeting of the Cabinet was held on Sunday to review the year\'s economic work.',
    'The meeting discussed measures for next year\'s plan. -0-',
    'www.kcna.kp (2025.12.14.)',
  ]),
  // 1998: stories unindented; single hyphen and missing comma in the datelines; no end markers.
  'layout-kcna-co-jp-daily-1998': fixture(
    [
      'Kim Jong Il Sends Wreath to Bereaved Family',
      '',
      'Pyongyang, June 18 (KCNA) - General Secretary Kim Jong Il sent a wreath to the bereaved family of a veteran of the revolution.',
      '',
      'The wreath was laid before the bier by an official of the Central Committee.',
      '',
      'Delegation of Nepalese Party Arrives',
      '',
      'Pyongyang June 18 (KCNA) -- A delegation of a Nepalese party arrived here today by air.',
      '',
      'Factory Workers Raise Output',
      '',
      'Pyongyang, June 17 (KCNA) -- Workers of the Kangson Steel Complex overfulfilled their plan for the first half of the year.',
    ],
    { options: { path: 'kcna.co.jp/1998/06/daily.txt' } },
  ),
  // 1999 on: datelines indented, continuation paragraphs indented 4; an anchor id and title glued
  // before a dateline; no space after a dateline's comma.
  'layout-kcna-co-jp-daily-1999': fixture(
    [
      'e091401 - Kim Jong Il\'s Work Published in Chile     Pyongyang, September 14 (KCNA) -- A work of General Secretary Kim Jong Il was published by a publishing house in Chile.',
      '    The book was brought out on the occasion of a national holiday of the DPRK.',
      '',
      'Greetings to Yemeni President',
      '',
      '   Pyongyang,September 14 (KCNA) -- Kim Jong Il sent a message of greetings to the President of Yemen on the national day of his country.',
      '    The message wished the president success in his work.',
      '',
      'Early Crops Harvested',
      '',
      '     Pyongyang, September 13 (KCNA) -- Farmers of North Hwanghae Province have finished the autumn harvest of early crops.',
    ],
    { options: { path: 'kcna.co.jp/1999/09/14/news.txt' } },
  ),
  // KNS article page: the calendar a day after the dateline.
  'layout-kcna-co-jp-kns': fixture([
    'calendar>>November 27. 2008 Juche 97',
    'Korean Film Shown in Russia',
    'Pyongyang, November 26 (KCNA) -- A Korean feature film was shown at a cinema in Moscow on Tuesday.',
    'The audience of about two hundred people watched the film with deep interest.',
    'Copyright (C) KOREA NEWS SERVICE(KNS) All Rights Reserved.',
  ]),
  // 'Juch 100': the misspelling of 2011-12.
  'layout-kcna-co-jp-kns-juch': fixture([
    'calendar>>March 5. 2011 Juch 100',
    'Tree Planting Month Begins',
    'Pyongyang, March 5 (KCNA) -- The tree planting month began across the country with people planting saplings on hillsides.',
    'Copyright (C) KOREA NEWS SERVICE(KNS) All Rights Reserved.',
  ]),
  // The table-cell variant: pipes on their own lines, the whole body on one line ending ' |'.
  'layout-kcna-co-jp-kns-table': fixture([
    'calendar>> March 18. 2014 Juche 103 |',
    'Spring Sowing Begins on Farms',
    '|',
    '|',
    'Pyongyang, March 18 (KCNA) -- Farmers across the country began spring sowing of early crops, with machines and fertilizer sent in good time. Officials said the weather had been favourable. |',
    '|',
    'Copyright (C) KOREA NEWS SERVICE(KNS) All Rights Reserved.',
  ]),
  // A mailed digest: header, headline lists, then stories hard-wrapped at about 76 columns.
  'layout-digest': fixture([
    "TODAY'S NEWS (December.02.2001 Juche 90)",
    '',
    'Kim Jong Il Inspects Farm',
    'Delegation Leaves for Russia',
    '',
    'For Spanish-speaking people',
    '',
    'Kim Jong Il inspecciona granja',
    'Delegacion parte para Rusia',
    '',
    'Kim Jong Il Inspects Farm',
    '     Pyongyang, December 1 (KCNA) -- General Secretary Kim Jong Il inspected a',
    'farm in South Hwanghae Province, where he learned about this year\'s harvest',
    'and the preparations for the next one.',
    '    He praised the farmers for their work and set tasks for the coming',
    'year\'s farming.',
    '',
    'Delegation Leaves for Russia',
    '     Pyongyang, December 2 (KCNA) -- A delegation of the Ministry of Culture',
    'left here today for Moscow to attend a festival of culture.',
  ]),
  // kfauk-style listing: excerpts cut with '[…]', em dashes, curly quotes, odd leading spaces, and
  // one post without a dateline.
  'layout-listing-excerpts': fixture(
    [
      'Kim Jong Un Visits Construction Site',
      '',
      'Pyongyang, June 1 (KCNA) \u2014 Kim Jong Un visited the construction site of a \u201cmodern\u201d greenhouse farm and learned about the progress of [\u2026]',
      '',
      '  Anniversary of Children\u2019s Union Celebrated',
      '',
      '   Children across the country celebrated the founding anniversary of the Korean Children\u2019s Union with [\u2026]',
      '',
      'Flood Prevention Work Stepped Up',
      '',
      ' Pyongyang, May 31 (KCNA) \u2014 Officials of the land and environment protection sector are stepping up [\u2026]',
    ],
    { options: { path: 'kfauk/2024/06/news.txt' } },
  ),
  // Full dispatches one after another, each closed by '-0-'.
  'layout-listing-full': fixture([
    'Kim Jong Un Inspects Machine Factory',
    'Pyongyang, March 23 (KCNA) -- Kim Jong Un inspected a machine factory and learned about its production.',
    'He set tasks for modernising its equipment. -0-',
    'Delegation Leaves for Moscow',
    'Pyongyang, March 23 (KCNA) -- A trade delegation left here for Moscow on Tuesday. -0-',
    'Art Troupe Gives Performance',
    'Pyongyang, March 22 (KCNA) -- An art troupe gave a performance at the Pyongyang Grand Theatre.',
    'The audience applauded the performers warmly. -0-',
  ]),
  // Korean dateline glued straight onto the first sentence.
  'layout-korean-glued': fixture([
    '김정은동지께서 새로 건설된 병원을 돌아보시였다',
    ' (평양 5월 20일발 조선중앙통신)조선로동당 총비서이신 김정은동지께서 새로 건설된 지방병원을 돌아보시였다.',
    '총비서동지께서는 병원의 여러곳을 돌아보시며 건설자들의 노력을 높이 평가하시였다.',
    'www.kcna.kp (Juche113.5.20.)',
  ]),
  // Korean dateline standing as its own paragraph.
  'layout-korean-standalone': fixture([
    '봄철 나무심기 시작',
    '',
    ' (평양 3월 2일발 조선중앙통신)',
    '',
    '전국 각지에서 봄철 나무심기가 시작되였다.',
    '',
    '근로자들과 학생들이 산에 나무를 심고있다.',
  ]),
  // A republication: a title over two lines, an attribution line, site footers.
  'layout-republication': fixture([
    'Kim Jong Un Sends Congratulations to',
    'President of Laos',
    'Korean Central News Agency of DPRK via Korea News Service (KNS)',
    'Pyongyang, December 2 (KCNA) -- Kim Jong Un sent a message of congratulations to the President of Laos on the national day of his country.',
    'The message wished the Lao people fresh success.',
    'Copyright \u00a9 2019 Korea News Service. All rights reserved.',
    'To write your feedbacks',
  ]),
  // Year from the archive's folders: YYYY/MM/DD agreeing with the dateline.
  'year-from-path-folders': fixture(dump(), { options: { path: 'archive/2021/03/23/page.txt' } }),
  // Damaged UTF-16: a lone surrogate and a final odd byte.
  'utf16-damaged': fixture(['Pyongyang, March 23 (KCNA) -- The delegation left.', 'It arrived on Tuesday \ud800 evening. -0-'], {
    encode: (text) => Buffer.concat([utf16le(text), Buffer.from([0x41])]),
  }),
};

Object.assign(cases, layoutCases);

for (const [name, { bytes, options }] of Object.entries(cases)) {
  const dir = new URL(`${name}/`, root);
  rmSync(new URL('options.json', dir), { force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(new URL('input.txt', dir), bytes);
  if (options) writeFileSync(new URL('options.json', dir), `${JSON.stringify(options, null, 2)}\n`);
}
console.log(`wrote ${Object.keys(cases).length} fixtures`);
