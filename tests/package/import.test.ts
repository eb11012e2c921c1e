/**
 * Importing the built entry does no work: it reads no file besides the modules themselves (not
 * package.json, not a schema), loads neither the ajv compiler nor the CLI, and starts nothing. A
 * scraper that imports kcna-parse pays only for what it calls. Needs dist/ built.
 */
import path from 'node:path';
import { expect, it } from 'vitest';
import { ROOT, ok, run } from './helpers.js';

/** Records file-system calls and newly loaded CommonJS modules around `import('kcna-parse')`. */
const PROBE = `
import fs from 'node:fs';
import { createRequire, syncBuiltinESMExports } from 'node:module';
const calls = [];
const spy = (target, names, prefix) => {
  for (const name of names) {
    const original = target[name];
    target[name] = function (...args) {
      calls.push(prefix + name + ' ' + String(args[0]));
      return original.apply(this, args);
    };
  }
};
spy(fs, ['readFileSync', 'readFile', 'openSync', 'open', 'readdirSync', 'readdir', 'createReadStream', 'watch'], '');
spy(fs.promises, ['readFile', 'open', 'readdir'], 'promises.');
syncBuiltinESMExports();
const cache = createRequire(import.meta.url).cache;
const before = new Set(Object.keys(cache));
const api = await import('kcna-parse');
const commonjs = Object.keys(cache).filter((file) => !before.has(file));
console.log(JSON.stringify({ exports: Object.keys(api).length, calls, commonjs }));
`;

it('reads, compiles and starts nothing on import', async () => {
  const result = ok(await run(process.execPath, ['--input-type=module', '-e', PROBE], { cwd: ROOT }), 'import probe');
  const { exports, calls, commonjs } = JSON.parse(result.stdout) as { exports: number; calls: string[]; commonjs: string[] };
  expect(exports).toBeGreaterThan(0);

  // Module loading itself may show up as reads, depending on the Node version; nothing else may.
  const files = calls.map((call) => call.replace(/^\S+ (file:\/\/)?/, ''));
  expect(files.filter((file) => !/\.(m|c)?js$/.test(file))).toEqual([]);
  const dist = files.filter((file) => file.startsWith(path.join(ROOT, 'dist'))).map((file) => path.relative(ROOT, file));
  expect(dist.filter((file) => file.startsWith('dist/cli/') || file === 'dist/package-info.js')).toEqual([]);

  // The validators are ahead-of-time code needing only ajv's small runtime helpers, and fast-glob
  // is loaded when parseFiles first expands a pattern.
  const packages = commonjs.map((file) => path.relative(path.join(ROOT, 'node_modules'), file));
  expect(packages.filter((file) => !file.startsWith('ajv/dist/runtime/') && file !== 'ajv-formats/dist/formats.js')).toEqual([]);
});
