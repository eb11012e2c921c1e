/**
 * docs/content-id.md against the code: ids computed the documented way (the stated prefix,
 * separator and length, and the Python script shown) equal the parser's, and every example id
 * shown is the one the parser gives.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { normaliseForId } from '../../src/parse/content-id.js';
import { parseDispatch } from '../../src/parse/parse.js';
import type { Dispatch } from '../../src/schema/types.js';
import { blocks, inputBytes, readRepoFile, ROOT, sections } from './markdown.js';

const doc = readRepoFile('docs/content-id.md');
const recipe = sections(doc).find((section) => section.heading === 'Recipe');
const allBlocks = blocks(doc);

function parse(input: Uint8Array | string): Dispatch {
  const result = parseDispatch(input);
  if (!result.ok) throw new Error(`${result.code}: ${result.message}`);
  return result.document;
}

const sample = parse(readFileSync(new URL('fixtures/sample/input.txt', ROOT)));

/** The recipe's constants, read from the prose of the Recipe section. */
function documentedRecipe(): { prefix: string; separator: string; digits: number } {
  const body = recipe?.body ?? '';
  const prefix = /the prefix `([^`]+)`/.exec(body)?.[1];
  const separator = /joined with the separator U\+([0-9A-F]{4})/.exec(body)?.[1];
  const digits = /The id is the first (\d+) hex digits/.exec(body)?.[1];
  if (prefix === undefined || separator === undefined || digits === undefined) throw new Error('the Recipe section no longer states prefix, separator and length');
  return { prefix, separator: String.fromCodePoint(Number.parseInt(separator, 16)), digits: Number(digits) };
}

/** The id computed as the Recipe section says, from the document's fields. */
function documentedId(document: Dispatch): string {
  const { prefix, separator, digits } = documentedRecipe();
  const dateline = document.lead.dateline;
  const key = [
    prefix,
    normaliseForId(dateline?.place ?? ''),
    String(dateline?.month ?? 0),
    String(dateline?.day ?? 0),
    ...document.lead.paragraphs.map(normaliseForId),
  ].join(separator);
  return createHash('sha256').update(key, 'utf8').digest('hex').slice(0, digits);
}

/** Each `input` block with the `id` block shown after it (before the next input). */
function examples(): Array<{ input: Uint8Array; id: string; line: number }> {
  const found: Array<{ input: Uint8Array; id: string; line: number }> = [];
  allBlocks.forEach((block, index) => {
    if (block.tag !== 'input') return;
    const rest = allBlocks.slice(index + 1);
    const nextInput = rest.findIndex((b) => b.tag === 'input');
    const id = (nextInput < 0 ? rest : rest.slice(0, nextInput)).find((b) => b.tag === 'id');
    if (!id) throw new Error(`input block at line ${block.line} has no id block after it`);
    found.push({ input: inputBytes(block), id: id.content.trim(), line: block.line });
  });
  return found;
}

describe('docs/content-id.md', () => {
  it('states the prefix, separator and length the code uses', () => {
    expect(documentedRecipe()).toEqual({ prefix: 'kcna-parse/id/1', separator: '\u001f', digits: 32 });
    expect(documentedId(sample)).toBe(sample.id);
  });

  it('lists the characters normalisation folds, as the code folds them', () => {
    const body = recipe?.body ?? '';
    for (const range of ['U+2010 to U+2015', 'U+2212', 'U+2018, U+2019, U+201A, U+201B, U+2032', 'U+201C, U+201D, U+201E, U+201F replaced']) {
      expect(body).toContain(range);
    }
    const dashes = Array.from({ length: 6 }, (_, i) => String.fromCodePoint(0x2010 + i)).join('') + '\u2212--';
    expect(normaliseForId(dashes)).toBe('--------');
    expect(normaliseForId('\u2018\u2019\u201a\u201b\u2032')).toBe("'''''");
    expect(normaliseForId('\u201c\u201d\u201e\u201f')).toBe('""""');
    // NFKC runs first and turns a double prime into two primes.
    expect(normaliseForId('\u2033')).toBe("''");
    expect(body).toContain("it ends up as `''`");
    expect(normaliseForId('---')).toBe('--');
    expect(normaliseForId('Kim Jong Un ,')).toBe('Kim Jong Un ,');
    expect(normaliseForId('a\t\u00a0\u3000\ufeff b ')).toBe('a b');
    // Characters Python's \s matches but JavaScript's does not are kept.
    expect(normaliseForId('a\u001c\u0085b')).toBe('a\u001c\u0085b');
  });

  it('shows a key that hashes to the id the parser gives its example', () => {
    const keyBlock = allBlocks.find((block) => block.tag === 'key');
    expect(keyBlock).toBeDefined();
    const key = JSON.parse(keyBlock!.content) as string;
    const [first] = examples();
    const document = parse(first!.input);
    expect(createHash('sha256').update(key, 'utf8').digest('hex').slice(0, 32)).toBe(document.id);
    expect(key).toBe(
      ['kcna-parse/id/1', 'Pyongyang', '3', '23', ...document.lead.paragraphs.map(normaliseForId)].join('\u001f'),
    );
  });

  it('shows, for each example input, the id the parser gives it', () => {
    const shown = examples();
    expect(shown.length).toBeGreaterThanOrEqual(4);
    for (const example of shown) {
      const document = parse(example.input);
      expect(document.id, `example at line ${example.line}`).toBe(example.id);
      expect(documentedId(document)).toBe(example.id);
    }
    // The mirror pair shares an id; the unfolded variants do not.
    const [original, mirror, ...others] = shown;
    expect(mirror!.id).toBe(original!.id);
    for (const other of others) expect(other.id).not.toBe(original!.id);
  });

  it('shows the sample id in its transcript', () => {
    expect(doc).toContain(`python3 content_id.py\n${sample.id}\n`);
    expect(doc).toContain(`jq -r .id\n${sample.id}\n`);
  });

  const python = spawnSync('python3', ['--version']);
  const hasPython = python.status === 0;

  describe.skipIf(!hasPython)('the Python script', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kcna-content-id-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const script = allBlocks.find((block) => block.tag === 'content-id');

    /**
     * Runs the script as shown once per document, all in one Python process (start-up is slow):
     * each run gets the document on standard input and its printed line is collected.
     */
    const run = (documents: Dispatch[]): string[] => {
      expect(script, 'the ```python content-id block').toBeDefined();
      const file = path.join(dir, 'content_id.py');
      writeFileSync(file, script!.content);
      const harness = [
        'import contextlib, io, sys',
        'source = open(sys.argv[1], encoding="utf-8").read()',
        'for line in sys.stdin.read().splitlines():',
        '    out = io.StringIO()',
        '    sys.stdin = io.StringIO(line)',
        '    with contextlib.redirect_stdout(out):',
        '        exec(compile(source, sys.argv[1], "exec"), {"__name__": "__main__"})',
        '    sys.__stdout__.write(out.getvalue())',
      ].join('\n');
      const input = documents.map((document) => JSON.stringify(document)).join('\n');
      const result = spawnSync('python3', ['-c', harness, file], { input, encoding: 'utf8' });
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      return result.stdout.trimEnd().split('\n');
    };

    it('gives the parser id for the sample dump, every example, and text needing every normalisation step', () => {
      const hard = parse(
        'South Hamgyong\u00a0Province, Sept. 16 (KCNA) \u2014 \u201cThe \ufb01eld\u201d\u2026 it\u2019s\u2003a \u2212 b --- c\u2009\u2013 d\ufeff. -0-\n',
      );
      expect(hard.lead.dateline?.place).toBe('South Hamgyong\u00a0Province');
      const noDateline = parse('The respected Comrade Kim Jong Un noted the successes. -0-\n');
      expect(noDateline.lead.dateline).toBeNull();
      const documents = [sample, ...examples().map((example) => parse(example.input)), hard, noDateline];
      expect(run(documents)).toEqual(documents.map((document) => document.id));
    });
  });
});
