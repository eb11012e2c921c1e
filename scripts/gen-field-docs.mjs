// Writes docs/fields.md, the field reference, from the descriptions in schemas/dispatch.schema.json
// (and the CSV columns from schemas/dispatch-row.schema.json).
// The schema is the single source of truth: edit a description there, then run
//   node scripts/gen-field-docs.mjs
// tests/docs/fields.test.ts fails when the committed docs/fields.md differs from what this script
// would write.
import { readFile, writeFile } from 'node:fs/promises';
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const SCHEMA_URL = new URL('../schemas/dispatch.schema.json', import.meta.url);
const ROW_SCHEMA_URL = new URL('../schemas/dispatch-row.schema.json', import.meta.url);
const OUT_URL = new URL('../docs/fields.md', import.meta.url);

/** Enums longer than this are listed below their table instead of inside the type cell. */
const MAX_INLINE_ENUM = 8;

/** Reads schemas/dispatch.schema.json. */
export async function loadSchema() {
  return JSON.parse(await readFile(SCHEMA_URL, 'utf8'));
}

/** Reads schemas/dispatch-row.schema.json. */
export async function loadRowSchema() {
  return JSON.parse(await readFile(ROW_SCHEMA_URL, 'utf8'));
}

/**
 * Renders the field reference for a dispatch schema: one table per object (field, type, required,
 * description), then the warning codes, each linked to its section in docs/warnings.md.
 * Pure: the same schema always gives the same text.
 * @param {Record<string, any>} schema the parsed schemas/dispatch.schema.json
 * @param {Record<string, any>} [rowSchema] the parsed schemas/dispatch-row.schema.json: its columns
 *   are listed at the end
 * @returns {string} the Markdown text of docs/fields.md
 */
export function renderFieldDocs(schema, rowSchema) {
  const defs = schema.$defs ?? {};
  const objects = [{ key: null, node: schema }, ...Object.entries(defs).map(([key, node]) => ({ key, node }))].filter(
    ({ node }) => node.type === 'object' && node.properties,
  );
  const paths = documentPaths(schema);
  const titleOf = (key) => (key === null ? schema.title : (defs[key].title ?? key));

  const out = [];
  out.push('# Field reference', '');
  out.push(
    `<!-- Generated from schemas/dispatch.schema.json by scripts/gen-field-docs.mjs. Do not edit by hand: change the schema's descriptions, then run \`node scripts/gen-field-docs.mjs\`. -->`,
    '',
  );
  out.push(
    `Every field of a kcna-parse document, schema version ${inlineCode(schema.properties?.schemaVersion?.const ?? '?')} (\`${schema.$id}\`).`,
    'The schema, [schemas/dispatch.schema.json](../schemas/dispatch.schema.json), is the contract; this page is generated from its descriptions.',
    'Every object is closed (no other fields appear), and every field marked *yes* under Required is always present, with `null` where the type allows it.',
    '',
  );
  out.push('Objects:', '');
  for (const { key } of objects) out.push(`- [${titleOf(key)}](#${anchor(titleOf(key))})`);
  out.push('');

  const longEnums = [];
  for (const { key, node } of objects) {
    const title = titleOf(key);
    out.push(`## ${title}`, '');
    if (node.description) out.push(prose(node.description), '');
    const at = paths.get(key) ?? [];
    if (at.length > 0) out.push(`Found at: ${at.map((p) => inlineCode(p)).join(', ')}.`, '');
    out.push('| Field | Type | Required | Description |', '| --- | --- | --- | --- |');
    const required = new Set(node.required ?? []);
    for (const [name, prop] of Object.entries(node.properties)) {
      const enumValues = enumOf(prop);
      let type;
      if (enumValues && enumValues.length > MAX_INLINE_ENUM) {
        const heading = key === 'warning' && name === 'code' ? 'Warning codes' : `${title}.${name} values`;
        longEnums.push({ heading, key, name, values: enumValues });
        type = `string, one of the [${enumValues.length} codes](#${anchor(heading)})`;
      } else {
        type = typeOf(prop, schema);
      }
      const description = prop.description ?? refTarget(prop, schema)?.description ?? '';
      out.push(`| ${inlineCode(name)} | ${cell(type)} | ${required.has(name) ? 'yes' : 'no'} | ${cell(prose(description))} |`);
    }
    out.push('');
  }

  for (const { heading, key, name, values } of longEnums) {
    out.push(`## ${heading}`, '');
    const isWarningCode = key === 'warning' && name === 'code';
    out.push(
      isWarningCode
        ? 'The warning codes, in schema order. Each links to its meaning, an example and the fix in [warnings.md](warnings.md).'
        : `The values of ${inlineCode(name)}, in schema order.`,
      '',
    );
    const isLayout = key === 'page' && name === 'layout';
    for (const value of values) {
      if (isWarningCode) out.push(`- [${inlineCode(value)}](warnings.md#${anchor(String(value))})`);
      else if (isLayout) out.push(`- [${inlineCode(JSON.stringify(value))}](layouts/${value}.md)`);
      else out.push(`- ${inlineCode(JSON.stringify(value))}`);
    }
    out.push('');
  }

  if (rowSchema) {
    out.push('## CSV dispatch rows', '');
    out.push(
      `The columns of \`--format csv\` (one row per dispatch), in order, from [schemas/dispatch-row.schema.json](../schemas/dispatch-row.schema.json) (\`${rowSchema.$id}\`). Every cell is a string; an empty cell stands for null.`,
      '',
    );
    out.push('| Column | Type | Description |', '| --- | --- | --- |');
    for (const [name, prop] of Object.entries(rowSchema.properties ?? {})) {
      out.push(`| ${inlineCode(name)} | ${cell(typeOf(prop, rowSchema))} | ${cell(prose(prop.description ?? ''))} |`);
    }
    out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

/** Where each $defs object occurs in a document, as jq-style paths ('lead.dateline', 'teasers[]'). */
function documentPaths(schema) {
  const found = new Map();
  const visit = (node, path, seen) => {
    if (!node || typeof node !== 'object') return;
    const key = refKey(node);
    if (key !== undefined) {
      if (seen.has(key)) return;
      if (!found.has(key)) found.set(key, []);
      found.get(key).push(path);
      visit(schema.$defs[key], path, new Set([...seen, key]));
      return;
    }
    for (const option of node.anyOf ?? []) visit(option, path, seen);
    if (node.items) visit(node.items, `${path}[]`, seen);
    for (const [name, prop] of Object.entries(node.properties ?? {})) visit(prop, path === '' ? name : `${path}.${name}`, seen);
  };
  visit(schema, '', new Set());
  return found;
}

function refKey(node) {
  const match = typeof node.$ref === 'string' ? /^#\/\$defs\/(.+)$/.exec(node.$ref) : null;
  return match ? match[1] : undefined;
}

function refTarget(node, schema) {
  const key = refKey(node);
  return key === undefined ? undefined : schema.$defs[key];
}

function enumOf(node) {
  if (Array.isArray(node.enum)) return node.enum;
  return undefined;
}

/** A short, readable type: 'integer (1 to 12)', 'string or null', 'array of [Teaser](#teaser)'. */
function typeOf(node, schema) {
  const target = refTarget(node, schema);
  if (target) return `[${target.title ?? refKey(node)}](#${anchor(target.title ?? refKey(node))})`;
  if ('const' in node) return `${inlineCode(JSON.stringify(node.const))} (constant)`;
  if (Array.isArray(node.enum)) return node.enum.map((value) => inlineCode(JSON.stringify(value))).join(' or ');
  if (Array.isArray(node.anyOf)) return node.anyOf.map((option) => typeOf(option, schema)).join(' or ');
  const types = Array.isArray(node.type) ? node.type : node.type === undefined ? [] : [node.type];
  const parts = types.map((type) => (type === 'null' ? 'null' : describeType(type, node, schema)));
  return parts.join(' or ') || 'any';
}

function describeType(type, node, schema) {
  const limits = [];
  if (type === 'array') {
    const items = node.items ? typeOf(node.items, schema) : 'any';
    return node.minItems ? `array of ${items}, at least ${node.minItems} ${node.minItems === 1 ? 'item' : 'items'}` : `array of ${items}`;
  }
  if (type === 'integer' || type === 'number') {
    if (node.minimum !== undefined && node.maximum !== undefined) limits.push(`${node.minimum} to ${node.maximum}`);
    else if (node.minimum !== undefined) limits.push(`≥ ${node.minimum}`);
    else if (node.maximum !== undefined) limits.push(`≤ ${node.maximum}`);
  }
  if (type === 'string') {
    if (node.format === 'date') limits.push('date `YYYY-MM-DD`');
    else if (node.format) limits.push(`format ${inlineCode(node.format)}`);
    if (node.pattern) limits.push(`matching ${inlineCode(node.pattern)}`);
    if (node.minLength === 1) limits.push('non-empty');
    else if (node.minLength !== undefined) limits.push(`at least ${node.minLength} characters`);
  }
  return limits.length > 0 ? `${type} (${limits.join(', ')})` : type;
}

/** Turns 'docs/warnings.md' mentions into links relative to docs/. */
function prose(text) {
  return text.replace(/\bdocs\/([\w.-]+\.md)\b/g, '[$1]($1)');
}

/** A table cell: no line breaks, pipes escaped. */
function cell(text) {
  return text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
}

function inlineCode(text) {
  const s = String(text);
  return s.includes('`') ? `\`\` ${s} \`\`` : `\`${s}\``;
}

/** GitHub's heading anchor: lower case, punctuation other than '-' and '_' dropped, spaces to '-'. */
function anchor(heading) {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

function isMain() {
  if (!process.argv[1]) return false;
  try {
    return realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isMain()) {
  await writeFile(OUT_URL, renderFieldDocs(await loadSchema(), await loadRowSchema()));
  console.log(`wrote ${fileURLToPath(OUT_URL)}`);
}
