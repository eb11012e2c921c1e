/**
 * docs/fields.md is generated from the schema's descriptions by scripts/gen-field-docs.mjs; this
 * test fails when the committed file differs from a fresh rendering (run the script to update it).
 */
import { describe, expect, it } from 'vitest';
import { PARQUET_DISPATCH_FIELDS, PARQUET_TEASER_FIELDS } from '../../src/emit/formats/parquet.js';
import { SQLITE_INDEXES, SQLITE_TABLES } from '../../src/emit/formats/sqlite.js';
import { codeHeadings, readRepoFile, ROOT } from './markdown.js';

interface FieldDocsScript {
  renderFieldDocs(schema: unknown, formats?: { rowSchema?: unknown; teaserRowSchema?: unknown; tables?: unknown }): string;
}

// A computed specifier: the script is plain JavaScript with no type declarations.
const scriptUrl = new URL('scripts/gen-field-docs.mjs', ROOT).href;
const { renderFieldDocs } = (await import(scriptUrl)) as FieldDocsScript;

interface ObjectSchema {
  title?: string;
  properties?: Record<string, { description?: string; enum?: string[] }>;
}

const schema = JSON.parse(readRepoFile('schemas/dispatch.schema.json')) as {
  properties: Record<string, { description?: string }>;
  $defs: Record<string, ObjectSchema>;
};
const rowSchema = JSON.parse(readRepoFile('schemas/dispatch-row.schema.json')) as { properties: Record<string, { description: string }> };
const teaserRowSchema = JSON.parse(readRepoFile('schemas/teaser-row.schema.json')) as { properties: Record<string, { description: string }> };
/** Every format's definitions, as the script reads them from the build: here from the source. */
const formats = {
  rowSchema,
  teaserRowSchema,
  tables: { sqlite: { tables: SQLITE_TABLES, indexes: SQLITE_INDEXES }, parquet: { dispatches: PARQUET_DISPATCH_FIELDS, teasers: PARQUET_TEASER_FIELDS } },
};
const escaped = (text: string) => text.replace(/\bdocs\/([\w.-]+\.md)\b/g, '[$1]($1)').replace(/\|/g, '\\|');
/** The lines of a section of docs/fields.md, from its heading to the next of the same level. */
const sectionOf = (heading: string, level = '##') => readRepoFile('docs/fields.md').split(`\n${level} ${heading}\n`)[1]?.split(`\n${level} `)[0] ?? '';
const warningCodes = (): string[] => schema.$defs['warning']?.properties?.['code']?.enum ?? [];

describe('docs/fields.md', () => {
  it('equals a fresh rendering of the schemas and the table formats (run `npm run build && node scripts/gen-field-docs.mjs` to update it)', () => {
    expect(readRepoFile('docs/fields.md')).toBe(renderFieldDocs(schema, formats));
  });

  it.each([
    ['CSV dispatch rows', rowSchema],
    ['CSV teaser rows', teaserRowSchema],
  ])('lists every column of the %s, in order, with its description', (heading, rows) => {
    const section = sectionOf(heading);
    const columns = [...section.matchAll(/^\| `([a-z0-9_]+)` \|/gmu)].map((m) => m[1]);
    expect(columns).toEqual(Object.keys(rows.properties));
    for (const [name, { description }] of Object.entries(rows.properties)) {
      const row = section.split('\n').find((line) => line.startsWith(`| \`${name}\` |`));
      expect(row, name).toContain(description.replace(/\|/g, '\\|'));
    }
  });

  it('lists every SQLite table and column, in order, with its type, nullability and description, and the indexes', () => {
    for (const table of SQLITE_TABLES) {
      const section = sectionOf(`SQLite: \`${table.name}\``, '###');
      expect(section, table.name).toContain(escaped(table.description));
      const columns = [...section.matchAll(/^\| `([a-z0-9_]+)` \| ([A-Z]+)[^|]* \| (yes|no) \|/gmu)].map((m) => [m[1], m[2], m[3]]);
      expect(columns, table.name).toEqual(table.columns.map((column) => [column.name, column.type, column.notNull ? 'no' : 'yes']));
      for (const column of table.columns) expect(section.split('\n').find((line) => line.startsWith(`| \`${column.name}\` |`))).toContain(escaped(column.description));
    }
    const indexes = sectionOf('SQLite tables');
    for (const index of SQLITE_INDEXES) expect(indexes).toContain(`- \`${index.name}\` on \`${index.table} (${index.columns.join(', ')})\``);
  });

  it.each([
    ['Parquet: dispatches', PARQUET_DISPATCH_FIELDS],
    ['Parquet: teasers', PARQUET_TEASER_FIELDS],
  ])('lists every column of %s, in order, a list of structs followed by its fields', (heading, fields) => {
    const section = sectionOf(heading, '###');
    const names = [...section.matchAll(/^\| `([a-z0-9_.[\]]+)` \|/gmu)].map((m) => m[1]);
    expect(names).toEqual(fields.flatMap((field) => [field.name, ...(field.list?.fields ?? []).map((child) => `${field.name}[].${child.name}`)]));
    expect(section).toContain('| `date` | DATE |');
  });

  it('has a row for every property of every object, with its description', () => {
    const doc = readRepoFile('docs/fields.md');
    const objects = [{ title: 'Dispatch', properties: schema.properties }, ...Object.values(schema.$defs).map((def) => ({ title: def.title, properties: def.properties }))];
    for (const { title, properties } of objects) {
      if (!properties) continue;
      const section = doc.split(`\n## ${title}\n`)[1]?.split('\n## ')[0];
      expect(section, `a section for ${title}`).toBeDefined();
      for (const [name, property] of Object.entries(properties)) {
        const row = section!.split('\n').find((line) => line.startsWith(`| \`${name}\` |`));
        expect(row, `${title}.${name}`).toBeDefined();
        const description = (property.description ?? '').replace(/\bdocs\/([\w.-]+\.md)\b/g, '[$1]($1)').replace(/\|/g, '\\|');
        expect(row).toContain(description);
      }
    }
  });

  it('lists every warning code, in enum order, linked to its section of docs/warnings.md', () => {
    const doc = readRepoFile('docs/fields.md');
    const codes = warningCodes();
    expect(codes.length).toBeGreaterThan(0);
    const links = [...doc.matchAll(/^- \[`([A-Z0-9_]+)`\]\(warnings\.md#([a-z0-9_]+)\)$/gm)];
    expect(links.map((m) => m[1])).toEqual(codes);
    expect(links.map((m) => m[2])).toEqual(codes.map((code) => code.toLowerCase()));
    // Each link target exists.
    expect(codeHeadings(readRepoFile('docs/warnings.md'))).toEqual(codes);
  });

  it('is a pure function of the schema', () => {
    const changed = structuredClone(schema);
    changed.$defs['lead']!.properties!['wordCount']!.description = 'Changed for this test.';
    const rendered = renderFieldDocs(changed);
    expect(rendered).toContain('| `wordCount` | integer (≥ 0) | yes | Changed for this test. |');
    expect(renderFieldDocs(schema, formats)).toBe(readRepoFile('docs/fields.md'));
  });
});
