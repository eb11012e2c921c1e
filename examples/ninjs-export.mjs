// Exports dispatch dumps as IPTC ninjs 3.1 news items, one JSON object per line (NDJSON), for
// systems that ingest ninjs. The mapping, and what is carried where ninjs has no field, is in
// docs/ninjs.md.
//
// Run it with the package built (`npm run build`), from this repository or from a project that
// installed kcna-parse:
//
//   node examples/ninjs-export.mjs fixtures/sample/input.txt
//   node examples/ninjs-export.mjs --year 2021 'archive/2021/**/*.txt' > items.ndjson
//
// Inputs that are not dispatches are reported on standard error; the exit status is then 1.
import { parseFiles, toNinjs } from 'kcna-parse';

const args = process.argv.slice(2);
const options = {};
if (args[0] === '--year') {
  options.year = Number(args[1]);
  args.splice(0, 2);
}
if (args.length === 0 || (options.year !== undefined && !Number.isInteger(options.year))) {
  console.error('usage: node examples/ninjs-export.mjs [--year YYYY] <files, directories or glob patterns>...');
  process.exit(2);
}

for await (const result of parseFiles(args, options)) {
  if (result.ok) {
    process.stdout.write(`${JSON.stringify(toNinjs(result.document))}\n`);
  } else {
    process.exitCode = 1;
    console.error(`${result.display}: ${result.error.code}: ${result.error.message}`);
  }
}
