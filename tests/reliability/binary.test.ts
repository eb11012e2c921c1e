/**
 * Binary files are refused with a message naming what was recognised; a stray NUL inside a text
 * dump is a NUL_CHARACTER warning and stays in the text. Pure: the parser only.
 */
import { describe, expect, it } from 'vitest';
import { detectBinary, SNIFF_BYTES } from '../../src/parse/binary.js';
import { parseDispatch } from '../../src/parse/parse.js';
import { checkDocument } from '../../src/schema/validate.js';
import { loadFixture } from '../helpers/fixtures.js';

const bytes = (...parts: Array<string | number[]>): Uint8Array =>
  Uint8Array.from(parts.flatMap((part) => (typeof part === 'string' ? [...Buffer.from(part, 'latin1')] : part)));

/** A short dispatch, as text. */
const DISPATCH = 'Pyongyang, March 23 (KCNA) -- The delegation left Pyongyang on Monday. -0-\n';

describe('binary files', () => {
  it.each([
    ['PNG image', bytes([0x89], 'PNG\r\n\x1a\n', [0, 0, 0, 13], 'IHDR')],
    ['JPEG image', bytes([0xff, 0xd8, 0xff, 0xe0, 0, 16], 'JFIF')],
    ['GIF image', bytes('GIF89a', [1, 0, 1, 0])],
    ['PDF document', bytes('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n')],
    ['ZIP archive or Office document', bytes('PK\x03\x04', [20, 0, 6, 0], '[Content_Types].xml')],
    ['gzip archive', bytes([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0])],
    ['bzip2 archive', bytes('BZh91AY&SY', [0x12, 0x34])],
    ['xz archive', bytes([0xfd], '7zXZ', [0, 0, 4])],
    ['7z archive', bytes('7z', [0xbc, 0xaf, 0x27, 0x1c, 0, 4])],
    ['ELF executable', bytes([0x7f], 'ELF', [2, 1, 1, 0])],
    ['Mach-O executable', bytes([0xcf, 0xfa, 0xed, 0xfe, 7, 0, 0, 1])],
    ['Windows/DOS executable', bytes('MZ', [0x90, 0, 3, 0, 0, 0, 4, 0])],
    ['tar archive', bytes('dispatch.txt', new Array<number>(245).fill(0), 'ustar\x0000')],
  ])('refuses binary input (%s), naming it', (name, input) => {
    const result = parseDispatch(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe('BINARY_INPUT');
    expect(result.message).toMatch(new RegExp(`^binary file \\(${name}.*\\), not a text dump$`));
  });

  it.each([
    ['MZ', 'MZ Kim Jong Un inspected the plant.\n'],
    ['BZh', 'BZh9 is not a place name.\n'],
    ['ID3', 'ID3 tags were not found.\n'],
    ["'ustar' at byte 257", `${'x'.repeat(256)}custard\n`],
  ])('reads text that merely starts like a signature (%s) as text', (_, text) => {
    expect(detectBinary(Buffer.from(text))).toBeNull();
  });

  it('refuses NUL bytes in more than a tenth of the first 8 KiB, and suggests a byte order mark', () => {
    const input = Buffer.from(DISPATCH.repeat(10));
    const over = Buffer.from(input);
    const nuls = Math.floor(over.length / 10) + 1;
    for (let i = 0; i < nuls; i++) over[i * 9] = 0;
    const result = parseDispatch(over);
    expect(result).toMatchObject({ ok: false, code: 'BINARY_INPUT' });
    expect(!result.ok && result.message).toBe(
      `binary file (${nuls} of its first ${over.length} bytes are NUL), not a text dump; UTF-16 text needs a byte order mark`,
    );

    // One NUL fewer is at most a tenth: still text (damaged text, reported line by line).
    const atLimit = Buffer.from(over);
    atLimit[0] = input[0]!;
    expect(detectBinary(atLimit)).toBeNull();
  });

  it('measures the NUL share over the first 8 KiB only, so NULs further in are warnings', () => {
    const head = Buffer.from(DISPATCH.padEnd(SNIFF_BYTES, ' '));
    const input = Buffer.concat([head, Buffer.alloc(SNIFF_BYTES, 0)]);
    const result = parseDispatch(input);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.diagnostics.filter((w) => w.code === 'NUL_CHARACTER')).toEqual([
      expect.objectContaining({ line: 2, byteOffset: SNIFF_BYTES, message: expect.stringContaining(`${SNIFF_BYTES} NUL characters`) }),
    ]);
  });

  it('reads UTF-16 with a byte order mark as text however many NUL bytes it has, and refuses it without one', () => {
    const utf16 = loadFixture('utf16le-bom').input;
    expect(utf16.filter((b) => b === 0).length).toBeGreaterThan(utf16.length / 3);
    expect(parseDispatch(utf16).ok).toBe(true);
    expect(parseDispatch(utf16.subarray(2))).toMatchObject({ ok: false, code: 'BINARY_INPUT' });
  });

  it('refuses a binary file before decoding it, with no warnings', () => {
    // Invalid UTF-8 throughout: decoding it would have raised INVALID_UTF8 warnings.
    const png = Buffer.concat([Buffer.from(loadFixture('binary-png').input), Buffer.alloc(64, 0xff)]);
    expect(parseDispatch(png)).toEqual({ ok: false, code: 'BINARY_INPUT', message: 'binary file (PNG image), not a text dump', diagnostics: [] });
  });
});

describe('stray NUL characters in a text dump', () => {
  it('warns once per line with the first NUL’s byte offset and keeps the NULs in the text', () => {
    const text = `\ufeffPyongyang, March 23 (KCNA) -- The delegation\0left.\r\nIt\0was\0received.\r\n-0-\r\n`;
    const result = parseDispatch(Buffer.from(text));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const offset = (needle: string, from = 0) => Buffer.from(text).indexOf(needle, from);
    expect(result.document.warnings).toEqual([
      {
        code: 'NUL_CHARACTER',
        line: 1,
        message: `NUL character at byte offset ${offset('\0')}, kept in the text; the file may be damaged`,
        byteOffset: offset('\0'),
      },
      {
        code: 'NUL_CHARACTER',
        line: 2,
        message: `2 NUL characters, the first at byte offset ${offset('It\0') + 2}, kept in the text; the file may be damaged`,
        byteOffset: offset('It\0') + 2,
      },
    ]);
    expect(result.document.lead.paragraphs).toEqual(['The delegation\0left.', 'It\0was\0received.']);
    expect(checkDocument(result.document)).toEqual({ valid: true });
  });

  it('gives UTF-16 byte offsets (byte order mark included) and counts CR-only line endings', () => {
    const text = 'Pyongyang, March 23 (KCNA) -- One.\rTwo\0three. -0-\r';
    const input = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const result = parseDispatch(input);
    expect(result.ok && result.document.warnings).toEqual([
      expect.objectContaining({ code: 'NUL_CHARACTER', line: 2, byteOffset: 2 + 2 * text.indexOf('\0') }),
    ]);
  });

  it('gives the same warnings for text input as for its UTF-8 bytes', () => {
    const text = `Pyongyang, March 23 (KCNA) -- Kim\0Jong Un. -0-\n`;
    const fromText = parseDispatch(text);
    const fromBytes = parseDispatch(Buffer.from(text));
    expect(fromText.ok && fromText.document.warnings).toEqual(fromBytes.ok && fromBytes.document.warnings);
    expect(fromText.ok && fromText.document.warnings.map((w) => w.code)).toEqual(['NUL_CHARACTER']);
  });

  it('raises no NUL warning for clean text', () => {
    const result = parseDispatch(Buffer.from(DISPATCH));
    expect(result.ok && result.document.warnings).toEqual([]);
  });
});
