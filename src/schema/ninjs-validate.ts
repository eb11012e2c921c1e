/**
 * Validation against IPTC's ninjs 3.1 schema (schemas/ninjs/, as IPTC publishes it), compiled ahead
 * of time like the project's own schemas. A module of its own because the compiled schema is large:
 * only what validates ninjs loads it.
 */
import { validateNinjs } from './generated/ninjs-validator.js';
import { runValidator, type ValidationResult } from './validate.js';

const compiled = validateNinjs;

/** Checks a value against the ninjs 3.1 schema, saying what is wrong. */
export function checkNinjs(value: unknown): ValidationResult {
  const result = runValidator(compiled, value);
  if (result.valid) return result;
  // ninjs closes its objects with unevaluatedProperties: name the property, as for additionalProperties.
  const errors = compiled.errors ?? [];
  return {
    valid: false,
    issues: result.issues.map((issue, index) => {
      const extra = errors[index]?.params?.['unevaluatedProperty'];
      return typeof extra === 'string' ? { ...issue, message: `${issue.message}: '${extra}'` } : issue;
    }),
  };
}
