/**
 * Shared by the property tests: run the parser and list everything wrong with its result, and the
 * fast-check parameters. A failing property prints its seed and path; replay it with
 * FC_SEED=<seed> FC_PATH=<path> npx vitest run tests/property/<file>, and search deeper with
 * FC_RUNS_SCALE=10.
 */
import type fc from 'fast-check';
import { parseDispatch, type ParseOptions, type ParseResult } from '../../src/parse/parse.js';
import type { Warning } from '../../src/schema/types.js';
import { checkDocument } from '../../src/schema/validate.js';
import { accountFailure, accountLines } from '../helpers/accounting.js';

export function params<Ts>(numRuns: number): fc.Parameters<Ts> {
  const { FC_SEED, FC_PATH, FC_RUNS_SCALE } = process.env;
  return {
    numRuns: Math.max(1, Math.round(numRuns * Number(FC_RUNS_SCALE ?? 1))),
    ...(FC_SEED ? { seed: Number(FC_SEED) } : {}),
    ...(FC_PATH ? { path: FC_PATH } : {}),
  };
}

/**
 * What is wrong with `result`, parsed from `input`: a document must be schema-valid and account
 * for every line; a failure must be EMPTY_INPUT, NOT_A_DISPATCH or (for input that looks binary)
 * BINARY_INPUT, as the input warrants, with a message.
 */
export function problemsOf(input: string | Uint8Array, result: ParseResult): string[] {
  if (!result.ok) return accountFailure(input, result);
  const schemaProblems: string[] = [];
  result.documents.forEach((document, i) => {
    const schema = checkDocument(document);
    if (!schema.valid) for (const issue of schema.issues) schemaProblems.push(`schema: documents[${i}] ${issue.pointer || '/'} ${issue.message}`);
  });
  if (result.document !== result.documents[0]) schemaProblems.push('document is not documents[0]');
  const all = result.documents.flatMap((document) => document.warnings);
  if (result.documents.length === 1 ? result.diagnostics !== result.document.warnings : JSON.stringify(result.diagnostics) !== JSON.stringify(sortedByLine(all))) {
    schemaProblems.push("diagnostics are not the documents' warnings in line order");
  }
  return [...schemaProblems, ...accountLines(input, result.documents)];
}

/** Warnings in line order (null first), stable. */
function sortedByLine(warnings: Warning[]): Warning[] {
  return warnings
    .map((warning, index) => ({ warning, index }))
    .sort((a, b) => (a.warning.line ?? 0) - (b.warning.line ?? 0) || a.index - b.index)
    .map(({ warning }) => warning);
}

/** Parses and checks in one go; the parser must not throw, so any exception fails the property. */
export function parseAndCheck(input: string | Uint8Array, options?: ParseOptions): { result: ParseResult; problems: string[] } {
  const result = parseDispatch(input, options);
  return { result, problems: problemsOf(input, result) };
}
