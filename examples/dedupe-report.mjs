// Groups dispatch dumps by content id and lists the ids found in more than one file: the same story
// captured twice, or taken from two mirrors. The id ignores the title and page furniture (see
// docs/content-id.md), so such captures group even when their bytes differ.
//
// Run it with the package built (`npm run build`), from this repository or from a project that
// installed kcna-parse:
//
//   node examples/dedupe-report.mjs fixtures
//   node examples/dedupe-report.mjs 'archive/**/*.txt'
//
// Prints one block per duplicated id, its files in input order, then a summary line. Inputs that
// are not dispatches are reported on standard error and left out.
import { parseFiles } from 'kcna-parse';

const patterns = process.argv.slice(2);
if (patterns.length === 0) {
  console.error('usage: node examples/dedupe-report.mjs <files, directories or glob patterns>...');
  process.exit(2);
}

/** id → the files holding it and a label for people: the title, or the dateline. */
const groups = new Map();
let dispatches = 0;
let failed = 0;
for await (const result of parseFiles(patterns)) {
  if (!result.ok) {
    failed++;
    console.error(`${result.display}: ${result.error.code}: ${result.error.message}`);
    continue;
  }
  dispatches++;
  const { id, lead } = result.document;
  const group = groups.get(id) ?? { label: lead.title ?? lead.dateline?.text ?? '(no title, no dateline)', files: [] };
  group.files.push(result.input.display);
  groups.set(id, group);
}

const duplicated = [...groups].filter(([, group]) => group.files.length > 1);
for (const [id, { label, files }] of duplicated) {
  console.log(`${id}  ${files.length} files  ${label}`);
  for (const file of files) console.log(`  ${file}`);
}
const extra = duplicated.reduce((sum, [, group]) => sum + group.files.length - 1, 0);
console.log(`${dispatches} dispatches, ${groups.size} distinct ids, ${extra} duplicates${failed ? `, ${failed} inputs not converted` : ''}`);
