/**
 * Every web-page fixture against the facts its maker read off the page as a person reads it
 * (fixtures/html-<case>/facts.json, written with the page, before the reader existed): whether the
 * page holds an article, each story's title, dateline, place, date, year, paragraphs, end marker
 * and stamp, the page's address and capture date, and the sidebar's teasers. An oracle apart from
 * the goldens, which record whatever the reader produced and were reviewed against these.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDispatch } from '../../src/parse/parse.js';
import type { Dispatch } from '../../src/schema/types.js';
import { listHtmlFixtures } from '../helpers/fixtures.js';

interface StoryFacts {
  title: string | null;
  dateline: string | null;
  place?: string | null;
  month?: number | null;
  day?: number | null;
  year?: number | null;
  paragraphs: string[];
  endMarker?: boolean;
  stamp?: string | null;
  anchor?: string;
  byline?: string;
}

interface Facts {
  kind: 'article' | 'not-an-article';
  url?: string | null;
  capturedOn?: string | null;
  pageDate?: string | null;
  stories?: StoryFacts[];
  teasers?: Array<{ title: string | null; text: string; date: string }>;
}

/** What the document says of one story, in the facts' terms. */
function storyOf(document: Dispatch): StoryFacts {
  const { lead } = document;
  const stamp = document.warnings.find((warning) => warning.code === 'STAMP_LINE');
  // The byline stands after the body; an aside above it is the date line.
  const byline = document.warnings.filter((warning) => warning.code === 'ASIDE_TEXT' && (warning.line ?? 0) >= lead.paragraphLines.at(-1)!).at(-1);
  // A newspaper's article has no dateline: its month and day are its date's.
  const date = lead.date === null ? null : lead.date.split('-').map(Number);
  return {
    title: lead.title,
    dateline: lead.dateline?.text ?? null,
    place: lead.dateline?.place ?? null,
    month: lead.dateline?.month ?? date?.[1] ?? null,
    day: lead.dateline?.day ?? date?.[2] ?? null,
    year: lead.dateline?.year ?? (lead.date === null ? null : Number(lead.date.slice(0, 4))),
    paragraphs: lead.paragraphs,
    endMarker: lead.endMarker,
    stamp: stamp?.text ?? null,
    ...(lead.anchor === null ? {} : { anchor: lead.anchor }),
    ...(byline?.text === undefined ? {} : { byline: byline.text }),
  };
}

/** The facts' story with only the keys the reader has a field for (anchors other than kcna.co.jp's ids have none). */
function comparable(facts: StoryFacts): Partial<StoryFacts> {
  const { anchor, ...rest } = facts;
  const kept: Partial<StoryFacts> = {};
  for (const [key, value] of Object.entries(rest)) if (value !== undefined) (kept as Record<string, unknown>)[key] = value;
  if (anchor !== undefined && /^[a-z]\d{6}$/u.test(anchor)) kept.anchor = anchor;
  return kept;
}

describe('web-page fixtures against their makers\' facts', () => {
  it.each(listHtmlFixtures().map((fixture) => [fixture.name, fixture] as const))('%s', (_name, fixture) => {
    const facts = JSON.parse(readFileSync(path.join(fixture.dir, 'facts.json'), 'utf8')) as Facts;
    const result = parseDispatch(fixture.input, fixture.options);
    if (facts.kind === 'not-an-article') {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.code).toBe('NOT_A_DISPATCH');
      return;
    }
    if (!result.ok) throw new Error(`${result.code}: ${result.message}`);
    const stories = facts.stories ?? [];
    expect(result.documents.map(storyOf).map((story, i) => pick(story, comparable(stories[i] ?? story)))).toEqual(stories.map(comparable));
    const page = result.document.page;
    if (facts.url !== undefined) expect(page.url).toBe(facts.url);
    if (facts.capturedOn !== undefined) expect(page.capturedOn).toBe(facts.capturedOn);
    if (facts.pageDate !== undefined) expect(page.date).toBe(facts.pageDate);
    if (facts.teasers !== undefined) {
      expect(result.document.teasers.map((teaser) => ({ title: teaser.title, text: teaser.text, date: teaser.date }))).toEqual(
        facts.teasers.map((teaser) => ({ title: teaser.title ?? null, text: teaser.text, date: teaser.date })),
      );
    }
  });
});

/** `value` with only the keys `like` has. */
function pick<T extends object>(value: T, like: object): Partial<T> {
  const kept: Partial<T> = {};
  for (const key of Object.keys(like)) (kept as Record<string, unknown>)[key] = (value as Record<string, unknown>)[key];
  return kept;
}
