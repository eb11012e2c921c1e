/** kcnawatch.org's template of 2024: capture dates, 'KCNA KCNA.kp (En)', the 'Date:' line. See docs/layouts/kcnawatch-2024.md. */
import type { Layout } from './types.js';

export const layout: Layout = {
  name: 'kcnawatch-2024',
  endMarkers: true,
  cells: false,
  wrapped: false,
  datelines: true,
  detect: (page) => page.kinds.has('page-date') || page.kinds.has('mirror') || page.captured,
};
