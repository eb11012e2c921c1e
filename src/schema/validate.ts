/**
 * Validation against the published schemas, with validators compiled ahead of time by
 * scripts/build-validators.mjs (ajv standalone code): nothing is compiled at start-up.
 */
import {
  DISPATCH_ROW_COLUMNS,
  TEASER_ROW_COLUMNS,
  validateDispatch as compiledDispatch,
  validateDispatchRow,
  validateTeaserRecord,
  validateTeaserRow,
} from './generated/validators.js';
import { invalidArgument } from '../arguments.js';
import { KcnaError } from '../errors.js';
import type { Dispatch } from './types.js';

/** The CSV columns, in order: the properties of schemas/dispatch-row.schema.json. */
export const DISPATCH_COLUMNS: readonly string[] = DISPATCH_ROW_COLUMNS;
/** The CSV columns of --records teasers: the properties of schemas/teaser-row.schema.json. */
export const TEASER_COLUMNS: readonly string[] = TEASER_ROW_COLUMNS;

/** One reason a value does not follow a schema. */
export interface SchemaIssue {
  /** JSON Pointer to the offending value ('' for the root). */
  pointer: string;
  /** What is wrong, e.g. "must have required property 'id'". */
  message: string;
}

/** The outcome of a check against a schema: valid, or the problems found. */
export type ValidationResult = { valid: true } | { valid: false; issues: SchemaIssue[] };

interface CompiledValidator {
  (data: unknown): boolean;
  errors?: Array<{ instancePath: string; message?: string; params?: Record<string, unknown> }> | null;
}

export function runValidator(validator: CompiledValidator, value: unknown): ValidationResult {
  if (validator(value)) return { valid: true };
  const issues = (validator.errors ?? []).map((error) => ({
    pointer: error.instancePath,
    message: describe(error.message ?? 'is invalid', error.params),
  }));
  return { valid: false, issues };
}

function describe(message: string, params: Record<string, unknown> | undefined): string {
  if (params && typeof params['additionalProperty'] === 'string') return `${message}: '${params['additionalProperty']}'`;
  if (params && Array.isArray(params['allowedValues'])) return `${message}: ${params['allowedValues'].map((v) => JSON.stringify(v)).join(', ')}`;
  if (params && 'allowedValue' in params) return `${message}: ${JSON.stringify(params['allowedValue'])}`;
  return message;
}

/** Checks a value against schemas/dispatch.schema.json. */
export function validateDocument(value: unknown): value is Dispatch {
  return (compiledDispatch as CompiledValidator)(value);
}

/** Like validateDocument, but says what is wrong. */
export function checkDocument(value: unknown): ValidationResult {
  return checkRecord('dispatch', value);
}

/** The kinds of record the tool writes, each with its published schema. */
export type RecordSchema = 'dispatch' | 'teaser-record' | 'dispatch-row' | 'teaser-row';

const VALIDATORS: Record<RecordSchema, CompiledValidator> = {
  dispatch: compiledDispatch as CompiledValidator,
  'teaser-record': validateTeaserRecord as CompiledValidator,
  'dispatch-row': validateDispatchRow as CompiledValidator,
  'teaser-row': validateTeaserRow as CompiledValidator,
};

/**
 * Checks a value against one of the published schemas.
 * @throws KcnaError INVALID_OPTION when `schema` names none of them.
 */
export function checkRecord(schema: RecordSchema, value: unknown): ValidationResult {
  if (typeof schema !== 'string' || !Object.hasOwn(VALIDATORS, schema)) {
    throw invalidArgument('argument schema', "'dispatch', 'teaser-record', 'dispatch-row' or 'teaser-row'", schema);
  }
  return runValidator(VALIDATORS[schema], value);
}

/** The file in schemas/ that defines each kind of record. */
export const SCHEMA_FILES: Record<RecordSchema, string> = {
  dispatch: 'dispatch.schema.json',
  'teaser-record': 'teaser-record.schema.json',
  'dispatch-row': 'dispatch-row.schema.json',
  'teaser-row': 'teaser-row.schema.json',
};

/**
 * The error for output that fails its own schema: a bug, reported for that input only.
 * @param what e.g. 'the document does not follow the schema'
 */
export function schemaViolation(what: string, issues: readonly SchemaIssue[], path: string | null): KcnaError {
  const first = issues[0];
  const detail = first ? `${first.pointer || '/'} ${first.message}` : 'no detail';
  return new KcnaError('SCHEMA_VIOLATION', `internal error: ${what} (${detail}); please report this with the input file`, { path });
}
