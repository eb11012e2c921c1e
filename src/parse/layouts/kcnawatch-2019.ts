/** kcnawatch.org's template of 2019: the 'Date:' line and a 'Share Button'. See docs/layouts/kcnawatch-2019.md. */
import type { Layout } from './types.js';

export const layout: Layout = {
  name: 'kcnawatch-2019',
  endMarkers: true,
  cells: false,
  wrapped: false,
  datelines: true,
  detect: (page) => page.kinds.has('page-date') && page.kinds.has('share'),
};
