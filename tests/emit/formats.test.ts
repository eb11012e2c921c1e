/**
 * The registry of formats (src/emit/formats/): every format it holds is wired everywhere a format
 * shows — the --format choices of each command, the extensions of -o, --out-dir and validate,
 * `kcna-parse schema`, validate's reader, the usage rules its module states — and in the README's
 * options table. A format added to FORMAT_MODULES that misses one of them fails here.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FORMAT_MODULES, FORMATS, formatFromPath, outputExtension, SCHEMA_FORMATS, VALIDATED_EXTENSIONS, VALIDATED_FORMATS } from '../../src/emit/formats/index.js';
import { RECORD_KINDS, type FormatOption } from '../../src/emit/writer.js';
import { ROOT } from '../cli/helpers.js';
import { runInProcess } from '../cli/in-process.js';

const dir = mkdtempSync(path.join(tmpdir(), 'kcna-parse-formats-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SAMPLE = path.join(ROOT, 'fixtures/sample/input.txt');
const OPTIONS: ReadonlyArray<readonly [FormatOption, string[]]> = [
  ['bom', ['--bom']],
  ['excel-safe', ['--excel-safe']],
  ['fields', ['--fields', 'id']],
];

/** The choices commander lists for --format in a command's help. */
async function helpChoices(command: string[]): Promise<string[]> {
  const help = await runInProcess([...command, '--help'], { cwd: dir });
  const line = help.stdout.replace(/\n\s+/g, ' ').match(/-f, --format <format>.*?\(choices: ((?:"[^"]+"(?:, )?)+)/);
  expect(line, help.stdout).not.toBeNull();
  return [...line![1]!.matchAll(/"([^"]+)"/g)].map((m) => m[1]!);
}

describe('the registry', () => {
  it('names each format once, with extensions of its own, lower case, each starting with a dot', () => {
    expect(new Set(FORMATS).size).toBe(FORMATS.length);
    const extensions = FORMAT_MODULES.flatMap((module) => module.extensions);
    expect(new Set(extensions).size).toBe(extensions.length);
    for (const extension of extensions) expect(extension).toMatch(/^\.[a-z0-9.]+$/);
    expect(FORMATS).toEqual(['json', 'ndjson', 'csv', 'ninjs', 'sqlite', 'parquet']);
  });

  it('gives the --format choices of the main command, validate and schema', async () => {
    expect(await helpChoices([])).toEqual(FORMATS);
    expect(await helpChoices(['validate'])).toEqual(VALIDATED_FORMATS);
    expect(await helpChoices(['schema'])).toEqual(SCHEMA_FORMATS);
    expect(VALIDATED_FORMATS).toEqual(FORMAT_MODULES.filter((module) => module.reader).map((module) => module.name));
  });

  it("gives validate's folder walk the extensions of the formats it reads", () => {
    expect(VALIDATED_EXTENSIONS).toEqual(['.json', '.ndjson', '.jsonl', '.csv']);
  });
});

describe.each(FORMAT_MODULES.map((module) => [module.name, module] as const))('--format %s', (name, module) => {
  it.each(module.extensions.map((extension) => [extension]))('is what -o *%s means, in any case', (extension) => {
    expect(formatFromPath(`out${extension}`)).toBe(name);
    expect(formatFromPath(`OUT${extension.toUpperCase()}`)).toBe(name);
  });

  it(`converts into -o out${module.extensions[0]} (implied by the name), and validate reads it or says it does not`, async () => {
    const file = `out-${name}${module.extensions[0]}`;
    const run = await runInProcess([SAMPLE, '-o', file], { cwd: dir });
    expect(run.status, run.stderr).toBe(0);
    expect(statSync(path.join(dir, file)).size).toBeGreaterThan(0);
    const validate = await runInProcess(['validate', file], { cwd: dir });
    if (module.reader) {
      expect(validate.stderr).toBe('validated 1 record in 1 file: 0 invalid\n');
      expect(validate.status).toBe(0);
    } else {
      expect(validate.stderr).toContain(`validate reads ${VALIDATED_FORMATS.join(', ')}; a --format ${name} file is checked by the program that reads it`);
      expect(validate.status).toBe(1);
    }
  });

  it.each(RECORD_KINDS.map((kind) => [kind]))('writes --records %s, or refuses it as its module says', async (records) => {
    const file = `records-${name}-${records}${module.extensions[0]}`;
    const run = await runInProcess([SAMPLE, '-f', name, '--records', records, '-o', file, '--quiet'], { cwd: dir });
    if (module.recordKinds.includes(records)) {
      expect(run.status, run.stderr).toBe(0);
    } else {
      expect(run.status).toBe(2);
      expect(run.stderr).toContain(`--records ${records} does not apply to --format ${name}`);
      if (module.recordKindsNote) expect(run.stderr).toContain(module.recordKindsNote);
    }
  });

  it.each(OPTIONS.map(([option, args]) => [option, args] as const))('takes --%s only if its module says so', async (option, args) => {
    const file = `option-${name}-${option}${module.extensions[0]}`;
    const run = await runInProcess([SAMPLE, '-f', name, ...args, '-o', file, '--quiet'], { cwd: dir });
    if (module.options.includes(option)) {
      expect(run.status, run.stderr).toBe(0);
    } else {
      expect(run.status).toBe(2);
      expect(run.stderr).toContain(`--${option} applies to --format `);
    }
  });

  it(`writes --out-dir files named *${module.extensions[0]}, or refuses --out-dir for a file of the whole run`, async () => {
    const folder = `outdir-${name}`;
    const run = await runInProcess([path.join(ROOT, 'examples/archive/2021/03'), '-f', name, '--out-dir', folder, '--quiet'], { cwd: dir });
    if (module.kind === 'text') {
      expect(run.status, run.stderr).toBe(0);
      expect(readdirSync(path.join(dir, folder)).every((file) => file.endsWith(outputExtension(name)))).toBe(true);
      expect(readdirSync(path.join(dir, folder))).toHaveLength(5);
    } else {
      expect(run.status).toBe(2);
      expect(run.stderr).toContain(`--out-dir does not apply to --format ${name}`);
      expect(existsSync(path.join(dir, folder))).toBe(false);
    }
  });

  it('is printed by `kcna-parse schema --format` as its module says, or not among its choices', async () => {
    const run = await runInProcess(['schema', '--format', name], { cwd: dir });
    if (module.schema === undefined) {
      expect(run.status).toBe(2);
      return;
    }
    expect(run.status, run.stderr).toBe(0);
    for (const records of module.recordKinds) {
      const printed = await runInProcess(['schema', '--format', name, '--records', records], { cwd: dir });
      const source = module.schema(records);
      expect(printed.stdout).toBe('text' in source ? source.text : readFileSync(path.join(ROOT, 'schemas', source.file), 'utf8'));
    }
  });

  it("is named, with its extensions, in the README's options table", () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const row = readme.split('\n').find((line) => line.startsWith('| `-f, --format <format>` |'));
    expect(row).toBeDefined();
    expect(row).toContain(`\`${name}\``);
    for (const extension of module.extensions) expect(row).toContain(`\`${extension}\``);
  });
});
