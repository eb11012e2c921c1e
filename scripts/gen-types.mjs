// Regenerates src/schema/types.generated.ts from schemas/dispatch.schema.json.
// The schema is the single source of truth; tests/schema/types.test.ts fails when the committed
// file drifts from what this script would write.
import { writeFile } from 'node:fs/promises';
import { renderTypes } from './lib/render-types.mjs';

const out = new URL('../src/schema/types.generated.ts', import.meta.url);
await writeFile(out, await renderTypes());
console.log(`wrote ${out.pathname}`);
