/**
 * Validation against IPTC's ninjs 3.1 schema (schemas/ninjs/, as IPTC publishes it), compiled ahead
 * of time like the project's own schemas. A module of its own because the compiled schema is large:
 * only what validates ninjs loads it.
 */
import { validateNinjs } from './generated/ninjs-validator.js';
import { runValidator, type ValidationResult } from './validate.js';

/** Checks a value against the ninjs 3.1 schema, saying what is wrong. */
export function checkNinjs(value: unknown): ValidationResult {
  return runValidator(validateNinjs as Parameters<typeof runValidator>[0], value);
}
