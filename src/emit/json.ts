/**
 * JSON: one value for a single input (a path or '-') holding one dispatch, an array otherwise — the
 * shape follows the command line and the input, never the number of files that matched: a single
 * file holding several dispatches (a daily page, a listing) gives an array of them. Records are
 * pretty-printed with two spaces.
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
      // A single input's records are indented by the assembler, once it knows there are several.
      return single ? json : indent(json);
    });
}

function indent(json: string): string {
  return json.replace(/^/gm, '  ');
}

export function ndjsonRenderer(toRecords: ToRecords): Renderer {
  return (document) => toRecords(document).map((record) => `${JSON.stringify(record)}\n`);
}

/**
 * One value as it is, when a single input gives one record; otherwise an array, opened by its
 * first record and closed at the end.
 */
export function jsonAssembler(single: boolean): Assembler {
  let records = 0;
  // A single input is added in one call, so its record count decides between a value and an array.
  let asValue = false;
  return {
    get records() {
      return records;
    },
    add(rendered) {
      if (single && records === 0 && rendered.length === 1) {
        asValue = true;
        records = 1;
        return `${rendered[0]}\n`;
      }
      let text = '';
      for (const record of rendered) text += `${records++ === 0 ? '[\n' : ',\n'}${single ? indent(record) : record}`;
      return text;
    },
    end() {
      if (asValue || (single && records === 0)) return '';
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
