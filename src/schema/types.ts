/**
 * The output types. They are generated from the schemas in schemas/ (npm run gen:types), never
 * written by hand; this module only re-exports them under the names the rest of the code uses.
 */
export type {
  Dispatch,
  Source,
  ArchiveRecord,
  Story,
  Page,
  Lead,
  Dateline,
  TeaserSection,
  Teaser,
  Warning,
  TeaserRecord,
  DispatchRow,
  TeaserRow,
} from './types.generated.js';

import type { Warning, Dateline } from './types.generated.js';

/** Every warning code, as listed in the schema's enum. */
export type WarningCode = Warning['code'];
/** Where a dateline's year came from. */
export type YearSource = NonNullable<Dateline['yearSource']>;
