/**
 * ninjs (IPTC News in JSON 3.1): one news item per dispatch, shaped as JSON is (one value or an
 * array). The mapping (../ninjs.ts) is loaded when a run writes ninjs; its schema is IPTC's.
 */
import { jsonAssembler, jsonRenderer } from '../json.js';
import type { TextFormat } from '../writer.js';
import { singleValue } from './json.js';

export const ninjsFormat: TextFormat<'ninjs'> = {
  kind: 'text',
  name: 'ninjs',
  extensions: ['.ninjs.json'],
  recordKinds: ['dispatches'],
  recordKindsNote: 'its teasers are associations',
  options: [],
  reader: { syntax: 'json', schema: 'ninjs' },
  async renderer(spec) {
    // Documents reach the renderer checked against their schema (pipeline/convert.ts).
    const { ninjsItem } = await import('../ninjs.js');
    return jsonRenderer((document) => [ninjsItem(document)], singleValue(spec));
  },
  async assembler(spec) {
    return jsonAssembler(singleValue(spec));
  },
};
