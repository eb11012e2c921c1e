/**
 * `kcna-parse schema [NAME]`: prints a published schema, byte for byte the file in schemas/: the one
 * named (`report`: what `kcna-parse report -f json` writes), or else the records' schema that
 * --format and --records choose.
 */
import { formatModule, type Format } from '../emit/formats/index.js';
import type { RecordKind, SchemaSource } from '../emit/writer.js';
import { UsageError, isKcnaError } from '../errors.js';
import { StreamSink } from '../io/sink.js';
import { readSchemaFile } from '../package-info.js';
import { SCHEMA_FILES, type RecordSchema } from '../schema/validate.js';
import { Reporter } from './render.js';
import { EXIT, exitStatusOf, isBrokenPipe } from './exit.js';
import type { Streams } from './streams.js';

/**
 * What `schema --format X --records Y` prints, from the format's module: a file of schemas/, or
 * text the module makes (SQLite's DDL...). A format without a schema of its own (ninjs, whose
 * schema is IPTC's) is not among the command's --format choices.
 */
export function schemaFor(format: Format | undefined, records: RecordKind): SchemaSource {
  const module = formatModule(format ?? 'json');
  if (module.schema === undefined) throw new UsageError(`--format ${module.name} has no schema kcna-parse publishes`);
  return module.schema(records);
}

/** The schemas by name: the records' (schemas/<name>.schema.json) and the archive report's. */
export const SCHEMA_NAMES = ['dispatch', 'teaser-record', 'dispatch-row', 'teaser-row', 'report'] as const;

/** The file of a schema named on the command line. */
export function schemaFileNamed(name: string): string {
  if (name === 'report') return 'report.schema.json';
  if ((SCHEMA_NAMES as readonly string[]).includes(name)) return SCHEMA_FILES[name as RecordSchema];
  throw new UsageError(`unknown schema '${name}': name one of ${SCHEMA_NAMES.join(', ')}, or none for the records' schema that --format and --records choose`, 'USAGE_ERROR');
}

export async function runSchema(options: { format?: Format; records: RecordKind; name?: string }, io: Streams): Promise<number> {
  const source = options.name === undefined ? schemaFor(options.format, options.records) : { file: schemaFileNamed(options.name) };
  const text = 'text' in source ? source.text : readSchemaFile(source.file).toString('utf8');
  // Through the same sink as converted output: a closed pipe (`| head -c0`) ends the run quietly
  // with 141, any other write error (a full disk) is reported and exits 1.
  const sink = new StreamSink(io.stdout);
  try {
    sink.write(text);
    await sink.commit();
  } catch (error) {
    if (!isKcnaError(error)) throw error;
    if (isBrokenPipe(error)) return exitStatusOf(error);
    (await Reporter.create(io, { quiet: false })).fatal(error.message);
    return exitStatusOf(error);
  }
  return EXIT.ok;
}
