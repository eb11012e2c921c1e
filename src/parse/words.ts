/** A word: a run of letters and digits, with inner apostrophes or hyphens ("DPRK-China", "Workers'" once). */
const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;

export function countWords(paragraphs: readonly string[]): number {
  let count = 0;
  for (const paragraph of paragraphs) {
    WORD.lastIndex = 0;
    while (WORD.exec(paragraph) !== null) count++;
  }
  return count;
}
