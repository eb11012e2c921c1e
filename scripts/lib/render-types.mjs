import { readFile } from 'node:fs/promises';
import { compile } from 'json-schema-to-typescript';

import { SCHEMAS } from './schemas.mjs';

/** Renders the TypeScript types of every published schema, as committed in src/schema/types.generated.ts. */
export async function renderTypes() {
  const parts = [];
  for (const { file, type: name } of SCHEMAS) {
    const schema = JSON.parse(await readFile(new URL(`../../schemas/${file}`, import.meta.url), 'utf8'));
    parts.push(
      await compile(schema, name, {
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
