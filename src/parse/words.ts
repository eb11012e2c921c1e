/**
 * Word count: a word is a run of letters and digits, with inner apostrophes or hyphens ("DPRK-China",
 * "Workers'" once), as the regular expression WORD says. Counted by a character loop with an ASCII
 * fast path (the regular expression, with its Unicode classes, was a hot spot); tests check that
 * both agree.
 */
export const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;

const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;

function isWordChar(code: number, text: string, at: number): boolean {
  if (code < 0x80) return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39);
  return LETTER_OR_DIGIT.test(String.fromCodePoint(text.codePointAt(at)!));
}

function isJoiner(code: number): boolean {
  return code === 0x27 || code === 0x2019 || code === 0x2d; // ' ’ -
}

/** Width in UTF-16 units of the character at `at` (2 for a surrogate pair). */
function width(text: string, at: number): number {
  const code = text.charCodeAt(at);
  if (code < 0xd800 || code > 0xdbff) return 1;
  const next = text.charCodeAt(at + 1);
  return next >= 0xdc00 && next <= 0xdfff ? 2 : 1;
}

export function countWords(paragraphs: readonly string[]): number {
  let count = 0;
  for (const text of paragraphs) {
    let inWord = false;
    for (let i = 0; i < text.length; i += width(text, i)) {
      const code = text.charCodeAt(i);
      if (isWordChar(code, text, i)) {
        if (!inWord) count++;
        inWord = true;
      } else if (inWord && isJoiner(code)) {
        // A joiner continues the word only when a letter or digit follows it.
        const next = i + 1;
        inWord = next < text.length && isWordChar(text.charCodeAt(next), text, next);
      } else {
        inWord = false;
      }
    }
  }
  return count;
}
