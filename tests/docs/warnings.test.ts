/**
 * docs/warnings.md against the schema and the parser: one `## CODE` section per warning code, in
 * the schema's enum order, and every example in it is what the parser really emits.
 */
import { describe, expect, it } from 'vitest';
import { parseDispatch, type ParseOptions } from '../../src/parse/parse.js';
import { warn } from '../../src/parse/warnings.js';
import type { Dispatch } from '../../src/schema/types.js';
import { codeHeadings, inputBytes, readRepoFile, sections, type Block, type Section } from './markdown.js';

const doc = readRepoFile('docs/warnings.md');
const schema = JSON.parse(readRepoFile('schemas/dispatch.schema.json')) as {
  $defs: { warning: { properties: { code: { enum: string[] } } } };
};
const codes = schema.$defs.warning.properties.code.enum;
const codeSections = sections(doc).filter((section) => codes.includes(section.heading));

/** Codes the parser never raises; their sections are checked separately. */
const NOT_FROM_PARSER = ['DUPLICATE_ID'];

interface Example {
  input: Block;
  options: ParseOptions;
}

/** The section's examples: each input block with the options block that follows it, if any. */
function examples(section: Section): Example[] {
  const found: Example[] = [];
  for (const block of section.blocks) {
    if (block.tag === 'input' || block.tag === 'input-bytes') found.push({ input: block, options: {} });
    else if (block.tag === 'options') {
      const last = found.at(-1);
      if (!last) throw new Error(`${section.heading}: options block at line ${block.line} comes before any input`);
      last.options = JSON.parse(block.content) as ParseOptions;
    }
  }
  return found;
}

function tagged(section: Section, tag: string): Block[] {
  return section.blocks.filter((block) => block.tag === tag);
}

function parseExample(example: Example): Dispatch {
  const result = parseDispatch(inputBytes(example.input), example.options);
  if (!result.ok) throw new Error(`example at line ${example.input.line} is not a dispatch: ${result.code} ${result.message}`);
  return result.document;
}

describe('docs/warnings.md', () => {
  it('has exactly one ## section per schema warning code, in enum order', () => {
    expect(codeHeadings(doc)).toEqual(codes);
  });

  it('links every code from its index, in enum order', () => {
    const index = sections(doc).find((section) => section.heading === 'How to read the examples');
    expect(index, 'the "How to read the examples" section with the code index').toBeDefined();
    const linked = [...index!.body.matchAll(/\[([A-Z0-9_]+)\]\(#([a-z0-9_]+)\)/g)];
    expect(linked.map((match) => match[1])).toEqual(codes);
    expect(linked.map((match) => match[2])).toEqual(codes.map((code) => code.toLowerCase()));
  });

  for (const section of codeSections.filter((s) => !NOT_FROM_PARSER.includes(s.heading))) {
    describe(section.heading, () => {
      it('states meaning, when it is raised, and what to do', () => {
        expect(section.body).toContain('**Meaning.**');
        expect(section.body).toContain('**When.**');
        expect(section.body).toContain('**What to do.**');
      });

      it('shows exactly the warnings the parser emits for its example input', () => {
        const [example, ...more] = examples(section);
        expect(example, 'one example input').toBeDefined();
        expect(more).toEqual([]);
        const shown = tagged(section, 'warnings');
        expect(shown).toHaveLength(1);
        const expected = JSON.parse(shown[0]!.content) as unknown[];
        expect(expected.map((warning) => (warning as { code: string }).code)).toContain(section.heading);
        expect(parseExample(example!).warnings).toEqual(expected);
      });

      it('shows document fields that match the parser output in its excerpt', () => {
        const excerpts = tagged(section, 'excerpt');
        const [example] = examples(section);
        for (const excerpt of excerpts) {
          expect(parseExample(example!)).toMatchObject(JSON.parse(excerpt.content) as Record<string, unknown>);
        }
      });
    });
  }

  describe('DUPLICATE_ID', () => {
    const section = codeSections.find((s) => s.heading === 'DUPLICATE_ID')!;

    it('is documented as raised by --dedupe, not by the parser', () => {
      expect(section.body).toContain('--dedupe');
      expect(section.body).toMatch(/never by the parser/);
    });

    it('shows two captures that share a content id, and the warning built for the second', () => {
      const [first, second, ...more] = examples(section);
      expect(more).toEqual([]);
      const a = parseExample(first!);
      const b = parseExample(second!);
      expect(b.id).toBe(a.id);
      expect(b.lead.title).not.toBe(a.lead.title);
      const shown = tagged(section, 'duplicate-warning');
      expect(shown).toHaveLength(1);
      expect(JSON.parse(shown[0]!.content)).toEqual(warn.duplicateId(b.id, a.source.path));
    });
  });
});
