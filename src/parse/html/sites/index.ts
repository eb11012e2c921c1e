/**
 * The site templates, in the order a page is offered to them: the first whose detect() accepts it
 * reads it. A site is one file in this folder, listed once here.
 */
import { dprktoday, uriminzokkiri } from './portals.js';
import { kcnaCoJpDaily } from './kcna-co-jp-daily.js';
import { kcnaCoJpKns } from './kcna-co-jp-kns.js';
import { kcnaKp } from './kcna-kp.js';
import { kcnaKp2026 } from './kcna-kp-2026.js';
import { kcnawatch } from './kcnawatch.js';
import { rodongSinmun } from './rodong-sinmun.js';
import type { SiteTemplate } from './types.js';

export type { SitePage, SiteTemplate } from './types.js';

export const SITES: readonly SiteTemplate[] = [kcnawatch, kcnaKp, kcnaKp2026, rodongSinmun, kcnaCoJpKns, kcnaCoJpDaily, uriminzokkiri, dprktoday];
