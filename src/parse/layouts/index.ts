/**
 * The layouts, in the order a text capture is tested against them: the first whose detect() says
 * yes names the page. A layout is one file in this folder (its name, how its stories end, how its
 * paragraphs wrap, how it is recognised), listed once here; a web page's template (parse/html/sites/)
 * names its layout itself. The schema's enum of page.layout lists the same names (a test checks it).
 */
import { layout as digest } from './digest.js';
import { layout as kcnaCoJpKns } from './kcna-co-jp-kns.js';
import { layout as kcnawatch2019 } from './kcnawatch-2019.js';
import { layout as kcnawatch2024 } from './kcnawatch-2024.js';
import { layout as kcnaCoJpDaily } from './kcna-co-jp-daily.js';
import { layout as listing } from './listing.js';
import { layout as republication } from './republication.js';
import { layout as kcnaKp } from './kcna-kp.js';
import { layout as plain } from './plain.js';
import { layout as kcnaKp2026 } from './kcna-kp-2026.js';
import { layout as rodongSinmun } from './rodong-sinmun.js';
import { layout as uriminzokkiri } from './uriminzokkiri.js';
import { layout as dprktoday } from './dprktoday.js';
import type { Layout, LayoutName, PageFeatures } from './types.js';

export type { Layout, LayoutName, PageFeatures } from './types.js';

/**
 * Every layout, in detection order: plain, which detects everything, last among the text ones; then
 * the layouts only a web page's template names. The same order as the schema's enum.
 */
export const LAYOUTS: readonly Layout[] = [digest, kcnaCoJpKns, kcnawatch2019, kcnawatch2024, kcnaCoJpDaily, listing, republication, kcnaKp, plain, kcnaKp2026, rodongSinmun, uriminzokkiri, dprktoday];

const BY_NAME = new Map<string, Layout>(LAYOUTS.map((layout) => [layout.name, layout]));

/** The layout of a text capture from what its page plan saw. */
export function detectLayout(page: PageFeatures): Layout {
  for (const layout of LAYOUTS) if (layout.detect?.(page)) return layout;
  return plain;
}

/** A layout by its name. */
export function layoutNamed(name: LayoutName): Layout {
  return BY_NAME.get(name) ?? plain;
}
