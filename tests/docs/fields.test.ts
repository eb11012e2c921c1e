/**
 * docs/fields.md is generated from the schema's descriptions by scripts/gen-field-docs.mjs; this
 * test fails when the committed file differs from a fresh rendering (run the script to update it).
 */
import { describe, expect, it } from 'vitest';
import { codeHeadings, readRepoFile, ROOT } from './markdown.js';

interface FieldDocsScript {
  renderFieldDocs(schema: unknown, rowSchema?: unknown): string;
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
const warningCodes = (): string[] => schema.$defs['warning']?.properties?.['code']?.enum ?? [];

describe('docs/fields.md', () => {
  it('equals a fresh rendering of the schema (run `node scripts/gen-field-docs.mjs` to update it)', () => {
    expect(readRepoFile('docs/fields.md')).toBe(renderFieldDocs(schema, rowSchema));
  });

  it('lists every CSV column, in order, with its description', () => {
    const section = readRepoFile('docs/fields.md').split('\n## CSV dispatch rows\n')[1] ?? '';
    const columns = [...section.matchAll(/^\| `([a-z0-9_]+)` \|/gmu)].map((m) => m[1]);
    expect(columns).toEqual(Object.keys(rowSchema.properties));
    for (const [name, { description }] of Object.entries(rowSchema.properties)) {
      const row = section.split('\n').find((line) => line.startsWith(`| \`${name}\` |`));
      expect(row, name).toContain(description.replace(/\|/g, '\\|'));
    }
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
    expect(renderFieldDocs(schema, rowSchema)).toBe(readRepoFile('docs/fields.md'));
  });
});
