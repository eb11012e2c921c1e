/**
 * Validation against the published schemas, with validators compiled ahead of time by
 * scripts/build-validators.mjs (ajv standalone code): nothing is compiled at start-up.
 */
import { validateDispatch as compiledDispatch } from './generated/validators.js';
import type { Dispatch } from './types.js';

/** One reason a value does not follow a schema. */
export interface SchemaIssue {
  /** JSON Pointer to the offending value ('' for the root). */
  pointer: string;
  /** What is wrong, e.g. "must have required property 'id'". */
  message: string;
}

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
  return message;
}

/** Checks a value against schemas/dispatch.schema.json. */
export function validateDocument(value: unknown): value is Dispatch {
  return (compiledDispatch as CompiledValidator)(value);
}

/** Like validateDocument, but says what is wrong. */
export function checkDocument(value: unknown): ValidationResult {
  return runValidator(compiledDispatch as CompiledValidator, value);
}
