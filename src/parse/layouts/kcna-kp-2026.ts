/** kcna.kp's article pages from mid-2026 (`/{lang}/article/detail/<hex>`), web pages only: no date on the page. See docs/layouts/kcna-kp-2026.md. */
import type { Layout } from './types.js';

export const layout: Layout = {
  name: 'kcna-kp-2026',
  endMarkers: true,
  cells: false,
  wrapped: false,
  datelines: true,
};
