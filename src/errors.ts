/**
 * The one error model. Every failure the tool reports — for a whole run or for one input — has a
 * stable code from this union; codes are public API (documented in docs/errors.md) and never
 * renamed. Messages are for people and may be reworded.
 */
export type ErrorCode =
  /** The input has no non-blank line. */
  | 'EMPTY_INPUT'
  /** The input is binary (a known file signature, or NUL bytes in a large share of its start), not text. */
  | 'BINARY_INPUT'
  /** The input has text but no dispatch structure (no dateline, no end marker, no teaser list). */
  | 'NOT_A_DISPATCH'
  /** The input could not be read (missing, unreadable, a directory...). */
  | 'READ_ERROR'
  /** The input is larger than --max-bytes; refused from its size, without reading it. */
  | 'FILE_TOO_LARGE'
  /** A document failed validation against the published schema: a bug, reported, never printed. */
  | 'SCHEMA_VIOLATION'
  /** An unexpected exception while converting one input: a bug. */
  | 'INTERNAL_ERROR'
  /** `validate`: a record does not follow its published schema, or a file cannot be parsed as its format. */
  | 'INVALID_RECORD'
  /** An option or argument has an invalid value. */
  | 'INVALID_OPTION';

/** An error with a stable code, and the input it is about when there is one. */
export class KcnaError extends Error {
  override readonly name = 'KcnaError';
  /** Stable code: match on this, not on the message. */
  readonly code: ErrorCode;
  /** The input the error is about, when there is one. */
  readonly path: string | null;

  constructor(code: ErrorCode, message: string, options: { path?: string | null; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.path = options.path ?? null;
  }
}

/** Whether a value is a KcnaError (also across copies of the package). */
export function isKcnaError(error: unknown): error is KcnaError {
  // instanceof fails when two installed copies of the package meet; the shape does not.
  return error instanceof KcnaError || (error instanceof Error && error.name === 'KcnaError' && typeof (error as { code?: unknown }).code === 'string');
}
