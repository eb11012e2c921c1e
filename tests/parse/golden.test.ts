/**
 * Every fixture, text capture or saved web page, against its reviewed golden: the whole document,
 * deep-equal, and schema-valid; or the expected failure. Regenerate goldens with scripts/update-goldens.mjs and review every diff.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDispatch } from '../../src/parse/parse.js';
import { checkDocument } from '../../src/schema/validate.js';
import { listFixtures, listHtmlFixtures } from '../helpers/fixtures.js';

const fixtures = listFixtures().concat(listHtmlFixtures());

describe('fixture goldens', () => {
  it('covers every variant the parser must handle', () => {
    const required = [
      'sample', 'separator-em-dash', 'separator-en-dash', 'separator-tabs', 'separator-no-break-spaces',
      'crlf', 'cr-only', 'utf8-bom', 'utf16le-bom', 'utf16be-bom', 'invalid-utf8', 'blank-lines',
      'trailing-whitespace', 'curly-quotes', 'end-marker-missing', 'end-marker-glued', 'stamp-line',
      'no-teasers', 'heading-no-entries', 'heading-kcna-co-jp', 'heading-voice-of-korea',
      'title-and-page-junk', 'other-place', 'multi-word-place', 'abbreviated-month', 'no-dateline',
      'body-looks-like-date', 'teaser-repeat-whitespace', 'teaser-repeat-missing',
      'teaser-repeat-different', 'teaser-missing-date', 'teaser-impossible-date', 'year-from-path',
      'year-conflict', 'mirror-a', 'mirror-b', 'empty', 'blank-only', 'not-a-dispatch',
      'dateline-own-line', 'end-marker-stamp-same-line', 'stamp-date-mismatch', 'impossible-year',
      'trailing-text', 'teaser-stray-date', 'teaser-list-unclosed', 'stray-nul', 'binary-png', 'utf16-no-bom',
      'year-from-path-folders', 'utf16-damaged', 'layout-kcnawatch-2024', 'layout-kcnawatch-2024-date-lag',
      'layout-kcnawatch-2024-new-year', 'layout-kcnawatch-2024-voice-of-korea', 'layout-kcnawatch-2024-date-mismatch',
      'layout-kcnawatch-2019', 'layout-kcna-kp', 'layout-kcna-kp-gregorian', 'layout-kcna-co-jp-daily-1998',
      'layout-kcna-co-jp-daily-1999', 'layout-kcna-co-jp-kns', 'layout-kcna-co-jp-kns-juch', 'layout-kcna-co-jp-kns-table',
      'layout-digest', 'layout-listing-excerpts', 'layout-listing-full', 'layout-korean-glued', 'layout-korean-standalone',
      'layout-republication',
    ];
    expect(fixtures.map((fixture) => fixture.name)).toEqual(expect.arrayContaining(required));
  });

  it('recognises every layout of the schema in some fixture', () => {
    const schema = JSON.parse(readFileSync(new URL('../../schemas/dispatch.schema.json', import.meta.url), 'utf8')) as {
      $defs: { page: { properties: { layout: { enum: string[] } } } };
    };
    const seen = new Set(fixtures.flatMap((f) => (f.expected.kind === 'document' ? [f.expected.document.page.layout] : [])));
    expect([...seen].sort()).toEqual([...schema.$defs.page.properties.layout.enum].sort());
  });

  it('raises every parser warning code somewhere (DUPLICATE_ID belongs to --dedupe, not the parser)', () => {
    const schema = JSON.parse(readFileSync(new URL('../../schemas/dispatch.schema.json', import.meta.url), 'utf8')) as {
      $defs: { warning: { properties: { code: { enum: string[] } } } };
    };
    const raised = new Set(fixtures.flatMap((f) => (f.expected.kind === 'document' ? f.expected.documents.flatMap((d) => d.warnings.map((w) => w.code)) : [])));
    const parserCodes = schema.$defs.warning.properties.code.enum.filter((code) => code !== 'DUPLICATE_ID');
    expect([...raised].sort()).toEqual([...parserCodes].sort());
  });

  it.each(fixtures.map((fixture) => [fixture.name, fixture] as const))('%s', (_name, fixture) => {
    const result = parseDispatch(fixture.input, fixture.options);
    if (fixture.expected.kind === 'error') {
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.code).toBe(fixture.expected.code);
      expect(result.message).toContain(fixture.expected.messageIncludes);
      return;
    }
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.documents).toEqual(fixture.expected.documents);
    expect(result.document).toBe(result.documents[0]);
    expect(result.diagnostics).toEqual(result.documents.flatMap((d) => d.warnings).sort((a, b) => (a.line ?? 0) - (b.line ?? 0)));
    for (const document of result.documents) expect(checkDocument(document)).toEqual({ valid: true });
  });

  it('parses the same document from the decoded text as from the bytes (UTF-8 inputs)', () => {
    const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    for (const fixture of fixtures) {
      if (fixture.expected.kind !== 'document' || fixture.expected.document.source.encoding !== 'utf-8') continue;
      // A web page given as text is read as the text it is, whatever its <meta> says: checked below.
      if (fixture.file !== 'input.txt') continue;
      if (fixture.expected.document.warnings.some((warning) => warning.code === 'INVALID_UTF8')) continue;
      const fromText = parseDispatch(decoder.decode(fixture.input), fixture.options);
      expect(fromText.ok && fromText.documents, fixture.name).toEqual(fixture.expected.documents);
    }
  });
});
