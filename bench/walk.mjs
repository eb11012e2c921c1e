/**
 * The dumps under a folder as kcna-parse walks them: every *.txt (dot-entries skipped), as paths
 * from the folder's own spelling, sorted as kcna-parse sorts them (whole relative paths compared by
 * UTF-16 code unit). Shared by the floors (floor.mjs, output-floor.mjs).
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';

export function dumpsUnder(root) {
  return walk(root, `${root.replace(/\/+$/, '')}/`, []).sort();
}

function walk(dir, prefix, out) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const relative = prefix + entry.name;
    if (entry.isDirectory()) walk(path.join(dir, entry.name), `${relative}/`, out);
    else if (entry.isFile() && entry.name.endsWith('.txt')) out.push(relative);
  }
  return out;
}
