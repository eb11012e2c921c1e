/**
 * The web-page front end, handed over once loaded. The command line's bundle (scripts/bundle-cli.mjs)
 * points parse.ts's import of ./index.js here, so that a run reading only text never loads the HTML
 * parser and the decoders (measured: about 6 ms of every start-up); the pipeline loads them, with
 * loadHtmlReader(), when the first web page comes. Everywhere else (the library, the tests, the
 * worker threads) parse.ts imports ./index.js itself and this module is never used.
 */
import type { readHtml as ReadHtml } from './index.js';

let loaded: typeof ReadHtml | null = null;

export function provideHtmlReader(reader: typeof ReadHtml): void {
  loaded = reader;
}

export const readHtml: typeof ReadHtml = (bytes, options) => {
  if (loaded === null) throw new Error('the web page reader is not loaded: call loadHtmlReader() before parsing a web page');
  return loaded(bytes, options);
};
