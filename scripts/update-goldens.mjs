// Regenerates each fixture's golden from the built parser (dist/, so run `npm run build` first):
// fixtures/<case>/expected.json (from input.txt, or input.html for a saved web page) for a document (an array of documents for a page holding several
// dispatches), expected-error.json for an input that is not a dispatch. Goldens are a reviewed record of what the parser must produce: read every diff against
// the rules before keeping it.
//
// Usage: node scripts/update-goldens.mjs [--check] [case ...]
//   --check   write nothing; list the goldens that differ and exit 1 if any does.
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

const root = new URL('../', import.meta.url);
const parserUrl = new URL('dist/parse/parse.js', root);
if (!existsSync(parserUrl)) {
  console.error('dist/parse/parse.js is missing: run `npm run build` first');
  process.exit(2);
}
const { parseDispatch } = await import(parserUrl.href);

const args = process.argv.slice(2);
const check = args.includes('--check');
const only = args.filter((arg) => arg !== '--check');
const fixtures = new URL('fixtures/', root);
const cases = readdirSync(fixtures, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && inputOf(entry.name) !== null)
  .map((entry) => entry.name)
  .filter((name) => only.length === 0 || only.includes(name))
  .sort();

/** A case's input file: a text capture (input.txt) or a saved web page (input.html). */
function inputOf(name) {
  for (const file of ['input.txt', 'input.html']) if (existsSync(new URL(`${name}/${file}`, fixtures))) return file;
  return null;
}
const json = (value) => `${JSON.stringify(value, null, 2)}\n`;
const read = (url) => (existsSync(url) ? readFileSync(url, 'utf8') : null);
let changed = 0;
for (const name of cases) {
  const dir = new URL(`${name}/`, fixtures);
  const file = inputOf(name);
  const options = { path: `fixtures/${name}/${file}`, ...JSON.parse(read(new URL('options.json', dir)) ?? '{}') };
  const result = parseDispatch(readFileSync(new URL(file, dir)), options);
  const documentUrl = new URL('expected.json', dir);
  const errorUrl = new URL('expected-error.json', dir);

  let wanted;
  if (result.ok) {
    wanted = { keep: documentUrl, drop: errorUrl, text: json(result.documents.length === 1 ? result.document : result.documents) };
  } else {
    // A reviewed messageIncludes stays as long as the message still contains it.
    const previous = JSON.parse(read(errorUrl) ?? '{}');
    const messageIncludes = typeof previous.messageIncludes === 'string' && result.message.includes(previous.messageIncludes) ? previous.messageIncludes : result.message;
    wanted = { keep: errorUrl, drop: documentUrl, text: json({ code: result.code, messageIncludes }) };
  }
  if (read(wanted.keep) === wanted.text && !existsSync(wanted.drop)) continue;
  changed++;
  console.log(`${check ? 'differs' : 'updated'}: fixtures/${name}/${wanted.keep.pathname.split('/').pop()}`);
  if (!check) {
    writeFileSync(wanted.keep, wanted.text);
    rmSync(wanted.drop, { force: true });
  }
}
console.log(`${cases.length} fixtures, ${changed} ${check ? 'differ' : 'updated'}`);
if (check && changed > 0) process.exit(1);
