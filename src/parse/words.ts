/**
 * Word count: a word is a run of letters and digits, with inner apostrophes or hyphens ("DPRK-China",
 * "Workers'" once), as the regular expression WORD says. Counted by scan.ts's one pass over each
 * paragraph (the regular expression, with its Unicode classes, was a hot spot); tests check that
 * both agree.
 */
import { scanParagraph, wordsOf } from './scan.js';

export const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;

export function countWords(paragraphs: readonly string[]): number {
  let count = 0;
  for (const text of paragraphs) count += wordsOf(scanParagraph(text));
  return count;
}
