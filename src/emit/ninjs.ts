/**
 * IPTC ninjs 3.1 export: one dispatch in, one ninjs news item out. Pure: no file system, no clock.
 *
 * ninjs allows no extra properties and its date fields are date-times, while a dispatch knows at
 * most a calendar date (and often only a month and day). Facts without a ninjs field are carried
 * as `descriptions` entries with a `kcna-parse:` role; no year, time of day or time zone is ever
 * made up. The mapping, and why, is in docs/ninjs.md.
 */
import { invalidArgument } from '../arguments.js';
import { isoDate } from '../parse/dates.js';
import { checkDocument } from '../schema/validate.js';
import { sha256Hex } from '../parse/hash.js';
import type { Dateline, Dispatch, Teaser } from '../schema/types.js';

/** A `headlines`, `descriptions` or `bodies` entry, as far as this export fills one in. */
export interface NinjsText {
  role?: string;
  contentType?: string;
  value: string;
}

/** A `bodies` entry. */
export interface NinjsBody extends NinjsText {
  /** Words in the body, counted as the dispatch's lead.wordCount counts them. */
  wordCount?: number;
}

/** The properties of a ninjs object this export emits, at the top level or in an association. */
export interface NinjsObject {
  /** Identifier of the news object: a `urn:kcna-parse:` URN. */
  uri: string;
  type?: 'text';
  representationType?: 'full' | 'partial';
  language?: string;
  headlines?: NinjsText[];
  bodies?: NinjsBody[];
  /** The dateline place. */
  located?: string;
  descriptions?: NinjsText[];
  infoSources?: Array<{ name: string }>;
}

/** One teaser of the dispatch's teaser list, as a ninjs association. */
export interface NinjsAssociation extends NinjsObject {
  /** The teaser text (its dateline when the text is empty). */
  name: string;
  /** Always 'kcna-parse:teaser'. */
  rel: string;
}

/** A ninjs 3.1 news item, restricted to the properties toNinjs emits. */
export interface NinjsItem extends NinjsObject {
  standard: { name: 'ninjs'; version: '3.1'; schema: string };
  altIds: Array<{ role: string; value: string }>;
  associations?: NinjsAssociation[];
}

/** Where the official schema lives; also written into each item's `standard`. */
export const NINJS_SCHEMA_URI = 'http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json#';

/** Prefix of every provider-specific role and URN this export writes. */
const NS = 'kcna-parse';

/** Separates paragraphs in the plain-text body; a paragraph is one input line, so never holds one. */
export const PARAGRAPH_SEPARATOR = '\n\n';

/**
 * Maps a dispatch to a ninjs 3.1 news item that validates against the official IPTC schema.
 * @param document a dispatch as produced by parseDispatch (or read back from storage): it is
 *   checked against the dispatch schema first.
 * @returns the ninjs item; its `uri` is `urn:kcna-parse:dispatch:<id>`, so two captures of the
 *   same story share it, as they share the dispatch id.
 * @throws KcnaError INVALID_OPTION when `document` is not a dispatch document (naming the first
 *   thing its schema finds wrong).
 */
export function toNinjs(document: Dispatch): NinjsItem {
  const check = checkDocument(document);
  if (!check.valid) {
    const first = check.issues[0];
    const why = first ? ` (${first.pointer || '/'} ${first.message})` : '';
    throw invalidArgument('argument document', `a dispatch document, as parseDispatch gives${why}`, document);
  }
  return ninjsItem(document);
}

/** toNinjs for a document already checked against its schema (the command line's renderer). */
export function ninjsItem(document: Dispatch): NinjsItem {
  const { lead } = document;
  const body = lead.paragraphs.join(PARAGRAPH_SEPARATOR);
  return {
    uri: `urn:${NS}:dispatch:${document.id}`,
    standard: { name: 'ninjs', version: '3.1', schema: NINJS_SCHEMA_URI },
    type: 'text',
    // The wire end marker closes a complete story, and a listing excerpt cut short is partial;
    // otherwise completeness is unknown, so the property is left out.
    ...(lead.truncated ? { representationType: 'partial' as const } : lead.endMarker ? { representationType: 'full' as const } : {}),
    language: lead.language,
    ...(lead.title !== null ? { headlines: [{ value: lead.title }] } : {}),
    bodies: [{ contentType: 'text/plain', wordCount: lead.wordCount, value: body }],
    ...datelineFields(lead.dateline, lead.date),
    altIds: [{ role: `${NS}:content-id`, value: document.id }],
    ...(document.teasers.length > 0 ? { associations: document.teasers.map(toAssociation) } : {}),
  };
}

function toAssociation(teaser: Teaser): NinjsAssociation {
  const date = teaser.dateline?.year != null ? isoDate(teaser.dateline.year, teaser.dateline.month, teaser.dateline.day) : null;
  const fields = datelineFields(teaser.dateline, date);
  return {
    uri: `urn:${NS}:teaser:${teaserId(teaser)}`,
    name: teaser.text !== '' ? teaser.text : (teaser.dateline?.text ?? ''),
    rel: `${NS}:teaser`,
    type: 'text',
    // The source page cuts every teaser short.
    representationType: 'partial',
    language: 'en',
    ...fields,
    // The sidebar's own date line: a bare date, which no ninjs date-time field can hold.
    descriptions: [...(fields.descriptions ?? []), { role: `${NS}:listed-date`, value: teaser.date }],
  };
}

/**
 * `located`, `infoSources` and the dateline's `descriptions`: the dateline as written, then its
 * date as YYYY-MM-DD when the year is known (with where the year came from), or as the year-less
 * `--MM-DD` (the ISO 8601 / XML Schema gMonthDay form) when it is not.
 */
function datelineFields(dateline: Dateline | null, date: string | null): Pick<NinjsObject, 'located' | 'infoSources' | 'descriptions'> {
  if (dateline === null) return {};
  const descriptions: NinjsText[] = [{ role: `${NS}:dateline`, value: dateline.text }];
  if (date !== null) {
    descriptions.push({ role: `${NS}:date`, value: date });
    if (dateline.yearSource !== null) descriptions.push({ role: `${NS}:year-source`, value: dateline.yearSource });
  } else {
    descriptions.push({ role: `${NS}:month-day`, value: `--${pad(dateline.month)}-${pad(dateline.day)}` });
  }
  return { located: dateline.place, infoSources: [{ name: dateline.agency }], descriptions };
}

/**
 * A teaser has no id of its own. Hashing what it shows (listed date, dateline, text) gives the
 * same URN wherever the same sidebar entry is captured, much as the dispatch id does for stories.
 */
function teaserId(teaser: Teaser): string {
  const shown = [teaser.date, teaser.dateline?.text ?? '', teaser.text].join('\n');
  return sha256Hex(shown).slice(0, 32);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
