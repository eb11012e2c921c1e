/**
 * The import rules of the layers of src/, followed transitively: a module may not reach a
 * forbidden layer through any chain of imports (static, type-only, re-exports, dynamic import(),
 * require() or a worker script named by URL). A failure names the shortest offending chain.
 *
 *   parse/     text in, document out: never reaches io/, emit/, pipeline/, pool/ or cli/
 *   emit/, io/ never reach cli/
 *   pipeline/  read → parse → check → render: never reaches cli/ or pool/ (threads run it, not the reverse)
 *   pool/      threads only: never reaches cli/
 *   index.ts   the library entry: never reaches cli/
 *   and nothing outside cli/ reaches cli/.
 *
 * Also: only cli/ ends the process or prints (process.exit, process.exitCode, process.stdout,
 * process.stderr, console). The library reports through return values and errors.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../cli/helpers.js';
import { buildGraph, chainTo, processCallsOf, specifiersOf, type Graph, type Sources } from './imports.js';

/**
 * Every module under src/, keyed by its posix path from the package root: the TypeScript ones, and
 * generated JavaScript that has a declaration beside it (the ninjs validator, written minified).
 */
function readSources(): Map<string, string> {
  const sources = new Map<string, string>();
  for (const entry of readdirSync(path.join(ROOT, 'src'), { recursive: true, withFileTypes: true })) {
    const generatedScript = entry.name.endsWith('.js') && existsSync(path.join(entry.parentPath, entry.name.replace(/\.js$/, '.d.ts')));
    if (!entry.isFile() || ((!/\.(m|c)?tsx?$/.test(entry.name) || entry.name.endsWith('.d.ts')) && !generatedScript)) continue;
    const file = path.join(entry.parentPath, entry.name);
    sources.set(path.relative(ROOT, file).split(path.sep).join('/'), readFileSync(file, 'utf8'));
  }
  return sources;
}

/** 'src/parse/x.ts' → 'parse'; a module directly in src/ is a layer of its own: 'index.ts'. */
const layerOf = (file: string) => file.split('/')[1]!;
const inLayer = (...layers: string[]) => (file: string) => layers.includes(layerOf(file));

interface Rule {
  name: string;
  from: (file: string) => boolean;
  forbidden: (file: string) => boolean;
}

const RULES: Rule[] = [
  { name: 'parse never reaches io, emit, pipeline, pool or cli', from: inLayer('parse'), forbidden: inLayer('io', 'emit', 'pipeline', 'pool', 'cli') },
  { name: 'emit never reaches cli', from: inLayer('emit'), forbidden: inLayer('cli') },
  { name: 'io never reaches cli', from: inLayer('io'), forbidden: inLayer('cli') },
  { name: 'pipeline never reaches cli or pool', from: inLayer('pipeline'), forbidden: inLayer('cli', 'pool') },
  { name: 'pool never reaches cli', from: inLayer('pool'), forbidden: inLayer('cli') },
  { name: 'the library entry (src/index.ts) never reaches cli', from: (file) => file === 'src/index.ts', forbidden: inLayer('cli') },
  { name: 'nothing outside cli reaches cli', from: (file) => layerOf(file) !== 'cli', forbidden: inLayer('cli') },
];

/** Every offending chain of `rule` in `graph`, one per module the rule applies to. */
function violations(graph: Graph, rule: Rule): string[] {
  const chains: string[] = [];
  for (const file of [...graph.edges.keys()].sort()) {
    if (!rule.from(file)) continue;
    const chain = chainTo(graph, file, rule.forbidden);
    if (chain !== null) chains.push(chain);
  }
  return chains;
}

const sources = readSources();
const graph = buildGraph(sources);

describe('the module graph of src/', () => {
  it('is read completely: every relative import names a source file, and no import() is computed', () => {
    expect(graph.unresolved).toEqual([]);
  });

  it('has the edges it should, of every kind used in src/', () => {
    // Guards the reader itself: a graph without edges would pass every rule below.
    const edge = (from: string, to: string) => graph.edges.get(from)?.find((e) => e.to === to)?.how;
    expect(sources.size).toBeGreaterThan(30);
    expect(edge('src/cli/main.ts', 'src/cli/program.ts')).toBe('import');
    expect(edge('src/cli/program.ts', 'src/cli/convert.ts')).toBe('import()');
    expect(edge('src/pool/pool.ts', 'src/pool/worker.ts')).toBe('new URL(…, import.meta.url)');
    expect(chainTo(graph, 'src/cli/main.ts', (file) => file === 'src/parse/parse.ts')).toMatch(/^src\/cli\/main\.ts → \(import\) .* → \(\S+\) src\/parse\/parse\.ts$/);
  });
});

describe('layer rules', () => {
  it.each(RULES.map((rule) => [rule.name, rule] as const))('%s', (_, rule) => {
    expect([...sources.keys()].some(rule.from), 'the rule applies to no module').toBe(true);
    expect(violations(graph, rule)).toEqual([]);
  });
});

describe('only cli/ ends the process or prints', () => {
  it('no module outside src/cli/ uses process.exit, process.exitCode, process.stdout, process.stderr or console', () => {
    const found = [...sources].filter(([file]) => layerOf(file) !== 'cli').flatMap(([file, text]) => processCallsOf(file, text));
    expect(found.map(({ file, line, what }) => `${file}:${line}: ${what}`)).toEqual([]);
  });

  it('finds them in src/cli/, where they belong', () => {
    const found = [...sources].filter(([file]) => layerOf(file) === 'cli').flatMap(([file, text]) => processCallsOf(file, text));
    expect(found.map(({ file, what }) => `${file} ${what}`)).toEqual(expect.arrayContaining(['src/cli/main.ts process.exit', 'src/cli/main.ts process.stderr']));
  });
});

describe('the checker, on made-up sources', () => {
  const made = (files: Record<string, string>): Sources => new Map(Object.entries(files));

  it('follows every way of writing a dependency', () => {
    expect(
      specifiersOf(
        'src/x.ts',
        [
          "import a from './a.js';",
          "import type { B } from './b.js';",
          "export { c } from './c.js';",
          "export * from './d.js';",
          "import e = require('./e.js');",
          "const f = await import('./f.js');",
          "const g = require('./g.js');",
          "type H = import('./h.js').H;",
          "const worker = new URL('./i.js', import.meta.url);",
          "// import z from './comment.js';",
          "const s = \"import y from './string.js'\";",
          "const data = new URL('../package.json', import.meta.url);",
        ].join('\n'),
      ).map(({ specifier, how }) => `${how} ${specifier}`),
    ).toEqual([
      'import ./a.js',
      'import type ./b.js',
      'export from ./c.js',
      'export from ./d.js',
      'import = require() ./e.js',
      'import() ./f.js',
      'require() ./g.js',
      'import() type ./h.js',
      'new URL(…, import.meta.url) ./i.js',
    ]);
  });

  it('names the shortest chain to a forbidden layer, through layers that are allowed', () => {
    const tree = made({
      'src/parse/parse.ts': "import { check } from '../schema/validate.js';\nexport const parse = check;",
      'src/schema/validate.ts': "export type { Sink } from '../io/sink.js';\nexport const check = 1;",
      'src/io/sink.ts': "export const later = () => import('../cli/render.js');\nexport type Sink = 1;",
      'src/cli/render.ts': 'export const render = 1;',
    });
    const [parseRule, , ioRule] = RULES;
    const built = buildGraph(tree);
    expect(violations(built, parseRule!)).toEqual(['src/parse/parse.ts → (import) src/schema/validate.ts → (export from) src/io/sink.ts']);
    expect(violations(built, ioRule!)).toEqual(['src/io/sink.ts → (import()) src/cli/render.ts']);
    expect(violations(built, RULES.at(-1)!)).toEqual([
      'src/io/sink.ts → (import()) src/cli/render.ts',
      'src/parse/parse.ts → (import) src/schema/validate.ts → (export from) src/io/sink.ts → (import()) src/cli/render.ts',
      'src/schema/validate.ts → (export from) src/io/sink.ts → (import()) src/cli/render.ts',
    ]);
  });

  it('resolves index modules and reports what it cannot follow', () => {
    const tree = made({
      'src/pipeline/a.ts': "import '../pool';\nimport '../missing.js';\nconst name = 'x';\nawait import(`./${name}.js`);",
      'src/pool/index.ts': 'export {};',
    });
    const built = buildGraph(tree);
    expect(built.edges.get('src/pipeline/a.ts')).toEqual([{ to: 'src/pool/index.ts', how: 'import' }]);
    expect(built.unresolved).toEqual([
      "src/pipeline/a.ts:2: import '../missing.js' names no source file",
      'src/pipeline/a.ts:4: import() of a computed specifier cannot be followed',
    ]);
  });

  it('finds process exits and console output however they are written, and not in comments or names', () => {
    const text = [
      '// process.exit(1) and console.log in a comment',
      'process.exit(1);',
      'globalThis.process.exitCode = 2;',
      "process['stderr'].write('x');",
      'const { exit } = process;',
      'console.log(1);',
      'globalThis.console.error(2);',
      'const { warn } = console;',
      'const options = { console: true, exit: 1 };',
      'options.console;',
      'const input = process.stdin;',
      'const home = process.env.HOME;',
    ].join('\n');
    expect(processCallsOf('src/io/x.ts', text).map(({ line, what }) => `${line} ${what}`)).toEqual([
      '2 process.exit',
      '3 process.exitCode',
      '4 process.stderr',
      '5 process.exit',
      '6 console.log',
      '7 console.error',
      '8 console',
    ]);
  });
});
