// Writes docs/fields.md, the field reference of every format: the JSON document from the
// descriptions in schemas/dispatch.schema.json, the CSV columns from schemas/dispatch-row.schema.json
// and teaser-row.schema.json, the SQLite tables and the Parquet columns from their definitions in
// src/emit/formats/ (sqlite.ts, parquet.ts, columns.ts), read from the build (dist/).
// Each is the single source of truth: edit a description there, then run
//   npm run build && node scripts/gen-field-docs.mjs
// tests/docs/fields.test.ts fails when the committed docs/fields.md differs from what this script
// would write.
import { readFile, writeFile } from 'node:fs/promises';
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const SCHEMA_URL = new URL('../schemas/dispatch.schema.json', import.meta.url);
const ROW_SCHEMA_URL = new URL('../schemas/dispatch-row.schema.json', import.meta.url);
const TEASER_ROW_SCHEMA_URL = new URL('../schemas/teaser-row.schema.json', import.meta.url);
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

/** Reads schemas/teaser-row.schema.json. */
export async function loadTeaserRowSchema() {
  return JSON.parse(await readFile(TEASER_ROW_SCHEMA_URL, 'utf8'));
}

/** The table formats' definitions, from the build (dist/emit/formats/): what renderFieldDocs takes as `tables`. */
export async function loadTables() {
  const sqlite = await import(new URL('../dist/emit/formats/sqlite.js', import.meta.url).href);
  const parquet = await import(new URL('../dist/emit/formats/parquet.js', import.meta.url).href);
  return {
    sqlite: { tables: sqlite.SQLITE_TABLES, indexes: sqlite.SQLITE_INDEXES },
    parquet: { dispatches: parquet.PARQUET_DISPATCH_FIELDS, teasers: parquet.PARQUET_TEASER_FIELDS },
  };
}

/**
 * Renders the field reference for a dispatch schema: one table per object (field, type, required,
 * description), then the warning codes, each linked to its section in docs/warnings.md.
 * Pure: the same schema always gives the same text.
 * @param {Record<string, any>} schema the parsed schemas/dispatch.schema.json
 * @param {{ rowSchema?: Record<string, any>, teaserRowSchema?: Record<string, any>, tables?: ReturnType<typeof loadTables> extends Promise<infer T> ? T : never }} [formats]
 *   the other formats, listed after the JSON document: the CSV columns of the parsed row schemas,
 *   the SQLite tables and the Parquet columns
 * @returns {string} the Markdown text of docs/fields.md
 */
export function renderFieldDocs(schema, formats = {}) {
  const { rowSchema, teaserRowSchema, tables } = formats;
  const defs = schema.$defs ?? {};
  const objects = [{ key: null, node: schema }, ...Object.entries(defs).map(([key, node]) => ({ key, node }))].filter(
    ({ node }) => node.type === 'object' && node.properties,
  );
  const paths = documentPaths(schema);
  const titleOf = (key) => (key === null ? schema.title : (defs[key].title ?? key));

  const out = [];
  out.push('# Field reference', '');
  out.push(
    `<!-- Generated from schemas/*.schema.json and src/emit/formats/ by scripts/gen-field-docs.mjs. Do not edit by hand: change the descriptions there, then run \`npm run build && node scripts/gen-field-docs.mjs\`. -->`,
    '',
  );
  out.push(
    `Every field of a kcna-parse document, schema version ${inlineCode(schema.properties?.schemaVersion?.const ?? '?')} (\`${schema.$id}\`).`,
    'The schema, [schemas/dispatch.schema.json](../schemas/dispatch.schema.json), is the contract; this page is generated from its descriptions.',
    'Every object is closed (no other fields appear), and every field marked *yes* under Required is always present, with `null` where the type allows it.',
    '',
  );
  const others = [];
  if (rowSchema) others.push(['CSV dispatch rows', '`--format csv`']);
  if (teaserRowSchema) others.push(['CSV teaser rows', '`--format csv --records teasers`']);
  if (tables) others.push(['SQLite tables', '`--format sqlite`'], ['Parquet columns', '`--format parquet`']);
  if (others.length > 0) {
    out.push(
      'JSON and NDJSON write the document itself (its objects are below). The other formats: ' +
        others.map(([heading, format]) => `${format}: [${heading}](#${anchor(heading)})`).join('; ') +
        '.',
      '',
    );
  }
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

  const csvSection = (heading, what, file, rows) => {
    out.push(`## ${heading}`, '');
    out.push(
      `The columns of ${what}, in order (\`kcna-parse schema --format csv\` lists them; \`--fields\` chooses and orders them), from [schemas/${file}](../schemas/${file}) (\`${rows.$id}\`). Every cell is a string; an empty cell stands for null.`,
      '',
    );
    out.push('| Column | Type | Description |', '| --- | --- | --- |');
    for (const [name, prop] of Object.entries(rows.properties ?? {})) {
      out.push(`| ${inlineCode(name)} | ${cell(typeOf(prop, rows))} | ${cell(prose(prop.description ?? ''))} |`);
    }
    out.push('');
  };
  if (rowSchema) csvSection('CSV dispatch rows', '`--format csv` (one row per dispatch)', 'dispatch-row.schema.json', rowSchema);
  if (teaserRowSchema) csvSection('CSV teaser rows', '`--format csv --records teasers` (one row per teaser)', 'teaser-row.schema.json', teaserRowSchema);
  if (tables) {
    renderSqlite(out, tables.sqlite);
    renderParquet(out, tables.parquet);
  }
  return `${out.join('\n').trimEnd()}\n`;
}

/** The SQLite tables: one table of columns each, keys and references, then the indexes. */
function renderSqlite(out, { tables, indexes }) {
  out.push('## SQLite tables', '');
  out.push(
    'The tables of `--format sqlite`, one database for the whole run (`kcna-parse schema --format sqlite` prints their CREATE statements). ' +
      'Integers are `INTEGER`, flags `INTEGER` 1 or 0, dates `TEXT` `YYYY-MM-DD` (what SQLite\'s date functions read), and every null a real `NULL`. ' +
      "A dispatch's key is a number, its position in the run's output: the content id (`id`, indexed) is not unique across inputs unless the run used `--dedupe`, since the same story captured twice shares it. " +
      'Foreign keys hold (`PRAGMA foreign_key_check` is clean).',
    '',
  );
  for (const table of tables) {
    out.push(`### SQLite: \`${table.name}\``, '');
    out.push(prose(table.description), '');
    const keys = table.primaryKey ?? table.columns.filter((column) => column.primaryKey).map((column) => column.name);
    out.push(`Primary key: ${keys.map((key) => inlineCode(key)).join(', ')}.`, '');
    out.push('| Column | Type | Null | Description |', '| --- | --- | --- | --- |');
    for (const column of table.columns) {
      let type = column.type;
      if (column.holds === 'date') type += ' (date `YYYY-MM-DD`)';
      if (column.holds === 'boolean') type += ' (1 or 0)';
      if (column.references) type += `, references ${inlineCode(column.references)}`;
      out.push(`| ${inlineCode(column.name)} | ${cell(type)} | ${column.notNull ? 'no' : 'yes'} | ${cell(prose(column.description))} |`);
    }
    out.push('');
  }
  out.push('Indexes:', '');
  for (const index of indexes) out.push(`- ${inlineCode(index.name)} on ${inlineCode(`${index.table} (${index.columns.join(', ')})`)}`);
  out.push('');
}

/** The Parquet files' columns, with their Parquet types; a list of structs is followed by its fields. */
function renderParquet(out, { dispatches, teasers }) {
  out.push('## Parquet columns', '');
  out.push(
    'The columns of `--format parquet` (`kcna-parse schema --format parquet` prints the schema in Parquet\'s own notation). ' +
      'Text is `STRING`, counts and line numbers `INT32`, byte counts and offsets `INT64`, flags `BOOLEAN`, dates `DATE`; ' +
      'the paragraphs are a `LIST<STRING>` and the warnings a `LIST` of structs (DuckDB: `VARCHAR[]` and `STRUCT(...)[]`). ' +
      'Rows come in row groups of a few thousand, compressed with Snappy.',
    '',
  );
  const section = (heading, intro, fields) => {
    out.push(`### ${heading}`, '');
    out.push(intro, '');
    out.push('| Column | Type | Null | Description |', '| --- | --- | --- | --- |');
    const row = (name, field) => out.push(`| ${inlineCode(name)} | ${cell(parquetType(field))} | ${field.nullable ? 'yes' : 'no'} | ${cell(prose(field.description))} |`);
    for (const field of fields) {
      row(field.name, field);
      for (const child of field.list?.fields ?? []) row(`${field.name}[].${child.name}`, child);
    }
    out.push('');
  };
  section('Parquet: dispatches', 'One row per dispatch (the default, `--records dispatches`), in output order.', dispatches);
  section('Parquet: teasers', 'One row per teaser, with `--records teasers`.', teasers);
}

const PARQUET_TYPES = { text: 'STRING', integer: 'INT32', bigint: 'INT64', boolean: 'BOOLEAN', date: 'DATE' };

function parquetType(field) {
  if (field.type !== undefined) return PARQUET_TYPES[field.type];
  if (field.list?.type !== undefined) return `LIST<${PARQUET_TYPES[field.list.type]}>`;
  if (field.list?.fields) return `LIST<STRUCT>`;
  return 'STRUCT';
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
  await writeFile(OUT_URL, renderFieldDocs(await loadSchema(), { rowSchema: await loadRowSchema(), teaserRowSchema: await loadTeaserRowSchema(), tables: await loadTables() }));
  console.log(`wrote ${fileURLToPath(OUT_URL)}`);
}
