/**
 * Every published schema: its file in schemas/, the name of its compiled validator, the name of its
 * TypeScript type, (for CSV row schemas) the name of the exported column list, (for JSON records)
 * the name of the exported list of the fields `--fields` takes (fieldPaths below), and (for a schema
 * only one command uses) the generated module of its own that its validator goes to, so that the
 * other commands do not load it.
 */
export const SCHEMAS = [
  { file: 'dispatch.schema.json', validator: 'validateDispatch', type: 'Dispatch', fields: 'DISPATCH_FIELDS' },
  { file: 'teaser-record.schema.json', validator: 'validateTeaserRecord', type: 'TeaserRecord', fields: 'TEASER_RECORD_FIELDS' },
  { file: 'dispatch-row.schema.json', validator: 'validateDispatchRow', type: 'DispatchRow', columns: 'DISPATCH_ROW_COLUMNS' },
  { file: 'teaser-row.schema.json', validator: 'validateTeaserRow', type: 'TeaserRow', columns: 'TEASER_ROW_COLUMNS' },
  { file: 'report.schema.json', validator: 'validateArchiveReport', type: 'ArchiveReport', module: 'report-validator' },
];

/**
 * The fields of a record that `--fields` can keep, in schema order: every property, and, below a
 * property whose value is an object (or an object or null), its properties as dotted paths
 * ('lead', 'lead.title', 'lead.dateline', 'lead.dateline.place'...). Arrays are kept or dropped
 * whole: no path goes into their items.
 */
export function fieldPaths(schema, schemas = [schema]) {
  // A reference names a definition of this schema ('#/$defs/x') or of another by its $id.
  const resolve = (node, from) => {
    const match = typeof node.$ref === 'string' ? /^([^#]*)#\/\$defs\/(.+)$/.exec(node.$ref) : null;
    if (!match) return { node, from };
    const owner = match[1] === '' ? from : schemas.find((candidate) => candidate.$id === match[1]);
    if (!owner) throw new Error(`fieldPaths: ${node.$ref} names no schema given`);
    return { node: owner.$defs[match[2]], from: owner };
  };
  const objectOf = (node, from) => {
    const target = resolve(node, from);
    if (target.node.type === 'object' && target.node.properties) return target;
    for (const option of target.node.anyOf ?? target.node.oneOf ?? []) {
      const found = objectOf(option, target.from);
      if (found) return found;
    }
    return undefined;
  };
  const paths = [];
  const visit = (node, from, prefix) => {
    for (const [name, property] of Object.entries(node.properties)) {
      const path = prefix === '' ? name : `${prefix}.${name}`;
      paths.push(path);
      const object = objectOf(property, from);
      if (object) visit(object.node, object.from, path);
    }
  };
  visit(schema, schema, '');
  return paths;
}
