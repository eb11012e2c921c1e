/**
 * Packing the package and installing the tarball into a scratch project, offline, as a user's
 * `npm install kcna-parse` would lay it out.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const PACKAGE = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
};

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to completion; never rejects on a non-zero exit, so tests can assert on it. */
export function run(command: string, args: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<Run> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { cwd: options.cwd, env: options.env ?? process.env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') reject(error);
      else resolve({ status: error ? (error.code as number) : 0, stdout, stderr });
    });
  });
}

/** Fails with the command's output when it did not exit 0. */
export function ok(result: Run, what: string): Run {
  if (result.status !== 0) throw new Error(`${what} exited ${result.status}\n${result.stderr}\n${result.stdout}`);
  return result;
}

export interface PackedFile {
  path: string;
  size: number;
}

export interface Packed {
  /** Absolute path of the .tgz. */
  tarball: string;
  /** Compressed size in bytes. */
  size: number;
  files: PackedFile[];
}

/**
 * The environment for the npm child processes: a private, empty cache and offline mode, so an
 * install that would need the registry fails (ENOTCACHED) instead of quietly downloading, and the
 * user's cache is neither relied on nor written to.
 */
export function npmEnv(scratch: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  // Drop the npm_* variables `npm test` exports (npm_config_*, lifecycle event...): the nested npm
  // must not inherit the outer run's configuration.
  for (const [key, value] of Object.entries(process.env)) if (!/^npm_/i.test(key)) env[key] = value;
  return {
    ...env,
    npm_config_cache: path.join(scratch, 'npm-cache'),
    npm_config_offline: 'true',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  };
}

/**
 * `npm pack` of the repository into `destination`. Scripts are skipped: `prepare` would rebuild
 * dist/ in place while other test files read it; the test run has built it already.
 */
export async function pack(destination: string): Promise<Packed> {
  const result = ok(
    await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', destination], { cwd: ROOT, env: npmEnv(destination) }),
    'npm pack',
  );
  const [info] = JSON.parse(result.stdout) as Array<{ filename: string; size: number; files: PackedFile[] }>;
  if (!info) throw new Error(`npm pack printed no package: ${result.stdout}`);
  return { tarball: path.join(destination, info.filename), size: info.size, files: info.files };
}

/**
 * The runtime dependencies, as installed in this repository: every package in package-lock.json
 * that is not only needed for development, parents before their nested packages.
 */
function runtimePackages(): Array<{ key: string; bin: Record<string, string> }> {
  const lock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { dev?: boolean; devOptional?: boolean; bin?: Record<string, string> }>;
  };
  return Object.entries(lock.packages)
    .filter(([key, entry]) => key.startsWith('node_modules/') && !entry.dev && !entry.devOptional)
    .map(([key, entry]) => ({ key, bin: entry.bin ?? {} }))
    .filter(({ key }) => existsSync(path.join(ROOT, key)))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/**
 * A scratch project with the tarball installed by `npm install --offline <tarball>`.
 *
 * The runtime dependencies are copied from this repository's node_modules into the project first,
 * rather than taken from the npm cache: after `npm ci` the cache holds tarballs but not the
 * registry metadata an install of version ranges needs, and CI caches are pruned and restored at
 * will, so a cache-based offline install passes on one machine and fails with ENOTCACHED on
 * another. With the dependencies already in place npm has nothing to fetch, which the empty
 * private cache of npmEnv proves. Copies, not symbolic links: npm treats a linked folder as a
 * separate package and may replace it.
 */
export async function installPacked(tarball: string, scratch: string): Promise<string> {
  const project = path.join(scratch, 'project');
  mkdirSync(path.join(project, 'node_modules'), { recursive: true });
  writeFileSync(path.join(project, 'package.json'), `${JSON.stringify({ name: 'consumer', version: '0.0.0', private: true, type: 'module' }, null, 2)}\n`);
  for (const { key, bin } of runtimePackages()) {
    cpSync(path.join(ROOT, key), path.join(project, key), { recursive: true });
    // Its command links too, as npm made them: a package whose bin link is missing is one npm
    // re-installs (warcio has a `warcio` command), and that would need the registry.
    for (const [name, target] of Object.entries(bin)) {
      const binDir = path.join(project, path.dirname(key), '.bin');
      mkdirSync(binDir, { recursive: true });
      symlinkSync(path.relative(binDir, path.join(project, key, target)), path.join(binDir, name));
    }
  }
  // --ignore-scripts: a registry tarball runs no `prepare`, and this one must not either.
  ok(await run('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball], { cwd: project, env: npmEnv(scratch) }), 'npm install');
  return project;
}

/** A fresh scratch directory and a function removing it. */
export function scratchDir(prefix: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
