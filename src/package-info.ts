/** Facts about the installed package, read from its own files (src/ and dist/ sit one level below the root). */
import { readFileSync } from 'node:fs';

export const packageRoot = new URL('../', import.meta.url);

let version: string | undefined;

/** The package version, from package.json (read once, when first asked). */
export function packageVersion(): string {
  version ??= (JSON.parse(readFileSync(new URL('package.json', packageRoot), 'utf8')) as { version: string }).version;
  return version;
}

/** A published schema file's exact bytes. */
export function readSchemaFile(file: string): Buffer {
  return readFileSync(new URL(`schemas/${file}`, packageRoot));
}
