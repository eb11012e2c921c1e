/** `kcna-parse schema`: prints a published schema, byte for byte the file in schemas/. */
import type { Format, RecordKind } from '../emit/index.js';
import { isKcnaError } from '../errors.js';
import { StreamSink } from '../io/sink.js';
import { readSchemaFile } from '../package-info.js';
import { SCHEMA_FILES, type RecordSchema } from '../schema/validate.js';
import { Reporter } from './render.js';
import { EXIT, exitStatusOf, isBrokenPipe } from './exit.js';
import type { Streams } from './streams.js';

export function schemaFor(format: Format | undefined, records: RecordKind): RecordSchema {
  if (format === 'csv') return records === 'teasers' ? 'teaser-row' : 'dispatch-row';
  return records === 'teasers' ? 'teaser-record' : 'dispatch';
}

export async function runSchema(options: { format?: Format; records: RecordKind }, io: Streams): Promise<number> {
  const text = readSchemaFile(SCHEMA_FILES[schemaFor(options.format, options.records)]).toString('utf8');
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
