import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { NINJS_SCHEMA_URI, PARAGRAPH_SEPARATOR, toNinjs, type NinjsItem } from '../../src/emit/ninjs.js';
import { parseDispatch, type ParseOptions } from '../../src/parse/parse.js';
import type { Dispatch } from '../../src/schema/types.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// IPTC's official schema as the project ships it, byte for byte the vendored original
// (tests/schema/schema.test.ts compares them wherever the original is present).
const vendorDir = path.join(repoRoot, 'schemas/ninjs/');
const fixturesDir = path.join(repoRoot, 'fixtures');

// ajv-formats is CommonJS: under NodeNext its default import is module.exports, whose `default`
// is the plugin.
const addFormats = ajvFormats.default;

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, 'utf8'));
}

// strictRequired is off because the official schema's oneOf branches name properties declared
// beside them, not inside them; every other strict check stays on.
const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
addFormats(ajv);
ajv.addSchema(readJson(path.join(vendorDir, 'GeoJSON-schema.json')) as object);
const validateNinjs = ajv.compile(readJson(path.join(vendorDir, 'ninjs-schema_3.1.json')) as object);

function expectValid(item: NinjsItem): void {
  const valid = validateNinjs(item);
  expect(validateNinjs.errors ?? [], ajv.errorsText(validateNinjs.errors)).toEqual([]);
  expect(valid).toBe(true);
}

function parse(input: string | Uint8Array, options: ParseOptions): Dispatch {
  const result = parseDispatch(input, options);
  if (!result.ok) throw new Error(`not a dispatch: ${result.message}`);
  return result.document;
}

function roles(item: { descriptions?: Array<{ role?: string; value: string }> }): Record<string, string> {
  return Object.fromEntries((item.descriptions ?? []).map((d) => [d.role ?? '', d.value]));
}

/** Every key at any depth, to show no date-time property was emitted. */
function allKeys(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(allKeys);
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => [k, ...allKeys(v)]);
  return [];
}

const DATE_TIME_KEYS = ['firstCreated', 'versionCreated', 'contentCreated', 'embargoedUntil', 'expires'];

describe('the official schema', () => {
  // Guards against a validator that accepts anything, and pins the two constraints the mapping is
  // built around.
  it('rejects properties ninjs does not define', () => {
    expect(validateNinjs({ uri: 'urn:kcna-parse:dispatch:0', dateline: 'Pyongyang, March 23 (KCNA) --' })).toBe(false);
  });

  it('rejects a date without a time in a date-time field', () => {
    expect(validateNinjs({ uri: 'urn:kcna-parse:dispatch:0', contentCreated: '2021-03-23' })).toBe(false);
    expect(validateNinjs({ uri: 'urn:kcna-parse:dispatch:0', contentCreated: '2021-03-23T00:00:00+09:00' })).toBe(true);
  });
});

describe('toNinjs on the sample', () => {
  const samplePath = 'fixtures/sample/input.txt';
  const bytes = readFileSync(path.join(repoRoot, samplePath));

  describe('with year 2021', () => {
    const document = parse(bytes, { path: samplePath, year: 2021 });
    const item = toNinjs(document);

    it('validates against the official ninjs 3.1 schema', () => {
      expectValid(item);
    });

    it('identifies the item by the content id', () => {
      expect(document.id).toMatch(/^[0-9a-f]{32}$/);
      expect(item.uri).toBe(`urn:kcna-parse:dispatch:${document.id}`);
      expect(item.altIds).toEqual([{ role: 'kcna-parse:content-id', value: document.id }]);
      expect(item.standard).toEqual({ name: 'ninjs', version: '3.1', schema: NINJS_SCHEMA_URI });
    });

    it('maps type, language, completeness, place and agency', () => {
      expect(item.type).toBe('text');
      expect(item.language).toBe('en');
      expect(item.representationType).toBe('full');
      expect(item.located).toBe('Pyongyang');
      expect(item.infoSources).toEqual([{ name: 'KCNA' }]);
    });

    it('has no headline, as the sample has no title', () => {
      expect(document.lead.title).toBeNull();
      expect(item).not.toHaveProperty('headlines');
    });

    it('carries the seven paragraphs as one plain-text body with the word count', () => {
      expect(item.bodies).toHaveLength(1);
      const body = item.bodies![0]!;
      expect(body.contentType).toBe('text/plain');
      expect(body.wordCount).toBe(document.lead.wordCount);
      const paragraphs = body.value.split(PARAGRAPH_SEPARATOR);
      expect(paragraphs).toHaveLength(7);
      expect(paragraphs[0]).toMatch(/^Kim Jong Un , general secretary of the Workers' Party of Korea \(WPK\)/);
      expect(paragraphs[6]).toBe('It sincerely wished Xi Jinping good health and bigger success in performing his heavy duty of leading the CPC and the Chinese people.');
      expect(body.value).not.toContain('(KCNA) --');
      expect(body.value).not.toContain('-0-');
    });

    it('carries the dateline and the full date in descriptions, with no date-time field', () => {
      expect(item.descriptions).toEqual([
        { role: 'kcna-parse:dateline', value: 'Pyongyang, March 23 (KCNA) --' },
        { role: 'kcna-parse:date', value: '2021-03-23' },
        { role: 'kcna-parse:year-source', value: 'option' },
      ]);
      expect(allKeys(item).filter((k) => DATE_TIME_KEYS.includes(k))).toEqual([]);
    });

    it('maps the twenty teasers to partial text associations', () => {
      const associations = item.associations!;
      expect(associations).toHaveLength(20);
      for (const a of associations) {
        expect(a).toMatchObject({ rel: 'kcna-parse:teaser', type: 'text', representationType: 'partial', language: 'en' });
        expect(a.uri).toMatch(/^urn:kcna-parse:teaser:[0-9a-f]{32}$/);
      }
      expect(new Set(associations.map((a) => a.uri)).size).toBe(20);
    });

    it('maps a teaser without a dateline to its text and listed date only', () => {
      const first = item.associations![0]!;
      expect(first.name).toBe(
        'One day in September 2016, the respected General Secretary Kim Jong Un assigned officials detailed tasks and ways for building',
      );
      expect(first).not.toHaveProperty('located');
      expect(first).not.toHaveProperty('infoSources');
      expect(first.descriptions).toEqual([{ role: 'kcna-parse:listed-date', value: '2026-03-18' }]);
    });

    it('maps a teaser dateline to located and descriptions', () => {
      const second = item.associations![1]!;
      expect(second.name).toBe('The 2026 Spring National Sports Festival opened in the DPRK. The festival will be held, divided into');
      expect(second.located).toBe('Pyongyang');
      expect(second.infoSources).toEqual([{ name: 'KCNA' }]);
      expect(second.descriptions).toEqual([
        { role: 'kcna-parse:dateline', value: 'Pyongyang, March 18 (KCNA) --' },
        { role: 'kcna-parse:date', value: '2026-03-18' },
        { role: 'kcna-parse:year-source', value: 'teaser-date' },
        { role: 'kcna-parse:listed-date', value: '2026-03-18' },
      ]);
      const last = item.associations![19]!;
      expect(roles(last)['kcna-parse:listed-date']).toBe('2026-03-17');
      expect(last.name).toMatch(/^Kim Jong Un , general secretary of the Workers' Party of Korea/);
    });

    it('is deterministic', () => {
      expect(toNinjs(parse(bytes, { path: samplePath, year: 2021 }))).toEqual(item);
    });
  });

  describe('without a year', () => {
    const document = parse(bytes, { path: samplePath });
    const item = toNinjs(document);

    it('validates against the official ninjs 3.1 schema', () => {
      expectValid(item);
    });

    it('carries the year-less month and day, and no year', () => {
      expect(document.lead.date).toBeNull();
      expect(item.descriptions).toEqual([
        { role: 'kcna-parse:dateline', value: 'Pyongyang, March 23 (KCNA) --' },
        { role: 'kcna-parse:month-day', value: '--03-23' },
      ]);
      expect(JSON.stringify(item)).not.toContain('2021');
      expect(allKeys(item).filter((k) => DATE_TIME_KEYS.includes(k))).toEqual([]);
    });

    it('keeps the same uri, body and associations as with a year', () => {
      const withYear = toNinjs(parse(bytes, { path: samplePath, year: 2021 }));
      expect(item.uri).toBe(withYear.uri);
      expect(item.bodies).toEqual(withYear.bodies);
      expect(item.associations).toEqual(withYear.associations);
    });
  });
});

describe('toNinjs on small dumps', () => {
  it('maps the title to the headline', () => {
    const item = toNinjs(
      parse('Kim Jong Un Sends Verbal Message\nPyongyang, March 23 (KCNA) -- First paragraph.\nSecond paragraph. -0-\n', { path: null }),
    );
    expectValid(item);
    expect(item.headlines).toEqual([{ value: 'Kim Jong Un Sends Verbal Message' }]);
    expect(item.bodies).toEqual([{ contentType: 'text/plain', wordCount: 4, value: 'First paragraph.\n\nSecond paragraph.' }]);
    expect(item).not.toHaveProperty('associations');
  });

  it('leaves out place, agency, dates and completeness when there is no dateline and no end marker', () => {
    const input = [
      'First paragraph without a dateline.',
      'More From KCNA.kp (En)',
      'Pyongyang, March 18 (KCNA) -- A teaser.',
      'March 18, 2026',
      'Pyongyang, March 18 (KCNA) -- A teaser.',
      'More Articles',
    ].join('\n');
    const document = parse(input, { path: null });
    expect(document.lead.dateline).toBeNull();
    const item = toNinjs(document);
    expectValid(item);
    for (const key of ['located', 'infoSources', 'descriptions', 'representationType', 'headlines']) expect(item).not.toHaveProperty(key);
    expect(item.associations?.map((a) => a.name)).toEqual(['A teaser.']);
  });

  it('gives the same teaser the same uri in different dispatches', () => {
    const teaser = ['More From KCNA.kp (En)', 'Pyongyang, March 18 (KCNA) -- A teaser.', 'March 18, 2026', 'Pyongyang, March 18 (KCNA) -- A teaser.', 'More Articles'];
    const a = toNinjs(parse(['Pyongyang, March 23 (KCNA) -- One story. -0-', ...teaser].join('\n'), { path: null }));
    const b = toNinjs(parse(['Pyongyang, March 24 (KCNA) -- Another story. -0-', ...teaser].join('\n'), { path: null }));
    expect(a.uri).not.toBe(b.uri);
    expect(a.associations![0]!.uri).toBe(b.associations![0]!.uri);
  });
});

describe('toNinjs on every fixture', () => {
  const cases = existsSync(fixturesDir)
    ? readdirSync(fixturesDir, { withFileTypes: true })
        .filter((entry) => entry.isDirectory() && existsSync(path.join(fixturesDir, entry.name, 'input.txt')))
        .map((entry) => entry.name)
        .sort()
    : [];

  it('finds the fixtures', () => {
    expect(cases).toContain('sample');
  });

  it.each(cases)('%s', (name) => {
    const dir = path.join(fixturesDir, name);
    const optionsFile = path.join(dir, 'options.json');
    const options: ParseOptions = {
      path: `fixtures/${name}/input.txt`,
      ...(existsSync(optionsFile) ? (readJson(optionsFile) as ParseOptions) : {}),
    };
    const result = parseDispatch(readFileSync(path.join(dir, 'input.txt')), options);
    if (!result.ok) return; // Not a dispatch: nothing to export.
    // A page holding several dispatches exports each of them.
    for (const document of result.documents) checkItem(document);
  });

  function checkItem(document: Dispatch): void {
    const { lead, teasers } = document;
    const item = toNinjs(document);

    expectValid(item);
    expect(item.uri).toBe(`urn:kcna-parse:dispatch:${document.id}`);
    expect(item.altIds).toEqual([{ role: 'kcna-parse:content-id', value: document.id }]);
    expect(item.headlines).toEqual(lead.title === null ? undefined : [{ value: lead.title }]);
    expect(item.bodies).toEqual([{ contentType: 'text/plain', wordCount: lead.wordCount, value: lead.paragraphs.join(PARAGRAPH_SEPARATOR) }]);
    expect(item.representationType).toBe(lead.truncated ? 'partial' : lead.endMarker ? 'full' : undefined);
    expect(item.language).toBe(lead.language);
    expect(item.located).toBe(lead.dateline?.place);

    const leadRoles = roles(item);
    if (lead.dateline === null) {
      expect(leadRoles).toEqual({});
    } else {
      expect(leadRoles['kcna-parse:dateline']).toBe(lead.dateline.text);
      // A year appears only when the parser found one; otherwise only the month and day.
      expect(leadRoles['kcna-parse:date']).toBe(lead.date ?? undefined);
      expect(leadRoles['kcna-parse:month-day']).toBe(
        lead.date === null ? `--${String(lead.dateline.month).padStart(2, '0')}-${String(lead.dateline.day).padStart(2, '0')}` : undefined,
      );
      expect(leadRoles['kcna-parse:year-source']).toBe(lead.dateline.yearSource ?? undefined);
    }

    expect(item.associations?.length ?? 0).toBe(teasers.length);
    teasers.forEach((teaser, i) => {
      const association = item.associations![i]!;
      expect(association.name).toBe(teaser.text || teaser.dateline?.text);
      expect(association.located).toBe(teaser.dateline?.place);
      expect(roles(association)['kcna-parse:listed-date']).toBe(teaser.date);
      expect(roles(association)['kcna-parse:dateline']).toBe(teaser.dateline?.text);
    });
    expect(allKeys(item).filter((k) => DATE_TIME_KEYS.includes(k))).toEqual([]);
  }
});
