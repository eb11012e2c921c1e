import { readFile } from 'node:fs/promises';
import { compile } from 'json-schema-to-typescript';
import { SCHEMAS } from './schemas.mjs';

/**
 * Renders the TypeScript types of every published schema, as committed in
 * src/schema/types.generated.ts. A $ref into another schema ('urn:...#/$defs/teaser') becomes a
 * reference to that definition's type by its title, and a local $ref loses its sibling keywords
 * (a description), which would otherwise make the generator declare the type a second time.
 */
export async function renderTypes() {
  const schemas = [];
  for (const entry of SCHEMAS) {
    schemas.push({ ...entry, schema: JSON.parse(await readFile(new URL(`../../schemas/${entry.file}`, import.meta.url), 'utf8')) });
  }
  const byId = new Map(schemas.map(({ schema }) => [schema.$id, schema]));
  const parts = [];
  for (const { type, schema } of schemas) {
    parts.push(
      await compile(linkForeignRefs(schema, byId), type, {
        bannerComment: '',
        additionalProperties: false,
        unreachableDefinitions: true,
        strictIndexSignatures: true,
        format: true,
        style: { singleQuote: true, printWidth: 100 },
      }),
    );
  }
  return `/* Generated from schemas/ by scripts/gen-types.mjs (npm run gen:types). Do not edit by hand. */\n\n${parts.join('\n')}`;
}

function linkForeignRefs(node, byId) {
  if (Array.isArray(node)) return node.map((item) => linkForeignRefs(item, byId));
  if (node === null || typeof node !== 'object') return node;
  if (typeof node.$ref === 'string' && !node.$ref.startsWith('#')) {
    const [id, pointer] = node.$ref.split('#');
    const target = pointer.split('/').slice(1).reduce((at, key) => at?.[key], byId.get(id));
    if (!target?.title) throw new Error(`cannot link ${node.$ref}: no titled definition there`);
    const { $ref, ...rest } = node;
    return { ...rest, tsType: target.title };
  }
  if (typeof node.$ref === 'string') return { $ref: node.$ref };
  return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, linkForeignRefs(value, byId)]));
}
