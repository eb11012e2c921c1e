/**
 * Issue 20, "Defects found by an adversarial pass": the defects of the parser, each with a
 * regression test named after it.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDispatch } from '../../src/parse/parse.js';

const SAMPLE = readFileSync(new URL('../../fixtures/sample/input.txt', import.meta.url), 'utf8');

/** UTF-32 bytes of `text`, with its byte order mark. */
function utf32(text: string, littleEndian: boolean): Uint8Array {
  const points = [0xfeff, ...[...text].map((char) => char.codePointAt(0)!)];
  const view = new DataView(new ArrayBuffer(points.length * 4));
  points.forEach((point, i) => view.setUint32(i * 4, point, littleEndian));
  return new Uint8Array(view.buffer);
}

describe('regression: issue 20, adversarial defects (2)', () => {
  it("Stamp (0001.3.23.) gives 'March 23 does not exist in 1' and 'dated 1-03-23'; teaser March 3, 0001 is 'not a real calendar date': say the year is out of range (and which range)", () => {
    const stamp = parseDispatch('Pyongyang, March 23 (KCNA) -- Lead text.\n-0-\nwww.kcna.kp (0001.3.23.)\n');
    expect(stamp.ok && stamp.document.lead.dateline?.year).toBe(null);
    expect(stamp.diagnostics.map(({ code, message }) => [code, message])).toEqual([
      ['STAMP_LINE', 'KCNA stamp line, dated 0001-03-23: the year 1 is out of the range 1000–9999; kept here'],
      ['IMPOSSIBLE_DATE', "the publish stamp gives year 1, out of the range 1000–9999 a date's year can have; year not used"],
    ]);
    // A year of three digits: the same.
    const early = parseDispatch('Pyongyang, March 23 (KCNA) -- Lead text.\n-0-\nwww.kcna.kp (0999.3.23.)\n');
    expect(early.diagnostics.map(({ message }) => message)).toEqual([
      'KCNA stamp line, dated 0999-03-23: the year 999 is out of the range 1000–9999; kept here',
      "the publish stamp gives year 999, out of the range 1000–9999 a date's year can have; year not used",
    ]);
    // A year in range keeps the calendar's wording.
    const leap = parseDispatch('Pyongyang, February 29 (KCNA) -- Lead text.\n-0-\nwww.kcna.kp (2021.2.29.)\n');
    expect(leap.diagnostics.map(({ message }) => message)).toEqual([
      'KCNA stamp line, dated 2021-02-29; kept here',
      'the publish stamp gives year 2021, but February 29 does not exist in 2021; year not used',
    ]);

    const teaser = parseDispatch(
      'Pyongyang, March 23 (KCNA) -- Lead text.\n-0-\nMore From KCNA.kp (En)\nA teaser text\nMarch 3, 0001\nA teaser text\nA second teaser\nFebruary 30, 2026\nA second teaser\nMore Articles\n',
    );
    const invalid = teaser.diagnostics.filter((warning) => warning.code === 'TEASER_INVALID_DATE').map(({ message }) => message);
    expect(invalid).toEqual([
      "'March 3, 0001' has the year 1, out of the range 1000–9999, so it does not make an entry; kept here",
      "'February 30, 2026' is not a real calendar date, so it does not make an entry; kept here",
    ]);
  });

  it("UTF-32LE with a BOM is read as UTF-16 and fails 'no dateline'; UTF-32BE with a BOM is refused as 'UTF-16 text needs a byte order mark': recognise UTF-32 and say it", () => {
    // source.encoding names WHATWG encodings, which have no UTF-32 (a schema change would be a new
    // version): the input is refused with a message that names its encoding and how to convert it.
    for (const [little, name, bom] of [
      [true, 'UTF-32LE', 'FF FE 00 00'],
      [false, 'UTF-32BE', '00 00 FE FF'],
    ] as const) {
      const expected = {
        ok: false,
        code: 'BINARY_INPUT',
        message: `${name} text (byte order mark ${bom}), an encoding kcna-parse does not read: convert it to UTF-8 first, e.g. iconv -f UTF-32 -t UTF-8`,
        diagnostics: [],
      };
      expect(parseDispatch(utf32(SAMPLE, little))).toEqual(expected);
      // A web page too: browsers know no UTF-32 (they would read FF FE 00 00 as UTF-16LE).
      expect(parseDispatch(utf32(`<!doctype html><p>${SAMPLE}</p>`, little), { path: 'page.html' })).toEqual(expected);
      expect(parseDispatch(utf32(SAMPLE, little), { format: 'html' })).toEqual(expected);
    }
    // UTF-16LE whose first character is U+0000 starts FF FE 00 00 as well: still read as UTF-16.
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`\0${SAMPLE}`, 'utf16le')]);
    const result = parseDispatch(utf16);
    expect(result.ok && result.document.source.encoding).toBe('utf-16le');
    expect(result.ok && result.document.lead.paragraphs[0]).toMatch(/^\0Pyongyang, March 23 \(KCNA\) -- Kim Jong Un/);
    expect(result.diagnostics[0]).toMatchObject({ code: 'NUL_CHARACTER', byteOffset: 2 });
  });
});
