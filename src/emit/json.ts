/**
 * JSON: one value for a single input (a path or '-'), an array otherwise — the shape follows the
 * command line, never the number of files that matched. Records are pretty-printed with two spaces.
 * NDJSON: one compact record per line, written as each input is done.
 */
import type { Dispatch } from '../schema/types.js';
import type { Assembler, Renderer } from './writer.js';

export type ToRecords = (document: Dispatch) => unknown[];

/** Pretty JSON; inside an array each line is indented by two more spaces. */
export function jsonRenderer(toRecords: ToRecords, single: boolean): Renderer {
  return (document) =>
    toRecords(document).map((record) => {
      const json = JSON.stringify(record, null, 2);
      return single ? `${json}\n` : json.replace(/^/gm, '  ');
    });
}

export function ndjsonRenderer(toRecords: ToRecords): Renderer {
  return (document) => toRecords(document).map((record) => `${JSON.stringify(record)}\n`);
}

/** One value as it is; or an array, opened by its first record and closed at the end. */
export function jsonAssembler(single: boolean): Assembler {
  let records = 0;
  return {
    get records() {
      return records;
    },
    add(rendered) {
      let text = '';
      for (const record of rendered) text += single ? record : `${records++ === 0 ? '[\n' : ',\n'}${record}`;
      if (single) records += rendered.length;
      return text;
    },
    end() {
      if (single) return '';
      return records === 0 ? '[]\n' : '\n]\n';
    },
  };
}

/** Records one after another (NDJSON lines). */
export function concatAssembler(): Assembler {
  let records = 0;
  return {
    get records() {
      return records;
    },
    add(rendered) {
      records += rendered.length;
      return rendered.join('');
    },
    end() {
      return '';
    },
  };
}
