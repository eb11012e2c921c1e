/**
 * Every published schema: its file in schemas/, the name of its compiled validator, the name of its
 * TypeScript type, (for CSV row schemas) the name of the exported column list, and (for a schema
 * only one command uses) the generated module of its own that its validator goes to, so that the
 * other commands do not load it.
 */
export const SCHEMAS = [
  { file: 'dispatch.schema.json', validator: 'validateDispatch', type: 'Dispatch' },
  { file: 'teaser-record.schema.json', validator: 'validateTeaserRecord', type: 'TeaserRecord' },
  { file: 'dispatch-row.schema.json', validator: 'validateDispatchRow', type: 'DispatchRow', columns: 'DISPATCH_ROW_COLUMNS' },
  { file: 'teaser-row.schema.json', validator: 'validateTeaserRow', type: 'TeaserRow', columns: 'TEASER_ROW_COLUMNS' },
  { file: 'report.schema.json', validator: 'validateArchiveReport', type: 'ArchiveReport', module: 'report-validator' },
];
