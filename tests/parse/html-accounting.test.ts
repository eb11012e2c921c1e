/**
 * Nothing of a web page is lost without a count: every visible block of every HTML fixture (the
 * Wayback Machine's toolbar, skipped by design, is not among them) is either one of the article's
 * blocks, or a part of the sidebar's teaser list (an entry's title, text, date or repeat, the
 * heading, the closing link, or a warning carrying it), or counted in the page's one
 * OUTSIDE_ARTICLE warning; and every article block ends up in a
 * field of the documents (title, dateline, paragraph, end marker, teaser) or in a warning that
 * carries its text.
 */
import { describe, expect, it } from 'vitest';
import { readHtml } from '../../src/parse/html/index.js';
import { decodeHtml, readHtmlText } from '../../src/parse/html/index.js';
import { parseDispatch } from '../../src/parse/parse.js';
import type { Dispatch } from '../../src/schema/types.js';
import { listHtmlFixtures } from '../helpers/fixtures.js';

/** Every string a block may have become, in the documents of a page. */
function placesOf(documents: readonly Dispatch[]): Set<string> {
  const places = new Set<string>();
  for (const document of documents) {
    const { lead } = document;
    if (lead.title !== null) places.add(lead.title);
    for (const paragraph of lead.paragraphs) places.add(paragraph);
    if (lead.dateline !== null) places.add(lead.dateline.text);
    for (const warning of document.warnings) if (warning.text !== undefined) places.add(warning.text);
    if (document.teaserSection !== null) places.add(document.teaserSection.heading).add('More Articles');
    for (const teaser of document.teasers) {
      if (teaser.title !== null) places.add(teaser.title);
      places.add(teaser.text);
      if (teaser.dateline !== null) places.add(`${teaser.dateline.text} ${teaser.text}`);
    }
  }
  return places;
}

/** Whether the block's text is somewhere in the documents (a title's part, a paragraph with its dateline or end marker). */
function found(text: string, places: ReadonlySet<string>, titles: readonly string[], teaserDates: ReadonlySet<string>): boolean {
  if (places.has(text) || text === '-0-' || teaserDates.has(text)) return true;
  if (titles.some((title) => title.includes(text))) return true;
  for (const place of places) if (place !== '' && (text.startsWith(place) || text.endsWith(place) || text.includes(place)) && place.length >= text.length / 2) return true;
  return false;
}

describe('web pages: every block accounted for', () => {
  it.each(listHtmlFixtures().map((fixture) => [fixture.name, fixture] as const))('%s', (_name, fixture) => {
    const visible = readHtmlText(decodeHtml(fixture.input).text);
    const page = readHtml(fixture.input, { charset: null, path: fixture.options.path ?? null });
    const outside = page.site!.pageWarnings.find((warning) => warning.code === 'OUTSIDE_ARTICLE')?.count ?? 0;
    // The partition: article blocks, the sidebar's blocks (read from their own elements), outside.
    const teasers = page.site!.teasers;
    let sidebar = 0;
    if (teasers !== null) {
      sidebar = 1 + (teasers.section.closingLine === null ? 0 : 1);
      for (const teaser of teasers.entries) sidebar += 2 + [teaser.titleLine, teaser.titleRepeatLine, teaser.repeatLine].filter((line) => line !== null).length;
      sidebar += teasers.warnings.filter((warning) => warning.text !== undefined).length;
    }
    expect(page.blocks.length + sidebar + outside).toBe(visible.blocks.length);
    const result = parseDispatch(fixture.input, fixture.options);

    if (!result.ok) {
      // A page that holds no article: everything is counted outside, or carried by a warning.
      expect(page.blocks.length === 0 || result.diagnostics.some((warning) => warning.text !== undefined)).toBe(true);
      return;
    }
    const places = placesOf(result.documents);
    const titles = result.documents.flatMap((document) => (document.lead.title === null ? [] : [document.lead.title]));
    const teaserDates = new Set(result.document.teasers.map((teaser) => teaser.date));
    const lost = page.blocks.filter((block) => !found(block.text, places, titles, new Set([...teaserDates].map(longDate))));
    expect(lost.map((block) => `${block.n}: ${block.text}`)).toEqual([]);
  });
});

/** '2026-03-01' as the sidebars print it: 'March 01, 2026'. */
function longDate(iso: string): string {
  const [year, month, day] = iso.split('-');
  const names = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
  return `${names[Number(month) - 1]} ${day}, ${year}`;
}
