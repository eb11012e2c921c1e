/**
 * kcna-parse as a library: what `import … from 'kcna-parse'` gives.
 *
 *   import { parseDispatch } from 'kcna-parse';
 *   const result = parseDispatch(bytes, { path: 'archive/2021/03/sample.txt' });
 *   if (result.ok) console.log(result.document.lead.title);
 *   else console.error(result.code, result.message);
 *
 * Only re-exports, so each name keeps the documentation written where it is defined, and importing
 * this module does no work: no file is read and no schema compiled (the validators are generated
 * ahead of time). The command line lives in src/cli/ and is not part of this surface.
 */

// Parsing one dump, in memory.
export { parseDispatch, SCHEMA_VERSION } from './parse/parse.js';
export type { ParseOptions, ParseResult, ParseSuccess, ParseFailure, ParseFailureCode } from './parse/parse.js';

// Converting files, patterns and standard input, as the CLI does.
export { parseFiles } from './pipeline/convert.js';
export type { ParseFilesOptions, ConvertOptions, FileResult, FileSuccess, FileFailure } from './pipeline/convert.js';
export type { InputRef } from './io/inputs.js';

// Validation against the published schemas.
export { validateDocument, checkDocument, checkRecord } from './schema/validate.js';
export type { ValidationResult, SchemaIssue, RecordSchema } from './schema/validate.js';

// The document types, generated from schemas/dispatch.schema.json.
export type { Dispatch, Source, Story, Page, Lead, Dateline, Teaser, TeaserSection, Warning, WarningCode, YearSource } from './schema/types.js';

// IPTC ninjs 3.1 export.
export { toNinjs, NINJS_SCHEMA_URI } from './emit/ninjs.js';
export type { NinjsItem, NinjsObject, NinjsAssociation, NinjsText, NinjsBody } from './emit/ninjs.js';

// Errors.
export { KcnaError, isKcnaError } from './errors.js';
export type { ErrorCode } from './errors.js';
export { UsageError, ERROR_CODES, errorKind } from './errors.js';
export type { ErrorKind } from './errors.js';
