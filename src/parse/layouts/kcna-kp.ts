/** kcna.kp's article pages: the stamp 'www.kcna.kp (...)' and no sidebar. See docs/layouts/kcna-kp.md. */
import type { Layout } from './types.js';

export const layout: Layout = {
  name: 'kcna-kp',
  endMarkers: true,
  cells: false,
  wrapped: false,
  datelines: true,
  detect: (page) => page.anyKcnaKpStamp && page.heading === null,
};
