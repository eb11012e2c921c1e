/** The output formats and the file-name extensions that stand for them: the one table of both. */
import type { Format } from './writer.js';

/** The extension an output of each format gets when kcna-parse names the file (one output per input). */
export const FORMAT_EXTENSIONS: Readonly<Record<Format, string>> = { json: '.json', ndjson: '.ndjson', csv: '.csv', ninjs: '.ninjs.json' };

/** Extensions read as a format, longest first ('.ninjs.json' before '.json'). */
const EXTENSION_FORMATS: ReadonlyArray<readonly [string, Format]> = [
  ['.ninjs.json', 'ninjs'],
  ['.ndjson', 'ndjson'],
  ['.jsonl', 'ndjson'],
  ['.json', 'json'],
  ['.csv', 'csv'],
];

/** The format a file's name implies (.json, .ndjson/.jsonl, .csv, .ninjs.json), or undefined. */
export function formatFromPath(file: string | undefined): Format | undefined {
  const lower = file?.toLowerCase() ?? '';
  return EXTENSION_FORMATS.find(([extension]) => lower.endsWith(extension))?.[1];
}
