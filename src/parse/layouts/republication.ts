/** A republication crediting KCNA ('... via Korea News Service'). See docs/layouts/republication.md. */
import type { Layout } from './types.js';

export const layout: Layout = {
  name: 'republication',
  endMarkers: true,
  cells: false,
  wrapped: false,
  datelines: true,
  detect: (page) => page.kinds.has('attribution'),
};
