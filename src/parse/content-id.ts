/**
 * The content id: the same story captured twice, or served by two mirrors, gets the same id.
 * Recipe (version 1, documented in docs/content-id.md; changing it is a major schema change):
 *
 *   1. Each field is normalised: Unicode NFKC; '--', em dash, en dash and the other dash
 *      punctuation folded to '-'; curly quotes straightened; whitespace runs collapsed to one
 *      space; trimmed.
 *   2. The key is 'kcna-parse/id/1', place, month, day and each paragraph, joined by U+001F
 *      (place empty, month and day 0 when there is no dateline). The title is not used.
 *   3. The id is the first 32 hex digits of the SHA-256 of the key's UTF-8 bytes.
 */
import { sha256Hex } from './hash.js';
import { isPlain, scanParagraph, wordsOf } from './scan.js';

const DASHES = /--|[\u2010-\u2015\u2212]/g;
const SINGLE_QUOTES = /[\u2018\u2019\u201a\u201b\u2032]/g;
const DOUBLE_QUOTES = /[\u201c\u201d\u201e\u201f]/g;
const WHITESPACE = /\s+/g;

const NON_ASCII = /[^\x00-\x7f]/;
/** Whitespace that the collapse would change: anything but a single space. */
const UNUSUAL_SPACE = /[^\S ]| {2}/;

export function normaliseForId(text: string): string {
  if (!NON_ASCII.test(text)) {
    // ASCII is already NFKC and has no curly quotes or dash punctuation: only '--' and spacing
    // can need work, and most paragraphs have neither. Same result as the full path, faster.
    let plain = text.includes('--') ? text.replace(DASHES, '-') : text;
    if (UNUSUAL_SPACE.test(plain)) plain = plain.replace(WHITESPACE, ' ');
    return plain.trim();
  }
  const folded = text.normalize('NFKC').replace(DASHES, '-').replace(SINGLE_QUOTES, "'").replace(DOUBLE_QUOTES, '"');
  // The collapse rewrites every space of the text; most texts have nothing for it to change.
  return (UNUSUAL_SPACE.test(folded) ? folded.replace(WHITESPACE, ' ') : folded).trim();
}

export interface IdFields {
  place: string | null;
  month: number | null;
  day: number | null;
  paragraphs: readonly string[];
}

export function contentId(fields: IdFields): string {
  return measureStory(fields).id;
}

/**
 * A story's content id and word count, from one scan of each paragraph: a paragraph the scan finds
 * plain (most of them) goes into the key as it is, the others through normaliseForId.
 */
export function measureStory({ place, month, day, paragraphs }: IdFields): { id: string; words: number } {
  let key = `kcna-parse/id/1\u001f${normaliseForId(place ?? '')}\u001f${month ?? 0}\u001f${day ?? 0}`;
  let words = 0;
  for (const text of paragraphs) {
    const scan = scanParagraph(text);
    words += wordsOf(scan);
    key += '\u001f';
    key += isPlain(scan) ? text : normaliseForId(text);
  }
  return { id: sha256Hex(key).slice(0, 32), words };
}
