/** `kcna-parse schema`: prints a published schema, byte for byte the file in schemas/. */
import type { Format, RecordKind } from '../emit/index.js';
import { readSchemaFile } from '../package-info.js';
import { SCHEMA_FILES, type RecordSchema } from '../schema/validate.js';
import { EXIT, type Streams } from './streams.js';

export function schemaFor(format: Format | undefined, records: RecordKind): RecordSchema {
  if (format === 'csv') return records === 'teasers' ? 'teaser-row' : 'dispatch-row';
  return records === 'teasers' ? 'teaser-record' : 'dispatch';
}

export async function runSchema(options: { format?: Format; records: RecordKind }, io: Streams): Promise<number> {
  const bytes = readSchemaFile(SCHEMA_FILES[schemaFor(options.format, options.records)]);
  await new Promise<void>((resolve, reject) => io.stdout.write(bytes, (error) => (error ? reject(error) : resolve())));
  return EXIT.ok;
}
