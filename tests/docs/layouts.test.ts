/**
 * docs/layouts/ against the schema and the parser: one page per layout name of the schema's enum,
 * listed in the index, and each page's example is recognised as that layout and gives the fields
 * its excerpt shows.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDispatch } from '../../src/parse/parse.js';
import { blocks, readRepoFile, ROOT } from './markdown.js';

const schema = JSON.parse(readRepoFile('schemas/dispatch.schema.json')) as {
  $defs: { page: { properties: { layout: { enum: string[] } } } };
};
const layouts = schema.$defs.page.properties.layout.enum;

describe('docs/layouts/', () => {
  it('lists every layout of the schema in its index, in enum order', () => {
    const index = readRepoFile('docs/layouts/README.md');
    const listed = [...index.matchAll(/^\| `([a-z0-9-]+)` \|/gmu)].map((m) => m[1]);
    expect(listed).toEqual(layouts);
  });

  it.each(layouts)('%s has a page whose example is recognised as it', (layout) => {
    expect(existsSync(new URL(`docs/layouts/${layout}.md`, ROOT))).toBe(true);
    const page = readRepoFile(`docs/layouts/${layout}.md`);
    expect(page).toContain('## What is read');
    expect(page).toContain('## What becomes a warning');
    const found = blocks(page);
    const input = found.find((block) => block.tag === 'input');
    const excerpt = found.find((block) => block.tag === 'excerpt');
    expect(input && excerpt, 'an input and an excerpt block').toBeTruthy();
    const result = parseDispatch(input!.content);
    if (!result.ok) throw new Error(`${result.code}: ${result.message}`);
    expect(result.document.page.layout).toBe(layout);
    expect(result.document).toMatchObject(JSON.parse(excerpt!.content) as Record<string, unknown>);
  });
});
