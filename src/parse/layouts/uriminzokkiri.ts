/** uriminzokkiri.com's pages, web pages only: articles found by their running text; the portals' own articles carry no dateline. See docs/layouts/uriminzokkiri.md. */
import type { Layout } from './types.js';

export const layout: Layout = {
  name: 'uriminzokkiri',
  endMarkers: false,
  cells: false,
  wrapped: false,
  datelines: false,
};
