/**
 * The published package, end to end: `npm pack`, an offline install of the tarball into a fresh
 * project, then the bin, the library import, the schema subpath and the types, used from there.
 * Needs dist/ built (`npm test` builds before running the tests).
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION, checkDocument, parseDispatch } from '../../src/index.js';
import { PACKAGE, ROOT, installPacked, ok, pack, run, scratchDir, type Packed } from './helpers.js';

/**
 * What users download; the tarball is a few hundred kB, so this leaves room without hiding bloat.
 * 256 KiB until 1.2.0, whose web-page front end (its code in the library and in the command line's
 * lazily loaded chunk; the HTML parser and the decoders stay installed dependencies, not bundled)
 * took the package from 255 to 303 KiB; then the report's own compiled validator (for `validate` of
 * a report) to 363 KiB with the report's new page, and the web-archive reader (the library's
 * modules and the command line's chunk; warcio and yauzl stay installed dependencies) with its
 * documentation to 390 KiB, 410 KiB with schema 2.0.0. 2.0.0's table formats and --fields took it
 * to 440 KiB (+30 KiB): the format modules (src/emit/formats/: the registry, the typed columns
 * with the descriptions docs/fields.md is generated from, the SQLite and Parquet writers) ship
 * twice, in the library's modules the worker threads load and in the command line's bundle, and
 * the README and CHANGELOG say how to use them. SQLite (node-sqlite3-wasm, 1.3 MB) and the Parquet
 * writer (hyparquet-writer with hyparquet, 1 MB) stay installed dependencies, loaded only by a run
 * that writes them, never bundled. The web-archive reader's own inflating of gzip members (zlib per
 * member, pako for the rest) and its revisit index in typed arrays took it to 450 KiB (+2.5 KiB, in
 * both copies), which the archive speed and memory goals needed (BENCHMARKS.md, Web archives).
 */
const SIZE_BUDGET = 456 * 1024;

const scratch = scratchDir('kcna-parse-pack-');
let packed: Packed;
let project: string;

beforeAll(async () => {
  packed = await pack(scratch.dir);
  project = await installPacked(packed.tarball, scratch.dir);
});
afterAll(() => scratch.cleanup());

const node = (args: string[]) => run(process.execPath, args, { cwd: project });

describe('npm pack', () => {
  it('holds only bin/, dist/, schemas/, the code docs (for explain), package.json, README.md, LICENSE and CHANGELOG.md', () => {
    const paths = packed.files.map((file) => file.path).sort();
    const documents = ['package.json', 'README.md', 'LICENSE', 'CHANGELOG.md', 'docs/errors.md', 'docs/warnings.md'];
    const stray = paths.filter((file) => !/^(bin|dist|schemas)\//.test(file) && !documents.includes(file));
    expect(stray).toEqual([]);
    expect(paths).toEqual(expect.arrayContaining(['package.json', 'README.md', 'LICENSE', 'bin/kcna-parse.js', 'dist/index.js', 'dist/index.d.ts', 'schemas/dispatch.schema.json']));
    const isSource = (file: string) => /(^|\/)(src|tests?|fixtures|examples|scripts)\//.test(file) || (/\.(ts|tgz|tsbuildinfo)$/.test(file) && !file.endsWith('.d.ts'));
    expect(paths.filter(isSource)).toEqual([]);
  });

  it(`is small (under ${SIZE_BUDGET / 1024} KiB)`, () => {
    const unpacked = packed.files.reduce((sum, file) => sum + file.size, 0);
    console.info(`${path.basename(packed.tarball)}: ${(packed.size / 1024).toFixed(1)} KiB packed, ${(unpacked / 1024).toFixed(1)} KiB unpacked, ${packed.files.length} files`);
    expect(packed.size).toBeLessThan(SIZE_BUDGET);
  });
});

describe('the installed package', () => {
  it('links a bin with a node shebang', () => {
    const bin = readFileSync(path.join(project, 'node_modules/kcna-parse/bin/kcna-parse.js'), 'utf8');
    expect(bin.split('\n')[0]).toBe('#!/usr/bin/env node');
  });

  it('npx kcna-parse --version prints the package version', async () => {
    const result = ok(await run('npx', ['--offline', 'kcna-parse', '--version'], { cwd: project }), 'npx kcna-parse --version');
    expect(result.stdout.trim()).toBe(PACKAGE.version);
  });

  it('converts a dump into a valid document, the same one the source code makes', async () => {
    const input = path.join(project, 'fixtures/sample/input.txt');
    mkdirSync(path.dirname(input), { recursive: true });
    cpSync(path.join(ROOT, 'fixtures/sample/input.txt'), input);
    const result = ok(await run('npx', ['--offline', 'kcna-parse', 'fixtures/sample/input.txt'], { cwd: project }), 'npx kcna-parse');
    const document: unknown = JSON.parse(result.stdout);
    expect(checkDocument(document)).toEqual({ valid: true });
    const expected = parseDispatch(new Uint8Array(readFileSync(input)), { path: 'fixtures/sample/input.txt' });
    expect(expected.ok && document).toEqual(expected.ok && expected.document);
  });

  it("import('kcna-parse') resolves to the installed copy and parses", async () => {
    const script = `
      import('kcna-parse').then(({ parseDispatch, SCHEMA_VERSION }) => {
        const result = parseDispatch('Pyongyang, March 23 (KCNA) -- Text. -0-\\n', { year: 2021 });
        console.log(JSON.stringify({ resolved: require.resolve('kcna-parse'), schemaVersion: SCHEMA_VERSION, ok: result.ok, date: result.document.lead.date }));
      });`;
    const result = ok(await node(['-e', script]), 'node -e');
    expect(JSON.parse(result.stdout)).toEqual({
      resolved: path.join(project, 'node_modules/kcna-parse/dist/index.js'),
      schemaVersion: SCHEMA_VERSION,
      ok: true,
      date: '2021-03-23',
    });
  });

  it('exports the schemas and package.json as subpaths', async () => {
    const script = `
      import { createRequire } from 'node:module';
      import schema from 'kcna-parse/schemas/dispatch.schema.json' with { type: 'json' };
      const require = createRequire(import.meta.url);
      console.log(JSON.stringify({
        id: schema.$id,
        schemaVersion: schema.properties.schemaVersion.const,
        version: require('kcna-parse/package.json').version,
        rowSchema: require.resolve('kcna-parse/schemas/dispatch-row.schema.json'),
      }));`;
    const result = ok(await node(['--no-warnings', '--input-type=module', '-e', script]), 'node --input-type=module');
    expect(JSON.parse(result.stdout)).toEqual({
      id: `urn:kcna-parse:schema:dispatch:${SCHEMA_VERSION}`,
      schemaVersion: SCHEMA_VERSION,
      version: PACKAGE.version,
      rowSchema: path.join(project, 'node_modules/kcna-parse/schemas/dispatch-row.schema.json'),
    });
  });

  it('does not expose its internals', async () => {
    const result = await node(['--input-type=module', '-e', "await import('kcna-parse/dist/cli/main.js')"]);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('ERR_PACKAGE_PATH_NOT_EXPORTED');
  });

  it('ships declarations a TypeScript project compiles against', async () => {
    writeFileSync(
      path.join(project, 'consumer.ts'),
      `import { parseDispatch, parseFiles, KcnaError, type Dispatch, type ErrorCode, type ParseResult, type WarningCode } from 'kcna-parse';
const result: ParseResult = parseDispatch(new Uint8Array(), { path: null });
if (result.ok) {
  const document: Dispatch = result.document;
  const codes: WarningCode[] = document.warnings.map((warning) => warning.code);
  console.log(document.lead.title?.length, codes);
} else {
  // A failure's code is one of the error codes.
  const code: ErrorCode = result.code;
  console.log(code, result.message);
}
for await (const file of parseFiles(['*.txt'], { year: 2021, maxBytes: 1024 })) {
  if (!file.ok) console.log(file.error instanceof KcnaError, file.error.code);
}
// @ts-expect-error the year is a number
parseDispatch('', { year: '2021' });
`,
    );
    writeFileSync(
      path.join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          exactOptionalPropertyTypes: true,
          noEmit: true,
          // The published declarations themselves are checked, not only their use.
          skipLibCheck: false,
          types: ['node'],
          typeRoots: [path.join(ROOT, 'node_modules/@types')],
        },
        files: ['consumer.ts'],
      }),
    );
    const tsc = path.join(ROOT, 'node_modules/typescript/bin/tsc');
    const result = await node([tsc, '-p', 'tsconfig.json']);
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});
