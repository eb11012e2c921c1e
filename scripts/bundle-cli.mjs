#!/usr/bin/env node
/**
 * Bundles the command-line program (dist/cli/main.js, as tsc emitted it) into dist/cli.mjs, which
 * bin/kcna-parse.js imports. Run by `npm run build` after tsc; the library entry (dist/index.js and
 * the rest of tsc's output) is left as it is.
 *
 * Why: start-up (BENCHMARKS.md: one file in at most 1.6x `node -e 0`). Node resolves, reads, compiles
 * and links every ES module on its own, at a few milliseconds each, and commander alone is seven
 * CommonJS files. In one file the whole convert path is a single module (plus esbuild's shared
 * helpers). What only some runs need stays in chunks loaded on demand: chalk, fast-glob,
 * csv-stringify (with the CSV writer), csv-parse and the ninjs mapping; the format modules
 * themselves (src/emit/formats/) are small and bundled, and import their libraries when chosen.
 *
 * The commands are bundled in, not split: program.ts imports them dynamically, but a split
 * puts the code they share with the rest of the program into extra chunks that every run then
 * loads (measured: about 5 ms more per run). Their modules do no work at load time; the heavy
 * libraries they use stay lazy.
 *
 * commander requires node:child_process at load time only to run external subcommand executables,
 * which kcna-parse does not have; loading it (with net and dgram behind it) costs about 3 ms, so
 * the bundle hands commander a stand-in that loads it on first use.
 *
 * Minified: about 3 ms less to compile. Stack traces (KCNA_PARSE_DEBUG) therefore show short
 * names; for readable ones run the unbundled program, which tsc's dist/cli/ still holds in a
 * clone (the package leaves it out):
 *   node -e "process.argv.splice(1, 0, 'kcna-parse'); import('./dist/cli/main.js').then((m) => m.main())" -- ARGS
 *
 * Every output file sits directly in dist/, one level below the package root like tsc's
 * dist/package-info.js. `new URL('<path>', import.meta.url)` in the bundled modules (package-info's
 * '../', the worker pool's worker script) is rewritten to point from dist/ at the same file as
 * from the module's own place in tsc's output, so the bundle finds what the modules would.
 */
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, transform } from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.join(ROOT, 'dist');
const ENTRY = path.join(DIST, 'cli', 'main.js');
/** The bundle's own files: cli.mjs and its chunks, cli-<name>-<hash>.mjs. */
const OURS = /^cli(-.+)?\.mjs$/;
/** The modules src/cli/program.ts imports dynamically, one per command. */
const COMMANDS = ['convert', 'validate-command', 'schema-command', 'explain-command', 'report-command'];

const toPosix = (file) => file.split(path.sep).join('/');

/** Loads tsc's output for the bundle: relative `new URL(..., import.meta.url)` re-aimed from dist/. */
const distModules = {
  name: 'dist-modules',
  setup(b) {
    b.onLoad({ filter: /[\\/]dist[\\/].*\.js$/ }, (args) => {
      const warnings = [];
      const dir = path.dirname(args.path);
      let contents = readFileSync(args.path, 'utf8').replace(/new URL\((['"])([^'"]+)\1, import\.meta\.url\)/g, (match, quote, target) => {
        if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('/')) return match;
        let relative = toPosix(path.relative(DIST, path.resolve(dir, target)));
        if (!relative.startsWith('.')) relative = `./${relative}`;
        if (target.endsWith('/') && !relative.endsWith('/')) relative += '/';
        return `new URL(${JSON.stringify(relative)}, import.meta.url)`;
      });
      if (path.relative(DIST, args.path) === path.join('cli', 'program.js')) {
        for (const command of COMMANDS) {
          const name = `__command_${command.replace(/\W/g, '_')}`;
          const dynamic = `await import('./${command}.js')`;
          if (contents.includes(dynamic)) contents = `import * as ${name} from './${command}.js';\n${contents.replace(dynamic, name)}`;
          else warnings.push({ text: `${dynamic} not found in dist/cli/program.js: the ${command} command becomes a chunk of its own (slower start-up)` });
        }
      }
      return { contents, loader: 'js', resolveDir: dir, warnings };
    });
  },
};

/** commander's node:child_process, loaded on first use. */
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(b) {
    b.onResolve({ filter: /^node:child_process$/ }, (args) =>
      /[\\/]node_modules[\\/]commander[\\/]/.test(args.importer) ? { path: 'node:child_process', namespace: 'lazy-child-process' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'lazy-child-process' }, () => ({
      contents: "let loaded;\nmodule.exports = new Proxy({}, { get: (_, key) => (loaded ??= require('node:child_process'))[key] });\n",
      loader: 'js',
    }));
  },
};

/**
 * The validators that only one command loads (ninjs output for validate, about 340 kB; the report's,
 * about 200 kB) are imported from tsc's dist/ instead of being copied into a chunk: the package
 * ships each once.
 */
const sharedLarge = {
  name: 'shared-large',
  setup(b) {
    b.onResolve({ filter: /(ninjs-validator|report-validator|validators)\.js$/ }, (args) => {
      const target = path.resolve(args.resolveDir, args.path);
      return { path: `./${toPosix(path.relative(DIST, target))}`, external: true };
    });
  },
};

/**
 * The web-page front end (the HTML parser, the decoders, the site templates) is a chunk of its own,
 * loaded by the pipeline when the first web page comes (src/parse/html-loader.ts): parse.js's static
 * import of it is pointed at src/parse/html/deferred.ts, which hands over to it once loaded.
 */
const deferredHtml = {
  name: 'deferred-html',
  setup(b) {
    b.onResolve({ filter: /^\.\/html\/index\.js$/ }, (args) => {
      if (path.basename(args.importer) !== 'parse.js' || args.kind !== 'import-statement') return undefined;
      return { path: path.join(args.resolveDir, 'html', 'deferred.js') };
    });
  },
};

// Chunk names carry a content hash, so a rebuild would otherwise leave stale chunks behind.
for (const file of readdirSync(DIST)) if (OURS.test(file)) rmSync(path.join(DIST, file));

const result = await build({
  entryPoints: { cli: ENTRY },
  outdir: DIST,
  outExtension: { '.js': '.mjs' },
  chunkNames: 'cli-[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: true,
  // Bundled CommonJS packages (commander, fast-glob) call require() for Node's built-in modules,
  // which an ES module does not have; each output file gets one from createRequire. The alias
  // keeps it apart from any `createRequire` binding in the bundled code.
  banner: {
    js: "import { createRequire as __kcnaCreateRequire } from 'node:module';\nconst require = __kcnaCreateRequire(import.meta.url);",
  },
  plugins: [distModules, lazyChildProcess, sharedLarge, deferredHtml],
  // ECharts (only `report` loads it), the web-page front end's libraries (only a run that meets
  // a web page loads them) and the web-archive readers (warcio with pako, yauzl: only a run that
  // meets a WARC or WACZ loads them, from src/io/archive/load.ts) stay the installed dependencies:
  // bundled, they would be chunks in the package beside their copies in node_modules (ECharts a
  // megabyte, the decoders' tables 150 KB, warcio and pako 150 KB). So do the table formats'
  // writers, loaded only by a run that writes SQLite (node-sqlite3-wasm: 1.3 MB of WebAssembly) or
  // Parquet (hyparquet-writer with hyparquet, about 1 MB).
  external: ['echarts', 'htmlparser2', '@exodus/bytes', 'html-encoding-sniffer', 'warcio', 'pako', 'yauzl', 'node-sqlite3-wasm', 'hyparquet-writer', 'hyparquet'],
  logLevel: 'warning',
  metafile: true,
});

const outputs = Object.keys(result.metafile.outputs).map((file) => path.resolve(ROOT, file));
const misplaced = outputs.filter((file) => path.dirname(file) !== DIST || !OURS.test(path.basename(file)));
if (misplaced.length > 0) throw new Error(`bundle files outside dist/ or misnamed: ${misplaced.join(', ')}`);

// The generated validators in dist/ (ajv's standalone code, reprinted by tsc) are machine-written
// code nobody reads: minified, they take a third of the room in the package.
const GENERATED = path.join(DIST, 'schema', 'generated');
for (const file of readdirSync(GENERATED)) {
  if (!file.endsWith('.js') || file === 'ninjs-validator.js') continue;
  const source = readFileSync(path.join(GENERATED, file), 'utf8');
  const { code } = await transform(source, { minify: true, format: 'esm', target: 'node20', legalComments: 'none' });
  writeFileSync(path.join(GENERATED, file), code);
}
