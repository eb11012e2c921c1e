/** kcna.co.jp's KNS article pages (2008-21): the 'calendar>>' line, table cells, no end markers. See docs/layouts/kcna-co-jp-kns.md. */
import type { Layout } from './types.js';

export const layout: Layout = {
  name: 'kcna-co-jp-kns',
  endMarkers: false,
  cells: true,
  wrapped: false,
  datelines: true,
  detect: (page) => page.kinds.has('calendar'),
};
