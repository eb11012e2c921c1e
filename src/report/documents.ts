/**
 * How the report reads a conversion result. Two seams for the schema to come, so that its arrival
 * changes one place each: a file may hold several dispatches (documentsOf), and a document may
 * carry page.layout, page.mirror and source.story (pageFacts), which 1.0.0 documents do not.
 */
import type { FileSuccess } from '../pipeline/convert.js';
import type { Dispatch } from '../schema/types.js';

/** The dispatches of a converted input, in file order. */
export function documentsOf(result: FileSuccess): readonly Dispatch[] {
  return result.documents;
}

/** A dispatch's place in a file that holds several, as source.story gives it. */
export interface StoryFacts {
  /** 1-based position of the dispatch in its file. */
  index: number;
  /** Number of dispatches in the file. */
  count: number;
}

/**
 * The page-level facts of a document. `undefined` means the document does not carry the field at
 * all (an older schema); `null` means it carries it and the page has none.
 */
export interface PageFacts {
  layout: string | null | undefined;
  mirror: string | null | undefined;
  story: StoryFacts | undefined;
}

/** Reads page.layout, page.mirror and source.story, tolerating documents without them. */
export function pageFacts(document: Dispatch): PageFacts {
  // A document of the later schema always has `page` (its fields null where the page has none);
  // one of schema 1.0.0 has no such key.
  const carried = 'page' in document;
  const page = (document as { page?: unknown }).page;
  const source = document.source as { story?: unknown };
  return {
    layout: carried ? stringOrNull(page, 'layout') : undefined,
    mirror: carried ? stringOrNull(page, 'mirror') : undefined,
    story: storyOf(source.story),
  };
}

function stringOrNull(object: unknown, key: string): string | null {
  if (object === null || typeof object !== 'object') return null;
  const value = (object as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : null;
}

function storyOf(value: unknown): StoryFacts | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const { index, count } = value as { index?: unknown; count?: unknown };
  return typeof index === 'number' && typeof count === 'number' ? { index, count } : undefined;
}
