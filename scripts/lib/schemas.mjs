/**
 * Every published schema: its file in schemas/, the name of its compiled validator, the name of its
 * TypeScript type, and (for CSV row schemas) the name of the exported column list.
 */
export const SCHEMAS = [
  { file: 'dispatch.schema.json', validator: 'validateDispatch', type: 'Dispatch' },
  { file: 'teaser-record.schema.json', validator: 'validateTeaserRecord', type: 'TeaserRecord' },
  { file: 'dispatch-row.schema.json', validator: 'validateDispatchRow', type: 'DispatchRow', columns: 'DISPATCH_ROW_COLUMNS' },
  { file: 'teaser-row.schema.json', validator: 'validateTeaserRow', type: 'TeaserRow', columns: 'TEASER_ROW_COLUMNS' },
];
