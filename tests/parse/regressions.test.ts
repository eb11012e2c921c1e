/** Parser defects that were reported, each with the test named after it. */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDispatch } from '../../src/parse/parse.js';
import { parseOk } from './support.js';

describe('regressions', () => {
  it('~124k stamp lines make parseDispatch throw RangeError (an unbounded array spread into push)', () => {
    // Every stamp is dated another day than the dateline: one STAMP_DATE_MISMATCH each, which used
    // to be spread into push() as arguments and overflow the stack.
    const count = 130_000;
    const input = `Pyongyang, March 23 (KCNA) -- The delegation left. -0-\n${'www.kcna.kp (Juche110.3.24.)\n'.repeat(count)}`;
    // Past the default limit of non-blank lines: the code path is what is tested, at this size.
    const result = parseDispatch(input, { maxLines: 200_000 });
    if (!result.ok) throw new Error(result.message);
    const document = result.document;
    expect(document.warnings.filter((w) => w.code === 'STAMP_DATE_MISMATCH')).toHaveLength(count);
    expect(document.warnings.filter((w) => w.code === 'STAMP_LINE')).toHaveLength(count);
  });

  it('~124k stamp lines: no spread of an array into arguments anywhere in the parser', () => {
    const dir = new URL('../../src/parse/', import.meta.url);
    for (const file of readdirSync(dir).filter((name) => name.endsWith('.ts'))) {
      const code = readFileSync(new URL(file, dir), 'utf8').replace(/\/\/.*$/gmu, '');
      expect(code, file).not.toMatch(/\.(?:push|unshift|concat|max|min|fromCharCode)\(\s*\.\.\./u);
    }
  });

  it('~124k stamp lines: 100k empty stories after an end marker finish (no copy of a growing array per story)', () => {
    const input = `Pyongyang, March 23 (KCNA) -- The delegation left. -0-\n${'Pyongyang, March 23 (KCNA) -- -0-\n'.repeat(100_000)}`;
    const result = parseDispatch(input, { maxLines: 200_000 });
    if (!result.ok) throw new Error(result.message);
    expect(result.documents).toHaveLength(1);
    expect(result.document.warnings).toHaveLength(100_000);
    expect(new Set(result.document.warnings.map((w) => w.code))).toEqual(new Set(['TRAILING_TEXT']));
  });

  describe('damaged UTF-16 (odd length, lone surrogates) becomes U+FFFD with no warning', () => {
    const le = (text: string): Buffer => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = (text: string): Buffer => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
    const TEXT = 'Pyongyang, March 23 (KCNA) -- The delegation left.\nIt arrived \ud800 on Tuesday. -0-\n';

    it('warns INVALID_UTF16 at the line and byte offset of a lone surrogate (LE and BE)', () => {
      // 'It arrived ' starts at code unit 51 of the text, so the surrogate is at unit 62: byte 2 + 124.
      for (const bytes of [le(TEXT), be(TEXT)]) {
        const document = parseOk(new Uint8Array(bytes));
        expect(document.lead.paragraphs[1]).toBe('It arrived \ufffd on Tuesday.');
        expect(document.warnings).toEqual([expect.objectContaining({ code: 'INVALID_UTF16', line: 2, byteOffset: 126 })]);
      }
    });

    it('warns about a low surrogate on its own and a final odd byte, one warning per line', () => {
      const bytes = Buffer.concat([le('Pyongyang, March 23 (KCNA) -- A \udc00 B \udc00.\nC. -0-\n'), Buffer.from([0x41])]);
      const result = parseDispatch(new Uint8Array(bytes));
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      const warnings = result.document.warnings.filter((w) => w.code === 'INVALID_UTF16');
      expect(warnings.map((w) => [w.line, w.byteOffset])).toEqual([
        [1, 2 + 2 * 'Pyongyang, March 23 (KCNA) -- A '.length],
        [3, bytes.length - 1],
      ]);
      expect(warnings[0]!.message).toMatch(/^2 invalid UTF-16 sequences/u);
    });

    it('keeps a valid surrogate pair without a warning', () => {
      expect(parseOk(new Uint8Array(le('Pyongyang, March 23 (KCNA) -- The \u{1d538} letter. -0-\n'))).warnings).toEqual([]);
    });
  });
});
