/**
 * docs/errors.md against the code: one `## CODE` section per ErrorCode in src/errors.ts, in order,
 * and every error message shown is the one the code gives for that example.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { KcnaError, type ErrorCode } from '../../src/errors.js';
import { parseFiles } from '../../src/pipeline/convert.js';
import { parseDispatch } from '../../src/parse/parse.js';
import { checkRecord } from '../../src/schema/validate.js';
import { codeHeadings, inputBytes, readRepoFile, ROOT, sections } from './markdown.js';

const doc = readRepoFile('docs/errors.md');
const section = (code: ErrorCode) => sections(doc).find((s) => s.heading === code)!;

/** The members of the ErrorCode union, read from the source so that a new code fails this test. */
function errorCodes(): string[] {
  const source = readRepoFile('src/errors.ts').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
  const union = /export type ErrorCode =([^;]*);/.exec(source)?.[1];
  if (union === undefined) throw new Error('ErrorCode union not found in src/errors.ts');
  return [...union.matchAll(/'([A-Z0-9_]+)'/g)].map((m) => m[1]!);
}

/** What the CLI prints for one failed input. */
const line = (display: string, code: string, message: string) => `${display}: error ${code} ${message}`;

async function failure(patterns: string[], options: { cwd: string; maxBytes?: number }): Promise<KcnaError> {
  const results = [];
  for await (const result of parseFiles(patterns, options)) results.push(result);
  expect(results).toHaveLength(1);
  const [result] = results;
  if (result!.ok) throw new Error(`${patterns.join(' ')} unexpectedly converted`);
  return result!.error;
}

describe('docs/errors.md', () => {
  it('has exactly one ## section per ErrorCode in src/errors.ts, in order', () => {
    const codes = errorCodes();
    expect(codes.length).toBeGreaterThan(0);
    expect(codeHeadings(doc)).toEqual(codes);
  });

  it('gives meaning, an example and what to do for every code', () => {
    for (const code of errorCodes()) {
      const body = section(code as ErrorCode).body;
      expect(body, code).toContain('**Meaning.**');
      expect(body, code).toContain('**Example.**');
      expect(body, code).toContain('**What to do.**');
    }
  });

  it('points to the README for exit codes', () => {
    expect(doc).toMatch(/Exit codes are described in the README/);
  });

  it.each(['EMPTY_INPUT', 'NOT_A_DISPATCH'] as const)('shows the message the parser gives for the %s example', (code) => {
    const { blocks, body } = section(code);
    const inputs = blocks.filter((block) => block.tag === 'input');
    expect(inputs).toHaveLength(1);
    const result = parseDispatch(inputBytes(inputs[0]!));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe(code);
    expect(body).toContain(`: error ${code} ${result.message} (kcna-parse explain ${code})\n`);
  });

  it('shows the BINARY_INPUT messages the parser gives for a PNG file and for NUL-heavy bytes', () => {
    const body = section('BINARY_INPUT').body;
    // The bytes written by the printf command shown.
    expect(body).toContain("printf '\\x89PNG\\r\\n\\x1a\\n\\x00\\x00\\x00\\rIHDR' > photo.txt");
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, ...new TextEncoder().encode('IHDR')]);
    const image = parseDispatch(png);
    expect(image).toMatchObject({ ok: false, code: 'BINARY_INPUT' });
    expect(body).toContain(line('photo.txt', 'BINARY_INPUT', (image as { message: string }).message));
    // 4000 NUL bytes among the first 8192, as the message shown counts them.
    const nuls = Uint8Array.from({ length: 8192 }, (_, i) => (i % 2 === 0 && i < 8000 ? 0 : 0x41));
    const heavy = parseDispatch(nuls);
    expect(heavy).toMatchObject({ ok: false, code: 'BINARY_INPUT' });
    expect(body).toContain(`\`${(heavy as { message: string }).message}\``);
  });

  it('names the other EMPTY_INPUT and NOT_A_DISPATCH messages as the parser words them', () => {
    const empty = parseDispatch(new Uint8Array());
    expect(empty).toMatchObject({ ok: false, code: 'EMPTY_INPUT' });
    expect(section('EMPTY_INPUT').body).toContain(`\`${(empty as { message: string }).message}\``);
    const furniture = parseDispatch('March 16, 2026Mar 16, 2026\n');
    expect(furniture).toMatchObject({ ok: false, code: 'NOT_A_DISPATCH' });
    expect(section('NOT_A_DISPATCH').body).toContain(`\`${(furniture as { message: string }).message}\``);
  });

  describe('file errors', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kcna-errors-doc-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('shows the READ_ERROR message for a missing file', async () => {
      const error = await failure(['no-such-file.txt'], { cwd: dir });
      expect(error.code).toBe('READ_ERROR');
      expect(section('READ_ERROR').body).toContain(line('no-such-file.txt', error.code, error.message));
    });

    it('shows the FILE_TOO_LARGE message for the sample with --max-bytes 1000', async () => {
      const error = await failure(['fixtures/sample/input.txt'], { cwd: fileURLToPath(ROOT), maxBytes: 1000 });
      expect(error.code).toBe('FILE_TOO_LARGE');
      expect(section('FILE_TOO_LARGE').body).toContain(line('fixtures/sample/input.txt', error.code, error.message));
    });
  });

  it('shows the INVALID_RECORD problems the schema check finds in its tampered document', () => {
    const parsed = parseDispatch(readFileSync(new URL('fixtures/sample/input.txt', ROOT)), { path: 'fixtures/sample/input.txt' });
    if (!parsed.ok) throw new Error('the sample must parse');
    const tampered = { ...parsed.document, id: 'x', lead: { ...parsed.document.lead, wordCount: -1 } };
    const result = checkRecord('dispatch', tampered);
    expect(result.valid).toBe(false);
    if (result.valid) return;
    const body = section('INVALID_RECORD').body;
    expect(body).toContain(`jq '.id = "x" | .lead.wordCount = -1'`);
    const shown = result.issues.map((issue) => line('tampered.json:1', 'INVALID_RECORD', `dispatch record: ${issue.pointer} ${issue.message}`));
    expect(shown).toHaveLength(2);
    expect(body).toContain(`${shown.join('\n')}\nvalidated 1 record in 1 file: 1 invalid\n`);
  });

  it('shows the INVALID_OPTION error parseDispatch throws for year 21', () => {
    const shown = section('INVALID_OPTION').blocks.filter((block) => block.tag === 'error');
    expect(shown).toHaveLength(1);
    let thrown: unknown;
    try {
      parseDispatch('Pyongyang, March 23 (KCNA) -- Text. -0-\n', { year: 21 });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(KcnaError);
    const { code, message } = thrown as KcnaError;
    expect(JSON.parse(shown[0]!.content)).toEqual({ code, message });
  });
});
