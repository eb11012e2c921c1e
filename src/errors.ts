/**
 * The one error model. Every failure the tool reports — for a whole run, for one input or for one
 * output — is a KcnaError with a stable code from this union; codes are public API (documented in
 * docs/errors.md) and never renamed. Messages are for people and may be reworded; they never name
 * command-line flags (the command line adds its own hints, by code).
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
  /** The input is larger than the size limit; refused from its size, without reading it. */
  | 'FILE_TOO_LARGE'
  /** The input holds more non-blank lines (a web page more text blocks) than one capture may: refused before they are held. */
  | 'TOO_MANY_LINES'
  /** The input holds more dispatches than one capture may: refused before their documents are made. */
  | 'TOO_MANY_DISPATCHES'
  /** A document failed validation against the published schema: a bug, reported, never printed. */
  | 'SCHEMA_VIOLATION'
  /** An unexpected exception while converting one input: a bug. */
  | 'INTERNAL_ERROR'
  /** `validate`: a record does not follow its published schema, or a file cannot be parsed as its format. */
  | 'INVALID_RECORD'
  /** An option or argument has an invalid value. */
  | 'INVALID_OPTION'
  /** The command line asks for something impossible: no inputs, a pattern that matches nothing, options that exclude each other. */
  | 'USAGE_ERROR'
  /** The input's records are too large to render as text (past the JavaScript engine's string limit). */
  | 'RENDER_LIMIT'
  /** An output would overwrite an input, another output of the same run, or escape its folder. */
  | 'OUTPUT_CONFLICT'
  /** An output could not be written (disk full, permission denied, the reader closed the pipe...). */
  | 'WRITE_ERROR'
  /** A web archive (WARC, WACZ) is damaged or unsafe: cut short, a record whose length lies, bytes between records, a broken gzip member, a WACZ whose files disagree with its hashes, a zip naming paths outside itself. */
  | 'ARCHIVE_DAMAGED';

/** What an error is about; the command line maps each kind to an exit status in one place. */
export type ErrorKind =
  /** One input produced no document: the run goes on with the others. */
  | 'input'
  /** The command line itself is wrong: nothing is converted. */
  | 'usage'
  /** Output could not be written. */
  | 'output';

const KINDS: Record<ErrorCode, ErrorKind> = {
  EMPTY_INPUT: 'input',
  BINARY_INPUT: 'input',
  NOT_A_DISPATCH: 'input',
  READ_ERROR: 'input',
  FILE_TOO_LARGE: 'input',
  TOO_MANY_LINES: 'input',
  TOO_MANY_DISPATCHES: 'input',
  SCHEMA_VIOLATION: 'input',
  INTERNAL_ERROR: 'input',
  INVALID_RECORD: 'input',
  RENDER_LIMIT: 'input',
  OUTPUT_CONFLICT: 'output',
  WRITE_ERROR: 'output',
  INVALID_OPTION: 'usage',
  USAGE_ERROR: 'usage',
  ARCHIVE_DAMAGED: 'input',
};

/** Every error code, in the order of the union (and of docs/errors.md). */
export const ERROR_CODES = Object.keys(KINDS) as readonly ErrorCode[];

/** An error with a stable code, and the input or output it is about when there is one. */
export class KcnaError extends Error {
  override readonly name: string = 'KcnaError';
  /** Stable code: match on this, not on the message. */
  readonly code: ErrorCode;
  /** The input (or output) the error is about, when there is one. */
  readonly path: string | null;
  /** The system error code behind it (e.g. 'ENOSPC', 'EPIPE'), when there is one. */
  readonly errno: string | null;
  /** For an error inside a web archive: the byte offset of the record (or of the damage), as a CDX index gives it. */
  readonly offset: number | null;
  /** For an error about a web archive's record: its WARC-Record-ID, when it has one. */
  readonly recordId: string | null;

  constructor(
    code: ErrorCode,
    message: string,
    options: { path?: string | null; cause?: unknown; errno?: string | null; offset?: number | null; recordId?: string | null } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.path = options.path ?? null;
    this.errno = options.errno ?? null;
    this.offset = options.offset ?? null;
    this.recordId = options.recordId ?? null;
  }

  /** Whether the error is about one input, the command line, or an output. */
  get kind(): ErrorKind {
    return KINDS[this.code];
  }
}

/**
 * A command-line mistake, found before anything is converted. Kept as its own name for callers
 * that matched on it; it is a KcnaError like every other error.
 */
export class UsageError extends KcnaError {
  override readonly name: string = 'UsageError';
  constructor(message: string, code: 'USAGE_ERROR' | 'INVALID_OPTION' = 'USAGE_ERROR') {
    super(code, message);
  }
}

/** Whether a value is a KcnaError (also across copies of the package). */
export function isKcnaError(error: unknown): error is KcnaError {
  // instanceof fails when two installed copies of the package meet; the shape does not.
  return (
    error instanceof KcnaError ||
    (error instanceof Error && (error.name === 'KcnaError' || error.name === 'UsageError') && typeof (error as { code?: unknown }).code === 'string')
  );
}

/** The kind of any error code (for errors that crossed a thread as plain data). */
export function errorKind(code: ErrorCode): ErrorKind {
  return KINDS[code];
}

/** An unexpected exception while handling one input, as that input's error. */
export function internalError(display: string, error: unknown): KcnaError {
  if (isStringLimit(error)) {
    return new KcnaError('RENDER_LIMIT', 'its records are too large to hold as text (the engine limits a string to about 512 MiB)', { path: display, cause: error });
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new KcnaError('INTERNAL_ERROR', `internal error: ${detail}; please report this with the input file`, { path: display, cause: error });
}

/** V8's RangeError for a string past its maximum length. */
function isStringLimit(error: unknown): boolean {
  return error instanceof RangeError && /Invalid string length|Array buffer allocation failed|Invalid typed array length/.test(error.message);
}
