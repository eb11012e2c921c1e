/** A mailed digest: "TODAY'S NEWS (...)" header, hard-wrapped paragraphs, no end markers. See docs/layouts/digest.md. */
import type { Layout } from './types.js';

export const layout: Layout = {
  name: 'digest',
  endMarkers: false,
  cells: false,
  wrapped: true,
  datelines: true,
  detect: (page) => page.kinds.has('digest-header'),
};
