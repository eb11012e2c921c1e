/** Bytes to text: BOMs, UTF-16, invalid UTF-8, line endings, and what source records. */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseDispatch } from '../../src/parse/parse.js';
import { DATELINE, codesAt, parseOk } from './support.js';

const TEXT = `${DATELINE}The People\u2019s Republic. -0-\n`;
const utf8 = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));
const bytes = (...parts: Array<string | number[]>) => new Uint8Array(Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'utf8') : Buffer.from(part)))));

describe('encoding', () => {
  // [case, bytes, encoding, bom]
  const encodings: Array<[string, Uint8Array, string, boolean]> = [
    ['UTF-8', utf8(TEXT), 'utf-8', false],
    ['UTF-8 with BOM', bytes([0xef, 0xbb, 0xbf], TEXT), 'utf-8', true],
    ['UTF-16LE with BOM', new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')])), 'utf-16le', true],
    ['UTF-16BE with BOM', new Uint8Array(Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(TEXT, 'utf16le').swap16()])), 'utf-16be', true],
  ];
  it.each(encodings)('%s', (_name, input, encoding, bom) => {
    const document = parseOk(input);
    expect(document.source).toMatchObject({ encoding, bom, bytes: input.byteLength, sha256: createHash('sha256').update(input).digest('hex') });
    // The BOM is not text: the dateline still opens line 1.
    expect(document.lead.datelineLine).toBe(1);
    expect(document.lead.paragraphs).toEqual(['The People\u2019s Republic.']);
    expect(document.warnings).toEqual([]);
  });

  it('reads text already decoded like its UTF-8 bytes', () => {
    const fromText = parseOk(`\ufeff${TEXT}`);
    const fromBytes = parseOk(bytes([0xef, 0xbb, 0xbf], TEXT));
    expect(fromText).toEqual(fromBytes);
  });

  describe('invalid UTF-8', () => {
    it('becomes U+FFFD with an INVALID_UTF8 warning at its byte offset, never a refusal', () => {
      const head = `${DATELINE}Body.\nThe `;
      const document = parseOk(bytes(head, [0xff], 'message. -0-\n'));
      expect(document.lead.paragraphs).toEqual(['Body.', 'The \ufffdmessage.']);
      expect(document.warnings).toEqual([expect.objectContaining({ code: 'INVALID_UTF8', line: 2, byteOffset: Buffer.byteLength(head) })]);
      expect(document.source.encoding).toBe('utf-8');
    });

    it('counts the BOM and CR-only line endings when giving offsets and lines', () => {
      const document = parseOk(bytes([0xef, 0xbb, 0xbf], `${DATELINE}A\r`, [0xc3], 'b. -0-\r'));
      expect(document.lead.paragraphs).toEqual(['A', '\ufffdb.']);
      expect(document.warnings).toEqual([expect.objectContaining({ code: 'INVALID_UTF8', line: 2, byteOffset: 3 + DATELINE.length + 2 })]);
    });

    it('gives one warning per line, at the first invalid sequence, counting them all', () => {
      // A truncated 3-byte sequence (E2 80) is one sequence; the lone 0x80 is another.
      const document = parseOk(bytes(DATELINE, [0xe2, 0x80], 'A ', [0x80], 'B.\r\nC', [0xff], '. -0-\r\n'));
      expect(document.lead.paragraphs).toEqual(['\ufffdA \ufffdB.', 'C\ufffd.']);
      const offset = DATELINE.length;
      expect(document.warnings.map((w) => [w.code, w.line, w.byteOffset])).toEqual([
        ['INVALID_UTF8', 1, offset],
        ['INVALID_UTF8', 2, offset + 2 + 2 + 1 + 2 + 2 + 1],
      ]);
      expect(document.warnings[0]?.message).toContain('2 invalid UTF-8 byte sequences');
    });

    it('may spoil the dateline (then kept as text) and still yield a document', () => {
      const document = parseOk(bytes('Pyong', [0xff], 'yang, March 23 (KCNA) -- Body. -0-\n'));
      expect(document.lead.dateline).toBeNull();
      expect(document.lead.paragraphs).toEqual(['Pyong\ufffdyang, March 23 (KCNA) -- Body.']);
      expect(codesAt(document)).toEqual([['INVALID_UTF8', 1], ['NO_DATELINE', 1]]);
    });
  });

  describe('line endings', () => {
    // [case, text, lineEndings, lines, paragraphs]
    const endings: Array<[string, string, string, number, string[]]> = [
      ['LF', `${DATELINE}A\nB. -0-\n`, 'lf', 2, ['A', 'B.']],
      ['CRLF', `${DATELINE}A\r\nB. -0-\r\n`, 'crlf', 2, ['A', 'B.']],
      ['CR', `${DATELINE}A\rB. -0-\r`, 'cr', 2, ['A', 'B.']],
      ['mixed', `${DATELINE}A\r\nB\nC. -0-\r`, 'mixed', 3, ['A', 'B', 'C.']],
      ['none (one unterminated line)', `${DATELINE}A. -0-`, 'none', 1, ['A.']],
      ['no final line ending', `${DATELINE}A\nB. -0-`, 'lf', 2, ['A', 'B.']],
      ['blank last line', `${DATELINE}A\nB. -0-\n\n`, 'lf', 3, ['A', 'B.']],
    ];
    it.each(endings)('%s', (_name, text, lineEndings, count, paragraphs) => {
      const document = parseOk(utf8(text));
      expect(document.source).toMatchObject({ lineEndings, lines: count });
      expect(document.lead.paragraphs).toEqual(paragraphs);
      expect(document.lead.endMarkerLine).toBe(paragraphs.length);
    });
  });

  it('records a null path unless one is given', () => {
    expect(parseOk(utf8(TEXT)).source.path).toBeNull();
    expect(parseOk(utf8(TEXT), { path: 'in/a.txt' }).source.path).toBe('in/a.txt');
  });

  it('refuses an input that is empty once decoded', () => {
    const result = parseDispatch(new Uint8Array([0xef, 0xbb, 0xbf]));
    expect(result).toMatchObject({ ok: false, code: 'EMPTY_INPUT' });
  });
});
