/** kcna.co.jp's daily pages (1997-2005): several stories, anchored titles, no end markers. See docs/layouts/kcna-co-jp-daily.md. */
import type { Layout } from './types.js';

export const layout: Layout = {
  name: 'kcna-co-jp-daily',
  endMarkers: false,
  cells: false,
  wrapped: false,
  datelines: true,
  detect: (page) => page.anyAnchored || (page.stories > 1 && !page.anyEndMarker && !page.anyCut),
};
