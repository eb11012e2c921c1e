/** Console transcripts in Markdown (see transcripts.mjs). */
export const SHOWN_CWD: string;
export interface TranscriptCommand {
  command: string;
  expected: string[];
}
export interface TranscriptBlock {
  /** Index of the block's first line (after the opening fence) in the file's lines. */
  start: number;
  /** Index of the closing fence. */
  end: number;
  commands: TranscriptCommand[];
}
export interface Scratch {
  dir: string;
  bin: string;
  cleanup(): void;
}
export function findBlocks(markdown: string): TranscriptBlock[];
export function makeScratch(root: string): Scratch;
export function runCommand(command: string, scratch: Scratch): string[];
export function matches(expected: readonly string[], actual: readonly string[]): boolean;
