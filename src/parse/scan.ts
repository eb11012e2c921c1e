/**
 * One pass over a paragraph for everything the parser measures in it: its word count, and whether
 * the content id's normalisation (content-id.ts) would leave it exactly as it is. Counting words
 * and testing for normalisation were three scans of every paragraph (a character loop and two
 * regular expressions); the profile of a 20,000-file batch put them at a third of the parser's time.
 *
 * A word is what WORD matches: a run of letters and digits, with inner apostrophes (' or ’) or
 * hyphens joining runs ("DPRK-China", "Workers'" once). The expression, with its Unicode classes,
 * was a hot spot; property tests hold this loop to it, and the `plain` answer to normaliseForId.
 */

/** The definition of a word, for lead.wordCount. */
export const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;

/** Classes of the ASCII characters. */
const OTHER = 0;
const WORD_CHAR = 1;
/** ' and -: join two runs of letters and digits into one word. */
const JOINER = 2;
const SPACE = 3;
/** Whitespace the id's normalisation rewrites: tab, line feed, vertical tab, form feed, return. */
const RESPACED = 4;

const ASCII = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const isWord = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
  ASCII[c] = isWord ? WORD_CHAR : c === 0x27 || c === 0x2d ? JOINER : c === 0x20 ? SPACE : c >= 0x09 && c <= 0x0d ? RESPACED : OTHER;
}

const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
/** Memo of the answer for characters of the Basic Multilingual Plane: 0 unknown, 1 yes, 2 no. */
const bmpWordChar = new Uint8Array(0x10000);

/** Whether the character starting at `at` (a code unit `code`) is a letter or a digit. */
function isWordCharAt(text: string, at: number, code: number): boolean {
  if (code < 0x80) return ASCII[code] === WORD_CHAR;
  if (code >= 0xd800 && code <= 0xdbff) return LETTER_OR_DIGIT.test(String.fromCodePoint(text.codePointAt(at)!));
  let known = bmpWordChar[code]!;
  if (known === 0) {
    known = LETTER_OR_DIGIT.test(String.fromCharCode(code)) ? 1 : 2;
    bmpWordChar[code] = known;
  }
  return known === 1;
}

/**
 * Scans a paragraph once.
 * @returns the number of words times two, plus one when normaliseForId(text) === text is known
 *   without running it (ASCII with single inner spaces, no '--', no other whitespace). Read it
 *   with wordsOf and isPlain.
 */
export function scanParagraph(text: string): number {
  const n = text.length;
  let words = 0;
  let inWord = false;
  let plain = n === 0 || (text.charCodeAt(0) !== 0x20 && text.charCodeAt(n - 1) !== 0x20);
  let previous = -1;
  for (let i = 0; i < n; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) {
      const kind = ASCII[code]!;
      if (kind === WORD_CHAR) {
        if (!inWord) words++;
        inWord = true;
      } else if (kind === JOINER) {
        // A joiner continues the word only when a letter or digit follows it.
        if (inWord) inWord = i + 1 < n && isWordCharAt(text, i + 1, text.charCodeAt(i + 1));
        if (code === 0x2d && previous === 0x2d) plain = false;
      } else {
        inWord = false;
        if (kind === RESPACED || (kind === SPACE && previous === 0x20)) plain = false;
      }
    } else {
      plain = false;
      if (isWordCharAt(text, i, code)) {
        if (!inWord) words++;
        inWord = true;
        // A surrogate pair is one character: skip its second half.
        if (code <= 0xdbff && code >= 0xd800) {
          const next = text.charCodeAt(i + 1);
          if (next >= 0xdc00 && next <= 0xdfff) i++;
        }
      } else if (code === 0x2019) {
        if (inWord) inWord = i + 1 < n && isWordCharAt(text, i + 1, text.charCodeAt(i + 1));
      } else {
        inWord = false;
        if (code >= 0xd800 && code <= 0xdbff) {
          const next = text.charCodeAt(i + 1);
          if (next >= 0xdc00 && next <= 0xdfff) i++;
        }
      }
    }
    previous = code;
  }
  return words * 2 + (plain ? 1 : 0);
}

/** The word count of a scanParagraph result. */
export function wordsOf(scan: number): number {
  return Math.floor(scan / 2);
}

/** Whether a scanParagraph result says the text needs no normalising for the id. */
export function isPlain(scan: number): boolean {
  return scan % 2 === 1;
}
