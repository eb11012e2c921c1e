/** The dispatch text alone, optionally with a kcnawatch sidebar (the bundled sample): the fallback. See docs/layouts/plain.md. */
import type { Layout } from './types.js';

export const layout: Layout = {
  name: 'plain',
  endMarkers: true,
  cells: false,
  wrapped: false,
  datelines: true,
  detect: () => true,
};
