/** dprktoday.com's pages, web pages only: articles found by their running text; the portals' own articles carry no dateline. See docs/layouts/dprktoday.md. */
import type { Layout } from './types.js';

export const layout: Layout = {
  name: 'dprktoday',
  endMarkers: false,
  cells: false,
  wrapped: false,
  datelines: false,
};
