/**
 * The mark in an HTML report's head that says kcna-parse wrote it. A later run may replace a file
 * holding it within its first REPORT_MARK_WINDOW bytes without --force: it is no saved page.
 * Its own module so that the output checks need not load the report's renderer.
 */
export const GENERATOR_META = '<meta name="generator" content="kcna-parse">';

/** How far into a file the mark is looked for: the head the report writes before it is shorter. */
export const REPORT_MARK_WINDOW = 512;
