/** A listing page: several stories, or excerpts cut with '[…]'. See docs/layouts/listing.md. */
import type { Layout } from './types.js';

export const layout: Layout = {
  name: 'listing',
  endMarkers: true,
  cells: false,
  wrapped: false,
  datelines: true,
  detect: (page) => page.anyCut || page.stories > 1,
};
