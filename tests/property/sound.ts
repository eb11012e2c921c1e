/**
 * Shared by the property tests: run the parser and list everything wrong with its result, and the
 * fast-check parameters. A failing property prints its seed and path; replay it with
 * FC_SEED=<seed> FC_PATH=<path> npx vitest run tests/property/<file>, and search deeper with
 * FC_RUNS_SCALE=10.
 */
import type fc from 'fast-check';
import { parseDispatch, type ParseOptions, type ParseResult } from '../../src/parse/parse.js';
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
  const schema = checkDocument(result.document);
  const schemaProblems = schema.valid ? [] : schema.issues.map((issue) => `schema: ${issue.pointer || '/'} ${issue.message}`);
  if (result.diagnostics !== result.document.warnings) schemaProblems.push('diagnostics is not document.warnings');
  return [...schemaProblems, ...accountLines(input, result.document)];
}

/** Parses and checks in one go; the parser must not throw, so any exception fails the property. */
export function parseAndCheck(input: string | Uint8Array, options?: ParseOptions): { result: ParseResult; problems: string[] } {
  const result = parseDispatch(input, options);
  return { result, problems: problemsOf(input, result) };
}
