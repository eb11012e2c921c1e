/**
 * The registry of output formats: one module per format (./json.ts, ./csv.ts...), each saying what
 * it is (name, extensions, the records and options it takes, its schema, how validate reads it)
 * and how it is written (renderer, and assembler or table writer). Everything else — the --format
 * choices in the help, the extension rules of -o, --out-dir and validate, the usage rules, the
 * `schema` command — is read from here, so that a new format is one module added to FORMAT_MODULES.
 *
 * The modules are plain data and small functions: the libraries a format writes with (csv-stringify,
 * SQLite, the Parquet writer, the ninjs mapping) are imported when its renderer or writer is made,
 * so that start-up pays only for the formats a run uses.
 */
import { csvFormat } from './csv.js';
import { jsonFormat } from './json.js';
import { ndjsonFormat } from './ndjson.js';
import { ninjsFormat } from './ninjs.js';
import { parquetFormat } from './parquet.js';
import { sqliteFormat } from './sqlite.js';
import type { FormatModule, FormatOption, FormatReader, RecordKind } from '../writer.js';

/** Every format, in the order the help lists them; the first is the default. */
export const FORMAT_MODULES = [jsonFormat, ndjsonFormat, csvFormat, ninjsFormat, sqliteFormat, parquetFormat] as const;

/** A format's name: 'json', 'ndjson', 'csv', 'ninjs', 'sqlite', 'parquet'. */
export type Format = (typeof FORMAT_MODULES)[number]['name'];

/** The names of the formats, in order (the --format choices of the main command). */
export const FORMATS: readonly Format[] = FORMAT_MODULES.map((module) => module.name);

const BY_NAME = new Map<string, FormatModule<Format>>(FORMAT_MODULES.map((module) => [module.name, module]));

/** The module of a format. */
export function formatModule(name: Format): FormatModule<Format> {
  const module = BY_NAME.get(name);
  if (module === undefined) throw new Error(`unknown format ${name}`);
  return module;
}

/** Extensions read as a format, longest first ('.ninjs.json' before '.json'). */
const EXTENSION_FORMATS: ReadonlyArray<readonly [string, Format]> = FORMAT_MODULES.flatMap((module) => module.extensions.map((extension) => [extension, module.name] as const)).sort(
  (a, b) => b[0].length - a[0].length,
);

/** The format a file's name implies (.json, .ndjson/.jsonl, .csv, .ninjs.json, .sqlite...), or undefined. */
export function formatFromPath(file: string | undefined): Format | undefined {
  const lower = file?.toLowerCase() ?? '';
  return EXTENSION_FORMATS.find(([extension]) => lower.endsWith(extension))?.[1];
}

/** The extension an output of the format gets when kcna-parse names the file (--out-dir). */
export function outputExtension(format: Format): string {
  return formatModule(format).extensions[0]!;
}

/** The formats `kcna-parse validate` reads. */
export const VALIDATED_FORMATS: readonly Format[] = FORMAT_MODULES.filter((module) => module.reader !== undefined).map((module) => module.name);

/** How validate reads a format's files, or undefined when it does not. */
export function readerOf(format: Format): FormatReader | undefined {
  return formatModule(format).reader;
}

/**
 * The extensions a folder walk of validate takes: those of the formats it reads, without any that
 * a shorter one already takes ('.ninjs.json' ends in '.json').
 */
export const VALIDATED_EXTENSIONS: readonly string[] = (() => {
  const all = [...new Set(FORMAT_MODULES.filter((module) => module.reader !== undefined).flatMap((module) => module.extensions))];
  return all.filter((extension) => !all.some((other) => other !== extension && extension.endsWith(other)));
})();

/** The formats `kcna-parse schema --format` prints a schema of. */
export const SCHEMA_FORMATS: readonly Format[] = FORMAT_MODULES.filter((module) => module.schema !== undefined).map((module) => module.name);

/** The formats that take an option only some take (--bom: csv). */
export function formatsTaking(option: FormatOption): Format[] {
  return FORMAT_MODULES.filter((module) => (module.options as readonly FormatOption[]).includes(option)).map((module) => module.name);
}

/** Whether a format writes a kind of record. */
export function writesRecords(format: Format, records: RecordKind): boolean {
  return formatModule(format).recordKinds.includes(records);
}
