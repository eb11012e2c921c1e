/**
 * What a dispatch becomes under each `--records` choice. Pure mappings; every record follows one of
 * the published schemas (teaser-record, dispatch-row, teaser-row).
 */
import type { Dispatch, DispatchRow, TeaserRecord, TeaserRow } from '../schema/types.js';

/** One row per dispatch (schemas/dispatch-row.schema.json): nulls become empty cells. */
export function dispatchRow(document: Dispatch): DispatchRow {
  const { lead } = document;
  const dateline = lead.dateline;
  return {
    path: document.source.path ?? '',
    id: document.id,
    title: lead.title ?? '',
    place: dateline?.place ?? '',
    year: cell(dateline?.year),
    month: cell(dateline?.month),
    day: cell(dateline?.day),
    date: lead.date ?? '',
    end_marker: lead.endMarker ? 'true' : 'false',
    paragraph_count: String(lead.paragraphs.length),
    word_count: String(lead.wordCount),
    teaser_count: String(document.teasers.length),
    warning_count: String(document.warnings.length),
    text: lead.paragraphs.join('\n\n'),
    story_index: String(document.source.story.index),
    story_count: String(document.source.story.count),
    page_date: document.page.date ?? '',
    mirror: document.page.mirror ?? '',
    truncated: lead.truncated ? 'true' : 'false',
    format: document.source.format,
    encoding_source: document.source.encodingSource,
    url: document.page.url ?? '',
    archive_uri: document.source.archive?.targetUri ?? '',
    captured_at: document.source.archive?.capturedAt ?? '',
    year_source: dateline?.yearSource ?? '',
    layout: document.page.layout,
    language: lead.language,
    agency: dateline?.agency ?? '',
    captured_on: document.page.capturedOn ?? '',
    sha256: document.source.sha256,
  };
}

/** One object per teaser (schemas/teaser-record.schema.json). */
export function teaserRecords(document: Dispatch): TeaserRecord[] {
  return document.teasers.map((teaser, index) => ({
    schemaVersion: document.schemaVersion,
    path: document.source.path,
    dispatchId: document.id,
    index,
    teaser,
  }));
}

/** One row per teaser (schemas/teaser-row.schema.json). */
export function teaserRows(document: Dispatch): TeaserRow[] {
  return document.teasers.map((teaser, index) => ({
    path: document.source.path ?? '',
    dispatch_id: document.id,
    index: String(index),
    date: teaser.date,
    place: teaser.dateline?.place ?? '',
    month: cell(teaser.dateline?.month),
    day: cell(teaser.dateline?.day),
    line: String(teaser.line),
    text: teaser.text,
    title: teaser.title ?? '',
  }));
}

function cell(value: number | null | undefined): string {
  return value === null || value === undefined ? '' : String(value);
}
