// Generates JSON serializers from the published schemas, ahead of time, as build-validators.mjs
// generates validators: src/schema/generated/serializers.ts (git-ignored, rebuilt by
// `npm run build`). Each record kind gets two functions, compact (NDJSON) and pretty (JSON, two
// spaces, every line after the first prefixed by a given indentation), whose output is byte for
// byte JSON.stringify's (tests/emit/serializers.test.ts compares them on every fixture and on
// generated documents).
//
// Each property's value is written by code made from its schema (no type tests at run time), in the
// order of the object's own keys, which is JSON.stringify's (the parser does not build every object
// in the schema's order: lead.datelineLine comes before lead.dateline). A string is copied between
// quotes as it is unless a quick test finds a character JSON escapes; then JSON.stringify writes it.
// Only records that passed their schema check are serialized: a value outside the schema (a
// property the schema does not list is never written) would be a bug caught before this point.
// Anything in a schema this generator does not know is written by JSON.stringify itself.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { SCHEMAS } from './lib/schemas.mjs';

/** The record kinds written as JSON objects (the CSV row schemas are written by the CSV writer). */
const SERIALIZED = {
  'dispatch.schema.json': 'Dispatch',
  'teaser-record.schema.json': 'TeaserRecord',
};

const schemas = new Map();
for (const { file } of SCHEMAS) {
  const schema = JSON.parse(await readFile(new URL(`../schemas/${file}`, import.meta.url), 'utf8'));
  schemas.set(schema.$id, { file, schema });
}

/** Resolves a $ref ('#/$defs/x' in the same schema, or '<$id>#/$defs/x'). */
function resolve(ref, base) {
  const [id, pointer = ''] = ref.split('#');
  const root = id === '' ? base : schemas.get(id)?.schema;
  if (!root) throw new Error(`build-serializers: unknown $ref ${ref}`);
  let node = root;
  for (const part of pointer.split('/').slice(1)) node = node?.[part.replaceAll('~1', '/').replaceAll('~0', '~')];
  if (node === undefined) throw new Error(`build-serializers: $ref ${ref} points at nothing`);
  return { node, root, key: `${root.$id}#${pointer}` };
}

const functions = [];
/** Function names by schema location, so that each $ref is generated once. */
const named = new Map();

/**
 * The name of the pair of functions for a schema location, generating them on first use:
 * c_N(v) gives compact JSON, p_N(v, ind) pretty JSON for a value starting at indentation `ind`.
 */
function functionFor(node, root, key) {
  if (named.has(key)) return named.get(key);
  const name = `s${named.size}`;
  named.set(key, name);
  const compact = expression(node, root, 'v', 'compact', 'ind');
  const pretty = expression(node, root, 'v', 'pretty', 'ind');
  functions.push(`function c_${name}(v) {\n  return ${compact};\n}\nfunction p_${name}(v, ind) {\n  return ${pretty};\n}`);
  return name;
}

/** The JavaScript expression that serializes `v` (a variable name) following `node`. */
function expression(node, root, v, mode, ind) {
  const call = (name) => (mode === 'compact' ? `c_${name}(${v})` : `p_${name}(${v}, ${ind})`);
  if (node === true || node === undefined) return fallback(v, mode, ind);
  if (node.$ref !== undefined) {
    // A $ref with siblings other than annotations would need both: leave it to JSON.stringify.
    const extra = Object.keys(node).filter((k) => !['$ref', 'description', 'title', '$comment', 'examples'].includes(k));
    if (extra.length > 0) return fallback(v, mode, ind);
    const target = resolve(node.$ref, root);
    return call(functionFor(target.node, target.root, target.key));
  }
  if (node.const !== undefined) return valueOf(v, [typeof node.const === 'object' && node.const !== null ? 'any' : typeof node.const], node, root, mode, ind);
  if (Array.isArray(node.enum)) {
    const types = [...new Set(node.enum.map((value) => (value === null ? 'null' : typeof value)))];
    return valueOf(v, types.some((t) => t === 'object') ? ['any'] : types, node, root, mode, ind);
  }
  if (Array.isArray(node.anyOf) || Array.isArray(node.oneOf)) {
    // The common nullable form: [X, {type: null}].
    const options = node.anyOf ?? node.oneOf;
    const isNull = (o) => o && o.type === 'null' && Object.keys(o).every((k) => ['type', 'description', 'title'].includes(k));
    const others = options.filter((o) => !isNull(o));
    if (options.length === 2 && others.length === 1) return `(${v} === null ? 'null' : ${expression(others[0], root, v, mode, ind)})`;
    return fallback(v, mode, ind);
  }
  if (node.type === undefined) return fallback(v, mode, ind);
  const types = Array.isArray(node.type) ? node.type : [node.type];
  return valueOf(v, types, node, root, mode, ind);
}

/** Serializes a value of one of `types` (JSON Schema type names, or typeof names from enums). */
function valueOf(v, types, node, root, mode, ind) {
  const plain = types.filter((t) => t !== 'null');
  const nullable = plain.length < types.length;
  if (plain.length !== 1) return fallback(v, mode, ind);
  let body;
  switch (plain[0]) {
    case 'string':
      body = `str(${v})`;
      break;
    case 'integer':
    case 'number':
      body = `num(${v})`;
      break;
    case 'boolean':
      body = `(${v} ? 'true' : 'false')`;
      break;
    case 'object':
      body = node.properties && node.additionalProperties === false && !node.patternProperties ? objectOf(v, node, root, mode, ind) : fallback(v, mode, ind);
      break;
    case 'array':
      body = node.items && typeof node.items === 'object' && !node.prefixItems ? arrayOf(v, node.items, root, mode, ind) : fallback(v, mode, ind);
      break;
    default:
      return fallback(v, mode, ind);
  }
  return nullable ? `(${v} === null ? 'null' : ${body})` : body;
}

/**
 * An object: its own keys in its own order, as JSON.stringify takes them (the parser does not build
 * every object in the schema's order), each value written by the code its property's schema gives.
 * A key the schema does not list cannot pass the schema check; it would be written by
 * JSON.stringify all the same.
 */
function objectOf(v, node, root, mode, ind) {
  const i2 = fresh('ind');
  const name = fresh(mode === 'compact' ? 'cobj' : 'pobj');
  const lines = [`function ${name}(o, ind) {`, `  let out = '';`];
  if (mode === 'pretty') lines.push(`  const ${i2} = ind + '  ';`);
  const separator = mode === 'compact' ? `(out === '' ? '' : ',')` : `(out === '' ? '\\n' : ',\\n') + ${i2}`;
  // for...in: the own keys in JSON.stringify's order (a parsed record inherits no enumerable key).
  lines.push(`  for (const key in o) {`, `    const x = o[key];`, `    if (x === undefined) continue;`, `    switch (key) {`);
  for (const [key, schema] of Object.entries(node.properties)) {
    const quoted = JSON.stringify(JSON.stringify(key));
    const head = mode === 'compact' ? `${quoted.slice(0, -1)}:"` : `${quoted.slice(0, -1)}: "`;
    lines.push(`      case ${JSON.stringify(key)}:`, `        out += ${separator} + ${head} + ${expression(schema, root, 'x', mode, i2)};`, `        break;`);
  }
  const other = mode === 'compact' ? 'JSON.stringify(key) + \':\' + JSON.stringify(x)' : `JSON.stringify(key) + ': ' + JSON.stringify(x, null, 2).replace(/\\n/g, '\\n' + ${i2})`;
  lines.push(`      default:`, `        if (typeof x !== 'function' && typeof x !== 'symbol') out += ${separator} + ${other};`, `    }`, `  }`);
  if (mode === 'compact') lines.push(`  return '{' + out + '}';`);
  else lines.push(`  return out === '' ? '{}' : '{' + out + '\\n' + ind + '}';`);
  lines.push(`}`);
  functions.push(lines.join('\n'));
  return `${name}(${v}, ${mode === 'compact' ? "''" : ind})`;
}

function arrayOf(v, items, root, mode, ind) {
  const i2 = fresh('ind');
  const item = expression(items, root, 'a[k]', mode, i2);
  const name = fresh(mode === 'compact' ? 'carr' : 'parr');
  if (mode === 'compact') {
    functions.push(`function ${name}(a) {\n  let out = '[';\n  for (let k = 0; k < a.length; k++) out += (k === 0 ? '' : ',') + ${item};\n  return out + ']';\n}`);
    return `${name}(${v})`;
  }
  functions.push(`function ${name}(a, ind) {\n  if (a.length === 0) return '[]';\n  const ${i2} = ind + '  ';\n  let out = '[';\n  for (let k = 0; k < a.length; k++) out += (k === 0 ? '\\n' : ',\\n') + ${i2} + ${item};\n  return out + '\\n' + ind + ']';\n}`);
  return `${name}(${v}, ${ind})`;
}

let freshCount = 0;
/** A variable name used nowhere else in the generated code. */
function fresh(prefix) {
  return `${prefix}${freshCount++}`;
}

function fallback(v, mode, ind) {
  return mode === 'compact' ? `JSON.stringify(${v})` : `JSON.stringify(${v}, null, 2).replace(/\\n/g, '\\n' + ${ind})`;
}

const exported = [];
for (const [file, type] of Object.entries(SERIALIZED)) {
  const entry = [...schemas.values()].find((s) => s.file === file);
  if (!entry) throw new Error(`build-serializers: ${file} is not in scripts/lib/schemas.mjs`);
  const name = functionFor(entry.schema, entry.schema, `${entry.schema.$id}#`);
  exported.push(
    `/** ${type} as compact JSON: JSON.stringify(record). */`,
    `export const compact${type}: (record: ${type}) => string = c_${name};`,
    `/** ${type} as JSON indented by two spaces: JSON.stringify(record, null, 2), each line after the first prefixed by \`indent\`. */`,
    `export const pretty${type}: (record: ${type}, indent: string) => string = p_${name};`,
  );
}

const source = `// @ts-nocheck
/* Generated by scripts/build-serializers.mjs from schemas/. Do not edit. */
import type { ${Object.values(SERIALIZED).join(', ')} } from '../types.js';

/** Characters JSON.stringify escapes: quote, backslash, controls, and (if alone) surrogates. */
const ESCAPED = /["\\\\\\u0000-\\u001f\\ud800-\\udfff]/;

function str(s) {
  return ESCAPED.test(s) ? JSON.stringify(s) : '"' + s + '"';
}

function num(n) {
  return Number.isFinite(n) ? '' + n : 'null';
}

${functions.join('\n\n')}

${exported.join('\n')}
`;
const outDir = new URL('../src/schema/generated/', import.meta.url);
await mkdir(outDir, { recursive: true });
await writeFile(new URL('serializers.ts', outDir), source);
