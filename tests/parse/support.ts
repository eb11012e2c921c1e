/** Small builders shared by the rule-by-rule parser tests. */
import { parseDispatch, type ParseOptions } from '../../src/parse/parse.js';
import type { Dispatch } from '../../src/schema/types.js';

/** The sample's lead dateline, with the space that follows it. */
export const DATELINE = 'Pyongyang, March 23 (KCNA) -- ';

/** Lines joined with LF and a final line ending, as most dumps are. */
export function lines(...text: string[]): string {
  return `${text.join('\n')}\n`;
}

/** The document for an input that must parse; fails the test with the parser's reason otherwise. */
export function parseOk(input: string | Uint8Array, options: ParseOptions = {}): Dispatch {
  const result = parseDispatch(input, options);
  if (!result.ok) throw new Error(`expected a document, got ${result.code}: ${result.message}`);
  return result.document;
}

/** The warning codes of a document, in order. */
export function codes(document: Dispatch): string[] {
  return document.warnings.map((warning) => warning.code);
}

/** Warnings reduced to [code, line] pairs, the part tests pin exactly. */
export function codesAt(document: Dispatch): Array<[string, number | null]> {
  return document.warnings.map((warning) => [warning.code, warning.line]);
}
