/**
 * JSON: one value for a single input (a path or '-'), an array otherwise — the shape follows the
 * command line, never the number of files that matched. Records are pretty-printed with two spaces.
 * NDJSON: one compact record per line, written as each input is done.
 */
import type { Dispatch } from '../schema/types.js';
import type { RecordWriter } from './writer.js';

export type ToRecords = (document: Dispatch) => unknown[];

export class JsonWriter implements RecordWriter {
  records = 0;

  constructor(
    private readonly toRecords: ToRecords,
    /** Whether the output is a single value rather than an array. */
    private readonly single: boolean,
  ) {}

  add(document: Dispatch): string {
    let text = '';
    for (const record of this.toRecords(document)) {
      const json = JSON.stringify(record, null, 2);
      if (this.single) text += `${json}\n`;
      else text += `${this.records === 0 ? '[\n' : ',\n'}${json.replace(/^/gm, '  ')}`;
      this.records++;
    }
    return text;
  }

  end(): string {
    if (this.single) return '';
    return this.records === 0 ? '[]\n' : '\n]\n';
  }
}

export class NdjsonWriter implements RecordWriter {
  records = 0;

  constructor(private readonly toRecords: ToRecords) {}

  add(document: Dispatch): string {
    let text = '';
    for (const record of this.toRecords(document)) {
      text += `${JSON.stringify(record)}\n`;
      this.records++;
    }
    return text;
  }

  end(): string {
    return '';
  }
}
